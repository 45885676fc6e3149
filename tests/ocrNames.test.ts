// An agency name read by OCR: one wrong glyph is corrected only when exactly one known agency
// word or division name is one substitution away and the corrected name is all known words;
// otherwise the name is kept as read with a finding. Text from a text layer is never changed.
import { parseDocument } from '../parsers';
import { findMeta } from '../src/report/metadata';
import { checkOcrName, unknownPlace } from '../src/report/ocrNames';

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
    // 向阳 is one character from 向务 too, but 国家税务总局 explains five characters around it
    ['国家向务总局芜湖市镜湖区税务局', '国家税务总局芜湖市镜湖区税务局'],
  ])('one wrong glyph, one known word one substitution away: %s → %s', (read, name) => {
    expect(checkOcrName(read)).toEqual({ name, corrected: read });
  });

  test.each([
    // 海南区 is one character from 海演区 too, but it lies in 乌海市, not in 北京市
    ['北京市海演区人民政府', '北京市海淀区人民政府'],
    // of the twenty-odd counties named ?水县, only 建水县 has a town named 青龙镇
    ['好水县青龙镇人民政府', '建水县青龙镇人民政府'],
  ])('several places one glyph away, one lying where the other places say: %s → %s', (read, name) => {
    expect(checkOcrName(read)).toEqual({ name, corrected: read });
  });

  test.each([
    // 办公厅 and 办公室 are both one character from 办公广
    ['上海市人民政府办公广', /several known words/],
    // 上海市 and 上饶市 are both one character from 上诲市
    ['上诲市人民政府办公厅', /several known words/],
    // 录化 could be 绿化 (no agency word) as well as several places: no guess
    ['上海市录化局', /is no known word/],
    // 凉州区 and 肃州区 both have a town named 清水镇
    ['咸州区清水镇人民政府', /several known words/],
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

  test('an ambiguous misreading: kept as printed, the issuer unsettled, both named in the findings', async () => {
    const m = await meta(page('上诲市人民政府办公厅2019年政府信息公开工作年度报告'), true);
    expect(m.agencyAsPrinted).toBe('上诲市人民政府办公厅');
    expect(m.agency).toBeNull();
    expect(m.findings.join('\n')).toMatch(/agency read by OCR: 上诲 is no known word/);
    expect(m.findings.join('\n')).toMatch(/agency read by OCR: 上诲市 is no known place/);
  });

  test('a name with characters no known word explains and no one-glyph fix: the issuer unsettled', async () => {
    // tesseract's reading of a bold 岳阳市发展和改革委员会 title in a rendered scan
    const m = await meta(page('一量阳击发展和改革委员会2022年政府信息公开工作年度报告'), true);
    expect(m.agencyAsPrinted).toBe('一量阳击发展和改革委员会');
    expect(m.agency).toBeNull();
    expect(m.region).toBeNull();
    expect(m.findings.join('\n')).toMatch(/is no known word.*the issuer is left unsettled/);
    // the same name from a text layer is the printer's, not OCR's: kept
    const layer = await meta(page('一量阳击发展和改革委员会2022年政府信息公开工作年度报告'), false);
    expect(layer.agencyAsPrinted).toBe('一量阳击发展和改革委员会');
  });

  test('a misread place made of known words (入市, the stem 本溪) leaves the issuer unsettled, not elsewhere', async () => {
    const m = await meta(page('入市本溪区文化广电旅游局2022年政府信息公开工作年度报告'), true);
    expect(m.agencyAsPrinted).toBe('入市本溪区文化广电旅游局');
    expect(m.agency).toBeNull();
    expect(m.region).toBeNull();
    expect(m.findings.join('\n')).toMatch(/入市 is no known place; the issuer is left unsettled/);
    // read right, the same title settles
    const right = await meta(page('杭州市西湖区文化广电旅游局2022年政府信息公开工作年度报告'), true);
    expect(right.agency).toBe('杭州市西湖区文化广电旅游局');
    expect(right.region?.code).toBe('330106');
  });
});

