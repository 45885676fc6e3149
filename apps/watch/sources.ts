// The sources file (YAML or JSON — YAML is a superset): which 政府信息公开年报 columns to watch,
// how to find report links on them, and how politely to fetch. Validated with zod so that a
// typo fails at start with the path of the bad field, not hours later in a scheduled job.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s", "30m", "6h", "1d", or a number of seconds. */
export function durationMs(v: number | string): number {
  if (typeof v === 'number') return v * 1000;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(v.trim());
  if (!m) throw new Error(`not a duration: ${v}`);
  return Number(m[1]) * UNIT_MS[m[2]];
}

// a default goes through the transform too: give it with .prefault(), not .default()
const Duration = z
  .union([
    z.number().positive(),
    z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m|h|d)$/, 'a duration like "90s", "30m", "6h" or "1d"'),
  ])
  .transform(durationMs);

const Regex = z.string().refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');
const HttpUrl = z.url({ protocol: /^https?$/ });

const SourceSchema = z.object({
  /** a short name: log lines, scheduler ids and the state table use it */
  id: z.string().regex(/^[\w.-]+$/, 'letters, digits, "_", "-" or "."'),
  /** the first page of the column that lists the annual reports */
  index: HttpUrl,
  links: z
    .object({
      /** CSS selector of the report links on a list page (anchors, or elements holding them) */
      selector: z.string().default('a[href]'),
      /** regular expression over "link text + space + href"; links not matching are ignored */
      pattern: Regex.default('年度报告|年报'),
    })
    .prefault({}),
  attachments: z
    .object({
      /** regular expression over the URL path that marks a link as a report file */
      pattern: Regex.default('\\.(pdf|docx?|wps)$'),
    })
    .prefault({}),
  pagination: z
    .object({
      /** CSS selector of the "next page" link (下一页) … */
      next: z.string().optional(),
      /** … or a page URL template relative to the index, "{n}" being 2, 3, … */
      template: z.string().includes('{n}').optional(),
      maxPages: z.number().int().min(1).max(200).default(5),
    })
    .prefault({}),
  /** hosts that may be fetched (exact, or "*.example.gov.cn"); default: the index page's host */
  allowedHosts: z.array(z.string().min(1)).optional(),
  /** how often to check in continuous mode */
  interval: Duration.prefault('6h'),
  /** fetch private, loopback and link-local addresses too (tests against a local server only) */
  allowPrivate: z.boolean().default(false),
  fetch: z
    .object({
      /** requests at once to one host */
      concurrency: z.number().int().min(1).max(16).default(2),
      /** least time between two request starts on one host */
      minGap: Duration.prefault('1s'),
      /** per request: connect, headers and body together */
      timeout: Duration.prefault('30s'),
      maxBytes: z
        .number()
        .int()
        .positive()
        .default(50 * 1024 * 1024),
      maxRedirects: z.number().int().min(0).max(20).default(5),
      userAgent: z.string().default('xxgk-watch/0.1 (+government annual report monitor)'),
    })
    .prefault({}),
});

const SourcesFileSchema = z
  .object({
    /** optional: each new report is POSTed here as JSON */
    webhook: HttpUrl.optional(),
    /** where fetched files are kept (the record's path); default XXGK_SPOOL or ./xxgk-spool */
    spool: z.string().optional(),
    sources: z.array(SourceSchema).min(1),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.sources.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `duplicate source id "${s.id}"` });
      seen.add(s.id);
    });
  });

export type SourcesFileInput = z.input<typeof SourcesFileSchema>;
type Parsed = z.output<typeof SourcesFileSchema>;
/** A source with its defaults filled in, allowedHosts resolved to lowercase names. */
export type Source = Omit<Parsed['sources'][number], 'allowedHosts'> & { allowedHosts: string[] };
export interface SourcesFile {
  webhook?: string;
  spool?: string;
  sources: Source[];
}

export class SourcesError extends Error {}

export function parseSources(value: unknown): SourcesFile {
  const r = SourcesFileSchema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new SourcesError(`invalid sources file: ${issues.join('; ')}`);
  }
  return {
    webhook: r.data.webhook,
    spool: r.data.spool,
    sources: r.data.sources.map((s) => ({
      ...s,
      allowedHosts: (s.allowedHosts ?? [new URL(s.index).hostname]).map((h) => h.toLowerCase()),
    })),
  };
}

export async function loadSources(file: string): Promise<SourcesFile> {
  const text = await readFile(file, 'utf8');
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (e) {
    throw new SourcesError(`${file} is not YAML or JSON: ${(e as Error).message}`);
  }
  return parseSources(value);
}
