// A random valid report as the three standard tables hold it: the layout of each table (2019,
// 2021, or a hybrid of both), every cell's value (blank, 0, small, large, negative 本年增/减,
// money with decimals) and how each cell is printed (unit after money, a footnote mark). The
// tables' arithmetic holds: each row's 总计 is the sum of its parts, table 三's 总计 row the sum
// of the result rows, and 新收 + 结转 = 总计 + 结转下年.
import { fc } from '@fast-check/jest';
import { CATALOG, APPLICATION_COLUMNS, type ColumnSpec, type RowSpec } from '../../src/tables/catalog';
import type { TableKey, Template } from '../../src/model/record';

export interface PrintedRow {
  /** the label cells (group labels first), as the report prints them */
  labels: string[];
  /** the value cells as printed ('' is a blank cell) */
  values: string[];
  /** the truth of each value cell, `table|row|col` keys */
  keys: string[];
}

export interface TableRecord {
  table: TableKey;
  template: Template;
  headers: string[][];
  rows: PrintedRow[];
}

export interface ReportRecordArb {
  year: number;
  agency: string;
  tables: TableRecord[];
  /** key → value; null for a blank cell */
  truth: Map<string, number | null>;
}

type Gen = (kind: ColumnSpec['kind'], col: string) => fc.Arbitrary<number | null>;

const count = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 99 }) },
  { weight: 2, arbitrary: fc.integer({ min: 100, max: 99999 }) },
  { weight: 1, arbitrary: fc.integer({ min: 100000, max: 99999999 }) },
);
const blankOr = (a: fc.Arbitrary<number>, blanks: boolean): fc.Arbitrary<number | null> =>
  blanks ? fc.oneof({ weight: 5, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) }) : a;

const money = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 9999999 }),
  fc.integer({ min: 1, max: 99999999 }).map((n) => n / 100),
  fc.integer({ min: 1, max: 9999999 }).map((n) => n / 10000),
);

const cellGen =
  (blanks: boolean): Gen =>
  (kind) => {
    if (kind === 'money') return blankOr(money, blanks);
    if (kind === 'signedCount')
      return blankOr(
        fc.oneof(
          count,
          count.map((n) => -n),
        ),
        blanks,
      );
    return blankOr(count, blanks);
  };

/** how a value is printed: money sometimes with its unit, sometimes a footnote mark */
const printOf = (v: number | null, spec: ColumnSpec, unit: boolean, mark: string): string => {
  if (v === null) return '';
  if (spec.kind === 'money') {
    const inWan = spec.label.includes('万元');
    return String(v) + (unit ? (inWan ? '万元' : '元') : '');
  }
  return String(v) + mark;
};

const MARKS = ['*', '①', '注', '※'];

function activeTable(
  template: Template,
  blanks: boolean,
  unit: boolean,
  markAt: number,
  mark: string,
  variant: number,
): fc.Arbitrary<TableRecord> {
  const specs = CATALOG.active[template];
  const gen = cellGen(blanks);
  return fc.tuple(...specs.map((s) => fc.tuple(...s.columns.map((c) => gen(c.kind, c.key))))).map((vals) => {
    const rows: PrintedRow[] = [];
    let n = 0;
    specs.forEach((s, i) => {
      rows.push({
        labels: [s.label],
        values: vals[i].map((v, j) => printOf(v, s.columns[j], unit, n++ === markAt ? mark : '')),
        keys: s.columns.map((c) => `active|${s.key}|${c.key}`),
      });
    });
    return { table: 'active' as TableKey, template, headers: [], rows: withGroupHeads(rows, specs, variant) };
  });
}

const ARTICLE: Record<string, string> = {
  rules: '（一）',
  licensing: '（五）',
  punishment: '（六）',
  fees: '（八）',
  procurement: '（九）',
};

