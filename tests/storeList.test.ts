// The review list as queries, on SQLite and PostgreSQL: the group columns that each file carries
// (written as files are saved, a batch at a time, copies arriving before and after the file
// they are a copy of, one replaced by a newer parser) are those that grouping the whole store at
// once gives, and every filter, menu count and sort order of the list holds the reports that
// filtering the whole dataset in memory holds.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { parseReport } from '../pipeline/parseReport';
import type { ReportRecord } from '../src/model/record';
import { Migrator } from 'kysely';
import { openStore, saveRecords, loadDataset, listedReportIds, type Store } from '../store';
import { migrationProvider } from '../store/migrations';
import { listReports, SORT_KEYS, type ListFilter } from '../apps/web/reportList';
import { filterEntries, listEntries, type Entry } from './support/listOracle';
import { regionMatches } from '../src/dataset/region';
import { EACH_STORE, type TempStore } from './storeHelpers';
import { CORPUS } from './support/fixtures';

const files = readdirSync(CORPUS)
  .filter((f) => /\.(txt|html)$/.test(f))
  .map((f) => join(CORPUS, f));

const COUNTY = '东南西北安平和永宁兴华';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** The text with its k-th digit from the end raised by one: copies that disagree on a cell. */
function changeDigit(text: string, k: number): string {
  const at = [...text.matchAll(/[0-9]/g)].map((m) => m.index!);
  const i = at[at.length - 1 - (k % at.length)];
  return text.slice(0, i) + String((Number(text[i]) + 1) % 10) + text.slice(i + 1);
}

/**
 * 10 agencies × 3 years; 12 second copies (some changed, some in another region: another
 * report), a file of each agency's with no year, two failed files and one with no agency.
 */
async function records(): Promise<{ originals: ReportRecord[]; copies: ReportRecord[]; odd: ReportRecord[] }> {
  const originals: ReportRecord[] = [],
    copies: ReportRecord[] = [],
    odd: ReportRecord[] = [];
  for (let i = 0; i < 30; i++) {
    const path = files[i % files.length];
    const text = readFileSync(path, 'utf8');
    // half of them with two table digits changed, so the rules fail in varied ways
    const printed = i % 2 ? changeDigit(changeDigit(text, i), 3 * i + 1) : text;
    const r = await parseReport(Buffer.from(printed), { path });
    const agency = `${COUNTY[i % 10]}城县${r.report.agency ?? '人民政府'}`;
    const region =
      i % 3 === 0
        ? {
            code: `3208${String(10 + (i % 10)).padStart(2, '0')}`,
            province: '江苏省',
            city: '淮安市',
            county: `${COUNTY[i % 10]}城县`,
          }
        : undefined;
    const original: ReportRecord = {
      ...r,
      source: { ...r.source, sha256: sha(`list:${i}`), path: `list/${i}` },
      report: { ...r.report, agency, year: 2020 + Math.floor(i / 10), region },
    };
    originals.push(original);
    if (i % 5 === 0 || i % 7 === 0) {
      const changed = await parseReport(Buffer.from(i % 2 ? printed : changeDigit(printed, 5)), { path });
      copies.push({
        ...changed,
        source: {
          ...changed.source,
          sha256: sha(`list-copy:${i}`),
          path: `list/${i}-copy`,
          url: `https://example.org/${i}`,
        },
        report: {
          ...changed.report,
          agency,
          year: original.report.year,
          // one in three in another region of the same name: another report
          region: i % 3 === 1 ? { code: '110105', province: '北京市', city: '北京市', county: '朝阳区' } : region,
        },
      });
    }
  }
  const base = originals[0];
  odd.push(
    {
      ...base,
      source: { ...base.source, sha256: sha('list:no-year'), path: 'list/no-year' },
      report: { ...base.report, year: null },
    },
    {
      ...base,
      source: { ...base.source, sha256: sha('list:no-agency'), path: 'list/no-agency' },
      report: { ...base.report, agency: null },
    },
    ...['CORRUPT_FILE', 'ENCRYPTED'].map((code, k) => ({
      ...base,
      source: { ...base.source, sha256: sha(`list:failed:${k}`), path: `list/failed-${k}`, format: 'pdf' },
      report: { ...base.report, agency: null, year: null, region: undefined },
      cells: [],
      flags: [],
      error: { code, message: 'cannot be read' },
    })),
  );
  return { originals, copies, odd };
}

