// Text drawn again over itself: a faux bold (a font with no bold face printed two to four times,
// each a fraction of a point off), a text shadow, a producer that repeats a run. A reader sees one
// run; read twice it doubles labels (规章规章) and digits (1 → 11), which is worse than losing a
// row. A run is dropped when the page has already drawn the same text, at the same size, within a
// fifth of an em of where it starts (the same glyphs overlapping almost wholly: never two cells).
import type { TextItem } from './pageText';

/** how far apart two drawings of one run may start and still be the same text, in ems */
const SAME_PLACE = 0.2;

/** A test for one page: true for a run that repeats one it has seen, which is then not read. */
export function overprintFilter(): (run: TextItem) => boolean {
  const seen = new Map<string, TextItem[]>();
  return (run) => {
    const drawn = seen.get(run.str);
    if (!drawn) {
      seen.set(run.str, [run]);
      return false;
    }
    const near = SAME_PLACE * run.size;
    for (const d of drawn)
      if (
        d.vertical === run.vertical &&
        Math.abs(d.size - run.size) <= 0.1 * run.size &&
        Math.abs(d.x0 - run.x0) <= near &&
        Math.abs(d.y - run.y) <= near
      )
        return true;
    drawn.push(run);
    return false;
  };
}
