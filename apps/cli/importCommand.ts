// `xxgk import PATH...`: files, folders or globs into the store. In-process by default (a
// thread pool parses), or through the BullMQ queues with --queue (workers do the work).
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { formatSummary, failedCount, type ImportSummary } from '../../pipeline/summary';
import { createProgress } from './progress';
import { EXIT } from './exitCodes';
import { sourceUrls, ManifestError } from './sourceUrls';
import type { Stall } from '../../queues/enqueue';

/** What `import --queue` says when nothing finishes for a while. */
function stallLine(s: Stall): string {
  const quiet = `no file finished for ${Math.round(s.quietMs / 1000)} s`;
  if (s.workers < 0) return `${quiet}, and Redis does not answer (REDIS_URL); still waiting`;
  if (s.workers === 0)
    return (
      `${quiet}: no worker is running (${s.waiting} jobs waiting); ` +
      'start `xxgk worker` with the same REDIS_URL and XXGK_QUEUE_PREFIX'
    );
  return `${quiet}: ${s.workers} workers, ${s.active} jobs in hand, ${s.waiting} waiting; still waiting`;
}

interface ImportOpts {
  url?: string;
  manifest?: string;
  queue?: boolean;
  detach?: boolean;
  timeout?: string;
  stall?: string;
  concurrency?: string;
  json?: boolean;
  quiet?: boolean;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'parse report files, folders or globs into the store ' +
        '(SQLite ./xxgk.db or XXGK_DB; PostgreSQL when DATABASE_URL is set); idempotent by content hash',
    )
    .argument('[paths...]', 'files, folders (walked) or globs (quote them); default: the files of --manifest')
    .option(
      '--url <url>',
      "the URL the one file was published at (source.url; the site may settle the issuer's region)",
    )
    .option(
      '--manifest <file>',
      'files and the URLs they came from: CSV with the header path,url, ' +
        'or JSON Lines of {"path","url"}; paths relative to the manifest',
    )
    .option('-c, --concurrency <n>', 'parse threads for the in-process import', String(availableParallelism()))
    .option('--queue', 'enqueue on the BullMQ queues (REDIS_URL) for `xxgk worker` processes instead of parsing here')
    .option('--detach', 'with --queue: return as soon as the files are enqueued')
    .option('--stall <seconds>', 'with --queue: say so when no file has finished for this long', '30')
    .option('--timeout <seconds>', 'with --queue: stop waiting after this long (the files left stay queued; exit 69)')
    .option('--json', 'print the summary as JSON')
    .option('-q, --quiet', 'no progress output')
    .addHelpText(
      'after',
      '\nWith --queue, a line on stderr says when no file has finished for --stall seconds (how many jobs wait,' +
        '\nhow many workers run).' +
        '\nExit codes: 0 all stored, 1 some files failed (bad input; see summary), 66 no input files, 69 Redis or the' +
        '\nstore unavailable, or --timeout reached, 64 usage.',
    )
    .action(async (paths: string[], opts: ImportOpts) => {
      const { openStore } = require('../../store') as typeof import('../../store');
      const { expandInputs } = require('../../pipeline/stages') as typeof import('../../pipeline/stages');
      const { runImport } =
        require('../../pipeline/local/runImport') as typeof import('../../pipeline/local/runImport');
      const { enqueueAndWait, EnqueueTimeoutError } =
        require('../../queues/enqueue') as typeof import('../../queues/enqueue');
      let sources;
      try {
        sources = sourceUrls(paths, opts);
      } catch (e) {
        if (!(e instanceof ManifestError)) throw e;
        process.stderr.write(`xxgk import: ${e.message}\n`);
        process.exitCode = EXIT.USAGE;
        return;
      }
      const { files, missing } = await expandInputs(sources.files);
      for (const m of missing) process.stderr.write(`xxgk import: no such file, folder or match: ${m}\n`);
      if (files.length === 0) {
        process.exitCode = EXIT.NO_INPUT;
        return;
      }
      const concurrency = Math.max(1, Number.parseInt(opts.concurrency ?? '', 10) || availableParallelism());

      const timeoutS = opts.timeout === undefined ? undefined : Number(opts.timeout);
      const stallS = Number(opts.stall ?? 30);
      for (const [name, v] of [
        ['--timeout', timeoutS],
        ['--stall', stallS],
      ] as const) {
        if (v !== undefined && !(v > 0)) {
          process.stderr.write(`xxgk import: ${name} must be a number of seconds above 0\n`);
          process.exitCode = EXIT.USAGE;
          return;
        }
      }

      let summary: ImportSummary;
      if (opts.queue) {
        const progress = createProgress(files.length, 'import (queue)', process.stderr, opts.quiet || opts.detach);
        const onStall = (s: Stall) => process.stderr.write(`\nxxgk import: ${stallLine(s)}\n`);
        try {
          summary = await enqueueAndWait(files, {
            urls: sources.urls,
            detach: opts.detach,
            onTick: (s) => progress.update(s),
            onStall,
            stallMs: stallS * 1000,
            timeoutMs: timeoutS && timeoutS * 1000,
          });
        } catch (e) {
          if (e instanceof EnqueueTimeoutError) {
            progress.stop(e.summary);
            process.stdout.write(
              (opts.json ? JSON.stringify({ ...e.summary, timedOut: true }) : formatSummary(e.summary)) + '\n',
            );
          }
          process.stderr.write(`xxgk import: ${(e as Error).message}\n`);
          process.exitCode = EXIT.UNAVAILABLE;
          return;
        }
        progress.stop(summary);
        if (opts.detach) {
          process.stdout.write(
            opts.json
              ? JSON.stringify({ enqueued: files.length }) + '\n'
              : `enqueued ${files.length} files; follow with \`xxgk status\`\n`,
          );
          process.exitCode = EXIT.OK;
          return;
        }
      } else {
        const store = await openStore();
        const progress = createProgress(files.length, 'import', process.stderr, opts.quiet);
        try {
          summary = await runImport(store, files, {
            urls: sources.urls,
            concurrency,
            onTick: (s) => progress.update(s),
          });
        } finally {
          await store.close();
        }
        progress.stop(summary);
      }
      process.stdout.write((opts.json ? JSON.stringify(summary) : formatSummary(summary)) + '\n');
      process.exitCode = missing.length ? EXIT.NO_INPUT : failedCount(summary) ? EXIT.SOME_FAILED : EXIT.OK;
    });
}
