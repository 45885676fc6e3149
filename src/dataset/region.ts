// The region of a report (record.md `report.region`: GB/T 2260 code, province, city, county).
// The record may not carry one (older records, or nothing settled it): then the dataset says
// the region is unknown rather than guessing it from here.
export interface Region {
  code: string | null;
  province: string | null;
  city: string | null;
  county: string | null;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The region as stored in a record's report object, or null when it names no part. */
export function regionOf(region: unknown): Region | null {
  if (!region || typeof region !== 'object') return null;
  const r = region as Record<string, unknown>;
  const out = { code: text(r.code), province: text(r.province), city: text(r.city), county: text(r.county) };
  return out.code || out.province || out.city || out.county ? out : null;
}

/**
 * Does a report's region match a filter: a code (320800: that division and all below it) or a
 * name (江苏省, 淮安市, 洪泽区: any level).
 */
export function regionMatches(region: Region | null, wanted: string): boolean {
  if (!region) return false;
  const w = wanted.trim().normalize('NFKC');
  if (/^\d{2,6}$/.test(w)) {
    if (!region.code) return false;
    const significant = w.replace(/(00)+$/, '');
    return region.code.startsWith(significant);
  }
  return [region.province, region.city, region.county].some((n) => n !== null && (n === w || n.startsWith(w)));
}

/** The `原文链接: URL` line of a crawler's header at the top of a saved page, if any. */
export function crawlerHeaderUrl(head: string): string | null {
  const m = /^\s*原文链接\s*[:：]\s*(https?:\/\/\S+)\s*$/m.exec(head.slice(0, 4000));
  return m ? m[1] : null;
}
