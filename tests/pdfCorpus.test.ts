// parsePdf on the three real PDF reports of the corpus: every number of the three standard
// tables must sit in the right row, in the printed column order, as the truth files say. The
// rows are found here by their official labels only (the analyser does the real mapping).
import { existsSync, readFileSync } from 'node:fs';
import { parsePdf } from '../parsers/pdf/parsePdf';
import { DEFAULT_LIMITS } from '../parsers/types';
import { Doc as DocSchema, type Doc, type GridCell, type TableBlock } from '../src/model/document';
import { CORPUS } from './support/fixtures';

const FILES = ['2023-hongzequ-1.pdf', '2024-hongzequ-1.pdf', '2024-huaian-1.pdf'];

const NUMBER = /^-?\d+(\.\d+)?$/;
const tables = (doc: Doc) => doc.blocks.filter((b): b is TableBlock => b.type === 'table');

/** Each printed row as its label (all label slots joined) and its numbers left to right. */
function rowsOf(t: TableBlock): { label: string; values: number[] }[] {
  return t.rows.map((row) => {
    const label = row
      .filter((c) => !NUMBER.test(c.text.trim()))
      .map((c) => c.text)
      .join('|');
    const values = row.filter((c: GridCell) => !c.covered && NUMBER.test(c.text.trim())).map((c) => Number(c.text));
    return { label, values };
  });
}

/** Official row labels (tables.md) as patterns over the joined label slots of a printed row. */
const APPLICATION_ROWS: Record<string, RegExp> = {
  newReceived: /本年新收/,
  carriedOver: /上年结转/,
  granted: /予以公开/,
  partiallyGranted: /部分公开/,
  'withheld.stateSecret': /国家秘密/,
  'withheld.prohibitedByLaw': /其他法律行政/,
  'withheld.securityStability': /三安全一稳定/,
  'withheld.thirdPartyRights': /第三方/,
  'withheld.internalAffairs': /内部事务/,
  'withheld.processInformation': /过程性/,
  'withheld.enforcementFile': /执法案卷/,
  'withheld.administrativeQuery': /行政查询/,
  'unableToProvide.notHeld': /不掌握/,
  'unableToProvide.needsCreation': /另行制作/,
  'unableToProvide.unclear': /补正后/,
  'notProcessed.complaint': /信访/,
  'notProcessed.duplicate': /重复申请/,
  'notProcessed.publication': /出版物/,
  'notProcessed.massRepeated': /大量反复/,
  'notProcessed.confirmOrReissue': /确认或重新出具/,
  otherHandling: /其他处理$|其他处理\|$/,
  'otherHandling.overdueCorrection': /逾期不补正/,
  'otherHandling.overdueFee': /收费通知/,
  'otherHandling.other': /其他处理\|3[.、]其他/,
  totalProcessed: /总计$|（七）总计/,
  carriedForward: /结转下年度/,
};
const APPLICATION_COLS = [
  'naturalPerson',
  'commercial',
  'research',
  'socialWelfare',
  'legalService',
  'otherOrg',
  'total',
];
const ACTIVE_ROWS: Record<string, RegExp> = {
  rules: /^规章/,
  normativeDocuments: /规范性文件/,
  licensing: /行政许可/,
  punishment: /行政处罚/,
  coercion: /行政强制/,
  fees: /行政事业性收费/,
};

describe.each(FILES)('%s', (file) => {
  const path = `${CORPUS}/${file}`;
  const present = existsSync(path);
  let doc: Doc;
  const truth = present ? JSON.parse(readFileSync(`${path}.truth.json`, 'utf8')) : null;
  beforeAll(async () => {
    if (present) doc = await parsePdf(new Uint8Array(readFileSync(path)), { limits: DEFAULT_LIMITS });
  });
  const maybe = present ? test : test.skip;

  maybe('is a valid Doc with the three tables, table 三 joined over the page break', () => {
    expect(DocSchema.safeParse(doc).success).toBe(true);
    const t = tables(doc);
    expect(t).toHaveLength(3);
    // one table holds every row from 本年新收 to 结转下年度, although it is printed on two pages
    const apps = rowsOf(t[1]).map((r) => r.label);
    expect(apps.some((l) => /本年新收/.test(l))).toBe(true);
    expect(apps.some((l) => /结转下年度/.test(l))).toBe(true);
    expect(doc.title).toMatch(/人民政府.*20\d\d\s*年政府信息公开工作年度报告/);
  });

  maybe('table 二: every number in its row, in column order', () => {
    const rows = rowsOf(tables(doc)[0]);
    for (const [key, cols] of Object.entries(truth.cells.active as Record<string, Record<string, number>>)) {
      const row = rows.find((r) => ACTIVE_ROWS[key].test(r.label) && r.values.length);
      expect([key, row?.values]).toEqual([key, Object.values(cols)]);
    }
  });

  maybe('table 三: every number in its row, in column order', () => {
    const rows = rowsOf(tables(doc)[1]).filter((r) => r.values.length);
    const cells = truth.cells.applications as Record<string, Record<string, number>>;
    for (const [key, cols] of Object.entries(cells)) {
      const matching = rows.filter((r) => APPLICATION_ROWS[key].test(r.label));
      expect([key, matching.length]).toEqual([key, 1]);
      expect([key, matching[0].values]).toEqual([key, APPLICATION_COLS.map((c) => cols[c])]);
    }
    expect(rows).toHaveLength(Object.keys(cells).length);
  });

  maybe('table 四: the 15 numbers of the data row in printed order', () => {
    const rows = rowsOf(tables(doc)[2]).filter((r) => r.values.length);
    const t4 = truth.cells.reviewLitigation;
    const want = ['review', 'litigationDirect', 'litigationAfterReview'].flatMap((k) =>
      ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => t4[k][c]),
    );
    expect(rows.map((r) => r.values)).toEqual([want]);
  });

  maybe('the group label printed one character per line is one cell text; every cell has page and box', () => {
    const apps = tables(doc)[1];
    const anchors = apps.rows.flat().filter((c) => !c.covered);
    expect(anchors.some((c) => c.text === '三、本年度办理结果' && c.rowSpan >= 10)).toBe(true);
    for (const c of anchors) {
      expect(c.source.page).toBeGreaterThanOrEqual(1);
      expect(c.source.bbox?.length).toBe(4);
    }
    // the continuation's cells keep the page they were printed on
    expect(new Set(anchors.map((c) => c.source.page)).size).toBe(2);
  });

  maybe('page numbers are not text, and no paragraph is cut at a page end', () => {
    const paras = doc.blocks.filter((b) => b.type !== 'table').map((b) => (b as { text: string }).text);
    expect(paras.filter((p) => /^[-—\s]*\d+[-—\s]*$/.test(p))).toEqual([]);
    // every paragraph that is not a heading ends a sentence
    const cut = doc.blocks.filter((b) => b.type === 'paragraph' && !/[。：；！？）)]$/.test(b.text));
    expect(cut.map((b) => (b as { text: string }).text)).toEqual([]);
  });
});

test('huaian 2024: the label cut at the page break is rejoined as （四）无法提供', async () => {
  const path = `${CORPUS}/2024-huaian-1.pdf`;
  if (!existsSync(path)) return;
  const doc = await parsePdf(new Uint8Array(readFileSync(path)), { limits: DEFAULT_LIMITS });
  const apps = tables(doc)[1].rows.flat();
  const label = apps.find((c) => !c.covered && c.text.startsWith('（四）'));
  expect(label?.text).toBe('（四）无法提供');
  expect(label?.rowSpan).toBe(3);
  expect(apps.some((c) => c.text === '法提供')).toBe(false);
});
