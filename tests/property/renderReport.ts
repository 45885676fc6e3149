// A report record → the bytes of a report as they arrive: Word-saved HTML, CMS HTML
// (<td><p><font><span>), GBK pages, numbers split over <span>s, DOCX, tab text, crawler text with
// cells run together, the flattened page texts (a row a line with bars, a cell a line, a cell a
// paragraph, a lone bar before each row), and pdftotext-like space-aligned text; a mirror site's
// page in traditional characters; a page of a PDF whose table 四 prints its column labels down
// narrow columns (a character or two a line); rows whose blank cells come out as lone bars on
// lines of their own after the row; with a random title shape, page furniture and heading style
// around the tables.
import { fc } from '@fast-check/jest';
import { Converter } from 'opencc-js/cn2t';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import type { PrintedRow, ReportRecordArb, TableRecord } from './reportRecord';

export const FORMATS = [
  'tab',
  'bars',
  'cellLine',
  'cellParagraph',
  'loneBar',
  'spaces',
  'crawler',
  'mirror',
  'pdfStacked',
  'blanksApart',
  'pdfLayout',
  'blanksGathered',
  'labelsLost',
  'cutPage',
  'wordHtml',
  'cmsHtml',
  'gbkHtml',
  'docx',
] as const;
export type RenderFormat = (typeof FORMATS)[number];

/** the choices a rendering makes besides the record: title shape, furniture, bar style */
export interface Style {
  title: number;
  furniture: number;
  heading: number;
  halfWidth: boolean;
  leadingBar: boolean;
  fillers: boolean;
  splitSpans: boolean;
  /** HTML: table 三's group labels merged over their rows (rowspan/colspan), as Word prints them */
  merged: boolean;
  /**
   * row labels with notes in brackets that name other rows, and a row no key stands for
   * (其他主动公开文件（含……规范性文件以外……）), as a real page prints table 二
   */
  notes: boolean;
  /** cutPage: where the page's opening stops, as a share (%) of its text */
  cut: number;
}

export const style: fc.Arbitrary<Style> = fc.record({
  title: fc.integer({ min: 0, max: 5 }),
  furniture: fc.integer({ min: 0, max: 3 }),
  heading: fc.integer({ min: 0, max: 2 }),
  halfWidth: fc.boolean(),
  leadingBar: fc.boolean(),
  fillers: fc.boolean(),
  splitSpans: fc.boolean(),
  merged: fc.boolean(),
  notes: fc.boolean(),
  cut: fc.integer({ min: 20, max: 99 }),
});

const TABLE_TITLES = [
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
];

function titleOf(r: ReportRecordArb, s: Style): string | undefined {
  const { agency: a, year: y } = r;
  return [
    `${a}${y}年政府信息公开工作年度报告`,
    `${a}${y}年度政府信息公开工作年度报告`,
    `${y}年${a}政府信息公开工作年度报告`,
    `${a}政府信息公开工作${y}年度报告`,
    `${a}关于${y}年度政府信息公开工作情况的报告`,
    undefined,
  ][s.title];
}

const FURNITURE = [
  [],
  ['首页 > 政府信息公开 > 政府信息公开年报', '字号：大 中 小', '打印本页 关闭窗口'],
  ['索引号：000014349/2023-00012', '发布机构：办公室', '发布日期：2023-01-30', '【字体：大 中 小】'],
  ['当前位置：首页 > 信息公开 > 年度报告', '浏览次数：125', '分享到：'],
];

/** punctuation as some pages print it: half width (第二十条第(一)项) */
const punct = (t: string, s: Style) =>
  s.halfWidth ? t.replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':').replace(/，/g, ',') : t;

function headingOf(t: string, s: Style): string {
  if (s.heading === 1) return t.replace('、', '．');
  if (s.heading === 2) return t.replace('、', '. ');
  return t;
}

interface Block {
  kind: 'p' | 'h' | 'table';
  text?: string;
  table?: TableRecord;
}

