// `xxgk watch --sources FILE [--once]`: find newly published annual reports on government
// sites and import them. Continuous by default: BullMQ job schedulers when REDIS_URL is set,
// timers in this process otherwise.
import type { Command } from 'commander';
import type { SourcesFile } from '../watch/sources';
import type { OpenedContext } from '../watch/context';
import { EXIT } from './exitCodes';
import { serviceLogger, type Logger } from './logger';

interface WatchOpts {
  sources: string;
  once?: boolean;
  json?: boolean;
  quiet?: boolean;
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description('watch 政府信息公开年报 columns for new reports and import them (see docs/watch.md)')
    .requiredOption('-s, --sources <file>', 'sources file (YAML or JSON)')
    .option('--once', 'check every source once and exit')
    .option('--json', 'print announcements (and with --once the pass summaries) as JSON lines')
    .option('-q, --quiet', 'no pass summaries on stderr')
    .addHelpText(
      'after',
      '\nNew reports are printed on stdout, one line each, with their failed rules. Logs are JSON lines on stderr' +
        '\n(pino: level, time, msg); fetch faults are warnings.' +
        '\nExit codes (--once): 0 all fetched, 1 some fetches failed, 64 bad sources file, 66 no sources file, ' +
        '69 store or Redis unavailable.',
    )
    .action(async (opts: WatchOpts) => {
      const { loadSources, SourcesError } = require('../watch/sources') as typeof import('../watch/sources');
      const { openWatchContext } = require('../watch/context') as typeof import('../watch/context');
      const { watchOnce, passLine } = require('../watch/runWatch') as typeof import('../watch/runWatch');
      // JSON lines on stderr (pino); announcements stay on stdout
      const logger = serviceLogger('watch');
      const log = (line: string) => logger.info(line);
      const fail = (line: string) => logger.error(line);
      let file: SourcesFile;
      try {
        file = await loadSources(opts.sources);
      } catch (e) {
        fail((e as Error).message);
        process.exitCode = e instanceof SourcesError ? EXIT.USAGE : EXIT.NO_INPUT;
        return;
      }
      let ctx: OpenedContext;
      try {
        ctx = await openWatchContext(file, {
          log,
          warn: (line) => logger.warn(line),
          announce: (line, a) => process.stdout.write(`${opts.json ? JSON.stringify(a) : line}\n`),
        });
      } catch (e) {
        fail(`cannot open the store: ${(e as Error).message}`);
        process.exitCode = EXIT.UNAVAILABLE;
        return;
      }
      try {
        if (opts.once) {
          const results = await watchOnce(ctx, file);
          for (const r of results) {
            if (opts.json)
              process.stdout.write(JSON.stringify({ event: 'pass', ...r, newReports: r.newReports.length }) + '\n');
            else if (!opts.quiet) log(passLine(r));
          }
          process.exitCode = results.some((r) => r.errors.length) ? EXIT.SOME_FAILED : EXIT.OK;
          return;
        }
        await runContinuously(ctx, file, opts, logger);
        process.exitCode = EXIT.OK;
      } finally {
        await ctx.close();
      }
    });
}

async function runContinuously(ctx: OpenedContext, file: SourcesFile, opts: WatchOpts, logger: Logger): Promise<void> {
  const log = (line: string) => logger.info(line);
  const { startScheduledWatch } = require('../watch/scheduler') as typeof import('../watch/scheduler');
  const { watchWithTimers, passLine } = require('../watch/runWatch') as typeof import('../watch/runWatch');
  const stopped = new AbortController();
  const stop = (signal: string) => {
    if (!opts.quiet) log(`${signal}: stopping after the passes under way`);
    stopped.abort();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  if (loadConfig().redisConfigured) {
    let scheduled: Awaited<ReturnType<typeof import('../watch/scheduler').startScheduledWatch>>;
    try {
      scheduled = await startScheduledWatch(ctx, file);
    } catch (e) {
      logger.error(`cannot start the job schedulers: ${(e as Error).message}`);
      process.exitCode = EXIT.UNAVAILABLE;
      return;
    }
    if (!opts.quiet) log(`${file.sources.length} sources scheduled on Redis (${loadConfig().redisUrl})`);
    await new Promise<void>((resolve) => stopped.signal.addEventListener('abort', () => resolve(), { once: true }));
    await scheduled.close();
    return;
  }
  if (!opts.quiet)
    log(`${file.sources.length} sources on timers in this process (set REDIS_URL to share them between machines)`);
  await watchWithTimers(ctx, file, stopped.signal, (r) => {
    if (!opts.quiet) log(passLine(r));
  });
}

/** the settings, loaded when the command runs (main.ts loads nothing for --help) */
const loadConfig = () => (require('../../src/model/config') as typeof import('../../src/model/config')).config();
