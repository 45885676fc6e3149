// The text reports of the labelled corpus (copied into samples/text with their truth files):
// every cell as a careful reader found it, layouts, flags, year and agency. Cells printed with
// no separators are split by the rules; where the rules cannot single out one reading the
// value must stay null with T-AMBIGUOUS listing the true reading among its candidates.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport } from '../pipeline/parseReport';
import { errorFlags, readTruth, wrongCells } from './support/truth';
import { corpusFile } from './support/fixtures';

const dir = join(__dirname, '..', 'samples', 'text');
/** text that pdftotext made of the corpus PDFs, with or without -layout */
const pdftotext = join(__dirname, 'fixtures', 'pdftotext');
/** web pages saved as text (w3m) */
const textdump = join(__dirname, 'fixtures', 'textdump');
const cases = [dir, pdftotext, textdump].flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.truth.json'))
    .map((f) => join(d, f.replace(/\.truth\.json$/, ''))),
);

describe.each(cases)('%s', (file) => {
  const truth = readTruth(`${file}.truth.json`);
  let record: Awaited<ReturnType<typeof parseReport>>;
  beforeAll(async () => {
    record = await parseReport(readFileSync(file), { path: file });
  });

  test('year, agency and layouts', () => {
    expect(record.error).toBeNull();
    expect(record.report.year).toBe(truth.year);
    expect(record.report.agency).toBe(truth.agency);
    expect(Object.fromEntries(record.tables.map((t) => [t.table, t.template]))).toEqual(truth.templates);
  });

  test('every cell, or an ambiguity that lists the true reading', () => {
    const ambiguous = record.flags.filter((f) => f.rule === 'T-AMBIGUOUS');
    const unexplained = wrongCells(record, truth).filter((w) => {
      const key = w.split(':')[0];
      const f = ambiguous.find((a) => a.cells.includes(key));
      if (!f || !w.endsWith('got null')) return true;
      const idx = f.cells.indexOf(key);
      const want = Number(w.match(/want (\S+)/)![1]);
      return !f.candidates!.some((c) => c[idx] === want);
    });
    expect(unexplained).toEqual([]);
  });

  test('error-level flags', () => {
    expect(errorFlags(record)).toEqual([...truth.flags].sort());
  });
});

test('flattened cells carry line and column of the digits they were read from', async () => {
  const bytes = readFileSync(join(dir, '2023-pingtan-syq-1.txt'));
  const r = await parseReport(bytes, { path: 'x' });
  // （一）予以公开220000022: 22|0|0|0|0|0|22, the one reading the table's column equations leave
  const c = r.cells.find((x) => x.table === 'applications' && x.row === 'granted' && x.col === 'total')!;
  expect(c).toMatchObject({ value: 22, raw: '22', reading: 'split' });
  const line = bytes.toString('utf8').split('\n')[c.source.line! - 1];
  expect(line.slice(c.source.column! - 3, c.source.column! - 1 + 2)).toBe('0022');
});

test('a legacy (pre-2019) report gives sections, no standard table, and its statistics table (统计表)', async () => {
  const r = await parseReport(readFileSync(join(dir, '2013-pingtan-syq-1.txt')), { path: 'x' });
  expect(r.error).toBeNull();
  expect(r.report).toMatchObject({ year: 2013, layout: 'legacy' });
  expect(r.sections.length).toBeGreaterThan(0);
  expect(r.findings!.join('\n')).toContain('no standard table');
  expect(r.tables.map((t) => t.template)).toEqual(['legacy']);
  expect(r.cells.length).toBeGreaterThan(0);
  expect(r.cells.every((c) => c.table === 'legacy')).toBe(true);
});

test('digits that split two ways satisfying every rule: no value guessed, T-AMBIGUOUS lists both', async () => {
  const text = readFileSync(join(dir, '2023-pingtan-syq-1.txt'), 'utf8').replace('规章000', '规章1234');
  const r = await parseReport(Buffer.from(text), { path: 'x' });
  const rules = r.cells.filter((c) => c.table === 'active' && c.row === 'rules');
  expect(rules.map((c) => c.value)).toEqual([null, null, null]);
  const f = r.flags.find((x) => x.rule === 'T-AMBIGUOUS')!;
  expect(f.severity).toBe('warning');
  expect(f.cells).toEqual(['active|rules|issued', 'active|rules|repealed', 'active|rules|inForce']);
  expect(f.candidates).toEqual(
    expect.arrayContaining([
      [1, 2, 34],
      [1, 23, 4],
    ]),
  );
  // 现行有效 below 本年制发 is implausible: listed after the plausible readings, never ruled out
  const at = (c: number[]) => f.candidates!.findIndex((x) => JSON.stringify(x) === JSON.stringify(c));
  expect(at([12, 3, 4])).toBeGreaterThan(at([1, 2, 34]));
  // the other rows of the same text still read
  expect(r.cells.find((c) => c.row === 'granted' && c.col === 'total')!.value).toBe(22);
});

