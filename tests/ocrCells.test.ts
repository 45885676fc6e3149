// Cells OCR read badly, in a real report's tables (昌国街道 2021, tests/support/changguo.ts) whose
// cells are then marked as OCR'd: a number read with low confidence is kept only where a rule
// confirms it, or replaced where two rules (its row's and its column's) leave it one value alike;
// a cell OCR could not read at all (U+FFFD) leaves the rest of its grid row readable; a row label
// whose closing bracket OCR dropped, and a column label misread as the unread sign, are still known.
import { analyseDoc } from '../src/analyse';
import { parseText as parseTextFormat } from '../parsers/text/parseText';
import { DEFAULT_LIMITS } from '../parsers/types';
import type { Doc, GridCell, TableBlock } from '../src/model/document';
import { CHANGGUO, setRow } from './support/changguo';

const docOf = (text: string) => parseTextFormat(Buffer.from(text), { limits: DEFAULT_LIMITS });
const tables = (doc: Doc) => doc.blocks.filter((b): b is TableBlock => b.type === 'table');

/** 22 applications granted, every other row 0, so each row and column adds up */
function twentyTwoGranted(): string {
  let text = setRow(CHANGGUO, '本年新收政府信息公开申请数量', [20, 1, 1, 0, 0, 0, 22]);
  text = setRow(text, '(一) 予以公开', [20, 1, 1, 0, 0, 0, 22]);
  return setRow(text, '(七) 总计', [20, 1, 1, 0, 0, 0, 22]);
}

/** the cell of table 三's row whose label holds `label`, at value column `col` (0: 自然人, 6: 总计) */
function appsCell(doc: Doc, label: string, col: number): GridCell {
  const row = tables(doc)[1].rows.find((r) => r.some((c) => c.text.includes(label)));
  if (!row) throw new Error(`no row ${label}`);
  const values = row.filter((c) => /^\s*(\d+|\uFFFD)\s*$/.test(c.text));
  return values[col];
}

/** every cell of the doc's tables marked as read by OCR, sure */
function asOcr(doc: Doc): Doc {
  for (const t of tables(doc))
    for (const row of t.rows) for (const c of row) c.source = { ...c.source, ocr: true, confidence: 95 };
  return doc;
}

const cellOf = (a: ReturnType<typeof analyseDoc>, key: string) =>
  a.cells.find((c) => `${c.table}|${c.row}|${c.col}` === key);
const flagsOf = (a: ReturnType<typeof analyseDoc>, key: string) => a.flags.filter((f) => f.cells.includes(key));

