// `xxgk export` end to end on real reports: the whole of tests/corpus/real and samples/
// imported with the compiled CLI into a temporary SQLite store, then exported in every format
// and shape; Parquet read back with two independent readers (hyparquet, and arrow-rs through
// parquet-wasm). A second store holds real files with one change each (a year, a unit) to make
// X-CARRY and the money conversion fire.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { tableFromIPC } from 'apache-arrow';
import { readParquet } from 'parquet-wasm';
import { assertBuilt, cli, ROOT } from './queueHelpers';
import { LONG_COLUMNS, REPORT_COLUMNS } from '../apps/export/columns';
import { catalogKeys } from '../apps/export/keys';
import { RULES } from '../src/rules/catalog';
import { APPLICATION_COLUMNS } from '../src/tables/catalog';
import { CORPUS } from './support/fixtures';
import { agencyKey } from '../src/report/agencyName';
import { crossReportInputs, loadDataset, openStore } from '../store';
import {
  PAIR_VERDICTS,
  agencyYears,
  crossFindings,
  type CrossSummary,
  type PairVerdict,
} from '../apps/export/crossFindings';

jest.setTimeout(600_000);

const have = existsSync(CORPUS);
let dir: string;
let env: NodeJS.ProcessEnv;
let store: {
  cells: number;
  reports: number;
  keys: Array<{ sha256: string; tbl: string; row_key: string; col_key: string }>;
  /** parsed files: what the dataset's reports are made of */
  parsed: Array<{ sha256: string; agency: string | null; year: number | null }>;
};
/** the stored cells of the reports an export chose (one copy per report) */
const cellsOf = (ids: Set<unknown>) => store.keys.filter((k) => ids.has(k.sha256));

type Row = Record<string, unknown>;

/** RFC 4180 with quoted line breaks: the export's own CSV, read without its code. */
function parseCsv(text: string): Row[] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const records: string[][] = [];
  let field = '',
    rec: string[] = [],
    quoted = false;
  for (let i = 1; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      rec.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      rec.push(field);
      records.push(rec);
      rec = [];
      field = '';
      i++;
    } else field += ch;
  }
  expect(field).toBe('');
  const [head, ...rows] = records;
  return rows.map((r) => {
    expect(r.length).toBe(head.length);
    return Object.fromEntries(head.map((h, i) => [h, r[i]]));
  });
}
const readJsonl = (p: string): Row[] =>
  readFileSync(p, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

async function readHyparquet(p: string): Promise<Row[]> {
  const { parquetReadObjects, asyncBufferFromFile } = await import('hyparquet');
  return (await parquetReadObjects({ file: await asyncBufferFromFile(p) })) as Row[];
}
function readArrow(p: string): Row[] {
  const table = tableFromIPC(readParquet(new Uint8Array(readFileSync(p))).intoIPCStream());
  return table.toArray().map((r) => r.toJSON() as Row);
}

async function exportTo(name: string, args: string[], e = env) {
  const out = join(dir, name);
  const r = await cli(['export', ...args, '--out', out], e);
  if (r.code !== 0) throw new Error(`export ${args.join(' ')}: ${r.code} ${r.stderr}`);
  return { out, stderr: r.stderr };
}

/** one long JSON Lines export of the corpus store, made once for the tests that only read it */
let baseExport: Promise<{ out: string; stderr: string }> | undefined;
async function base(): Promise<{ cells: Row[]; reports: Row[]; dictionary: string; stderr: string }> {
  baseExport ??= exportTo('base.jsonl', ['--format', 'jsonl']);
  const { out, stderr } = await baseExport;
  return {
    cells: readJsonl(out),
    reports: readJsonl(join(dir, 'base.reports.jsonl')),
    dictionary: join(dir, 'base.dictionary.json'),
    stderr,
  };
}

const num = (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v));

