// Property: whatever shape a report arrives in, every cell of its three tables comes back
// right, or empty with a finding (T-AMBIGUOUS / T-MISSING) that names it. A wrong number never
// comes back. fast-check shrinks a failure to the smallest report that shows it.
// NUM_RUNS sets the reports per format (npm test: 500; npm run test:property: 10,000).
import { test } from '@fast-check/jest';
import { parseReport } from '../../pipeline/parseReport';
import type { ReportRecord } from '../../src/model/record';
import { reportRecord, type ReportRecordArb } from './reportRecord';
import { FORMATS, render, style, type RenderFormat } from './renderReport';
import { metaProblems } from '../support/metaProblems';

const NUM_RUNS = Number(process.env.NUM_RUNS ?? 500);
/** crawler text is the slowest to read (every way to cut runs of digits is tried) */
const CRAWLER_RUNS = Number(process.env.CRAWLER_RUNS ?? NUM_RUNS);
/** and its time a report: the digits may be cut with blanks that vanished, and the rows solved jointly */
const CRAWLER_MS = 3000;

/**
 * A row named missing, or the same row in the other layout (2019's （六）其他处理 is 2021's
 * three otherHandling rows): a page cut before the rows that tell the layouts apart is read in
 * the one its year gives, and says so of that layout's rows.
 */
const sameRow = (named: string, row: string) =>
  named === row || named.startsWith(`${row}.`) || row.startsWith(`${named}.`);

/** what went wrong with one parsed report: wrong numbers, and cells left out with no finding */
export function problemsOf(want: ReportRecordArb, got: ReportRecord): string[] {
  const problems: string[] = [];
  if (got.error) return [`error ${got.error.code}: ${got.error.message}`];
  const cells = new Map(got.cells.map((c) => [`${c.table}|${c.row}|${c.col}`, c]));
  const flagged = (key: string) => {
    const [table, row, col] = key.split('|');
    const sameCell = (k: string) => {
      const [t, r, c] = k.split('|');
      return t === table && c === col && sameRow(r, row);
    };
    return got.flags.some(
      (f) =>
        (f.rule === 'T-AMBIGUOUS' && f.cells.some(sameCell)) ||
        (f.rule === 'T-MISSING' &&
          f.message.startsWith(`${table}:`) &&
          (/table not found/.test(f.message) || f.message.split(/[:,]\s*/).some((x) => sameRow(x, row)))),
    );
  };
  for (const [key, value] of want.truth) {
    const c = cells.get(key);
    if (c && c.value !== null) {
      const wrong = value === null || Math.abs(c.value - value) > 1e-6;
      if (wrong) problems.push(`WRONG ${key}: want ${value} got ${c.value} (raw '${c.raw}')`);
    } else if (value !== null && !flagged(key)) {
      problems.push(`unread without a finding ${key}: want ${value}`);
    }
  }
  for (const c of got.cells) {
    const key = `${c.table}|${c.row}|${c.col}`;
    if (!want.truth.has(key) && c.value !== null) problems.push(`WRONG extra cell ${key} = ${c.value}`);
  }
  return problems;
}

const FORMAT_FILTER = process.env.FORMATS?.split(',');

/** per format: printed (non-blank) cells, how many came back with their value, how many wrong; agency and year right */
const tally = new Map<
  string,
  { reports: number; printed: number; read: number; wrong: number; agency: number; year: number }
>();
const missed = new Map<string, number>();
afterAll(() => {
  const lines = [...tally].map(
    ([f, t]) =>
      `${f}: ${t.reports} reports, ${t.read}/${t.printed} printed cells read ` +
      `(${((100 * t.read) / Math.max(1, t.printed)).toFixed(1)}%), ${t.wrong} wrong; ` +
      `agency right ${t.agency}, year right ${t.year}`,
  );
  if (missed.size)
    console.log(
      [...missed]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 15)
        .map(([k, n]) => `${n} ${k}`)
        .join('\n'),
    );
  if (lines.length) console.log(`cells read per format, the rest left empty with a finding:\n${lines.join('\n')}`);
});

function count(format: string, want: ReportRecordArb, got: ReportRecord): void {
  const t = tally.get(format) ?? { reports: 0, printed: 0, read: 0, wrong: 0, agency: 0, year: 0 };
  t.reports++;
  if (got.report.agency === want.agency) t.agency++;
  if (got.report.year === want.year) t.year++;
  const values = new Map(got.cells.map((c) => [`${c.table}|${c.row}|${c.col}`, c.value]));
  for (const [key, v] of want.truth) {
    const g = values.get(key);
    if (g !== null && g !== undefined && (v === null || Math.abs(g - v) > 1e-6)) t.wrong++;
    if (v !== null) {
      t.printed++;
      if (values.get(key) === v) t.read++;
      else if (process.env.SHOW_MISSED) missed.set(`${format} ${key}`, (missed.get(`${format} ${key}`) ?? 0) + 1);
    }
  }
  tally.set(format, t);
}

// npm test draws the same reports every run (what CI says can be replayed); npm run
// test:property (NUM_RUNS set) draws new ones, and SEED repeats a run (A/B comparisons)
const SEED = process.env.SEED ? Number(process.env.SEED) : process.env.NUM_RUNS ? undefined : 20261206;

for (const format of FORMATS as readonly RenderFormat[]) {
  if (FORMAT_FILTER && !FORMAT_FILTER.includes(format)) continue;
  const numRuns = format === 'crawler' ? CRAWLER_RUNS : NUM_RUNS;
  // fast-check stops at the test's time limit and would pass on fewer cases: the limit is
  // generous (a second a report, three for crawler text), and running out of it fails the test
  test.prop([reportRecord({ marks: true, blanks: process.env.NO_BLANKS ? false : undefined }), style], {
    numRuns,
    markInterruptAsFailure: true,
    ...(SEED === undefined ? {} : { seed: SEED }),
  })(
    `${format}: every cell right, or empty with a finding; never another agency or year`,
    async (record, st) => {
      const { bytes, name } = await render(record, format, st);
      const parsed = await parseReport(bytes, { path: name });
      // crawler text runs every cell together: digits that read several ways are cut only where
      // the evidence leaves one reading, so here too a wrong number must not come back
      const problems = [...problemsOf(record, parsed), ...metaProblems(record, parsed)];
      count(format, record, parsed);
      // the rendered text beside the problems, so that a shrunk failure shows what was read
      if (problems.length)
        throw new Error(
          `${problems.join('\n')}\n--- ${format}:\n${name.endsWith('.txt') ? Buffer.from(bytes).toString('utf8') : ''}`,
        );
    },
    Math.max(120_000, numRuns * (format === 'crawler' ? CRAWLER_MS : 1000)),
  );
}
