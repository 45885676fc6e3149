// X-CARRY and X-INFORCE between consecutive years of one agency, on the real 洪泽区 reports
// (2023 titled 洪泽区人民政府, 2024 淮安市洪泽区人民政府: one agency).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport } from '../pipeline/parseReport';
import { checkAcrossReports, type ReportCells } from '../src/rules/crossReport';
import { agencyKey } from '../src/report/agencyName';
import { CORPUS } from './support/fixtures';

const corpus = CORPUS;
const have = existsSync(join(corpus, '2023-hongzequ-1.pdf'));

async function load(name: string): Promise<ReportCells> {
  const r = await parseReport(readFileSync(join(corpus, name)), { path: name });
  return {
    id: name,
    agency: r.report.agency,
    year: r.report.year,
    templates: Object.fromEntries(r.tables.map((t) => [t.table, t.template])),
    cells: r.cells,
  };
}

test('agency keys link a name with and without its city prefix, and only then', () => {
  expect(agencyKey('淮安市洪泽区人民政府')).toBe(agencyKey('洪泽区 人民政府'));
  expect(agencyKey('淮安市人民政府')).not.toBe(agencyKey('洪泽区人民政府'));
  expect(agencyKey('江苏省淮安市洪泽区人民政府')).toBe('洪泽区人民政府');
});

(have ? test : test.skip)('洪泽区 2023 → 2024: carried cases and documents in force agree', async () => {
  const reports = [
    await load('2024-hongzequ-1.pdf'),
    await load('2023-hongzequ-1.pdf'),
    await load('2024-huaian-1.pdf'),
  ];
  const r = checkAcrossReports(reports);
  expect(r.pairs).toBe(1); // 淮安市人民政府 2024 has no 2023 beside it
  expect(r.flags).toEqual([]);
  expect(r.checks).toBe(7 + 2);
  // change one carried-forward cell of 2023: X-CARRY names both years and values
  const y2023 = reports[1];
  const cell = y2023.cells.find((c) => c.row === 'carriedForward' && c.col === 'total')!;
  const edited = { ...y2023, cells: y2023.cells.map((c) => (c === cell ? { ...c, value: (c.value ?? 0) + 3 } : c)) };
  const f = checkAcrossReports([reports[0], edited]).flags;
  expect(f).toHaveLength(1);
  expect(f[0]).toMatchObject({ rule: 'X-CARRY', report: '2024-hongzequ-1.pdf', previous: '2023-hongzequ-1.pdf' });
  expect(f[0].message).toBe(
    `total: carriedOver(2024) = ${cell.value} ≠ carriedForward(2023) = ${(cell.value ?? 0) + 3}`,
  );
});