/** column labels as reports print them: reworded, a year in brackets, typos, half a space */
const HEADER_VARIANTS: Record<string, string[]> = {
  本年制发件数: ['本年制发件数', '本年（2023）制发件数', '本年新制发件数'],
  本年废止件数: ['本年废止件数', '本年（2023）废止件数'],
  现行有效件数: ['现行有效件数', '现行有效件数(历史累计)'],
  本年处理决定数量: ['本年处理决定数量', '本年处理绝对数量', '处理决定数量'],
  本年新制作数量: ['本年新制作数量', '本年新 制作数量'],
  本年新公开数量: ['本年新公开数量', '本年新 公开数量'],
};
const headerLabel = (label: string, variant: number) => {
  const v = HEADER_VARIANTS[label];
  return v ? v[variant % v.length] : label;
};

/** table 二 prints a sub-heading and the column labels before each group of rows */
function withGroupHeads(rows: PrintedRow[], specs: RowSpec[], variant: number): PrintedRow[] {
  const out: PrintedRow[] = [];
  specs.forEach((s, i) => {
    const art = ARTICLE[s.key];
    if (art) {
      out.push({ labels: [`第二十条第${art}项`], values: [], keys: [] });
      out.push({ labels: ['信息内容', ...s.columns.map((c) => headerLabel(c.label, variant))], values: [], keys: [] });
    }
    out.push(rows[i]);
  });
  return out;
}

const GROUP_LABEL: Record<string, string> = {
  granted: '三、本年度办理结果',
  'withheld.stateSecret': '（三）不予公开',
  'unableToProvide.notHeld': '（四）无法提供',
  'notProcessed.complaint': '（五）不予处理',
  'otherHandling.overdueCorrection': '（六）其他处理',
};

/** a footnote mark may close any cell of table 三 too ("13*" in 新收, "0①" in 总计) */
function applicationsTable(template: Template, blanks: boolean, markAt = -1, mark = ''): fc.Arbitrary<TableRecord> {
  const specs = CATALOG.applications[template];
  const results = specs.filter(
    (s) => !['newReceived', 'carriedOver', 'totalProcessed', 'carriedForward'].includes(s.key),
  );
  const parts = APPLICATION_COLUMNS.slice(0, 6);
  const small = fc.oneof(
    { weight: 5, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 30 }) },
    { weight: 1, arbitrary: fc.integer({ min: 31, max: 5000 }) },
  );
  const cell = blanks ? fc.oneof({ weight: 6, arbitrary: small }, { weight: 1, arbitrary: fc.constant(null) }) : small;
  return fc
    .tuple(
      fc.array(fc.array(cell, { minLength: 6, maxLength: 6 }), {
        minLength: results.length,
        maxLength: results.length,
      }),
      fc.array(cell, { minLength: 6, maxLength: 6 }),
      fc.array(small, { minLength: 6, maxLength: 6 }),
    )
    .map(([res, carriedOverRaw, forward]) => {
      const v = (x: number | null) => x ?? 0;
      const byRow = new Map<string, Array<number | null>>();
      results.forEach((s, i) => byRow.set(s.key, res[i]));
      const total = parts.map((_, c) => res.reduce((a, r) => a + v(r[c]), 0));
      byRow.set('totalProcessed', total);
      byRow.set('carriedForward', forward);
      // 新收 + 结转 = 总计 + 结转下年, every count ≥ 0
      const carriedOver = carriedOverRaw.map((x, c) => (x === null ? null : Math.min(x, total[c] + forward[c])));
      byRow.set('carriedOver', carriedOver);
      byRow.set(
        'newReceived',
        parts.map((_, c) => total[c] + forward[c] - v(carriedOver[c])),
      );
      let n = 0;
      const rows: PrintedRow[] = specs.map((s) => {
        const own = byRow.get(s.key)!;
        const sum = own.reduce<number>((a, b) => a + v(b), 0);
        const all = [...own, sum];
        // a group's label (merged over its rows in print) stands before its first row only
        const group = GROUP_LABEL[s.key];
        const labels = group ? [group, s.label] : [s.label];
        return {
          labels,
          values: all.map((x) => (x === null ? '' : String(x) + (n++ === markAt ? mark : ''))),
          keys: APPLICATION_COLUMNS.map((c) => `applications|${s.key}|${c.key}`),
        };
      });
      return {
        table: 'applications' as TableKey,
        template,
        headers: [
          ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'],
          ['自然人', '法人或其他组织', '总计'],
          ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
        ],
        rows,
      };
    });
}