function blocksOf(r: ReportRecordArb, s: Style): Block[] {
  const out: Block[] = FURNITURE[s.furniture].map((text) => ({ kind: 'p' as const, text }));
  const title = titleOf(r, s);
  if (title) out.push({ kind: 'h', text: title });
  out.push({ kind: 'h', text: headingOf('一、总体情况', s) });
  out.push({
    kind: 'p',
    text: `本报告根据《中华人民共和国政府信息公开条例》要求编制，由总体情况、主动公开政府信息情况等部分组成。本报告中所列数据的统计期限自${r.year}年1月1日起至${r.year}年12月31日止。`,
  });
  r.tables.forEach((t, i) => {
    out.push({ kind: 'h', text: headingOf(TABLE_TITLES[i], s) });
    out.push({ kind: 'table', table: t });
  });
  out.push({ kind: 'h', text: headingOf('五、存在的主要问题及改进情况', s) });
  out.push({ kind: 'p', text: '信息公开的及时性还需提高，下一步将加强培训，规范发布流程。' });
  out.push({ kind: 'h', text: headingOf('六、其他需要报告的事项', s) });
  out.push({ kind: 'p', text: '本机关未收取信息处理费。' });
  // most reports close with the issuer's name and the date they are published, early the next year
  out.push({ kind: 'p', text: r.agency }, { kind: 'p', text: `${r.year + 1}年1月${10 + (r.year % 18)}日` });
  return out;
}

/** notes some reports print after a row's name, naming other rows */
const LABEL_NOTES: Record<string, string> = {
  规章: '规章（设区的市、自治州人民政府应提供相关数据）',
  其他对外管理服务事项:
    '其他对外管理服务事项（指行政许可以外的政务服务事项，含行政确认、行政奖励、行政处罚、行政强制、行政检查等）',
};
/** a row of table 二 that no key stands for, printed after 规范性文件 */
const OTHER_DOCUMENTS = '其他主动公开文件（含以本单位名义签发的、除规范性文件以外的主动公开文件）';

/** a table as printed rows: header rows, then each row's labels and values */
function printedRows(t: TableRecord, s: Style): string[][] {
  const rows: string[][] = t.headers.map((h) => h.map((c) => punct(c, s)));
  for (const r of t.rows) {
    const labels = s.notes ? r.labels.map((l) => LABEL_NOTES[l] ?? l) : r.labels;
    rows.push([...labels.map((l) => punct(l, s)), ...r.values]);
    if (s.notes && r.keys[0]?.startsWith('active|normativeDocuments|'))
      rows.push([punct(OTHER_DOCUMENTS, s), ...r.values.map((v, i) => String(i * 7 + 3))]);
  }
  return rows;
}

// ---- text renderings -------------------------------------------------------------------

function textLines(r: ReportRecordArb, s: Style, table: (t: TableRecord) => string[]): string[] {
  const lines: string[] = [];
  for (const b of blocksOf(r, s)) {
    if (b.kind === 'table') lines.push(...table(b.table!));
    else lines.push(b.text!);
  }
  return lines;
}

const width = (t: TableRecord) =>
  Math.max(...t.rows.map((r) => r.labels.length + r.values.length), ...t.headers.map((h) => h.length));

function barLine(cells: string[], w: number, s: Style): string {
  const padded = s.fillers ? [...cells, ...Array(Math.max(0, w - cells.length)).fill('')] : cells;
  const body = padded
    .map((c, i) => (i && c === '' ? '' : c))
    .join(' | ')
    .replace(/\| {2}\|/g, '||');
  return (s.leadingBar ? '| ' : '') + body + ' |';
}

const renderText: Record<
  Exclude<RenderFormat, 'wordHtml' | 'cmsHtml' | 'gbkHtml' | 'docx'>,
  (r: ReportRecordArb, s: Style) => string
