// `xxgk watch` against a local imitation of a government 年报 column (tests/support/watchSite):
// pagination, wrapper detail pages with PDF attachments, an HTML report with its DOCX, a GBK
// list page without charset, redirects, a 404, a page that hangs, a report published while
// the watcher runs (found exactly once), and later passes that fetch nothing (304).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store, iterateReports, loadRecord } from '../store';
import { parseSources, type SourcesFile } from '../apps/watch/sources';
import { openWatchContext, type OpenedContext } from '../apps/watch/context';
import { watchOnce, watchWithTimers } from '../apps/watch/runWatch';
import type { PassResult } from '../apps/watch/checkSource';
import type { Announcement } from '../apps/watch/announce';
import { startWatchSite, type WatchSite } from './support/watchSite';

let site: WatchSite;
let dir: string;

beforeAll(async () => {
  site = await startWatchSite();
});
afterAll(async () => {
  await site.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xxgk-watch-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function sourcesFor(s: WatchSite, interval = '1h'): SourcesFile {
  return parseSources({
    webhook: `${s.origin}/hook`,
    spool: join(dir, 'spool'),
    sources: [
      {
        id: 'nb',
        index: `${s.origin}/col/nb/index.html`,
        links: { selector: 'ul.list a', pattern: '年度报告' },
        pagination: { next: 'a.next', maxPages: 5 },
        allowPrivate: true,
        interval,
        fetch: { concurrency: 2, minGap: '0ms', timeout: '400ms' },
      },
    ],
  });
}

async function open(
  file: SourcesFile,
): Promise<{ store: Store; ctx: OpenedContext; lines: string[]; news: Announcement[] }> {
  const store = await openStore({ kind: 'sqlite', location: join(dir, 'watch.db') });
  const lines: string[] = [];
  const news: Announcement[] = [];
  const ctx = await openWatchContext(file, {
    store,
    announce: (line, a) => {
      lines.push(line);
      news.push(a);
    },
    log: () => {},
  });
  return { store, ctx, lines, news };
}

const okHits = (from: number) => site.hits.slice(from).filter((h) => h.status === 200);

test('finds each report once, keeps one report per content and per report; a second pass fetches nothing', async () => {
  const file = sourcesFor(site);
  const { store, ctx, lines, news } = await open(file);
  try {
    site.webhook.length = 0;
    const [first] = await watchOnce(ctx, file);

    // both list pages were read (page 2 is GBK without a charset: its links were still found)
    expect(first.listPages).toEqual({ fetched: 2, notModified: 0 });
    expect(news.map((a) => `${a.agency} ${a.year} ${a.format}`).sort()).toEqual([
      '上海市人民政府办公厅 2019 html',
      '淮安市人民政府 2024 pdf',
      '淮安市洪泽区人民政府 2023 pdf',
    ]);
    // the DOCX and the GBK copy of the Shanghai report joined it; the reposted Huaian PDF too;
    // the three wrapper pages around PDFs are no reports themselves
    expect(first.outcomes).toMatchObject({ new: 3, sameReport: 2, knownContent: 1, notReport: 3, failed: 0 });
    // the 404, the page that hangs, and the redirect to a host that is not allowed
    expect(first.errors.map((e) => `${e.code} ${new URL(e.url).pathname}`).sort()).toEqual([
      'HOST_NOT_ALLOWED /art/2019/moved.html',
      'HTTP_404 /art/2023/gone.html',
      'TIMEOUT /art/2022/slow.html',
    ]);
    // the link that is no report (联系我们) was never fetched
    expect(site.hits.some((h) => h.path === '/about.html')).toBe(false);
    expect(site.maxInFlight).toBeLessThanOrEqual(2);

    const reports = [];
    for await (const r of iterateReports(store.db)) reports.push(r);
    expect(reports).toHaveLength(3);
    const byAgency = Object.fromEntries(reports.map((r) => [r.agency, r]));
    expect(byAgency['上海市人民政府办公厅'].sources.map((u) => new URL(u).pathname).sort()).toEqual([
      '/art/2020/shanghai-2019-gbk.html',
      '/art/2020/shanghai-2019.html',
      '/files/2019-shanghai-bgt-1.docx',
    ]);
    expect(byAgency['淮安市人民政府'].sources.map((u) => new URL(u).pathname).sort()).toEqual([
      '/files/2024-huaian-1.pdf',
      '/upload/2025/huaian.pdf',
    ]);
    // the redirect was followed: the report came from the page it pointed to
    expect(byAgency['淮安市洪泽区人民政府'].sources).toEqual([`${site.origin}/files/2023-hongzequ-1.pdf`]);

    // the record's source is the URL and the fetch time; its path is the spooled file
    const rec = (await loadRecord(store.db, byAgency['淮安市人民政府'].sha256)) as {
      source: { url: string; fetchedAt: string; path: string };
    };
    expect(rec.source.url).toBe(`${site.origin}/files/2024-huaian-1.pdf`);
    expect(Number.isNaN(Date.parse(rec.source.fetchedAt))).toBe(false);
    expect(rec.source.path.startsWith(join(dir, 'spool'))).toBe(true);

    // announced: a log line with its failed rules, and the webhook
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/^new report \[nb\] .* failed rules: .* — http:\/\/127\.0\.0\.1/);
    expect(site.webhook).toHaveLength(3);
    expect(site.webhook[0]).toMatchObject({ event: 'report.new', source: 'nb' });

    // second pass: conditional GET on both list pages, no report fetched again
    const mark = site.hits.length;
    const [second] = await watchOnce(ctx, file);
    expect(second.listPages).toEqual({ fetched: 0, notModified: 2 });
    expect(second.newReports).toHaveLength(0);
    expect(second.fetched).toBe(0);
    expect(okHits(mark)).toEqual([]);
    expect(
      site.hits
        .slice(mark)
        .filter((h) => h.path.startsWith('/col/'))
        .map((h) => h.status),
    ).toEqual([304, 304]);
    expect(news).toHaveLength(3);
  } finally {
    await ctx.close();
    await store.close();
  }
});

test('continuous mode: a report published while the watcher runs is found exactly once', async () => {
  const file = sourcesFor(site, '10ms');
  const { store, ctx, news } = await open(file);
  const stop = new AbortController();
  // each completed pass wakes whoever waits for the next one
  const passes: PassResult[] = [];
  let wake: () => void = () => {};
  const nextPass = () =>
    new Promise<void>((r) => {
      wake = r;
    });
  let waiting = nextPass();
  const running = watchWithTimers(ctx, file, stop.signal, (r) => {
    passes.push(r);
    const w = wake;
    waiting = nextPass();
    w();
  });
  try {
    while (passes.length < 1) await waiting;
    expect(news).toHaveLength(3);
    site.publishNewReport();
    const publishedAt = passes.length;
    // run until the pass that found it, then two more passes
    while (!passes.slice(publishedAt).some((p) => p.newReports.length > 0)) await waiting;
    const foundAt = passes.length;
    while (passes.length < foundAt + 2) await waiting;
  } finally {
    stop.abort();
    await running;
    await ctx.close();
    await store.close();
  }
  const hongze2024 = news.filter((a) => a.agency === '淮安市洪泽区人民政府' && a.year === 2024);
  expect(hongze2024).toHaveLength(1);
  expect(hongze2024[0].url).toMatch(/\/files\/2024-hongzequ-1\.pdf$/);
  expect(news).toHaveLength(4);
  // the passes after it found nothing new and fetched no report again
  expect(passes.slice(-2).every((p) => p.newReports.length === 0 && p.fetched === 0)).toBe(true);
});