describe('an OCR-garbled name the text prints again where OCR read it right', () => {
  const meta = async (text: string) => {
    const doc = await parseDocument(Buffer.from(text), { fileName: 'page.txt' });
    return findMeta({ ...doc, ocr: true });
  };
  const report = (title: string, overview: string, signature: string) =>
    `${title}\n\n一、总体情况\n${overview}\n二、主动公开政府信息情况\n本年主动公开文件12件。\n${signature}\n2020年1月20日\n`;

  test.each([
    // a glyph read as two (岳 → 一量) and another as a third (市 → 击); the closing signature
    [
      '一量阳击发展和改革委员会',
      '2019年，本单位认真贯彻落实《条例》。',
      '岳阳市发展和改革委员会',
      '岳阳市发展和改革委员会',
    ],
    // two glyphs misread; the overview names the issuer after the year, with nothing between
    ['北启市海演区人民政府', '2019年北京市海淀区人民政府认真贯彻落实《条例》。', '', '北京市海淀区人民政府'],
    // a misread place of known words (入市, the stem 本溪)
    [
      '入市本溪区文化广电旅游局',
      '2019年，杭州市西湖区文化广电旅游局认真贯彻落实《条例》。',
      '',
      '杭州市西湖区文化广电旅游局',
    ],
  ])('%s: %s … %s', async (read, overview, signature, agency) => {
    const m = await meta(report(`${read}2019年政府信息公开工作年度报告`, overview, signature));
    expect(m.agency).toBe(agency);
    expect(m.title).toBe(`${agency}2019年政府信息公开工作年度报告`);
    expect(m.findings.join('\n')).toContain(
      `agency read by OCR as ${read}: ${agency}, as the text prints it elsewhere`,
    );
  });

  // a border or bullet read as a glyph before the name (before a place, before a known agency word),
  // a glyph of the name misread too (龙 as 记, 芜 as 鞠): the signature prints it right
  test.each([
    ['四建水县青记镇人民政府政府信息公开工作2019年度报告', '建水县青记镇人民政府', '建水县青龙镇人民政府'],
    [
      '四国家税务总局鞠湖市镜湖区税务局2019年政府信息公开工作年度报告',
      '国家税务总局鞠湖市镜湖区税务局',
      '国家税务总局芜湖市镜湖区税务局',
    ],
  ])('a stray glyph before the name is dropped: %s', async (title, opened, agency) => {
    const m = await meta(report(title, '2019年，本单位认真贯彻落实《条例》。', agency));
    expect(m.agency).toBe(agency);
    expect(m.findings.join('\n')).toContain(`${opened}, its first character a border, a bullet or a speck`);
  });

  // a speck read as a digit or a letter glued to the name, a glyph of the place misread as well
  test.each([
    ['0好水县青龙镇人民政府2023年度政府信息公开工作年度报告', '建水县青龙镇人民政府'],
    ['O北京市海淀区人民政府2021年政府信息公开工作年度报告', '北京市海淀区人民政府'],
  ])('a stray mark before the title is dropped: %s', async (title, agency) => {
    const m = await meta(report(title, '本单位认真贯彻落实《条例》。', ''));
    expect(m.agency).toBe(agency);
    expect(m.findings.join('\n')).toContain('its first character a border, a bullet or a speck');
    // from a text layer the name is what it prints
    const doc = await parseDocument(Buffer.from(report(title, '本单位认真贯彻落实《条例》。', '')), {
      fileName: 'page.txt',
    });
    expect(findMeta(doc).agency).not.toBe(agency);
  });

  // 年 after the title's year read as another glyph (征, 和): the title's shape is found
  test.each([
    ['一建水县青龙镇人民政府关于2024征度政府信息公开工作情况的报告', '建水县青龙镇人民政府', 2024],
    ['2020 和杭州市西湖区文化广电旅游局政府信息公开工作年度报告', '杭州市西湖区文化广电旅游局', 2020],
  ])('%s', async (title, agency, year) => {
    const m = await meta(report(title, '本单位认真贯彻落实《条例》。', ''));
    expect({ agency: m.agency, year: m.year }).toEqual({ agency, year });
    // the same lines from a text layer are taken as printed: no year is read into them
    const doc = await parseDocument(Buffer.from(report(title, '本单位认真贯彻落实《条例》。', '')), {
      fileName: 'page.txt',
    });
    expect(findMeta(doc).title ?? '').not.toMatch(/2024年度|2020年杭州/);
  });

  test('a stray-looking first glyph that opens a name of its own stays (一量阳击…: no place after it)', async () => {
    const m = await meta(
      report('一量阳击发展和改革委员会2019年政府信息公开工作年度报告', '2019年，我委认真贯彻落实《条例》。', ''),
    );
    expect(m.findings.join('\n')).not.toContain('its first character');
  });

  // the title OCR could not read, or none: the report signs at its end, a seal's strokes read as
  // glyphs after the name (人, 加四), its date on the name's line or after a stray glyph
  const ENDING = '一、总体情况\n本单位认真贯彻落实《条例》。\n六、其他需要报告的于项\n';
  test.each([
    ['人二放放下府信息公开T作2025fEIEIE', 'AR\n杭州市西湖区文化广电旅游局人\n', '杭州市西湖区文化广电旅游局'],
    [
      '首页|登录',
      '本机关未收取信息处理费。\n国家税务总局芜湖市镜湖区税务局加四 2023年1月16日\n',
      '国家税务总局芜湖市镜湖区税务局',
    ],
    [
      '首页|登录',
      '本机关未收取信息处理费。\n国家税务总局芜湖市镜湖区税务局加\n四 2023年1月16日\n',
      '国家税务总局芜湖市镜湖区税务局',
    ],
  ])('the closing signature names the issuer: %s … %s', async (opening, signature, agency) => {
    const doc = await parseDocument(Buffer.from(`${opening}\n${ENDING}${signature}`), { fileName: 'page.txt' });
    expect(findMeta({ ...doc, ocr: true }).agency).toBe(agency);
    // from a text layer the lines are what they print: no name
    expect(findMeta(doc).agency).toBeNull();
  });

  test('two different names fit (岳阳, 沈阳): the issuer stays unsettled', async () => {
    const m = await meta(
      report(
        '抽阳市发展和改革委员会2019年政府信息公开工作年度报告',
        '沈阳市发展和改革委员会转来申请3件。',
        '岳阳市发展和改革委员会',
      ),
    );
    expect(m.agency).toBeNull();
    expect(m.agencyAsPrinted).toBe('抽阳市发展和改革委员会');
    expect(m.findings.join('\n')).toMatch(/the issuer is left unsettled/);
  });

  test('a name no other line prints: the issuer stays unsettled', async () => {
    const m = await meta(
      report('一量阳击发展和改革委员会2019年政府信息公开工作年度报告', '2019年，我委认真贯彻落实《条例》。', ''),
    );
    expect(m.agency).toBeNull();
  });
});

