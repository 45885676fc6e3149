// An INTERNAL error is a bug report: its stack goes to stderr (the record keeps only the
// message), with the file that raised it, so it can be reproduced.
export function logInternal(e: unknown, path: string, context = 'internal error'): void {
  const stack = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
  process.stderr.write(`xxgk: ${context} while parsing ${path} (please report it with the file):\n${stack}\n`);
}
