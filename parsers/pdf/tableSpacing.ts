// How far apart a borderless table's lines stand, in font sizes: the distances that keep a
// label's wrapped lines in its row and end a table's region, scaled by the line spacing the
// cells keep. A page measures its own from its wrapped labels, or takes its document's.
import { isValuePiece, NUMBERED, segmentsOf, type Segment } from './lineSegments';
import type { TextItem } from './pageText';
import { groupLines, type TextLine } from './textLines';
import { overlaps } from './xRanges';

/** baseline distance between two lines, top to bottom (points) */
export const lineGap = (a: TextLine, b: TextLine) => a.y - b.y;
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** baseline distance (font sizes) up to which a line may continue the row above */
const ROW_PITCH = 1.6;
/** gap (font sizes) that ends a table region, and how many plain lines it may enclose */
const REGION_GAP = 4;
/**
 * Rows made tall by their cells' padding and paragraph spacing stand further apart (Chromium
 * printing <td><p>: ~3.9 font sizes; a little more padding passes 4): where the page's lines of
 * values stand so far apart, the gap that ends a region is a little more than their pitch, up
 * to this many font sizes
 */
const TALL_ROWS_GAP = 7;
/**
 * A page's vertical distances for its tables, in font sizes: ROW_PITCH, REGION_GAP and
 * TALL_ROWS_GAP, each scaled by the line spacing the cells keep (a label's wrapped lines 1.2-1.5
 * font sizes apart as a rule; Word's fixed 28 pt, the body's for 三号 text, left on the
 * paragraphs in cells of 10.5 pt text sets them 2.6 apart and the rows 5 apart)
 */
export interface Spacing {
  /** up to which a line may continue the row above */
  row: number;
  /** that ends a region, at the least */
  region: number;
  /** that ends a region, at the most */
  tall: number;
}
/** the distance between a label's wrapped lines that ROW_PITCH and the gaps are set for */
export const SINGLE_SPACED = 1.45;
/** a wider line spacing than this scales the distances */
const WIDE_SPACING = 1.5;

/**
 * The line spacing of the page's tables: the median distance from a label's line to its
 * wrapped line below, three of them at least. A wrapped line prints no number and no numbered
 * label; its piece starts under the piece above (left-aligned) or is centred under it, and
 * both are narrower than half the page's text (a paragraph's lines are not measured). Lines of
 * numbers alone may stand between (a row's numbers centred on its label's lines), and the piece
 * above may be a column label among others (本年新 over 制作数量, 信息内容 between them). Rows one
 * line high stand as evenly as wrapped lines, but each prints its numbers.
 */
export function labelLineGaps(lines: TextLine[], segs: Segment[][]): number[] {
  if (!lines.length) return [];
  const narrow = 0.5 * (Math.max(...lines.map((l) => l.x1)) - Math.min(...lines.map((l) => l.x0)));
  const isNarrowLabel = (s: Segment) => !isValuePiece(s) && s.x1 - s.x0 < narrow;
  const gaps: number[] = [];
  for (let k = 1; k < lines.length; k++) {
    if (segs[k].some(isValuePiece)) continue;
    const size = lines[k].size;
    let least = Infinity;
    for (const w of segs[k]) {
      if (!isNarrowLabel(w) || NUMBERED.test(w.text)) continue;
      // the nearest line above with a piece over this one: it must be the label w continues
      for (let j = k - 1; j >= 0 && lineGap(lines[j], lines[k]) <= 2 * ROW_PITCH * size; j--) {
        const u = segs[j].find((x) => overlaps(x, w));
        if (!u) continue;
        const under = Math.abs(w.x0 - u.x0) <= size / 2 || Math.abs(w.x0 + w.x1 - u.x0 - u.x1) <= size;
        if (isNarrowLabel(u) && under && Math.abs(lines[j].size - size) <= 0.05 * size)
          least = Math.min(least, lineGap(lines[j], lines[k]) / size);
        break;
      }
    }
    if (least >= 1 && least <= 2 * ROW_PITCH) gaps.push(least);
  }
  return gaps;
}

/** the line spacing of gaps measured by labelLineGaps, where there are three at least */
export const lineSpacingOfGaps = (gaps: number[]): number | undefined => (gaps.length >= 3 ? median(gaps) : undefined);

/**
 * The line spacing of a document's tables, from all its pages: a page holding a table's header
 * and first row alone has too few wrapped lines of its own to tell.
 */
export function documentLineSpacing(pages: { items: TextItem[] }[]): number {
  const gaps = pages.flatMap((p) => {
    const lines = groupLines(p.items);
    return labelLineGaps(lines, lines.map(segmentsOf));
  });
  return lineSpacingOfGaps(gaps) ?? SINGLE_SPACED;
}

/** the gaps (font sizes) that part rows, regions and tall rows of tables set at this line spacing */
export function gapsAtSpacing(spacing: number): Spacing {
  const scale = spacing > WIDE_SPACING ? spacing / SINGLE_SPACED : 1;
  return { row: ROW_PITCH * scale, region: REGION_GAP * scale, tall: TALL_ROWS_GAP * scale };
}