/** The counts of one menu over the entries that pass every filter but its own (the list's rule). */
function menuCounts(entries: Entry[], f: ListFilter, own: keyof ListFilter, values: (e: Entry) => unknown[]) {
  const rest = { ...f, [own]: undefined };
  const n = new Map<string, number>();
  for (const e of filterEntries(entries, rest))
    for (const v of new Set(
      values(e)
        .filter((x) => x !== null && x !== undefined && x !== '')
        .map(String),
    ))
      n.set(v, (n.get(v) ?? 0) + 1);
  return [...n].map(([value, count]) => ({ value, count })).sort((a, b) => (a.value < b.value ? -1 : 1));
}

describe.each(EACH_STORE)('the review list as queries on %s', (_kind, make) => {
  let temp: TempStore;
  let store: Store;
  let all: ReportRecord[];
  beforeAll(async () => {
    temp = await make();
    store = await openStore(temp.config);
    const { originals, copies, odd } = await records();
    all = [...originals, ...copies, ...odd];
    // copies before the files they copy, the originals in two batches, then one of them again by a
    // newer parser with fewer cells: it stops being the copy the dataset takes
    await saveRecords(store.db, copies.slice(0, 6));
    await saveRecords(store.db, [...originals.slice(0, 15), ...odd]);
    await saveRecords(store.db, [...originals.slice(15), ...copies.slice(6)]);
    const replaced = originals[0];
    await saveRecords(store.db, [
      { ...replaced, parser: { version: '999.0.0', ms: 0 }, cells: replaced.cells.slice(0, 3) },
    ]);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await temp?.drop();
  });

  test('each file carries its report as grouping the whole store gives it', async () => {
    const dataset = await loadDataset(store.db);
    expect(dataset.reports.some((r) => r.copies.length > 1)).toBe(true);
    expect(dataset.reports.some((r) => r.xSources.length > 0)).toBe(true);
    const rows = new Map((await store.db.selectFrom('reports').selectAll().execute()).map((r) => [r.sha256, r]));
    expect(rows.size).toBe(all.length);
    for (const r of dataset.reports)
      for (const c of r.copies) {
        const row = rows.get(c.sha256)!;
        expect([row.listed, row.group_best, row.copy_count, row.x_sources]).toEqual([
          c === r.best ? 1 : 0,
          r.id,
          r.copies.length,
          r.xSources.length,
        ]);
        const region = [row.group_region_code, row.group_province, row.group_city, row.group_county];
        expect(region).toEqual(
          r.region ? [r.region.code, r.region.province, r.region.city, r.region.county] : [null, null, null, null],
        );
      }
    for (const f of dataset.failures)
      expect([rows.get(f.sha256)!.listed, rows.get(f.sha256)!.copy_count]).toEqual([1, 1]);
  });

  test('every filter and menu holds what filtering the whole dataset holds', async () => {
    const entries = await listEntries(store.db);
    const some = entries.find((e) => e.report && e.copies.length > 1 && e.region)!.best;
    const rules = [...new Set(entries.flatMap((e) => e.best.flags.map((f) => f.rule)))];
    expect(rules.length).toBeGreaterThan(1);
    const filters: ListFilter[] = [
      {},
      ...rules.map((rule) => ({ rule })),
      { rule: 'X-SOURCES' },
      { disagreeing: true },
      { year: 2021 },
      { rule: rules[0], year: 2022 },
      { agency: some.agency! },
      { agency: some.agency!.slice(3) },
      { format: 'html' },
      { format: 'pdf' },
      { error: 'any' },
      { error: 'none' },
      { error: 'ENCRYPTED' },
      { layout: '2021' },
      { q: some.title!.slice(0, 4) },
      { q: `${some.agency!.slice(0, 2)} ${some.title!.slice(-3)}` },
      { region: '江苏省' },
      { region: '淮安' },
      { region: '320800' },
      { region: '11' },
      { region: '朝阳区', year: 2020 },
    ];
    for (const f of filters) {
      const want = filterEntries(entries, f);
      const got = await listReports(store.db, f, { limit: 1000, offset: 0 });
      expect([JSON.stringify(f), got.total]).toEqual([JSON.stringify(f), want.length]);
      expect(got.rows.map((r) => r.sha256).sort()).toEqual(want.map((e) => e.best.sha256).sort());
      expect(got.stored).toBe(entries.length);
      // the page's download: the reports (not failed files) of the filtered list, in one query
      expect(((await listedReportIds(store.db, f)) as string[]).slice().sort()).toEqual(
        want
          .filter((e) => e.report)
          .map((e) => e.report!.id)
          .sort(),
      );
      expect(got.files).toBe(all.length);
      expect(got.facets.year).toEqual(menuCounts(entries, f, 'year', (e) => [e.best.year]));
      expect(got.facets.layout).toEqual(menuCounts(entries, f, 'layout', (e) => [e.best.layout]));
      expect(got.facets.format).toEqual(menuCounts(entries, f, 'format', (e) => e.copies.map((c) => c.format)));
      expect(got.facets.error).toEqual(menuCounts(entries, f, 'error', (e) => [e.best.errorCode]));
      expect(got.facets.agency).toEqual(menuCounts(entries, f, 'agency', (e) => [e.best.agency]));
      expect(got.facets.rule).toEqual(
        menuCounts(entries, f, 'rule', (e) => [...e.best.flags.map((x) => x.rule), e.xSources ? 'X-SOURCES' : null]),
      );
      expect(got.facets.region).toEqual(
        menuCounts(entries, f, 'region', (e) => (e.region ? [e.region.province, e.region.city] : [])),
      );
      for (const row of got.rows) {
        const e = want.find((x) => x.best.sha256 === row.sha256)!;
        expect([row.copies, row.disagreements, row.flagCount]).toEqual([
          e.copies.length,
          e.xSources,
          e.best.flags.length,
        ]);
        expect(row.region).toEqual(e.region);
        const b = e.best;
        const status = b.errorCode
          ? 'error'
          : !b.cellCount
            ? 'empty'
            : b.flags.some((x) => x.severity === 'error')
              ? 'fail'
              : 'pass';
        expect(row.status).toBe(status);
        expect(row.rules.reduce((n, r) => n + r.count, 0)).toBe(e.best.flags.length + e.xSources);
      }
    }
    // the region filter is regionMatches (src/dataset/region.ts) on the report's region
    const byCode = await listReports(store.db, { region: '320800' }, { limit: 1000, offset: 0 });
    expect(byCode.rows.every((r) => regionMatches(r.region, '320800'))).toBe(true);
  });

  test('a store filled before the group columns and the list table gets them as saving gives them', async () => {
    const snapshot = async (db: Store['db']) => ({
      entries: await db.selectFrom('entries').selectAll().orderBy('sha256').execute(),
      groups: await db
        .selectFrom('reports')
        .select(['sha256', 'agency_key', 'listed', 'group_best', 'copy_count', 'x_sources', 'group_region_code'])
        .orderBy('sha256')
        .execute(),
    });
    const saved = await snapshot(store.db);
    expect(saved.entries.length).toBeGreaterThan(10);
    // back to the schema before issue 15 (0003), the data kept, then opened again: migrated up
    const { error } = await new Migrator({ db: store.db, provider: migrationProvider }).migrateTo(
      '0003_report_extras_and_review_indexes',
    );
    expect(error).toBeUndefined();
    await store.close();
    store = await openStore(temp.config);
    expect(await snapshot(store.db)).toEqual(saved);
  });

  test('every sort order, both ways, pages through the same reports, rows without a value last', async () => {
    const total = (await listReports(store.db, {}, { limit: 1, offset: 0 })).total;
    for (const by of SORT_KEYS)
      for (const dir of ['asc', 'desc'] as const) {
        const rows = [];
        for (let offset = 0; offset < total; offset += 7)
          rows.push(...(await listReports(store.db, {}, { limit: 7, offset }, { by, dir })).rows);
        expect(new Set(rows.map((r) => r.sha256)).size).toBe(total);
        const sign = dir === 'asc' ? 1 : -1;
        const value = (r: (typeof rows)[number]): number | string | null =>
          by === 'cells'
            ? r.cellCount
            : by === 'copies'
              ? r.copies
              : by === 'year'
                ? r.year
                : by === 'agency'
                  ? r.agency
                  : null;
        const values = rows.map(value);
        for (let i = 1; i < values.length; i++) {
          const [a, b] = [values[i - 1], values[i]];
          if (a === null || b === null) {
            if (by === 'year' || by === 'agency') expect(a === null && b !== null).toBe(false);
            continue;
          }
          expect(sign * (a < b ? -1 : a > b ? 1 : 0)).toBeLessThanOrEqual(0);
        }
        if (by === 'status') {
          const rank = { error: 0, fail: 1, empty: 2, pass: 3 };
          const ranks = rows.map((r) => sign * rank[r.status]);
          expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        }
      }
  });
});
