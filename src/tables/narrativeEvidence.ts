// What the report's own prose says a cell holds. "动态更新本年度制发的规范性文件88件" states that
// this year's issued normative documents are 88; "集中公开现行有效行政规范性文件698件" states the
// documents in force. This is evidence, not a guess: it is used only to choose among the readings
// of digits run together ("8855698") that every rule allows.
import type { ColumnSpec, RowSpec } from './catalog';

/** Per column of a row: the numbers the prose states for it (empty when it says nothing). */
export type StatedValues = Array<Set<number>>;

export interface NarrativeEvidence {
  stated(row: RowSpec, rows: RowSpec[], columns: ColumnSpec[]): StatedValues;
}

// The words prose uses for a row or a column, when they differ from the printed label.
const ROW_TERMS: Record<string, string[]> = {
  normativeDocuments: ['规范性文件'],
  procurement: ['政府集中采购', '政府采购'],
  otherServices: ['其他对外管理服务事项'],
  fees: ['行政事业性收费'],
};
const COLUMN_TERMS: Record<string, string[]> = {
  issued: ['制发', '印发', '出台'],
  repealed: ['废止', '失效'],
  inForce: ['现行有效'],
  newlyMade: ['新制作', '制发', '印发'],
  newlyPublished: ['新公开'],
  totalPublished: ['对外公开总数', '累计公开'],
  previousItems: ['上一年项目'],
  decisions: ['处理决定', '作出决定'],
  items: ['项目数', '采购项目'],
  amount: ['总金额', '金额', '收费'],
};

/** whether prose has words for this column at all (table 三's columns it has not) */
export const hasNarrativeTerms = (column: ColumnSpec) => column.key in COLUMN_TERMS;

const rowTerms = (row: RowSpec) =>
  ROW_TERMS[row.key] ?? [row.label.replace(/^[（(]?[一二三四五六七八九十\d]+[)）.、．]?/, '')];

// a number written with its unit, so that a table's own run of digits never counts as prose
const STATED = /(-?\d+(?:\.\d+)?)\s*(万元|元|件|条|项|个|宗|份|次)/y;
/** prose sentences only: a flattened table has 第二十条 / 信息内容 in its header */
const TABLE_TEXT = /第二十条|信息内容/;
const NEAR = 24;

export function narrativeEvidence(prose: string): NarrativeEvidence {
  const cache = new Map<string, StatedValues>();
  let ends: number[] | undefined;
  return {
    stated(row, rows, columns) {
      const key = row.key + '|' + columns.map((c) => c.key).join(',');
      let found = cache.get(key);
      if (!found) {
        found = columns.map(() => new Set<number>());
        // where the prose's sentences end, found once for every row the document asks about
        ends ??= sentenceEnds(prose);
        for (const s of sentencesNaming(prose, ends, rowTerms(row))) readSentence(s, row, rows, columns, found);
        cache.set(key, found);
      }
      return found;
    },
  };
}

/** what ends a sentence (。；;！!？? or a line break), all found in one pass of the regex engine */
const SENTENCE_END = /[。；;！!？?\n]/g;

/** the index of every character that ends a sentence, in order */
function sentenceEnds(prose: string): number[] {
  const ends: number[] = [];
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(prose); m; m = SENTENCE_END.exec(prose)) ends.push(m.index);
  return ends;
}

