// What every format parser shares: bytes in, a Doc out, limits that keep hostile files harmless.
import type { Doc } from '../src/model/document';
import { PARSE_LIMITS } from '../src/model/config';

export interface Limits {
  /** largest input file accepted, bytes */
  maxBytes: number;
  /** largest total a container (DOCX zip) may inflate to, bytes */
  maxInflatedBytes: number;
  /** largest total of the XML parts of a DOCX, bytes (what mammoth is given) */
  maxXmlBytes: number;
  /** most pages read from a PDF */
  maxPages: number;
  /** per-file wall-clock limit, milliseconds: the parse thread is stopped past it (pipeline/local/parsePool) */
  timeoutMs: number;
}

/** the limits of src/model/config.ts, where every limit is set */
export const DEFAULT_LIMITS: Limits = { ...PARSE_LIMITS };

export interface ParseOptions {
  /** the file's name or URL, for hints only: the bytes decide the format */
  fileName?: string;
  /** an HTTP Content-Type header, when the bytes were fetched */
  contentType?: string;
  limits: Limits;
}

export type FormatParser = (bytes: Uint8Array, opts: ParseOptions) => Promise<Doc>;
