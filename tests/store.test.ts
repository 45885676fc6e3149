// The store on SQLite and on PostgreSQL: same schema, same behaviour. Records come from the real
// pipeline on real corpus files.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { parseReport } from '../pipeline/parseReport';
import type { ReportRecord } from '../src/model/record';
import {
  openStore,
  saveRecord,
  countReports,
  iterateReports,
  iterateCells,
  storedHashes,
  loadRecord,
  versionKey,
  watchUrl,
  putWatchUrl,
  type Store,
} from '../store';
import { PARSER_VERSION } from '../src/model/version';
import { migrationProvider } from '../store/migrations';
import { EACH_STORE, type TempStore } from './storeHelpers';
import { CORPUS } from './support/fixtures';

const files = readdirSync(CORPUS)
  .filter((f) => /\.(txt|html)$/.test(f))
  .map((f) => join(CORPUS, f));

async function records(): Promise<ReportRecord[]> {
  return Promise.all(files.map((f) => parseReport(readFileSync(f), { path: f })));
}

test('versionKey orders versions numerically', () => {
  expect(versionKey('0.10.0') > versionKey('0.9.0')).toBe(true);
  expect(versionKey('1.0.0') > versionKey('0.99.99')).toBe(true);
});

describe.each(EACH_STORE)('store on %s', (_kind, make) => {
  let temp: TempStore;
  let store: Store;
  let recs: ReportRecord[];
  beforeAll(async () => {
    temp = await make();
    store = await openStore(temp.config);
    recs = await records();
  });
  afterAll(async () => {
    await store?.close();
    await temp?.drop();
  });

  test('stores each record once with its cells and flags, and reads them back', async () => {
    for (const r of recs) expect(await saveRecord(store.db, r)).toBe('inserted');
    for (const r of recs) expect(await saveRecord(store.db, r)).toBe('unchanged');
    const counts = await countReports(store.db);
    const distinct = new Set(recs.map((r) => r.source.sha256));
    expect(counts.stored).toBe(distinct.size);
    expect(counts.cells).toBe(recs.reduce((n, r) => n + r.cells.length, 0));
    let cells = 0;
    for await (const c of iterateCells(store.db)) {
      cells++;
      expect(distinct.has(c.sha256)).toBe(true);
    }
    expect(cells).toBe(counts.cells);
    const summaries = [];
    for await (const s of iterateReports(store.db)) summaries.push(s);
    expect(summaries.map((s) => s.flagCount).reduce((a, b) => a + b, 0)).toBe(
      recs.reduce((n, r) => n + r.flags.length, 0),
    );
    const withFlags = recs.find((r) => r.flags.length > 0);
    if (withFlags) {
      const s = summaries.find((x) => x.sha256 === withFlags.source.sha256)!;
      expect(s.flags.map((f) => f.rule)).toEqual(withFlags.flags.map((f) => f.rule));
    }
    expect(await loadRecord(store.db, recs[0].source.sha256)).toEqual(JSON.parse(JSON.stringify(recs[0])));
    expect((await storedHashes(store.db, [...distinct], PARSER_VERSION)).size).toBe(distinct.size);
  });

  test('a report delivered twice at once is stored once, with both sources', async () => {
    // PostgreSQL: two connections race. SQLite: better-sqlite3 is synchronous, so two connections
    // in one thread would wait on each other for the whole busy timeout; across processes (queue
    // workers) they wait for the lock. One connection still interleaves the transactions.
    const second = temp.config.kind === 'postgres' ? await openStore(temp.config) : store;
    try {
      const r = { ...recs[0], source: { ...recs[0].source, sha256: 'f'.repeat(64) } };
      const other = { ...r, source: { ...r.source, path: '/elsewhere/copy.txt' } };
      const outcomes = await Promise.all([
        saveRecord(store.db, r),
        saveRecord(second.db, other),
        saveRecord(store.db, r),
        saveRecord(second.db, other),
      ]);
      expect(outcomes.filter((o) => o === 'inserted')).toHaveLength(1);
      const n = await store.db
        .selectFrom('reports')
        .select(sql<number>`count(*)`.as('n'))
        .where('sha256', '=', r.source.sha256)
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(1);
      const cells = await store.db
        .selectFrom('cells')
        .select(sql<number>`count(*)`.as('n'))
        .where('sha256', '=', r.source.sha256)
        .executeTakeFirstOrThrow();
      expect(Number(cells.n)).toBe(r.cells.length);
      const sources = await store.db
        .selectFrom('sources')
        .select('location')
        .where('sha256', '=', r.source.sha256)
        .execute();
      expect(sources.map((s) => s.location).sort()).toEqual([r.source.path, '/elsewhere/copy.txt'].sort());
    } finally {
      if (second !== store) await second.close();
    }
  });

  test('a newer parser version replaces the result in one piece; an older one does not', async () => {
    const base = recs.find((r) => r.cells.length > 0) ?? recs[0];
    const sha = base.source.sha256;
    const newer: ReportRecord = { ...base, parser: { version: '99.0.0' }, cells: base.cells.slice(0, 1), flags: [] };
    expect(await saveRecord(store.db, newer)).toBe('replaced');
    const older: ReportRecord = { ...base, parser: { version: '0.0.1' } };
    expect(await saveRecord(store.db, older)).toBe('unchanged');
    const row = await store.db.selectFrom('reports').selectAll().where('sha256', '=', sha).executeTakeFirstOrThrow();
    expect(row.parser_version).toBe('99.0.0');
    const cells = await store.db
      .selectFrom('cells')
      .select(sql<number>`count(*)`.as('n'))
      .where('sha256', '=', sha)
      .executeTakeFirstOrThrow();
    expect(Number(cells.n)).toBe(newer.cells.length);
    // a failing replacement (a cell that violates NOT NULL) leaves the old result whole
    const broken = {
      ...base,
      parser: { version: '100.0.0' },
      cells: [{ ...base.cells[0], raw: null as unknown as string }],
    } as ReportRecord;
    if (base.cells.length) {
      // (not toThrow: once another test file has loaded better-sqlite3, its errors come from that
      // file's realm and are not `instanceof Error` here)
      await expect(saveRecord(store.db, broken)).rejects.toHaveProperty(
        'message',
        expect.stringMatching(/NOT NULL|null value/i),
      );
      const after = await store.db
        .selectFrom('reports')
        .select('parser_version')
        .where('sha256', '=', sha)
        .executeTakeFirstOrThrow();
      expect(after.parser_version).toBe('99.0.0');
      const c2 = await store.db
        .selectFrom('cells')
        .select(sql<number>`count(*)`.as('n'))
        .where('sha256', '=', sha)
        .executeTakeFirstOrThrow();
      expect(Number(c2.n)).toBe(newer.cells.length);
    }
  });
});

