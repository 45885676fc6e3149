// Tables 二/三/四 on real report pages of other issuers, flattened however the page was
// (tests/corpus/wild-tables): every labelled cell comes back right, or empty with a finding
// (T-AMBIGUOUS / T-MISSING) that names it; a wrong number never comes back, and a cell no reader
// can place (a lone number in a row whose blanks vanished) stays empty.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport } from '../pipeline/parseReport';
import type { ReportRecord } from '../src/model/record';
import { inRepo } from './support/fixtures';

const DIR = inRepo('tests', 'corpus', 'wild-tables');
const TABLES = ['active', 'applications', 'reviewLitigation'] as const;

interface Label {
  url: string;
  unplaceable?: string[];
  active?: Record<string, Record<string, number | null>>;
  applications?: Record<string, Record<string, number | null>>;
  reviewLitigation?: Record<string, Record<string, number | null>>;
}

const pages = readdirSync(DIR)
  .filter((f) => f.endsWith('.label.json'))
  .sort()
  .map((l) => ({
    name: l.replace(/\.txt\.label\.json$/, ''),
    file: join(DIR, l.replace(/\.label\.json$/, '')),
    label: JSON.parse(readFileSync(join(DIR, l), 'utf8')) as Label,
  }));

/** "active.withheld.stateSecret.total" → "active|withheld.stateSecret|total" */
const keyOfDotted = (k: string) => {
  const parts = k.split('.');
  return `${parts[0]}|${parts.slice(1, -1).join('.')}|${parts[parts.length - 1]}`;
};

interface Outcome {
  right: number;
  emptyWithFinding: number;
  silent: string[];
  wrong: string[];
}

function outcome(label: Label, got: ReportRecord): Outcome {
  const cells = new Map(got.cells.map((c) => [`${c.table}|${c.row}|${c.col}`, c]));
  const flagged = (table: string, row: string, col: string) =>
    got.flags.some(
      (f) =>
        (f.rule === 'T-AMBIGUOUS' || f.rule === 'T-MISSING') &&
        f.cells.some((k) => k === `${table}|${row}|${col}` || k === `${table}|${row}|*` || k === `${table}|*|*`),
    );
  const o: Outcome = { right: 0, emptyWithFinding: 0, silent: [], wrong: [] };
  const labelled = new Set<string>();
  for (const table of TABLES)
    for (const [row, cols] of Object.entries(label[table] ?? {}))
      for (const [col, want] of Object.entries(cols)) {
        const key = `${table}|${row}|${col}`;
        labelled.add(key);
        const c = cells.get(key);
        const value = c?.value ?? null;
        if (value === want || (value !== null && want !== null && Math.abs(value - want) < 1e-6)) o.right++;
        else if (value === null) {
          if (flagged(table, row, col)) o.emptyWithFinding++;
          else o.silent.push(`${key}: want ${want}, empty without a finding`);
        } else o.wrong.push(`${key}: want ${want}, got ${value} (raw '${c?.raw}')`);
      }
  for (const k of label.unplaceable ?? []) {
    const key = keyOfDotted(k);
    labelled.add(key);
    const value = cells.get(key)?.value ?? null;
    if (value === null) o.right++;
    else o.wrong.push(`${key}: no reader can place this cell, got ${value}`);
  }
  return o;
}

const results = new Map<string, Outcome>();
beforeAll(async () => {
  for (const p of pages) {
    const got = await parseReport(readFileSync(p.file), { path: p.file, url: p.label.url });
    results.set(p.name, outcome(p.label, got));
  }
}, 120_000);

afterAll(() => {
  const all = [...results.values()];
  const sum = (f: (o: Outcome) => number) => all.reduce((n, o) => n + f(o), 0);
  console.log(
    `wild tables: ${pages.length} pages, cells right ${sum((o) => o.right)}, ` +
      `empty with a finding ${sum((o) => o.emptyWithFinding)}, empty without ${sum((o) => o.silent.length)}, ` +
      `wrong ${sum((o) => o.wrong.length)}`,
  );
});

test('the fixtures are real pages, each with its address and at least one labelled cell', () => {
  expect(pages.length).toBeGreaterThanOrEqual(20);
  for (const p of pages) {
    expect(p.label.url).toMatch(/^https?:\/\//);
    const n = TABLES.reduce(
      (k, t) => k + Object.values(p.label[t] ?? {}).reduce((m, cols) => m + Object.keys(cols).length, 0),
      0,
    );
    expect(n + (p.label.unplaceable?.length ?? 0)).toBeGreaterThan(0);
  }
});

test.each(pages.map((p) => p.name))('%s: no wrong number', (name) => {
  expect(results.get(name)!.wrong).toEqual([]);
});

test.each(pages.map((p) => p.name))('%s: every labelled cell read, or empty with a finding', (name) => {
  expect(results.get(name)!.silent).toEqual([]);
});

// A page's opening is cut at so many characters, wherever that falls: inside a row, inside a
// number ("行政处罚 | 1" of 1472). Every page cut at each line's end and inside each number of
// its tables: what comes back is right or empty, never another number.
test.each(pages.map((p) => p.name))(
  '%s cut anywhere in its tables: no wrong number',
  async (name) => {
    const page = pages.find((p) => p.name === name)!;
    const text = readFileSync(page.file, 'utf8');
    const start = Math.max(0, text.search(/第二十[条條]|行政复议|申请人情况/));
    const cuts = new Set<number>();
    for (const m of text.slice(start).matchAll(/\d{2,}|\n/g)) cuts.add(start + m.index! + (m[0] === '\n' ? 0 : 1));
    const wrong: string[] = [];
    for (const at of cuts) {
      const got = await parseReport(Buffer.from(text.slice(0, at), 'utf8'), { path: page.file, url: page.label.url });
      const o = outcome(page.label, got);
      wrong.push(...o.wrong.map((w) => `cut at ${at}: ${w}`));
    }
    expect(wrong).toEqual([]);
  },
  120_000,
);
