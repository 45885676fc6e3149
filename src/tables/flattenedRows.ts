// Tables that a crawler flattened into running text ("规章000规范性文件898989…"): cut the
// paragraph into label text and number runs, giving the same rows as a printed grid would.
// Format-neutral: it reads paragraph text, whatever the document was.
import type { ParagraphBlock, Provenance } from '../model/document';
import type { LogicalRow } from './logicalRows';
import { looksLikeValue } from './parseValue';
import { hasBar, isLoneBar } from './barRows';

/** stands in the joined text for a blank cell printed as a bare bar: one character, as the bar was */
export const BLANK_CELL = '\uE000';

/** Text to read as one flattened paragraph, and where each of its characters was printed. */
export interface FlatText {
  text: string;
  sourceAt(index: number): Provenance;
}

export const flatTextOf = (block: ParagraphBlock): FlatText => ({
  text: block.text,
  sourceAt: (i) => ({ ...block.source, column: (block.source.column ?? 1) + i }),
});

/**
 * Consecutive short paragraphs read as one: text with one cell per line (pdftotext's reading
 * order) or cells aligned by spaces (pdftotext -layout), joined with a space so that the cells
 * stay apart.
 */
export function joinParagraphs(blocks: ParagraphBlock[]): FlatText {
  const starts: number[] = [];
  const blanks = blankCellBars(blocks);
  let text = '';
  blocks.forEach((b, i) => {
    if (text) text += ' ';
    starts.push(text.length);
    // a bar after a cell printed a line ("规章 |", "0 |") or alone on a line separates cells
    text += blanks.has(i) ? BLANK_CELL : hasBar(b.text) ? b.text.replace(/[|｜│]/g, ' ') : b.text;
  });
  return {
    text,
    sourceAt(i) {
      let lo = 0,
        hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= i) lo = mid;
        else hi = mid - 1;
      }
      const b = blocks[lo];
      return { ...b.source, column: (b.source.column ?? 1) + Math.max(0, i - starts[lo]) };
    },
  };
}

/**
 * Cells printed a line each, a bare bar before each row: a bare bar among a row's values (after
 * a value, before a value or another bar) is a blank cell. Where bars stand between all cells
 * (label, bar, value) they are separators only, and a blank cell cannot be told.
 */
function blankCellBars(blocks: ParagraphBlock[]): Set<number> {
  const out = new Set<number>();
  // most texts have no lone bar: then no line need be read as a value or a label
  const bars = blocks.map((b) => isLoneBar(b.text));
  if (!bars.includes(true)) return out;
  const kinds = blocks.map((b, i) =>
    bars[i] ? 'bar' : looksLikeValue(b.text.replace(/[|｜│]/g, '').trim()) ? 'value' : 'label',
  );
  let beforeRows = 0,
    betweenCells = 0;
  kinds.forEach((k, i) => {
    if (k !== 'bar') return;
    if (kinds[i - 1] === 'value' && kinds[i + 1] === 'label') beforeRows++;
    if (kinds[i - 1] === 'label' && kinds[i + 1] === 'value') betweenCells++;
  });
  if (betweenCells >= beforeRows) return out;
  kinds.forEach((k, i) => {
    if (
      k === 'bar' &&
      (kinds[i - 1] === 'value' || out.has(i - 1)) &&
      (kinds[i + 1] === 'value' || kinds[i + 1] === 'bar')
    )
      out.add(i);
  });
  return out;
}

// (table 四's column labels printed down narrow columns come out a character or two a line:
// "结 结 其 尚 / 果 果 他 未 …", "结果 结果 其他 尚未 总"; a page of a PDF may hold table 四 alone)
const TABLE_MARKERS = [
  /信息内容/,
  /本年新收/,
  /予以公开/,
  /结果维持|结果?\s+结果?\s+其他?\s+尚未?/,
  // 规章 and its numbers, a note in brackets between them or not
  /规章(?:[(（][^()（）]*[)）])?\s*\d/,
  // table 二's sub-headings: 第二十条第（一）项 … 第二十条第（九）项
  /第二十条第[(（][一五六八九][)）]项/,
  /申请人情况/,
  /复议后起诉/,
];

/** A paragraph holds flattened tables when it carries several table labels and numbers. */
export function holdsFlattenedTable(text: string): boolean {
  if (!/\d/.test(text)) return false;
  let markers = 0;
  for (const re of TABLE_MARKERS) if (re.test(text) && ++markers === 2) return true;
  return false;
}

