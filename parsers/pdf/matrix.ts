// 2-D affine matrices in PDF order [a b c d e f]: the current transform and the text matrix.
export type Matrix = [number, number, number, number, number, number];

/** a matrix as pdfjs hands it (a Float32Array for text matrices), read in place */
export type MatrixLike = ArrayLike<number>;

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m then n (PDF's "m × n": apply m first) */
export const multiply = (m: MatrixLike, n: MatrixLike): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

export const applyMatrix = (m: MatrixLike, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

/** a copy as a plain array (pdfjs hands typed arrays); by index, quicker than Array.from */
export const toMatrix = (v: ArrayLike<number>): Matrix => [v[0], v[1], v[2], v[3], v[4], v[5]];
