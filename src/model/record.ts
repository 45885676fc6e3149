// The report record (docs/record.md, after the data standard's record.md): what `xxgk parse` prints, what the store
// keeps
// and what the export flattens.
import { z } from 'zod';
import { Provenance, Format } from './document';

export const TableKey = z.enum(['active', 'applications', 'reviewLitigation']);
export type TableKey = z.infer<typeof TableKey>;
export const Template = z.enum(['2019', '2021']);
export type Template = z.infer<typeof Template>;
/** the statistics table of the 2008–2018 reports (tables.md, table `legacy`): its key and its layout */
export const LEGACY = 'legacy';
export const CellTableKey = z.enum([...TableKey.options, LEGACY]);
export type CellTableKey = z.infer<typeof CellTableKey>;
export const TableLayout = z.enum([...Template.options, LEGACY]);
export type TableLayout = z.infer<typeof TableLayout>;

export type Section = { number: string; title: string; level: number; standard?: string; children: Section[] };
export const Section: z.ZodType<Section> = z.lazy(() =>
  z.object({
    number: z.string(),
    title: z.string(),
    level: z.number().int(),
    /** which of the six standard sections this is, when recognised by meaning */
    standard: z.string().optional(),
    children: z.array(Section),
  }),
);

export const Cell = z.object({
  table: CellTableKey,
  row: z.string(),
  col: z.string(),
  value: z.number().nullable(),
  raw: z.string(),
  source: Provenance,
  /** how the value was obtained when not read straight from one printed cell */
  reading: z.enum(['split', 'ocr']).optional(),
  label: z.string().optional(),
});
export type Cell = z.infer<typeof Cell>;

export const Flag = z.object({
  rule: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  cells: z.array(z.string()),
  /** both sides of the failed equation, for people and the review page */
  left: z.object({ expr: z.string(), value: z.number() }).optional(),
  right: z.object({ expr: z.string(), value: z.number() }).optional(),
  /** the readings a T-AMBIGUOUS row allows, cell by cell; null where a reading leaves the cell blank */
  candidates: z.array(z.array(z.number().nullable())).optional(),
});
export type Flag = z.infer<typeof Flag>;

export const RuleOutcome = z.object({
  rule: z.string(),
  status: z.enum(['pass', 'fail', 'notAssessable']),
  checks: z.number().int(),
  failed: z.number().int(),
  notAssessable: z.number().int(),
  /** the blank or missing cells that made some checks not assessable */
  missing: z.array(z.string()).optional(),
});
export type RuleOutcome = z.infer<typeof RuleOutcome>;

export const Region = z.object({
  code: z.string().regex(/^\d{6}$/),
  province: z.string(),
  city: z.string().nullable(),
  county: z.string().nullable(),
});
export type Region = z.infer<typeof Region>;

export const ReportRecord = z.object({
  source: z.object({
    path: z.string(),
    sha256: z.string(),
    format: Format.nullable(),
    url: z.string().optional(),
    fetchedAt: z.string().optional(),
  }),
  report: z.object({
    title: z.string().nullable(),
    /** the issuing body's full name, region included, as a careful reader writes it (record.md) */
    agency: z.string().nullable(),
    /** the name as the title (else the body, else the page's fields) prints it: may be a short form */
    agencyAsPrinted: z.string().nullable().optional(),
    /** the year the statistics cover */
    year: z.number().int().nullable(),
    /** GB/T 2260 division of the issuer; null parts unknown, null when nothing tells */
    region: Region.nullable().optional(),
    layout: z.enum(['2019', '2021', 'legacy', 'unknown']).optional(),
  }),
  sections: z.array(Section),
  tables: z.array(z.object({ table: CellTableKey, template: TableLayout, source: Provenance.optional() })),
  /** rows of the legacy statistics table whose label matches no key: kept with their label and values */
  otherRows: z
    .array(
      z.object({
        table: CellTableKey,
        label: z.string(),
        unit: z.string().optional(),
        raw: z.string(),
        source: Provenance,
      }),
    )
    .optional(),
  cells: z.array(Cell),
  flags: z.array(Flag),
  rules: z.array(RuleOutcome).optional(),
  /** what was and was not found, in words: for reports outside the standard format */
  findings: z.array(z.string()).optional(),
  parser: z.object({ version: z.string(), ms: z.number().optional() }).optional(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ReportRecord = z.infer<typeof ReportRecord>;

export const cellKey = (c: { table: string; row: string; col: string }) => `${c.table}|${c.row}|${c.col}`;
