// Hostile files through the real parse path (the thread pool): a thread stopped at the time
// limit or out of memory costs only its own file; deep nesting gives the same record through
// `xxgk parse` and `xxgk import`; the reproducers the fuzz harness found (tests/fixtures/hostile,
// see its README) give a code that names the file's fault, never INTERNAL.
import { mkdtempSync, rmSync, copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { findSoffice } from '../parsers/docx/libreOffice';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createParsePool } from '../pipeline/local/parsePool';
import { checkStage, storeStage } from '../pipeline/stages';
import { failedRecord } from '../pipeline/stages/parse';
import { openStore, storedHashes, loadRecord } from '../store';
import { PARSER_VERSION } from '../src/model/version';
import { ocrAvailable } from '../parsers/pdf/ocrPdf';
import { assertBuilt, cli } from './queueHelpers';
import { inRepo, sampleFile, corpusFile } from './support/fixtures';
import { parseReport } from '../pipeline/parseReport';
import { parseHtml, MAX_OPEN } from '../parsers/html/loadHtml';
import type { AnyNode } from 'domhandler';

jest.setTimeout(300_000);
const hostile = (name: string) => inRepo('tests', 'fixtures', 'hostile', name);
const GOOD = sampleFile('html', '2019-shanghai-bgt-1.html');

let dir: string;
beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'xxgk-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a parse past the time limit is stopped (TIMEOUT, after a second try alone), the next file unharmed', async () => {
  // 7 MB of Word XML: a minute of mammoth, where the time limit is a second
  const long = hostile('many-paragraphs.docx');
  const pool = createParsePool(1, { timeoutMs: 1000 });
  try {
    const started = Date.now();
    const [slow, next] = await Promise.all([
      pool.parse({ path: long, sha256: '' }),
      pool.parse({ path: GOOD, sha256: '' }),
    ]);
    expect(slow.error?.code).toBe('TIMEOUT');
    // two tries of 1 s each, not the minutes the work would take
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(next.error).toBeNull();
    expect(next.cells.length).toBeGreaterThan(0);
  } finally {
    await pool.close();
  }
});

