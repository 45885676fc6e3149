// Printed rows of the legacy statistics table → keyed cells (tables.md, table `legacy`). Digits
// run together are split with the same care as the 2019+ tables: a reading must satisfy the
// row's own arithmetic (本年度 ≤ 历年累计), then the table's (L-CHANNELS, L-REPLIES, L-ACTIVE, …)
// or a number the report's prose states for that row; a row still read several ways is left
// empty with T-AMBIGUOUS and its candidates. No preference between lengths of digits decides
// here: a year's count and a running total differ in length as a rule.
import type { Cell, Flag, ReportRecord } from '../model/record';
import { LEGACY } from '../model/record';
import { allMatches, compact, stripNumbering } from '../text';
import type { ColumnSpec } from './catalog';
import { LEGACY_ARITHMETIC, holdsWhereRead, rowCheckOf } from './arithmetic';
import { legacyColumns, legacyKeyOf, type LegacyRowSpec } from './legacyCatalog';
import type { LegacyPrintedRow, LegacyPrintedTable } from './legacyRows';
import type { TextPiece } from './logicalRows';
import { readingsOf, type Token } from './splitRuns';
import { choose } from './chooseReading';
import { cleanRaw, parseValue } from './parseValue';

export interface RecognisedLegacy {
  cells: Cell[];
  flags: Flag[];
  otherRows: NonNullable<ReportRecord['otherRows']>;
  /** rows whose reading the prose or the table's sums decided, said as findings */
  notes: string[];
  splitRows: number;
  ambiguousRows: number;
}

interface Reading {
  spec: LegacyRowSpec;
  printed: LegacyPrintedRow;
  columns: ColumnSpec[];
  candidates: Token[][];
  chosen?: Token[];
  how?: string;
}

export function recogniseLegacy(table: LegacyPrintedTable, prose: string): RecognisedLegacy {
  const { readings, otherRows } = keyRows(table);
  for (const r of readings) readRow(r, prose);
  resolveAcrossRows(readings, table.cumulative ? 2 : 1);
  const cells: Cell[] = [];
  const flags: Flag[] = [];
  for (const r of readings) {
    if (!r.chosen) flags.push(ambiguityFlag(r));
    for (let i = 0; i < r.columns.length; i++) cells.push(cellOf(r, i));
  }
  return {
    cells,
    flags,
    otherRows,
    notes: readings
      .filter((r) => r.chosen && r.how)
      .map(
        (r) =>
          `${LEGACY}.${r.spec.key}: '${printedText(r.printed)}' read as ` +
          `${r.chosen!.map((t) => t.raw || '(blank)').join('|')}: ${r.how}`,
      ),
    splitRows: readings.filter((r) => r.candidates.length > 1 || r.chosen?.some((t) => t.split)).length,
    ambiguousRows: readings.filter((r) => !r.chosen).length,
  };
}

/** Each printed row to its key; a label that means no key, or a key printed twice, stays outside the cells. */
function keyRows(table: LegacyPrintedTable): { readings: Reading[]; otherRows: RecognisedLegacy['otherRows'] } {
  const readings: Reading[] = [];
  const otherRows: RecognisedLegacy['otherRows'] = [];
  const seen = new Set<string>();
  let parent: 'review' | 'litigation' = 'review';
  for (const printed of table.rows) {
    const label = stripNumbering(
      compact(printed.label)
        .replace(/^其中[:：]?/, '')
        .replace(/^[一二三四五六七八九十]+、/, ''),
    );
    const spec = legacyKeyOf(label, parent);
    if (spec?.key === 'review.total') parent = 'review';
    if (spec?.key === 'litigation.total') parent = 'litigation';
    if (!spec || seen.has(spec.key)) {
      // a heading printed with empty cells is no row of numbers
      if (printed.values.some((v) => /\d/.test(v.text)))
        otherRows.push({
          table: LEGACY,
          label: printed.label,
          unit: printed.unit,
          raw: printedText(printed),
          source: printed.source,
        });
      continue;
    }
    seen.add(spec.key);
    readings.push({ spec, printed, columns: legacyColumns(spec.kind, table.cumulative), candidates: [] });
  }
  return { readings, otherRows };
}

