// An agency name read by OCR: one wrong glyph is corrected only when exactly one known agency
// word or division name is one substitution away and the corrected name is all known words;
// otherwise the name is kept as read with a finding. Text from a text layer is never changed.
import { parseDocument } from '../parsers';
import { findMeta } from '../src/report/metadata';
import { checkOcrName } from '../src/report/ocrNames';

describe('checkOcrName', () => {
  test.each([
    '上海市人民政府办公厅',
    '岳阳市发展和改革委员会',
    '杭州市西湖区文化广电旅游局',
    '国家税务总局芜湖市镜湖区税务局',
    '建水县青龙镇人民政府',
    '淮安市洪泽区人民政府',
    // words jieba knows that are no agency type (绿化, 市容) and a rare town name stay as they are
    '上海市绿化和市容管理局',
    '苏州市吴中区甪直镇人民政府',
  ])('a name of known words is kept: %s', (name) => {
    expect(checkOcrName(name)).toEqual({ name });
  });

  test.each([
    ['上海市人民政府录公厅', '上海市人民政府办公厅'],
    ['上海市卫生健康委员曾', '上海市卫生健康委员会'],
    ['岳阳市发展和改革委员佘', '岳阳市发展和改革委员会'],
  ])('one wrong glyph, one known word one substitution away: %s → %s', (read, name) => {
    expect(checkOcrName(read)).toEqual({ name, corrected: read });
  });

  test.each([
    // 办公厅 and 办公室 are both one character from 办公广
    ['上海市人民政府办公广', /several known words/],
    // 上海市 and 上饶市 are both one character from 上诲市
    ['上诲市人民政府办公厅', /several known words/],
    // 录化 could be 绿化 (no agency word) as well as several places: no guess
    ['上海市录化局', /is no known word/],
  ])('left as read, with a finding, when the correction is not unique: %s', (read, finding) => {
    const got = checkOcrName(read);
    expect(got.name).toBe(read);
    expect(got.corrected).toBeUndefined();
    expect(got.finding).toMatch(finding);
  });
});

describe('findMeta on OCR text', () => {
  const page = (title: string) => `${title}\n\n一、总体情况\n2019年，本单位认真贯彻落实《条例》。\n`;
  const meta = async (text: string, ocr: boolean) => {
    const doc = await parseDocument(Buffer.from(text), { fileName: 'page.txt' });
    return findMeta({ ...doc, ...(ocr ? { ocr: true } : {}) });
  };

  test('a title read by OCR with one wrong glyph: agency and title corrected', async () => {
    const m = await meta(page('上海市人民政府录公厅2019年政府信息公开工作年度报告'), true);
    expect(m.agency).toBe('上海市人民政府办公厅');
    expect(m.agencyAsPrinted).toBe('上海市人民政府办公厅');
    expect(m.title).toBe('上海市人民政府办公厅2019年政府信息公开工作年度报告');
  });

  test('the same text from a text layer is left as printed', async () => {
    const m = await meta(page('上海市人民政府录公厅2019年政府信息公开工作年度报告'), false);
    expect(m.agencyAsPrinted).toBe('上海市人民政府录公厅');
  });

  test('an ambiguous misreading is kept as read and named in the findings', async () => {
    const m = await meta(page('上诲市人民政府办公厅2019年政府信息公开工作年度报告'), true);
    expect(m.agencyAsPrinted).toBe('上诲市人民政府办公厅');
    expect(m.findings.join('\n')).toMatch(/agency read by OCR: 上诲 is no known word/);
  });
});
