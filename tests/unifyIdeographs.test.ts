// Radicals and compatibility ideographs where a font's mapping put them (⼀、总体情况 with U+2F00,
// 组⻓ with U+2ED3): the report reads as if its text were plain ideographs, in every format.
// The reports are the samples with the characters such fonts map to radicals replaced; the PDF is
// printed by Chromium from such a page, so its text layer says radicals, as a PDF made with one
// of those fonts does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unifyIdeographs } from '../parsers/unifyIdeographs';
import { parseReport } from '../pipeline/parseReport';
import type { ReportRecord } from '../src/model/record';
import { chromiumPrinter, haveChromium, printedSample } from './support/pdfVariants';

const KANGXI_FIRST = 0x2f00;
const KANGXI_LAST = 0x2fd5;
/** each ideograph a Kangxi radical stands for → the radical (NFKC is the way back) */
const RADICAL_OF = new Map<string, string>();
for (let c = KANGXI_FIRST; c <= KANGXI_LAST; c++) {
  const radical = String.fromCharCode(c);
  RADICAL_OF.set(radical.normalize('NFKC'), radical);
}
/** the simplified forms of the CJK Radicals Supplement such fonts use */
const SUPPLEMENT: Record<string, string> = { 长: '\u2ed3', 门: '\u2ed4', 见: '\u2ec5', 车: '\u2ecb', 页: '\u2eda' };

/** the text as a font with radicals in its mapping prints it */
const withRadicals = (text: string) => text.replace(/./gu, (c) => SUPPLEMENT[c] ?? RADICAL_OF.get(c) ?? c);

const root = join(__dirname, '..');
const sample = (dir: string, name: string) => readFileSync(join(root, 'samples', dir, name), 'utf8');

/** what a report says, without where its bytes came from */
const reading = (r: ReportRecord) => ({
  error: r.error,
  report: r.report,
  sections: r.sections,
  cells: r.cells.map((c) => [c.table, c.row, c.col, c.value]),
  rules: r.rules,
});

test('radicals and compatibility ideographs become the ideographs they stand for, one for one', () => {
  expect(unifyIdeographs('\u2f00、总体情况')).toBe('一、总体情况');
  expect(unifyIdeographs('组\u2ed3、\u2f8f政')).toBe('组长、行政');
  expect(unifyIdeographs('\uf91d')).toBe('欄');
  // parts of characters stand for no word: left as they are
  expect(unifyIdeographs('\u2e85\u2ea1')).toBe('\u2e85\u2ea1');
  const text = withRadicals('中华人民共和国政府信息公开条例');
  expect(text).not.toBe('中华人民共和国政府信息公开条例');
  expect(unifyIdeographs(text)).toBe('中华人民共和国政府信息公开条例');
  expect(unifyIdeographs(text)).toHaveLength(text.length);
});

test.each([
  ['text', 'text', '2021-changguo-1.txt'],
  ['html', 'html', '2019-shanghai-bgt-1.html'],
])('a %s report printed with radicals reads as the report without them', async (_format, dir, name) => {
  const plain = sample(dir, name);
  const radical = withRadicals(plain);
  expect(radical).not.toBe(plain);
  const want = await parseReport(Buffer.from(plain), { path: name });
  const got = await parseReport(Buffer.from(radical), { path: name });
  expect(want.report.title).toMatch(/信息公开/);
  expect(reading(got)).toEqual(reading(want));
});

(haveChromium() ? test : test.skip)(
  'a PDF whose text layer says radicals reads every cell, its title and its sections',
  async () => {
    const printer = await chromiumPrinter();
    try {
      const { record: plain } = await printedSample(printer, 'plain', 'full', (html) => html);
      const { record: got, score } = await printedSample(printer, 'radicals', 'full', withRadicals);
      expect(score.wrong).toBe(0);
      expect(score.missing).toBe(0);
      expect(got.report).toEqual(plain.report);
      expect(got.sections).toEqual(plain.sections);
    } finally {
      await printer.close();
    }
  },
  120_000,
);
