// Ruling lines of one page from its pdfjs operator list: stroked lines, and filled rectangles
// thin enough to be a border (Word and WPS draw table borders both ways). Coordinates are PDF
// user space (origin bottom left), with the current transform applied.
import type { Pdfjs } from './loadPdfjs';
import { applyMatrix as apply, IDENTITY, multiply, toMatrix, type Matrix } from './matrix';

/** A horizontal (y0 === y1) or vertical (x0 === x1) ruling, x0 <= x1 and y0 <= y1. */
export interface Ruling {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Thicker than this, a filled rectangle is a shaded area, not a line. */
const MAX_LINE_THICKNESS = 2.5;
/** Slant tolerated before a segment no longer counts as horizontal/vertical. */
const AXIS_TOLERANCE = 0.8;

const isWhite = (hex: unknown) => typeof hex === 'string' && /^#f[a-f0-9]f[a-f0-9]f[a-f0-9]$/i.test(hex);

/** The box an image is painted into: its unit square under the current transform. */
export interface ImageBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The page's ruling lines; the boxes of the images it paints go into `images` (a table pasted
 * as a picture, a scanned page among text pages), read by the same walk of the operators.
 */
export function extractRulings(
  opList: { fnArray: number[]; argsArray: unknown[] },
  OPS: Pdfjs['OPS'],
  images?: ImageBox[],
): Ruling[] {
  const out: Ruling[] = [];
  const IMAGES = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);
  let ctm: Matrix = IDENTITY;
  let fill: unknown = '#000000';
  let stroke: unknown = '#000000';
  const stack: { ctm: Matrix; fill: unknown; stroke: unknown }[] = [];
  const STROKES = new Set<number>([
    OPS.stroke,
    OPS.closeStroke,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  const FILLS = new Set<number>([OPS.fill, OPS.eoFill]);

  for (let i = 0; i < opList.fnArray.length; i++) {
    const fn = opList.fnArray[i];
    const args = opList.argsArray[i] as any;
    switch (fn) {
      case OPS.save:
        stack.push({ ctm, fill, stroke });
        break;
      case OPS.restore: {
        const s = stack.pop();
        if (s) ({ ctm, fill, stroke } = s);
        break;
      }
      case OPS.transform:
        ctm = multiply(toMatrix(args), ctm);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push({ ctm, fill, stroke });
        if (Array.isArray(args?.[0]) || ArrayBuffer.isView(args?.[0]))
          ctm = multiply(toMatrix(args[0] as ArrayLike<number>), ctm);
        break;
      case OPS.paintFormXObjectEnd: {
        const s = stack.pop();
        if (s) ({ ctm, fill, stroke } = s);
        break;
      }
      case OPS.setFillRGBColor:
        fill = args?.[0];
        break;
      case OPS.setStrokeRGBColor:
        stroke = args?.[0];
        break;
      case OPS.constructPath: {
        const [paint, [buffer]] = args as [number, [Float32Array | null]];
        if (!buffer) break;
        if (STROKES.has(paint) && !isWhite(stroke)) strokedSegments(buffer, ctm, out);
        else if (FILLS.has(paint) && !isWhite(fill)) filledBars(buffer, ctm, out);
        break;
      }
      default:
        if (images && IMAGES.has(fn)) images.push(unitSquareBox(ctm));
    }
  }
  return out;
}

function unitSquareBox(ctm: Matrix): ImageBox {
  const corners = [apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** Path buffer → list of subpaths, each a list of transformed points. */
function subpaths(buffer: Float32Array, ctm: Matrix): [number, number][][] {
  const paths: [number, number][][] = [];
  let cur: [number, number][] = [];
  for (let k = 0; k < buffer.length;) {
    const op = buffer[k++];
    if (op === 0) {
      if (cur.length) paths.push(cur);
      cur = [apply(ctm, buffer[k], buffer[k + 1])];
      k += 2;
    } else if (op === 1) {
      cur.push(apply(ctm, buffer[k], buffer[k + 1]));
      k += 2;
    } else if (op === 2) {
      cur.push(apply(ctm, buffer[k + 4], buffer[k + 5]));
      k += 6;
    } else if (op === 3) {
      cur.push(apply(ctm, buffer[k + 2], buffer[k + 3]));
      k += 4;
    } else if (op === 4) {
      if (cur.length) cur.push(cur[0]);
    } else break;
  }
  if (cur.length) paths.push(cur);
  return paths;
}

function pushAxisSegment(a: [number, number], b: [number, number], out: Ruling[]) {
  const dx = Math.abs(a[0] - b[0]);
  const dy = Math.abs(a[1] - b[1]);
  if (dy <= AXIS_TOLERANCE && dx > AXIS_TOLERANCE) {
    const y = (a[1] + b[1]) / 2;
    out.push({ x0: Math.min(a[0], b[0]), x1: Math.max(a[0], b[0]), y0: y, y1: y });
  } else if (dx <= AXIS_TOLERANCE && dy > AXIS_TOLERANCE) {
    const x = (a[0] + b[0]) / 2;
    out.push({ x0: x, x1: x, y0: Math.min(a[1], b[1]), y1: Math.max(a[1], b[1]) });
  }
}

function strokedSegments(buffer: Float32Array, ctm: Matrix, out: Ruling[]) {
  for (const pts of subpaths(buffer, ctm)) {
    for (let i = 1; i < pts.length; i++) pushAxisSegment(pts[i - 1], pts[i], out);
  }
}

/** A filled thin rectangle is a line along its long axis; a wide one is shading and ignored. */
function filledBars(buffer: Float32Array, ctm: Matrix, out: Ruling[]) {
  for (const pts of subpaths(buffer, ctm)) {
    if (pts.length < 4) continue;
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const x0 = Math.min(...xs),
      x1 = Math.max(...xs),
      y0 = Math.min(...ys),
      y1 = Math.max(...ys);
    const w = x1 - x0,
      h = y1 - y0;
    if (h <= MAX_LINE_THICKNESS && w > h) out.push({ x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
    else if (w <= MAX_LINE_THICKNESS && h > w) out.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 });
  }
}
