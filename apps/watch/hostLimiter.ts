// Politeness per host: at most `concurrency` requests at once, and request starts at least
// `minGapMs` apart, whichever sources share the host (one limiter per watch process).
export interface HostLimits {
  concurrency: number;
  minGapMs: number;
}

interface HostState {
  active: number;
  waiting: Array<() => void>;
  nextStart: number;
  limits: HostLimits;
}

export class HostLimiter {
  private hosts = new Map<string, HostState>();

  async run<T>(host: string, limits: HostLimits, fn: () => Promise<T>): Promise<T> {
    let h = this.hosts.get(host);
    // the first source to use a host sets its limits; a stricter later one tightens them
    if (!h) this.hosts.set(host, (h = { active: 0, waiting: [], nextStart: 0, limits: { ...limits } }));
    else
      h.limits = {
        concurrency: Math.min(h.limits.concurrency, limits.concurrency),
        minGapMs: Math.max(h.limits.minGapMs, limits.minGapMs),
      };
    const state = h;
    if (state.active >= state.limits.concurrency) await new Promise<void>((resolve) => state.waiting.push(resolve));
    else state.active++;
    try {
      // reserve the next start slot, then wait for it
      const now = Date.now();
      const start = Math.max(now, state.nextStart);
      state.nextStart = start + state.limits.minGapMs;
      if (start > now) await new Promise((r) => setTimeout(r, start - now));
      return await fn();
    } finally {
      // hand the slot straight to the next waiter (active stays counted), or free it
      const next = state.waiting.shift();
      if (next) next();
      else state.active--;
    }
  }
}