> = {
  tab: (r, s) => textLines(r, s, (t) => printedRows(t, s).map((row) => row.join('\t'))).join('\n'),
  bars: (r, s) => textLines(r, s, (t) => printedRows(t, s).map((row) => barLine(row, width(t), s))).join('\n'),
  // a cell a line: blank cells vanish (nothing is printed for them)
  cellLine: (r, s) =>
    textLines(r, s, (t) =>
      printedRows(t, s)
        .flat()
        .filter((c) => c !== ''),
    ).join('\n'),
  cellParagraph: (r, s) =>
    textLines(r, s, (t) =>
      printedRows(t, s)
        .flat()
        .filter((c) => c !== ''),
    ).join('\n\n'),
  // a lone bar before each row, its cells a line each; a blank cell a bare bar
  loneBar: (r, s) =>
    textLines(r, s, (t) => printedRows(t, s).flatMap((row) => ['|', ...row.map((c) => (c === '' ? '|' : c))])).join(
      '\n',
    ),
  // pdftotext -layout: cells aligned by spaces; a blank cell is only more space
  spaces: (r, s) => textLines(r, s, (t) => renderSpacesTable(t, s)).join('\n'),
  // a crawler's text: every cell of the page run together, the tables in one paragraph
  crawler: (r, s) => textLines(r, s, (t) => [printedRows(t, s).flat().join('')]).join(''),
  // a mirror site converts the whole page to traditional characters (規章, 行政許可, 信息內容),
  // its tables a row a line with bars
  mirror: (r, s) => toTraditional(renderText.bars(r, s)),
  // one page of a PDF as pdftotext gives it: cells aligned by spaces, table 四's fifteen column
  // labels printed down narrow columns (a character, or two, a line) and its numbers on one
  // line, where a blank cell is no number at all
  pdfStacked: (r, s) =>
    textLines(r, s, (t) => (t.table === 'reviewLitigation' ? stackedReviewLines(t, s) : renderSpacesTable(t, s))).join(
      '\n',
    ),
  pdfLayout: (r, s) => textLines(r, s, (t) => pdfLayoutLines(t, s)).join('\n'),
  // a page's opening, cut at so many characters wherever that falls (inside a row, inside a
  // number): rows a line with bars, or cells a line
  cutPage: (r, s) => {
    const text = s.leadingBar ? renderText.bars(r, s) : renderText.cellLine(r, s);
    return text.slice(0, Math.floor((text.length * s.cut) / 100));
  },
  // a cell a line ending in a bar, a row's blank cells gathered into one line of bars after
  // its numbers ("3 |", "3 |", "|||||||"): the numbers' columns are lost
  blanksGathered: (r, s) =>
    textLines(r, s, (t) =>
      printedRows(t, s).flatMap((row) => {
        const filled = row.filter((c) => c !== '').map((c) => `${c} |`);
        const blanks = row.length - filled.length;
        return blanks ? [...filled, '|'.repeat(blanks + 2)] : filled;
      }),
    ).join('\n'),
  // a cell a line, table 三's item labels under a group lost (（三）不予公开 and then only
  // numbers): which rows the numbers belong to is lost with them
  labelsLost: (r, s) =>
    textLines(r, s, (t) => [
      ...t.headers.flat().map((c) => punct(c, s)),
      ...t.rows.flatMap((row) => {
        const labels = row.labels.map((l) => punct(l, s));
        const kept =
          t.table === 'applications' && /^\d[.．]/.test(labels[labels.length - 1] ?? '') ? labels.slice(0, -1) : labels;
        return [...kept, ...row.values].filter((c) => c !== '');
      }),
    ]).join('\n'),
  // a row a line with bars, but its blank cells each a lone bar on a line after the row
  // ("行政强制 | 4 | -2 |" then "|"): where in the row a blank stood is lost
  blanksApart: (r, s) =>
    textLines(r, s, (t) =>
      printedRows(t, s).flatMap((row) => {
        const filled = row.filter((c) => c !== '');
        const blanks = row.length - filled.length;
        const line = filled.length ? [(s.leadingBar ? '| ' : '') + filled.join(' | ') + ' |'] : [];
        return [...line, ...Array<string>(blanks).fill('|')];
      }),
    ).join('\n'),
};

/**
 * A table as pdftotext -layout prints it from a PDF: cells aligned by spaces, a group label
 * merged down over its rows printed on the line of its middle row (（三）不予公开 beside
 * 4.保护第三方合法权益), and a long label wrapped over two lines, the row's numbers on the first
 * or the second of them: the numbers' line holds only part of the label.
 */
