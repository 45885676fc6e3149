// Text items of one page read from its pdfjs operator list, so that a page costs one pdfjs pass
// (getOperatorList) instead of two (getTextContent as well). Every showText is placed as a
// canvas would draw it: text matrix, line offsets, character/word spacing, horizontal scaling,
// rise and the current transform. Horizontal runs that continue on the same baseline are merged
// (WPS shows one glyph per operator); vertical fonts (Identity-V labels) keep one item per run.
import type { Pdfjs } from './loadPdfjs';
import { applyMatrix, IDENTITY, multiply, type Matrix, type MatrixLike } from './matrix';
import type { TextItem } from './pageText';
import { overprintFilter } from './overprint';
import { asciiDigits, unifyIdeographs } from '../unifyIdeographs';

/** What the text needs of a font: its matrix (glyph units → text space) and writing mode. */
export interface FontFacts {
  fontMatrix: number[];
  vertical: boolean;
}

interface Glyph {
  unicode?: string;
  width?: number;
  vmetric?: number[];
  isSpace?: boolean;
}

interface TextState {
  ctm: Matrix;
  /** read in place from the operator list, never changed */
  tm: MatrixLike;
  x: number;
  y: number;
  lineX: number;
  lineY: number;
  font: FontFacts;
  fontName: string;
  fontSize: number;
  direction: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  /** tm × ctm (text space → user space), kept until either changes */
  trm?: Matrix;
}

/** field by field: quicker than a spread, which q/Q around every glyph (WPS) made costly */
const copyState = (s: TextState): TextState => ({
  ctm: s.ctm,
  tm: s.tm,
  x: s.x,
  y: s.y,
  lineX: s.lineX,
  lineY: s.lineY,
  font: s.font,
  fontName: s.fontName,
  fontSize: s.fontSize,
  direction: s.direction,
  charSpacing: s.charSpacing,
  wordSpacing: s.wordSpacing,
  hScale: s.hScale,
  leading: s.leading,
  rise: s.rise,
  trm: s.trm,
});

/** The operators the text reads, numbered for a dense switch (0: one it skips). */
const enum Op {
  save = 1,
  restore,
  transform,
  formBegin,
  formEnd,
  beginText,
  setFont,
  setCharSpacing,
  setWordSpacing,
  setHScale,
  setLeading,
  setTextRise,
  setTextMatrix,
  moveText,
  setLeadingMoveText,
  nextLine,
  showText,
}

const kindsByOps = new WeakMap<object, Uint8Array>();

/** pdfjs's operator number → Op (a table: a switch over OPS.x compares an op with each case). */
function opKinds(OPS: Pdfjs['OPS']): Uint8Array {
  let kinds = kindsByOps.get(OPS);
  if (kinds) return kinds;
  const pairs: [number, Op][] = [
    [OPS.save, Op.save],
    [OPS.restore, Op.restore],
    [OPS.transform, Op.transform],
    [OPS.paintFormXObjectBegin, Op.formBegin],
    [OPS.paintFormXObjectEnd, Op.formEnd],
    [OPS.beginText, Op.beginText],
    [OPS.setFont, Op.setFont],
    [OPS.setCharSpacing, Op.setCharSpacing],
    [OPS.setWordSpacing, Op.setWordSpacing],
    [OPS.setHScale, Op.setHScale],
    [OPS.setLeading, Op.setLeading],
    [OPS.setTextRise, Op.setTextRise],
    [OPS.setTextMatrix, Op.setTextMatrix],
    [OPS.moveText, Op.moveText],
    [OPS.setLeadingMoveText, Op.setLeadingMoveText],
    [OPS.nextLine, Op.nextLine],
    [OPS.showText, Op.showText],
  ];
  kinds = new Uint8Array(Math.max(...Object.values(OPS)) + 1);
  for (const [fn, op] of pairs) kinds[fn] = op;
  kindsByOps.set(OPS, kinds);
  return kinds;
}

const HORIZONTAL: FontFacts = { fontMatrix: [0.001, 0, 0, 0.001, 0, 0], vertical: false };
/** Runs closer than this (in font sizes) are one item; textLines reads wider gaps as spaces. */
const JOIN_GAP = 0.3;
/** Between a digit and a digit a visible gap is two numbers in two cells (18 | 28), never one
 * number shown in two runs (1828) */
const DIGIT_GAP = 0.1;

