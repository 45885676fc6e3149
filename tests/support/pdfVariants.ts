// PDF variants of one real report, for property tests of the PDF parser: the HTML sample
// samples/html/2019-shanghai-bgt-1.html (the real Shanghai 2019 report; no number is changed)
// printed by Chromium or LibreOffice with its tables' borders, page breaks, repeated header
// rows, page orientation and page furniture varied. Every variant has the sample's truth, so a
// test can count each cell as right, honestly missing, or wrong.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import type { ReportRecord } from '../../src/model/record';
import { parseReport } from '../../pipeline/parseReport';
import { sampleFile } from './fixtures';
import { readTruth, truthCells, type Truth } from './truth';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = () => existsSync(CHROMIUM);
export const haveSoffice = () => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
};

export type Borders = 'full' | 'none' | 'threeLine' | 'horizontal' | 'published';
export type Engine = 'chromium' | 'soffice';

export interface Variant {
  engine: Engine;
  borders: Borders;
  /** a page break before this row of this table (0 = 二, 1 = 三, 2 = 四; rows as in the HTML) */
  breakAt?: { table: number; row: number };
  /** the header rows in <thead>, which Chromium repeats on every page the table runs over */
  repeatHeader?: boolean;
  /** 'all': every page landscape; 'tables': portrait text pages, landscape pages for the tables */
  landscape?: 'all' | 'tables';
  /** Chromium's header and footer: date and title above, URL and `n/m` below every page */
  furniture?: boolean;
  font?: 'serif' | 'sans';
  /** the table cut at breakAt into two parts with a footnote (注：…, dates in it) between them */
  footnote?: boolean;
  /** every paragraph's first line indented two characters, the headings' too (not the text in
   * table cells), as many sites print them: a heading is then not at the text's left edge;
   * 'cells': the text in table cells indented too, as Word and WPS leave a body style's
   * first-line indent on the paragraphs of cells (numbers then start right of their column's left) */
  indent?: boolean | 'cells';
}

/** what reports print under a table part: a note with numbers in it that belong to no row */
export const FOOTNOTE = '注：本表统计时限为2019年1月1日至12月31日，数据来源于各区及市级机关报送的12类统计口径。';

/** header rows of each table in the sample (二 repeats its column labels per group: its first two) */
export const HEADER_ROWS = [2, 3, 3];
/** rows per table in the sample */
export const TABLE_ROWS = [18, 26, 4];

export const SOURCE_HTML = sampleFile('html', '2019-shanghai-bgt-1.html');
export const sampleTruth = (): Truth => readTruth(`${SOURCE_HTML}.truth.json`);

export function variantName(v: Variant): string {
  return [
    v.engine,
    v.borders,
    v.breakAt ? `break${'二三四'[v.breakAt.table]}${v.breakAt.row}` : '',
    v.repeatHeader ? 'thead' : '',
    v.landscape ? `landscape-${v.landscape}` : '',
    v.furniture ? 'furniture' : '',
    v.font === 'sans' ? 'sans' : '',
    v.footnote ? 'footnote' : '',
    v.indent === 'cells' ? 'indentcells' : v.indent ? 'indent' : '',
  ]
    .filter(Boolean)
    .join('-');
}

const BORDER_CSS: Record<Borders, string> = {
  published: '',
  full: 'table { border-collapse: collapse; } td { border: 1px solid #000; }',
  none: 'table, td { border: none; }',
  // 三线表: a heavy top rule, a thin rule under the header, a heavy bottom rule, nothing else
  threeLine:
    'table { border-collapse: collapse; border-top: 1.5pt solid #000; border-bottom: 1.5pt solid #000; } ' +
    'td { border: none; } thead tr:last-child td, tr.header-last td { border-bottom: 0.75pt solid #000; }',
  horizontal:
    'table { border-collapse: collapse; } ' +
    'td { border: none; border-top: 1px solid #000; border-bottom: 1px solid #000; }',
};

