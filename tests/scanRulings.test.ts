// Ruling lines of a scanned page (parsers/pdf/scan/scanRulings.ts): a pale line broken into
// pieces is one line where its faint trace runs between them, and not where paper does; the
// pieces of one border are one position; a line's ends are where the lines across it are.
import { alignLines, snapEnds, solidLines, tableLines } from '../parsers/pdf/scan/scanRulings';
import { traceAlong, type PixelLine } from '../parsers/pdf/scan/imageLines';

const line = (at: number, from: number, to: number, thickness = 2): PixelLine => ({
  at,
  from,
  to,
  thickness,
  first: Math.floor(at),
  last: Math.floor(at) + thickness - 1,
});

/** a white page 800 × 200 with pale grey row bands at y 100–101, each from x0 to x1 */
function page(x0: number, x1: number, grey: number, ...more: [number, number][]) {
  const width = 800,
    height = 200;
  const data = new Uint8Array(width * height).fill(250);
  for (const [a, b] of [[x0, x1], ...more]) for (const y of [100, 101]) data.fill(grey, y * width + a, y * width + b);
  return { data, width, height };
}

describe('a pale row border broken into pieces', () => {
  // two pieces of a row border, 100 px apart, and the borders of the two columns it runs between
  const pieces = [line(100, 10, 150), line(100, 250, 390)];
  const columns = [line(10, 50, 150), line(390, 50, 150)];
  const faintIn = (img: ReturnType<typeof page>) => (horizontal: boolean, l: PixelLine, from: number, to: number) =>
    traceAlong(img, horizontal, l, from, to, 226);

  test('is one line where a faint trace (two pale rows) runs through the gap', () => {
    const found = tableLines({ h: pieces, v: columns }, 8, 100, faintIn(page(0, 400, 205)));
    expect(found.h.map((h) => [h.from, h.to])).toEqual([[10, 390]]);
  });
  test('stays in pieces where paper is between them', () => {
    const found = tableLines({ h: pieces, v: columns }, 8, 100, faintIn(page(0, 0, 205)));
    // each piece alone meets one column only: neither is a border
    expect(found.h).toEqual([]);
  });
  test('stays in pieces where paper longer than a bridge breaks the trace, however much of the gap is traced', () => {
    // the gap is 599 px: its first 40 paper (more than the bridge, 32), the rest traced (93%)
    const long = [line(100, 10, 150), line(100, 750, 790)];
    const far = [line(10, 50, 150), line(790, 50, 150)];
    expect(traceAlong(page(0, 151, 205, [191, 800]), true, long[0], 151, 749, 226).share).toBeGreaterThan(0.9);
    const found = tableLines({ h: long, v: far }, 8, 100, faintIn(page(0, 151, 205, [191, 800])));
    expect(found.h).toEqual([]);
  });
});

test('the pieces of one column border, a few pixels apart, are one position; two close borders are not', () => {
  const v = [line(1108, 100, 300, 6), line(1110.8, 400, 600, 6), line(1140, 100, 600, 4)];
  const at = alignLines({ h: [], v }).v.map((l) => l.at);
  expect(at[0]).toBeCloseTo(at[1]);
  expect(at[0]).toBeGreaterThan(1108);
  expect(at[0]).toBeLessThan(1110.8);
  expect(at[2]).toBe(1140);
});

test("a column border's run past the table's last row border ends at that border", () => {
  const h = [line(100, 50, 300, 4), line(379, 50, 300, 5)];
  const v = [line(50, 98, 383, 4), line(300, 100, 384, 4)];
  const snapped = snapEnds({ h, v }, 8);
  // drawn from `from` to `to + 1`: both ends on the middle of the row borders
  for (const l of snapped.v) expect([l.from, l.to + 1]).toEqual([100.5, 379.5]);
});

test('a run through a row of digits, with a gap at each character, is no border; a solid or traced line is', () => {
  const h = [line(100, 10, 300), line(200, 10, 300), line(300, 10, 300)];
  const inkOf = (horizontal: boolean, l: PixelLine) =>
    l.at === 100 ? { ink: 1, faint: 1 } : l.at === 200 ? { ink: 0.6, faint: 0.97 } : { ink: 0.79, faint: 0.86 };
  expect(solidLines({ h, v: [] }, inkOf).h.map((l) => l.at)).toEqual([100, 200]);
});