export function opTextItems(
  opList: { fnArray: number[]; argsArray: unknown[] },
  OPS: Pdfjs['OPS'],
  fonts: (name: string) => FontFacts | undefined,
  normalize: (s: string) => string = (s) => s,
): TextItem[] {
  const out: TextItem[] = [];
  const fontsOf = new Map<TextItem, Set<string>>();
  const badFonts = new Set<string>();
  let s: TextState = {
    ctm: IDENTITY,
    tm: IDENTITY,
    x: 0,
    y: 0,
    lineX: 0,
    lineY: 0,
    font: HORIZONTAL,
    fontName: '',
    fontSize: 1,
    direction: 1,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
    trm: undefined,
  };
  const stack: TextState[] = [];
  const moveText = (tx: number, ty: number) => {
    s.x = s.lineX += tx;
    s.y = s.lineY += ty;
  };
  let last: TextItem | undefined; // the horizontal item the next run may continue
  const drawnAgain = overprintFilter();

  const kinds = opKinds(OPS);
  const { fnArray, argsArray } = opList;
  for (let i = 0; i < fnArray.length; i++) {
    const kind = kinds[fnArray[i]];
    if (!kind) continue; // paths, colours, images…: nothing the text needs
    const args = argsArray[i] as any;
    switch (kind) {
      case Op.save:
        stack.push(copyState(s));
        break;
      case Op.restore:
        s = stack.pop() ?? s;
        break;
      case Op.transform:
        s.ctm = multiply(args as MatrixLike, s.ctm);
        s.trm = undefined;
        break;
      case Op.formBegin:
        stack.push(copyState(s));
        if (Array.isArray(args?.[0]) || ArrayBuffer.isView(args?.[0])) {
          s.ctm = multiply(args[0] as MatrixLike, s.ctm);
          s.trm = undefined;
        }
        break;
      case Op.formEnd:
        s = stack.pop() ?? s;
        break;
      case Op.beginText:
        s.tm = IDENTITY;
        s.trm = undefined;
        s.x = s.lineX = s.y = s.lineY = 0;
        break;
      case Op.setFont: {
        s.fontName = String(args[0]);
        s.font = fonts(s.fontName) ?? HORIZONTAL;
        const size = Number(args[1]) || 0;
        s.direction = size < 0 ? -1 : 1;
        s.fontSize = Math.abs(size);
        break;
      }
      case Op.setCharSpacing:
        s.charSpacing = Number(args[0]) || 0;
        break;
      case Op.setWordSpacing:
        s.wordSpacing = Number(args[0]) || 0;
        break;
      case Op.setHScale:
        s.hScale = (Number(args[0]) || 100) / 100;
        break;
      case Op.setLeading:
        s.leading = -(Number(args[0]) || 0);
        break;
      case Op.setTextRise:
        s.rise = Number(args[0]) || 0;
        break;
      case Op.setTextMatrix:
        s.tm = args[0] as MatrixLike;
        s.trm = undefined;
        s.x = s.lineX = s.y = s.lineY = 0;
        break;
      case Op.moveText:
        moveText(Number(args[0]), Number(args[1]));
        break;
      case Op.setLeadingMoveText:
        s.leading = Number(args[1]);
        moveText(Number(args[0]), Number(args[1]));
        break;
      case Op.nextLine:
        moveText(0, s.leading);
        break;
      case Op.showText: {
        const item = showText(s, args[0] as (Glyph | number)[], normalize);
        // (tested before a run is merged into the one before it: a copy starts where its run did)
        if (!item || drawnAgain(item)) break;
        if (GLYPH_IDS.test(item.str)) badFonts.add(s.fontName);
        if (item.vertical) {
          out.push(item);
          fontsOf.set(item, new Set([s.fontName]));
          break;
        }
        if (last && continues(last, item)) {
          append(last, item);
          fontsOf.get(last)!.add(s.fontName);
        } else if (item.str.trim()) {
          out.push(item);
          last = item;
          fontsOf.set(item, new Set([s.fontName]));
        }
        break;
      }
    }
  }
  // a font that gives glyph ids instead of characters gives nothing readable, its digits
  // included: its text is left unread (U+FFFD per glyph), never guessed
  if (badFonts.size) {
    for (const t of out) {
      if (![...(fontsOf.get(t) ?? [])].some((f) => badFonts.has(f))) continue;
      t.str = t.str.replace(/\S/gu, '\ufffd');
      t.undecodable = true;
    }
  }
  return out.filter((t) => t.str.trim());
}

