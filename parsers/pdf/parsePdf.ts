// PDF bytes → Doc: text and ruling lines per page (pdfjs), tables from the rulings, furniture
// removed, tables joined over pages, paragraphs rebuilt. Image-only PDFs need OCR.
import type { Doc } from '../../src/model/document';
import { XxgkError } from '../../src/model/errors';
import type { FormatParser } from '../types';
import { bodyMargin } from './alignedTables';
import { documentLineSpacing } from './tableSpacing';
import { buildBlocks } from './buildBlocks';
import { layoutPage } from './layoutPage';
import { ocrAvailable, ocrPdf } from './ocrPdf';
import { readPdf, type RawPdf } from './openPdf';
import { dropFurniture } from './pageFurniture';
import { chooseTitle } from './chooseTitle';
import { undecodedNotes } from './undecodable';
import { textPictures, withPictureText } from './picturePages';
import type { Limits } from '../types';
import { markCellConfidence } from './scan/cellConfidence';
import { unsettleMergedLabelRows } from './scan/mergedLabelRows';

export const parsePdf: FormatParser = async (bytes, opts) => {
  const raw = await readPdf(bytes, opts.limits);
  const textless = raw.pages.filter((p) => p.items.length === 0).map((p) => p.page);
  if (textless.length === raw.pages.length) {
    if (!(await ocrAvailable())) {
      throw new XxgkError(
        'NEEDS_OCR',
        `none of the ${raw.pages.length} pages has a text layer, and tesseract with chi_sim is not installed ` +
          '(apt-get install tesseract-ocr tesseract-ocr-chi-sim)',
      );
    }
    const ocr = await ocrPdf(bytes, raw, opts.limits);
    const doc = docFrom(ocr.raw);
    markCellConfidence(doc.blocks, ocr.raw.pages);
    unsettleMergedLabelRows(doc.blocks);
    return { ...doc, notes: [`read by OCR: pages ${textless.join(', ')}`, ...ocr.notes] };
  }
  const { raw: read, notes } = await readPictures(bytes, raw, opts.limits);
  const doc = docFrom(read);
  const ocrPages = read.pages.filter((p) => p.ocr);
  if (ocrPages.length) {
    markCellConfidence(doc.blocks, ocrPages);
    unsettleMergedLabelRows(doc.blocks.filter((b) => b.source.ocr));
  }
  doc.notes.push(...notes, ...undecodedNotes(raw.pages));
  const blank = read.pages.filter((p) => !p.ocr && p.items.length === 0).map((p) => p.page);
  if (blank.length) doc.notes.push(`pages without a text layer (not read): ${blank.join(', ')}`);
  return doc;
};

/**
 * A PDF with text pages: pictures that hold text no layer gives (a scanned page among them, a
 * table pasted as an image) read by OCR where tesseract is installed; the rest as it is.
 */
async function readPictures(bytes: Uint8Array, raw: RawPdf, limits: Limits): Promise<{ raw: RawPdf; notes: string[] }> {
  const pictured = new Map(raw.pages.map((p) => [p.page, textPictures(p)] as const).filter(([, b]) => b.length));
  if (!pictured.size) return { raw, notes: [] };
  const listed = [...pictured.keys()].join(', ');
  if (!(await ocrAvailable()))
    return { raw, notes: [`pictures of text on pages ${listed} not read: tesseract with chi_sim is not installed`] };
  let ocr: Awaited<ReturnType<typeof ocrPdf>>;
  try {
    ocr = await ocrPdf(bytes, { ...raw, pages: raw.pages.filter((p) => pictured.has(p.page)) }, limits);
  } catch (e) {
    // the text pages stand without the pictures: a picture OCR could not read in time is a note
    if (e instanceof XxgkError && e.code === 'TIMEOUT')
      return { raw, notes: [`pictures on pages ${listed} not read: ${e.message}`] };
    throw e;
  }
  const byPage = new Map(ocr.raw.pages.filter((p) => p.ocr).map((p) => [p.page, p]));
  const pages = raw.pages.map((p) => {
    const read = byPage.get(p.page);
    return read ? withPictureText(p, read, pictured.get(p.page)!) : p;
  });
  const done = [...byPage.keys()];
  return {
    raw: { ...raw, pages },
    notes: [...(done.length ? [`read by OCR: pictures of text on pages ${done.join(', ')}`] : []), ...ocr.notes],
  };
}

function docFrom(raw: RawPdf): Doc {
  const margin = bodyMargin(raw.pages);
  const lineSpacing = documentLineSpacing(raw.pages.filter((p) => !p.ocr));
  const pages = raw.pages.map((p) => ({ raw: p, elements: layoutPage(p, { aligned: !p.ocr, margin, lineSpacing }) }));
  const elements = dropFurniture(pages).flat();
  const ocrPages = new Set(raw.pages.filter((p) => p.ocr).map((p) => p.page));
  const { blocks, titleLines } = buildBlocks(elements, ocrPages);
  const title = chooseTitle(titleLines, raw.metadataTitle);
  // (the opening's names are checked as OCR's only where OCR read the first page, which prints them)
  const ocr = !!raw.pages[0]?.ocr;
  return { format: 'pdf', ...(title ? { title } : {}), blocks, notes: [], ...(ocr ? { ocr: true } : {}) };
}
