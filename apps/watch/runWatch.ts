// The three ways to run the watcher: every source once (`--once`), continuously on timers in
// this process, or continuously on BullMQ job schedulers (REDIS_URL) — see scheduler.ts.
import type { Source, SourcesFile } from './sources';
import { checkSource, emptyPass, type PassResult } from './checkSource';
import type { OpenedContext } from './context';

/** A pass that throws (the store went away) is reported as an error, not lost. */
export async function safeCheck(ctx: OpenedContext, source: Source): Promise<PassResult> {
  try {
    return await checkSource(ctx, source);
  } catch (e) {
    (ctx.warn ?? ctx.log)(`[${source.id}] pass failed: ${(e as Error).message}`);
    return {
      ...emptyPass(source.id),
      errors: [{ url: source.index, code: 'PASS_FAILED', message: (e as Error).message }],
    };
  }
}

/** Every source once, side by side (the per-host limiter keeps shared hosts polite). */
export function watchOnce(ctx: OpenedContext, file: SourcesFile): Promise<PassResult[]> {
  return Promise.all(file.sources.map((s) => safeCheck(ctx, s)));
}

/**
 * Each source on its own timer: a pass, then its interval, until the signal aborts.
 * Resolves once every loop has stopped (a pass under way is finished first).
 */
export async function watchWithTimers(
  ctx: OpenedContext,
  file: SourcesFile,
  signal: AbortSignal,
  onPass?: (r: PassResult) => void,
): Promise<void> {
  await Promise.all(
    file.sources.map(async (source) => {
      while (!signal.aborted) {
        const r = await safeCheck(ctx, source);
        onPass?.(r);
        await sleep(source.interval, signal);
      }
    }),
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export function passLine(r: PassResult): string {
  const o = r.outcomes;
  return (
    `[${r.source}] list pages ${r.listPages.fetched} fetched, ${r.listPages.notModified} not modified; ` +
    `${r.fetched} files fetched, ${r.seenBefore} seen before; new ${o.new}, same content ${o.knownContent}, ` +
    `same report ${o.sameReport}, not a report ${o.notReport}, failed ${o.failed}; fetch errors ${r.errors.length}`
  );
}
