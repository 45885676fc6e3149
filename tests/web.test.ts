// `xxgk serve` over HTTP, without a browser: read-only, headers, filters and counts, the report
// view's written-out rules, originals served by hash only, the token in front of /queues.
import { writeFileSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { buildWebStore, writeInjectedHtml, HONGZE, ROOT, PAYLOAD, type WebStore } from './webFixture';
import { openReadOnlyStore, type ReadOnlyStore } from '../apps/web/readOnlyStore';
import { startWebServer, createWebApp, type WebServer } from '../apps/web/server';
import { request } from 'node:http';
import { CSP } from '../apps/web/security';
import { RULE_BY_ID } from '../src/rules/catalog';
import { agencyKey } from '../src/report/agencyName';
import { openStore, saveRecord } from '../store';
import { assertBuilt } from './queueHelpers';
import { inRepo } from './support/fixtures';

const hostileFile = (name: string) => inRepo('tests', 'fixtures', 'hostile', name);

let fixture: WebStore;
let store: ReadOnlyStore;
let server: WebServer;
let editedSha: string;
const TOKEN = 'test-token-3f9c1e';

beforeAll(async () => {
  // a copy that is edited after import: its stored hash no longer matches the file
  fixture = await buildWebStore((dir) => {
    const edited = join(dir, 'edited.txt');
    writeFileSync(edited, readFileSync(join(ROOT, 'samples/text/2021-changguo-1.txt'), 'utf8') + '\n（副本）\n');
    return [writeInjectedHtml(dir), edited];
  });
  editedSha = fixture.records.get('edited.txt')!.source.sha256;
  writeFileSync(join(fixture.dir, 'edited.txt'), readFileSync(join(fixture.dir, 'edited.txt'), 'utf8') + '\n改动');
  store = await openReadOnlyStore({ kind: 'sqlite', location: fixture.dbPath });
  server = await startWebServer({ store, port: 0, baseDir: ROOT, token: TOKEN });
});

afterAll(async () => {
  await server?.close();
  await store?.close();
  if (fixture) rmSync(fixture.dir, { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, { redirect: 'manual', ...init });
const json = async <T = any>(path: string): Promise<T> => {
  const res = await get(path);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};
const hongzeSha = () => fixture.records.get('2023-hongzequ-1.pdf')!.source.sha256;

test('listens on 127.0.0.1 by default and puts the CSP on every response', async () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  for (const path of [
    '/',
    '/charts',
    `/report/${hongzeSha()}`,
    '/api/reports',
    '/assets/report.js',
    '/vendor/chart.umd.min.js',
    '/nope',
  ]) {
    const res = await get(path);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  }
  expect(CSP).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(CSP).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
});

test('no write action without the token; the store itself is opened read-only', async () => {
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    expect((await get('/api/reports', { method })).status).toBe(405);
    expect((await get(`/report/${hongzeSha()}`, { method, headers: { authorization: 'Bearer wrong' } })).status).toBe(
      405,
    );
  }
  // with the token the guard lets it through, and there is still nothing that writes
  expect((await get('/api/reports', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
    404,
  );
  const outcome = await sql`delete from reports`.execute(store.db).then(
    (r) => `resolved ${JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`,
    (e: Error) => e.message,
  );
  expect(outcome).toMatch(/readonly/i);
});

/**
 * The list's entries as the dataset groups them: one per agency key and year (a file without
 * either is its own), one per failed file.
 */
function expectedEntries() {
  const records = [...fixture.records.values()];
  const groups = new Map<string, typeof records>();
  for (const r of records) {
    const key =
      !r.error && r.report.agency && r.report.year !== null
        ? `${agencyKey(r.report.agency)}|${r.report.year}`
        : r.source.sha256;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()];
}

test('reports list: one row per report, filters, search and counts', async () => {
  const entries = expectedEntries();
  const entriesWith = (rule: string) => entries.filter((g) => g.some((r) => r.flags.some((f) => f.rule === rule)));
  const all = await json('/api/reports');
  expect(all.total).toBe(entries.length);
  expect(all.stored).toBe(entries.length);
  expect(all.files).toBe(fixture.records.size);
  expect(entries.length).toBeLessThan(fixture.records.size); // the 上海 2019 files are one report
  const t4 = await json('/api/reports?rule=T4-SUM');
  expect(t4.rows.map((r: any) => r.agencyKey)).toEqual(['洪泽区人民政府']);
  expect(t4.rows[0].rules).toEqual([{ rule: 'T4-SUM', count: 2, description: RULE_BY_ID.get('T4-SUM')!.description }]);
  // a menu counts against the other filters, so every rule stays offered while one is chosen
  expect(t4.facets.rule).toEqual(
    expect.arrayContaining([
      { value: 'T4-SUM', count: 1 },
      { value: 'T-AMBIGUOUS', count: entriesWith('T-AMBIGUOUS').length },
    ]),
  );
  expect(entriesWith('T-AMBIGUOUS').length).toBeGreaterThan(0);
  expect((await json('/api/reports?year=2019')).total).toBe(entries.filter((g) => g[0].report.year === 2019).length);
  const withText = entries.filter((g) => g.some((r) => r.source.format === 'text'));
  // edited.txt is a second copy of 昌国 2021: one report, two files
  expect(withText.some((g) => g.length === 2)).toBe(true);
  // copies of one layout: the best copy's is theirs
  expect(withText.every((g) => new Set(g.map((r) => r.report.layout)).size === 1)).toBe(true);
  expect((await json('/api/reports?format=text')).total).toBe(withText.length);
  expect((await json('/api/reports?layout=2021&format=text')).total).toBe(
    withText.filter((g) => g[0].report.layout === '2021').length,
  );
  const errors = await json('/api/reports?error=any');
  expect(errors.rows.map((r: any) => r.errorCode)).toEqual(['ENCRYPTED_PDF']);
  expect(errors.rows[0].status).toBe('error');
  expect((await json('/api/reports?error=ENCRYPTED_PDF')).total).toBe(1);
  expect((await json('/api/reports?error=none')).total).toBe(entries.length - 1);
  expect((await json(`/api/reports?q=${encodeURIComponent('洪泽')}`)).total).toBe(1);
  expect((await json(`/api/reports?q=${encodeURIComponent('平潭 2023')}`)).total).toBe(1);
  expect((await json(`/api/reports?agency=${encodeURIComponent('平潭综合实验区')}`)).total).toBe(2);
  // wildcards in the search are literal characters
  expect((await json(`/api/reports?q=${encodeURIComponent('洪%区')}`)).total).toBe(0);
  expect((await json(`/api/reports?q=${encodeURIComponent('洪_区')}`)).total).toBe(0);
  // the search reads every copy's title: the injected copy's markup text finds its report
  const hostile = entries.filter((g) =>
    g.some((r) => `${r.report.agency ?? ''} ${r.report.title ?? ''}`.includes('pwned')),
  ).length;
  expect(hostile).toBeGreaterThan(0);
  expect((await json(`/api/reports?q=${encodeURIComponent('pwned')}`)).total).toBe(hostile);
  const page = await json('/api/reports?limit=3&offset=3');
  expect(page.rows).toHaveLength(Math.min(3, entries.length - 3));
  expect(page.total).toBe(entries.length);
  const facets = all.facets;
  expect(facets.format).toEqual(
    expect.arrayContaining([
      { value: 'pdf', count: entries.filter((g) => g.some((r) => r.source.format === 'pdf')).length },
      { value: 'text', count: withText.length },
    ]),
  );
  // sorting: by cells, descending; rows without a year last whichever the direction
  const byCells = (await json('/api/reports?sort=cells&dir=desc')).rows.map((r: any) => r.cellCount);
  expect(byCells).toEqual([...byCells].sort((a: number, b: number) => b - a));
  for (const dir of ['asc', 'desc']) {
    const years = (await json(`/api/reports?sort=year&dir=${dir}`)).rows.map((r: any) => r.year);
    const known = years.filter((y: number | null) => y !== null);
    expect(years.slice(0, known.length)).toEqual(
      [...known].sort((a: number, b: number) => (dir === 'asc' ? a - b : b - a)),
    );
  }
});

test('report view: both sides written out, tables as printed, not-assessable rules with their cells', async () => {
  const view = await json(`/api/report/${hongzeSha()}`);
  const hongze = fixture.records.get('2023-hongzequ-1.pdf')!.report;
  expect(hongze.agency).toMatch(/洪泽区人民政府$/);
  expect(view).toMatchObject({
    agency: hongze.agency,
    year: 2023,
    format: 'pdf',
    path: HONGZE,
    originalAvailable: true,
  });
  expect(view.flags.map((f: any) => f.numbers)).toEqual(['10+1+0+0 = 11 ≠ 0', '5+0+0+0 = 5 ≠ 0']);
  expect(view.flags[0].keys).toBe('review.upheld+review.corrected+review.other+review.pending = 11 ≠ review.total = 0');
  const review = view.tables.find((t: any) => t.table === 'reviewLitigation');
  expect(review.parts[0].head[0].map((c: any) => c.text)).toEqual(['行政复议', '行政诉讼']);
  expect(review.parts[0].rows[0].cells.map((c: any) => c.raw)).toEqual([
    '10',
    '1',
    '0',
    '0',
    '0',
    '0',
    '0',
    '0',
    '0',
    '0',
    '5',
    '0',
    '0',
    '0',
    '0',
  ]);
  const apps = view.tables.find((t: any) => t.table === 'applications');
  expect(apps.parts[0].rows.filter((r: any) => 'group' in r).map((r: any) => r.group)).toEqual([
    '三、本年度办理结果',
    '（三）不予公开',
    '（四）无法提供',
    '（五）不予处理',
  ]);
  expect(view.sections[0].title).toBe('总体情况');

  const html = await json(`/api/report/${fixture.records.get('2019-shanghai-bgt-1.html')!.source.sha256}`);
  const t4 = html.notAssessable.find((r: any) => r.rule === 'T4-SUM');
  // 行政复议 and 直接起诉 print their 总计, so their blanks read as 0; 复议后起诉 is all blank
  expect(t4).toMatchObject({ status: 'pass', checks: 3, notAssessable: 1 });
  expect(t4.missing).toContain('reviewLitigation|litigationAfterReview|total');
  const blank = html.tables
    .find((t: any) => t.table === 'reviewLitigation')
    .parts[0].rows[0].cells.find((c: any) => c.key === 'reviewLitigation|litigationAfterReview|total');
  expect(blank.raw === null || blank.raw === '').toBe(true);

  expect((await get(`/api/report/${'0'.repeat(64)}`)).status).toBe(404);
  expect((await get('/api/report/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
});

test('hostile text is data: JSON only, the pages carry none of it', async () => {
  const sha = fixture.records.get('injected-report.html')!.source.sha256;
  const res = await get(`/api/report/${sha}`);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect((await res.json()).title).toContain(PAYLOAD);
  const page = await (await get(`/report/${sha}`)).text();
  expect(page).not.toContain('__pwned');
});

test('originals are served by hash only, as downloads, and only while the bytes match', async () => {
  const res = await get(`/file/${hongzeSha()}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${hongzeSha()}.pdf"`);
  expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
  expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(HONGZE))).toBe(true);

  const injected = await get(`/file/${fixture.records.get('injected-report.html')!.source.sha256}`);
  expect(injected.headers.get('content-type')).toBe('application/octet-stream');
  expect(injected.headers.get('content-disposition')).toMatch(/^attachment/);

  expect((await get(`/file/${editedSha}`)).status).toBe(404);
  expect((await get(`/api/report/${editedSha}/text?line=3`)).status).toBe(404);
  for (const bad of [
    '/file/..%2F..%2Fetc%2Fpasswd',
    '/file/%2Fetc%2Fpasswd',
    `/file/${'f'.repeat(64)}`,
    '/file/samples%2Ftext%2F2021-changguo-1.txt',
  ]) {
    expect((await get(bad)).status).toBe(404);
  }
});

test('source excerpts: the parsed HTML/DOCX table and the text lines', async () => {
  for (const file of ['2019-shanghai-bgt-1.html', '2019-shanghai-bgt-1.docx']) {
    const record = fixture.records.get(file)!;
    const cell = record.cells.find((c) => c.table === 'applications' && c.row === 'newReceived' && c.col === 'total')!;
    const excerpt = await json(`/api/report/${record.source.sha256}/table/${cell.source.table}`);
    const slot = excerpt.rows.flat().find((s: any) => s.row === cell.source.row && s.cell === cell.source.cell);
    expect(slot.text).toBe(cell.raw);
  }
  const text = fixture.records.get('2021-changguo-1.txt')!;
  const cell = text.cells.find((c) => c.table === 'applications' && c.row === 'newReceived' && c.col === 'total')!;
  const lines = await json(`/api/report/${text.source.sha256}/text?line=${cell.source.line}`);
  expect(lines.lines[cell.source.line! - lines.first]).toContain(cell.raw);
  expect((await get(`/api/report/${hongzeSha()}/table/0`)).status).toBe(404);
});

test('a stored file whose parse passes the time limit gives a clear error, the server keeps answering', async () => {
  assertBuilt();
  // a report whose original now takes longer to parse than the limit (seconds of mammoth work):
  // the record of the DOCX sample, pointed at the hostile file
  const docx = fixture.records.get('2019-shanghai-bgt-1.docx')!;
  const html = fixture.records.get('2019-shanghai-bgt-1.html')!;
  const slowPath = join(fixture.dir, 'slow.docx');
  copyFileSync(hostileFile('many-paragraphs.docx'), slowPath);
  const slowSha = createHash('sha256').update(readFileSync(slowPath)).digest('hex');
  const dbPath = join(fixture.dir, 'slow.db');
  const writable = await openStore({ kind: 'sqlite', location: dbPath });
  try {
    await saveRecord(writable.db, html);
    await saveRecord(writable.db, { ...docx, source: { ...docx.source, path: slowPath, sha256: slowSha } });
  } finally {
    await writable.close();
  }
  const slowStore = await openReadOnlyStore({ kind: 'sqlite', location: dbPath });
  const slowServer = await startWebServer({
    store: slowStore,
    port: 0,
    baseDir: ROOT,
    sourcePool: { timeoutMs: 3000 },
  });
  const at = (path: string) => fetch(`${slowServer.url}${path}`);
  try {
    const newReceived = (r: typeof docx) =>
      r.cells.find((c) => c.table === 'applications' && c.row === 'newReceived' && c.col === 'total')!;
    const slow = at(`/api/report/${slowSha}/table/${newReceived(docx).source.table}`);
    // while the parse thread works, the server answers
    expect((await at('/api/reports')).status).toBe(200);
    const res = await slow;
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; code: string };
    expect(body.code).toBe('TIMEOUT');
    expect(body.error).toMatch(/longer than 3000 ms/);
    // the next table is read on a fresh thread
    const cell = newReceived(html);
    const next = await at(`/api/report/${html.source.sha256}/table/${cell.source.table}`);
    expect(next.status).toBe(200);
    const excerpt = (await next.json()) as { rows: Array<Array<{ row: number; cell: number; text: string }>> };
    expect(excerpt.rows.flat().find((s) => s.row === cell.source.row && s.cell === cell.source.cell)?.text).toBe(
      cell.raw,
    );
  } finally {
    await slowServer.close();
    await slowStore.close();
  }
});

test('charts data: per year and layout, rule shares, one agency across years', async () => {
  const charts = await json('/api/charts');
  const total = charts.perYearLayout.reduce((a: number, r: any) => a + r.count, 0);
  expect(total).toBe(fixture.records.size);
  const t4 = charts.ruleShares.find((r: any) => r.rule === 'T4-SUM');
  expect(t4).toMatchObject({ failing: 1, assessed: fixture.records.size - 1 });
  const history = await json(`/api/charts/agency?agency=${encodeURIComponent('平潭综合实验区')}`);
  expect(history.years).toEqual([2019, 2023]);
  expect(history.series.find((s: any) => s.key === 'newReceived').values).toHaveLength(2);
  expect((await get('/api/charts/agency')).status).toBe(400);
});

describe('/queues', () => {
  test('is off without Redis', async () => {
    expect((await get('/queues')).status).toBe(404);
  });

  test('with Redis: Bull Board behind the token, a session cookie scoped to /queues, read-only', async () => {
    const prefix = process.env.XXGK_QUEUE_PREFIX;
    process.env.XXGK_QUEUE_PREFIX = `xxgk-webtest-${process.pid}`;
    const withQueues = await startWebServer({ store, port: 0, baseDir: ROOT, token: TOKEN, redis: true });
    try {
      const at = (path: string, init?: RequestInit) =>
        fetch(`${withQueues.url}${path}`, { redirect: 'manual', ...init });
      expect((await at('/queues/')).status).toBe(401);
      expect((await at('/queues/?token=wrong')).status).toBe(401);
      // the documented address: /queues?token=… → a session, then the board at /queues/ (its <base href>)
      const login = await at(`/queues?token=${encodeURIComponent(TOKEN)}`);
      expect(login.status).toBe(301);
      expect(login.headers.get('location')).toBe(`/queues/?token=${encodeURIComponent(TOKEN)}`);
      const session = await at(login.headers.get('location')!);
      expect(session.status).toBe(303);
      expect(session.headers.get('location')).toBe('/queues/');
      const cookie = session.headers.get('set-cookie')!;
      expect(cookie).toMatch(/; HttpOnly; SameSite=Strict; Path=\/queues; Max-Age=\d+$/);
      expect(cookie).not.toContain(TOKEN); // a session id, not the token
      const board = await at('/queues/', { headers: { cookie: cookie.split(';')[0] } });
      expect(board.status).toBe(200);
      expect(board.headers.get('x-powered-by')).toBeNull();
      expect(board.headers.get('content-security-policy')).toContain("base-uri 'self'");
      expect(await board.text()).toContain('__UI_CONFIG__');
      const api = await at('/queues/api/queues', { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(api.status).toBe(200);
      const names = ((await api.json()) as { queues: Array<{ name: string; readOnlyMode: boolean }> }).queues;
      expect(names.map((q) => q.name).sort()).toEqual(['ingest', 'parse']);
      expect(names.every((q) => q.readOnlyMode)).toBe(true);
      // a write to the board without the token stops at the guard; with it, a read-only board refuses
      expect((await at('/queues/api/queues/parse/retry/failed', { method: 'PUT' })).status).toBe(405);
      expect(
        (
          await at('/queues/api/queues/parse/retry/failed', {
            method: 'PUT',
            headers: { authorization: `Bearer ${TOKEN}` },
          })
        ).status,
      ).toBe(403);
    } finally {
      await withQueues.close();
      if (prefix === undefined) delete process.env.XXGK_QUEUE_PREFIX;
      else process.env.XXGK_QUEUE_PREFIX = prefix;
    }
  });

  test('--writable: retry and remove only, and only from a page of this server', async () => {
    const prefix = process.env.XXGK_QUEUE_PREFIX;
    process.env.XXGK_QUEUE_PREFIX = `xxgk-webtest-w-${process.pid}`;
    const writable = await startWebServer({ store, port: 0, baseDir: ROOT, token: TOKEN, redis: true, writable: true });
    try {
      const own = writable.url;
      const login = await fetch(`${own}/queues/?token=${TOKEN}`, { redirect: 'manual' });
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const put = (path: string, origin: string, method = 'PUT') =>
        fetch(`${own}/queues/api/queues/parse${path}`, {
          method,
          headers: { cookie, origin, 'content-type': 'application/json' },
          body: '{}',
        });
      // another local port: refused, whatever the write
      expect((await put('/retry/failed', 'http://127.0.0.1:1')).status).toBe(403);
      expect((await put('/somejob/clean', 'http://localhost:9')).status).toBe(403);
      // from the board itself: retry and remove reach Bull Board; add, pause, clean, empty do not
      expect((await put('/retry/failed', own)).status).not.toBe(403);
      expect((await put('/nosuchjob/retry', own)).status).not.toBe(403);
      expect((await put('/nosuchjob/clean', own)).status).not.toBe(403);
      for (const [path, method] of [
        ['/add', 'POST'],
        ['/pause', 'PUT'],
        ['/clean/completed', 'PUT'],
        ['/empty', 'PUT'],
        ['/obliterate', 'PUT'],
      ]) {
        expect((await put(path, own, method)).status).toBe(403);
      }
      expect(
        (await fetch(`${own}/queues/api/queues/pause`, { method: 'PUT', headers: { cookie, origin: own } })).status,
      ).toBe(403);
      // a cookie-less script must use the Bearer header; without Origin and without it, refused
      expect(
        (await fetch(`${own}/queues/api/queues/parse/retry/failed`, { method: 'PUT', headers: { cookie } })).status,
      ).toBe(403);
    } finally {
      await writable.close();
      if (prefix === undefined) delete process.env.XXGK_QUEUE_PREFIX;
      else process.env.XXGK_QUEUE_PREFIX = prefix;
    }
  });
});

describe('hosts and exposure', () => {
  /** node's fetch cannot set Host: a raw request can, as a rebinding page's browser would */
  const withHost = (url: string, host: string, path = '/api/reports') =>
    new Promise<number>((resolve, reject) => {
      const u = new URL(url);
      request({ host: u.hostname, port: u.port, path, headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
        .on('error', reject)
        .end();
    });

  test('only the host names the server was started for are answered (DNS rebinding)', async () => {
    const port = new URL(server.url).port;
    expect(await withHost(server.url, `127.0.0.1:${port}`)).toBe(200);
    expect(await withHost(server.url, `localhost:${port}`)).toBe(200);
    expect(await withHost(server.url, `attacker.example:${port}`)).toBe(421);
    expect(await withHost(server.url, `127.0.0.1.attacker.example`)).toBe(421);
    const named = await startWebServer({ store, port: 0, baseDir: ROOT, allowedHosts: ['review.example.org'] });
    try {
      expect(await withHost(named.url, 'review.example.org:8080')).toBe(200);
      expect(await withHost(named.url, 'other.example.org')).toBe(421);
    } finally {
      await named.close();
    }
  });

  test('off loopback every page needs the token, and no token means no server', async () => {
    expect(() => createWebApp({ store, host: '0.0.0.0', port: 0 })).toThrow(/needs a token/);
    const open = await startWebServer({ store, host: '0.0.0.0', port: 0, baseDir: ROOT, token: TOKEN });
    try {
      const at = (path: string, init?: RequestInit) =>
        fetch(`http://127.0.0.1:${new URL(open.url).port}${path}`, { redirect: 'manual', ...init });
      for (const path of ['/', '/charts', '/api/reports', `/file/${hongzeSha()}`, '/assets/list.js'])
        expect((await at(path)).status).toBe(401);
      expect((await at('/api/reports', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
      const login = await at(`/charts?token=${TOKEN}`);
      expect(login.status).toBe(303);
      expect(login.headers.get('set-cookie')).toMatch(/Path=\/;/);
      expect(
        (await at('/api/reports', { headers: { cookie: login.headers.get('set-cookie')!.split(';')[0] } })).status,
      ).toBe(200);
    } finally {
      await open.close();
    }
  });

  test('no X-Powered-By; a port in use is one clear error', async () => {
    expect((await get('/')).headers.get('x-powered-by')).toBeNull();
    expect((await get('/nope')).headers.get('x-powered-by')).toBeNull();
    const port = Number(new URL(server.url).port);
    await expect(startWebServer({ store, port, baseDir: ROOT })).rejects.toThrow(
      new RegExp(`port ${port} on 127.0.0.1 is in use`),
    );
  });
});
