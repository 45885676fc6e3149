// The format-neutral document model. Every parser in parsers/ turns one input format into a
// `Doc`; everything in src/ after that works on this model alone and never looks at PDF, HTML,
// DOCX or text specifics.
import { z } from 'zod';

/** Where a piece of text was read. Only the fields that make sense for the format are set. */
export const Provenance = z.object({
  /** text: 1-based line and column of the first character */
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  /** html/docx: 0-based index of the <table> in the document, row (<tr>) and cell (<td>) in that row */
  table: z.number().int().optional(),
  row: z.number().int().optional(),
  cell: z.number().int().optional(),
  /** pdf: 1-based page and box [x0, y0, x1, y1] in PDF user space (origin bottom left) */
  page: z.number().int().optional(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  /** true when the text came from OCR of a page image: trust it less */
  ocr: z.boolean().optional(),
  /** OCR only: the confidence (0–100) of the least sure word read into this cell or text */
  confidence: z.number().optional(),
});
export type Provenance = z.infer<typeof Provenance>;

/**
 * One slot of a table grid. Spans are resolved: a merged cell occupies its anchor slot, and the
 * other slots it covers hold `covered: true` with the anchor's coordinates and text, so a
 * consumer can read the grid either as printed (skip covered slots) or as filled (use them).
 */
export const GridCell = z.object({
  text: z.string(),
  rowSpan: z.number().int().min(1).default(1),
  colSpan: z.number().int().min(1).default(1),
  covered: z.boolean().optional(),
  anchor: z.tuple([z.number().int(), z.number().int()]).optional(),
  source: Provenance,
});
export type GridCell = z.infer<typeof GridCell>;

const HeadingBlock = z.object({
  type: z.literal('heading'),
  text: z.string(),
  /** a level stated by the format (HTML h1-h6, Word heading style); numbering decides otherwise */
  level: z.number().int().optional(),
  source: Provenance,
});
export const ParagraphBlock = z.object({
  type: z.literal('paragraph'),
  text: z.string(),
  source: Provenance,
});
export const TableBlock = z.object({
  type: z.literal('table'),
  /** rows of slots; rows may be ragged where the format does not state a full grid (tab text) */
  rows: z.array(z.array(GridCell)),
  source: Provenance,
});
export const Block = z.discriminatedUnion('type', [HeadingBlock, ParagraphBlock, TableBlock]);
export type HeadingBlock = z.infer<typeof HeadingBlock>;
export type ParagraphBlock = z.infer<typeof ParagraphBlock>;
export type TableBlock = z.infer<typeof TableBlock>;
export type Block = z.infer<typeof Block>;

export const Format = z.enum(['pdf', 'docx', 'doc', 'html', 'text']);
export type Format = z.infer<typeof Format>;

export const Doc = z.object({
  format: Format,
  /** the document's own title where the format states one (<title>, PDF Title, crawler header) */
  title: z.string().optional(),
  blocks: z.array(Block),
  /** facts a parser learned that later stages may report (pages without text, OCR used, …) */
  notes: z.array(z.string()).default([]),
  /**
   * true when OCR read the first page, which prints the title and the issuer (each block and
   * cell OCR read says so in its source)
   */
  ocr: z.boolean().optional(),
});
export type Doc = z.infer<typeof Doc>;

/** Build a table block from rows of plain cells, for parsers whose tables have no spans. */
export function cell(text: string, source: Provenance): GridCell {
  return { text, rowSpan: 1, colSpan: 1, source };
}

/** the text of every block but the tables, a block a line: the report's prose, headings included */
export function proseOf(doc: Pick<Doc, 'blocks'>): string {
  return doc.blocks
    .filter((b) => b.type !== 'table')
    .map((b) => b.text)
    .join('\n');
}