function reviewTable(template: Template, blanks: boolean, markAt = -1, mark = ''): fc.Arbitrary<TableRecord> {
  const small = fc.oneof(
    { weight: 5, arbitrary: fc.constant(0) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 40 }) },
  );
  const cell = blanks ? fc.oneof({ weight: 12, arbitrary: small }, { weight: 1, arbitrary: fc.constant(null) }) : small;
  return fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }).map((parts) => {
    const specs = CATALOG.reviewLitigation[template];
    const values: string[] = [];
    const keys: string[] = [];
    specs.forEach((s, i) => {
      const all = [...parts[i], parts[i].reduce<number>((a, b) => a + (b ?? 0), 0)];
      all.forEach((x, j) => {
        values.push(x === null ? '' : String(x) + (values.length === markAt ? mark : ''));
        keys.push(`reviewLitigation|${s.key}|${s.columns[j].key}`);
      });
    });
    return {
      table: 'reviewLitigation' as TableKey,
      template,
      headers: [
        ['行政复议', '行政诉讼'],
        ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '复议后起诉'],
        [...'结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计'.split(' ')],
      ],
      rows: [{ labels: [], values, keys }],
    };
  });
}

export interface RecordOptions {
  blanks?: boolean;
  marks?: boolean;
}

export function reportRecord(opts: RecordOptions = {}): fc.Arbitrary<ReportRecordArb> {
  const blanks = opts.blanks ?? true;
  return fc
    .record({
      year: fc.integer({ min: 2019, max: 2025 }),
      agency: fc.constantFrom(
        '北京市海淀区人民政府',
        '杭州市西湖区文化广电旅游局',
        '岳阳市发展和改革委员会',
        '国家税务总局芜湖市镜湖区税务局',
        '建水县青龙镇人民政府',
      ),
      activeTemplate: fc.constantFrom<Template>('2019', '2021'),
      appTemplate: fc.constantFrom<Template>('2019', '2021'),
      unit: fc.boolean(),
      markAt: opts.marks ? fc.integer({ min: -1, max: 12 }) : fc.constant(-1),
      markAtApplications: opts.marks ? fc.integer({ min: -1, max: 60 }) : fc.constant(-1),
      markAtReview: opts.marks ? fc.integer({ min: -1, max: 30 }) : fc.constant(-1),
      mark: fc.constantFrom(...MARKS),
      variant: fc.nat(5),
    })
    .chain((r) =>
      fc
        .tuple(
          activeTable(r.activeTemplate, blanks, r.unit, r.markAt, r.mark, r.variant),
          applicationsTable(r.appTemplate, blanks, r.markAtApplications, r.mark),
          reviewTable(r.appTemplate, blanks, r.markAtReview, r.mark),
        )
        .map(([a, b, c]) => {
          const truth = new Map<string, number | null>();
          for (const t of [a, b, c])
            for (const row of t.rows) row.keys.forEach((k, i) => truth.set(k, truthOf(row.values[i])));
          return { year: r.year, agency: r.agency, tables: [a, b, c], truth };
        }),
    );
}

/** the value a printed cell stands for: units and marks are how it is printed, not what */
function truthOf(printed: string): number | null {
  if (printed === '') return null;
  return Number(printed.replace(/万元|元|[*①注※]$/g, ''));
}
