// A number OCR read with little confidence is not taken on trust: its cell is left empty with a
// T-OCR-LOW finding, unless one of the table's equations (arithmetic.ts), with every other term
// printed and read with confidence, holds with it: then that rule decided, and the finding says so.
import type { Cell, Flag } from '../model/record';
import { ARITHMETIC, holdsWhereRead, type Equation } from './arithmetic';
import type { RecognisedTable } from './recogniseTables';

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

export function distrustOcrCells(tables: RecognisedTable[], min: number): Flag[] {
  const flags: Flag[] = [];
  for (const t of tables) {
    const doubtful = t.cells.filter(
      (c) => c.value !== null && c.source.confidence !== undefined && c.source.confidence < min,
    );
    // most tables were not read by OCR: nothing to look up
    if (!doubtful.length) continue;
    const arithmetic = ARITHMETIC[t.table][t.template];
    const at = new Map(t.cells.map((c) => [`${c.row}|${c.col}`, c]));
    for (const c of doubtful) {
      const rule =
        arithmetic.inRow.find((eq) => confirms(eq, (k) => at.get(`${c.row}|${k}`), c, min)) ??
        arithmetic.inColumn.find((eq) => confirms(eq, (k) => at.get(`${k}|${c.col}`), c, min));
      const key = `${t.table}|${c.row}|${c.col}`;
      const read = `'${c.raw}' was read by OCR with confidence ${c.source.confidence} (below ${min})`;
      flags.push({
        rule: 'T-OCR-LOW',
        severity: 'warning',
        message: rule ? `${key}: ${read}; kept: rule ${rule.rule} holds with it` : `${key}: ${read}; left empty`,
        cells: [key],
      });
      if (!rule) c.value = null;
    }
  }
  return flags;
}
