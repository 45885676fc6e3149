// Open a PDF with pdfjs and read every page's text items and ruling lines, mapping pdfjs
// failures to our error codes. Never leaves a document open.
import { XxgkError } from '../../src/errors';
import type { Limits } from '../types';
import { loadPdfjs, pdfjsDataPaths } from './loadPdfjs';
import { extractRulings, type Ruling } from './pageRulings';
import { toTextItems, type TextItem } from './pageText';
import { verticalFontItems } from './verticalText';

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
}

export interface RawPdf { pages: RawPage[]; metadataTitle?: string }

export async function readPdf(bytes: Uint8Array, limits: Limits): Promise<RawPdf> {
  const pdfjs = await loadPdfjs();
  const deadline = Date.now() + limits.timeoutMs;
  const task = pdfjs.getDocument({
    // a copy: pdfjs may take ownership of (detach) the buffer it is given
    data: new Uint8Array(bytes),
    ...pdfjsDataPaths(),
    cMapPacked: true,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
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
      if (Date.now() > deadline) throw new XxgkError('TIMEOUT', `parsing took longer than ${limits.timeoutMs} ms`);
      pages.push(await readPage(doc, n, pdfjs.OPS));
    }
    return { pages, metadataTitle };
  } catch (e) {
    if (e instanceof XxgkError) throw e;
    throw new XxgkError('CORRUPT_FILE', `the PDF could not be read: ${(e as Error)?.message ?? e}`);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

async function readPage(doc: any, n: number, OPS: any): Promise<RawPage> {
  const page = await doc.getPage(n);
  try {
    const [x0, y0, x1, y1] = page.view as number[];
    const [content, ops] = await Promise.all([page.getTextContent(), page.getOperatorList()]);
    // vertical fonts: pdfjs's text content loses glyphs, rebuild their text from the operators
    const styles = (content.styles ?? {}) as Record<string, { vertical?: boolean }>;
    const vertical = new Set(Object.keys(styles).filter((name) => styles[name]?.vertical));
    const items = toTextItems(content.items, vertical);
    if (vertical.size) items.push(...verticalFontItems(ops, OPS, vertical));
    return {
      page: n, width: x1 - x0, height: y1 - y0, originX: x0, originY: y0,
      items,
      rulings: extractRulings(ops, OPS),
    };
  } finally {
    page.cleanup();
  }
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
  if (name === 'PasswordException') return new XxgkError('ENCRYPTED_PDF', `the PDF needs a password to open (${message})`);
  if (name === 'InvalidPDFException' || name === 'FormatError' || name === 'UnknownErrorException') {
    return new XxgkError('CORRUPT_FILE', `the PDF is damaged or truncated (${message})`);
  }
  return new XxgkError('CORRUPT_FILE', `the PDF could not be opened: ${message}`);
}
