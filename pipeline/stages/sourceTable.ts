// One table of an original HTML or Word file, parsed again for the review's source view, so the
// grid shown is the grid the cells were read from. It runs on a parse thread (parsePool.ts):
// under the parse's one time limit and memory bound, never in the web server's own thread.
import { readFile } from 'node:fs/promises';
import { parseDocument } from '../../parsers';
import { toXxgkError, type ErrorCode } from '../../src/model/errors';
import type { TableBlock } from '../../src/model/document';

export interface TableTask {
  path: string;
  /** 0-based index of the table in the file (a cell's source.table) */
  table: number;
}

/** what the thread sends back: the table (null when the file has no such table) or why not */
export type TableReply = { table: TableBlock | null } | { error: { code: ErrorCode; message: string } };

export async function sourceTable(task: TableTask): Promise<TableReply> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(task.path));
  } catch (e) {
    return { error: { code: 'READ_FAILED', message: `cannot read ${task.path}: ${(e as Error).message}` } };
  }
  try {
    const doc = await parseDocument(bytes, { fileName: task.path });
    const block = doc.blocks.find((b): b is TableBlock => b.type === 'table' && b.source.table === task.table);
    return { table: block ?? null };
  } catch (e) {
    const err = toXxgkError(e);
    return { error: { code: err.code, message: err.message } };
  }
}