describe('unknownPlace', () => {
  test.each([
    '杭州市西湖区文化广电旅游局',
    '杭州西湖区文化局',
    '中共杭州市西湖区委员会',
    '国家税务总局芜湖市镜湖区税务局',
    '苏州市吴中区甪直镇人民政府',
    '苏州工业园区管理委员会',
    '凉山州审计局',
    '内蒙古自治区人民政府',
    '上海市绿化和市容管理局',
    '市场监督管理局',
    '区发展和改革局',
    '遂宁经济技术开发区管理委员会',
  ])('places that are divisions (or none): %s', (name) => {
    expect(unknownPlace(name)).toBeNull();
  });

  test.each([
    ['入市本溪区文化广电旅游局', '入市'],
    ['杭入市本溪区文化局', '杭入市'],
    // 本溪 is the stem of 本溪市, a city: 本溪区 is no division
    ['杭州市本溪区文化局', '本溪区'],
    ['上诲市人民政府办公厅', '上诲市'],
    // under the national body a tax office is named with (CI's random scan, seed 640227: 芜湖市镜湖区 read 东湖市湖区)
    ['国家税务总局东湖市湖区税务局', '东湖市'],
  ])('a place no division has: %s → %s', (name, place) => {
    expect(unknownPlace(name)).toBe(place);
  });
});
