// A local imitation of a government 政府信息公开年报 column, for the watch tests: two list
// pages (the second GBK without a charset), detail pages that are wrappers around a PDF, an
// HTML report page with a DOCX attachment, a redirect, a redirect off the allowed hosts, a
// 404, a page that never answers, and a report that can be published while the test runs.
// Real report files are served. Conditional GET with ETag (page 1, files) and
// Last-Modified (page 2). Listens on 127.0.0.1 only, and shuts itself after two minutes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { CORPUS } from './fixtures';

const ROOT = join(__dirname, '..', '..');

const file = (p: string) => readFileSync(p);

export interface Hit {
  method: string;
  path: string;
  status: number | 'hung';
}

export interface WatchSite {
  origin: string;
  port: number;
  hits: Hit[];
  webhook: unknown[];
  /** most requests in flight at once */
  maxInFlight: number;
  publishNewReport(): void;
  close(): Promise<void>;
}

const wrapper = (title: string, date: string, href: string, name: string) =>
  Buffer.from(
    `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${title}</title></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/col/nb/index.html">政府信息公开年报</a></div>
<h1>${title}</h1><p>发布日期：${date}</p>
<p>附件：<a href="${href}">${name}</a></p></body></html>`,
    'utf8',
  );

export async function startWatchSite(): Promise<WatchSite> {
  let published = false;
  const lastModified = new Date(Date.UTC(2025, 0, 20, 8, 0, 0)).toUTCString();

  const page1 = () =>
    Buffer.from(
      `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/about.html">关于我们</a></div>
<ul class="list">
${published ? '<li><a href="/art/2025/hongze-2024.html">洪泽区人民政府2024年政府信息公开工作年度报告</a><span>2025-01-25</span></li>' : ''}
<li><a href="/art/2025/huaian-2024.html">淮安市人民政府2024年政府信息公开工作年度报告</a><span>2025-01-20</span></li>
<li><a href="/art/2024/hongze-2023-old.html">洪泽区2023年政府信息公开工作年度报告</a><span>2024-01-30</span></li>
<li><a href="/art/2023/gone.html">2022年政府信息公开工作年度报告（已撤下）</a></li>
<li><a href="/art/2022/slow.html">2021年政府信息公开工作年度报告</a></li>
<li><a href="/about.html">联系我们</a></li>
</ul>
<div class="pages"><a class="next" href="index_2.html">下一页</a></div>
</body></html>`,
      'utf8',
    );

  // GBK bytes and no charset anywhere (neither <meta> nor the Content-Type header)
  const page2 = iconv.encode(
    `<html><head><title>政府信息公开年报 第2页</title></head><body>
<ul class="list">
<li><a href="/art/2020/shanghai-2019.html">2019年上海市人民政府办公厅政府信息公开工作年度报告</a></li>
<li><a href="/art/2020/shanghai-2019-gbk.html">2019年上海市人民政府办公厅政府信息公开工作年度报告（旧版页面）</a></li>
<li><a href="/art/2025/huaian-2024-copy.html">淮安市人民政府2024年政府信息公开工作年度报告（转载）</a></li>
<li><a href="/art/2019/moved.html">2018年政府信息公开工作年度报告（已迁移）</a></li>
</ul>
<div class="pages"><a href="index.html">上一页</a></div>
</body></html>`,
    'gbk',
  );

  const shanghaiPage = Buffer.from(
    readFileSync(join(ROOT, 'samples/html/2019-shanghai-bgt-page.html'), 'utf8').replace(
      '</body>',
      '<p>附件：<a href="/files/2019-shanghai-bgt-1.docx">2019年上海市人民政府办公厅政府信息公开工作年度报告.docx</a></p></body>',
    ),
    'utf8',
  );

  type Doc = { body: Buffer; type: string };
  const docs = (): Record<string, Doc> => ({
    '/col/nb/index.html': { body: page1(), type: 'text/html; charset=utf-8' },
    '/col/nb/index_2.html': { body: page2, type: 'text/html' },
    '/about.html': { body: Buffer.from('<html><body>关于我们</body></html>'), type: 'text/html' },
    '/art/2025/huaian-2024.html': {
      body: wrapper(
        '淮安市人民政府2024年政府信息公开工作年度报告',
        '2025-01-20',
        '/files/2024-huaian-1.pdf',
        '淮安市人民政府2024年政府信息公开工作年度报告.pdf',
      ),
      type: 'text/html; charset=utf-8',
    },
    '/art/2025/huaian-2024-copy.html': {
      body: wrapper(
        '淮安市人民政府2024年政府信息公开工作年度报告（转载）',
        '2025-01-21',
        '/upload/2025/huaian.pdf',
        '附件.pdf',
      ),
      type: 'text/html; charset=utf-8',
    },
    '/art/2024/hongze-2023.html': {
      body: wrapper(
        '洪泽区人民政府2023年政府信息公开工作年度报告',
        '2024-01-30',
        '/files/2023-hongzequ-1.pdf',
        '2023年年报.pdf',
      ),
      type: 'text/html; charset=utf-8',
    },
    '/art/2025/hongze-2024.html': {
      body: wrapper(
        '洪泽区人民政府2024年政府信息公开工作年度报告',
        '2025-01-25',
        '/files/2024-hongzequ-1.pdf',
        '2024年年报.pdf',
      ),
      type: 'text/html; charset=utf-8',
    },
    '/art/2020/shanghai-2019.html': { body: shanghaiPage, type: 'text/html; charset=utf-8' },
    '/art/2020/shanghai-2019-gbk.html': {
      body: file(join(ROOT, 'samples/html/2019-shanghai-bgt-gbk.html')),
      type: 'text/html',
    },
    '/files/2024-huaian-1.pdf': { body: file(join(CORPUS, '2024-huaian-1.pdf')), type: 'application/pdf' },
    '/upload/2025/huaian.pdf': { body: file(join(CORPUS, '2024-huaian-1.pdf')), type: 'application/pdf' },
    '/files/2023-hongzequ-1.pdf': { body: file(join(CORPUS, '2023-hongzequ-1.pdf')), type: 'application/pdf' },
    '/files/2024-hongzequ-1.pdf': { body: file(join(CORPUS, '2024-hongzequ-1.pdf')), type: 'application/pdf' },
    '/files/2019-shanghai-bgt-1.docx': {
      body: file(join(ROOT, 'samples/docx/2019-shanghai-bgt-1.docx')),
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    },
  });
  // docs are rebuilt per request only for page 1 (it changes when a report is published)
  const fixed = docs();

  const site: WatchSite = {
    origin: '',
    port: 0,
    hits: [],
    webhook: [],
    maxInFlight: 0,
    publishNewReport: () => {
      published = true;
    },
    close: async () => {},
  };
  let inFlight = 0;
  const hung: ServerResponse[] = [];

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, headers: Record<string, string> = {}, body?: Buffer) => {
      site.hits.push({ method: req.method ?? 'GET', path, status });
      res.writeHead(status, headers);
      res.end(body);
      inFlight--;
    };
    inFlight++;
    site.maxInFlight = Math.max(site.maxInFlight, inFlight);
    if (req.method === 'POST' && path === '/hook') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        site.webhook.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        send(204);
      });
      return;
    }
    if (path === '/art/2022/slow.html') {
      site.hits.push({ method: 'GET', path, status: 'hung' });
      hung.push(res);
      inFlight--;
      return;
    }
    if (path === '/art/2024/hongze-2023-old.html') return send(301, { location: '/art/2024/hongze-2023.html' });
    if (path === '/art/2019/moved.html')
      return send(302, { location: `http://localhost:${site.port}/art/2019/report.html` });
    if (path === '/loop.html') return send(302, { location: '/loop.html' });
    const doc = path === '/col/nb/index.html' ? docs()[path] : fixed[path];
    if (!doc) return send(404, { 'content-type': 'text/html; charset=utf-8' }, Buffer.from('<h1>404 页面不存在</h1>'));
    // page 2 has only Last-Modified (many CMSs); everything else an ETag from its bytes
    if (path === '/col/nb/index_2.html') {
      if (req.headers['if-modified-since'] === lastModified) return send(304);
      return send(200, { 'content-type': doc.type, 'last-modified': lastModified }, doc.body);
    }
    const etag = `"${createHash('sha1').update(doc.body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) return send(304, { etag });
    send(200, { 'content-type': doc.type, etag, 'content-length': String(doc.body.length) }, doc.body);
  };

  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.port = (server.address() as AddressInfo).port;
  site.origin = `http://127.0.0.1:${site.port}`;
  const safety = setTimeout(() => void site.close(), 120_000);
  safety.unref();
  site.close = () =>
    new Promise<void>((resolve) => {
      clearTimeout(safety);
      for (const r of hung.splice(0)) r.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return site;
}
