// Labels and cell texts repeat across thousands of reports: remember what a pure string
// function returned for them. Bounded, so a long run cannot grow it without limit.
export function memoizeString<T>(fn: (s: string) => T, max = 20000): (s: string) => T {
  let cache = new Map<string, T>();
  return (s: string) => {
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as T;
    const v = fn(s);
    if (cache.size >= max) cache = new Map();
    cache.set(s, v);
    return v;
  };
}
