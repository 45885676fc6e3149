// The batch insert (saveRecords) on SQLite and PostgreSQL: 300 real parses, among them corpus
// files with a few table digits changed so the rules fail in varied ways, each under its own hash,
// agency and year. What is read back is exactly what was given, and the review list's rule filter
// keeps exactly the reports a plain computation over the records finds.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { parseReport } from '../pipeline/parseReport';
import type { ReportRecord } from '../src/model/record';
import {
  openStore,
  saveRecords,
  saveRecord,
  iterateReports,
  cellsOfReports,
  loadRecord,
  loadDataset,
  failingReportsPerRule,
  type Store,
  type ReportSummary,
} from '../store';
import { listReports } from '../apps/web/reportList';
import { EACH_STORE, type TempStore } from './storeHelpers';
import { CORPUS } from './support/fixtures';

const N = 300;
const files = readdirSync(CORPUS)
  .filter((f) => /\.(txt|html)$/.test(f))
  .map((f) => join(CORPUS, f));

/** The text with the k-th and the 3k-th digit (counting from the end) raised by one: a table number changed. */
function changeDigits(text: string, k: number): string {
  const at = [...text.matchAll(/[0-9]/g)].map((m) => m.index!);
  let out = text;
  for (const i of [at[at.length - 1 - (k % at.length)], at[at.length - 1 - ((3 * k) % at.length)]])
    out = out.slice(0, i) + String((Number(out[i]) + 1) % 10) + out.slice(i + 1);
  return out;
}

const COUNTY = '东南西北安平和永宁兴华新丰阳山河';

/** N records: each corpus file as is and with digits changed, each under its own hash, agency and year. */
async function records(): Promise<ReportRecord[]> {
  const out: ReportRecord[] = [];
  for (let i = 0; i < N; i++) {
    const path = files[i % files.length];
    const text = readFileSync(path, 'utf8');
    const r = await parseReport(Buffer.from(i < files.length ? text : changeDigits(text, i)), { path });
    const county = `${COUNTY[i % COUNTY.length]}${COUNTY[Math.floor(i / COUNTY.length) % COUNTY.length]}县`;
    out.push({
      ...r,
      source: { ...r.source, sha256: createHash('sha256').update(`bulk:${i}`).digest('hex'), path: `bulk/${i}` },
      report: { ...r.report, agency: r.report.agency && `${county}${i}${r.report.agency}` },
    });
  }
  return out;
}

describe.each(EACH_STORE)('batch insert on %s', (_kind, make) => {
  let temp: TempStore;
  let store: Store;
  let recs: ReportRecord[];
  beforeAll(async () => {
    temp = await make();
    store = await openStore(temp.config);
    recs = await records();
    // batches of 100; the last repeats one hash of the first, which is then already stored
    for (let i = 0; i < N; i += 100) {
      const batch = recs.slice(i, i + 100);
      const outcomes = await saveRecords(store.db, i + 100 >= N ? [...batch, recs[0]] : batch);
      expect(outcomes.slice(0, batch.length)).toEqual(batch.map(() => 'inserted'));
      if (i + 100 >= N) expect(outcomes[batch.length]).toBe('unchanged');
    }
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await temp?.drop();
  });

  test('the rules fail in varied ways over the records (the filter has something to tell apart)', () => {
    const rules = new Set(recs.flatMap((r) => r.flags.map((f) => f.rule)));
    expect(rules.size).toBeGreaterThan(3);
    const failing = recs.filter((r) => r.flags.length > 0).length;
    expect(failing).toBeGreaterThan(N / 10);
    expect(failing).toBeLessThan(N);
  });

  test('stores exactly what was given: record, cells in order, flags, sources, region', async () => {
    const shas = recs.map((r) => r.source.sha256);
    const cells = await cellsOfReports(store.db, shas);
    const summaries = new Map<string, ReportSummary>();
    for await (const s of iterateReports(store.db)) summaries.set(s.sha256, s);
    expect(summaries.size).toBe(N);
    const dataset = await loadDataset(store.db);
    const copies = new Map(
      [...dataset.reports.flatMap((d) => d.copies), ...dataset.failures].map((c) => [c.sha256, c]),
    );
    for (const r of recs) {
      const sha = r.source.sha256;
      expect(await loadRecord(store.db, sha)).toEqual(JSON.parse(JSON.stringify(r)));
      expect(
        cells.get(sha)!.map((c) => ({ table: c.table, row: c.row, col: c.col, value: c.value, raw: c.raw })),
      ).toEqual(r.cells.map((c) => ({ table: c.table, row: c.row, col: c.col, value: c.value, raw: c.raw })));
      expect(cells.get(sha)!.map((c) => JSON.parse(c.source))).toEqual(r.cells.map((c) => c.source));
      const s = summaries.get(sha)!;
      expect(s.sources).toEqual([r.source.path]);
      expect(s.flags.map((f) => [f.rule, f.severity, f.message, f.cells])).toEqual(
        r.flags.map((f) => [f.rule, f.severity, f.message, f.cells]),
      );
      const c = copies.get(sha)!;
      expect(c.extras.regionCode).toBe(r.report.region?.code ?? null);
      expect(c.extras.agencyAsPrinted).toBe(r.report.agencyAsPrinted ?? null);
    }
  });

  test('the rule filter keeps exactly the reports with a flag of the rule', async () => {
    const parsed = recs.filter((r) => !r.error);
    const rules = [...new Set(parsed.flatMap((r) => r.flags.map((f) => f.rule)))];
    const counts = await failingReportsPerRule(store.db);
    expect(counts.parsed).toBe(parsed.length);
    for (const rule of rules) {
      const want = parsed.filter((r) => r.flags.some((f) => f.rule === rule)).map((r) => r.source.sha256);
      const got = await listReports(store.db, { rule }, { limit: N, offset: 0 });
      expect(got.total).toBe(want.length);
      expect(got.rows.map((r) => r.sha256).sort()).toEqual([...want].sort());
      expect(got.facets.rule.find((f) => f.value === rule)?.count).toBe(want.length);
      expect(counts.failing.get(rule)).toBe(want.length);
    }
  });

  test('a batch settles a repeated hash in order, as saving one after the other does', async () => {
    const r = recs[5];
    const newer = { ...r, parser: { version: '999.0.0', ms: 0 }, cells: r.cells.slice(1) };
    expect(await saveRecords(store.db, [r, newer, r])).toEqual(['unchanged', 'replaced', 'unchanged']);
    expect((await cellsOfReports(store.db, [r.source.sha256])).get(r.source.sha256)!.length).toBe(r.cells.length - 1);
    expect(await saveRecord(store.db, newer)).toBe('unchanged');
  });
});
