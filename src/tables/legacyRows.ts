// The legacy statistics table (指标名称 · 计量单位 · 本年度 · 历年累计) as printed rows of label,
// unit and values: from a table grid (HTML, DOCX, PDF, tab text), or from text where a crawler
// ran the cells together ("主动公开信息数条20263542其中：1.网站公开条179533042.政府公报…").
// There the next label's list number follows the values (…3304 | 2.政府公报): it is taken off.
import type { Doc, ParagraphBlock, Provenance, TableBlock } from '../model/document';
import { allMatches, compact } from '../text';
import { joinParagraphs, type FlatText } from './flattenedRows';
import { logicalRowsOfGrid, type TextPiece } from './logicalRows';

export interface LegacyPrintedRow {
  label: string;
  unit?: string;
  values: TextPiece[];
  source: Provenance;
  /** the values ran on into a list number that could not be told apart from them */
  unsure?: string;
}

export interface LegacyPrintedTable {
  rows: LegacyPrintedRow[];
  /** the table prints a 历年累计 column */
  cumulative: boolean;
  source: Provenance;
  /** where the table stands in running text (kept out of the prose the table is checked against) */
  span?: { text: string; start: number; end: number };
}

const TITLE = /(?:政府)?信息公开(?:工作)?(?:情况)?统计表|指标名称/;
const UNIT = /(?:万元|元|人次|条|件|次|人|个|项|场|期|篇|家|份)$/;
/** words only the statistics table prints, never the 2019/2021 tables: three make a grid the legacy table */
const MARKS = [
  /指标名称/,
  /计量\s*单位/,
  /历年\s*累计/,
  /答复\s*(?:总)?\s*数/,
  /(?:当面|网上|网络|信函|传真)\s*申请\s*数/,
  /(?:网站|公报)\s*公开/,
  /行政\s*申诉|举报\s*数/,
];

/** The grid that is the legacy statistics table: the 2019/2021 tables are not to be read from it. */
export function legacyGridOf(doc: Doc): TableBlock | undefined {
  for (const b of doc.blocks) {
    if (b.type !== 'table') continue;
    const text = b.rows.map((r) => r.map((c) => c.text).join(' ')).join(' ');
    // (the third mark settles it: the rest need not be tested)
    let marks = 0;
    for (const re of MARKS) if (re.test(text) && ++marks === 3) return b;
  }
  return undefined;
}

export function findLegacyTable(doc: Doc): LegacyPrintedTable | undefined {
  const grid = legacyGridOf(doc);
  if (grid) return fromGrid(grid);
  const at = doc.blocks.findIndex((b) => b.type !== 'table' && TITLE.test(b.text) && /统计表|指标名称/.test(b.text));
  if (at < 0) return undefined;
  const paragraphs: ParagraphBlock[] = [];
  // the title's block and the lines after it, until a table grid
  for (let i = at; i < doc.blocks.length && paragraphs.length < 400; i++) {
    const b = doc.blocks[i];
    if (b.type === 'table') break;
    paragraphs.push({ type: 'paragraph', text: b.text, source: b.source });
  }
  return fromText(joinParagraphs(paragraphs));
}

function fromGrid(block: TableBlock): LegacyPrintedTable {
  const rows: LegacyPrintedRow[] = [];
  let cumulative = false;
  for (const r of logicalRowsOfGrid(block)) {
    const labels = r.labels.map((l) => l.text.trim()).filter(Boolean);
    const head = compact(labels.join(''));
    if (
      /指标名称|统计指标|计量单位/.test(head) ||
      (!r.values.some((v) => /\d/.test(v.text)) && /累计|本年度?$/.test(head))
    ) {
      cumulative ||= /累计/.test(head);
      continue;
    }
    // a group heading (一、主动公开情况) spans the row: no value slot at all
    if (!labels.length || !r.values.length) continue;
    const unit =
      labels.length > 1 && UNIT.test(labels[labels.length - 1]) && labels[labels.length - 1].length <= 2
        ? labels.pop()
        : undefined;
    rows.push({ label: labels.join(''), unit, values: r.values, source: r.source });
  }
  // a grid without a header row: two values a row mean the cumulative column
  if (!cumulative)
    cumulative = rows.filter((r) => r.values.filter((v) => v.text.trim()).length >= 2).length > rows.length / 2;
  return { rows, cumulative, source: block.source };
}

