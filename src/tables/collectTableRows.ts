// Walk the document's tables (and flattened table text) in order and sort their rows into the
// three standard tables, with canonical row keys. Header rows (no values) tell which table
// follows and carry the column labels that decide the layout.
import type { Doc, ParagraphBlock } from '../model/document';
import { TableKey } from '../model/record';
import { compact } from '../text';
import { logicalRowsOfGrid, type LogicalRow, type TextPiece } from './logicalRows';
import { flatTextOf, holdsFlattenedTable, joinParagraphs, logicalRowsOfFlattened } from './flattenedRows';
import { fuzzyRowKey } from './fuzzyLabel';
import { groupOf, isBareOther, matchRowLabel, tableOfHeader } from './rowLabels';
import { barCells } from './barRows';
import { forTableTests, simplified } from './simplified';
import { CATALOG } from './catalog';
import { leaveCutLastRowUnread } from './cutLastRow';
import { blankActiveTableRows } from './blankActiveTable';

// table 三's （七）总计 (table 四's 总计 columns are no row): one bracket is enough, as OCR drops
// one now and then ("(七总计")
const SEVENTH_GROUP = /[(（]七[)）]?总计|七[)）]总计/;

/** `*all` is table 四's single data row holding all fifteen numbers */
export interface KeyedRow {
  table: TableKey;
  row: string;
  labels: TextPiece[];
  values: TextPiece[];
  source: LogicalRow['source'];
}

/** column labels: a row holding them and no numbers is a header, whatever else it names */
const HEADER_WORDS = /申请人情况|自然人|商业企业|勾稽|结果维持|信息内容|本年制发|本年新制作|上一年项目|尚未审结/;

/** every value slot blank or OCR's unread sign (U+FFFD): no number was read (all blank: `!hasValues`) */
const onlyUnread = (values: TextPiece[]) => values.every((v) => /^[\s\uFFFD]*$/.test(v.text));

const YEAR_IN_BRACKETS = /[(（]\s*(?:19|20)\d\d\s*年?度?\s*[)）]/g;

/** a remark in brackets, longer than a number in brackets ((一), (2023)) */
const LABEL_NOTE = /[(（][^()（）]{6,}[)）]/g;
/**
 * a remark cut where the label's line wrapped: "（二）部分公开（区分处理的，"; it follows the
 * row's name, so a bracket opening the label is a number whose close OCR dropped ("(七总计"),
 * and so is one that opens a numeral after a group's label ("三、本年度办理结果(七总计")
 */
