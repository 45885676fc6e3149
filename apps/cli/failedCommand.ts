// `xxgk failed`: failed jobs with file, stage, error code and message.
import type { Command } from 'commander';
import { EXIT } from './exitCodes';
import { withServiceTimeout } from './serviceTimeout';

export function registerFailed(program: Command): void {
  program
    .command('failed')
    .description('list failed queue jobs: id, stage, error code, file and message')
    .option('--json', 'JSON Lines, one failed job per line')
    .option('--limit <n>', 'at most this many per queue', '1000')
    .addHelpText('after', '\nExit codes: 0 listed (also when none failed), 69 Redis unavailable.')
    .action(async (opts: { json?: boolean; limit: string }) => {
      const { listFailed } = require('../../queues/failedJobs') as typeof import('../../queues/failedJobs');
      const jobs = await withServiceTimeout(listFailed(Number.parseInt(opts.limit, 10) || 1000)).catch((e: Error) => {
        process.stderr.write(`xxgk failed: ${e.message}\n`);
        return null;
      });
      if (!jobs) {
        process.exitCode = EXIT.UNAVAILABLE;
        return;
      }
      for (const j of jobs) {
        process.stdout.write(
          opts.json ? JSON.stringify(j) + '\n' : `${j.id}\t${j.stage}\t${j.code}\t${j.path}\t${j.message}\n`,
        );
      }
      if (!opts.json)
        process.stderr.write(
          `${jobs.length} failed job(s)` +
            (jobs.length ? '; put them back with `xxgk retry --all` or `xxgk retry ID...`' : '') +
            '\n',
        );
      process.exitCode = EXIT.OK;
    });
}
