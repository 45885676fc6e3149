// Agencies with many stored files (one report fetched again and again, each time with other
// bytes) are not regrouped on every save but marked and regrouped later (store/datasetGroups.ts
// regroupOrDefer, regroupPending; the record writer regroups when idle and at close). On SQLite
// and PostgreSQL: the marks are made, small agencies are still regrouped at once, and after the
// regroup every file carries its report as grouping the whole store gives it.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { parseReport } from '../pipeline/parseReport';
import type { ReportRecord } from '../src/model/record';
import { openStore, saveRecords, loadDataset, regroupPending, REGROUP_AT_ONCE_UP_TO, type Store } from '../store';
import { createRecordWriter, type Checked } from '../pipeline/stages';
import { agencyKey } from '../src/report/agencyName';
import { EACH_STORE, type TempStore } from './storeHelpers';
import fc from 'fast-check';
import { DisagreementCount, sourceDisagreements, type CopyCells } from '../src/dataset/sourceDisagreements';
import { corpusFile } from './support/fixtures';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const BIG = REGROUP_AT_ONCE_UP_TO + 30;

/** BIG files of one agency (two years, some copies disagreeing) and 4 of another. */
async function records(tag: string): Promise<{ big: ReportRecord[]; small: ReportRecord[] }> {
  const path = corpusFile('2023-pingtan-syq-1.txt');
  const plain = await parseReport(readFileSync(path), { path });
  // a copy that prints another number in one cell
  const at = plain.cells.findIndex((c) => c.value !== null);
  const changed: ReportRecord = {
    ...plain,
    cells: plain.cells.map((c, j) => (j === at ? { ...c, value: c.value! + 1, raw: String(c.value! + 1) } : c)),
  };
  const copy = (r: ReportRecord, i: number, agency: string, year: number): ReportRecord => ({
    ...r,
    source: { ...r.source, sha256: sha(`${tag}:${agency}:${i}`), path: `${tag}/${agency}/${i}` },
    report: { ...r.report, agency, year },
  });
  const big = Array.from({ length: BIG }, (_, i) =>
    copy(i % 7 === 3 ? changed : plain, i, '平潭综合实验区大机关', 2022 + (i % 2)),
  );
  const small = Array.from({ length: 4 }, (_, i) => copy(i === 1 ? changed : plain, i, '平潭综合实验区小机关', 2023));
  return { big, small };
}

/** Each file's group columns against the dataset grouped whole; the agency keys that differ. */
async function stale(store: Store): Promise<Set<string>> {
  const dataset = await loadDataset(store.db);
  const rows = new Map((await store.db.selectFrom('reports').selectAll().execute()).map((r) => [r.sha256, r]));
  const entries = new Map((await store.db.selectFrom('entries').selectAll().execute()).map((r) => [r.sha256, r]));
  const out = new Set<string>();
  for (const r of dataset.reports) {
    const entry = entries.get(r.id);
    if (!entry || entry.copy_count !== r.copies.length || entry.x_sources !== r.xSources.length)
      out.add(agencyKey(r.best.agency!));
    for (const c of r.copies) {
      const row = rows.get(c.sha256)!;
      const want = [c === r.best ? 1 : 0, r.id, r.copies.length, r.xSources.length];
      if (JSON.stringify([row.listed, row.group_best, row.copy_count, row.x_sources]) !== JSON.stringify(want))
        out.add(agencyKey(c.agency!));
    }
  }
  return out;
}

const pending = async (store: Store) =>
  (await store.db.selectFrom('regroup_pending').selectAll().orderBy('agency_key').execute()).map((r) => [
    r.agency_key,
    r.marks,
  ]);

