// DOCX → Doc through mammoth's HTML and the same block/table code as web pages, so merged
// cells (gridSpan → colspan, vMerge → rowspan, both kept by mammoth 1.13) become the same grid.
// The zip is checked first (zip bombs, truncation); images are dropped, not base64-encoded.
import mammoth from 'mammoth';
import type { FormatParser, Limits } from '../types';
import type { Doc } from '../../src/model/document';
import { XxgkError } from '../../src/model/errors';
import { checkZip } from './zipGuard';
import { prepareDocx } from './prepareDocx';
import { loadHtml } from '../html/loadHtml';
import { domBlocks } from '../html/domBlocks';
import { REPORT_WORD } from '../../src/model/reportWords';

/** Title: the first paragraph when it names a report (Word has no reliable title field). */
function docTitle(doc: Doc): string | undefined {
  const first = doc.blocks[0];
  if (first && first.type !== 'table' && REPORT_WORD.test(first.text) && first.text.length <= 100) return first.text;
  return undefined;
}

export async function docxToDoc(
  bytes: Uint8Array,
  limits: Pick<Limits, 'maxInflatedBytes' | 'maxXmlBytes'>,
): Promise<Doc> {
  const entries = checkZip(bytes, limits.maxInflatedBytes);
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    throw new XxgkError('CORRUPT_FILE', 'the zip has no word/document.xml: not a Word document');
  }
  // checkZip has inflated every entry: the sizes are the real ones
  const xml = entries.filter((e) => /\.(xml|rels)$/i.test(e.name)).reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (xml > limits.maxXmlBytes) {
    throw new XxgkError('TOO_LARGE', `the DOCX holds ${xml} bytes of XML, over the limit of ${limits.maxXmlBytes}`);
  }
  let html: string;
  try {
    const prepared = await prepareDocx(bytes);
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(prepared.buffer, prepared.byteOffset, prepared.byteLength) },
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
  } catch (e) {
    throw new XxgkError('CORRUPT_FILE', `mammoth could not read the DOCX: ${(e as Error).message}`);
  }
  const { root, tableIndex } = loadHtml(html);
  const doc: Doc = { format: 'docx', blocks: domBlocks(root.children, { tableIndex }), notes: [] };
  const title = docTitle(doc);
  if (title) doc.title = title;
  if (doc.blocks.length === 0) throw new XxgkError('NOT_A_REPORT', 'the Word document holds no text');
  return doc;
}

export const parseDocx: FormatParser = async (bytes, opts) => docxToDoc(bytes, opts.limits);