const printedText = (p: LegacyPrintedRow) => cleanRaw(p.values.map((v) => v.text).join(' '));
/** the row's own arithmetic, built once per column layout (a layout is the same in every report) */
const rowChecks = new Map<string, ReturnType<typeof rowCheckOf>>();
const rowCheck = (columns: ColumnSpec[]) => {
  const keys = columns.map((c) => c.key);
  const shape = keys.join('|');
  if (!rowChecks.has(shape)) rowChecks.set(shape, rowCheckOf(LEGACY_ARITHMETIC, keys));
  return rowChecks.get(shape);
};

function readRow(r: Reading, prose: string): void {
  if (r.printed.unsure) return;
  const all = readingsOfRow(r.printed, r.columns);
  // the prose is searched only when the rules leave several readings (choose asks then); with
  // no number stated every reading scores 0, as with no support at all
  const phrases = r.spec.prose;
  let stated: Set<number> | undefined;
  const support = phrases
    ? (v: Array<number | null>) => {
        stated ??= statedNumbers(prose, phrases);
        return v[0] !== null && stated.has(v[0]) ? 1 : 0;
      }
    : undefined;
  const c = choose(all, r.columns, { rowCheck: rowCheck(r.columns), support });
  r.candidates = c.ranked;
  // one reading the rules (or the prose) leave, never one preferred for its digit lengths
  if (c.reading && !c.ambiguous && c.ranked.length === 1) {
    r.chosen = c.reading;
    if (c.decidedBy === 'narrative')
      r.how = "of the readings 本年度 ≤ 历年累计 allows, the one the report's own text states";
  }
}

/**
 * The readings of a row's printed values as its cells. Cells printed apart but fewer than the
 * columns: a blank vanished, and any column may be the blank one. Digits run together: every
 * way to cut them (splitRuns).
 */
function readingsOfRow(printed: LegacyPrintedRow, columns: ColumnSpec[]): Token[][] {
  const values = printed.values.filter((v) => v.text.trim() !== '' || printed.values.length === columns.length);
  const apart =
    values.length === 1 && !values[0].runTogether
      ? values[0].text
          .trim()
          .split(/\s+/)
          .filter(Boolean)
          .map((text): TextPiece => ({ text, source: values[0].source }))
      : values;
  if (
    apart.length >= 1 &&
    apart.length < columns.length &&
    !apart.some((v) => v.runTogether && !/\s/.test(v.text.trim()) && v.text.trim().length > 1)
  ) {
    return placements(apart.length, columns.length)
      .map((at) =>
        columns.map((col, i) => {
          const k = at.indexOf(i);
          const v = k >= 0 ? apart[k] : undefined;
          return {
            raw: v?.text.trim() ?? '',
            value: v ? parseValue(v.text.trim(), col).value : null,
            source: v?.source ?? printed.source,
          };
        }),
      )
      .filter((r) => r.every((t) => t.raw === '' || t.value !== null));
  }
  return readingsOf(apart, columns);
}

/** every way to place n printed cells, in order, among k columns */
function placements(n: number, k: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  const walk = (from: number, acc: number[]) => {
    if (acc.length === n) {
      out.push(acc.slice());
      return;
    }
    for (let i = from; i <= k - (n - acc.length); i++) {
      acc.push(i);
      walk(i + 1, acc);
      acc.pop();
    }
  };
  walk(0, []);
  return out;
}

/** each phrase's pattern, compiled once: the phrases are the catalog's, a few dozen */
const statedPatterns = new Map<string, RegExp>();
const statedPattern = (phrase: string): RegExp => {
  let re = statedPatterns.get(phrase);
  if (!re) {
    re = new RegExp(`${phrase}(?:数|总数)?(?:为|共|达|计|有)?\\s*(\\d+)\\s*(?:条|件|个|次|人|份|项)`, 'g');
    statedPatterns.set(phrase, re);
  }
  return re;
};

/** numbers the prose states right after one of the row's phrases ("主动公开政府信息2026条") */
function statedNumbers(prose: string, phrases: string[]): Set<number> {
  const out = new Set<number>();
  for (const p of phrases) {
    // the phrases are plain words: a prose without the words holds no match
    if (!prose.includes(p)) continue;
    for (const m of allMatches(statedPattern(p), prose)) out.add(Number(m[1]));
  }
  return out;
}

/**
 * Rows still read several ways: the table's column equations decide. Rows tied by shared
 * equations are tried together; a row takes the reading that every combination satisfying
 * the equations gives it.
 */
