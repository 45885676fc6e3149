// The review page's filtered list, exported by `xxgk export`'s own code (runExport) into a
// temporary folder and sent as one download: the data file of the chosen format and shape.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../../store';
import { runExport } from '../export/runExport';
import type { ExportFormat, ExportShape } from '../export/options';

export const EXPORT_FORMATS: ExportFormat[] = ['csv', 'jsonl', 'parquet'];
export const EXPORT_SHAPES: ExportShape[] = ['wide', 'long', 'panel'];
const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
};

export async function exportList(
  db: Kysely<Database>,
  ids: string[],
  format: ExportFormat,
  shape: ExportShape,
  res: Response,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-web-export-'));
  try {
    const name = `xxgk-${shape}.${format}`;
    const out = join(dir, name);
    await runExport(db, { format, shape, out, filters: { ids } });
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.type(TYPES[format]);
    await new Promise<void>((resolve, reject) => res.sendFile(out, (err) => (err ? reject(err) : resolve())));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
