// The pieces of reading a scanned table's cells (parsers/pdf/scan): a cell's three readings
// settled into one text (a number taken only when two models agree), a cell's ink found without
// the scanner's specks, and tesseract's words put on their text line.
import { settle } from '../parsers/pdf/scan/digitCheck';
import { inkBox, stackCells, wordsOnPage } from '../parsers/pdf/scan/cellStack';
import { tsvWords } from '../parsers/pdf/scan/tesseractWords';

const r = (text: string, confidence = 95) => ({ text, confidence });

describe('a cell from its three readings (chi_sim, eng digits, chi_sim digits)', () => {
  test('read alike by all three: stands, as sure as the digit readings', () => {
    expect(settle(r('13', 97), r('13', 95), r('13', 96))).toBeUndefined();
    expect(settle(r('0', 57), r('0', 97), r('0', 96))).toEqual({ text: '0', confidence: 96 });
  });
  test('eng reads another number: not trusted, whatever chi_sim says twice', () => {
    expect(settle(r('85', 90), r('35', 97), r('85', 90))).toEqual({ text: '85', confidence: 0 });
    expect(settle(r('8', 93), r('9', 97), r(''))).toEqual({ text: '8', confidence: 0 });
  });
  test('chi_sim with digits only vetoes only when it is sure', () => {
    expect(settle(r('6', 97), r('6', 96), r('0', 95))).toEqual({ text: '6', confidence: 0 });
    expect(settle(r('2', 97), r('2', 97), r('9', 41))).toBeUndefined();
    expect(settle(r('2', 97), r('2', 97), r(''))).toBeUndefined();
  });
  test('a lone sign or an unsure reading is replaced by the number both digit readings give, sure', () => {
    expect(settle(r('观', 77), r('72', 97), r('72', 93))).toEqual({ text: '72', confidence: 93 });
    expect(settle(r('2', 32), r('12', 97), r('12', 93))).toEqual({ text: '12', confidence: 93 });
    expect(settle(r('', 0), r('1', 91), r('1', 89))).toEqual({ text: '1', confidence: 89 });
  });
  test('a number or a label read sure is never replaced', () => {
    expect(settle(r('13', 90), r('18', 97), r('18', 95))).toEqual({ text: '13', confidence: 0 });
    expect(settle(r('总计', 93), r('8', 97), r('8', 95))).toBeUndefined();
  });
  test('one digit reading, or two unsure: the number is kept only with confidence 0 (a rule must hold)', () => {
    expect(settle(r('再', 5), r('72', 97), r(''))).toEqual({ text: '72', confidence: 0 });
    expect(settle(r('9，', 49), r('5', 34), r('5', 71))).toEqual({ text: '9', confidence: 0 });
  });
  // unsure with a digit in it; a lone sign both digit readings see as a number
  test('a short reading that is a misread number: unread', () => {
    expect(settle(r('0 多', 3.8), r(''), r(''))).toEqual({ text: '\uFFFD', confidence: 0 });
    expect(settle(r('史', 0), r('7', 97), r('1', 90))).toEqual({ text: '\uFFFD', confidence: 0 });
    // a lone sign both digit readings take for numbers, even read sure enough to stand (22 as 现)
    expect(settle(r('现', 75), r('22', 97), r('2', 0))).toEqual({ text: '\uFFFD', confidence: 0 });
    // sure, or a sign one digit reading alone takes for a number, or two signs: as read
    expect(settle(r('0 多', 75), r(''), r(''))).toBeUndefined();
    expect(settle(r('史', 0), r('7', 97), r(''))).toEqual({ text: '7', confidence: 0 });
    expect(settle(r('其他', 40), r('4', 97), r('1', 90))).toBeUndefined();
  });
  test('digits garbled with Latin letters are a misread number, never a label: replaced or held unsure', () => {
    expect(settle(r('5SHL2', 91), r('5112', 96), r('5112', 90))).toEqual({ text: '5112', confidence: 90 });
    expect(settle(r('5SHL2', 0), r('5112', 96), r(''))).toEqual({ text: '5112', confidence: 0 });
    // the digit readings disagree: no number is made up, and the cell is left unread
    expect(settle(r('5SHL2', 0), r('5112', 96), r('5172', 90))).toEqual({ text: '\uFFFD', confidence: 0 });
    // Chinese in the reading: a label, as before
    expect(settle(r('第2项', 91), r('2', 96), r('2', 90))).toBeUndefined();
  });
  test('a speck read as a stop after a number is no part of it; a decimal point is', () => {
    expect(settle(r('10.', 78), r('10', 97), r('10', 95))).toEqual({ text: '10', confidence: 95 });
    expect(settle(r('1.5', 90), r('15', 97), r('15', 95))).toBeUndefined();
  });
});

