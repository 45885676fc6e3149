// `xxgk worker`: take jobs from the queues until SIGTERM/SIGINT, then finish the jobs in hand
// (a second signal exits at once; jobs left active are taken over by other workers as stalled).
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { EXIT } from './exitCodes';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('process queued imports (REDIS_URL) into the store (DATABASE_URL, else SQLite XXGK_DB) until stopped')
    .option('-c, --concurrency <n>', 'parse threads (the worker holds two parse jobs per thread, so the next is ready while a record is stored)', String(availableParallelism()))
    .option('-q, --quiet', 'log nothing but errors')
    .addHelpText('after', '\nStops gracefully on SIGTERM or SIGINT (finishes the jobs in hand); exit code 0 then, 69 if Redis or the store cannot be reached at start.')
    .action(async (opts: { concurrency: string; quiet?: boolean }) => {
      const { startWorker } = require('../../queues/startWorker') as typeof import('../../queues/startWorker');
      const { redisUrl, queuePrefix } = require('../../queues/config') as typeof import('../../queues/config');
      const { storeConfigFromEnv } = require('../../store') as typeof import('../../store');
      const concurrency = Math.max(1, Number.parseInt(opts.concurrency, 10) || availableParallelism());
      const log = (line: string) => process.stderr.write(`[worker ${process.pid}] ${line}\n`);
      let worker: Awaited<ReturnType<typeof import('../../queues/startWorker').startWorker>>;
      try {
        worker = await startWorker({ concurrency, log: opts.quiet ? undefined : log });
      } catch (e) {
        log(`cannot start: ${(e as Error).message}`);
        process.exitCode = EXIT.UNAVAILABLE;
        return;
      }
      const store = storeConfigFromEnv();
      if (!opts.quiet) log(`ready: ${redisUrl()} prefix ${queuePrefix()}, store ${store.kind}, concurrency ${concurrency}`);
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) { log(`${signal} again: exiting now`); process.exit(EXIT.OK); }
          stopping = true;
          if (!opts.quiet) log(`${signal}: finishing the jobs in hand`);
          worker.close().then(resolve, (e: Error) => { log(`close failed: ${e.message}`); resolve(); });
        };
        process.on('SIGTERM', () => stop('SIGTERM'));
        process.on('SIGINT', () => stop('SIGINT'));
      });
      if (!opts.quiet) log('stopped');
      process.exitCode = EXIT.OK;
    });
}
