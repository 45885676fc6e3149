// JSON Lines: one object a line with every column, in column order; JSON columns nested.
import type { ColumnDef } from '../columns';
import { TextOut } from './textOut';

export async function writeJsonl(
  path: string,
  columns: ColumnDef[],
  rows: AsyncIterable<Record<string, unknown>>,
): Promise<number> {
  const out = await TextOut.open(path);
  let n = 0;
  try {
    for await (const row of rows) {
      const obj: Record<string, unknown> = {};
      for (const c of columns) obj[c.name] = row[c.name] ?? null;
      await out.write(JSON.stringify(obj) + '\n');
      n++;
    }
  } finally {
    await out.close();
  }
  return n;
}
