// What pdfjs takes from @napi-rs/canvas in Node, for a parser that never draws: a 2D DOMMatrix
// (pdfjs makes one when its display module loads, and its worker one per Type 3 glyph drawn
// from an image mask), and ImageData and Path2D, which only drawing uses. Loading the real
// package maps skia into every parse thread's process (~20 MB of RSS) for nothing.

type Six = [number, number, number, number, number, number];

/** A 2D affine matrix as the DOM defines it: [a c e; b d f], the Self methods multiplying on the right. */
export class DOMMatrix2D {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  readonly is2D = true;

  constructor(init?: ArrayLike<number> | DOMMatrix2D) {
    if (init === undefined) return;
    const m = init instanceof DOMMatrix2D ? [init.a, init.b, init.c, init.d, init.e, init.f] : Array.from(init);
    if (m.length !== 6) throw new TypeError('only 2D matrices ([a, b, c, d, e, f]) are supported without drawing');
    [this.a, this.b, this.c, this.d, this.e, this.f] = m as Six;
  }

  get m11(): number {
    return this.a;
  }
  get m12(): number {
    return this.b;
  }
  get m21(): number {
    return this.c;
  }
  get m22(): number {
    return this.d;
  }
  get m41(): number {
    return this.e;
  }
  get m42(): number {
    return this.f;
  }
  get isIdentity(): boolean {
    return this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0;
  }

  /** this = this × other */
  multiplySelf(o: DOMMatrix2D): this {
    const { a, b, c, d, e, f } = this;
    this.a = a * o.a + c * o.b;
    this.b = b * o.a + d * o.b;
    this.c = a * o.c + c * o.d;
    this.d = b * o.c + d * o.d;
    this.e = a * o.e + c * o.f + e;
    this.f = b * o.e + d * o.f + f;
    return this;
  }

  /** this = other × this */
  preMultiplySelf(o: DOMMatrix2D): this {
    const m = new DOMMatrix2D(o).multiplySelf(this);
    [this.a, this.b, this.c, this.d, this.e, this.f] = [m.a, m.b, m.c, m.d, m.e, m.f];
    return this;
  }

  translateSelf(tx = 0, ty = 0): this {
    this.e += this.a * tx + this.c * ty;
    this.f += this.b * tx + this.d * ty;
    return this;
  }

  scaleSelf(sx = 1, sy = sx): this {
    this.a *= sx;
    this.b *= sx;
    this.c *= sy;
    this.d *= sy;
    return this;
  }

  invertSelf(): this {
    const { a, b, c, d, e, f } = this;
    const det = a * d - b * c;
    if (!det) {
      [this.a, this.b, this.c, this.d, this.e, this.f] = [NaN, NaN, NaN, NaN, NaN, NaN];
      return this;
    }
    [this.a, this.b, this.c, this.d] = [d / det, -b / det, -c / det, a / det];
    [this.e, this.f] = [(c * f - d * e) / det, (b * e - a * f) / det];
    return this;
  }

  multiply(o: DOMMatrix2D): DOMMatrix2D {
    return new DOMMatrix2D(this).multiplySelf(o);
  }
  translate(tx?: number, ty?: number): DOMMatrix2D {
    return new DOMMatrix2D(this).translateSelf(tx, ty);
  }
  scale(sx?: number, sy?: number): DOMMatrix2D {
    return new DOMMatrix2D(this).scaleSelf(sx, sy);
  }
  inverse(): DOMMatrix2D {
    return new DOMMatrix2D(this).invertSelf();
  }
}

const drawingOnly = (name: string) =>
  class {
    constructor() {
      throw new Error(`${name}: pdfjs draws nothing here (@napi-rs/canvas is not loaded)`);
    }
  };

/** the module pdfjs gets when it asks for @napi-rs/canvas */
export const canvasStandIn = {
  DOMMatrix: DOMMatrix2D,
  ImageData: drawingOnly('ImageData'),
  Path2D: drawingOnly('Path2D'),
  createCanvas: () => {
    throw new Error('createCanvas: pdfjs draws nothing here (@napi-rs/canvas is not loaded)');
  },
};
