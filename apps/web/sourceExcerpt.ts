// The part of an original HTML, DOCX/DOC or text report that a cell was read from, as plain
// data for the source view: never the original markup. HTML and Word files go through the
// project's own parser, on a parse thread with the parse's one time limit and memory bound
// (pipeline/local/parsePool.ts): a stored file that takes too long or too much memory to parse
// ends that thread, never the server. Text files are decoded the way the parser decodes them.
import { readFile, stat } from 'node:fs/promises';
import { createParsePool, type ParsePool, type PoolOptions } from '../../pipeline/local/parsePool';
import { decodeTextOrFail } from '../../parsers/encoding';
import type { GridCell } from '../../src/model/document';
import { PARSE_LIMITS } from '../../src/model/config';
import { XxgkError } from '../../src/model/errors';

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

export interface SourceExcerpts {
  /** the table as parsed; undefined when the file has no such table; an XxgkError when the parse fails */
  table(path: string, sha: string, tableIndex: number): Promise<TableExcerpt | undefined>;
  text(path: string, line: number, around?: number): Promise<TextExcerpt>;
  /** ends the parse thread, if one was started */
  close(): Promise<void>;
}

const CACHE_SIZE = 32;

/** One parse thread, started at the first table asked for; the last few tables are kept. */
export function sourceExcerpts(poolOptions: PoolOptions = {}): SourceExcerpts {
  let pool: ParsePool | undefined;
  const cache = new Map<string, Promise<TableExcerpt | undefined>>();
  return {
    table(path, sha, tableIndex) {
      const key = `${sha}/${tableIndex}`;
      let excerpt = cache.get(key);
      if (!excerpt) {
        pool ??= createParsePool(1, poolOptions);
        excerpt = pool.table({ path, table: tableIndex }).then((block) =>
          block
            ? {
                kind: 'table' as const,
                table: tableIndex,
                rows: block.rows.map((r) => r.filter((c) => !c.covered).map(slot)),
              }
            : undefined,
        );
        excerpt.catch(() => cache.delete(key));
        cache.set(key, excerpt);
        while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      return excerpt;
    },
    text: textExcerpt,
    close: async () => {
      await pool?.close();
      pool = undefined;
    },
  };
}

const slot = (c: GridCell) => ({
  text: c.text,
  rowSpan: c.rowSpan,
  colSpan: c.colSpan,
  row: c.source.row ?? null,
  cell: c.source.cell ?? null,
});

/** Lines around `line` (1-based) of a text report; decoded here, so only a file the parser would take. */
async function textExcerpt(path: string, line: number, around = 30): Promise<TextExcerpt> {
  const { size } = await stat(path);
  if (size > PARSE_LIMITS.maxBytes)
    throw new XxgkError('TOO_LARGE', `the file is ${size} bytes, over the limit of ${PARSE_LIMITS.maxBytes}`);
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
