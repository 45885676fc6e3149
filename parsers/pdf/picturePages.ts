// Text that is a picture on a page that is not: a scanned page among text pages (the tables
// printed, stamped and scanned back in), a table pasted into the document as an image. Such a
// picture is read by OCR, and only what OCR finds inside it joins the page's own text.
import type { RawPage } from './openPdf';
import type { ImageBox } from './pageRulings';
import { itemMidY, type TextItem } from './pageText';
import type { Ruling } from './pageRulings';

/** a picture smaller than this share of its page is a seal, a logo, a photo's thumbnail */
const MIN_PAGE_SHARE = 0.08;
/** nor one narrower than this share of the page's width (a table spans most of the text width) */
const MIN_WIDTH_SHARE = 0.4;
/**
 * a picture under more text characters than this is a background (paper, a watermark) or a
 * scan whose text layer the PDF carries: its text is read from that layer. Fewer is a page
 * number or a header a tool stamped on a scan.
 */
const MAX_TEXT_OVER = 24;
/** how far outside a picture OCR's boxes may reach and still be its (skew, the box's margin) */
const SLACK = 3;

const area = (b: ImageBox) => Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);

function clipped(b: ImageBox, p: RawPage): ImageBox {
  return {
    x0: Math.max(b.x0, p.originX),
    y0: Math.max(b.y0, p.originY),
    x1: Math.min(b.x1, p.originX + p.width),
    y1: Math.min(b.y1, p.originY + p.height),
  };
}

const inside = (b: ImageBox, x: number, y: number, slack = 0) =>
  x >= b.x0 - slack && x <= b.x1 + slack && y >= b.y0 - slack && y <= b.y1 + slack;

const itemIn = (b: ImageBox, t: TextItem, slack = 0) => inside(b, (t.x0 + t.x1) / 2, itemMidY(t), slack);

/** the page's pictures that may hold text no text layer gives: large, and with (almost) no text over them */
export function textPictures(p: RawPage): ImageBox[] {
  const pageArea = p.width * p.height;
  return (p.images ?? [])
    .map((b) => clipped(b, p))
    .filter(
      (b) =>
        area(b) >= MIN_PAGE_SHARE * pageArea &&
        b.x1 - b.x0 >= MIN_WIDTH_SHARE * p.width &&
        p.items.filter((t) => itemIn(b, t)).reduce((n, t) => n + t.str.trim().length, 0) <= MAX_TEXT_OVER,
    );
}

const rulingIn = (b: ImageBox, r: Ruling) => inside(b, r.x0, r.y0, SLACK) && inside(b, r.x1, r.y1, SLACK);

/**
 * The page with what OCR read inside its pictures (words and ruling lines) beside its own text;
 * its own text inside a picture (a stamped page number) gives way to OCR's reading of the picture.
 */
export function withPictureText(page: RawPage, read: RawPage, pictures: ImageBox[]): RawPage {
  const inAny = (t: TextItem) => pictures.some((b) => itemIn(b, t));
  return {
    ...page,
    items: [
      ...page.items.filter((t) => !inAny(t)),
      ...read.items.filter((t) => pictures.some((b) => itemIn(b, t, SLACK))),
    ],
    rulings: [
      ...page.rulings.filter((r) => !pictures.some((b) => rulingIn(b, r))),
      ...read.rulings.filter((r) => pictures.some((b) => rulingIn(b, r))),
    ],
    ocr: true,
  };
}