describe(
  'crawler text with a minus sign or a placeholder between run-together cells ' +
    '(the real 2019 report, rows reprinted)',
  () => {
    const base = readFileSync(join(dir, '2019-pingtan-syq-1.txt'), 'utf8');
    const row = async (text: string, key: string) => {
      const r = await parseReport(Buffer.from(text), { path: 'x' });
      return r.cells.filter((c) => c.table === 'active' && c.row === key).map((c) => [c.value, c.raw]);
    };

    test('a minus sign starts the 本年增/减 cell instead of ending the run', async () => {
      expect(await row(base.replace('行政事业性收费350', '行政事业性收费35-15'), 'fees')).toEqual([
        [35, '35'],
        [-15, '-15'],
      ]);
      // before, "2648" alone was split into three cells (26 | 4 | 8) and "-18538" lost; the rest
      // of the run reads several ways (-18|538, -185|38, -18538 and a blank), so no value is guessed
      const r = await parseReport(Buffer.from(base.replace('行政处罚26480430', '行政处罚2648-18538')), { path: 'x' });
      const f = r.flags.find((x) => x.rule === 'T-AMBIGUOUS' && x.cells.includes('active|punishment|change'))!;
      expect(f.candidates).toContainEqual([2648, -18, 538]);
      expect(f.candidates!.every((c) => c[0] === 2648)).toBe(true);
    });

    test('a placeholder between digits is a blank cell of its own', async () => {
      expect(await row(base.replace('行政处罚26480430', '行政处罚2648—430'), 'punishment')).toEqual([
        [2648, '2648'],
        [null, '—'],
        [430, '430'],
      ]);
    });
  },
);

describe('tables split into small tables under headings (the 沭阳 2025 transcription of the corpus)', () => {
  const file = corpusFile('2025-shuyang-1.txt');
  const maybe = existsSync(file) ? test : test.skip;

  maybe(
    'table 四 as three five-column tables under 行政复议 / 未经复议直接起诉 / 复议后起诉, and a bare 3.其他 under "(六) 其他"',
    async () => {
      const r = await parseReport(readFileSync(file), { path: file });
      const row = (table: string, key: string) =>
        r.cells.filter((c) => c.table === table && c.row === key).map((c) => c.value);
      expect(row('reviewLitigation', 'review')).toEqual([27, 10, 9, 15, 61]);
      expect(row('reviewLitigation', 'litigationDirect')).toEqual([3, 0, 0, 0, 3]);
      expect(row('reviewLitigation', 'litigationAfterReview')).toEqual([8, 0, 1, 1, 10]);
      // a header row of column labels (…予以公开 | 部分公开 | 不予公开…) in between does not make it 不予公开's
      expect(row('applications', 'otherHandling.other')).toEqual([142, 1, 0, 0, 0, 0, 143]);
      expect(r.cells).toHaveLength(200);
      expect(r.flags.filter((f) => f.severity === 'error')).toEqual([]);
    },
  );
});

test(
  'text with one cell a line in reading order (pdftotext without -layout): ' +
    'what is read is right, the rest is left null or missing',
  async () => {
    const truth = readTruth(join(pdftotext, '2024-huaian-layout.txt.truth.json'));
    const r = await parseReport(readFileSync(join(pdftotext, '2024-huaian-raw.txt')), { path: 'x' });
    const read = r.cells.filter((c) => c.value !== null);
    expect(read.length).toBeGreaterThan(100);
    const wrong = wrongCells({ ...r, cells: read }, truth).filter((w) => !/got nothing|got undefined/.test(w));
    expect(wrong).toEqual([]);
  },
);

test('a borderless table among drawn ones (w3m prints borderless tables as aligned text): read per line', async () => {
  const file = join(textdump, '2019-shanghai-bgt-page.w3m.txt');
  const truth = readTruth(`${file}.truth.json`);
  const lines = readFileSync(file, 'utf8').split('\n');
  const from = lines.findIndex((l) => l.startsWith('二、主动公开政府信息情况'));
  const to = lines.findIndex((l) => l.startsWith('三、收到和处理政府信息公开申请情况'));
  // table 二 without its box: rules gone, bars turned to spaces
  const borderless = lines
    .map((l, i) => (i > from && i < to ? (/^[┌├└]/.test(l) ? '' : l.replace(/[│]/g, '  ')) : l))
    .join('\n');
  expect(borderless).not.toEqual(lines.join('\n'));
  const r = await parseReport(Buffer.from(borderless), { path: 'x' });
  const active = r.cells.filter((c) => c.table === 'active');
  expect(active).toHaveLength(Object.values(truth.cells.active).flatMap((cols) => Object.keys(cols)).length);
  expect(wrongCells({ ...r, cells: r.cells }, truth)).toEqual([]);
});
