// Labels and cell texts repeat across thousands of reports: remember what a pure string
// function returned for them. Bounded, so a long run cannot grow it without limit. Long
// strings (paragraphs, whole rows of run-together text) are not labels and rarely repeat in
// real batches: they are computed every time, so that a benchmark that repeats its documents
// measures what a batch of different reports costs.
const MAX_KEY_LENGTH = 120;

export function memoizeString<T>(fn: (s: string) => T, max = 20000): (s: string) => T {
  let cache = new Map<string, T>();
  return (s: string) => {
    if (s.length > MAX_KEY_LENGTH) return fn(s);
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as T;
    const v = fn(s);
    if (cache.size >= max) cache = new Map();
    cache.set(s, v);
    return v;
  };
}
