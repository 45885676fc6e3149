// Test helpers for the store: a fresh SQLite file or a fresh PostgreSQL database per run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { StoreConfig } from '../store';

export const PG_ADMIN = process.env.XXGK_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TempStore {
  config: StoreConfig;
  env: Record<string, string>;
  drop(): Promise<void>;
}

export function tempSqlite(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-store-'));
  const file = join(dir, 'test.db');
  return {
    config: { kind: 'sqlite', location: file },
    env: { XXGK_DB: file },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function tempPostgres(): Promise<TempStore> {
  const name = `xxgk_test_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN.replace(/\/[^/]*$/, `/${name}`);
  return {
    config: { kind: 'postgres', location: url },
    env: { DATABASE_URL: url },
    drop: async () => {
      const c = new Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** both stores, for `describe.each`: each test file runs its cases on SQLite and on PostgreSQL */
export const EACH_STORE: Array<[string, () => Promise<TempStore>]> = [
  ['sqlite', async () => tempSqlite()],
  ['postgres', tempPostgres],
];
