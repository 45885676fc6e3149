// The PDF samples printed by LibreOffice from the HTML sample (samples/pdf/makeLoPdfs.mjs):
// the full record of each must equal the HTML's truth, cell for cell. The borderless one has
// no ruling lines at all: its tables come from text alignment (parsers/pdf/alignedTables.ts),
// and table 三 runs over a page break.
import { readFileSync } from 'node:fs';
import { parseReport } from '../pipeline/parseReport';
import { parsePdf } from '../parsers/pdf/parsePdf';
import { DEFAULT_LIMITS } from '../parsers/types';
import type { TableBlock } from '../src/model/document';
import { readTruth, wrongCells } from './support/truth';

const SAMPLES = `${__dirname}/../samples/pdf`;

describe.each(['2019-shanghai-bgt-lo.pdf', '2019-shanghai-bgt-borderless.pdf'])('%s', (file) => {
  const path = `${SAMPLES}/${file}`;
  const truth = readTruth(`${path}.truth.json`);

  test('the record equals the truth: every cell, year, agency, no flags', async () => {
    const record = await parseReport(new Uint8Array(readFileSync(path)), { path });
    expect(record.error).toBeNull();
    expect(wrongCells(record, truth)).toEqual([]);
    expect(record.report.year).toBe(truth.year);
    expect(record.report.agency).toBe(truth.agency);
    expect(record.flags.map((f) => f.rule).sort()).toEqual([...truth.flags].sort());
  });

  test('three tables; table 三 is one table over the page break with every value cell boxed', async () => {
    const doc = await parsePdf(new Uint8Array(readFileSync(path)), { limits: DEFAULT_LIMITS });
    const tables = doc.blocks.filter((b): b is TableBlock => b.type === 'table');
    expect(tables).toHaveLength(3);
    const apps = tables[1].rows.flat().filter((c) => !c.covered && /^\d+$/.test(c.text));
    expect(new Set(apps.map((c) => c.source.page)).size).toBe(2);
    for (const c of apps) expect(c.source.bbox).toHaveLength(4);
    // labels first, then the values in printed column order
    const row = tables[1].rows.find((r) => r.some((c) => c.text.startsWith('一、本年新收')))!;
    const texts = row.filter((c) => !c.covered && c.text).map((c) => c.text);
    expect(texts).toEqual(['一、本年新收政府信息公开申请数量', '821', '35', '2', '1', '859']);
  });
});

test('borderless: no ruling lines in the file, yet the tables are found', async () => {
  const { readPdf } = await import('../parsers/pdf/openPdf');
  const raw = await readPdf(
    new Uint8Array(readFileSync(`${SAMPLES}/2019-shanghai-bgt-borderless.pdf`)),
    DEFAULT_LIMITS,
  );
  expect(raw.pages.every((p) => p.rulings.length === 0)).toBe(true);
});
