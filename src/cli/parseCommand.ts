// `xxgk parse FILE...`: one JSON record per line, in argument order; a bad file gives a record
// with `error` and the rest go on.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseReport } from '../pipeline';
import { XxgkError } from '../errors';
import type { ReportRecord } from '../record';
import { EXIT } from './exitCodes';

export async function parseFileToRecord(path: string): Promise<ReportRecord> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const err = new XxgkError('READ_FAILED', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return {
      source: { path, sha256: '', format: null },
      report: { title: null, agency: null, year: null },
      sections: [], tables: [], cells: [], flags: [],
      error: { code: err.code, message: err.message },
    };
  }
  return parseReport(bytes, { path });
}

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('parse report files and print one JSON record per file (JSON Lines, argument order)')
    .argument('<files...>', 'report files: PDF, DOCX, DOC/WPS, HTML or text')
    .option('--pretty', 'indent each record (no longer one per line)')
    .action(async (files: string[], opts: { pretty?: boolean }) => {
      let failed = 0;
      for (const path of files) {
        const record = await parseFileToRecord(path);
        if (record.error) failed++;
        process.stdout.write(JSON.stringify(record, null, opts.pretty ? 2 : undefined) + '\n');
      }
      process.exitCode = failed ? EXIT.SOME_FAILED : EXIT.OK;
    });
}
