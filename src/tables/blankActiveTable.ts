// Table 二 printed with every cell blank, flattened a cell a line or a paragraph: its empty cells
// leave nothing in the text, so no number run marks its rows, and the flattened reading (driven
// by the numbers) finds none. Where the section between 二、主动公开政府信息情况 and 三、 prints the
// table's column labels and its row labels and not one digit, the rows are blank rows of the
// table: each is read with its layout's cells empty (null), as a blank grid's rows are.
import type { ParagraphBlock } from '../model/document';
import type { Template } from '../model/record';
import { CATALOG } from './catalog';
import type { LogicalRow } from './logicalRows';
import { matchRowLabel } from './rowLabels';
import { simplified } from './simplified';

const SECTION_START = /^\s*二\s*[、.．]\s*主动公开政府信息情况/;
const NEXT_SECTION = /^\s*[三四五六]\s*[、.．]/;
const DIGIT = /[0-9０-９]/;
/** the column labels that tell the layouts apart */
const LAYOUT_2019 = /本年新制作数量|上一年项目数量/;
const LAYOUT_2021 = /本年制发件数|本年处理决定数量|本年收费金额/;
/** fewer row labels than this is no table (a sentence naming 行政许可 is not one) */
const MIN_ROWS = 5;

export function blankActiveTableRows(paragraphs: ParagraphBlock[]): LogicalRow[] | undefined {
  // (a heading is a short line: long paragraphs are not converted to be tested)
  const start = paragraphs.findIndex((p) => p.text.length <= 30 && SECTION_START.test(simplified(p.text)));
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < paragraphs.length && !NEXT_SECTION.test(paragraphs[end].text)) end++;
  const section = paragraphs.slice(start + 1, end);
  if (section.some((p) => DIGIT.test(p.text))) return undefined;
  const text = simplified(section.map((p) => p.text).join('\n'));
  const layout: Template | undefined = LAYOUT_2019.test(text)
    ? LAYOUT_2021.test(text)
      ? undefined
      : '2019'
    : LAYOUT_2021.test(text)
      ? '2021'
      : undefined;
  if (!layout || !/信息内容/.test(text)) return undefined;
  const rows: LogicalRow[] = [];
  const header: ParagraphBlock[] = [];
  const seen = new Set<string>();
  for (const p of section) {
    const m = matchRowLabel(simplified(p.text));
    const spec = m?.table === 'active' ? CATALOG.active[layout].find((r) => r.key === m.row) : undefined;
    if (!spec || seen.has(spec.key)) {
      header.push(p);
      continue;
    }
    seen.add(spec.key);
    rows.push({
      labels: [{ text: p.text, source: p.source }],
      values: spec.columns.map(() => ({ text: '', source: p.source })),
      source: p.source,
    });
  }
  if (rows.length < MIN_ROWS) return undefined;
  // the column labels first, as a header row: they tell which table and which layout follows
  const head: LogicalRow = {
    labels: header.map((p) => ({ text: p.text, source: p.source })),
    values: [],
    source: section[0].source,
  };
  return [head, ...rows];
}