/** Place one run and advance the text position past it; the run's item, or none when blank. */
function showText(s: TextState, glyphs: (Glyph | number)[], normalize: (s: string) => string): TextItem | undefined {
  const vertical = s.font.vertical;
  const scale = s.fontSize * (s.font.fontMatrix[0] || 0.001);
  const hScale = s.hScale * s.direction;
  let advance = 0; // along the writing direction, in text space before horizontal scaling
  let text = '';
  for (const g of glyphs) {
    if (typeof g === 'number') {
      advance += ((vertical ? 1 : -1) * g * s.fontSize) / 1000;
      continue;
    }
    const spacing = (g.isSpace ? s.wordSpacing : 0) + s.charSpacing;
    text += g.unicode ?? '';
    const w = vertical ? -(g.vmetric?.[0] ?? -1000) : (g.width ?? 0);
    advance += w * scale + spacing * s.direction;
  }
  // text space → user space for this run
  const m = (s.trm ??= multiply(s.tm, s.ctm));
  const str = horizontalForms(normalize(text)).replace(/[\u00a0\u3000]/g, ' ');
  let item: TextItem | undefined;
  if (vertical) {
    // glyphs run downwards from the origin, centred on it
    const size = s.fontSize * Math.hypot(m[2], m[3]);
    const [x, top] = applyMatrix(m, s.x, s.y + s.rise);
    const height = advance * Math.hypot(m[2], m[3]);
    s.y -= advance;
    if (str.trim())
      item = { str, x0: x - size / 2, x1: x + size / 2, y: top - height + 0.2 * size, size, vertical: true, height };
    return item;
  }
  const [x0, y0] = applyMatrix(m, s.x, s.y + s.rise);
  const [x1, y1] = applyMatrix(m, s.x + advance * hScale, s.y + s.rise);
  s.x += advance * hScale;
  const size = s.fontSize * Math.hypot(m[2], m[3]) || s.fontSize;
  if (Math.abs(y1 - y0) > Math.abs(x1 - x0)) {
    // horizontal font, rotated page content: a column of text like a vertical label
    return {
      str,
      x0: Math.min(x0, x1) - size / 2,
      x1: Math.min(x0, x1) + size / 2,
      y: Math.min(y0, y1) + 0.2 * size,
      size,
      vertical: true,
      height: Math.abs(y1 - y0),
    };
  }
  return { str, x0: Math.min(x0, x1), x1: Math.max(x0, x1), y: y0, size, vertical: false };
}

/** Control characters (and U+FFFD) are what a font without a usable ToUnicode map gives:
 * its glyph ids read as character codes 1, 2, 3… */
const GLYPH_IDS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/;

/** Vertical presentation forms (︑ ︒ ︵ …), which vertical labels' ToUnicode maps may give, read
 * as the plain characters; so are radicals (⼀ ⼆ ⽅ …), which Chromium's maps give for glyphs
 * shared with the plain ideographs (一 二 方), before the page's layout reads its headings, and
 * full-width digits, before it looks for values by their digits. */
const VERTICAL_FORM = /[\ufe10-\ufe19\ufe30-\ufe4f]/;
const VERTICAL_FORMS = new RegExp(VERTICAL_FORM.source, 'g');
const horizontalForms = (s: string) =>
  asciiDigits(unifyIdeographs(VERTICAL_FORM.test(s) ? s.replace(VERTICAL_FORMS, (c) => c.normalize('NFKC')) : s));

/** Same baseline and size, starting where the last one ended: one run of text. */
function continues(a: TextItem, b: TextItem): boolean {
  const size = Math.max(a.size, b.size);
  return (
    Math.abs(a.size - b.size) <= size * 0.1 &&
    Math.abs(a.y - b.y) <= size * 0.1 &&
    b.x0 >= a.x1 - size * JOIN_GAP &&
    b.x0 - a.x1 < size * (/\d$/.test(a.str) && /^\d/.test(b.str) ? DIGIT_GAP : JOIN_GAP)
  );
}

/** b goes on a; a run of blanks only (a space glyph shown on its own) stays one space */
function append(a: TextItem, b: TextItem): void {
  if (b.str.trim()) a.str += b.str;
  else if (!/\s$/.test(a.str)) a.str += ' ';
  a.x1 = Math.max(a.x1, b.x1);
}
