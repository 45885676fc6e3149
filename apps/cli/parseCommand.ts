// `xxgk parse FILE...`: one JSON record per line, in argument order; a bad file gives a record
// with `error` and the rest go on.
import type { Command } from 'commander';
import type { ReportRecord } from '../../src/model/record';
import { EXIT } from './exitCodes';
import { sourceUrls, urlOf, ManifestError } from './sourceUrls';

/**
 * Files → records in argument order, parsed on the same thread pool as the import and the queue
 * workers (one time limit that stops the thread, bounded memory): an error in one file's parse
 * gives that file a record and never reaches the next file or this process.
 */
async function parseFilesToRecords(
  paths: string[],
  onRecord: (record: ReportRecord) => void,
  urls: Map<string, string> = new Map(),
): Promise<void> {
  const { createParsePool } =
    require('../../pipeline/local/parsePool') as typeof import('../../pipeline/local/parsePool');
  const { availableParallelism } = require('node:os') as typeof import('node:os');
  const pool = createParsePool(Math.max(1, Math.min(paths.length, availableParallelism())));
  try {
    const records = paths.map((path) => {
      const url = urlOf(urls, path);
      return pool.parse({ path, sha256: '', ...(url ? { url } : {}) });
    });
    // the pool fails only when its threads cannot run at all: the first such failure ends the command (exit 70)
    for (const r of records) r.catch(() => undefined);
    for (const record of records) onRecord(await record);
  } finally {
    await pool.close();
  }
}

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('parse report files and print one JSON record per file (JSON Lines, argument order)')
    .argument('[files...]', 'report files: PDF, DOCX, DOC/WPS, HTML or text (default: the files of --manifest)')
    .option('--pretty', 'indent each record (no longer one per line)')
    .option(
      '--url <url>',
      "the URL the one file was published at (source.url; the site may settle the issuer's region)",
    )
    .option(
      '--manifest <file>',
      'files and the URLs they came from: CSV with the header path,url, ' +
        'or JSON Lines of {"path","url"}; paths relative to the manifest',
    )
    .addHelpText(
      'after',
      '\nThe record: docs/record.md. Exit codes: 0 every file parsed, 1 some records carry an' +
        '\nerror ({code, message}: EMPTY_FILE, NOT_A_REPORT, ENCRYPTED_PDF, TIMEOUT, …), ' +
        '64 usage error, 70 internal error.' +
        '\nEach file is parsed on a worker thread under one time limit (60 s) and a memory bound.',
    )
    .action(async (args: string[], opts: { pretty?: boolean; url?: string; manifest?: string }) => {
      let failed = 0;
      let sources;
      try {
        sources = sourceUrls(args, opts);
      } catch (e) {
        if (!(e instanceof ManifestError)) throw e;
        process.stderr.write(`xxgk parse: ${e.message}\n`);
        process.exitCode = EXIT.USAGE;
        return;
      }
      if (!sources.files.length) {
        process.stderr.write('xxgk parse: no files named (give files, or --manifest)\n');
        process.exitCode = EXIT.USAGE;
        return;
      }
      await parseFilesToRecords(
        sources.files,
        (record) => {
          if (record.error) failed++;
          process.stdout.write(JSON.stringify(record, null, opts.pretty ? 2 : undefined) + '\n');
        },
        sources.urls,
      );
      process.exitCode = failed ? EXIT.SOME_FAILED : EXIT.OK;
    });
}
