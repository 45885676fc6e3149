// The arithmetic of the standard tables as data, stated once (rules.md): which columns of a row
// add up to its total, which rows of a column balance. Recognition (choosing how to split run-
// together digits), the rule checks and the export's cleaning (a blank read as 0) all derive
// from these lists.
import type { TableKey, Template } from '../model/record';
import { CATALOG } from './catalog';

/**
 * `left` and `right` are sums of terms (column keys within a row, row keys within a column).
 * `=`: the two sums agree; `≤`: every left term is at most the right sum (one term).
 */
export interface Equation {
  rule: string;
  left: string[];
  right: string[];
  relation?: '=' | '≤';
  /** said after the row or column in a failure message */
  label?: string;
  /** checked only where the report prints the right-hand cell (an optional column) */
  whenPrinted?: boolean;
  /** a sum over the parts the report prints; not assessable when the total or every part is absent */
  printedParts?: boolean;
}

export interface TableArithmetic {
  /** between the columns of one row */
  inRow: Equation[];
  /** the rows the in-row equations are checked for; every row the report prints when absent */
  inRowRows?: string[];
  /** how a failure names the row: `{row}` is replaced */
  inRowContext: string;
  /** between the rows of one column, for every column of the table */
  inColumn: Equation[];
  /** columns only some reports print: the column equations cover them when the first row prints them */
  optionalColumns?: string[];
}

const APPLICANTS = ['naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg'];
const LEGAL_PERSONS = APPLICANTS.slice(1);
/** table 三's rows that are not results: received, carried over, the total, carried forward */
const BALANCE = { received: ['newReceived', 'carriedOver'], settled: ['totalProcessed', 'carriedForward'] };
const REVIEW_RESULTS = ['upheld', 'corrected', 'other', 'pending'];

/** every result row of table 三 in a layout: the rows that are neither received nor settled */
const resultRows = (template: Template) =>
  CATALOG.applications[template]
    .map((r) => r.key)
    .filter((k) => ![...BALANCE.received, ...BALANCE.settled].includes(k));

const applications = (template: Template): TableArithmetic => ({
  inRow: [
    { rule: 'T3-COL', left: APPLICANTS, right: ['total'] },
    {
      rule: 'T3-COL',
      left: LEGAL_PERSONS,
      right: ['legalPersonSubtotal'],
      label: '法人或其他组织小计',
      whenPrinted: true,
    },
  ],
  inRowContext: 'row {row}',
  inColumn: [
    { rule: 'T3-BAL', left: BALANCE.received, right: BALANCE.settled },
    { rule: 'T3-SUM', left: resultRows(template), right: ['totalProcessed'] },
  ],
  optionalColumns: ['legalPersonSubtotal'],
});

const reviewLitigation: TableArithmetic = {
  inRow: [{ rule: 'T4-SUM', left: REVIEW_RESULTS, right: ['total'] }],
  inRowRows: ['review', 'litigationDirect', 'litigationAfterReview'],
  inRowContext: '{row}',
  inColumn: [],
};

const NONE: TableArithmetic = { inRow: [], inRowContext: 'row {row}', inColumn: [] };

export const ARITHMETIC: Record<TableKey, Record<Template, TableArithmetic>> = {
  active: { '2019': NONE, '2021': NONE },
  applications: { '2019': applications('2019'), '2021': applications('2021') },
  reviewLitigation: { '2019': reviewLitigation, '2021': reviewLitigation },
};

/** the columns whose sum is a row's 总计 (a blank among them may be read as 0 when the total agrees) */
export function partsOfTotal(arithmetic: TableArithmetic): string[] | undefined {
  return arithmetic.inRow.find((e) => e.right.length === 1 && e.right[0] === 'total')?.left;
}

/** every in-row equation of any layout of a table names the same parts of 总计 */
export function partsOfTotalIn(table: string): string[] | undefined {
  const layouts = ARITHMETIC[table as TableKey];
  return layouts ? partsOfTotal(layouts['2021']) : undefined;
}

/**
 * A row standing for several rows (table 四 printed as one run) repeats its column keys: each
 * repetition is a block of its own, key → the column's index in the row.
 */
export function columnBlocks(columns: string[]): Array<Map<string, number>> {
  const blocks: Array<Map<string, number>> = [];
  columns.forEach((key, i) => {
    if (!blocks.length || blocks[blocks.length - 1].has(key)) blocks.push(new Map());
    blocks[blocks.length - 1].set(key, i);
  });
  return blocks;
}

/** does the equation hold on one block of a row's values (holdsWhereRead) */
export const holdsInBlock = (e: Equation, block: Map<string, number>, v: Array<number | null>): boolean =>
  holdsWhereRead(e, (k) => {
    const i = block.get(k);
    return i === undefined ? undefined : v[i];
  });

/**
 * holdsInBlock for one equation and block, its terms looked up once: the digit search tests
 * the same equation on the same block for every cut it tries. A sum with one total is
 * holdsWhereRead's first case written over column indexes; others go through holdsInBlock.
 */
