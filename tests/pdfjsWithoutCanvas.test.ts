// pdfjs loads without @napi-rs/canvas (parsers/pdf/loadPdfjs.ts): skia is never mapped into a
// parse worker's process, and the 2D DOMMatrix pdfjs gets instead computes as the DOM's does.
import { readFileSync } from 'node:fs';
import { loadPdfjs } from '../parsers/pdf/loadPdfjs';
import { DOMMatrix2D } from '../parsers/pdf/drawingStandIns';

test('loading pdfjs maps no skia into the process', async () => {
  await loadPdfjs();
  const maps = readFileSync('/proc/self/maps', 'utf8');
  expect(maps).not.toMatch(/skia|napi-rs[\\/]canvas/);
  expect(new (globalThis as unknown as { DOMMatrix: typeof DOMMatrix2D }).DOMMatrix()).toBeInstanceOf(DOMMatrix2D);
});

const six = (m: DOMMatrix2D) => [m.a, m.b, m.c, m.d, m.e, m.f];

test('the stand-in DOMMatrix: scale, translate, multiply and invert as [a c e; b d f]', () => {
  // pdfjs's use: a glyph mask of w × h pixels turned into a unit square, y up
  const w = 8,
    h = 4;
  const m = new DOMMatrix2D().scaleSelf(1 / w, -1 / h).translateSelf(0, -h);
  // pixel (w, 0), the top right corner, goes to (1, 1); (0, h) to (0, 0)
  const apply = (x: number, y: number) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
  expect(apply(w, 0)).toEqual([1, 1]);
  expect(apply(0, h)).toEqual([0, 0]);
  const r = new DOMMatrix2D([0, 1, -1, 0, 5, 7]); // a quarter turn, then a shift
  expect(six(r.multiply(r.inverse())).map((x) => x + 0)).toEqual([1, 0, 0, 1, 0, 0]);
  expect(six(new DOMMatrix2D([2, 0, 0, 3, 1, 1]).multiply(new DOMMatrix2D([1, 0, 0, 1, 4, 5])))).toEqual([
    2, 0, 0, 3, 9, 16,
  ]);
  expect(() => new DOMMatrix2D(new Array(16).fill(0))).toThrow(/2D/);
});
