// Opens the store: PostgreSQL when DATABASE_URL is set, else SQLite at XXGK_DB or ./xxgk.db.
// Migrations run on open, so every process (CLI, worker, sandboxed parse child) sees the schema.
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema';
import { migrationProvider } from './migrations';
import SQLite from 'better-sqlite3';
import { types } from 'pg';
import { resilientPool, type ConnectionErrorHandler } from './pgPool';
import { config } from '../src/model/config';

// count(*) and bigserial are int8: read them as JS numbers, as SQLite gives them.
types.setTypeParser(20, (v) => Number(v));

export type StoreKind = 'postgres' | 'sqlite';
export interface StoreConfig {
  kind: StoreKind;
  location: string;
}
export interface Store {
  db: Kysely<Database>;
  kind: StoreKind;
  location: string;
  close(): Promise<void>;
}

export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const c = config(env);
  if (c.DATABASE_URL) return { kind: 'postgres', location: c.DATABASE_URL };
  return { kind: 'sqlite', location: c.XXGK_DB };
}

export interface OpenOptions {
  /** told when a PostgreSQL connection drops (default: one line on stderr); the store carries on */
  onConnectionError?: ConnectionErrorHandler;
}

export async function openStore(config: StoreConfig = storeConfigFromEnv(), opts: OpenOptions = {}): Promise<Store> {
  const db = new Kysely<Database>({ dialect: dialectFor(config, opts) });
  await migrate(db);
  return { db, kind: config.kind, location: config.location, close: () => db.destroy() };
}

function dialectFor(config: StoreConfig, opts: OpenOptions) {
  if (config.kind === 'postgres') {
    const pool = resilientPool({ connectionString: config.location, max: 4 }, opts.onConnectionError);
    return new PostgresDialect({ pool });
  }
  const sqlite = new SQLite(config.location);
  // Several processes may write one file (queue workers): WAL and a busy timeout let them wait
  // for each other instead of failing with SQLITE_BUSY.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 30000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  return new SqliteDialect({ database: sqlite });
}

async function migrate(db: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      `store migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