beforeAll(async () => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'xxgk-export-'));
  env = { XXGK_DB: join(dir, 'corpus.db'), DATABASE_URL: '' };
  if (!have) return;
  const r = await cli(
    [
      'import',
      '--json',
      '-q',
      '-c',
      '2',
      CORPUS,
      join(ROOT, 'samples', 'text'),
      join(ROOT, 'samples', 'html'),
      join(ROOT, 'samples', 'docx'),
    ],
    env,
  );
  expect([0, 1]).toContain(r.code);
  const db = new Database(env.XXGK_DB!, { readonly: true });
  store = {
    cells: (db.prepare('select count(*) n from cells').get() as { n: number }).n,
    reports: (db.prepare('select count(*) n from reports').get() as { n: number }).n,
    keys: db.prepare('select sha256, tbl, row_key, col_key from cells').all() as typeof store.keys,
    parsed: db
      .prepare('select sha256, agency, year from reports where error_code is null')
      .all() as typeof store.parsed,
  };
  // one report per agency key and year (no report here covers a whole area): the parsed files with both, grouped, and
  // each file without
  const groups = new Set(
    store.parsed.map((r) => (r.agency && r.year !== null ? `${agencyKey(r.agency)}|${r.year}` : r.sha256)),
  );
  store.reports = groups.size;
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const t = have ? test : test.skip;

t('long: one row per stored cell in CSV, JSON Lines and Parquet, the same rows in each', async () => {
  expect(store.cells).toBeGreaterThan(2000);
  const csv = await exportTo('long.csv', ['--format', 'csv']);
  const text = readFileSync(csv.out, 'utf8');
  expect(text.split('\r\n')[0]).toBe('\uFEFF' + LONG_COLUMNS.map((c) => c.name).join(','));
  const rows = parseCsv(text);
  const chosen = new Set(parseCsv(readFileSync(join(dir, 'long.reports.csv'), 'utf8')).map((r) => r.report_id));
  const want = cellsOf(chosen);
  expect(rows.length).toBe(want.length);
  // exactly the stored cells: the same (report, key) multiset, none twice
  const key = (sha: string, t: string, r: string, c: string) => `${sha}|${t}|${r}|${c}`;
  expect(rows.map((r) => key(String(r.report_id), String(r.table), String(r.row), String(r.col))).sort()).toEqual(
    want.map((k) => key(k.sha256, k.tbl, k.row_key, k.col_key)).sort(),
  );
  expect(new Set(rows.map((r) => `${r.report_id}|${r.key}`)).size).toBe(rows.length);
  expect(csv.stderr).toContain(`${want.length} cells: ${want.length} rows`);

  await exportTo('long.jsonl', ['--format', 'jsonl']);
  const jl = readJsonl(join(dir, 'long.jsonl'));
  expect(jl.length).toBe(want.length);
  expect(Object.keys(jl[0])).toEqual(LONG_COLUMNS.map((c) => c.name));

  await exportTo('long.parquet', ['--format', 'parquet']);
  const hy = await readHyparquet(join(dir, 'long.parquet'));
  const ar = readArrow(join(dir, 'long.parquet'));
  expect(hy.length).toBe(want.length);
  expect(ar.length).toBe(want.length);
  for (let i = 0; i < jl.length; i++) {
    const want = jl[i];
    for (const got of [hy[i], ar[i], rows[i]]) {
      expect(got.report_id).toBe(want.report_id);
      expect(got.key).toBe(want.key);
      expect(got.raw).toBe(want.raw);
      expect(num(got.value)).toBe(want.value);
      expect(num(got.value_clean)).toBe(want.value_clean);
      expect(got.cleaning).toBe(want.cleaning);
      expect(num(got.year)).toBe(want.year);
    }
    expect(JSON.parse(String(hy[i].source))).toEqual(want.source);
  }
  // the reports file and the dictionary beside each
  for (const ext of ['csv', 'jsonl', 'parquet']) expect(existsSync(join(dir, `long.reports.${ext}`))).toBe(true);
  for (const f of ['long.dictionary.json', 'long.dictionary.md']) expect(existsSync(join(dir, f))).toBe(true);
  const reports = readArrow(join(dir, 'long.reports.parquet'));
  expect(reports.length).toBe(store.reports);
  expect(Object.keys(reports[0])).toEqual(REPORT_COLUMNS.map((c) => c.name));
  expect(parseCsv(readFileSync(join(dir, 'long.reports.csv'), 'utf8')).length).toBe(store.reports);
});