const OPEN_NOTE = /(?<=\S)[(（](?![一二三四五六七八九十]{1,2}(?![一二三四五六七八九十]))[^()（）]*$/;
const BRACKETED = /[(（][^()（）]*[)）]/g;
const NOT_HAN = /[^\p{Script=Han}]/gu;
/** an opening bracket: without one, none of the bracketed patterns above can match */
const hasBracket = (text: string) => text.includes('(') || text.includes('（');

/** a row's official labels, both layouts, their words only: what may follow its key words */
const officialWords = new Map<string, string>();
function officialWordsOf(table: TableKey, row: string): string {
  const id = `${table}|${row}`;
  let words = officialWords.get(id);
  if (words === undefined) {
    words = [...CATALOG[table]['2021'], ...CATALOG[table]['2019']]
      .filter((spec) => spec.key === row)
      .map((spec) => spec.label.replace(BRACKETED, '').replace(NOT_HAN, ''))
      .join('|');
    officialWords.set(id, words);
  }
  return words;
}

/**
 * Words after a row's key words that are no part of its name (notes in brackets aside): the
 * label goes on to name a row the tables do not have, whose numbers these are (a blank
 * 行政规范性文件 row whose cells vanished, then 其他主动公开文件 and its numbers).
 */
function namesAnotherRow(tail: string, table: TableKey, row: string): boolean {
  const words = tail.replace(BRACKETED, '').replace(NOT_HAN, '');
  return words.length >= 4 && !officialWordsOf(table, row).includes(words);
}

export interface CollectedTable {
  table: TableKey;
  headerText: string;
  rows: KeyedRow[];
  unmatched: string[];
  /** what the record's findings say of how the table was read */
  notes?: string[];
}

/** the heading of a standard table: only a report that prints one is read line by line as a table */
// (table 四's heading also in the 2019 wording: 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况)
const STANDARD_TABLE_HEADING =
  /[二三四][、.．]\s*(?:主动公开政府信息|收到和处理政府信息公开申请|因?政府信息公开(?:工作)?被?(?:申请)?行政复议)/;

const TABLE_KEYS: TableKey[] = TableKey.options;
/** words only a standard table's header prints */
const COLUMN_LABELS: Record<TableKey, RegExp> = {
  active: /信息内容|本年制发件数|本年新制作数量/,
  applications: /申请人情况|勾稽关系/,
  reviewLitigation: /结果维持|尚未审结|直接起诉|复议后起诉/,
};

/** table 四's header names its parts (行政复议 … 直接起诉 … 复议后起诉): the numbers under it are all fifteen */
const namesSeveralReviewParts = (label: string) =>
  [/行政复议/, /直接起诉/, /复议后起诉/].filter((re) => re.test(label)).length >= 2;

const hasText = (values: TextPiece[]) => values.some((v) => v.text.trim() !== '');
const printed = (values: TextPiece[]) =>
  values
    .map((v) => v.text.trim())
    .filter(Boolean)
    .join(' ');

/**
 * Table 二 names a row in one cell: text cells after the one that names the row stand in value
 * columns ("政府集中采购 | 公务用车10辆 | 1530000元"), and are kept there so that the numbers after
 * them stay in their own columns.
 */
function textCellsAsValues(r: LogicalRow): { labels: TextPiece[]; values: TextPiece[] } {
  let n = r.labels.length;
  while (n > 1) {
    const last = simplified(r.labels[n - 1].text);
    if (matchRowLabel(last) || groupOf(last) || HEADER_WORDS.test(compact(last)) || tableOfHeader(last)) break;
    n--;
  }
  if (
    n === r.labels.length ||
    !matchRowLabel(
      simplified(
        r.labels
          .slice(0, n)
          .map((l) => l.text)
          .join(''),
      ),
    )
  )
    return r;
  return { labels: r.labels.slice(0, n), values: [...r.labels.slice(n), ...r.values] };
}

export function collectTableRows(doc: Doc): Map<TableKey, CollectedTable> {
  return new TableRowCollector().collect(doc);
}

/**
 * The reading of one document, block by block. Its state is what the blocks read so far say about
 * the next row: the table it belongs to, the group of table 三 it stands under, the part of
 * table 四 a heading named.
 */
class TableRowCollector {
  private readonly tables = new Map<TableKey, CollectedTable>();
  /** the table the next row belongs to, as headings and rows so far tell */
  private current: TableKey | undefined;
  /** the group of table 三 the next row stands under (申请人情况 groups, (六) 其他 …) */
  private group: string | undefined;
  /** table 四 printed as three small tables, each under its own heading (### 行政复议 …) */
  private reviewPart: string | undefined;
  /** tables already read from grids, which the line-by-line reading must leave alone */
  private settled = new Set<TableKey>();
  /** rows printed more than once with different numbers: none of the printings is read */
  private readonly conflicting = new Set<string>();
  /** the row taken just before, while no other row came after it */
  private previous: KeyedRow | undefined;

  collect(doc: Doc): Map<TableKey, CollectedTable> {
    for (const block of doc.blocks) this.readBlock(block);
    if (TABLE_KEYS.some((t) => !this.hasRows(t))) this.readParagraphsTogether(doc);
    if (!this.tables.get('active')?.rows.length) this.readBlankActiveTable(doc);
    leaveCutLastRowUnread(doc, this.tables.values());
    return this.tables;
  }

  private hasRows(t: TableKey): boolean {
    return !!this.tables.get(t)?.rows.length;
  }

  private get(t: TableKey): CollectedTable {
    let c = this.tables.get(t);
    if (!c) {
      c = { table: t, headerText: '', rows: [], unmatched: [] };
      this.tables.set(t, c);
    }
    return c;
  }

  private readBlock(block: Doc['blocks'][number]): void {
    const barred = block.type === 'paragraph' ? barCells(block) : undefined;
    if (block.type === 'table') this.take(logicalRowsOfGrid(block));
    else if (barred) this.take(logicalRowsOfGrid(barred));
    // (a paragraph with no digit holds no table, simplified or not: it is not converted to be tested)
    else if (block.type === 'paragraph' && /\d/.test(block.text) && holdsFlattenedTable(forTableTests(block.text)))
      this.take(logicalRowsOfFlattened(flatTextOf(block)));
    else {
      // a section heading between tables says which table comes next
      const t = /^\s*[二三四][、.．]/.test(block.text) ? tableOfHeader(simplified(block.text)) : undefined;
      if (t) {
        this.current = t;
        this.group = undefined;
        this.reviewPart = undefined;
      } else if (/^\s*[五六][、.．]/.test(block.text)) this.current = undefined;
      else if (this.current === 'reviewLitigation' && block.text.length <= 30) {
        const m = matchRowLabel(block.text);
        this.reviewPart = m?.table === 'reviewLitigation' ? m.row : undefined;
      } else if (this.current === 'applications' && block.text.length <= 30) {
        // table 三 split into small tables under group headings ("### (六) 其他")
        this.group = groupOf(block.text) ?? this.group;
      }
    }
  }

  /**
   * A standard table not found as a grid: its cells may stand one per line or aligned by
   * spaces, each line a paragraph of its own (pdftotext, a borderless table in a text dump);
   * read the paragraphs together as one flattened text, for the tables still missing.
   */
  private readParagraphsTogether(doc: Doc): void {
    const paragraphs = doc.blocks.filter((b): b is ParagraphBlock => b.type === 'paragraph');
    const joined = paragraphs.length > 1 ? joinParagraphs(paragraphs) : undefined;
    // a page in traditional script is tested as simplified (信息內容 is 信息内容)
    const probe = joined ? forTableTests(joined.text) : '';
    // only a table whose column labels the lines print (prose about 予以公开 … is no table)
    // (a table with no row read yet: numbers whose label stood on the line above left it empty)
    const printed = joined ? TABLE_KEYS.filter((t) => !this.hasRows(t) && COLUMN_LABELS[t].test(probe)) : [];
    if (joined && printed.length && STANDARD_TABLE_HEADING.test(probe) && holdsFlattenedTable(probe)) {
      this.settled = new Set(TABLE_KEYS.filter((t) => !printed.includes(t)));
      // what the line-by-line reading noted of them (numbers without a label) is read again here
      for (const t of printed) this.tables.delete(t);
      this.current = undefined;
      this.group = undefined;
      this.take(logicalRowsOfFlattened(joined));
    }
  }

  /** table 二 printed with every cell blank, a cell a line: its rows are read blank (blankActiveTable) */
  private readBlankActiveTable(doc: Doc): void {
    const rows = blankActiveTableRows(doc.blocks.filter((b): b is ParagraphBlock => b.type === 'paragraph'));
    if (!rows) return;
    this.current = undefined;
    this.take(rows);
    const active = this.tables.get('active');
    if (active?.rows.length)
      (active.notes ??= []).push('active: the table prints no number in any cell: its cells are read as blank');
  }

  private take(rows: LogicalRow[]): void {
    for (const r of rows) {
      // "本年（2023）制发件数": the year in brackets is no part of the column's name
      const joined = simplified(r.labels.length === 1 ? r.labels[0].text : r.labels.map((l) => l.text).join(''));
      const labelText = hasBracket(joined) ? joined.replace(YEAR_IN_BRACKETS, '') : joined;
      const compactLabel = compact(labelText);
      const hasValues = r.values.some((v) => v.text.trim() !== '');
      const g = groupOf(labelText);
      const key = r.values.length ? this.keyOf(r, labelText, compactLabel, g, hasValues) : undefined;
      // a row of column labels, or labels with no key and no numbers, is a header (one whose
      // value slots hold only OCR's unread sign, a column label misread, too: 总计 read '总1')
      if (!key || (onlyUnread(r.values) && HEADER_WORDS.test(compactLabel))) {
        const t = tableOfHeader(labelText);
        if (t) this.current = t;
        if (this.current && labelText) this.get(this.current).headerText += labelText + '\n';
        // a this.group label, not a row of column labels (…予以公开 | 部分公开 | 不予公开…)
        if (g && r.labels.length <= 2) this.group = g;
        // (a table read before, settled, is not read again: nothing of it is noted again either)
        const noting = this.current && !this.settled.has(this.current);
        if (!key && hasValues && noting && labelText) {
          this.get(this.current!).unmatched.push(labelText);
          this.leaveBlankRowUnread(this.current!);
        }
        // numbers whose label was lost: which row they belong to is unknown, so they are not read
        if (!key && hasValues && noting && !labelText) {
          this.leaveBlankRowUnread(this.current!);
          this.get(this.current!).unmatched.push(
            `values with no label: ${r.values
              .map((v) => v.text)
              .filter(Boolean)
              .join(' ')
              .slice(0, 40)}`,
          );
        }
        // a header or a label line between them: the row before is no longer the one just before
        if (hasValues || labelText) this.previous = undefined;
        continue;
      }
      if (g) this.group = g;
      this.previous = undefined;
      this.current = key.table;
      if (this.settled.has(key.table)) continue;
      if (tableOfHeader(labelText) === key.table) this.get(key.table).headerText += labelText + '\n';
      const { labels, values } = key.table === 'active' ? textCellsAsValues(r) : r;
      const table = this.get(key.table);
      if (this.conflicting.size && this.conflicting.has(`${key.table}|${key.row}`)) continue;
      const earlier = table.rows.find((x) => x.row === key.row);
      // the same row printed again with other numbers (several purchases listed under 政府集中采购,
      // a row repeated with a correction): which one the table means is unknown; read neither
      if (earlier && hasText(earlier.values) && hasText(values) && printed(earlier.values) !== printed(values)) {
        table.unmatched.push(
          `${key.row} printed twice with different values ` +
            `(${printed(earlier.values)} / ${printed(values)}): left unread`,
        );
        earlier.values = [];
        this.conflicting.add(`${key.table}|${key.row}`);
        continue;
      }
      const row = { table: key.table, row: key.row, labels, values, source: r.source };
      table.rows.push(row);
      this.previous = row;
    }
  }

  /**
   * Values on the line after a row that printed none, under a label that matches no row: the
   * row's label wrapped and its numbers came on the label's second line, or the numbers belong
   * to a row whose label was lost. Either way the blank reading is not to be trusted: the row
   * is left unread, with a finding, rather than read as blanks.
   */
  private leaveBlankRowUnread(table: TableKey): void {
    const row = this.previous;
    this.previous = undefined;
    if (!row || row.table !== table || row.values.some((v) => v.text.trim() !== '')) return;
    row.values = [];
    this.get(table).unmatched.push(`${row.row}: printed no number, and the next line's numbers have no row: not read`);
  }

  /** which table and row a row with value slots is, by its labels and what came before */
  private keyOf(
    r: LogicalRow,
    labelText: string,
    compactLabel: string,
    g: string | undefined,
    hasValues: boolean,
  ): { table: TableKey; row: string } | undefined {
    // table 四 prints its fifteen numbers in one row under the column labels, or five under
    // a heading naming the part (行政复议, 未经复议直接起诉, 复议后起诉)
    if (!compactLabel && this.current === 'reviewLitigation' && this.reviewPart && r.values.length === 5) {
      const row = this.reviewPart;
      this.reviewPart = undefined;
      return { table: 'reviewLitigation', row };
    }
    if (
      /结果维持|尚未审结/.test(compactLabel) ||
      namesSeveralReviewParts(compactLabel) ||
      (!compactLabel && this.current === 'reviewLitigation' && r.values.length >= 5)
    )
      return { table: 'reviewLitigation', row: '*all' };
    if (!compactLabel) return undefined;
    // a note in brackets after a row's name names other rows (其他对外管理服务事项（指……行政处罚、
    // 行政强制……）; 其他主动公开文件（含……规范性文件以外……）): the row is what the label says
    // outside its notes
    const own = hasBracket(labelText) ? labelText.replace(LABEL_NOTE, '').replace(OPEN_NOTE, '') : labelText;
    const matched = matchRowLabel(own);
    // the numbers follow what the label names last: a name the tables do not know after a row's
    // name (a blank 行政规范性文件 row whose cells vanished, then 其他主动公开文件 and its numbers)
    // is that unknown row's
    // (a label run of flattened text; a grid's text cells after the label are values, textCellsAsValues)
    const oneText = r.labels.length === 1;
    if (matched && oneText && namesAnotherRow(compact(own).slice(matched.end), matched.table, matched.row))
      return undefined;
    const m = matched;
    if (m && !(m.row === 'totalProcessed' && this.current !== 'applications' && !SEVENTH_GROUP.test(compactLabel)))
      return { table: m.table, row: m.row };
    const lastLabel = simplified(r.labels[r.labels.length - 1]?.text ?? '');
    if (isBareOther(lastLabel) && (g === 'otherHandling' || this.group === 'otherHandling'))
      return { table: 'applications', row: 'otherHandling.other' };
    if (this.current && hasValues && !HEADER_WORDS.test(compactLabel)) {
      const fuzzy = fuzzyRowKey(this.current, compact(lastLabel));
      // a label naming a group of table 三 (（五）不予处理) resembles another group's row
      // (（六）其他处理) word for word: it may only stand for a row of its own group
      const named = groupOf(lastLabel);
      const inGroup = (row: string) => !named || row === named || row.startsWith(`${named}.`);
      if (fuzzy && inGroup(fuzzy.row)) return { table: this.current, row: fuzzy.row };
    }
    return undefined;
  }
}
