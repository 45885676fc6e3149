// `xxgk retry [--all|ID...]`: put failed jobs back on their queue.
import type { Command } from 'commander';
import { EXIT } from './exitCodes';
import { withServiceTimeout } from './serviceTimeout';

export function registerRetry(program: Command): void {
  program
    .command('retry')
    .description('put failed queue jobs back (ids as `xxgk failed` lists them)')
    .argument('[ids...]', 'job ids (a content hash for parse jobs)')
    .option('--all', 'every failed job of every queue')
    .addHelpText(
      'after',
      '\nExit codes: 0 all put back, 1 some ids were not failed jobs, 64 neither --all nor ids, 69 Redis unavailable.',
    )
    .action(async (ids: string[], opts: { all?: boolean }) => {
      const { retryFailed } = require('../../queues/failedJobs') as typeof import('../../queues/failedJobs');
      if (!opts.all && ids.length === 0) {
        process.stderr.write('xxgk retry: give --all or job ids\n');
        process.exitCode = EXIT.USAGE;
        return;
      }
      const result = await withServiceTimeout(retryFailed(opts.all ? 'all' : ids)).catch((e: Error) => {
        process.stderr.write(`xxgk retry: ${e.message}\n`);
        return null;
      });
      if (!result) {
        process.exitCode = EXIT.UNAVAILABLE;
        return;
      }
      process.stdout.write(`retried ${result.retried.length} job(s)\n`);
      for (const id of result.notFound) process.stderr.write(`xxgk retry: no failed job ${id}\n`);
      process.exitCode = result.notFound.length ? EXIT.SOME_FAILED : EXIT.OK;
    });
}