/** The sample as a printable page: markup only (no cell, label or number changes). */
export function variantHtml(v: Variant): string {
  const $ = cheerio.load(readFileSync(SOURCE_HTML, 'utf8'));
  // the published tables are nowrap with pixel widths and would run off an A4 page
  $('[nowrap]').removeAttr('nowrap');
  $('td[style]').removeAttr('style');
  $('table').each((t, table) => {
    const tb = $(table);
    if (v.borders !== 'published')
      tb.attr('border', v.borders === 'none' ? '0' : '1')
        .attr('cellspacing', '0')
        .attr('cellpadding', '3');
    const rows = tb.find('tr');
    const nHead = HEADER_ROWS[t] ?? 1;
    rows.eq(nHead - 1).addClass('header-last');
    if (v.repeatHeader) {
      const head = $('<thead></thead>');
      rows.slice(0, nHead).each((_, r) => {
        head.append($(r));
      });
      tb.prepend(head);
    }
    if (v.breakAt?.table !== t) return;
    // Chromium breaks before a row; LibreOffice's HTML import ignores that, so there the table
    // is cut in two (merged cells cut as Word cuts them: text above, a blank part below)
    if (v.engine === 'chromium' && !v.footnote)
      rows.eq(v.breakAt.row).attr('style', 'page-break-before: always; break-before: page;');
    else splitTable($, tb, v.breakAt.row);
    if (v.footnote) tb.after(`<p style="font-size:8pt">${FOOTNOTE}</p>`);
  });
  if (v.landscape === 'tables') $('table').addClass('wide');
  const font = v.font === 'sans' ? 'Noto Sans CJK SC' : 'Noto Serif CJK SC';
  const style = [
    `body, td, p { font-family: "${font}"; font-size: 10pt; }`,
    BORDER_CSS[v.borders],
    v.indent === 'cells'
      ? 'p, td, td p { text-indent: 2em; }'
      : v.indent
        ? 'p { text-indent: 2em; } td p { text-indent: 0; }'
        : '',
    v.landscape === 'all' ? '@page { size: A4 landscape; }' : '@page { size: A4; }',
    v.landscape === 'tables' ? '@page wide { size: A4 landscape; } table.wide { page: wide; }' : '',
  ].join('\n');
  return (
    `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>2019年上海市人民政府办公厅政府信息公开工作年度报告</title>` +
    `<style>${style}</style></head><body>${$('body').html()}</body></html>\n`
  );
}

/** Cut a table before row k into two tables, the second on a new page. */
function splitTable($: cheerio.CheerioAPI, table: cheerio.Cheerio<any>, k: number): void {
  const rows = table.find('tr').toArray();
  const taken: boolean[][] = rows.map(() => []);
  const placed: { td: any; r: number; c: number; rs: number; cs: number }[] = [];
  rows.forEach((tr, r) => {
    let c = 0;
    for (const td of $(tr).children('td,th').toArray()) {
      while (taken[r][c]) c++;
      const rs = Number($(td).attr('rowspan') ?? 1),
        cs = Number($(td).attr('colspan') ?? 1);
      for (let i = r; i < r + rs && i < rows.length; i++) for (let j = c; j < c + cs; j++) taken[i][j] = true;
      placed.push({ td, r, c, rs, cs });
      c += cs;
    }
  });
  for (const p of placed.filter((p) => p.r < k && p.r + p.rs > k)) {
    $(p.td).attr('rowspan', String(k - p.r));
    const rest = $('<td></td>')
      .attr('rowspan', String(p.r + p.rs - k))
      .attr('colspan', String(p.cs));
    const after = placed.filter((q) => q.r === k && q.c < p.c).pop();
    if (after) $(after.td).after(rest);
    else $(rows[k]).prepend(rest);
    placed.push({ td: rest[0], r: k, c: p.c, rs: p.r + p.rs - k, cs: p.cs });
    placed.sort((x, y) => x.r - y.r || x.c - y.c);
  }
  // one table broken by a page keeps its columns: both parts get the same column widths,
  // in proportion to the longest text of a one-column cell in each column
  const nc = Math.max(...taken.map((r) => r.length));
  const chars = new Array<number>(nc).fill(2);
  for (const p of placed) if (p.cs === 1) chars[p.c] = Math.max(chars[p.c], Math.min(16, $(p.td).text().trim().length));
  const total = chars.reduce((a, b) => a + b, 0);
  const cols = `<colgroup>${chars.map((n) => `<col width="${Math.round((100 * n) / total)}%">`).join('')}</colgroup>`;
  table.attr('width', '100%').prepend(cols);
  const second = $(
    `<table ${Object.entries(table.attr() ?? {})
      .map(([a, b]) => `${a}="${b}"`)
      .join(' ')} style="page-break-before: always"><tbody></tbody></table>`,
  );
  second.prepend(cols).find('tbody').append(rows.slice(k));
  table.after(second);
}

