// A real store for the web tests: real reports parsed by the pipeline and saved, including the
// 洪泽区 2023 PDF that fails T4-SUM and an HTML report carrying script injections.
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseReport } from '../pipeline/parseReport';
import { openStore, saveRecord } from '../store';
import type { ReportRecord } from '../src/model/record';
import type { StoreConfig } from '../store';
import { corpusFile } from './support/fixtures';

export const ROOT = resolve(__dirname, '..');
export const HONGZE = corpusFile('2023-hongzequ-1.pdf');

/** Markup an attacker would write into a report, as the report's text (the parser keeps it as text). */
export const PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>';
const asHtmlText = (s: string) => s.replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The Shanghai 2019 sample with the payload in its title and in a table header (as text), and
 * real <script> and onerror= tags in the file itself.
 */
export function writeInjectedHtml(dir: string): string {
  let html = readFileSync(join(ROOT, 'samples/html/2019-shanghai-bgt-1.html'), 'utf8');
  html = html.replace(
    '2019年上海市人民政府办公厅政府信息公开',
    `2019年上海市人民政府办公厅${asHtmlText(PAYLOAD)}政府信息公开`,
  );
  html = html.replace(
    '<p align="center">信息内容</p>',
    `<p align="center">信息内容${asHtmlText('<img src=x onerror=window.__pwned=3>')}` +
      '<img src=x onerror="window.__pwned=4"></p>',
  );
  html = `<script>window.__pwned=5</script><img src=x onerror="window.__pwned=6">${html}`;
  const path = join(dir, 'injected-report.html');
  writeFileSync(path, html);
  return path;
}

export interface WebStore {
  dir: string;
  dbPath: string;
  config: StoreConfig;
  records: Map<string, ReportRecord>;
}

/** Parses the files and stores them (default: a fresh SQLite file); the map is keyed by file name. */
export async function buildWebStore(
  extra: (dir: string) => string[] = () => [],
  target?: StoreConfig,
): Promise<WebStore> {
  if (!existsSync(HONGZE)) throw new Error(`the web tests need the corpus report ${HONGZE}`);
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-web-'));
  const dbPath = join(dir, 'web.db');
  const config: StoreConfig = target ?? { kind: 'sqlite', location: dbPath };
  const files = [
    HONGZE,
    join(ROOT, 'samples/html/2019-shanghai-bgt-1.html'),
    join(ROOT, 'samples/docx/2019-shanghai-bgt-1.docx'),
    join(ROOT, 'samples/text/2019-pingtan-syq-1.txt'),
    join(ROOT, 'samples/text/2021-changguo-1.txt'),
    join(ROOT, 'samples/text/2023-pingtan-syq-1.txt'),
    join(ROOT, 'samples/pdf/encrypted-user-password.pdf'),
    ...extra(dir),
  ].filter((f) => existsSync(f));
  const store = await openStore(config);
  const records = new Map<string, ReportRecord>();
  try {
    for (const file of files) {
      const record = await parseReport(new Uint8Array(readFileSync(file)), { path: file });
      await saveRecord(store.db, record);
      records.set(file.split('/').pop()!, record);
    }
  } finally {
    await store.close();
  }
  return { dir, dbPath, config, records };
}
