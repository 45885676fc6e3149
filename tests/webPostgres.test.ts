// The same server over PostgreSQL: list filters and search (LIKE with escapes), the report view,
// chart data, and a store connection that refuses to write. Skipped when PostgreSQL is down.
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { Client } from 'pg';
import { buildWebStore, writeInjectedHtml, ROOT, type WebStore } from './webFixture';
import { tempPostgres, PG_ADMIN, type TempStore } from './storeHelpers';
import { openReadOnlyStore, type ReadOnlyStore } from '../apps/web/readOnlyStore';
import { startWebServer, type WebServer } from '../apps/web/server';
import { agencyKey } from '../src/report/agencyName';

let reachable = false;
let pg: TempStore | undefined;
let fixture: WebStore;
let store: ReadOnlyStore;
let server: WebServer;

beforeAll(async () => {
  const probe = new Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
  reachable = await probe.connect().then(
    () => true,
    () => false,
  );
  await probe.end().catch(() => undefined);
  if (!reachable) {
    console.warn(`tests/webPostgres.test.ts skipped: no PostgreSQL at ${PG_ADMIN}`);
    return;
  }
  pg = await tempPostgres();
  fixture = await buildWebStore((dir) => [writeInjectedHtml(dir)], pg.config);
  store = await openReadOnlyStore(pg.config);
  server = await startWebServer({ store, port: 0, baseDir: ROOT });
});

afterAll(async () => {
  await server?.close();
  await store?.close();
  await pg?.drop();
  if (fixture) rmSync(fixture.dir, { recursive: true, force: true });
});

const json = async (path: string) => {
  const res = await fetch(`${server.url}${path}`);
  expect(res.status).toBe(200);
  return res.json() as Promise<any>;
};

test('list, search, report view and charts read PostgreSQL as they read SQLite', async () => {
  if (!reachable) return;
  // one row per report of the dataset: files of one agency and year are its copies; failed files apart
  const entries = new Set(
    [...fixture.records.values()].map((r) =>
      !r.error && r.report.agency && r.report.year !== null
        ? `${agencyKey(r.report.agency)}|${r.report.year}`
        : r.source.sha256,
    ),
  );
  const all = await json('/api/reports');
  expect(all.total).toBe(entries.size);
  expect(all.files).toBe(fixture.records.size);
  const t4 = await json('/api/reports?rule=T4-SUM');
  expect(t4.rows.map((r: any) => r.agency)).toEqual([fixture.records.get('2023-hongzequ-1.pdf')!.report.agency]);
  expect(t4.facets.rule.map((f: any) => f.value)).toEqual(expect.arrayContaining(['T4-SUM', 'T-AMBIGUOUS']));
  expect((await json(`/api/reports?q=${encodeURIComponent('洪泽')}`)).total).toBe(1);
  expect((await json(`/api/reports?q=${encodeURIComponent('洪_区')}`)).total).toBe(0);
  expect((await json(`/api/reports?q=${encodeURIComponent('pwned')}`)).total).toBe(1);
  // the region of each report is read inside PostgreSQL (jsonb), as json_extract does in SQLite
  const regions = [...fixture.records.values()].filter(
    (r) => (r.report as { region?: { province?: string } }).region?.province === '江苏省',
  );
  expect((await json(`/api/reports?region=${encodeURIComponent('江苏省')}`)).total).toBe(
    new Set(regions.map((r) => `${agencyKey(r.report.agency!)}|${r.report.year}`)).size,
  );
  expect((await json('/api/reports?error=any')).rows.map((r: any) => r.errorCode)).toEqual(['ENCRYPTED_PDF']);
  const view = await json(`/api/report/${t4.rows[0].sha256}`);
  expect(view.flags.map((f: any) => f.numbers)).toEqual(['10+1+0+0 = 11 ≠ 0', '5+0+0+0 = 5 ≠ 0']);
  expect(view.originalAvailable).toBe(true);
  const charts = await json('/api/charts');
  expect(charts.ruleShares.find((r: any) => r.rule === 'T4-SUM').failing).toBe(1);
  expect((await json(`/api/charts/agency?agency=${encodeURIComponent('平潭综合实验区')}`)).years).toEqual([2019, 2023]);
});

test('the server’s PostgreSQL sessions are read-only', async () => {
  if (!reachable) return;
  await expect(sql`delete from reports`.execute(store.db)).rejects.toThrow(/read-only/);
});
