// Telling people about a new report: one log line each (with the rules it fails, so a bad
// table is seen at once), and optionally a JSON POST to a webhook. A webhook that is down
// costs a log line, never the watch pass.
import { request } from 'undici';
import type { ReportRecord } from '../../src/model/record';

export interface Announcement {
  event: 'report.new';
  source: string;
  url: string;
  fetchedAt: string;
  sha256: string;
  title: string | null;
  agency: string | null;
  year: number | null;
  format: string | null;
  cells: number;
  /** one entry per failed rule, with how many of its checks failed */
  failedRules: Array<{ rule: string; severity: string; count: number; example: string }>;
}

export function announcement(sourceId: string, record: ReportRecord): Announcement {
  const rules = new Map<string, Announcement['failedRules'][number]>();
  for (const f of record.flags) {
    const r = rules.get(f.rule);
    if (r) r.count++;
    else rules.set(f.rule, { rule: f.rule, severity: f.severity, count: 1, example: f.message });
  }
  return {
    event: 'report.new',
    source: sourceId,
    url: record.source.url ?? record.source.path,
    fetchedAt: record.source.fetchedAt ?? new Date().toISOString(),
    sha256: record.source.sha256,
    title: record.report.title,
    agency: record.report.agency,
    year: record.report.year,
    format: record.source.format,
    cells: record.cells.length,
    failedRules: [...rules.values()],
  };
}

export function announcementLine(a: Announcement): string {
  const failed = a.failedRules.length
    ? a.failedRules.map((r) => `${r.rule}(${r.severity}${r.count > 1 ? ` ×${r.count}` : ''})`).join(', ')
    : 'none';
  return (
    `new report [${a.source}] ${a.agency ?? '?'} ${a.year ?? '?'} 《${a.title ?? '(no title)'}》 ` +
    `${a.format ?? '?'}, ${a.cells} cells, failed rules: ${failed} — ${a.url}`
  );
}

export async function postWebhook(url: string, a: Announcement, timeoutMs = 10_000): Promise<void> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(a),
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.body.dump();
  if (res.statusCode >= 300) throw new Error(`webhook answered HTTP ${res.statusCode}`);
}
