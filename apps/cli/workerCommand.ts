// `xxgk worker`: take jobs from the queues until SIGTERM/SIGINT, then finish the jobs in hand
// (a second signal exits at once; jobs left active are taken over by other workers as stalled).
// Logs are JSON lines on stderr (pino).
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { EXIT } from './exitCodes';
import { serviceLogger } from './logger';

/** Without Redis, the jobs in hand cannot be completed: shutdown ends within this bound. */
const STOP_WITHOUT_REDIS_MS = 5000;

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('process queued imports (REDIS_URL) into the store (DATABASE_URL, else SQLite XXGK_DB) until stopped')
    .option(
      '-c, --concurrency <n>',
      'parse threads (the worker holds two parse jobs per thread, so the next is ready while a record is stored)',
      String(availableParallelism()),
    )
    .option('-q, --quiet', 'log only warnings and errors')
    .addHelpText(
      'after',
      [
        '',
        'Logs: one JSON object a line on stderr (level, time, msg).',
        'Started before Redis, or when Redis goes away, the worker waits for it: it logs once that',
        'Redis is unreachable and reconnects with backoff; it takes jobs once Redis answers.',
        'A dropped database connection fails only the jobs using it; they are retried.',
        'Stops gracefully on SIGTERM or SIGINT (finishes the jobs in hand; without Redis it stops',
        `within ${STOP_WITHOUT_REDIS_MS / 1000} s and the jobs in hand are taken over later). Exit codes: 0 stopped,`,
        '69 the store cannot be opened at start.',
      ].join('\n'),
    )
    .action(async (opts: { concurrency: string; quiet?: boolean }) => {
      const { startWorker, StoreUnavailableError } =
        require('../../queues/startWorker') as typeof import('../../queues/startWorker');
      const { redisUrl, queuePrefix } = require('../../queues/config') as typeof import('../../queues/config');
      const { storeConfigFromEnv } = require('../../store') as typeof import('../../store');
      const log = serviceLogger('worker', { quiet: opts.quiet });
      const concurrency = Math.max(1, Number.parseInt(opts.concurrency, 10) || availableParallelism());

      const stopping = new AbortController();
      let onStop: (signal: string) => void = () => stopping.abort();
      const signal = (name: string) => {
        if (stopping.signal.aborted) {
          log.warn({ signal: name }, 'second signal: exiting now');
          process.exit(EXIT.OK);
        }
        onStop(name);
        stopping.abort();
      };
      process.on('SIGTERM', () => signal('SIGTERM'));
      process.on('SIGINT', () => signal('SIGINT'));

      let worker: Awaited<ReturnType<typeof startWorker>>;
      try {
        worker = await startWorker({ concurrency, log, signal: stopping.signal });
      } catch (e) {
        log.error({ err: (e as Error).message }, 'cannot start');
        process.exitCode = e instanceof StoreUnavailableError ? EXIT.UNAVAILABLE : EXIT.SOFTWARE;
        return;
      }
      if (!worker) {
        log.info('stopped before Redis was reachable');
        process.exit(EXIT.OK);
      }
      const running = worker;
      log.info({ redis: redisUrl(), prefix: queuePrefix(), store: storeConfigFromEnv().kind, concurrency }, 'ready');
      await new Promise<void>((resolve) => {
        onStop = (name) => {
          log.info({ signal: name }, 'finishing the jobs in hand');
          // a Redis that is gone (now or while we wait) cannot take the jobs back: stop within a bound
          const watchdog = setInterval(() => {
            if (running.redisUp) return;
            clearInterval(watchdog);
            setTimeout(() => {
              log.warn('Redis unreachable: stopping without finishing the jobs in hand');
              resolve();
            }, STOP_WITHOUT_REDIS_MS).unref();
          }, 250);
          running
            .close()
            .then(resolve, (e: Error) => {
              log.error({ err: e.message }, 'close failed');
              resolve();
            })
            .finally(() => clearInterval(watchdog));
        };
        if (stopping.signal.aborted) onStop('signal');
      });
      log.info('stopped');
      // connections BullMQ opened itself may still be retrying a Redis that is gone
      process.exit(EXIT.OK);
    });
}