test('counting disagreements a few copies at a time gives as many as the flags', () => {
  const cell = fc.record({
    table: fc.constantFrom('二', '三'),
    row: fc.constantFrom('a', 'b', 'c'),
    col: fc.constantFrom('x', 'y'),
    value: fc.option(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom(0.5, 0.50000001, 12.5)), {
      nil: null,
    }),
  });
  const copies = fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 6 });
  fc.assert(
    fc.property(copies, fc.integer({ min: 1, max: 4 }), (list, chunk) => {
      const all: CopyCells[] = list.map((cells, i) => ({
        id: `c${i}`,
        sources: [`s${i}`],
        cells: cells.map((c) => ({ ...c, raw: String(c.value) })),
      }));
      const count = new DisagreementCount();
      for (let i = 0; i < all.length; i += chunk) for (const c of all.slice(i, i + chunk)) count.add(c.cells);
      expect(count.count).toBe(sourceDisagreements(all).length);
    }),
    { numRuns: 2000, seed: 7 },
  );
});

describe.each(EACH_STORE)('agencies with many files regrouped later on %s', (_kind, make) => {
  let temp: TempStore;
  let store: Store;
  beforeEach(async () => {
    temp = await make();
    store = await openStore(temp.config);
  });
  afterEach(async () => {
    await store?.close();
    await temp?.drop();
  });

  test('saves mark the large agency, regroupPending settles it', async () => {
    const { big, small } = await records('saves');
    const bigKey = agencyKey(big[0].report.agency!);
    for (let i = 0; i < big.length; i += 10) await saveRecords(store.db, big.slice(i, i + 10));
    await saveRecords(store.db, small);
    // the batches past the limit marked the agency once each; the small agency was regrouped at once
    const batchesPast = Math.ceil(big.length / 10) - Math.floor(REGROUP_AT_ONCE_UP_TO / 10);
    expect(await pending(store)).toEqual([[bigKey, batchesPast]]);
    expect([...(await stale(store))]).toEqual([bigKey]);

    expect(await regroupPending(store.db)).toBe(1);
    expect(await pending(store)).toEqual([]);
    expect(await stale(store)).toEqual(new Set());
    const dataset = await loadDataset(store.db);
    const report = dataset.reports.find((r) => r.best.agency === big[0].report.agency && r.best.year === 2023)!;
    expect(report.copies.length).toBe(Math.floor(BIG / 2));
    expect(report.xSources.length).toBeGreaterThan(0);
    // nothing left: a second pass does nothing
    expect(await regroupPending(store.db)).toBe(0);
  }, 120_000);

  test('saves while a pass regroups are not lost: their agency stays marked for the next pass', async () => {
    const { big } = await records('concurrent');
    const first = big.slice(0, REGROUP_AT_ONCE_UP_TO + 10);
    const rest = big.slice(first.length);
    await saveRecords(store.db, first.slice(0, REGROUP_AT_ONCE_UP_TO));
    await saveRecords(store.db, first.slice(REGROUP_AT_ONCE_UP_TO));
    // a pass and saves of the same agency at once, a few times over
    for (let i = 0; i < rest.length; i += 5)
      await Promise.all([regroupPending(store.db), saveRecords(store.db, rest.slice(i, i + 5))]);
    await regroupPending(store.db);
    expect(await pending(store)).toEqual([]);
    expect(await stale(store)).toEqual(new Set());
    expect((await loadDataset(store.db)).reports.reduce((n, r) => n + r.copies.length, 0)).toBe(big.length);
  }, 120_000);

  test('the record writer regroups marked agencies when idle and at close', async () => {
    const { big, small } = await records('writer');
    const checked = (record: ReportRecord): Checked => ({ record, verdict: 'ok' });
    const writer = createRecordWriter(store, { size: 10, delayMs: 1, regroupEveryMs: 10 });
    for (let i = 0; i < big.length; i += 10)
      await Promise.all(big.slice(i, i + 10).map((r) => writer.save(checked(r))));
    // idle past the interval: the writer regroups without being asked
    const waited = Date.now();
    while ((await pending(store)).length && Date.now() - waited < 60_000) await new Promise((r) => setTimeout(r, 50));
    expect(await pending(store)).toEqual([]);
    expect(await stale(store)).toEqual(new Set());
    await Promise.all(small.map((r) => writer.save(checked(r))));
    await Promise.all(
      big.slice(0, 3).map((r) => writer.save(checked({ ...r, parser: { version: '999.0.0', ms: 0 } }))),
    );
    await writer.close();
    expect(await pending(store)).toEqual([]);
    expect(await stale(store)).toEqual(new Set());
  }, 120_000);
});
