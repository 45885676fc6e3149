// Progress on stderr: a cli-progress bar on a terminal, plain lines every few seconds otherwise
// (CI logs get readable lines, never cursor escapes).
import cliProgress from 'cli-progress';
import type { ImportSummary } from '../../pipeline/summary';
import { failedCount } from '../../pipeline/summary';

export interface Progress {
  update(s: ImportSummary): void;
  stop(s: ImportSummary): void;
}

export function createProgress(
  total: number,
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  quiet = false,
): Progress {
  if (quiet) return { update() {}, stop() {} };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format:
          `${label} [{bar}] {value}/{total} | new {new} | stored before {already} | ` +
          'failed {failed} | {eta_formatted}',
        stream,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { new: 0, already: 0, failed: 0 });
    const payload = (s: ImportSummary) => ({ new: s.new, already: s.alreadyStored, failed: failedCount(s) });
    return {
      update: (s) => bar.update(s.done, payload(s)),
      stop: (s) => {
        bar.update(s.done, payload(s));
        bar.stop();
      },
    };
  }
  let last = 0;
  const line = (s: ImportSummary) =>
    stream.write(
      `${label}: ${s.done}/${total} done, ${s.new} new, ${s.alreadyStored} stored before, ${failedCount(s)} failed\n`,
    );
  return {
    update: (s) => {
      const now = Date.now();
      if (now - last >= 2000) {
        last = now;
        line(s);
      }
    },
    stop: (s) => line(s),
  };
}
