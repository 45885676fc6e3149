// PDF bytes → Doc: text and ruling lines per page (pdfjs), tables from the rulings, furniture
// removed, tables joined over pages, paragraphs rebuilt. Image-only PDFs need OCR.
import type { Doc } from '../../src/model/document';
import { XxgkError } from '../../src/model/errors';
import type { FormatParser } from '../types';
import { bodyMargin } from './alignedTables';
import { buildBlocks } from './buildBlocks';
import { layoutPage } from './layoutPage';
import { ocrAvailable, ocrPdf } from './ocrPdf';
import { readPdf, type RawPdf } from './openPdf';
import { dropFurniture } from './pageFurniture';
import { chooseTitle } from './chooseTitle';
import { undecodedNotes } from './undecodable';
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
    const doc = docFrom(ocr.raw, true);
    markCellConfidence(doc.blocks, ocr.raw.pages);
    unsettleMergedLabelRows(doc.blocks);
    return { ...doc, notes: [`read by OCR: pages ${textless.join(', ')}`, ...ocr.notes], ocr: true };
  }
  const doc = docFrom(raw, false);
  doc.notes.push(...undecodedNotes(raw.pages));
  if (textless.length) doc.notes.push(`pages without a text layer (not read): ${textless.join(', ')}`);
  return doc;
};

function docFrom(raw: RawPdf, ocr: boolean): Doc {
  const margin = bodyMargin(raw.pages);
  const pages = raw.pages.map((p) => ({ raw: p, elements: layoutPage(p, { aligned: !ocr, margin }) }));
  const elements = dropFurniture(pages).flat();
  const { blocks, titleLines } = buildBlocks(elements, ocr);
  const title = chooseTitle(titleLines, raw.metadataTitle);
  return { format: 'pdf', ...(title ? { title } : {}), blocks, notes: [], ...(ocr ? { ocr: true } : {}) };
}