test('a parse that runs out of memory ends only its thread (TOO_LARGE), and the next file is unharmed', async () => {
  const pool = createParsePool(1, { resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
  try {
    const big = await pool.parse({ path: hostile('many-paragraphs.docx'), sha256: '' });
    expect(big.error?.code).toBe('TOO_LARGE');
    expect(big.error?.message).toMatch(/memory/);
    const next = await pool.parse({ path: GOOD, sha256: '' });
    expect(next.error).toBeNull();
    expect(next.cells.length).toBeGreaterThan(0);
  } finally {
    await pool.close();
  }
});

test('an error nothing caught ends only its thread: a record after a second try, the next file unharmed', async () => {
  const pool = createParsePool(1, { script: inRepo('tests', 'support', 'strayErrorThread.js') });
  try {
    const [stray, next] = await Promise.all([
      pool.parse({ path: join(dir, 'stray-error.pdf'), sha256: '' }),
      pool.parse({ path: GOOD, sha256: '' }),
    ]);
    expect(stray.error?.code).toBe('INTERNAL');
    expect(stray.error?.message).toMatch(/stray error/);
    expect(next.error).toBeNull();
    expect(next.cells.length).toBeGreaterThan(0);
  } finally {
    await pool.close();
  }
});

test('a damaged PDF whose pdfjs rejection nobody awaits does not end the thread under the next file', async () => {
  // fuzz: after this file pdfjs rejects a promise of its own (XRefEntryException) while the
  // next file is parsed; that thread died and the innocent file had to be parsed again
  const logged: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => {
    logged.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  const pool = createParsePool(1);
  try {
    const damaged = await pool.parse({ path: hostile('stray-rejection.pdf'), sha256: '' });
    expect(damaged.error?.code).toBe('CORRUPT_FILE');
    const next = await pool.parse({ path: sampleFile('pdf', '2019-shanghai-bgt-lo.pdf'), sha256: '' });
    expect(next.error).toBeNull();
    expect(next.cells.length).toBeGreaterThan(0);
    expect(logged.filter((l) => /nothing caught/.test(l))).toEqual([]);
  } finally {
    process.stderr.write = write;
    await pool.close();
  }
});

test('a parse stopped while LibreOffice converts leaves no LibreOffice running and no temporary folder', async () => {
  if (!findSoffice()) return; // nothing is started without LibreOffice (the parse gives CONVERTER_MISSING)
  const tmp = mkdtempSync(join(tmpdir(), 'xxgk-tmp-'));
  const before = process.env.TMPDIR;
  // the thread takes its temporary folders from TMPDIR: a folder of this test's own to look in
  process.env.TMPDIR = tmp;
  // LibreOffice takes over a second to start, so the limit always falls inside the conversion
  const pool = createParsePool(1, { timeoutMs: 400 });
  try {
    const r = await pool.parse({ path: sampleFile('docx', '2019-shanghai-bgt-1.doc'), sha256: '' });
    expect(r.error?.code).toBe('TIMEOUT');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(readdirSync(tmp)).toEqual([]);
    const running = execFileSync('ps', ['-eo', 'args'])
      .toString()
      .split('\n')
      .filter((l) => l.includes(tmp));
    expect(running).toEqual([]);
  } finally {
    await pool.close();
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('a DOCX with more XML than mammoth may be given is TOO_LARGE before it is read', async () => {
  const pool = createParsePool(1);
  try {
    const r = await pool.parse({ path: hostile('xml-over-limit.docx'), sha256: '' });
    expect(r.error?.code).toBe('TOO_LARGE');
    expect(r.error?.message).toMatch(/XML/);
  } finally {
    await pool.close();
  }
});

test('deep nesting gives the same record through `xxgk parse` and `xxgk import`', async () => {
  const inDir = join(dir, 'nested');
  mkdirSync(inDir);
  for (const name of ['nested-b-10000.html', 'nested-b-60000.html']) copyFileSync(hostile(name), join(inDir, name));
  const parsed = await cli(['parse', join(inDir, 'nested-b-10000.html'), join(inDir, 'nested-b-60000.html')], {});
  const [report, deep] = parsed.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  // the report around the nesting is read; the page that is only nesting is no report; no INTERNAL
  expect(report.error).toBeNull();
  expect(report.cells.length).toBeGreaterThan(0);
  expect(deep.error?.code).not.toBe('INTERNAL');
  expect(parsed.stderr).not.toMatch(/internal error/);

  const db = join(dir, 'nested.db');
  await cli(['import', '--json', inDir], { XXGK_DB: db, DATABASE_URL: '' });
  const store = await openStore({ kind: 'sqlite', location: db });
  try {
    for (const r of [report, deep]) {
      const stored = (await loadRecord(store.db, r.source.sha256)) as typeof r;
      expect(stored).not.toBeNull();
      expect(stored.error).toEqual(r.error);
      expect(stored.cells).toEqual(r.cells);
      expect(stored.flags).toEqual(r.flags);
    }
  } finally {
    await store.close();
  }
});

test('a PDF whose pages OCR cannot render names the file, not the parser', async () => {
  const pool = createParsePool(1);
  try {
    const r = await pool.parse({ path: hostile('ocr-render-fails.pdf'), sha256: '' });
    expect(r.error?.code).toBe((await ocrAvailable()) ? 'ENCRYPTED_PDF' : 'NEEDS_OCR');
  } finally {
    await pool.close();
  }
});

test('an INTERNAL failure is stored, so a re-import skips the file until the parser version changes', async () => {
  const store = await openStore({ kind: 'sqlite', location: join(dir, 'internal.db') });
  try {
    const sha = 'ab'.repeat(32);
    const checked = checkStage(failedRecord({ path: 'x.pdf', sha256: sha }, 'INTERNAL', 'a bug'));
    expect(checked.verdict).not.toBe('transient');
    expect(await storeStage(store, checked)).not.toBe('notStored');
    expect((await storedHashes(store.db, [sha], PARSER_VERSION)).has(sha)).toBe(true);
    // a later parser version parses it again
    const [major, minor, patch] = PARSER_VERSION.split('.').map(Number);
    expect((await storedHashes(store.db, [sha], `${major}.${minor}.${patch + 1}`)).has(sha)).toBe(false);
  } finally {
    await store.close();
  }
});

test.each([
  // the fuzz harness's mutants of corpus reports: splitting the run took tens of seconds, and
  // 100 digits more in table 四's run of fifteen cells never ended (TIMEOUT)
  ['long-digit-run.txt', '2023-pingtan-syq-1.txt'],
  ['digit-run-in-table4.txt', '2025-pingtan-syq-1.txt'],
])(
  '%s: the row whose numbers became a long digit run is left unread, every other cell is read as before',
  async (name, originalName) => {
    const original = await parseReport(readFileSync(corpusFile(originalName)), { path: originalName });
    // on a thread: a parse that never ends is stopped there (TIMEOUT) instead of holding the test
    const pool = createParsePool(1);
    const mutant = await pool.parse({ path: hostile(name), sha256: '' }).finally(() => pool.close());
    expect(mutant.error).toBeNull();
    const key = (c: { table: string; row: string; col: string }) => `${c.table}/${c.row}/${c.col}`;
    const before = new Map(original.cells.map((c) => [key(c), c.value]));
    const changed = mutant.cells.filter((c) => before.get(key(c)) !== c.value);
    expect(changed.length).toBeGreaterThan(0);
    // never a wrong number: what changed is unread, and flagged
    for (const c of changed) expect(c.value).toBeNull();
    expect(mutant.flags.map((f) => f.rule)).toContain('T-AMBIGUOUS');
  },
);

/** the depth of the deepest element below `node` (iterative: the trees here are deep) */
function treeDepth(node: AnyNode): number {
  let deepest = 0;
  const stack: Array<[AnyNode, number]> = [[node, 0]];
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if ('children' in n) for (const c of n.children) stack.push([c, depth + 1]);
  }
  return deepest;
}

test('16,000 unclosed <font>: the parser keeps at most MAX_OPEN elements open, the work grows linearly', async () => {
  // htmlparser2 shifts its whole open-element stack for every tag opened: uncapped, this page
  // cost time in the square of its tags (seconds at 32,000)
  const html = readFileSync(hostile('unclosed-font-16000.html'), 'utf8');
  const root = parseHtml(html);
  expect(treeDepth(root)).toBe(MAX_OPEN + 1); // MAX_OPEN elements and the text inside the last
  // nothing is lost: every character of text is still there, in order
  const text: string[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') text.push((n as unknown as { data: string }).data);
    if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  expect(text.join('')).toBe('x'.repeat(16_000));
  const record = await parseReport(readFileSync(hostile('unclosed-font-16000.html')), { path: 'unclosed.html' });
  expect(record.error?.code).toBe('NOT_A_REPORT');
});
