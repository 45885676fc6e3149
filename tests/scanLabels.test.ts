// Unsure row labels of a scanned table read once more at another scale
// (parsers/pdf/scan/labelReread.ts): the second reading replaces a cell's words only where it is
// a label too and surer throughout (or the first was Latin letters only, a label garbled whole);
// numbers and sure labels are never read again.
import { rereadLabels } from '../parsers/pdf/scan/labelReread';
import type { Pixels } from '../parsers/pdf/scan/cellStack';

const width = 300,
  height = 120;
/** a page with ink in two cells: [10, 10, 140, 110) and [160, 10, 290, 110) */
const data = new Uint8Array(width * height).fill(255);
for (const [x0, x1] of [
  [40, 110],
  [190, 260],
])
  for (let y = 40; y < 80; y++) data.fill(0, y * width + x0, y * width + x1);
const img = { data, width, height };
const ink = Uint8Array.from(data, (v) => (v < 128 ? 1 : 0));
const boxes: Pixels[] = [
  [10, 10, 140, 110],
  [160, 10, 290, 110],
];
const word = (text: string, confidence: number, box: number) => ({
  text,
  confidence,
  box,
  left: boxes[box][0] + 30,
  top: 40,
  width: 70,
  height: 40,
  lineTop: 40,
  lineHeight: 40,
});

/** tesseract's TSV with one word over the whole image read */
const reading = (text: string, confidence: number) => async (image: { width: number; height: number }) =>
  'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n' +
  `4\t1\t1\t1\t1\t0\t0\t0\t${image.width}\t${image.height}\t-1\t\n` +
  `5\t1\t1\t1\t1\t1\t0\t0\t${image.width}\t${image.height}\t${confidence}\t${text}\n`;

test('an unsure label is replaced by a surer second reading of it', async () => {
  const words = [word('生守矛以公开', 0, 0), word('12', 95, 1)];
  const got = await rereadLabels(img, ink, boxes, 300, words, reading('予以公开', 70));
  expect(got.map((w) => [w.box, w.text])).toEqual([
    [1, '12'],
    [0, '予以公开'],
  ]);
});

test('a second reading no surer, or not a label, leaves the first', async () => {
  const words = [word('生守矛以公开', 30, 0)];
  expect((await rereadLabels(img, ink, boxes, 300, words, reading('予以公开', 20)))[0].text).toBe('生守矛以公开');
  expect((await rereadLabels(img, ink, boxes, 300, words, reading('1234', 96)))[0].text).toBe('生守矛以公开');
});

test('sure labels and numbers are not read again', async () => {
  const read = jest.fn(reading('x', 99));
  const words = [word('予以公开', 93, 0), word('1', 20, 1)];
  expect(await rereadLabels(img, ink, boxes, 300, words, read)).toEqual(words);
  expect(read).not.toHaveBeenCalled();
});

test('a label read as Latin letters only is read again, however sure, and replaced by one in Chinese', async () => {
  const words = [word('WarOm', 91, 0), word('12', 95, 1)];
  const got = await rereadLabels(img, ink, boxes, 300, words, reading('5.要求行政机关确认', 62));
  expect(got.map((w) => [w.box, w.text])).toEqual([
    [1, '12'],
    [0, '5.要求行政机关确认'],
  ]);
  // a second reading without Chinese leaves it as it was
  expect((await rereadLabels(img, ink, boxes, 300, words, reading('Warm', 96)))[0].text).toBe('WarOm');
});