describe.each(EACH_STORE)('watch_urls on %s', (_kind, make) => {
  test('is created by the migrations, and a table the watcher made itself before them is kept', async () => {
    const fresh = await make();
    const old = await make();
    try {
      const store = await openStore(fresh.config);
      try {
        await putWatchUrl(store.db, {
          url: 'https://www.example.gov.cn/a.html',
          source_id: 's',
          kind: 'detail',
          etag: '"1"',
          last_modified: null,
          links: null,
          sha256: null,
          outcome: 'new',
          checked_at: '2024-01-01T00:00:00Z',
        });
        await putWatchUrl(store.db, {
          url: 'https://www.example.gov.cn/a.html',
          source_id: 's',
          kind: 'detail',
          etag: '"2"',
          last_modified: null,
          links: null,
          sha256: null,
          outcome: 'knownContent',
          checked_at: '2024-01-02T00:00:00Z',
        });
        expect(await watchUrl(store.db, 'https://www.example.gov.cn/a.html')).toMatchObject({
          etag: '"2"',
          outcome: 'knownContent',
        });
        expect(await watchUrl(store.db, 'https://www.example.gov.cn/b.html')).toBeUndefined();
      } finally {
        await store.close();
      }
      // a store from before migration 0002: 0001 applied, watch_urls made by the watcher, with a row
      const early = await openStore(old.config);
      const later = await migrationProvider.getMigrations();
      for (const name of Object.keys(later)
        .sort()
        .reverse()
        .filter((n) => n >= '0003'))
        await later[name].down!(early.db);
      await early.db.schema.dropTable('watch_urls').execute();
      await sql`delete from kysely_migration where name >= '0002'`.execute(early.db);
      await sql`create table watch_urls (url text primary key, source_id text not null, kind text not null,
        etag text, last_modified text, links text, sha256 text, outcome text, checked_at text not null)`.execute(
        early.db,
      );
      await sql`insert into watch_urls (url, source_id, kind, checked_at)
        values ('https://x.gov.cn/', 's', 'list', '2023')`.execute(early.db);
      await early.close();
      const reopened = await openStore(old.config);
      try {
        expect(await watchUrl(reopened.db, 'https://x.gov.cn/')).toMatchObject({ kind: 'list' });
        const names = (
          await sql<{ name: string }>`select name from kysely_migration order by name`.execute(reopened.db)
        ).rows.map((r) => r.name);
        expect(names).toContain('0002_watch_urls');
      } finally {
        await reopened.close();
      }
    } finally {
      await fresh.drop();
      await old.drop();
    }
  });
});
