// The part of an original HTML, DOCX/DOC or text report that a cell was read from, as plain
// data for the source view: never the original markup. HTML and Word files go through the
// project's own parser, so the grid shown is the grid the cells were read from; text files are
// decoded the way the parser decodes them.
import { readFile } from 'node:fs/promises';
import { parseDocument } from '../../parsers';
import { decodeTextOrFail } from '../../parsers/encoding';
import type { Doc, GridCell, TableBlock } from '../../src/model/document';

export interface TableExcerpt {
  kind: 'table';
  table: number;
  /** printed slots only (covered slots of merged cells dropped), with their spans and indices */
  rows: Array<Array<{ text: string; rowSpan: number; colSpan: number; row: number | null; cell: number | null }>>;
}
export interface TextExcerpt {
  kind: 'text';
  first: number;
  lines: string[];
  total: number;
}

const docCache = new Map<string, Promise<Doc>>();
const CACHE_SIZE = 8;

/** The parsed model of an original file, kept for the last few files viewed. */
function parsedDoc(path: string, sha: string): Promise<Doc> {
  let doc = docCache.get(sha);
  if (!doc) {
    doc = readFile(path).then((bytes) => parseDocument(new Uint8Array(bytes), { fileName: path }));
    doc.catch(() => docCache.delete(sha));
    docCache.set(sha, doc);
    while (docCache.size > CACHE_SIZE) docCache.delete(docCache.keys().next().value as string);
  }
  return doc;
}

export async function tableExcerpt(path: string, sha: string, tableIndex: number): Promise<TableExcerpt | undefined> {
  const doc = await parsedDoc(path, sha);
  const block = doc.blocks.find((b): b is TableBlock => b.type === 'table' && b.source.table === tableIndex);
  if (!block) return undefined;
  return { kind: 'table', table: tableIndex, rows: block.rows.map((row) => row.filter((c) => !c.covered).map(slot)) };
}

const slot = (c: GridCell) => ({
  text: c.text,
  rowSpan: c.rowSpan,
  colSpan: c.colSpan,
  row: c.source.row ?? null,
  cell: c.source.cell ?? null,
});

/** Lines around `line` (1-based) of a text report. */
export async function textExcerpt(path: string, line: number, around = 30): Promise<TextExcerpt> {
  const { text } = decodeTextOrFail(new Uint8Array(await readFile(path)));
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const first = Math.max(1, line - around);
  return {
    kind: 'text',
    first,
    lines: lines.slice(first - 1, Math.min(lines.length, line + around)),
    total: lines.length,
  };
}
