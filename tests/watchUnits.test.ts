// The watcher's parts on their own: the sources file, the address policy, the fetcher's
// refusals (private addresses, hosts, size, redirects) and the per-host limiter.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseSources, loadSources, durationMs, SourcesError } from '../apps/watch/sources';
import { isPrivateAddress } from '../apps/watch/addressPolicy';
import { Fetcher, type FetchPolicy } from '../apps/watch/fetcher';
import { HostLimiter } from '../apps/watch/hostLimiter';
import { readListPage } from '../apps/watch/links';
import iconv from 'iconv-lite';

describe('sources file', () => {
  const minimal = { sources: [{ id: 'a', index: 'https://www.example.gov.cn/col/nb/index.html' }] };

  test('fills defaults: allowed host = the index host, polite limits, 6h interval', () => {
    const [s] = parseSources(minimal).sources;
    expect(s.allowedHosts).toEqual(['www.example.gov.cn']);
    expect(s.allowPrivate).toBe(false);
    expect(s.interval).toBe(6 * 3600 * 1000);
    expect(s.fetch).toMatchObject({ concurrency: 2, minGap: 1000, timeout: 30000, maxRedirects: 5 });
    expect(s.links).toEqual({ selector: 'a[href]', pattern: '年度报告|年报' });
    expect(s.pagination.maxPages).toBe(5);
  });

  test.each([
    [{ sources: [] }, /sources/],
    [{ sources: [{ id: 'a', index: 'ftp://x.gov.cn/' }] }, /sources\.0\.index/],
    [
      { sources: [{ id: 'a', index: 'https://x.gov.cn/', links: { pattern: '(' } }] },
      /links\.pattern: not a valid regular expression/,
    ],
    [{ sources: [{ id: 'a', index: 'https://x.gov.cn/', interval: 'often' }] }, /interval/],
    [
      {
        sources: [
          { id: 'a', index: 'https://x.gov.cn/' },
          { id: 'a', index: 'https://y.gov.cn/' },
        ],
      },
      /duplicate source id "a"/,
    ],
    [{ sources: [{ id: 'a b', index: 'https://x.gov.cn/' }] }, /sources\.0\.id/],
    [
      { sources: [{ id: 'a', index: 'https://x.gov.cn/', pagination: { template: 'page2.html' } }] },
      /pagination\.template/,
    ],
  ])('refuses %j', (value, message) => {
    expect(() => parseSources(value)).toThrow(SourcesError);
    expect(() => parseSources(value)).toThrow(message);
  });

  test('durations', () => {
    expect(durationMs('90s')).toBe(90_000);
    expect(durationMs('30m')).toBe(1_800_000);
    expect(durationMs('1d')).toBe(86_400_000);
    expect(durationMs(5)).toBe(5000);
  });

  test('reads YAML and JSON files, and the example file is valid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-sources-'));
    try {
      writeFileSync(join(dir, 's.json'), JSON.stringify(minimal));
      writeFileSync(
        join(dir, 's.yaml'),
        'sources:\n  - id: a\n    index: https://www.example.gov.cn/col/nb/index.html\n    interval: 30m\n',
      );
      expect((await loadSources(join(dir, 's.json'))).sources[0].id).toBe('a');
      expect((await loadSources(join(dir, 's.yaml'))).sources[0].interval).toBe(1_800_000);
      const example = await loadSources(join(__dirname, '..', 'samples', 'watch', 'sources.example.yaml'));
      expect(example.sources.map((s) => s.id)).toEqual(['huaian', 'shanghai-bgt']);
      expect(example.sources[0].allowedHosts).toContain('*.huaian.gov.cn');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.each([
  ['127.0.0.1', true],
  ['10.1.2.3', true],
  ['172.20.0.1', true],
  ['192.168.1.1', true],
  ['169.254.169.254', true],
  ['100.64.0.1', true],
  ['0.0.0.0', true],
  ['::1', true],
  ['fe80::1', true],
  ['fd00::1', true],
  ['::ffff:127.0.0.1', true],
  ['::ffff:7f00:1', true],
  ['not-an-ip', true],
  // NAT64 (64:ff9b::/96) as URLs and DNS64 write it: judged by the IPv4 address inside
  ['64:ff9b::127.0.0.1', true],
  ['64:ff9b::7f00:1', true],
  ['64:ff9b::a9fe:a9fe', true],
  ['64:ff9b::10.0.0.1', true],
  ['64:ff9b::202.96.134.133', false],
  ['64:ff9b:1::1', true],
  // IPv4-mapped in every spelling, IPv4-translated, IPv4-compatible (::/96)
  ['::ffff:0:0', true],
  ['::ffff:0.0.0.0', true],
  ['0:0:0:0:0:ffff:7f00:1', true],
  ['::ffff:0:7f00:1', true],
  ['::127.0.0.1', true],
  ['::7f00:1', true],
  ['::202.96.134.133', true],
  ['::', true],
  // 6to4 (2002::/16, here 2002:7f00:1:: = 127.0.0.1), Teredo, site-local fec0::/10, documentation, multicast
  ['2002:7f00:1::1', true],
  ['2002:ca60:8685::1', true],
  ['2001::1', true],
  ['fec0::1', true],
  ['feff::1', true],
  ['2001:db8::1', true],
  ['ff02::1', true],
  ['fe80::1%eth0', true],
  ['[::1]', true],
  ['224.0.0.1', true],
  ['255.255.255.255', true],
  ['198.18.0.1', true],
  ['192.0.2.1', true],
  ['202.96.134.133', false],
  ['8.8.8.8', false],
  ['2400:3200::1', false],
  ['::ffff:202.96.134.133', false],
  ['[2400:3200::1]', false],
  ['240e:928:1400::1', false],
])('isPrivateAddress(%s) = %s', (ip, expected) => {
  expect(isPrivateAddress(ip)).toBe(expected);
});

test('list page links: GBK without charset, pattern over the text, next page, allowed hosts only', () => {
  const html = iconv.encode(
    `<html><body><ul class="l">
    <li><a href="/a/1.html">2024年政府信息公开工作年度报告</a></li>
    <li><a href="https://elsewhere.cn/2.html">2023年政府信息公开工作年度报告</a></li>
    <li><a href="/a/3.html">机构职能</a></li>
    <li><a href="javascript:void(0)">2022年政府信息公开工作年度报告</a></li>
  </ul><a class="next" href="index_2.html">下一页</a></body></html>`,
    'gbk',
  );
  const [source] = parseSources({
    sources: [
      {
        id: 'a',
        index: 'https://www.x.gov.cn/col/index.html',
        links: { selector: 'ul.l a' },
        pagination: { next: 'a.next' },
      },
    ],
  }).sources;
  const page = readListPage(html, 'text/html', 'https://www.x.gov.cn/col/index.html', source, 1);
  expect(page.items).toEqual([{ url: 'https://www.x.gov.cn/a/1.html', text: '2024年政府信息公开工作年度报告' }]);
  expect(page.next).toBe('https://www.x.gov.cn/col/index_2.html');
  // the last allowed page has no next
  expect(readListPage(html, 'text/html', 'https://www.x.gov.cn/col/index.html', source, 5).next).toBeNull();
});

describe('fetcher refusals', () => {
  let server: Server;
  let port = 0;
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const done = (status: number, headers: Record<string, string>, body?: string | Buffer) => {
        // answer a little later so that requests overlap when the limiter lets them
        setImmediate(() => {
          inFlight--;
          res.writeHead(status, headers);
          res.end(body);
        });
      };
      if (req.url === '/loop') return done(302, { location: '/loop' });
      if (req.url === '/big') return done(200, { 'content-type': 'application/pdf' }, Buffer.alloc(5000, 1));
      if (req.url === '/big-chunked') {
        inFlight--;
        res.writeHead(200, { 'content-type': 'application/pdf' });
        res.write(Buffer.alloc(3000, 1));
        res.end(Buffer.alloc(3000, 1));
        return;
      }
      done(200, { 'content-type': 'text/plain' }, 'ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const policy = (over: Partial<FetchPolicy> = {}): FetchPolicy => ({
    allowedHosts: ['127.0.0.1', 'localhost'],
    allowPrivate: true,
    timeoutMs: 5000,
    maxBytes: 4096,
    maxRedirects: 3,
    userAgent: 'test',
    concurrency: 2,
    minGapMs: 0,
    ...over,
  });

  test('private and loopback addresses need allowPrivate: IP literals and resolved names alike', async () => {
    const fetcher = new Fetcher(new HostLimiter());
    try {
      const before = requests;
      expect(await fetcher.get(`http://127.0.0.1:${port}/ok`, policy({ allowPrivate: false }))).toMatchObject({
        status: 'failed',
        code: 'PRIVATE_ADDRESS',
      });
      expect(await fetcher.get(`http://localhost:${port}/ok`, policy({ allowPrivate: false }))).toMatchObject({
        status: 'failed',
        code: 'PRIVATE_ADDRESS',
      });
      expect(requests).toBe(before); // refused before connecting
      expect(await fetcher.get(`http://127.0.0.1:${port}/ok`, policy())).toMatchObject({ status: 200 });
    } finally {
      await fetcher.close();
    }
  });

  test('hosts not allowed, too large (declared or streamed), too many redirects', async () => {
    const fetcher = new Fetcher(new HostLimiter());
    try {
      expect(await fetcher.get(`http://localhost:${port}/ok`, policy({ allowedHosts: ['127.0.0.1'] }))).toMatchObject({
        code: 'HOST_NOT_ALLOWED',
      });
      expect(await fetcher.get(`http://127.0.0.1:${port}/big`, policy())).toMatchObject({ code: 'TOO_LARGE' });
      expect(await fetcher.get(`http://127.0.0.1:${port}/big-chunked`, policy())).toMatchObject({ code: 'TOO_LARGE' });
      expect(await fetcher.get(`http://127.0.0.1:${port}/loop`, policy())).toMatchObject({
        code: 'TOO_MANY_REDIRECTS',
      });
      expect(await fetcher.get(`file:///etc/passwd`, policy())).toMatchObject({ code: 'BAD_URL' });
    } finally {
      await fetcher.close();
    }
  });

  test('per-host concurrency is never exceeded', async () => {
    const fetcher = new Fetcher(new HostLimiter());
    try {
      maxInFlight = 0;
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          fetcher.get(`http://127.0.0.1:${port}/ok?${i}`, policy({ concurrency: 2 })),
        ),
      );
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(maxInFlight).toBeLessThanOrEqual(2);
    } finally {
      await fetcher.close();
    }
  });
});