function pdfLayoutLines(t: TableRecord, s: Style): string[] {
  const lines = t.headers.map((h) => h.map((c) => punct(c, s)).join('   '));
  const groupOf = (r: PrintedRow) => {
    const key = r.keys[0]?.split('|')[1] ?? '';
    return key.includes('.') ? key.split('.')[0] : undefined;
  };
  const groupLabel = new Map<number, string>();
  t.rows.forEach((r, i) => {
    const g = groupOf(r);
    if (!g || r.labels.length < 2 || (i > 0 && groupOf(t.rows[i - 1]) === g)) return;
    let n = 1;
    while (i + n < t.rows.length && groupOf(t.rows[i + n]) === g) n++;
    groupLabel.set(i + Math.floor(n / 2), punct(r.labels[0], s));
  });
  t.rows.forEach((r, i) => {
    // header rows (第二十条第（一）项, 信息内容 and the column labels) print all their cells
    if (!r.values.length) {
      lines.push(r.labels.map((l) => punct(l, s)).join('   '));
      return;
    }
    // a label of its own before the row's (三、本年度办理结果) stands beside it
    const before = r.labels.length > 1 && !groupOf(r) ? `${punct(r.labels[0], s)}   ` : '';
    const own = before + punct(r.labels[r.labels.length - 1] ?? '', s);
    const left = (text: string) => [groupLabel.get(i), text].filter(Boolean).join('   ');
    const values = r.values
      .map((v) => v.padEnd(6, ' '))
      .join('  ')
      .trimEnd();
    if (own.length <= 14) {
      lines.push(`${left(own).padEnd(30, ' ')}  ${values}`.trimEnd());
      return;
    }
    const cut = Math.ceil(own.length / 2);
    const [first, second] = [own.slice(0, cut), own.slice(cut)];
    if (s.halfWidth) lines.push(`${left(first).padEnd(30, ' ')}  ${values}`.trimEnd(), second);
    else lines.push(first, `${left(second).padEnd(30, ' ')}  ${values}`.trimEnd());
  });
  return lines;
}

let cn2t: ((t: string) => string) | undefined;
const toTraditional = (text: string) => (cn2t ??= Converter({ from: 'cn', to: 'tw' }))(text);

function renderSpacesTable(t: TableRecord, s: Style): string[] {
  return printedRows(t, s).map((row) =>
    row
      .map((c) => c.padEnd(8, ' '))
      .join('  ')
      .trimEnd(),
  );
}

/** table 四 on a PDF page: its column labels down narrow columns, its numbers on one line */
function stackedReviewLines(t: TableRecord, s: Style): string[] {
  const labels = [...t.headers[1].slice(0, 5), ...t.headers[2]];
  // a character a line, or two (结果 / 维持), as the column's width allows
  const step = s.heading % 2 ? 2 : 1;
  const lines = ['行政复议 行政诉讼', '未经复议直接起诉 复议后起诉'];
  for (let at = 0; at < 4; at += step) {
    const parts = labels.map((l) => l.slice(at, at + step)).filter(Boolean);
    if (parts.length) lines.push(parts.join(' '));
  }
  for (const r of t.rows) lines.push(r.values.filter((v) => v !== '').join(' '));
  return lines;
}

// ---- HTML ------------------------------------------------------------------------------

interface Merged {
  text: string;
  rowspan: number;
  colspan: number;
}

/** a cell of a merged table in the style's punctuation, spanning rows and columns */
const mergedCell =
  (s: Style) =>
  (text: string, rowspan = 1, colspan = 1): Merged => ({ text: punct(text, s), rowspan, colspan });

/**
 * Table 三 as Word and the official template print it: 三、本年度办理结果 and the groups
 * (（三）不予公开 …) merged down over their rows, one-label rows merged across the label columns.
 */
