// Parquet through hyparquet-writer (pure JS, ESM: loaded with import()), streamed one row group
// at a time. An explicit schema, so an empty export still has its columns; every column is
// OPTIONAL; JSON columns are UTF-8 strings, which every reader takes.
import type { ColumnDef } from '../columns';

type SchemaElement = {
  name: string;
  type?: string;
  converted_type?: string;
  repetition_type?: string;
  num_children?: number;
};

const PHYSICAL: Record<ColumnDef['type'], Omit<SchemaElement, 'name'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  json: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  int: { type: 'INT32' },
  double: { type: 'DOUBLE' },
  bool: { type: 'BOOLEAN' },
};

function parquetSchema(columns: ColumnDef[]): SchemaElement[] {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map((c) => ({ name: c.name, ...PHYSICAL[c.type], repetition_type: 'OPTIONAL' })),
  ];
}

const cellOf = (v: unknown, type: ColumnDef['type']): unknown => {
  if (v === null || v === undefined) return null;
  if (type === 'json') return JSON.stringify(v);
  if (type === 'string') return String(v);
  return v;
};

export async function writeParquet(
  path: string,
  columns: ColumnDef[],
  rows: AsyncIterable<Record<string, unknown>>,
  metadata: Record<string, string> = {},
  rowGroupRows = 10_000,
): Promise<number> {
  // tsc (module nodenext) keeps import() in its CommonJS output: Node loads the ESM build
  const { parquetWriteRows, fileWriter } = (await import('hyparquet-writer')) as typeof import('hyparquet-writer');
  let n = 0;
  async function* typed() {
    for await (const row of rows) {
      const out: Record<string, unknown> = {};
      for (const c of columns) out[c.name] = cellOf(row[c.name], c.type);
      n++;
      yield out;
    }
  }
  await parquetWriteRows({
    writer: fileWriter(path),
    rows: typed(),
    columns: columns.map((c) => ({ name: c.name })),
    schema: parquetSchema(columns) as never,
    // rows are pulled one group at a time: the group's rows are what an export holds of them
    rowGroupSize: rowGroupRows,
    // an empty list here is written with an element type arrow-rs (pyarrow, parquet-wasm) rejects
    kvMetadata: Object.keys(metadata).length
      ? Object.entries(metadata).map(([key, value]) => ({ key, value }))
      : undefined,
    createdBy: 'xxgk export (hyparquet-writer)',
  });
  return n;
}