export function blockCheck(e: Equation, block: Map<string, number>): (v: Array<number | null>) => boolean {
  if (e.right.length !== 1) return (v) => holdsInBlock(e, block, v);
  const total = block.get(e.right[0]);
  if (total === undefined) return () => true;
  const parts = e.left.map((k) => block.get(k)).filter((i): i is number => i !== undefined);
  const atMost = e.relation === '≤';
  return (v) => {
    const t = v[total];
    if (t === null || t === undefined) return true;
    let any = false,
      sum = 0;
    for (const i of parts) {
      const x = v[i];
      if (x === undefined) continue;
      any = true;
      if (atMost) {
        if (x !== null && x > t) return false;
      } else sum += x ?? 0;
    }
    return !any || atMost || sum === t;
  };
}

/** the table's in-row equations that total one of these columns */
export const inRowEquationsOver = (arithmetic: TableArithmetic, columns: string[]): Equation[] =>
  arithmetic.inRow.filter((e) => e.right.some((k) => columns.includes(k)));

/**
 * The arithmetic a row must satisfy by itself (总计 = the sum of its parts), from the table's
 * in-row equations, over the row's column keys, each repetition of its columns on its own.
 */
export function rowCheckOf(
  arithmetic: TableArithmetic,
  columns: string[],
): ((values: Array<number | null>) => boolean) | undefined {
  const equations = inRowEquationsOver(arithmetic, columns);
  if (!equations.length) return undefined;
  const checks = columnBlocks(columns).flatMap((block) => equations.map((e) => blockCheck(e, block)));
  return (v) => checks.every((check) => check(v));
}

/**
 * Does an equation hold on values that may be absent (`undefined`) or blank (`null`)? For
 * recognition, which must not reject a reading for what it cannot see: a sum with one total is
 * tested when the total is read and some part is printed (other parts count 0); an equation of
 * several terms a side only when every term is read.
 */
export function holdsWhereRead(eq: Equation, value: (term: string) => number | null | undefined): boolean {
  if (eq.right.length === 1) {
    const total = value(eq.right[0]);
    if (total === null || total === undefined) return true;
    let any = false,
      sum = 0;
    for (const t of eq.left) {
      const v = value(t);
      if (v === undefined) continue;
      any = true;
      if (eq.relation === '≤') {
        if (v !== null && v > total) return false;
      } else sum += v ?? 0;
    }
    return !any || eq.relation === '≤' || sum === total;
  }
  const l = eq.left.map(value),
    r = eq.right.map(value);
  if ([...l, ...r].some((v) => v === null || v === undefined)) return true;
  const add = (vs: Array<number | null | undefined>) => vs.reduce<number>((a, b) => a + (b ?? 0), 0);
  return eq.relation === '≤' ? l.every((v) => v! <= add(r)) : add(l) === add(r);
}

/** sums over the sub-rows a report prints (rules.md: each report prints its own set of rows) */
const printedSum = (rule: string, right: string, left: string[]): Equation => ({
  rule,
  left,
  right: [right],
  printedParts: true,
});

/**
 * The legacy statistics table (2008–2018, rules.md `L-*`): each equation holds for the year
 * column and, where printed, the cumulative one.
 */
export const LEGACY_ARITHMETIC: TableArithmetic = {
  inRow: [{ rule: 'L-CUM', left: ['year'], right: ['cumulative'], relation: '≤', whenPrinted: true }],
  inRowContext: 'row {row}',
  inColumn: [
    printedSum(
      'L-CHANNELS',
      'applications.received',
      ['inPerson', 'fax', 'email', 'online', 'letter', 'letterOrFax', 'otherChannel'].map((k) => `applications.${k}`),
    ),
    printedSum('L-CLOSED', 'applications.closed', ['applications.closedOnTime', 'applications.closedExtended']),
    printedSum(
      'L-REPLIES',
      'replies.total',
      [
        'alreadyPublic',
        'granted',
        'partiallyGranted',
        'refused',
        'notThisAgency',
        'notExist',
        'toAmend',
        'otherRoute',
        'other',
      ].map((k) => `replies.${k}`),
    ),
    printedSum(
      'L-REFUSED',
      'replies.refused',
      ['stateSecret', 'commercialSecret', 'privacy', 'security', 'notGovernmentInformation', 'otherByLaw'].map(
        (k) => `replies.refused.${k}`,
      ),
    ),
    printedSum('L-REVIEW', 'review.total', ['review.upheld', 'review.corrected', 'review.other']),
    printedSum('L-REVIEW', 'litigation.total', ['litigation.upheld', 'litigation.corrected', 'litigation.other']),
    printedSum('L-STAFF', 'organisation.staff', ['organisation.staffFullTime', 'organisation.staffPartTime']),
    // one item published on several channels counts once in the total
    {
      rule: 'L-ACTIVE',
      left: ['byGazette', 'byWebsite', 'byWeibo', 'byWechat', 'byOther'].map((k) => `active.${k}`),
      right: ['active.total'],
      relation: '≤',
      printedParts: true,
    },
  ],
};
