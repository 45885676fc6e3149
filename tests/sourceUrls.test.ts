// `xxgk parse` and `xxgk import` with --url and --manifest (CSV path,url or JSON Lines, paths
// relative to the manifest): the URL reaches source.url, and the site settles what the text
// leaves open (a street office's district).
import { copyFileSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { assertBuilt, cli } from './queueHelpers';
import { WILD_PAGES } from './support/fixtures';

jest.setTimeout(120_000);
let dir: string;
// a street office whose text names neither its district nor its city; its site does
const PAGE = join(WILD_PAGES, 'p036.txt');
const URL_OF_PAGE = 'https://www.haizhu.gov.cn/zwgk/zfxxgknb/jd/content/post_9472698.html';
const OTHER = join(WILD_PAGES, 'p022.txt');

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'xxgk-urls-'));
  mkdirSync(join(dir, 'pages'));
  copyFileSync(PAGE, join(dir, 'pages', 'a.txt'));
  copyFileSync(OTHER, join(dir, 'pages', 'b.txt'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const records = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));

test('parse --url: the URL is the source and its site settles the district', async () => {
  const without = records((await cli(['parse', PAGE], {})).stdout)[0];
  expect(without.source.url).toBeUndefined();
  expect(without.report.agency).not.toBe('广州市海珠区官洲街道办事处');
  const r = await cli(['parse', '--url', URL_OF_PAGE, PAGE], {});
  expect(r.code).toBe(0);
  const rec = records(r.stdout)[0];
  expect(rec.source.url).toBe(URL_OF_PAGE);
  expect(rec.report.agency).toBe('广州市海珠区官洲街道办事处');
  expect(rec.report.region).toMatchObject({ code: '440105', province: '广东省', city: '广州市', county: '海珠区' });
});

test("parse --manifest (CSV, relative paths): the manifest's files in its order, each with its URL", async () => {
  const manifest = join(dir, 'm.csv');
  writeFileSync(
    manifest,
    `path,url\npages/b.txt,https://yjj.km.gov.cn/c/2023-01-28/4655505.shtml\n"pages/a.txt",${URL_OF_PAGE}\n`,
  );
  const r = await cli(['parse', '--manifest', manifest], {});
  expect(r.code).toBe(0);
  const recs = records(r.stdout);
  expect(recs.map((x) => x.source.path)).toEqual([join(dir, 'pages', 'b.txt'), join(dir, 'pages', 'a.txt')]);
  expect(recs.map((x) => x.source.url)).toEqual(['https://yjj.km.gov.cn/c/2023-01-28/4655505.shtml', URL_OF_PAGE]);
  expect(recs[1].report.agency).toBe('广州市海珠区官洲街道办事处');
});

test('parse --manifest (JSON Lines) with files named: the named files get their manifest URL', async () => {
  const manifest = join(dir, 'm.jsonl');
  writeFileSync(
    manifest,
    JSON.stringify({ path: 'pages/a.txt', url: URL_OF_PAGE }) + '\n' + JSON.stringify({ path: 'pages/b.txt' }) + '\n',
  );
  const r = await cli(['parse', '--manifest', manifest, join(dir, 'pages', 'a.txt'), join(dir, 'pages', 'b.txt')], {});
  const recs = records(r.stdout);
  expect(recs[0].source.url).toBe(URL_OF_PAGE);
  expect(recs[1].source.url).toBeUndefined();
});

test("parse --manifest whose paths are from the working directory (not the manifest's folder)", async () => {
  const elsewhere = mkdtempSync(join(tmpdir(), 'xxgk-manifest-'));
  try {
    const manifest = join(elsewhere, 'm.csv');
    writeFileSync(manifest, `path,url\n${relative(process.cwd(), PAGE)},${URL_OF_PAGE}\n`);
    const recs = records((await cli(['parse', '--manifest', manifest, relative(process.cwd(), PAGE)], {})).stdout);
    expect(recs.map((x) => x.source.url)).toEqual([URL_OF_PAGE]);
    expect(recs[0].report.agency).toBe('广州市海珠区官洲街道办事处');
    // a file at that path in the manifest's folder is the one meant
    const rel = relative(process.cwd(), PAGE);
    mkdirSync(join(elsewhere, dirname(rel)), { recursive: true });
    copyFileSync(OTHER, join(elsewhere, rel));
    const inFolder = records((await cli(['parse', '--manifest', manifest], {})).stdout);
    expect(inFolder.map((x) => x.source.path)).toEqual([join(elsewhere, rel)]);
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

test('usage errors: --url for two files, a manifest without its header, a bad URL', async () => {
  expect((await cli(['parse', '--url', URL_OF_PAGE, PAGE, OTHER], {})).code).toBe(64);
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'file,link\npages/a.txt,x\n');
  const r = await cli(['parse', '--manifest', bad], {});
  expect(r.code).toBe(64);
  expect(r.stderr).toMatch(/path,url/);
  expect((await cli(['parse', '--url', 'not a url', PAGE], {})).code).toBe(64);
  expect(
    (await cli(['import', '--url', 'not a url', PAGE], { XXGK_DB: join(dir, 'x.db'), DATABASE_URL: '' })).code,
  ).toBe(64);
});

test('import --manifest stores each report with the URL it came from', async () => {
  const manifest = join(dir, 'import.csv');
  writeFileSync(manifest, `path,url\npages/a.txt,${URL_OF_PAGE}\n`);
  const db = join(dir, 'store.db');
  const r = await cli(['import', '--json', '-q', '-c', '1', '--manifest', manifest], { XXGK_DB: db, DATABASE_URL: '' });
  expect(r.code).toBe(0);
  const rows = new Database(db, { readonly: true }).prepare('select url from reports').all() as Array<{ url: string }>;
  expect(rows).toEqual([{ url: URL_OF_PAGE }]);
});
