// The web server's view of the store: the same database as the CLI, opened so that it cannot
// write. SQLite is opened read-only; PostgreSQL sessions default to read-only transactions.
// No migrations run here: the server only looks at what `xxgk import` has stored.
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import SQLite from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { resilientPool, countReports, type Database, type StoreConfig } from '../../store';

export interface ReadOnlyStore {
  db: Kysely<Database>;
  kind: StoreConfig['kind'];
  location: string;
  close(): Promise<void>;
}

export async function openReadOnlyStore(config: StoreConfig): Promise<ReadOnlyStore> {
  const db = new Kysely<Database>({ dialect: dialectFor(config) });
  try {
    // fails early with a clear message when the store was never filled
    await countReports(db);
  } catch (e) {
    await db.destroy();
    throw new Error(
      `the store at ${describe(config)} has no reports table (run \`xxgk import\` first): ${(e as Error).message}`,
    );
  }
  return { db, kind: config.kind, location: config.location, close: () => db.destroy() };
}

function dialectFor(config: StoreConfig) {
  if (config.kind === 'postgres') {
    const pool = resilientPool({
      connectionString: config.location,
      max: 4,
      options: '-c default_transaction_read_only=on',
    });
    return new PostgresDialect({ pool });
  }
  if (!existsSync(config.location))
    throw new Error(`no store at ${config.location} (set XXGK_DB or DATABASE_URL, or run \`xxgk import\`)`);
  const db = new SQLite(config.location, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 30000');
  // a second lock on the same door: SQLite itself refuses any change on this connection
  db.pragma('query_only = ON');
  return new SqliteDialect({ database: db });
}

/** The location without a password, for messages. */
const describe = (config: StoreConfig) => config.location.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
