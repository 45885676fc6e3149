// `xxgk export --format csv|jsonl --out PATH`: the dataset, one row per cell, and beside it one
// file of the reports with their flags (PATH with `.reports` before the extension).
import type { Command } from 'commander';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { openStore, iterateCells, iterateReports } from '../store';
import { EXIT } from './exitCodes';

const CELL_COLUMNS = ['report_id', 'agency', 'year', 'table', 'row', 'col', 'value', 'raw', 'source'] as const;
const REPORT_COLUMNS = ['report_id', 'agency', 'year', 'title', 'format', 'layout', 'path', 'sources', 'error_code', 'error_message', 'parser_version', 'cells', 'flag_count', 'flags'] as const;

export function reportsPathFor(out: string): string {
  const dot = out.lastIndexOf('.');
  return dot > out.lastIndexOf('/') ? `${out.slice(0, dot)}.reports${out.slice(dot)}` : `${out}.reports`;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write the stored dataset: one row per cell, plus a reports file (with their flags) beside it')
    .requiredOption('--out <path>', 'cells file; the reports file is written beside it as <name>.reports.<ext>')
    .option('--format <format>', 'csv (UTF-8 with BOM, opens in Excel) or jsonl', 'csv')
    .addHelpText('after', '\nExit codes: 0 written, 64 bad option, 69 the store cannot be opened, 73 cannot write the output.')
    .action(async (opts: { out: string; format: string }) => {
      if (opts.format !== 'csv' && opts.format !== 'jsonl') {
        process.stderr.write(`xxgk export: --format must be csv or jsonl, not ${opts.format}\n`);
        process.exitCode = EXIT.USAGE;
        return;
      }
      const store = await openStore().catch((e: Error) => { process.stderr.write(`xxgk export: cannot open the store: ${e.message}\n`); return null; });
      if (!store) { process.exitCode = EXIT.UNAVAILABLE; return; }
      const csv = opts.format === 'csv';
      const reportsPath = reportsPathFor(opts.out);
      let cells = 0;
      let reports = 0;
      try {
        const cellOut = await openOut(opts.out);
        if (csv) await write(cellOut, '\uFEFF' + csvLine(CELL_COLUMNS));
        for await (const c of iterateCells(store.db)) {
          const row = { report_id: c.sha256, agency: c.agency, year: c.year, table: c.table, row: c.row, col: c.col, value: c.value, raw: c.raw, source: c.source };
          await write(cellOut, csv ? csvLine(CELL_COLUMNS.map((k) => row[k])) : JSON.stringify({ ...row, source: JSON.parse(c.source) }) + '\n');
          cells++;
        }
        await close(cellOut);
        const repOut = await openOut(reportsPath);
        if (csv) await write(repOut, '\uFEFF' + csvLine(REPORT_COLUMNS));
        for await (const r of iterateReports(store.db)) {
          const row = {
            report_id: r.sha256, agency: r.agency, year: r.year, title: r.title, format: r.format, layout: r.layout, path: r.path,
            sources: r.sources, error_code: r.errorCode, error_message: r.errorMessage, parser_version: r.parserVersion,
            cells: r.cellCount, flag_count: r.flagCount, flags: r.flags,
          };
          await write(repOut, csv ? csvLine(REPORT_COLUMNS.map((k) => { const v = row[k]; return typeof v === 'object' && v !== null ? JSON.stringify(v) : v; })) : JSON.stringify(row) + '\n');
          reports++;
        }
        await close(repOut);
      } catch (e) {
        process.stderr.write(`xxgk export: ${(e as Error).message}\n`);
        process.exitCode = 73;
        return;
      } finally {
        await store.close();
      }
      process.stderr.write(`exported ${cells} cells to ${opts.out} and ${reports} reports to ${reportsPath}\n`);
      process.exitCode = EXIT.OK;
    });
}

function csvLine(values: readonly unknown[]): string {
  return values.map((v) => {
    const s = v == null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }).join(',') + '\r\n';
}

async function openOut(path: string): Promise<WriteStream> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  await once(out, 'open');
  return out;
}
async function write(out: WriteStream, text: string) {
  if (!out.write(text)) await once(out, 'drain');
}
async function close(out: WriteStream) {
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}
