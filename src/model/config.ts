// The one place for environment variables and limits. Everything else asks here: the limits
// a parse runs under (the same in every thread, CLI, import and queue worker alike, so a
// record never depends on where it was parsed) and the settings of the services.
// The environment is read at each call, not at load: tests and the CLI may set it first.
import { z } from 'zod';

/** Limits that keep hostile files harmless. Fixed: a record must not depend on the machine. */
export const PARSE_LIMITS = {
  /** largest input file accepted, bytes */
  maxBytes: 30 * 1024 * 1024,
  /** largest total a container (DOCX zip) may inflate to, bytes (images included) */
  maxInflatedBytes: 64 * 1024 * 1024,
  /**
   * largest total of the XML parts of a DOCX, bytes: mammoth and its XML reader need ~55× the
   * XML they are given (16 MB took 0.9 GB and ~50 s), so this is what bounds a Word parse's
   * memory. A real report's document.xml is 0.1-2 MB.
   */
  maxXmlBytes: 10 * 1024 * 1024,
  /** most pages read from a PDF */
  maxPages: 200,
  /** per-file wall-clock limit, milliseconds: the parse thread is stopped when it passes */
  timeoutMs: 60_000,
} as const;

/** Reading scanned pages (tesseract). Fixed, like the limits: a record must not depend on the machine. */
export const OCR_SETTINGS = {
  /** pages are rendered at this resolution for OCR and for finding table borders */
  dpi: 300,
  /**
   * longest one page's tesseract run may take, ms (less when the file's own time limit is
   * nearer): a slower page is skipped with a finding, so that one damaged page does not end
   * the whole file as TIMEOUT
   */
  pageMs: 20_000,
  /** a table cell whose least sure word tesseract gives less confidence (0–100) is not trusted */
  minCellConfidence: 60,
} as const;

/**
 * Resources of every parse thread (worker_threads resourceLimits). One file that needs more
 * memory ends its own thread (TOO_LARGE), never the process; the stack is the same size in
 * every thread, so deep nesting fails or succeeds alike everywhere.
 */
export const PARSE_THREAD_LIMITS = {
  maxOldGenerationSizeMb: 768,
  // 32, not 64: a warm thread parsing the PDFs over and over peaked at 226 MB RSS instead of
  // 293 MB at about the same CPU time; 16 gave 216 MB but made DOCX (mammoth) ~40% slower
  maxYoungGenerationSizeMb: 32,
  codeRangeSizeMb: 64,
  stackSizeMb: 4,
} as const;

const positiveInt = (fallback: number) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? undefined : Number(v)),
    z.number().int().positive().default(fallback),
  );
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());

const Env = z.object({
  /** PostgreSQL store; unset → SQLite */
  DATABASE_URL: optionalText,
  /** the SQLite file */
  XXGK_DB: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('./xxgk.db')),
  /** Redis of the queues; `redisConfigured` tells whether it was set at all */
  REDIS_URL: optionalText,
  XXGK_QUEUE_PREFIX: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('xxgk')),
  XXGK_ATTEMPTS: positiveInt(5),
  XXGK_BACKOFF_MS: positiveInt(2000),
  XXGK_KEEP_COMPLETED: positiveInt(1000),
  XXGK_INGEST_BATCH: positiveInt(50),
  XXGK_LOCK_MS: positiveInt(30_000),
  /** how long a command waits for Redis or the store before it gives up */
  XXGK_SERVICE_TIMEOUT_MS: positiveInt(15_000),
  /** the watcher's folder for fetched files */
  XXGK_SPOOL: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('./xxgk-spool')),
  XXGK_WEB_TOKEN: optionalText,
  PATH: z.string().default(''),
});
export type EnvConfig = z.infer<typeof Env>;

export interface Config extends EnvConfig {
  redisUrl: string;
  redisConfigured: boolean;
}

/** The settings from the environment, validated; a malformed value fails with its name. */
export function config(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`bad environment: ${issues}`);
  }
  const c = parsed.data;
  return { ...c, redisUrl: c.REDIS_URL ?? 'redis://127.0.0.1:6379', redisConfigured: c.REDIS_URL !== undefined };
}