/** a white image with ink rectangles [x0, y0, x1, y1) */
function image(width: number, height: number, rects: [number, number, number, number][]) {
  const data = new Uint8Array(width * height).fill(255);
  for (const [x0, y0, x1, y1] of rects) for (let y = y0; y < y1; y++) data.fill(0, y * width + x0, y * width + x1);
  return { data, width, height, ink: Uint8Array.from(data, (v) => (v < 128 ? 1 : 0)) };
}

describe("a cell's ink", () => {
  test('specks around the text are left out of its box', () => {
    // a stroke, a 2×2 speck far right, a 2×2 one just after the stroke, one far below (a
    // decimal point lies between digits, inside the box, and is kept with them)
    const img = image(100, 60, [
      [10, 10, 14, 40],
      [90, 5, 92, 7],
      [16, 36, 18, 38],
      [50, 55, 52, 57],
    ]);
    expect(inkBox(img.ink, img.width, [0, 0, 100, 60], 3)).toEqual([10, 10, 14, 40]);
    // the dot alone is a speck: nothing is there
    const dot = image(40, 40, [[16, 16, 18, 18]]);
    expect(inkBox(dot.ink, dot.width, [0, 0, 40, 40], 3)).toBeUndefined();
  });

  test("the cells' cuts are stacked and a word read in the stack goes back to its cell", () => {
    const img = image(300, 100, [
      [20, 20, 30, 50],
      [220, 30, 240, 60],
    ]);
    const stacked = stackCells(
      img,
      img.ink,
      [
        [0, 0, 150, 100],
        [150, 0, 300, 100],
      ],
      300,
    )!;
    expect(stacked.cuts.map((c) => c.box)).toEqual([0, 1]);
    // the second cell's ink, where the stack holds it
    const c = stacked.cuts[1];
    const at = { left: c.left + (220 - c.x0), top: c.top + (30 - c.y0) };
    expect(stacked.stack.data[at.top * stacked.stack.width + at.left]).toBe(0);
    const word = { text: '7', confidence: 90, ...at, width: 20, height: 30, lineTop: at.top, lineHeight: 30 };
    expect(wordsOnPage([word], stacked.cuts)).toEqual([{ ...word, left: 220, top: 30, lineTop: 30, box: 1 }]);
    // a word between the cuts is noise
    expect(
      wordsOnPage([{ ...word, top: c.top - 40, lineTop: c.top - 40, height: 10, lineHeight: 10 }], stacked.cuts),
    ).toEqual([]);
  });
});

const TSV_HEAD = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';

test("tesseract's words take their text line's box: a flat 一 stays on its line", () => {
  const tsv = [
    TSV_HEAD,
    '4\t1\t1\t1\t1\t0\t10\t100\t200\t40\t-1\t',
    '5\t1\t1\t1\t1\t1\t10\t102\t38\t38\t96\t第',
    '5\t1\t1\t1\t1\t2\t60\t118\t30\t6\t88\t一',
  ].join('\n');
  const words = tsvWords(tsv);
  expect(words.map((w) => [w.text, w.lineTop, w.lineHeight, w.top, w.height])).toEqual([
    ['第', 100, 40, 102, 38],
    ['一', 100, 40, 118, 6],
  ]);
});

test('a word box a speck made taller stays on its line where its middle is; one far off keeps its own', () => {
  const tsv = [
    TSV_HEAD,
    '4\t1\t1\t1\t1\t0\t10\t100\t200\t40\t-1\t',
    '5\t1\t1\t1\t1\t1\t10\t102\t38\t38\t96\t打印',
    // reaching 8 px above and below the line: its middle (120) is the line's
    '5\t1\t1\t1\t1\t2\t60\t92\t30\t56\t96\t本',
    // far below the line (should not be): its own box
    '5\t1\t1\t1\t1\t3\t100\t150\t30\t30\t96\t页',
  ].join('\n');
  expect(tsvWords(tsv).map((w) => [w.text, w.lineTop, w.lineHeight])).toEqual([
    ['打印', 100, 40],
    ['本', 100, 40],
    ['页', 150, 30],
  ]);
});