/** the first of the sorted `ends` at or after `at` (ends.length when none) */
function firstAtOrAfter(ends: number[], at: number): number {
  let lo = 0,
    hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The prose sentences that name the row, found from the row's words rather than by splitting the
 * whole text; `ends` are the prose's sentence ends (sentenceEnds).
 */
function sentencesNaming(prose: string, ends: number[], terms: string[]): string[] {
  const starts = new Set<number>();
  const out: string[] = [];
  for (const term of terms) {
    for (let i = prose.indexOf(term); i >= 0; i = prose.indexOf(term, i + term.length)) {
      // the sentence starts after the last end before the term, and ends at the first end after it
      const before = firstAtOrAfter(ends, i) - 1;
      const a = before >= 0 ? ends[before] + 1 : 0;
      if (starts.has(a)) continue;
      starts.add(a);
      const after = firstAtOrAfter(ends, i + term.length);
      const b = after < ends.length ? ends[after] : prose.length;
      const s = prose.slice(a, b);
      if (/\d/.test(s) && !TABLE_TEXT.test(s)) out.push(s);
      i = b - term.length; // the rest of this sentence is read already
    }
  }
  return out;
}

interface Mark {
  at: number;
  end: number;
  kind: 'row' | 'col';
  row?: string;
  col?: number;
}

/**
 * Walk one sentence naming the row: a number with a unit belongs to the last column word, if the
 * last row word before it is this row's.
 */
function readSentence(s: string, row: RowSpec, rows: RowSpec[], columns: ColumnSpec[], out: StatedValues): void {
  const marks: Mark[] = [];
  for (const r of rows)
    for (const term of rowTerms(r))
      for (let i = s.indexOf(term); i >= 0; i = s.indexOf(term, i + 1))
        marks.push({ at: i, end: i + term.length, kind: 'row', row: r.key });
  columns.forEach((c, ci) => {
    for (const term of COLUMN_TERMS[c.key] ?? [])
      for (let i = s.indexOf(term); i >= 0; i = s.indexOf(term, i + 1))
        marks.push({ at: i, end: i + term.length, kind: 'col', col: ci });
  });
  // a longer row word wins over one inside it (规范性文件 inside 行政规范性文件 is the same row anyway)
  marks.sort((a, b) => a.at - b.at || b.end - a.end);
  let currentRow: string | undefined;
  let col: Mark | undefined;
  let lastEnd = 0;
  let rowEnd = 0;
  for (let i = 0; i < s.length; i++) {
    while (marks.length && marks[0].at <= i) {
      const m = marks.shift()!;
      if (m.end <= lastEnd) continue; // a word inside one already read (收费 in 行政事业性收费)
      if (m.kind === 'row') {
        currentRow = m.row;
        rowEnd = m.end;
      } else col = m;
      lastEnd = m.end;
    }
    if (i < lastEnd) continue;
    const ch = s.charCodeAt(i);
    const startsNumber = (ch >= 0x30 && ch <= 0x39) || (ch === 0x2d && i + 1 < s.length && /\d/.test(s[i + 1]));
    if (!startsNumber || (i > 0 && /[\d.]/.test(s[i - 1]))) continue;
    STATED.lastIndex = i;
    const m = STATED.exec(s);
    if (!m) continue;
    if (col && currentRow === row.key && i - Math.max(col.end, rowEnd) <= NEAR) {
      for (const v of inColumnUnit(Number(m[1]), m[2], columns[col.col!])) out[col.col!].add(v);
    }
    // one statement per column word: "制发88件，其中修订12件" does not give 12 as well
    col = undefined;
    i = STATED.lastIndex - 1;
  }
}

/** Money is stated in 元 or 万元 whatever the table uses: keep both readings of the number. */
function inColumnUnit(n: number, unit: string, column: ColumnSpec): number[] {
  const money = unit === '元' || unit === '万元';
  if (column.kind !== 'money') return money ? [] : [n];
  if (!money) return [];
  return unit === '万元' ? [n, round2(n * 10000)] : [n, Number((n / 10000).toFixed(6))];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * How many of a reading's cells hold a value the prose states. A cell the prose states otherwise
 * does not count against a reading: prose and table do disagree (a scope, a typo), and a reading
 * that left that cell blank would otherwise win by saying nothing.
 */
export function narrativeSupport(values: Array<number | null>, stated: StatedValues): number {
  let support = 0;
  for (let i = 0; i < values.length; i++) {
    const said = stated[i];
    if (said?.size && values[i] !== null && said.has(values[i]!)) support++;
  }
  return support;
}