/** a run of digits (spaces between cells, a decimal point only before a digit) */
const RUN = /\d(?:[\d \t\u3000]|\.(?=\d))*/g;

function fromText(flat: FlatText): LegacyPrintedTable | undefined {
  const text = flat.text;
  // the table's own header; else the last title (an introduction names the 统计表 as a part)
  const named = text.search(/指标名称/);
  const title = named >= 0 ? named : lastIndexOf(text, /(?:政府)?信息公开(?:工作)?(?:情况)?统计表/g);
  if (title < 0) return undefined;
  // the header: 指标名称 计量单位 2013年度 历年累计 (its year is no value)
  const header = /统计表|指标名称|统计指标|计量\s*单位|单\s*位|统计数|\d{4}\s*年度?|本\s*年度?|历年\s*累计/g;
  header.lastIndex = title;
  let start = title,
    cumulative = false,
    units = false,
    m: RegExpExecArray | null;
  while ((m = header.exec(text)) && m.index - start <= 24) {
    start = m.index + m[0].length;
    if (/累计/.test(m[0])) cumulative = true;
    if (/单位/.test(m[0])) units = true;
  }
  const end = endOf(text, start);
  const body = text.slice(start, end);
  const pieces: Array<{ text: string; at: number; digits: boolean }> = [];
  let last = 0;
  for (const d of allMatches(RUN, body)) {
    if (d.index! > last) pieces.push({ text: body.slice(last, d.index), at: start + last, digits: false });
    pieces.push({ text: d[0], at: start + d.index!, digits: true });
    last = d.index! + d[0].length;
  }
  if (last < body.length) pieces.push({ text: body.slice(last), at: start + last, digits: false });

  const rows: LegacyPrintedRow[] = [];
  /** the list number of the label being read, and of the one before */
  let item: number | null = null;
  let label: { text: string; at: number; unit?: string } | null = null;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (!p.digits) {
      const t = p.text.replace(/^\s*[.、．]\s*/, '').trim();
      if (!p.text.match(/^\s*[.、．]/)) item = null;
      const unit = UNIT.exec(t)?.[0];
      // a table with a unit column: a label is the text before a unit; otherwise a short text
      const isLabel = t && !/[:：]$/.test(t) && (units ? !!unit : t.length <= 40);
      label = isLabel
        ? { text: unit && units ? t.slice(0, -unit.length).trim() : t, at: p.at, unit: units ? unit : undefined }
        : null;
      continue;
    }
    const next = pieces[i + 1];
    const numberFollows = !!next && /^\s*[.、．]\s*\D/.test(next.text);
    if (!label) {
      if (numberFollows) item = Number(p.text.trim());
      continue;
    }
    let run = p.text.trimEnd();
    let unsure: string | undefined;
    if (numberFollows) {
      const expected: string = String((item ?? 0) + 1);
      const tokens = run.split(/\s+/);
      if (tokens.length > 1 && tokens[tokens.length - 1] === expected) run = tokens.slice(0, -1).join(' ');
      else if (
        run.endsWith(expected) &&
        run.length > expected.length &&
        !/\s/.test(run.slice(-expected.length - 1, -expected.length))
      )
        run = run.slice(0, -expected.length);
      else unsure = `'${run}' runs on into the list number of the next label`;
      item = Number(expected);
    }
    rows.push({
      label: label.text,
      unit: label.unit,
      source: flat.sourceAt(label.at),
      unsure,
      values: [{ text: run, source: flat.sourceAt(p.at), runTogether: !/\s/.test(run.trim()) }],
    });
    label = null;
  }
  if (!rows.length) return undefined;
  return { rows, cumulative, source: flat.sourceAt(title), span: { text, start: title, end } };
}

function lastIndexOf(text: string, re: RegExp): number {
  let at = -1;
  for (const m of text.matchAll(re)) at = m.index!;
  return at;
}

/** The table ends where prose or page furniture resumes: a long stretch of text without numbers. */
function endOf(text: string, from: number): number {
  const stop = /附件下载|附件[:：]|相关附件|【打印|关闭窗口|[^\d\s]{60}/g;
  stop.lastIndex = from;
  const m = stop.exec(text);
  return m ? m.index : text.length;
}
