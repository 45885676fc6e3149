// The review page as a view of the dataset, in headless Chromium (playwright-core driving
// /usr/bin/chromium, as tests/webBrowser.test.ts): the reports list sorted by a column and
// filtered by region and by disagreeing copies, rule ids with their description, the 0-cell
// report not shown as passing, the link to where a report was published, a report's copies,
// the agency page with its years side by side and the checks across years, and the filtered
// list downloaded as `xxgk export` writes it. Screenshots go to tests/out/.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { assertBuilt, cli, ROOT } from './queueHelpers';
import { CORPUS, SAMPLES, sampleFile } from './support/fixtures';
import { openReadOnlyStore, type ReadOnlyStore } from '../apps/web/readOnlyStore';
import { startWebServer, type WebServer } from '../apps/web/server';
import { RULE_BY_ID } from '../src/rules/catalog';
import { agencyKey } from '../src/report/agencyName';
import { crawlerHeaderUrl } from '../src/dataset/region';

jest.setTimeout(600_000);

const CHROMIUM = '/usr/bin/chromium';
const OUT = join(ROOT, 'tests/out');
const ready = existsSync(CHROMIUM) && existsSync(CORPUS) && existsSync(SAMPLES);
if (!ready) console.warn(`tests/webDataset.test.ts skipped: needs ${CHROMIUM} and the corpus`);
const describeBrowser = ready ? describe : describe.skip;

