// The 2008–2018 statistics table (tables.md `legacy`, rules.md L-*): the labelled pre-2019
// reports of the corpus and the same table printed as HTML, DOCX, PDF and pdftotext text, read
// against truth files a person wrote (tests/fixtures/legacy); changed copies show the rules fail
// and that digits no rule or sentence decides are left empty, never guessed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport } from '../pipeline/parseReport';
import { ReportRecord } from '../src/model/record';
import { ARITHMETIC, LEGACY_ARITHMETIC } from '../src/tables/arithmetic';
import { RULE_BY_ID } from '../src/rules/catalog';
import { FIXTURES, corpusFile } from './support/fixtures';
import { readTruth, truthCells, errorFlags } from './support/truth';

const DIR = join(FIXTURES, 'legacy');
const truths = readdirSync(DIR)
  .filter((f) => f.endsWith('.truth.json'))
  .sort();

const parse = (bytes: Uint8Array, path: string) => parseReport(bytes, { path });
const parseFile = (path: string) => parse(new Uint8Array(readFileSync(path)), path);
const parseText = (text: string) => parse(new TextEncoder().encode(text), 'changed.txt');
const cell = (r: ReportRecord, row: string, col = 'year') =>
  r.cells.find((c) => c.table === 'legacy' && c.row === row && c.col === col);

/** a truth cell is read right, or (unsettled) left empty with T-AMBIGUOUS offering the true value */
function misread(record: ReportRecord, truthPath: string): string[] {
  const truth = readTruth(truthPath) as ReturnType<typeof readTruth> & { unsettled?: string[] };
  const got = new Map(record.cells.map((c) => [`${c.table}|${c.row}|${c.col}`, c.value]));
  const out: string[] = [];
  for (const { key, value } of truthCells(truth)) {
    const g = got.get(key);
    if (g === value) continue;
    const flag = record.flags.find((f) => f.rule === 'T-AMBIGUOUS' && f.cells.includes(key));
    const i = flag?.cells.indexOf(key) ?? -1;
    const offered = flag?.candidates?.some((c) => (Number.isNaN(c[i]) ? null : c[i]) === value);
    if (truth.unsettled?.includes(key) && g === null && offered) continue;
    out.push(`${key}: want ${value} got ${g}`);
  }
  const known = new Set(truthCells(truth).map((c) => c.key));
  for (const k of got.keys()) if (!known.has(k)) out.push(`${k}: not in the truth`);
  return out;
}

describe.each(truths)('%s', (name) => {
  const truthPath = join(DIR, name);
  const truth = readTruth(truthPath);
  const doc = join(DIR, truth.doc);

  test('every cell as the truth says, layout legacy, the rules failed that the truth names', async () => {
    const record = await parseFile(doc);
    expect(record.error).toBeNull();
    // the store keeps only records its schema accepts (a T-AMBIGUOUS reading with a blank cell included)
    expect(ReportRecord.safeParse(record).success).toBe(true);
    expect(misread(record, truthPath)).toEqual([]);
    expect(record.tables).toEqual([expect.objectContaining({ table: 'legacy', template: 'legacy' })]);
    expect(record.report.year).toBe(truth.year);
    expect(errorFlags(record)).toEqual([...truth.flags].sort());
    // the L-* rules ran: a report printing applications and replies can be checked
    expect(record.rules?.find((r) => r.rule === 'L-REPLIES')?.checks).toBeGreaterThan(0);
  });
});

describe('changed copies of 2012-pingtan-xian-1.txt (cells run together)', () => {
  const original = readFileSync(corpusFile('2012-pingtan-xian-1.txt'), 'utf8');

  test('a channel no longer adding up to the applications received fails L-CHANNELS, naming both sides', async () => {
    // 当面申请 18|18 printed as 17|18: the year column no longer adds up, the cumulative one does
    const changed = original
      .replace('1.当面申请数条1818', '1.当面申请数条1718')
      .replace('当面申请数18条', '当面申请数17条');
    expect(changed).not.toBe(original);
    const record = await parseText(changed);
    expect(cell(record, 'applications.inPerson')?.value).toBe(17);
    const flags = record.flags.filter((f) => f.rule === 'L-CHANNELS');
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toContain('column year');
    expect(flags[0].left?.value).not.toBe(flags[0].right?.value);
    expect(flags[0].cells).toEqual(
      expect.arrayContaining(['legacy|applications.received|year', 'legacy|applications.inPerson|year']),
    );
  });

  test('without the sentence that states 2026, 主动公开信息数 20263542 is left empty with its readings', async () => {
    const changed = original.replace('其中主动公开政府信息2026条', '其中主动公开政府信息若干条');
    expect(changed).not.toBe(original);
    const record = await parseText(changed);
    const truth = readTruth(join(DIR, '2012-pingtan-xian-1.txt.truth.json'));
    expect(cell(record, 'active.total')?.value).toBeNull();
    expect(cell(record, 'active.total', 'cumulative')?.value).toBeNull();
    const flag = record.flags.find((f) => f.rule === 'T-AMBIGUOUS' && f.cells.includes('legacy|active.total|year'));
    expect(flag?.candidates).toEqual(expect.arrayContaining([[2026, 3542]]));
    // every cell that is read is right
    for (const c of record.cells)
      if (c.value !== null) expect([c.row, c.value]).toEqual([c.row, truth.cells.legacy[c.row][c.col]]);
  });

  test("the next label's list number is not read as a digit of the values (179533042.政府公报 → 1795 | 3304)", async () => {
    const record = await parseText(original);
    expect([cell(record, 'active.byWebsite')?.value, cell(record, 'active.byWebsite', 'cumulative')?.value]).toEqual([
      1795, 3304,
    ]);
    expect(cell(record, 'active.byWebsite')?.reading).toBe('split');
  });
});

test('接受行政诉讼、举报数 counts complaints, not lawsuits', async () => {
  const record = await parseFile(corpusFile('2015-pingtan-syq-1.txt'));
  const complaints = cell(record, 'complaints');
  expect(complaints?.label).toContain('接受行政诉讼、举报数');
  expect(cell(record, 'litigation.total')?.label).toBe('行政诉讼数');
});

test("every rule the tables' arithmetic names is in the rule catalog, with the severity rules.md gives", () => {
  const equations = [...Object.values(ARITHMETIC).flatMap((t) => Object.values(t)), LEGACY_ARITHMETIC].flatMap((a) => [
    ...a.inRow,
    ...a.inColumn,
  ]);
  for (const e of equations) expect(RULE_BY_ID.get(e.rule)?.id).toBe(e.rule);
  expect(RULE_BY_ID.get('L-ACTIVE')?.severity).toBe('warning');
  expect(RULE_BY_ID.get('L-CHANNELS')?.severity).toBe('error');
});