describe('OCR cells', () => {
  test('a number read wrong with low confidence: two rules leave one value, and decide it', async () => {
    const doc = asOcr(await docOf(twentyTwoGranted()));
    const c = appsCell(doc, '(一) 予以公开', 6);
    c.text = '2';
    c.source = { ...c.source, confidence: 0 };
    const a = analyseDoc(doc);
    expect(cellOf(a, 'applications|granted|total')?.value).toBe(22);
    expect(flagsOf(a, 'applications|granted|total').map((f) => f.message)).toEqual([
      expect.stringMatching(/'2' was read by OCR with confidence 0 .*22 decided by rules T3-\w+ and T3-\w+/),
    ]);
  });

  test('one rule alone never decides: the cell stays empty with its finding', async () => {
    const doc = asOcr(await docOf(twentyTwoGranted()));
    const total = appsCell(doc, '(一) 予以公开', 6);
    total.text = '2';
    total.source = { ...total.source, confidence: 0 };
    // its row's other doubtful cell: the row's equation no longer has every other term sure
    const person = appsCell(doc, '(一) 予以公开', 0);
    person.source = { ...person.source, confidence: 10 };
    const a = analyseDoc(doc);
    expect(cellOf(a, 'applications|granted|total')?.value ?? null).toBeNull();
    expect(flagsOf(a, 'applications|granted|total').map((f) => f.message)).toEqual([
      expect.stringMatching(/'2' was read by OCR .*left empty$/),
    ]);
  });

  test('a cell OCR could not read: the row is read, the cell decided by two rules', async () => {
    const doc = asOcr(await docOf(twentyTwoGranted()));
    const c = appsCell(doc, '(一) 予以公开', 0);
    c.text = '\uFFFD';
    c.source = { ...c.source, confidence: 0 };
    const a = analyseDoc(doc);
    expect(cellOf(a, 'applications|granted|commercial')?.value).toBe(1);
    expect(cellOf(a, 'applications|granted|total')?.value).toBe(22);
    expect(cellOf(a, 'applications|granted|naturalPerson')?.value).toBe(20);
    expect(flagsOf(a, 'applications|granted|naturalPerson').map((f) => f.message)).toEqual([
      expect.stringMatching(/OCR could not read it; 20 decided by rules/),
    ]);
  });

  test('an unread slot not from OCR (undecodable glyphs, unsettled columns): the row is not read', async () => {
    const doc = await docOf(twentyTwoGranted());
    appsCell(doc, '(一) 予以公开', 0).text = '\uFFFD';
    const a = analyseDoc(doc);
    expect(cellOf(a, 'applications|granted|total')?.value ?? null).toBeNull();
    expect(cellOf(a, 'applications|granted|commercial')?.value ?? null).toBeNull();
    expect(flagsOf(a, 'applications|granted|total').map((f) => f.rule)).toContain('T-AMBIGUOUS');
  });

  test('an unread sign in a cell that is only partly unread: the row is not read', async () => {
    const doc = asOcr(await docOf(twentyTwoGranted()));
    appsCell(doc, '(一) 予以公开', 0).text = '2\uFFFD';
    const a = analyseDoc(doc);
    expect(cellOf(a, 'applications|granted|total')?.value ?? null).toBeNull();
    expect(flagsOf(a, 'applications|granted|total').length).toBeGreaterThan(0);
  });

  test('(七总计: a group number whose closing bracket was dropped still names the row', async () => {
    const doc = await docOf(twentyTwoGranted().replace('(七) 总计', '(七总计'));
    const a = analyseDoc(doc);
    expect(cellOf(a, 'applications|totalProcessed|naturalPerson')?.value).toBe(20);
    expect(cellOf(a, 'applications|totalProcessed|total')?.value).toBe(22);
    expect(a.findings.join('\n')).not.toMatch(/missing rows/);
  });

  // (a scan's label cells of one row read as one text, the group's label first: before, the
  // bracket was taken for a remark cut off, and the row for one no key matches)
  test('三、本年度办理结果(七总计: the same after the group label', async () => {
    const doc = await docOf(twentyTwoGranted().replace('(七) 总计', '三、本年度办理结果(七总计'));
    const a = analyseDoc(doc);
    expect(cellOf(a, 'applications|totalProcessed|naturalPerson')?.value).toBe(20);
    expect(cellOf(a, 'applications|totalProcessed|total')?.value).toBe(22);
    expect(a.findings.join('\n')).not.toMatch(/missing rows|match no key/);
  });

  test('a column label of table 四 misread as the unread sign: the header stays a header', async () => {
    const doc = asOcr(await docOf(CHANGGUO));
    const four = tables(doc)[2];
    const header = four.rows.find((r) => r.filter((c) => c.text.includes('结果维持')).length >= 2);
    if (!header) throw new Error('no header row of 四 with its leaf labels');
    const labels = header.filter((c) => /结果|尚未|总计/.test(c.text));
    labels[labels.length - 1].text = '\uFFFD';
    const before = analyseDoc(asOcr(await docOf(CHANGGUO)));
    const a = analyseDoc(doc);
    const four4 = (x: typeof a) => x.cells.filter((c) => c.table === 'reviewLitigation' && c.value !== null).length;
    expect(four4(before)).toBe(15);
    expect(four4(a)).toBe(15);
  });
});
