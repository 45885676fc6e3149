// The skew of a scanned page, within ±3°: the angle at which the ink, projected onto rows,
// gives the sharpest profile (text lines and ruling lines fall into few rows).
import type { GreyImage } from './greyImage';

export const MAX_SKEW = 3;

/** degrees a line of the page runs downward (clockwise) from left to right */
export function skewAngle(img: GreyImage, threshold: number): number {
  // ink on every row but every other column: enough points for 0.05° on a 300 dpi page (a
  // lattice skipping rows would favour 0°, where every point falls on the rows it kept)
  const xs: number[] = [],
    ys: number[] = [];
  for (let y = 0; y < img.height; y++) {
    const row = y * img.width;
    for (let x = 0; x < img.width; x += 2) {
      if (img.data[row + x] < threshold) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  if (xs.length < 100) return 0;
  const cx = img.width / 2;
  const bins = new Float64Array(img.height + 2 * img.width);
  const sharpness = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    const off = img.width;
    for (let i = 0; i < xs.length; i++) bins[Math.round(ys[i] - (xs[i] - cx) * t) + off]++;
    let s = 0;
    for (let i = 0; i < bins.length; i++) s += bins[i] * bins[i];
    return s;
  };
  const search = (from: number, to: number, step: number) => {
    let best = 0,
      at = 0;
    for (let d = from; d <= to + 1e-9; d += step) {
      const s = sharpness(d);
      if (s > best) {
        best = s;
        at = d;
      }
    }
    return at;
  };
  const coarse = search(-MAX_SKEW, MAX_SKEW, 0.2);
  const fine = search(coarse - 0.2, coarse + 0.2, 0.02);
  return Math.round(fine * 100) / 100;
}