function mergedApplicationRows(t: TableRecord, s: Style): Merged[][] {
  const c = mergedCell(s);
  const rowKey = (i: number) => t.rows[i].keys[0].split('|')[1];
  const groupOf = (key: string) => (key.includes('.') ? key.split('.')[0] : undefined);
  const results = t.rows.filter((r) => !/newReceived|carriedOver|carriedForward/.test(r.keys[0])).length;
  const out: Merged[][] = [
    [c(t.headers[0][0], 3, 3), c(t.headers[0][1], 1, 7)],
    [c('自然人', 2), c('法人或其他组织', 1, 5), c('总计', 2)],
    [c('商业企业'), c('科研机构'), c('社会公益组织'), c('法律服务机构'), c('其他')],
  ];
  t.rows.forEach((r, i) => {
    const key = rowKey(i);
    const own = r.labels[r.labels.length - 1];
    const values = r.values.map((v) => c(v));
    if (/newReceived|carriedOver|carriedForward/.test(key)) {
      out.push([c(own, 1, 3), ...values]);
      return;
    }
    const cells: Merged[] = [];
    if (key === 'granted') cells.push(c('三、本年度办理结果', results));
    const g = groupOf(key);
    if (!g) {
      cells.push(c(own, 1, 2));
      out.push([...cells, ...values]);
      return;
    }
    const first = i === 0 || groupOf(rowKey(i - 1)) !== g;
    if (first)
      cells.push(
        c(r.labels.length > 1 ? r.labels[0] : '', t.rows.filter((x) => groupOf(x.keys[0].split('|')[1]) === g).length),
      );
    cells.push(c(own));
    out.push([...cells, ...values]);
  });
  return out;
}

/**
 * Table 四's three header rows as reports print them, so that each of its 15 columns has a label
 * above it: merged (行政复议 over five columns, its five labels down two rows, 未经复议直接起诉
 * and 复议后起诉 over five each), or, unmerged, with a blank cell in every slot a merge would
 * cover. (Printed as bare lists, 10 labels over 15 columns, a column no label and no value
 * fills is squeezed by a browser to a sliver that is no cell of any grid: no report prints so.)
 */
function reviewRows(t: TableRecord, s: Style): Merged[][] {
  const c = mergedCell(s);
  const [top, middle, leaves] = t.headers;
  const merged = [
    [c(top[0], 1, 5), c(top[1], 1, 10)],
    [...middle.slice(0, 5).map((x) => c(x, 2)), c(middle[5], 1, 5), c(middle[6], 1, 5)],
    leaves.map((x) => c(x)),
    ...t.rows.map((r) => r.values.map((v) => c(v))),
  ];
  return s.merged ? merged : unmerged(merged);
}

/** a slot of a merged table's grid: the cell over it, and the row and column that cell starts at */
interface Slot {
  cell: Merged;
  row: number;
  col: number;
}

/** a merged table laid on its grid, every slot with the cell that covers it */
function gridOf(rows: Merged[][]): (Slot | undefined)[][] {
  const grid: (Slot | undefined)[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      while (grid[r][col]) col++;
      for (let dr = 0; dr < cell.rowspan && r + dr < rows.length; dr++)
        for (let dc = 0; dc < cell.colspan; dc++) grid[r + dr][col + dc] = { cell, row: r, col };
      col += cell.colspan;
    }
  });
  return grid;
}

/**
 * A merged table with its merges undone, as Word leaves it: each cell's text in the first slot
 * it covered, a blank cell in every other, so that every row has a cell in every column.
 */
function unmerged(rows: Merged[][]): Merged[][] {
  return gridOf(rows).map((slots, r) =>
    Array.from(slots, (x, c) => ({ text: x && x.row === r && x.col === c ? x.cell.text : '', rowspan: 1, colspan: 1 })),
  );
}

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** a number split over spans, as Word and CMS editors leave it */
function spans(text: string, s: Style, wrap: (t: string) => string): string {
  if (!s.splitSpans || text.length < 2) return wrap(esc(text));
  const mid = Math.ceil(text.length / 2);
  return wrap(esc(text.slice(0, mid))) + wrap(esc(text.slice(mid)));
}

