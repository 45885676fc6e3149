// End to end in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core): the
// list filtered by a failing rule, 洪泽区 2023 with its T4-SUM cells and the PDF box, the
// source views of HTML, DOCX and text reports, the charts, and a report whose title and table
// carry <script> and onerror= that must not run. Screenshots go to tests/out/.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { Worker, UnrecoverableError } from 'bullmq';
import { openQueues } from '../queues/queues';
import { connect } from '../queues/config';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildWebStore, writeInjectedHtml, PAYLOAD, ROOT, type WebStore } from './webFixture';
import { openReadOnlyStore, type ReadOnlyStore } from '../apps/web/readOnlyStore';
import { startWebServer, type WebServer } from '../apps/web/server';
import { agencyKey } from '../src/report/agencyName';

const CHROMIUM = '/usr/bin/chromium';
const OUT = join(ROOT, 'tests/out');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(`tests/webBrowser.test.ts skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
const describeBrowser = haveChromium ? describe : describe.skip;

async function waitUntil(probe: () => Promise<boolean>, limitMs = 20_000) {
  for (const until = Date.now() + limitMs; !(await probe());) {
    if (Date.now() > until) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeBrowser('xxgk serve in a browser', () => {
  let fixture: WebStore;
  let store: ReadOnlyStore;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  /** page errors, dialogs and CSP reports seen during a test: each must stay empty */
  let problems: string[];
  const sha = (file: string) => fixture.records.get(file)!.source.sha256;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    fixture = await buildWebStore((dir) => [writeInjectedHtml(dir)]);
    store = await openReadOnlyStore({ kind: 'sqlite', location: fixture.dbPath });
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
    if (fixture) rmSync(fixture.dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    problems = [];
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
  });

  afterEach(async () => {
    await page.close();
  });

  const ready = (what: string) => page.waitForSelector(`body[data-ready="${what}"]`);

  test('list → filter by failing rule → 洪泽区 2023 → T4-SUM cells → PDF page with the box', async () => {
    await page.goto(`${server.url}/`);
    await ready('list');
    // one row per report (files of one agency and year are its copies) and per failed file
    const entries = new Set(
      [...fixture.records.values()].map((r) =>
        !r.error && r.report.agency && r.report.year !== null
          ? `${agencyKey(r.report.agency)}|${r.report.year}`
          : r.source.sha256,
      ),
    );
    expect(await page.locator('#reports tbody tr').count()).toBe(entries.size);
    await page.screenshot({ path: join(OUT, 'web-list.png'), fullPage: true });

    await page.selectOption('#f-rule', 'T4-SUM');
    await Promise.all([page.waitForURL(/rule=T4-SUM/), page.click('#f-apply')]);
    await ready('list');
    const rows = page.locator('#reports tbody tr');
    expect(await rows.count()).toBe(1);
    const hongze = fixture.records.get('2023-hongzequ-1.pdf')!.report;
    expect(await rows.first().innerText()).toContain(hongze.agency);
    expect(await rows.first().locator('.rules').innerText()).toContain('T4-SUM');

    await Promise.all([page.waitForURL(/\/report\//), rows.first().locator('a.title').click()]);
    await ready('report');
    expect(await page.locator('#title').innerText()).toBe(hongze.title);
    expect(hongze.title).toMatch(/洪泽区人民政府2023年政府信息公开工作年度报告$/);
    // both sides written out, with the numbers read from the report
    const flags = await page.locator('#flags li').allInnerTexts();
    expect(flags.some((t) => t.includes('T4-SUM') && t.includes('10+1+0+0 = 11 ≠ 0'))).toBe(true);
    expect(flags.some((t) => t.includes('5+0+0+0 = 5 ≠ 0'))).toBe(true);
    // every cell of the failed checks highlighted, canonical key on hover
    const failed = await page.locator('td.fail').evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset.key));
    expect(failed.sort()).toEqual(
      fixture.records
        .get('2023-hongzequ-1.pdf')!
        .flags.flatMap((f) => f.cells)
        .sort(),
    );
    const total = page.locator('td[data-key="reviewLitigation|review|total"]');
    expect(await total.getAttribute('title')).toMatch(/^reviewLitigation\|review\|total — 未通过 T4-SUM/);

    await total.click();
    await page.waitForSelector('#source[data-shown="pdf"] .mark');
    const cell = fixture.records
      .get('2023-hongzequ-1.pdf')!
      .cells.find((c) => c.table === 'reviewLitigation' && c.row === 'review' && c.col === 'total')!;
    expect(await page.locator('#source .pdfbox').getAttribute('data-page')).toBe(String(cell.source.page));
    expect(await page.locator('#source .mark').getAttribute('data-bbox')).toBe(cell.source.bbox!.join(','));
    // the box sits on the drawn page and on ink: the printed "0" is inside it
    const ink = await page.evaluate(() => {
      const canvas = document.querySelector('#source canvas') as HTMLCanvasElement;
      const mark = document.querySelector('#source .mark') as HTMLElement;
      const c = canvas.getBoundingClientRect(),
        m = mark.getBoundingClientRect();
      const sx = canvas.width / c.width,
        sy = canvas.height / c.height;
      const x = Math.round((m.left - c.left) * sx),
        y = Math.round((m.top - c.top) * sy);
      const w = Math.max(1, Math.round(m.width * sx)),
        h = Math.max(1, Math.round(m.height * sy));
      const inside = m.left >= c.left && m.top >= c.top && m.right <= c.right + 1 && m.bottom <= c.bottom + 1;
      const data = canvas.getContext('2d')!.getImageData(x, y, w, h).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 300) dark++;
      return { inside, dark, size: [m.width, m.height] };
    });
    expect(ink.inside).toBe(true);
    expect(ink.size[0]).toBeGreaterThan(4);
    expect(ink.dark).toBeGreaterThan(0);
    await page.screenshot({ path: join(OUT, 'web-report.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  test('HTML, DOCX and text reports: the cell is marked in the parsed table or the line', async () => {
    for (const [file, shown] of [
      ['2019-shanghai-bgt-1.html', 'table'],
      ['2019-shanghai-bgt-1.docx', 'table'],
      ['2021-changguo-1.txt', 'text'],
    ] as const) {
      const record = fixture.records.get(file)!;
      const cell = record.cells.find(
        (c) => c.table === 'applications' && c.row === 'newReceived' && c.col === 'total',
      )!;
      await page.goto(`${server.url}/report/${sha(file)}`);
      await ready('report');
      await page.click(`td[data-key="applications|newReceived|total"]`);
      await page.waitForSelector(`#source[data-shown="${shown}"] .mark`);
      const marked = await page.locator('#source .mark').innerText();
      expect(marked).toContain(cell.raw);
      if (shown === 'text')
        expect((await page.locator('#source .mark-line').innerText()).startsWith(String(cell.source.line))).toBe(true);
    }
    await page.screenshot({ path: join(OUT, 'web-report-text.png'), fullPage: true });
    // a report with blank cells lists its not-assessable rules and the cells they need
    await page.goto(`${server.url}/report/${sha('2019-shanghai-bgt-1.html')}`);
    await ready('report');
    const na = page.locator('#not-assessable li[data-rule="T4-SUM"]');
    expect(await na.innerText()).toContain('1/3'); // only 复议后起诉 (all blank) cannot be judged
    expect(await na.locator('a[data-key="reviewLitigation|litigationAfterReview|total"]').count()).toBe(1);
    expect(await page.locator('td.missing[data-key="reviewLitigation|litigationAfterReview|total"]').count()).toBe(1);
    expect(problems).toEqual([]);
  });

  test('crawler text: the view scrolls to the number thousands of columns into its line and marks it', async () => {
    const record = fixture.records.get('2019-pingtan-syq-1.txt')!;
    // the cell furthest along its line
    const cell = record.cells
      .filter((c) => c.source.column !== undefined && c.raw)
      .sort((a, b) => b.source.column! - a.source.column!)[0];
    expect(cell.source.column).toBeGreaterThan(2000);
    await page.goto(`${server.url}/report/${sha('2019-pingtan-syq-1.txt')}`);
    await ready('report');
    await page.click(`td[data-key="${cell.table}|${cell.row}|${cell.col}"]`);
    await page.waitForSelector('#source[data-shown="text"] .mark');
    expect(await page.locator('#source .mark').innerText()).toBe(cell.raw);
    // the characters before the mark are the line up to the cell's column
    const before = await page.locator('#source .mark-line').evaluate((div) => {
      const mark = div.querySelector('.mark')!;
      let text = '';
      for (let n = div.querySelector('.no')!.nextSibling; n && n !== mark; n = n.nextSibling) text += n.textContent;
      return text.length;
    });
    expect(before).toBe(cell.source.column! - 1);
    // and the mark is on screen inside the source box, not off to the right
    const seen = await page.evaluate(() => {
      const box = document.querySelector('#source')!.getBoundingClientRect();
      const m = document.querySelector('#source .mark')!.getBoundingClientRect();
      return {
        inside: m.left >= box.left && m.right <= box.right && m.top >= box.top && m.bottom <= box.bottom,
        scrolled: document.querySelector('#source')!.scrollLeft,
      };
    });
    expect(seen.inside).toBe(true);
    expect(seen.scrolled).toBeGreaterThan(0);
    await page.screenshot({ path: join(OUT, 'web-report-crawler-text.png') });
    expect(problems).toEqual([]);
  });

  test('charts: reports per year and layout, share failing each rule, one agency across years', async () => {
    await page.goto(`${server.url}/charts?agency=${encodeURIComponent('平潭综合实验区')}`);
    await ready('charts');
    const charts = await page.evaluate(() => {
      const Chart = (
        window as unknown as {
          Chart: {
            getChart(
              c: HTMLCanvasElement,
            ):
              | { data: { labels: string[]; datasets: Array<{ label: string; data: Array<number | null> }> } }
              | undefined;
          };
        }
      ).Chart;
      const read = (id: string) => {
        const c = Chart.getChart(document.getElementById(id) as HTMLCanvasElement);
        return c
          ? { labels: c.data.labels, datasets: c.data.datasets.map((d) => ({ label: d.label, data: d.data })) }
          : null;
      };
      return { years: read('chart-years'), rules: read('chart-rules'), agency: read('chart-agency') };
    });
    expect(charts.years!.labels).toEqual(expect.arrayContaining(['2019', '2021', '2023']));
    const t4 = charts.rules!.labels.indexOf('T4-SUM');
    expect(charts.rules!.datasets[0].data[t4]).toBeGreaterThan(0);
    expect(charts.agency!.labels).toEqual(['2019', '2023']);
    const received = charts.agency!.datasets.find((d) => d.label === '本年新收')!;
    const pingtan2023 = fixture.records
      .get('2023-pingtan-syq-1.txt')!
      .cells.find((c) => c.table === 'applications' && c.row === 'newReceived' && c.col === 'total')!;
    expect(received.data[1]).toBe(pingtan2023.value);
    // what the agency chart draws equals the table beside it: each line point at its own value
    // (not stacked on another line), each bar segment as tall as its value
    const drawn = await page.evaluate(() => {
      type Meta = { type: string; data: Array<{ y: number; base?: number; skip?: boolean }> };
      type C = {
        data: { datasets: Array<{ label: string; type?: string; data: Array<number | null> }> };
        getDatasetMeta(i: number): Meta;
        scales: { y: { getValueForPixel(p: number): number } };
      };
      const Chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): C | undefined } }).Chart;
      const chart = Chart.getChart(document.getElementById('chart-agency') as HTMLCanvasElement)!;
      const y = chart.scales.y;
      return chart.data.datasets.map((d, i) => ({
        label: d.label,
        values: chart.getDatasetMeta(i).data.map((el, j) => {
          if (d.data[j] == null) return null;
          const top = y.getValueForPixel(el.y);
          return Math.round(d.type === 'line' ? top : top - y.getValueForPixel(el.base!));
        }),
      }));
    });
    const table = await page.locator('#agency-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        label: tr.querySelector('th')!.textContent,
        values: [...tr.querySelectorAll('td')].map((td) => (td.textContent === '' ? null : Number(td.textContent))),
      })),
    );
    expect(drawn).toEqual(table);
    // and the table holds the stored cells: 上年结转 and 结转下年度 of 平潭 2023, the lines that were stacked
    const pingtanCell = (row: string) =>
      fixture.records
        .get('2023-pingtan-syq-1.txt')!
        .cells.find((c) => c.table === 'applications' && c.row === row && c.col === 'total')!.value;
    expect(table.find((r) => r.label === '上年结转')!.values[1]).toBe(pingtanCell('carriedOver'));
    expect(table.find((r) => r.label === '结转下年度')!.values[1]).toBe(pingtanCell('carriedForward'));
    expect(table.find((r) => r.label === '本年新收')!.values[1]).toBe(pingtanCell('newReceived'));
    await page.screenshot({ path: join(OUT, 'web-charts.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  test('/queues: the board loads from the documented ?token= address; a write from elsewhere is refused', async () => {
    const TOKEN = `browser-${process.pid}-token`;
    const prefix = `xxgk-webbrowser-${process.pid}`;
    const saved = process.env.XXGK_QUEUE_PREFIX;
    process.env.XXGK_QUEUE_PREFIX = prefix;
    const queues = openQueues();
    const board = await startWebServer({ store, port: 0, baseDir: ROOT, token: TOKEN, redis: true, writable: true });
    // a page on another local port: what an attacker's local web app would serve
    const evil = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><title>other</title>');
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
    const connection = connect();
    try {
      // one failed job, for the board to list and the attacker to try to retry
      const failing = new Worker(
        'parse',
        async () => {
          throw new UnrecoverableError('CORRUPT_FILE: test');
        },
        { connection, prefix },
      );
      await queues.parse.add(
        'parse',
        { path: '/nonexistent/a.pdf', sha256: 'f'.repeat(64) },
        { jobId: 'f'.repeat(64) },
      );
      await waitUntil(async () => (await queues.parse.getFailedCount()) === 1);
      await failing.close();

      await page.goto(`${board.url}/queues?token=${encodeURIComponent(TOKEN)}`);
      expect(new URL(page.url()).pathname).toBe('/queues/');
      expect(new URL(page.url()).search).toBe(''); // the token left the address bar
      await page.waitForSelector('text=parse', { timeout: 20_000 });
      await page.waitForSelector('text=ingest');
      await page.screenshot({ path: join(OUT, 'web-queues.png'), fullPage: true });

      // from the other origin, with the session cookie in the browser (same site: sent)
      await page.goto(evilUrl);
      const attempts = await page.evaluate(async (target) => {
        const tries: Array<[string, RequestInit]> = [
          [
            `${target}/queues/api/queues/parse/add`,
            {
              method: 'POST',
              mode: 'no-cors',
              credentials: 'include',
              headers: { 'content-type': 'text/plain' },
              body: JSON.stringify({ name: 'parse', data: { path: '/etc/passwd', sha256: 'e'.repeat(64) } }),
            },
          ],
          [`${target}/queues/api/queues/parse/retry/failed`, { method: 'PUT', credentials: 'include' }],
          [`${target}/queues/api/queues/parse/${'f'.repeat(64)}/clean`, { method: 'PUT', credentials: 'include' }],
        ];
        const out: string[] = [];
        for (const [url, init] of tries)
          out.push(
            await fetch(url, init).then(
              (r) => `${r.type} ${r.status}`,
              (e: Error) => `blocked: ${e.message}`,
            ),
          );
        return out;
      }, board.url);
      expect(attempts).toHaveLength(3);
      // nothing changed: no job added, the failed job neither retried nor removed
      expect(await queues.parse.getJobCounts('waiting', 'failed', 'active', 'delayed')).toMatchObject({
        waiting: 0,
        failed: 1,
        active: 0,
        delayed: 0,
      });
      expect(await queues.parse.getJob('e'.repeat(64))).toBeUndefined();

      // the same retry from the board's own page goes through
      await page.goto(`${board.url}/queues/`);
      const own = await page.evaluate(
        async () => (await fetch(`/queues/api/queues/parse/retry/failed`, { method: 'PUT' })).status,
      );
      expect(own).toBe(200);
      expect(await queues.parse.getFailedCount()).toBe(0);
    } finally {
      await board.close();
      await new Promise((r) => evil.close(r));
      await queues.parse.obliterate({ force: true }).catch(() => {});
      await queues.ingest.obliterate({ force: true }).catch(() => {});
      await queues.close();
      connection.disconnect();
      if (saved === undefined) delete process.env.XXGK_QUEUE_PREFIX;
      else process.env.XXGK_QUEUE_PREFIX = saved;
    }
    // refusals the test provoked show up as console errors (the other page's blocked requests,
    // and Bull Board's Google Fonts link, which the CSP blocks on purpose: nothing from outside)
    problems = problems.filter((p) => !/CORS|Failed to load|net::ERR|fonts\.googleapis\.com/.test(p));
    expect(problems).toEqual([]);
  });

  test('a report carrying <script> and onerror= shows them as text and runs neither', async () => {
    const injected = sha('injected-report.html');
    // the injected file is one copy of the 上海 2019 report: the list finds it by its text and draws none of its markup
    await page.goto(`${server.url}/?q=${encodeURIComponent('pwned')}`);
    await ready('list');
    expect(await page.locator('#reports tbody tr').count()).toBe(1);
    expect(await page.locator('#reports script, #reports img').count()).toBe(0);
    await page.goto(`${server.url}/report/${injected}`);
    await ready('report');
    expect(await page.locator('#title').innerText()).toContain(PAYLOAD);
    // the table header holding an <img onerror> as text, shown in the source view
    await page.click('td[data-key="active|rules|newlyMade"]');
    await page.waitForSelector('#source[data-shown="table"] .mark');
    expect(await page.locator('#source').innerText()).toContain('<img src=x onerror=window.__pwned=3>');
    await page.screenshot({ path: join(OUT, 'web-injection.png'), fullPage: true });
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('script:not([src]), img, iframe, object, embed').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