t('wide: one row per report, one column per table.row.col, holding the long value_clean', async () => {
  const long = (await base()).cells;
  const keys = catalogKeys().map((k) => k.key);
  for (const format of ['csv', 'jsonl', 'parquet']) {
    const { out } = await exportTo(`wide.${format}`, ['--format', format, '--shape', 'wide']);
    expect(existsSync(join(dir, `wide.reports.${format}`))).toBe(false);
    expect(existsSync(join(dir, 'wide.dictionary.json'))).toBe(true);
    expect(existsSync(join(dir, 'wide.dictionary.md'))).toBe(true);
    const rows =
      format === 'csv' ? parseCsv(readFileSync(out, 'utf8')) : format === 'jsonl' ? readJsonl(out) : readArrow(out);
    if (format === 'parquet') expect((await readHyparquet(out)).length).toBe(store.reports);
    expect(rows.length).toBe(store.reports);
    expect(new Set(rows.map((r) => r.report_id)).size).toBe(store.reports);
    for (const k of keys) expect(Object.keys(rows[0])).toContain(k);
    const byId = new Map(rows.map((r) => [r.report_id, r]));
    for (const c of long) expect(num(byId.get(c.report_id)![String(c.key)])).toBe(c.value_clean);
    // cells a report does not have are empty, not 0
    const legacy = rows.find((r) => r.layout === 'legacy')!;
    expect(keys.every((k) => num(legacy[k]) === null)).toBe(true);
  }
});