describeBrowser('the review page over the dataset', () => {
  let dir: string;
  let store: ReadOnlyStore;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let stored: Array<{
    sha256: string;
    agency: string | null;
    year: number | null;
    cell_count: number;
    error_code: string | null;
    path: string;
    record: string;
  }>;
  const republished = () => join(dir, 'republished.html');

  beforeAll(async () => {
    assertBuilt();
    mkdirSync(OUT, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'xxgk-web-dataset-'));
    const env = { XXGK_DB: join(dir, 'web.db'), DATABASE_URL: '' };
    // the 上海 2019 report republished with one number printed differently: copies that disagree
    writeFileSync(
      republished(),
      readFileSync(sampleFile('html', '2019-shanghai-bgt-1.html'), 'utf8').replace('>859<', '>869<'),
    );
    const imp = await cli(['import', '-q', '-c', '2', SAMPLES, CORPUS, republished()], env);
    expect(imp.code).toBe(1); // the sample files that must fail
    const db = new Database(env.XXGK_DB, { readonly: true });
    stored = db
      .prepare('select sha256, agency, year, cell_count, error_code, path, record from reports')
      .all() as typeof stored;
    db.close();
    store = await openReadOnlyStore({ kind: 'sqlite', location: env.XXGK_DB });
    server = await startWebServer({ store, port: 0, baseDir: ROOT });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    problems = [];
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
  });
  afterEach(async () => {
    await page.close();
  });

  const waitReady = (what: string) => page.waitForSelector(`body[data-ready="${what}"]`);
  const column = (cls: string) => page.locator(`#reports tbody td.${cls}`).allInnerTexts();

  test(
    'list: one row per report; sorted by a column header; ' +
      'region and disagreeing-copies filters; exported as shown',
    async () => {
      await page.goto(`${server.url}/`);
      await waitReady('list');
      const parsed = stored.filter((r) => !r.error_code);
      const groups = new Set(
        parsed.map((r) => (r.agency && r.year !== null ? `${agencyKey(r.agency)}|${r.year}` : r.sha256)),
      );
      const failed = stored.filter((r) => r.error_code).length;
      expect(await page.locator('#reports tbody tr').count()).toBe(groups.size + failed);

      // sort by year, then the other way by clicking again
      await Promise.all([page.waitForURL(/sort=year&dir=asc/), page.click('#reports th[data-sort="year"] a')]);
      await waitReady('list');
      const up = (await column('year')).filter(Boolean).map(Number);
      expect(up).toEqual([...up].sort((a, b) => a - b));
      await Promise.all([page.waitForURL(/sort=year&dir=desc/), page.click('#reports th[data-sort="year"] a')]);
      await waitReady('list');
      const down = (await column('year')).filter(Boolean).map(Number);
      expect(down).toEqual([...up].sort((a, b) => b - a));
      expect(await page.locator('#reports th.sorted.desc[data-sort="year"]').count()).toBe(1);

      // a 0-cell report (no table read) is never shown as passing
      const statuses = await page
        .locator('#reports tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [(tr as HTMLElement).dataset.status, tr.querySelector('td.cells')!.textContent]),
        );
      for (const [status, cells] of statuses) if (cells === '0') expect(status).not.toBe('pass');
      expect(statuses.some(([s, c]) => s === 'empty' && c === '0')).toBe(true);
      // each rule id says what the rule checks
      const ruleTitles = await page
        .locator('#reports .rules span.rule[data-rule]')
        .evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.rule, e.getAttribute('title')]));
      expect(ruleTitles.length).toBeGreaterThan(0);
      for (const [rule, title] of ruleTitles) expect(title).toContain(RULE_BY_ID.get(rule!)!.description);

      // the copies that disagree: one report, with its copies and X-SOURCES
      await page.check('#f-disagreeing');
      await Promise.all([page.waitForURL(/disagreeing=1/), page.click('#f-apply')]);
      await waitReady('list');
      const rows = page.locator('#reports tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().locator('.rules').innerText()).toContain('X-SOURCES');
      // seven sample files and the republication
      expect(await rows.first().locator('td.copies-cell').innerText()).toMatch(/^8 · 1 不一致$/);
      await page.screenshot({ path: join(OUT, 'web-list-disagreeing.png'), fullPage: true });

      // region: by name, sorted by year; every row shown is in it, and the count is the store's
      const withRegion = parsed.filter((r) => JSON.parse(r.record).report.region?.province === '江苏省');
      await page.goto(`${server.url}/?region=${encodeURIComponent('江苏省')}&sort=year&dir=desc`);
      await waitReady('list');
      const regionGroups = new Set(withRegion.map((r) => `${agencyKey(r.agency!)}|${r.year}`));
      expect(await page.locator('#reports tbody tr').count()).toBe(regionGroups.size);
      for (const t of await column('region')) expect(t).toContain('江苏省');
      const years = (await column('year')).map(Number);
      expect(years).toEqual([...years].sort((a, b) => b - a));
      await page.screenshot({ path: join(OUT, 'web-list-sorted-filtered.png'), fullPage: true });

      // the filtered list downloaded in the formats of xxgk export: the same reports
      const href = await page.locator('#exports a[data-shape="wide"][data-output="jsonl"]').getAttribute('href');
      const res = await page.request.get(`${server.url}${href}`);
      expect(res.status()).toBe(200);
      const exported = (await res.text())
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      expect(exported.map((r) => r.report_id).sort()).toEqual(
        (
          await page.locator('#reports tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.sha))
        ).sort(),
      );
      const parquetHref = await page
        .locator('#exports a[data-shape="panel"][data-output="parquet"]')
        .getAttribute('href');
      const parquet = await page.request.get(`${server.url}${parquetHref}`);
      expect((await parquet.body()).subarray(0, 4).toString()).toBe('PAR1');
      expect(problems).toEqual([]);
    },
  );

  test('a report links to where it was published and lists its copies with what they disagree on', async () => {
    // a crawler's saved page: the 原文链接 of its header
    const legacy = stored.find((r) => !r.error_code && r.path.endsWith('2011-pingtan-syq-1.txt'))!;
    await page.goto(`${server.url}/report/${legacy.sha256}`);
    await waitReady('report');
    const url = crawlerHeaderUrl(readFileSync(join(CORPUS, '2011-pingtan-syq-1.txt'), 'utf8'))!;
    expect(url).toMatch(/^https:\/\//);
    expect(await page.locator('#original-url a').getAttribute('href')).toBe(url);
    expect(await page.locator('#original-url a').getAttribute('rel')).toContain('noreferrer');

    const changed = stored.find((r) => r.path === republished())!;
    await page.goto(`${server.url}/report/${changed.sha256}`);
    await waitReady('report');
    expect(await page.locator('#copies tr[data-sha]').count()).toBe(8);
    expect(await page.locator('#copies tr.current').getAttribute('data-sha')).toBe(changed.sha256);
    const x = page.locator('#x-sources li[data-rule="X-SOURCES"]');
    expect(await x.count()).toBe(1);
    const text = await x.innerText();
    expect(text).toContain('applications|newReceived|total');
    expect(text).toContain('859');
    expect(text).toContain('869');
    expect(text).toContain(republished());
    await page.screenshot({ path: join(OUT, 'web-report-copies.png'), fullPage: false });
    // its own failed rules say what they check
    const desc = await page.locator('#flags li .rule-description').first().innerText();
    const rule = await page.locator('#flags li').first().getAttribute('data-rule');
    expect(desc).toBe(RULE_BY_ID.get(rule!)!.description);
    expect(problems).toEqual([]);
  });

  test('agency page: the years side by side with the panel indicators and X-CARRY / X-INFORCE', async () => {
    const key = agencyKey('平潭综合实验区');
    const years = [
      ...new Set(stored.filter((r) => !r.error_code && r.agency && agencyKey(r.agency) === key).map((r) => r.year)),
    ].sort();
    await page.goto(`${server.url}/agency?key=${encodeURIComponent(key)}`);
    await waitReady('agency');
    const shown = (await page.locator('#years thead th[data-year]').allInnerTexts()).map(Number);
    expect(shown).toEqual(years);
    expect(await page.locator('#years td[data-indicator="applications_received"]').count()).toBe(years.length);
    expect(await page.locator('#years td[data-check="X-CARRY"]').count()).toBe(years.length);
    await page.screenshot({ path: join(OUT, 'web-agency.png'), fullPage: true });

    // 洪泽区 2023 → 2024: consecutive years, both checks run
    await page.goto(`${server.url}/agency?key=${encodeURIComponent(agencyKey('洪泽区人民政府'))}`);
    await waitReady('agency');
    expect((await page.locator('#years thead th[data-year]').allInnerTexts()).map(Number)).toEqual([2023, 2024]);
    const carry = await page
      .locator('#years td[data-check="X-CARRY"]')
      .evaluateAll((tds) => tds.map((td) => td.className));
    expect(carry).toEqual(['no_previous_year', 'agrees']);
    expect(await page.locator('#cross li').first().innerText()).toContain('2023 → 2024');
    // the list links each agency to this page
    await page.goto(`${server.url}/?agency=${encodeURIComponent('洪泽区人民政府')}`);
    await waitReady('list');
    await Promise.all([page.waitForURL(/\/agency\?key=/), page.locator('#reports a.agency').first().click()]);
    await waitReady('agency');
    await page.screenshot({ path: join(OUT, 'web-agency-hongze.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
