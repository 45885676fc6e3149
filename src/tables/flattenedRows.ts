// Tables that a crawler flattened into running text ("规章000规范性文件898989…"): cut the
// paragraph into label text and number runs, giving the same rows as a printed grid would.
// Format-neutral: it reads paragraph text, whatever the document was.
import type { ParagraphBlock } from '../model';
import type { LogicalRow } from './logicalRows';

/** A paragraph holds flattened tables when it carries several table labels and numbers. */
export function holdsFlattenedTable(text: string): boolean {
  const markers = [/信息内容/, /本年新收/, /予以公开/, /结果维持/, /规章\s*\d/, /申请人情况/].filter((re) => re.test(text)).length;
  return markers >= 2 && /\d/.test(text);
}

// a run of numbers: digits, spaces between them, decimals, a minus sign starting the next cell
// ("行政处罚2648-18538": 2648 | -18 | 538), a placeholder cell between two ("2648—538"), a
// money unit at the end
const RUN = /[-−]?\d(?:[\d\s.,]|[-−](?=\d)|[—–/／](?=\s*\d))*(?:万元|元)?/g;

export function logicalRowsOfFlattened(block: ParagraphBlock): LogicalRow[] {
  const text = block.text;
  const start = Math.max(0, text.search(/二、\s*主动公开政府信息情况/));
  const endAt = text.slice(start).search(/五、\s*(?:存在的主要问题|政府信息公开工作存在|存在)/);
  const end = endAt < 0 ? text.length : start + endAt;
  const rows: LogicalRow[] = [];
  const at = (i: number) => ({ ...block.source, column: (block.source.column ?? 1) + i });
  let label = '';
  let labelStart = start;
  let pos = start;
  RUN.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = RUN.exec(text)) && m.index < end) {
    let run = m[0];
    let runEnd = m.index + run.length;
    // "…00000002.其他法律…": the last digit before "." and a word is the next label's number
    const after = text.slice(runEnd, runEnd + 2);
    const trimmedDot = /[.．]$/.test(run) ? 1 : 0;
    if ((trimmedDot && /^\D/.test(after)) || /^[、．]\D/.test(after)) {
      run = run.slice(0, run.length - trimmedDot);
      const numbering = /\d$/.exec(run.trimEnd());
      if (numbering) run = run.trimEnd().slice(0, -1);
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
    rows.push({
      labels: [{ text: label.trim(), source: at(labelStart) }],
      values: [{ text: numbersOnly, source: at(m.index + (run.length - run.trimStart().length)) }],
      source: at(labelStart),
    });
    label = '';
    pos = runEnd;
    labelStart = runEnd;
    RUN.lastIndex = runEnd;
  }
  return rows;
}

/** Digits that belong to words: years (2023年), "第3项", list numbers followed by "." or "、". */
function isPartOfLabel(label: string, text: string, at: number): boolean {
  const next = text.slice(at).replace(/^[-−]?\d(?:[\d\s.,]|[-−](?=\d)|[—–/／](?=\s*\d))*/, '').slice(0, 1);
  return /^[年月日项条号届次]/.test(next) || /第$/.test(label);
}
