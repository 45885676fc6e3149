// The tables' arithmetic stated once (src/tables/arithmetic.ts): the row checks that choose
// between digit readings, the column equations, and the parts of 总计 the export's cleaning
// uses all come from it.
import { ARITHMETIC, LEGACY_ARITHMETIC, holdsWhereRead, partsOfTotalIn, rowCheckOf } from '../src/tables/arithmetic';
import { CATALOG } from '../src/tables/catalog';

const columnsOf = (table: 'applications' | 'reviewLitigation', layout: '2019' | '2021') =>
  CATALOG[table][layout][0].columns.map((c) => c.key);

test('table 四 printed as one run of fifteen numbers: each of its three blocks must add up by itself', () => {
  const one = columnsOf('reviewLitigation', '2021');
  const check = rowCheckOf(ARITHMETIC.reviewLitigation['2021'], [...one, ...one, ...one])!;
  expect(check([1, 0, 0, 0, 1, 2, 1, 0, 0, 3, 0, 0, 0, 0, 0])).toBe(true);
  expect(check([1, 0, 0, 0, 1, 2, 1, 0, 0, 4, 0, 0, 0, 0, 0])).toBe(false);
  // a blank 总计 holds nothing against its parts
  expect(check([1, 0, 0, 0, null, 2, 1, 0, 0, 3, 0, 0, 0, 0, 0])).toBe(true);
});

test('table 三: the applicant columns add up to 总计, and to 小计 where a report prints it', () => {
  const cols = columnsOf('applications', '2019');
  const withSubtotal = [...cols.slice(0, -1), 'legalPersonSubtotal', 'total'];
  expect(rowCheckOf(ARITHMETIC.applications['2019'], cols)!([1, 2, 0, 0, 0, 0, 3])).toBe(true);
  expect(rowCheckOf(ARITHMETIC.applications['2019'], cols)!([1, 2, 0, 0, 0, 0, 4])).toBe(false);
  expect(rowCheckOf(ARITHMETIC.applications['2019'], withSubtotal)!([1, 2, 0, 0, 0, 0, 2, 3])).toBe(true);
  expect(rowCheckOf(ARITHMETIC.applications['2019'], withSubtotal)!([1, 2, 0, 0, 0, 0, 5, 3])).toBe(false);
  // table 二 has no arithmetic of its own: no check at all, not one that always passes
  expect(rowCheckOf(ARITHMETIC.active['2021'], ['issued', 'repealed', 'inForce'])).toBeUndefined();
});

test('the result rows of T3-SUM follow the layout: 其他处理 as one row (2019) or three (2021)', () => {
  const sum = (layout: '2019' | '2021') =>
    ARITHMETIC.applications[layout].inColumn.find((e) => e.rule === 'T3-SUM')!.left;
  expect(sum('2019')).toContain('otherHandling');
  expect(sum('2021')).toEqual(
    expect.arrayContaining(['otherHandling.overdueCorrection', 'otherHandling.overdueFee', 'otherHandling.other']),
  );
  expect(sum('2021')).not.toContain('otherHandling');
});

test('a sum over the rows a report prints: rows it leaves out are no parts, a blank total decides nothing', () => {
  const channels = LEGACY_ARITHMETIC.inColumn.find((e) => e.rule === 'L-CHANNELS')!;
  const printed = new Map<string, number | null>([
    ['applications.received', 21],
    ['applications.inPerson', 18],
    ['applications.email', 3],
  ]);
  expect(holdsWhereRead(channels, (k) => printed.get(k))).toBe(true);
  printed.set('applications.inPerson', 17);
  expect(holdsWhereRead(channels, (k) => printed.get(k))).toBe(false);
  printed.set('applications.received', null);
  expect(holdsWhereRead(channels, (k) => printed.get(k))).toBe(true);
  const active = LEGACY_ARITHMETIC.inColumn.find((e) => e.rule === 'L-ACTIVE')!;
  expect(
    holdsWhereRead(
      active,
      (k) => (({ 'active.total': 2026, 'active.byWebsite': 1795, 'active.byGazette': 0 }) as Record<string, number>)[k],
    ),
  ).toBe(true);
  expect(
    holdsWhereRead(active, (k) => (({ 'active.total': 202, 'active.byWebsite': 1795 }) as Record<string, number>)[k]),
  ).toBe(false);
});

test("the parts of 总计 the cleaning may read a blank as 0 in are the rule checks' parts", () => {
  expect(partsOfTotalIn('applications')).toEqual([
    'naturalPerson',
    'commercial',
    'research',
    'socialWelfare',
    'legalService',
    'otherOrg',
  ]);
  expect(partsOfTotalIn('reviewLitigation')).toEqual(['upheld', 'corrected', 'other', 'pending']);
  expect(partsOfTotalIn('active')).toBeUndefined();
});