function htmlTable(t: TableRecord, s: Style, cms: boolean, grid: boolean): string {
  const cmsCell = (text: string) =>
    '<td><p style="text-align:center"><font face="宋体"><span style="font-size:14px">' +
    (spans(text, s, (x) => `<span>${x}</span>`) || '&nbsp;') +
    '</span></font></p></td>';
  const wordCell = (text: string) =>
    "<td width=64 valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal align=center>" +
    "<span lang=EN-US style='font-size:10.5pt'>" +
    (spans(text, s, (x) => `<span lang=EN-US>${x}</span>`) || '<o:p>&nbsp;</o:p>') +
    '</span></p></td>';
  const cellHtml = cms ? cmsCell : wordCell;
  const mergeAttrs = (c: Merged) =>
    (c.rowspan > 1 ? ` rowspan=${c.rowspan}` : '') + (c.colspan > 1 ? ` colspan=${c.colspan}` : '');
  const applications = () => (s.merged ? mergedApplicationRows(t, s) : unmerged(mergedApplicationRows(t, s)));
  const merged =
    t.table === 'applications' && (s.merged || grid)
      ? applications()
      : t.table === 'reviewLitigation'
        ? reviewRows(t, s)
        : undefined;
  const rows = merged
    ? merged.map((row) => `<tr>${row.map((c) => cellHtml(c.text).replace('<td', `<td${mergeAttrs(c)}`)).join('')}</tr>`)
    : printedRows(t, s).map((row) => `<tr>${row.map(cellHtml).join('')}</tr>`);
  return cms
    ? `<table border="1" cellspacing="0">${rows.join('')}</table>`
    : `<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0>${rows.join('\n')}</table>`;
}

function renderHtml(r: ReportRecordArb, s: Style, kind: 'word' | 'cms' | 'gbk', grid = false): Uint8Array {
  const cms = kind !== 'word';
  const body = blocksOf(r, s)
    .map((b) => {
      if (b.kind === 'table') return htmlTable(b.table!, s, cms, grid);
      if (b.kind === 'h')
        return cms
          ? `<p style="text-indent:2em"><strong>${esc(b.text!)}</strong></p>`
          : `<p class=MsoNormal><b><span style='font-family:黑体'>${esc(b.text!)}</span></b></p>`;
      return cms
        ? `<p>${esc(b.text!)}</p>`
        : `<p class=MsoNormal><span style='font-family:仿宋'>${esc(b.text!)}</span></p>`;
    })
    .join('\n');
  const charset = kind === 'gbk' ? 'gbk' : 'utf-8';
  const head =
    kind === 'word'
      ? '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">' +
        `<head><meta http-equiv=Content-Type content="text/html; charset=${charset}">` +
        `<meta name=Generator content="Microsoft Word 15"><title>${esc(titleOf(r, s) ?? '')}</title></head>` +
        '<body lang=ZH-CN><div class=WordSection1>'
      : `<!DOCTYPE html><html><head><meta charset="${charset}"><title>${esc(titleOf(r, s) ?? '政府信息公开')}</title>` +
        '</head><body><div class="header"><a href="/">首页</a> | <a href="/login">登录</a></div>' +
        '<div class="article-content">';
  const html = `${head}\n${body}\n</div></body></html>`;
  return kind === 'gbk' ? iconv.encode(html, 'gbk') : Buffer.from(html, 'utf8');
}

// ---- DOCX ------------------------------------------------------------------------------

const xmlEsc = esc;
const wRun = (t: string) => `<w:r><w:t xml:space="preserve">${xmlEsc(t)}</w:t></w:r>`;
const wPara = (t: string, bold = false) =>
  `<w:p>${bold ? `<w:r><w:rPr><w:b/></w:rPr><w:t>${xmlEsc(t)}</w:t></w:r>` : wRun(t)}</w:p>`;

const wRuns = (c: string, s: Style) =>
  s.splitSpans && c.length > 1 ? wRun(c.slice(0, 1)) + wRun(c.slice(1)) : wRun(c);

