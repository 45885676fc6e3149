// Every input we cannot turn into a record fails with one of these codes, so that scripts,
// queues and the store can tell bad input (never retried) from transient faults.
const ERROR_CODES = {
  EMPTY_FILE: 'the file is empty',
  NOT_A_REPORT: 'the document holds no government information-disclosure annual report',
  UNSUPPORTED_FORMAT: 'the file is not PDF, DOCX, DOC/WPS, HTML or text',
  BINARY_GARBAGE: 'the bytes are not text in any supported encoding',
  TOO_LARGE: 'the file (or what it inflates to) is larger than the configured limit',
  TOO_MANY_PAGES: 'the document has more pages than the configured limit',
  CORRUPT_FILE: 'the file is damaged or truncated',
  ENCRYPTED_PDF: 'the PDF needs a password to open',
  NEEDS_OCR: 'the pages have no text layer and no OCR engine is installed',
  CONVERTER_MISSING: 'a converter needed for this format is not installed',
  TIMEOUT: 'parsing took longer than the configured time limit',
  READ_FAILED: 'the file could not be read',
  INTERNAL: 'the parser failed unexpectedly',
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class XxgkError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? ERROR_CODES[code]);
    this.name = 'XxgkError';
  }
}

/**
 * Whether a failure is stored (and re-imports skip the file until the parser version changes).
 * Only READ_FAILED is transient. TIMEOUT and a crashed parse were already tried twice, the
 * second time alone on a fresh thread (pipeline/local/parsePool.ts); an INTERNAL error is a
 * bug of this parser version that a retry would only repeat.
 */
export function isPermanent(code: ErrorCode): boolean {
  return code !== 'READ_FAILED';
}

export function toXxgkError(e: unknown): XxgkError {
  if (e instanceof XxgkError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new XxgkError('INTERNAL', message);
}