function resolveAcrossRows(readings: Reading[], columnCount: number): void {
  const byKey = new Map(readings.map((r) => [r.spec.key, r]));
  /** a row still read several ways (every row of byKey is one of `readings`) */
  const open = (r: Reading | undefined): r is Reading => !!r && !r.chosen && r.candidates.length > 1;
  for (const eq of LEGACY_ARITHMETIC.inColumn) {
    const group = [...eq.left, ...eq.right].map((k) => byKey.get(k)).filter(open);
    if (!group.length) continue;
    // equations that share a row with this one are tried with it
    const equations = LEGACY_ARITHMETIC.inColumn.filter((e) =>
      [...e.left, ...e.right].some((k) => group.some((r) => r.spec.key === k)),
    );
    const rows = [
      ...new Set(
        equations
          .flatMap((e) => [...e.left, ...e.right])
          .map((k) => byKey.get(k))
          .filter(open),
      ),
    ];
    if (rows.reduce((n, r) => n * Math.min(r.candidates.length, 50), 1) > 200000) continue;
    const solutions: Token[][][] = [];
    const pick = new Map<string, Token[]>();
    const valueOf = (key: string, col: number) => {
      const r = byKey.get(key);
      if (!r) return undefined;
      const chosen = pick.get(key) ?? r.chosen;
      return chosen ? (chosen[col]?.value ?? null) : null;
    };
    const tried = rows.map((r) => r.candidates.slice(0, 50));
    const walk = (i: number) => {
      if (i === rows.length) {
        for (let c = 0; c < columnCount; c++)
          if (!equations.every((e) => holdsWhereRead(e, (k) => valueOf(k, c)))) return;
        solutions.push(rows.map((r) => pick.get(r.spec.key)!));
        return;
      }
      for (const cand of tried[i]) {
        pick.set(rows[i].spec.key, cand);
        walk(i + 1);
      }
      pick.delete(rows[i].spec.key);
    };
    walk(0);
    rows.forEach((r, i) => {
      const same = solutions.length > 0 && solutions.every((s) => sameValues(s[i], solutions[0][i]));
      if (!same) {
        if (solutions.length) r.candidates = uniqueReadings(solutions.map((s) => s[i]));
        return;
      }
      r.chosen = solutions[0][i];
      r.candidates = [r.chosen];
      const rules = [...new Set(equations.map((e) => e.rule))].join(', ');
      const hold = equations.length > 1 ? 'hold' : 'holds';
      r.how = `of the readings 本年度 ≤ 历年累计 allows, the only one with which ${rules} ${hold}`;
    });
  }
}

const sameValues = (a: Token[], b: Token[]) => a.length === b.length && a.every((t, i) => t.value === b[i].value);
const uniqueReadings = (rs: Token[][]) => rs.filter((r, i) => rs.findIndex((x) => sameValues(x, r)) === i);

function cellOf(r: Reading, i: number): Cell {
  const col = r.columns[i];
  const tok = r.chosen?.[i];
  const unit = r.printed.unit ?? '';
  // money is converted to 万元 from the unit printed beside it; the unit goes into raw
  const value =
    !tok || tok.raw === '' ? null : col.kind === 'money' ? parseValue(tok.raw + unit, col).value : tok.value;
  return {
    table: LEGACY,
    row: r.spec.key,
    col: col.key,
    value,
    raw: tok ? (tok.raw ? cleanRaw(tok.raw) + unit : '') : printedText(r.printed),
    source: tok?.source ?? r.printed.values[0]?.source ?? r.printed.source,
    reading: tok?.split ? 'split' : undefined,
    label: cleanRaw(r.printed.label).slice(-60) || undefined,
  };
}

function ambiguityFlag(r: Reading): Flag {
  const printed = printedText(r.printed);
  const message = r.printed.unsure
    ? `${LEGACY}.${r.spec.key}: ${r.printed.unsure}`
    : r.candidates.length
      ? `${LEGACY}.${r.spec.key}: '${printed}' reads ${r.candidates.length} ways that every rule allows: ${r.candidates
          .slice(0, 5)
          .map((c) => c.map((x) => x.raw || '(blank)').join('|'))
          .join(' / ')}${r.candidates.length > 5 ? ' …' : ''}`
      : `${LEGACY}.${r.spec.key}: '${printed}' cannot be read as the row's ${r.columns.length} cells`;
  return {
    rule: 'T-AMBIGUOUS',
    severity: 'warning',
    message,
    cells: r.columns.map((c) => `${LEGACY}|${r.spec.key}|${c.key}`),
    candidates: r.candidates.slice(0, 20).map((c) => c.map((x) => x.value)),
  };
}
