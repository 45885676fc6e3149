// One entry point from bytes to the shared document model: detect the format, enforce the
// limits, hand the bytes to that format's parser.
import type { Doc } from '../src/model/document';
import { XxgkError } from '../src/model/errors';
import { detectFormat, type DetectedFormat } from './detectFormat';
import { DEFAULT_LIMITS, type FormatParser, type Limits, type ParseOptions } from './types';
import { parseText } from './text/parseText';
import { parseHtml } from './html/parseHtml';
import { parseDocx } from './docx/parseDocx';
import { parseDoc } from './docx/parseDoc';
import { parsePdf } from './pdf/parsePdf';
import { unifyDocIdeographs } from './unifyIdeographs';

export { DEFAULT_LIMITS };
export type { Limits, ParseOptions };

const PARSERS: Record<Doc['format'], FormatParser> = {
  text: parseText,
  html: parseHtml,
  docx: parseDocx,
  doc: parseDoc,
  pdf: parsePdf,
};

/**
 * `detected`: what detectFormat(bytes, opts.fileName) gave, where the caller has it already
 * (parseReport detects the format for the record first): the bytes are not read for it twice
 */
export async function parseDocument(
  bytes: Uint8Array,
  opts: Partial<ParseOptions> = {},
  detected?: DetectedFormat,
): Promise<Doc> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...(opts.limits ?? {}) };
  if (bytes.length === 0) throw new XxgkError('EMPTY_FILE');
  if (bytes.length > limits.maxBytes) {
    throw new XxgkError('TOO_LARGE', `the file is ${bytes.length} bytes, over the limit of ${limits.maxBytes}`);
  }
  const format = detected ?? detectFormat(bytes, opts.fileName);
  if (format === 'zip') throw new XxgkError('UNSUPPORTED_FORMAT', 'a zip archive that is not a Word document');
  if (format === 'unknown') throw new XxgkError('UNSUPPORTED_FORMAT');
  // no time limit here: a promise cannot stop synchronous work. The thread a parse runs on is
  // stopped at limits.timeoutMs (pipeline/local/parsePool.ts).
  // every format's text with its radicals and compatibility ideographs unified (a font's mapping, not the report's)
  return unifyDocIdeographs(await PARSERS[format](bytes, { ...opts, limits }));
}
