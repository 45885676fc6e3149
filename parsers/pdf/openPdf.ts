// Open a PDF with pdfjs and read every page's text items and ruling lines, mapping pdfjs
// failures to our error codes. Never leaves a document open.
import { XxgkError } from '../../src/model/errors';
import type { Limits } from '../types';
import { loadPdfjs, pdfjsDataPaths, type Pdfjs } from './loadPdfjs';
import { extractRulings, type ImageBox, type Ruling } from './pageRulings';
import { CachedBinaryDataFactory } from './cachedBinaryData';
import { fontSinkDocument } from './fontSink';
import { opTextItems, type FontFacts } from './opText';
import type { TextItem } from './pageText';

export interface RawPage {
  /** 1-based */
  page: number;
  width: number;
  height: number;
  /** lower left corner of the page box (user space may not start at 0,0) */
  originX: number;
  originY: number;
  items: TextItem[];
  rulings: Ruling[];
  /** the boxes of the images the page paints, in user space (only where it paints any) */
  images?: ImageBox[];
  /** the page's text was read by OCR, in whole or inside its images */
  ocr?: boolean;
}

export interface RawPdf {
  pages: RawPage[];
  metadataTitle?: string;
}

export async function readPdf(bytes: Uint8Array, limits: Limits): Promise<RawPdf> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    // a copy: pdfjs may take ownership of (detach) the buffer it is given
    data: new Uint8Array(bytes),
    ...pdfjsDataPaths(),
    cMapPacked: true,
    BinaryDataFactory: CachedBinaryDataFactory,
    isEvalSupported: false,
    // fonts go to a sink document: no glyph paths built (see fontSink.ts)
    disableFontFace: false,
    ownerDocument: fontSinkDocument(),
    // true: a non-embedded standard font (Helvetica, Times…) is not loaded and converted from
    // pdfjs's standard_fonts files; its widths come from the PDF or built-in metrics either way
    useSystemFonts: true,
    // images (seals, logos, scans) are never drawn or read here: skip decoding them. A page that
    // is only an image still has no text items, so NEEDS_OCR / OCR detection is unchanged.
    maxImageSize: 0,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw openError(e);
  }
  try {
    if (doc.numPages > limits.maxPages) {
      throw new XxgkError('TOO_MANY_PAGES', `the PDF has ${doc.numPages} pages, over the limit of ${limits.maxPages}`);
    }
    const metadataTitle = await readTitle(doc);
    const pages: RawPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      pages.push(await readPage(doc, n, pdfjs));
    }
    return { pages, metadataTitle };
  } catch (e) {
    if (e instanceof XxgkError) throw e;
    throw new XxgkError('CORRUPT_FILE', `the PDF could not be read: ${(e as Error)?.message ?? e}`);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

/**
 * One page from one pdfjs pass: the operator list gives both the text (opText.ts) and the
 * ruling lines. Annotations (form fields, stamps) are left out, as getTextContent would.
 */
async function readPage(doc: any, n: number, pdfjs: Pdfjs): Promise<RawPage> {
  const page = await doc.getPage(n);
  try {
    const [x0, y0, x1, y1] = page.view as number[];
    const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
    const fonts = await fontFacts(page, ops, pdfjs.OPS);
    const items: TextItem[] = opTextItems(ops, pdfjs.OPS, (name) => fonts.get(name), pdfjs.normalizeUnicode);
    const images: ImageBox[] = [];
    const rulings = extractRulings(ops, pdfjs.OPS, images);
    return {
      page: n,
      width: x1 - x0,
      height: y1 - y0,
      originX: x0,
      originY: y0,
      items,
      rulings,
      ...(images.length ? { images } : {}),
    };
  } finally {
    page.cleanup();
  }
}

/** The fonts the page's text uses, as pdfjs resolved them (matrix, vertical writing). */
async function fontFacts(
  page: any,
  ops: { fnArray: number[]; argsArray: unknown[] },
  OPS: Pdfjs['OPS'],
): Promise<Map<string, FontFacts>> {
  const names = new Set<string>();
  for (let i = 0; i < ops.fnArray.length; i++)
    if (ops.fnArray[i] === OPS.setFont) names.add(String((ops.argsArray[i] as unknown[])[0]));
  const out = new Map<string, FontFacts>();
  await Promise.all(
    [...names].map(
      (name) =>
        new Promise<void>((resolve) => {
          // the callback form waits until the font object has arrived from the worker side
          page.commonObjs.get(name, (font: { fontMatrix?: number[]; vertical?: boolean } | Error) => {
            if (font && !(font instanceof Error))
              out.set(name, { fontMatrix: font.fontMatrix ?? [0.001, 0, 0, 0.001, 0, 0], vertical: !!font.vertical });
            resolve();
          });
        }),
    ),
  );
  return out;
}

async function readTitle(doc: any): Promise<string | undefined> {
  try {
    const meta = await doc.getMetadata();
    const title = meta?.info?.Title;
    return typeof title === 'string' && title.trim() ? title.trim() : undefined;
  } catch {
    return undefined;
  }
}

function openError(e: unknown): XxgkError {
  const name = (e as Error)?.name ?? '';
  const message = (e as Error)?.message ?? String(e);
  if (name === 'PasswordException')
    return new XxgkError('ENCRYPTED_PDF', `the PDF needs a password to open (${message})`);
  if (name === 'InvalidPDFException' || name === 'FormatError' || name === 'UnknownErrorException') {
    return new XxgkError('CORRUPT_FILE', `the PDF is damaged or truncated (${message})`);
  }
  return new XxgkError('CORRUPT_FILE', `the PDF could not be opened: ${message}`);
}
