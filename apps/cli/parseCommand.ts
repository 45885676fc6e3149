// `xxgk parse FILE...`: one JSON record per line, in argument order; a bad file gives a record
// with `error` and the rest go on.
import type { Command } from 'commander';
import type { ReportRecord } from '../../src/model/record';
import { EXIT } from './exitCodes';

/** A file → its record, through the same parse stage the import and the queue workers run. */
export function parseFileToRecord(path: string): Promise<ReportRecord> {
  const { parseStage } = require('../../pipeline/stages/parse') as typeof import('../../pipeline/stages/parse');
  return parseStage({ path, sha256: '' });
}

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('parse report files and print one JSON record per file (JSON Lines, argument order)')
    .argument('<files...>', 'report files: PDF, DOCX, DOC/WPS, HTML or text')
    .option('--pretty', 'indent each record (no longer one per line)')
    .addHelpText('after', '\nThe record: ../shared/spec/record.md. Exit codes: 0 every file parsed, 1 some records carry an\nerror ({code, message}: EMPTY_FILE, NOT_A_REPORT, ENCRYPTED_PDF, …), 64 usage error.')
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
