// `xxgk status`: jobs per queue and state, and the number of reports in the store.
import type { Command } from 'commander';
import { EXIT } from './exitCodes';
import { withServiceTimeout } from './serviceTimeout';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('counts of queued jobs per stage and state, and of reports in the store')
    .option('--json', 'print {"queues": {...}, "stored": N, ...} for scripts')
    .addHelpText('after', '\nExit codes: 0 printed, 69 Redis or the store unavailable.')
    .action(async (opts: { json?: boolean }) => {
      const { getStatus } = require('../../queues/status') as typeof import('../../queues/status');
      const status = await withServiceTimeout(getStatus()).catch((e: Error) => {
        process.stderr.write(`xxgk status: ${e.message}\n`);
        return null;
      });
      if (!status) {
        process.exitCode = EXIT.UNAVAILABLE;
        return;
      }
      if (opts.json) process.stdout.write(JSON.stringify(status) + '\n');
      else {
        for (const [name, q] of Object.entries(status.queues)) {
          const counts =
            Object.entries(q.counts)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ') || 'empty';
          process.stdout.write(
            `${name.padEnd(7)} ${counts}   ` +
              `(processed: ${q.processed.completed} completed, ${q.processed.failed} failed)\n`,
          );
        }
        process.stdout.write(`stored  ${status.stored} reports (${status.storedWithError} with an error code)\n`);
      }
      process.exitCode = EXIT.OK;
    });
}
