// Structured logs for the long-running commands (`worker`, `watch`, `serve`): one JSON object a
// line on stderr (pino), with a level, the time, the command and the process id, so that
// journald, docker logs or a log shipper can filter them. The other commands keep their
// human-readable output. Written synchronously: the last lines before an exit are not lost.
import pino, { type Logger } from 'pino';

export type { Logger };
export type Service = 'worker' | 'watch' | 'serve';

export function serviceLogger(service: Service, opts: { quiet?: boolean } = {}): Logger {
  return pino(
    {
      name: service,
      level: opts.quiet ? 'warn' : 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
