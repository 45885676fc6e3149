// Where a report was published: the URL it was fetched from (watcher, --url, --manifest), a URL
// among its sources, else the 原文链接 line of the crawler header at the top of a saved page.
import { open } from 'node:fs/promises';
import { crawlerHeaderUrl } from '../../src/dataset/region';

export interface HasSources {
  url: string | null;
  format: string | null;
  sources: string[];
}

async function head(path: string, bytes = 4096): Promise<string | null> {
  const f = await open(path, 'r').catch(() => null);
  if (!f) return null;
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await f.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await f.close();
  }
}

export async function originalUrlOf(copies: HasSources[]): Promise<string | null> {
  for (const c of copies) if (c.url && /^https?:\/\//.test(c.url)) return c.url;
  for (const c of copies) {
    const u = c.sources.find((s) => /^https?:\/\//.test(s));
    if (u) return u;
  }
  // crawler headers are written by a text dump of the page (UTF-8): only those are read
  for (const c of copies) {
    if (c.format !== 'text') continue;
    for (const s of c.sources) {
      const text = await head(s);
      const url = text === null ? null : crawlerHeaderUrl(text);
      if (url) return url;
    }
  }
  return null;
}
