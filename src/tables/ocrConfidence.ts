// A number OCR read with little confidence is not taken on trust: its cell is left empty with a
// T-OCR-LOW finding, unless one of the table's equations (arithmetic.ts), with every other term
// printed and read with confidence, holds with it: then that rule decided, and the finding says so.
// Where none holds with it (a digit lost: '2' for 27), the equations may still leave one value:
// taken only when two of them (its row's and its column's) give it alike, as one equation alone
// would hide a report that does not add up behind a number it never printed.
import type { Cell, Flag } from '../model/record';
import { ARITHMETIC, holdsWhereRead, type Equation } from './arithmetic';
import type { RecognisedTable } from './recogniseTables';

/** what the OCR left in a cell it could not read (parsers/pdf/scan/digitCheck.ts) */
const UNREAD = '\uFFFD';

const sure = (c: Cell | undefined, min: number) =>
  !!c && c.value !== null && (c.source.confidence === undefined || c.source.confidence >= min);

/** the equation holds with every term read, the doubtful cell's and sure ones' */
function confirms(eq: Equation, term: (key: string) => Cell | undefined, doubtful: Cell, min: number): boolean {
  if (eq.relation === '≤') return false;
  const terms = [...eq.left, ...eq.right].map(term);
  if (!terms.includes(doubtful) || terms.some((c) => c !== doubtful && !sure(c, min))) return false;
  // every term is read (above), so the equation is tested, not passed as unassessable
  return holdsWhereRead(eq, (k) => term(k)?.value);
}

/** the value the equation leaves the doubtful cell, every other term read with confidence */
function solvedBy(
  eq: Equation,
  term: (key: string) => Cell | undefined,
  doubtful: Cell,
  min: number,
): number | undefined {
  if (eq.relation === '≤') return undefined;
  const left = eq.left.map(term),
    right = eq.right.map(term);
  const all = [...left, ...right];
  if (all.filter((c) => c === doubtful).length !== 1 || all.some((c) => c !== doubtful && !sure(c, min)))
    return undefined;
  const sum = (cs: Array<Cell | undefined>) => cs.reduce((a, c) => a + (c === doubtful ? 0 : c!.value!), 0);
  const v = left.includes(doubtful) ? sum(right) - sum(left) : sum(left) - sum(right);
  return Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** one value that two equations or more leave alike, and none leaves otherwise */
function decidedByRules(
  solved: Array<{ rule: string; value: number | undefined }>,
): { value: number; rules: string[] } | undefined {
  const found = solved.filter((s): s is { rule: string; value: number } => s.value !== undefined);
  if (found.length < 2 || found.some((s) => s.value !== found[0].value)) return undefined;
  return { value: found[0].value, rules: found.map((s) => s.rule) };
}

export function distrustOcrCells(tables: RecognisedTable[], min: number): Flag[] {
  const flags: Flag[] = [];
  for (const t of tables) {
    const doubtful = t.cells.filter(
      (c) =>
        (c.value !== null && c.source.confidence !== undefined && c.source.confidence < min) ||
        (c.raw === UNREAD && c.source.ocr),
    );
    // most tables were not read by OCR: nothing to look up
    if (!doubtful.length) continue;
    const arithmetic = ARITHMETIC[t.table][t.template];
    const at = new Map(t.cells.map((c) => [`${c.row}|${c.col}`, c]));
    for (const c of doubtful) {
      const rule =
        c.raw === UNREAD
          ? undefined
          : (arithmetic.inRow.find((eq) => confirms(eq, (k) => at.get(`${c.row}|${k}`), c, min)) ??
            arithmetic.inColumn.find((eq) => confirms(eq, (k) => at.get(`${k}|${c.col}`), c, min)));
      const key = `${t.table}|${c.row}|${c.col}`;
      const read =
        c.raw === UNREAD
          ? 'OCR could not read it'
          : `'${c.raw}' was read by OCR with confidence ${c.source.confidence} (below ${min})`;
      const decided = rule
        ? undefined
        : decidedByRules([
            ...arithmetic.inRow.map((eq) => ({
              rule: eq.rule,
              value: solvedBy(eq, (k) => at.get(`${c.row}|${k}`), c, min),
            })),
            ...arithmetic.inColumn.map((eq) => ({
              rule: eq.rule,
              value: solvedBy(eq, (k) => at.get(`${k}|${c.col}`), c, min),
            })),
          ]);
      flags.push({
        rule: 'T-OCR-LOW',
        severity: 'warning',
        message: rule
          ? `${key}: ${read}; kept: rule ${rule.rule} holds with it`
          : decided
            ? `${key}: ${read}; ${decided.value} decided by rules ${decided.rules.join(' and ')}, ` +
              'which leave no other value'
            : `${key}: ${read}; left empty`,
        cells: [key],
      });
      if (decided) c.value = decided.value;
      else if (!rule) c.value = null;
    }
  }
  return flags;
}
