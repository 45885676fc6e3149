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

type Term = (key: string) => Cell | undefined;

/** an equation of the table with the lookup of its terms around one cell (its row or its column) */
interface Placed {
  eq: Equation;
  term: Term;
}

/** the equation's terms, when the doubtful cell is one of them once and every other is sure */
function othersSure({ eq, term }: Placed, doubtful: Cell, min: number): { left: Cell[]; right: Cell[] } | undefined {
  if (eq.relation === '≤') return undefined;
  const left = eq.left.map(term),
    right = eq.right.map(term);
  const all = [...left, ...right];
  if (all.filter((c) => c === doubtful).length !== 1 || all.some((c) => c !== doubtful && !sure(c, min)))
    return undefined;
  return { left: left as Cell[], right: right as Cell[] };
}

/** the equation holds with every term read, the doubtful cell's and sure ones' */
const confirms = (p: Placed, doubtful: Cell, min: number): boolean =>
  // every term is read (othersSure), so the equation is tested, not passed as unassessable
  doubtful.value !== null && !!othersSure(p, doubtful, min) && holdsWhereRead(p.eq, (k) => p.term(k)?.value);

/** the value the equation leaves the doubtful cell, every other term read with confidence */
function solvedBy(p: Placed, doubtful: Cell, min: number): number | undefined {
  const terms = othersSure(p, doubtful, min);
  if (!terms) return undefined;
  const sum = (cs: Cell[]) => cs.reduce((a, c) => a + (c === doubtful ? 0 : c.value!), 0);
  const v = terms.left.includes(doubtful) ? sum(terms.right) - sum(terms.left) : sum(terms.left) - sum(terms.right);
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
      const placed: Placed[] = [
        ...arithmetic.inRow.map((eq) => ({ eq, term: (k: string) => at.get(`${c.row}|${k}`) })),
        ...arithmetic.inColumn.map((eq) => ({ eq, term: (k: string) => at.get(`${k}|${c.col}`) })),
      ];
      const rule = c.raw === UNREAD ? undefined : placed.find((p) => confirms(p, c, min))?.eq;
      const key = `${t.table}|${c.row}|${c.col}`;
      const read =
        c.raw === UNREAD
          ? 'OCR could not read it'
          : `'${c.raw}' was read by OCR with confidence ${c.source.confidence} (below ${min})`;
      const decided = rule
        ? undefined
        : decidedByRules(placed.map((p) => ({ rule: p.eq.rule, value: solvedBy(p, c, min) })));
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
