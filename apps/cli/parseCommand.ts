// `xxgk parse FILE...`: one JSON record per line, in argument order; a bad file gives a record
// with `error` and the rest go on.
import type { Command } from 'commander';
import type { ReportRecord } from '../../src/model/record';
import { EXIT } from './exitCodes';

/**
 * Files → records in argument order, parsed on the same thread pool as the import and the queue
 * workers (one time limit that stops the thread, bounded memory): an error in one file's parse
 * gives that file a record and never reaches the next file or this process.
 */
export async function parseFilesToRecords(paths: string[], onRecord: (record: ReportRecord) => void): Promise<void> {
  const { createParsePool } = require('../../pipeline/local/parsePool') as typeof import('../../pipeline/local/parsePool');
  const { availableParallelism } = require('node:os') as typeof import('node:os');
  const pool = createParsePool(Math.max(1, Math.min(paths.length, availableParallelism())));
  try {
    const records = paths.map((path) => pool.parse({ path, sha256: '' }));
    for (const record of records) onRecord(await record);
  } finally {
    await pool.close();
  }
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
      await parseFilesToRecords(files, (record) => {
        if (record.error) failed++;
        process.stdout.write(JSON.stringify(record, null, opts.pretty ? 2 : undefined) + '\n');
      });
      process.exitCode = failed ? EXIT.SOME_FAILED : EXIT.OK;
    });
}