/** merged cells as Word writes them: w:gridSpan across, w:vMerge restart/continue down */
function mergedDocxTable(rows: Merged[][], s: Style): string {
  const width = 10;
  const grid = gridOf(rows);
  const tr = grid
    .map((slots, r) => {
      let cells = '';
      slots.forEach((slot, c) => {
        if (!slot) return;
        const span = (m: Merged) => (m.colspan > 1 ? `<w:gridSpan w:val="${m.colspan}"/>` : '');
        if (slot.col !== c) return; // covered by the gridSpan of the cell to its left
        if (slot.row === r) {
          const vMerge = slot.cell.rowspan > 1 ? '<w:vMerge w:val="restart"/>' : '';
          cells += `<w:tc><w:tcPr>${span(slot.cell)}${vMerge}</w:tcPr><w:p>${wRuns(slot.cell.text, s)}</w:p></w:tc>`;
        } else {
          // the first slot of a cell merged down from above; the rest of its width is its gridSpan
          cells += `<w:tc><w:tcPr>${span(slot.cell)}<w:vMerge/></w:tcPr><w:p/></w:tc>`;
        }
      });
      return `<w:tr>${cells}</w:tr>`;
    })
    .join('');
  return (
    '<w:tbl><w:tblPr><w:tblBorders><w:insideH w:val="single"/><w:insideV w:val="single"/></w:tblBorders></w:tblPr>' +
    `<w:tblGrid>${'<w:gridCol w:w="900"/>'.repeat(width)}</w:tblGrid>${tr}</w:tbl>`
  );
}

async function renderDocx(r: ReportRecordArb, s: Style): Promise<Uint8Array> {
  const body = blocksOf(r, s)
    .map((b) => {
      if (b.kind !== 'table') return wPara(b.text!, b.kind === 'h');
      if (b.table!.table === 'applications' && s.merged) return mergedDocxTable(mergedApplicationRows(b.table!, s), s);
      const rows = printedRows(b.table!, s);
      const w = Math.max(...rows.map((x) => x.length));
      const grid = `<w:tblGrid>${Array(w).fill('<w:gridCol w:w="900"/>').join('')}</w:tblGrid>`;
      const cellProps = '<w:tcPr><w:tcW w:w="900" w:type="dxa"/></w:tcPr>';
      const tr = rows
        .map((row) => `<w:tr>${row.map((c) => `<w:tc>${cellProps}<w:p>${wRuns(c, s)}</w:p></w:tc>`).join('')}</w:tr>`)
        .join('');
      return (
        '<w:tbl><w:tblPr><w:tblBorders><w:top w:val="single"/><w:bottom w:val="single"/>' +
        '<w:insideH w:val="single"/><w:insideV w:val="single"/></w:tblBorders></w:tblPr>' +
        `${grid}${tr}</w:tbl>`
      );
    })
    .join('');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ' +
      'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" ' +
      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" ' +
      'Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      `<w:body>${body}<w:sectPr/></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/**
 * `grid`: table 三 unmerged as a document prints it, every row with a cell in every column
 * (blank where a merge was), not as the bare lists of a page whose editor dropped the merges.
 * A PDF printed without ruling lines shows a table's columns only by where text lies; bare
 * lists put a row's values one or two columns off the rows around it, which no report printed
 * from Word or WPS does, and no reader could align.
 */
export async function render(
  r: ReportRecordArb,
  format: RenderFormat,
  s: Style,
  { grid = false }: { grid?: boolean } = {},
): Promise<{ bytes: Uint8Array; name: string }> {
  switch (format) {
    case 'wordHtml':
      return { bytes: renderHtml(r, s, 'word', grid), name: 'report.html' };
    case 'cmsHtml':
      return { bytes: renderHtml(r, s, 'cms', grid), name: 'report.html' };
    case 'gbkHtml':
      return { bytes: renderHtml(r, s, 'gbk', grid), name: 'report.html' };
    case 'docx':
      return { bytes: await renderDocx(r, s), name: 'report.docx' };
    default:
      return { bytes: Buffer.from(renderText[format](r, s), 'utf8'), name: 'report.txt' };
  }
}