t('the dictionary beside every export: each column, each key with its label, unit and layout, each rule', async () => {
  const b = await base();
  const d = JSON.parse(readFileSync(b.dictionary, 'utf8'));
  expect(d.exported).toMatchObject({ format: 'jsonl', shape: 'long' });
  expect(d.files.map((f: { path: string }) => f.path)).toEqual([
    join(dir, 'base.jsonl'),
    join(dir, 'base.reports.jsonl'),
    join(dir, 'base.failures.jsonl'),
  ]);
  expect(d.files[0].columns.map((c: { name: string }) => c.name)).toEqual(LONG_COLUMNS.map((c) => c.name));
  expect(d.files[1].columns.map((c: { name: string }) => c.name)).toEqual(REPORT_COLUMNS.map((c) => c.name));
  expect(d.files[0].rows).toBe(b.cells.length);
  for (const f of d.files) for (const c of f.columns) expect(c.description.length).toBeGreaterThan(5);
  const byKey = new Map(d.keys.map((k: { key: string }) => [k.key, k]));
  for (const k of catalogKeys()) expect(byKey.has(k.key)).toBe(true);
  expect(byKey.get('active.fees.amount')).toMatchObject({
    unit: '万元',
    layouts: [{ layout: '2021', rowLabel: '行政事业性收费', colLabel: '本年收费金额（单位：万元）' }],
  });
  expect(byKey.get('active.procurement.amount')).toMatchObject({
    unit: '元',
    layouts: [{ layout: '2019', rowLabel: '政府集中采购' }],
  });
  expect(byKey.get('active.normativeDocuments.issued')).toMatchObject({
    unit: 'count',
    layouts: [{ layout: '2021', rowLabel: '行政规范性文件' }],
  });
  expect(byKey.get('applications.otherHandling.naturalPerson')).toMatchObject({
    layouts: [{ layout: '2019', rowLabel: '（六）其他处理', colLabel: '自然人' }],
  });
  expect(d.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
  for (const c of d.cleaning) expect(c.values).toBe(b.cells.filter((r) => r.cleaning === c.method).length);
  const wide = JSON.parse(
    readFileSync((await exportTo('dw.csv', ['--shape', 'wide'])).out.replace(/csv$/, 'dictionary.json'), 'utf8'),
  );
  expect(wide.files).toHaveLength(2); // the data and the failures
  for (const k of catalogKeys()) expect(wide.files[0].columns.map((c: { name: string }) => c.name)).toContain(k.key);
  const md = readFileSync(join(dir, 'dw.dictionary.md'), 'utf8');
  expect(md).toContain(
    '| `active.fees.amount` | 二、主动公开政府信息情况 | 万元 | 2021 | 行政事业性收费 | 本年收费金额（单位：万元） |',
  );
  expect(md).toContain('| X-CARRY | warning |');
});

t(
  "a blank is read as 0 only where the row's printed 总计 agrees, and every value says how it was cleaned",
  async () => {
    const { cells: rows, reports: reps } = await base();
    const cell = (id: unknown, k: string) => rows.find((r) => r.report_id === id && r.key === k);
    const parts = APPLICATION_COLUMNS.map((c) => c.key).filter((k) => k !== 'total');
    const reviewParts = ['upheld', 'corrected', 'other', 'pending'];
    let zeros = 0,
      kept = 0;
    for (const r of rows) {
      expect(r.cleaning).toEqual(expect.any(String));
      if (r.value !== null) {
        expect(r.value_clean).toBe(r.value);
        continue;
      }
      const rowParts = r.table === 'applications' ? parts : r.table === 'reviewLitigation' ? reviewParts : null;
      const total = rowParts && r.col !== 'total' ? cell(r.report_id, `${r.table}.${r.row}.total`) : undefined;
      const others = rowParts
        ?.filter((p) => p !== r.col)
        .map((p) => cell(r.report_id, `${r.table}.${r.row}.${p}`)?.value ?? 0) as number[] | undefined;
      const agrees = r.raw === '' && total?.value != null && others!.reduce((a, b) => a + b, 0) === total.value;
      if (r.cleaning === 'blank_read_as_zero') {
        zeros++;
        expect(agrees).toBe(true);
        expect(r.value_clean).toBe(0);
      } else {
        expect(agrees).toBe(false);
        expect(r.value_clean).toBeNull();
        kept++;
      }
    }
    expect(zeros).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(0);
    // the real case: 上海市人民政府办公厅 2019 prints 科研机构 blank in 本年新收, and the row's 总计 agrees
    const sh = rows.find(
      (r) => r.agency === '上海市人民政府办公厅' && r.year === 2019 && r.key === 'applications.newReceived.research',
    )!;
    expect(sh).toMatchObject({ raw: '', value: null, value_clean: 0, cleaning: 'blank_read_as_zero' });
    // the blank official template: every 总计 blank, so nothing is inferred
    const template = rows.filter((r) => r.agency === null && r.layout === '2021');
    expect(template.length).toBe(200);
    expect(template.every((r) => r.cleaning === 'blank_left_empty' && r.value_clean === null)).toBe(true);
    // the reports file counts them
    expect(reps.find((r) => r.report_id === sh.report_id)!.blank_read_as_zero).toBe(
      rows.filter((r) => r.report_id === sh.report_id && r.cleaning === 'blank_read_as_zero').length,
    );
  },
);

t('money: one unit per key; agency names linked; one report imported from two files kept once with both', async () => {
  const { cells: rows, reports: reps } = await base();
  const units = new Map<string, Set<unknown>>();
  for (const r of rows) units.set(String(r.key), (units.get(String(r.key)) ?? new Set()).add(r.unit));
  for (const [k, u] of units) expect([k, u.size]).toEqual([k, 1]);
  expect([...units.get('active.fees.amount')!]).toEqual(['万元']);
  expect([...units.get('active.procurement.amount')!]).toEqual(['元']);
  expect(rows.find((r) => r.key === 'active.procurement.amount' && r.raw === '251000元')).toMatchObject({
    value: 251000,
    unit: '元',
    cleaning: 'printed',
  });

  const hz = reps.filter((r) => String(r.agency).includes('洪泽区'));
  // one body under its short and full names (the record may write either): one agency key
  expect(hz.map((r) => r.year).sort()).toEqual([2023, 2024]);
  expect(new Set(hz.map((r) => r.agency_key))).toEqual(new Set(['洪泽区人民政府']));

  // samples/ holds byte-identical copies of some corpus files: each is one report with two sources
  const hashes = (d: string) =>
    new Set(
      readdirSync(d)
        .filter((f) => !f.endsWith('.json'))
        .map((f) =>
          createHash('sha256')
            .update(readFileSync(join(d, f)))
            .digest('hex'),
        ),
    );
  const corpus = hashes(CORPUS);
  const inBoth = [...new Set(['text', 'html', 'docx'].flatMap((s) => [...hashes(join(ROOT, 'samples', s))]))].filter(
    (h) => corpus.has(h),
  );
  expect(inBoth.length).toBeGreaterThanOrEqual(5);
  // each such file is one copy with two sources, in the one report that holds it
  type CopyCol = { id: string; sources: string[] };
  for (const h of inBoth) {
    const holding = reps.filter((r) => (r.copies as CopyCol[]).some((c) => c.id === h));
    expect(holding).toHaveLength(1);
    const copy = (holding[0].copies as CopyCol[]).find((c) => c.id === h)!;
    expect(copy.sources).toHaveLength(2);
    expect(copy.sources.some((s) => s.startsWith(CORPUS))).toBe(true);
    expect(copy.sources.some((s) => s.startsWith(join(ROOT, 'samples')))).toBe(true);
    for (const s of copy.sources) expect(holding[0].sources).toContain(s);
  }
  for (const r of reps) {
    expect(rows.filter((c) => c.report_id === r.report_id).length).toBe(r.cells);
    expect(rows.find((c) => c.report_id === r.report_id)?.report_sources ?? r.sources).toEqual(r.sources);
    expect(r.source_count).toBe((r.sources as string[]).length);
  }
});

t('filters: year range, agency (by key), layout, passing; bad options exit 64', async () => {
  const reps = (await base()).reports;
  const ids = (rows: Row[]) => rows.map((r) => r.report_id).sort();

  const y = readJsonl(
    (await exportTo('y.jsonl', ['--format', 'jsonl', '--shape', 'wide', '--years', '2023-2024'])).out,
  );
  expect(ids(y)).toEqual(ids(reps.filter((r) => r.year !== null && Number(r.year) >= 2023 && Number(r.year) <= 2024)));
  expect(y.length).toBeGreaterThan(2);
  const y2 = readJsonl(
    (await exportTo('y2.jsonl', ['--format', 'jsonl', '--shape', 'wide', '--year-from', '2023', '--year-to', '2024']))
      .out,
  );
  expect(ids(y2)).toEqual(ids(y));

  const a = readJsonl(
    (await exportTo('a.jsonl', ['--format', 'jsonl', '--shape', 'wide', '--agency', '淮安市洪泽区人民政府'])).out,
  );
  expect(a.map((r) => r.year).sort()).toEqual([2023, 2024]);
  const a2 = readJsonl(
    (await exportTo('a2.jsonl', ['--format', 'jsonl', '--shape', 'wide', '--agency', '洪泽区 人民政府'])).out,
  );
  expect(ids(a2)).toEqual(ids(a));

  const l = readJsonl((await exportTo('l.jsonl', ['--format', 'jsonl', '--shape', 'wide', '--layout', '2019'])).out);
  expect(l.length).toBeGreaterThan(0);
  for (const r of l)
    expect(r.layout === '2019' || Object.values(r.table_layouts as object).includes('2019')).toBe(true);
  // 2021 table 二 with a 2019-style table 三
  expect(l.some((r) => r.agency_key === '洪泽区人民政府' && r.year === 2023)).toBe(true);

  const p = readJsonl((await exportTo('p.jsonl', ['--format', 'jsonl', '--passing'])).out);
  const pr = readJsonl(join(dir, 'p.reports.jsonl'));
  expect(ids(pr)).toEqual(ids(reps.filter((r) => r.passing)));
  expect(
    pr.every((r) => !r.error_code && (r.flags as Array<{ severity: string }>).every((f) => f.severity !== 'error')),
  ).toBe(true);
  expect(pr.some((r) => r.agency_key === '洪泽区人民政府' && r.year === 2023)).toBe(false); // T4-SUM fails in 2023
  expect(reps.length - pr.length).toBeGreaterThan(0);
  expect(new Set(p.map((c) => c.report_id))).toEqual(
    new Set(pr.filter((r) => Number(r.cells) > 0).map((r) => r.report_id)),
  );

  for (const bad of [
    ['--format', 'xml'],
    ['--shape', 'tall'],
    ['--years', '20x3'],
    ['--year-from', '2024', '--year-to', '2019'],
    ['--layout', '2020'],
  ]) {
    expect((await cli(['export', ...bad, '--out', join(dir, 'bad.csv')], env)).code).toBe(64);
  }
});

t('X-CARRY over consecutive years: 洪泽区 2023→2024 agrees; 平潭 has no consecutive pair, and says so', async () => {
  const { reports: reps, stderr, dictionary } = await base();
  const hz23 = reps.find((r) => r.agency_key === '洪泽区人民政府' && r.year === 2023)!;
  const hz24 = reps.find((r) => r.agency_key === '洪泽区人民政府' && r.year === 2024)!;
  expect(hz24).toMatchObject({
    previous_report_id: hz23.report_id,
    x_carry: 'agrees',
    x_inforce: 'agrees',
    cross_flags: [],
  });
  expect(hz23).toMatchObject({ previous_report_id: null, x_carry: 'no_previous_year' });
  const pt = reps.filter((r) => r.agency === '平潭综合实验区');
  expect(pt.map((r) => r.year).sort()).toEqual([2011, 2013, 2015, 2017, 2019, 2023, 2025]);
  expect(pt.every((r) => r.x_carry === 'no_previous_year' && r.previous_report_id === null)).toBe(true);
  expect(stderr).toContain('1 pairs of consecutive years, 9 checks, 0 not assessable, 0 failing');
  const d = JSON.parse(readFileSync(dictionary, 'utf8'));
  expect(d.crossReport.pairCount).toBe(1);
});

t("the dictionary's cross-year counts are those of the whole store's listing, and of the reports file", async () => {
  const { reports: reps, dictionary } = await base();
  const counted = JSON.parse(readFileSync(dictionary, 'utf8')).crossReport as CrossSummary;
  await expectCrossCounts(env.XXGK_DB!, reps, counted);
  const md = readFileSync(dictionary.replace(/json$/, 'md'), 'utf8');
  for (const rule of ['X-CARRY', 'X-INFORCE'] as const)
    expect(md).toContain(
      `| ${rule} | ${counted.pairCount} | ${PAIR_VERDICTS.map((v) => counted.verdicts[rule][v]).join(' | ')} |`,
    );
  expect(md).toContain(`${counted.agenciesWithSeveralYears} agencies have reports of several years`);
});

/**
 * What the dictionary listed before it counted, from the whole store in memory: every pair of
 * consecutive years whose later report the export holds, and every agency with several years.
 */
async function fullListing(dbPath: string, exported: Set<string>) {
  const s = await openStore({ kind: 'sqlite', location: dbPath });
  try {
    const { reports } = await loadDataset(s.db);
    const inputs = await crossReportInputs(
      s.db,
      reports.map((r) => r.id),
    );
    return {
      pairs: crossFindings(inputs, agencyKey).pairs.filter((p) => exported.has(p.report)),
      agencies: agencyYears(inputs, agencyKey),
    };
  } finally {
    await s.close();
  }
}

/** The dictionary's counts against the whole store's listing and against the reports file's rows. */
async function expectCrossCounts(dbPath: string, reps: Row[], counted: CrossSummary) {
  const listing = await fullListing(dbPath, new Set(reps.map((r) => String(r.report_id))));
  const sum = (k: 'checks' | 'notAssessable' | 'flags') => listing.pairs.reduce((n, p) => n + p[k], 0);
  const tally = (verdictOf: (v: PairVerdict) => number) =>
    Object.fromEntries(PAIR_VERDICTS.map((v) => [v, verdictOf(v)]));
  expect(counted).toEqual({
    pairCount: listing.pairs.length,
    checks: sum('checks'),
    notAssessable: sum('notAssessable'),
    flags: sum('flags'),
    verdicts: {
      'X-CARRY': tally((v) => listing.pairs.filter((p) => p.carry === v).length),
      'X-INFORCE': tally((v) => listing.pairs.filter((p) => p.inForce === v).length),
    },
    agenciesWithSeveralYears: listing.agencies.length,
    agenciesWithoutConsecutiveYears: listing.agencies.filter((a) => a.consecutivePairs === 0).length,
  });
  // each pair is in its later report's row: the rows with a previous report, and their verdicts
  const later = reps.filter((r) => r.previous_report_id !== null);
  expect(later.length).toBe(counted.pairCount);
  expect(tally((v) => later.filter((r) => r.x_carry === v).length)).toEqual(counted.verdicts['X-CARRY']);
  expect(tally((v) => later.filter((r) => r.x_inforce === v).length)).toEqual(counted.verdicts['X-INFORCE']);
}

describe('real files with one change each', () => {
  let env2: NodeJS.ProcessEnv;
  beforeAll(async () => {
    if (!have) return;
    env2 = { XXGK_DB: join(dir, 'changed.db'), DATABASE_URL: '' };
    const inDir = join(dir, 'changed');
    mkdirSync(inDir);
    // 平潭 2025 as printed, and 平潭 2023's report re-titled 2026: a consecutive pair 2025 → 2026
    writeFileSync(join(inDir, '2025-pingtan-syq-1.txt'), readFileSync(join(CORPUS, '2025-pingtan-syq-1.txt')));
    const t2023 = readFileSync(join(CORPUS, '2023-pingtan-syq-1.txt'), 'utf8').split('\n');
    t2023[0] = t2023[0].replace('2023年度', '2026年度');
    writeFileSync(join(inDir, '2026-pingtan-syq-retitled.txt'), t2023.join('\n'));
    // 上海 2019 with its procurement amount printed in 万元 rather than 元
    const html = readFileSync(join(CORPUS, '2019-shanghai-bgt-1.html'), 'utf8');
    expect(html).toContain('>251000元<');
    writeFileSync(join(inDir, '2019-shanghai-wan.html'), html.replace('>251000元<', '>25.1万元<'));
    const r = await cli(['import', '--json', '-q', '-c', '2', inDir], env2);
    expect(r.code).toBe(0);
  });

  t('X-CARRY and X-INFORCE find what differs between 平潭 2025 and the next year, with both sides', async () => {
    const { stderr } = await exportTo('c.parquet', ['--format', 'parquet'], env2);
    const cells = readArrow(join(dir, 'c.parquet'));
    const reps = readArrow(join(dir, 'c.reports.parquet'));
    const y2025 = reps.find((r) => r.year === 2025)!,
      y2026 = reps.find((r) => r.year === 2026)!;
    expect(y2026.previous_report_id).toBe(y2025.report_id);
    const v = (r: Row, k: string) => cells.find((c) => c.report_id === r.report_id && c.key === k)?.value as number;
    const differing = APPLICATION_COLUMNS.map((c) => c.key).filter(
      (col) => v(y2026, `applications.carriedOver.${col}`) !== v(y2025, `applications.carriedForward.${col}`),
    );
    expect(differing.length).toBeGreaterThan(0); // 2025 carried 6 forward; the 2023 text carried 0 over
    const flags = JSON.parse(String(y2026.cross_flags)) as Array<{ rule: string; message: string; previous: string }>;
    const carry = flags.filter((f) => f.rule === 'X-CARRY');
    expect(carry.map((f) => f.message.split(':')[0])).toEqual(differing);
    expect(carry[0].message).toBe(
      `${differing[0]}: carriedOver(2026) = ${v(y2026, `applications.carriedOver.${differing[0]}`)} ≠ ` +
        `carriedForward(2025) = ${v(y2025, `applications.carriedForward.${differing[0]}`)}`,
    );
    expect(y2026.x_carry).toBe('differs');
    const inForce = ['rules', 'normativeDocuments'].filter((row) => {
      const terms = [v(y2026, `active.${row}.inForce`), v(y2025, `active.${row}.inForce`)];
      terms.push(v(y2026, `active.${row}.issued`), v(y2026, `active.${row}.repealed`));
      // a cell left unread (T-AMBIGUOUS) leaves the equation not assessable: no flag either way
      if (!terms.every((t) => typeof t === 'number')) return false;
      const [now, before, issued, repealed] = terms;
      return now !== before + issued - repealed;
    });
    expect(flags.filter((f) => f.rule === 'X-INFORCE').map((f) => f.message.split(':')[0])).toEqual(inForce);
    expect(y2026.x_inforce).toBe(inForce.length ? 'differs' : 'agrees');
    expect(stderr).toContain('X-CARRY agrees 0, differs 1');
    const d = JSON.parse(readFileSync(join(dir, 'c.dictionary.json'), 'utf8'));
    expect(d.rules.find((r: { id: string }) => r.id === 'X-CARRY').failures).toBe(differing.length);
  });

  t("the dictionary's cross-year counts, whole and filtered, are those of the store's listing", async () => {
    for (const [name, filter] of [
      ['xa', []],
      ['x25', ['--years', '2025']],
      ['x26', ['--years', '2026']],
    ] as const) {
      await exportTo(`${name}.jsonl`, ['--format', 'jsonl', ...filter], env2);
      const reps = readJsonl(join(dir, `${name}.reports.jsonl`));
      const counted = JSON.parse(readFileSync(join(dir, `${name}.dictionary.json`), 'utf8')).crossReport;
      await expectCrossCounts(env2.XXGK_DB!, reps, counted);
    }
  });

  t('money printed in another unit is converted to the column unit, and the row says so', async () => {
    const rows = readJsonl((await exportTo('m.jsonl', ['--format', 'jsonl'], env2)).out);
    const amount = rows.find((r) => r.key === 'active.procurement.amount')!;
    expect(amount).toMatchObject({
      raw: '25.1万元',
      value: 251000,
      value_clean: 251000,
      unit: '元',
      cleaning: 'unit_converted',
    });
    const wide = readJsonl((await exportTo('mw.jsonl', ['--format', 'jsonl', '--shape', 'wide'], env2)).out);
    const sh = wide.find((r) => r.report_id === amount.report_id)!;
    expect(sh['active.procurement.amount']).toBe(251000);
    expect((sh.cleaning as Record<string, unknown>)['active.procurement.amount']).toEqual({
      cleaning: 'unit_converted',
      raw: '25.1万元',
    });
  });
});

test('an empty selection still writes every file with its columns', async () => {
  const e = { XXGK_DB: join(mkdtempSync(join(tmpdir(), 'xxgk-export-empty-')), 'empty.db'), DATABASE_URL: '' };
  const { parquetMetadataAsync, asyncBufferFromFile } = await import('hyparquet');
  for (const shape of ['long', 'wide']) {
    const out = join(dir, `empty-${shape}.parquet`);
    expect((await cli(['export', '--format', 'parquet', '--shape', shape, '--out', out], e)).code).toBe(0);
    expect(await readHyparquet(out)).toEqual([]);
    const meta = await parquetMetadataAsync(await asyncBufferFromFile(out));
    expect(
      meta.schema
        .slice(1)
        .map((s) => s.name)
        .slice(0, 5),
    ).toEqual(['report_id', 'agency', 'agency_normalised', 'agency_key', 'year']);
    // arrow-rs rejects a file with no row group as hyparquet-writer writes it (an empty list's
    // element type): a known limit of the writer, only for an export of nothing
  }
  expect(
    readdirSync(dir)
      .filter((f) => f.startsWith('empty-long.'))
      .sort(),
  ).toEqual([
    'empty-long.dictionary.json',
    'empty-long.dictionary.md',
    'empty-long.failures.parquet',
    'empty-long.parquet',
    'empty-long.reports.parquet',
  ]);
  const csv = join(dir, 'empty.csv');
  expect((await cli(['export', '--out', csv], e)).code).toBe(0);
  expect(readFileSync(csv, 'utf8')).toBe('\uFEFF' + LONG_COLUMNS.map((c) => c.name).join(',') + '\r\n');
});
