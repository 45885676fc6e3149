// The reports list: filters and search turned into one SQL filter, a page of rows with the rules
// each one fails, and counts for the filter menus. Works the same on SQLite and PostgreSQL.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../store';

export interface ListFilter {
  year?: number;
  agency?: string;
  layout?: string;
  format?: string;
  /** a rule id: only reports with at least one flag of it */
  rule?: string;
  /** 'any': only reports that could not be parsed; 'none': only parsed ones; else an error code */
  error?: string;
  /** words to find in the agency or the title */
  q?: string;
}

export interface ListRow {
  sha256: string; title: string | null; agency: string | null; year: number | null; format: string | null;
  layout: string | null; errorCode: string | null; cellCount: number; flagCount: number;
  /** failing rules with how many checks of each failed */
  rules: Array<{ rule: string; count: number }>;
}

export interface Facet { value: string; count: number }
export interface ListResult {
  total: number;
  /** all reports in the store, whatever the filter */
  stored: number;
  rows: ListRow[];
  /** counts over the filtered reports, for the menus and the summary line */
  facets: { year: Facet[]; layout: Facet[]; format: Facet[]; error: Facet[]; rule: Facet[]; agency: Facet[] };
}

type EB = ExpressionBuilder<Database, 'reports'>;

/** LIKE pattern for a literal substring: %, _ and the escape character itself are escaped. */
export const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function where(f: ListFilter) {
  return (eb: EB): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [];
    if (f.year !== undefined) parts.push(eb('reports.year', '=', f.year));
    if (f.agency) parts.push(eb('reports.agency', '=', f.agency));
    if (f.layout) parts.push(eb('reports.layout', '=', f.layout));
    if (f.format) parts.push(eb('reports.format', '=', f.format));
    if (f.error === 'any') parts.push(eb('reports.error_code', 'is not', null));
    else if (f.error === 'none') parts.push(eb('reports.error_code', 'is', null));
    else if (f.error) parts.push(eb('reports.error_code', '=', f.error));
    if (f.rule) {
      parts.push(eb.exists(eb.selectFrom('flags').select('flags.id').whereRef('flags.sha256', '=', 'reports.sha256').where('flags.rule', '=', f.rule)));
    }
    for (const word of (f.q ?? '').split(/\s+/).filter(Boolean).slice(0, 8)) {
      const p = likePattern(word);
      parts.push(eb.or([sql<SqlBool>`${eb.ref('reports.agency')} like ${p} escape '\\'`, sql<SqlBool>`${eb.ref('reports.title')} like ${p} escape '\\'`]));
    }
    return eb.and(parts);
  };
}

export async function listReports(db: Kysely<Database>, f: ListFilter, page: { limit: number; offset: number }): Promise<ListResult> {
  const filter = where(f);
  const count = await db.selectFrom('reports').select(sql<number>`count(*)`.as('n')).where(filter).executeTakeFirstOrThrow();
  const stored = await db.selectFrom('reports').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('reports')
    .select(['sha256', 'title', 'agency', 'year', 'format', 'layout', 'error_code', 'cell_count', 'flag_count'])
    .where(filter)
    .orderBy('agency').orderBy('year').orderBy('sha256')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const shas = rows.map((r) => r.sha256);
  const rules = shas.length
    ? await db.selectFrom('flags').select(['sha256', 'rule', sql<number>`count(*)`.as('n')]).where('sha256', 'in', shas).groupBy(['sha256', 'rule']).orderBy('rule').execute()
    : [];
  return {
    total: Number(count.n),
    stored: Number(stored.n),
    rows: rows.map((r) => ({
      sha256: r.sha256, title: r.title, agency: r.agency, year: r.year == null ? null : Number(r.year), format: r.format,
      layout: r.layout, errorCode: r.error_code, cellCount: Number(r.cell_count), flagCount: Number(r.flag_count),
      rules: rules.filter((x) => x.sha256 === r.sha256).map((x) => ({ rule: x.rule, count: Number(x.n) })),
    })),
    facets: await facets(db, f),
  };
}

/** Each menu counts the reports matching every other filter, so its own choices stay visible. */
async function facets(db: Kysely<Database>, f: ListFilter): Promise<ListResult['facets']> {
  const by = async (column: 'year' | 'layout' | 'format' | 'error_code' | 'agency', own: keyof ListFilter) => {
    const rows = await db
      .selectFrom('reports')
      .select([`reports.${column} as value`, sql<number>`count(*)`.as('n')])
      .where(where({ ...f, [own]: undefined }))
      .groupBy(`reports.${column}`)
      .execute();
    return rows
      .filter((r) => r.value != null)
      .map((r) => ({ value: String(r.value), count: Number(r.n) }))
      .sort((a, b) => a.value.localeCompare(b.value));
  };
  const rule = await db
    .selectFrom('flags')
    .innerJoin('reports', 'reports.sha256', 'flags.sha256')
    .select(['flags.rule as value', sql<number>`count(distinct flags.sha256)`.as('n')])
    .where(where({ ...f, rule: undefined }))
    .groupBy('flags.rule')
    .execute();
  return {
    year: await by('year', 'year'),
    layout: await by('layout', 'layout'),
    format: await by('format', 'format'),
    error: await by('error_code', 'error'),
    agency: await by('agency', 'agency'),
    rule: rule.map((r) => ({ value: r.value, count: Number(r.n) })).sort((a, b) => a.value.localeCompare(b.value)),
  };
}