/** A page of Chromium that prints; the caller launches one browser for many variants. */
export interface PdfPrinter {
  pdf(html: string, v: Variant): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function chromiumPrinter(): Promise<PdfPrinter> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage();
  return {
    async pdf(html, v) {
      await page.setContent(html, { waitUntil: 'load' });
      const furniture = v.furniture
        ? {
            displayHeaderFooter: true,
            headerTemplate:
              '<div style="font-size:8px;width:100%;display:flex;justify-content:space-between;padding:0 1cm">' +
              '<span class="date"></span><span class="title"></span></div>',
            footerTemplate:
              '<div style="font-size:8px;width:100%;display:flex;justify-content:space-between;padding:0 1cm">' +
              '<span>file:///tmp/report.html</span>' +
              '<span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>',
          }
        : { displayHeaderFooter: false };
      const buf = await page.pdf({
        preferCSSPageSize: true,
        margin: { top: '2cm', bottom: '2cm', left: '1.8cm', right: '1.8cm' },
        ...furniture,
      });
      return new Uint8Array(buf);
    },
    close: () => browser.close(),
  };
}

/** LibreOffice Writer's HTML import, then its PDF export (a private profile in a temp dir). */
export function sofficePdf(html: string): Uint8Array {
  const work = mkdtempSync(path.join(os.tmpdir(), 'xxgk-lo-'));
  try {
    writeFileSync(path.join(work, 'report.html'), html);
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(work, 'profile')}`,
        '--headless',
        '--infilter=HTML (StarWriter)',
        '--convert-to',
        'pdf',
        '--outdir',
        work,
        path.join(work, 'report.html'),
      ],
      { stdio: 'ignore', timeout: 180_000 },
    );
    return new Uint8Array(readFileSync(path.join(work, 'report.pdf')));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface CellScore {
  right: number;
  missing: number;
  wrong: number;
  /** missing cells no flag names (neither the cell, its row nor its table) */
  unflagged: number;
  wrongCells: string[];
  missingCells: string[];
}

/**
 * Each truth cell is right (same value, or null where the report prints a blank), missing (no
 * value where the report prints one) or wrong (a number that differs, or a number in a blank).
 */
export function scoreCells(record: ReportRecord, truth: Truth): CellScore {
  const got = new Map(record.cells.map((c) => [`${c.table}|${c.row}|${c.col}`, c.value]));
  const out: CellScore = { right: 0, missing: 0, wrong: 0, unflagged: 0, wrongCells: [], missingCells: [] };
  const named = new Set(record.flags.flatMap((f) => f.cells));
  const flagged = (key: string) => {
    const [table, row] = key.split('|');
    return named.has(key) || named.has(`${table}|${row}|*`) || named.has(`${table}|*|*`);
  };
  for (const { key, value } of truthCells(truth)) {
    const g = got.get(key);
    if (g === undefined || g === null) {
      if (value === null) out.right++;
      else {
        out.missing++;
        out.missingCells.push(key);
        if (!flagged(key)) out.unflagged++;
      }
    } else if (value !== null && Math.abs(g - value) <= 1e-6 * Math.max(1, Math.abs(value))) out.right++;
    else {
      out.wrong++;
      out.wrongCells.push(`${key}: want ${value} got ${g}`);
    }
  }
  return out;
}

/** Every row a page can break before, in every table: after the first row, up to the last. */
export function everyBreak(): { table: number; row: number }[] {
  return TABLE_ROWS.flatMap((n, table) => Array.from({ length: n - 1 }, (_, k) => ({ table, row: k + 1 })));
}

/** the page with a style sheet added last (a quirk of how a report is printed) */
export const withCss = (css: string) => (html: string) => html.replace('</head>', `<style>${css}</style></head>`);

/**
 * The sample printed by Chromium in one border style, its page changed by `edit` first (a quirk's
 * CSS, other digits), parsed and scored; the score is logged as `name, borders: right …`.
 */
export async function printedSample(
  printer: PdfPrinter,
  name: string,
  borders: Borders,
  edit: (html: string) => string,
): Promise<{ record: ReportRecord; score: CellScore }> {
  const variant: Variant = { engine: 'chromium', borders };
  const record = await parseReport(await printer.pdf(edit(variantHtml(variant)), variant), {
    path: `${name}-${borders}.pdf`,
  });
  const score = scoreCells(record, sampleTruth());
  console.log(`${name}, ${borders}: right ${score.right}, empty ${score.missing}, wrong ${score.wrong}`);
  return { record, score };
}

/** what a quirk's printing must show: no number wrong, every empty cell named by a finding */
export function expectHonest(name: string, borders: Borders, score: CellScore): void {
  expect({ name, borders, wrong: score.wrongCells, unflagged: score.unflagged }).toEqual({
    name,
    borders,
    wrong: [],
    unflagged: 0,
  });
}