// a run of numbers: digits, spaces between them, decimals, a minus sign starting the next cell
// ("行政处罚2648-18538": 2648 | -18 | 538), a placeholder cell between two ("2648—538"), a
// money unit at the end, a footnote mark closing a cell ("13* 13 524", "13①", "1-1①100000"), blank cells
const NUMBERS =
  String.raw`(?:\uE000\s*)*[-−]?\d(?:[\d\s.,\uE000]|[-−](?=\d)|[—–/／](?=\s*\d)|` +
  String.raw`(?<=\d)(?:[*＊※①-⑳]|注)(?=[\s\d]|$))*`;
const RUN = new RegExp(`${NUMBERS}(?:[万萬]元|元)?`, 'g');
const NUMBERS_HERE = new RegExp(`^${NUMBERS}`);

export function logicalRowsOfFlattened(flat: FlatText): LogicalRow[] {
  const text = flat.text;
  const start = Math.max(0, text.search(/二、\s*主动公开政府信息情况/));
  const endAt = text.slice(start).search(/五、\s*(?:存在的主要问题|政府信息公开工作存在|存在)/);
  const end = endAt < 0 ? text.length : start + endAt;
  const rows: LogicalRow[] = [];
  const at = flat.sourceAt;
  let label = '';
  let labelStart = start;
  let pos = start;
  RUN.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = RUN.exec(text)) && m.index < end) {
    let run = m[0];
    let runEnd = m.index + run.length;
    // "…00000002.其他法律…": the last digit before "." and a word is the next label's number.
    // Only a digit printed against the mark: "10 、行政机关…" is a number and then a label
    // wrapped onto a line of its own that starts with 、 (pdftotext), not 1 and "0、…"
    const after = text.slice(runEnd, runEnd + 2);
    const trimmedDot = /[.．]$/.test(run) ? 1 : 0;
    // (a list number where the text stops, "…1218 2105 3.", is one too: its label was cut off)
    if ((trimmedDot && (/^\D/.test(after) || !after)) || /^[、．]\D/.test(after)) {
      const numbered = trimmedDot ? /\d[.．]$/.test(run) : /\d$/.test(run);
      run = run.slice(0, run.length - trimmedDot);
      if (numbered) run = run.slice(0, -1);
      runEnd = m.index + run.length;
    }
    const labelText = text.slice(pos, m.index);
    label += labelText;
    const numbersOnly = run.trim();
    if (!numbersOnly || !/\d/.test(numbersOnly) || isPartOfLabel(label, text, m.index)) {
      label += text.slice(m.index, runEnd);
      pos = runEnd; // the number was part of the label ("第二十条", "2023年")
      RUN.lastIndex = Math.max(runEnd, m.index + 1);
      continue;
    }
    const numbersAt = m.index + (run.length - run.trimStart().length);
    rows.push({
      labels: [{ text: label.trim(), source: at(labelStart) }],
      values: [
        {
          text: numbersOnly,
          source: at(numbersAt),
          runTogether: ranOn(text, m.index, numbersOnly),
          end: at(numbersAt + numbersOnly.length - 1),
        },
      ],
      source: at(labelStart),
    });
    label = '';
    pos = runEnd;
    labelStart = runEnd;
    RUN.lastIndex = runEnd;
  }
  return rows;
}

/**
 * Digits printed against their label with no space, and none between them ("规章000",
 * "行政许可3960181"): a crawler ran the cells together. Digits after a space or a line break are
 * printed cells, which may not be cut apart on plausibility alone.
 */
function ranOn(text: string, at: number, numbers: string): boolean {
  return at > 0 && !/\s/.test(text.charAt(at - 1)) && !/\s/.test(numbers);
}

/** Digits that belong to words: years (2023年), "第3项", list numbers followed by "." or "、". */
function isPartOfLabel(label: string, text: string, at: number): boolean {
  const run = NUMBERS_HERE.exec(text.slice(at))![0];
  const next = text.charAt(at + run.length);
  // one number before 年/项…; several are cells, whatever follows (a group label printed one
  // character per line: "… 0 31 年 3.危及…")
  return (/^[年月日项条号届次]/.test(next) && !/\d\s+\d/.test(run)) || /第$/.test(label);
}
