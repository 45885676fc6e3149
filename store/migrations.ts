// Schema migrations, kept in code (not files) so that the compiled CLI, the queue workers and
// the tests all carry them. Append new migrations; never edit one that has shipped.
import { PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { agencyKey } from '../src/report/agencyName';
import { regroupAll } from './datasetGroups';
import { listed } from './listQueries';

// The one place the dialects differ: an auto-numbered key (SQLite: integer primary key).
const autoId = (db: Kysely<any>) => (db.getExecutor().adapter instanceof PostgresAdapter ? 'bigserial' : 'integer');

const EXTRA_COLUMNS = ['region_code', 'region_province', 'region_city', 'region_county', 'agency_as_printed'];

const GROUP_COLUMNS: Array<[string, 'text' | 'integer', string | number | null]> = [
  ['listed', 'integer', 1],
  ['group_best', 'text', ''],
  ['copy_count', 'integer', 1],
  ['x_sources', 'integer', 0],
  ['group_region_code', 'text', null],
  ['group_province', 'text', null],
  ['group_city', 'text', null],
  ['group_county', 'text', null],
];
/** the review list's sort orders and its look-up of a report's copies */
const LIST_INDEXES: Array<[string, string[]]> = [
  ['reports_listed_agency', ['listed', 'agency', 'year', 'sha256']],
  ['reports_listed_year', ['listed', 'year', 'agency', 'sha256']],
  ['reports_group_best', ['group_best']],
];

const ENTRY_COLUMNS: Array<[string, 'text' | 'integer']> = [
  ['title', 'text'],
  ['agency', 'text'],
  ['agency_key', 'text'],
  ['year', 'integer'],
  ['format', 'text'],
  ['layout', 'text'],
  ['error_code', 'text'],
  ['cell_count', 'integer'],
  ['flag_count', 'integer'],
  ['copy_count', 'integer'],
  ['x_sources', 'integer'],
  ['group_region_code', 'text'],
  ['group_province', 'text'],
  ['group_city', 'text'],
  ['group_county', 'text'],
  ['status_rank', 'integer'],
];
/** the list's sort orders (agency and year both ways, ties by agency, year, hash) */
const ENTRY_INDEXES: Array<[string, string[]]> = [
  ['entries_agency', ['agency', 'year', 'sha256']],
  ['entries_year', ['year', 'agency', 'sha256']],
  ['entries_agency_key', ['agency_key']],
];

const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('reports')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('format', 'text')
        .addColumn('title', 'text')
        .addColumn('agency', 'text')
        .addColumn('year', 'integer')
        .addColumn('layout', 'text')
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addColumn('parser_version', 'text', (c) => c.notNull())
        .addColumn('parser_version_key', 'text', (c) => c.notNull())
        .addColumn('cell_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('flag_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('record', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sources')
        .addColumn('sha256', 'text', (c) => c.notNull().references('reports.sha256').onDelete('cascade'))
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('fetched_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sources_pk', ['sha256', 'location'])
        .execute();
      await db.schema
        .createTable('cells')
        .addColumn('id', autoId(db), (c) => c.primaryKey())
        .addColumn('sha256', 'text', (c) => c.notNull().references('reports.sha256').onDelete('cascade'))
        .addColumn('tbl', 'text', (c) => c.notNull())
        .addColumn('row_key', 'text', (c) => c.notNull())
        .addColumn('col_key', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision')
        .addColumn('raw', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('flags')
        .addColumn('id', autoId(db), (c) => c.primaryKey())
        .addColumn('sha256', 'text', (c) => c.notNull().references('reports.sha256').onDelete('cascade'))
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('cells', 'text', (c) => c.notNull())
        .addColumn('left_expr', 'text')
        .addColumn('left_value', 'double precision')
        .addColumn('right_expr', 'text')
        .addColumn('right_value', 'double precision')
        .execute();
      await db.schema.createIndex('cells_sha256').on('cells').column('sha256').execute();
      await db.schema.createIndex('flags_sha256').on('flags').column('sha256').execute();
      await db.schema.createIndex('flags_rule').on('flags').column('rule').execute();
      await db.schema.createIndex('reports_error_code').on('reports').column('error_code').execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['flags', 'cells', 'sources', 'reports']) await db.schema.dropTable(t).execute();
    },
  },
  '0002_watch_urls': {
    // the watcher used to create this table itself on first use: an existing one is kept
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('watch_urls')
        .ifNotExists()
        .addColumn('url', 'text', (c) => c.primaryKey())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .addColumn('links', 'text')
        .addColumn('sha256', 'text')
        .addColumn('outcome', 'text')
        .addColumn('checked_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('watch_urls').ifExists().execute();
    },
  },
  '0003_report_extras_and_review_indexes': {
    // The dataset read the region and the printed name out of every record's JSON on each load
    // (minutes at 100,000 reports): they get columns, filled once here. The indexes serve the
    // review page's per-rule counts and the store fingerprint it asks for on every request.
    async up(db: Kysely<any>) {
      for (const c of EXTRA_COLUMNS) await db.schema.alterTable('reports').addColumn(c, 'text').execute();
      const pg = db.getExecutor().adapter instanceof PostgresAdapter;
      const at = (path: string[]) => sql.raw(`json_extract(record, '$.${path.join('.')}')`);
      if (pg)
        // offset 0 keeps the subquery whole: each record is parsed once, not once per column
        await sql`update reports set (region_code, region_province, region_city, region_county, agency_as_printed) =
          (select r #>> '{region,code}', r #>> '{region,province}', r #>> '{region,city}', r #>> '{region,county}',
            r #>> '{agencyAsPrinted}'
          from (select record::jsonb -> 'report' as r offset 0) as j)`.execute(db);
      else
        await sql`update reports set region_code = ${at(['report', 'region', 'code'])},
          region_province = ${at(['report', 'region', 'province'])},
          region_city = ${at(['report', 'region', 'city'])},
          region_county = ${at(['report', 'region', 'county'])},
          agency_as_printed = ${at(['report', 'agencyAsPrinted'])}`.execute(db);
      await db.schema.dropIndex('flags_rule').execute();
      await db.schema.createIndex('flags_rule_sha256').on('flags').columns(['rule', 'sha256']).execute();
      await db.schema.createIndex('reports_updated_at').on('reports').column('updated_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('reports_updated_at').execute();
      await db.schema.dropIndex('flags_rule_sha256').execute();
      await db.schema.createIndex('flags_rule').on('flags').column('rule').execute();
      for (const c of EXTRA_COLUMNS) await db.schema.alterTable('reports').dropColumn(c).execute();
    },
  },
  '0004_agency_key_and_groups': {
    // The dataset is paged by agency (all years and copies of one agency key together: its
    // reports, their copies and the cross-year pairs), so the key is a column with an index.
    // PostgreSQL compares it bytewise ("C"), as SQLite does, so both page in one order. Each
    // file also gets its report's group columns (store/datasetGroups.ts), so the review list is
    // a query with indexes for its sort orders.
    async up(db: Kysely<any>) {
      const pg = db.getExecutor().adapter instanceof PostgresAdapter;
      await db.schema
        .alterTable('reports')
        .addColumn('agency_key', 'text', (c) => (pg ? c.modifyEnd(sql`collate "C"`) : c))
        .execute();
      let after = '';
      for (;;) {
        const rows: Array<{ sha256: string; agency: string }> = await db
          .selectFrom('reports')
          .select(['sha256', 'agency'])
          .where('agency', 'is not', null)
          .where('sha256', '>', after)
          .orderBy('sha256')
          .limit(2000)
          .execute();
        if (!rows.length) break;
        const keys = rows.map((r) => agencyKey(r.agency));
        if (pg)
          await sql`update reports set agency_key = v.k
            from unnest(${rows.map((r) => r.sha256)}::text[], ${keys}::text[]) as v(s, k)
            where reports.sha256 = v.s`.execute(db);
        else
          for (const [i, r] of rows.entries())
            await db.updateTable('reports').set({ agency_key: keys[i] }).where('sha256', '=', r.sha256).execute();
        after = rows[rows.length - 1].sha256;
      }
      await db.schema.createIndex('reports_agency_key').on('reports').columns(['agency_key', 'sha256']).execute();
      for (const [c, type, dflt] of GROUP_COLUMNS)
        await db.schema
          .alterTable('reports')
          .addColumn(c, type, (col) => (dflt === null ? col : col.notNull().defaultTo(dflt)))
          .execute();
      // until grouped, each file is a report of its own
      await sql`update reports set group_best = sha256`.execute(db);
      await sql`update reports set group_region_code = region_code, group_province = region_province,
        group_city = region_city, group_county = region_county where error_code is null`.execute(db);
      await regroupAll(db);
      for (const [name, columns] of LIST_INDEXES)
        await db.schema.createIndex(name).on('reports').columns(columns).execute();
    },
    async down(db: Kysely<any>) {
      for (const [name] of LIST_INDEXES) await db.schema.dropIndex(name).execute();
      for (const [c] of GROUP_COLUMNS) await db.schema.alterTable('reports').dropColumn(c).execute();
      await db.schema.dropIndex('reports_agency_key').execute();
      await db.schema.alterTable('reports').dropColumn('agency_key').execute();
    },
  },
  '0005_list_entries': {
    // The list scanned and counted the reports table, whose rows carry the record (about 3 KB
    // each: 120 ms a scan at 30,000 reports): its rows get a narrow table of their own.
    async up(db: Kysely<any>) {
      const pg = db.getExecutor().adapter instanceof PostgresAdapter;
      let t = db.schema.createTable('entries').addColumn('sha256', 'text', (c) => c.primaryKey());
      for (const [c, type] of ENTRY_COLUMNS)
        t = t.addColumn(c, type, (col) => {
          const typed = c === 'agency_key' && pg ? col.modifyEnd(sql`collate "C"`) : col;
          return ['cell_count', 'flag_count', 'copy_count', 'x_sources', 'status_rank'].includes(c)
            ? typed.notNull()
            : typed;
        });
      await t.execute();
      const columns = sql.raw(
        ENTRY_COLUMNS.filter(([c]) => c !== 'status_rank')
          .map(([c]) => c)
          .join(', '),
      );
      await sql`insert into entries (sha256, ${columns}, status_rank)
        select sha256, ${columns}, case when error_code is not null then 0 when cell_count = 0 then 2
          when exists (select 1 from flags f where f.sha256 = reports.sha256 and f.severity = 'error') then 1
          else 3 end
        from reports where listed = 1`.execute(db);
      for (const [name, cs] of ENTRY_INDEXES) await db.schema.createIndex(name).on('entries').columns(cs).execute();
      // the list's sort orders are the entries' now
      for (const name of ['reports_listed_agency', 'reports_listed_year']) await db.schema.dropIndex(name).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('entries').execute();
      for (const [name, columns] of LIST_INDEXES.filter(([n]) => n !== 'reports_group_best'))
        await db.schema.createIndex(name).on('reports').columns(columns).execute();
    },
  },
  '0006_entry_formats_and_rules': {
    // The format and rule filters and menus joined every report's copies and flags: each list
    // row names its copies' formats and its failing rules itself (",html,pdf,").
    async up(db: Kysely<any>) {
      const pg = db.getExecutor().adapter instanceof PostgresAdapter;
      for (const c of ['formats', 'rules']) await db.schema.alterTable('entries').addColumn(c, 'text').execute();
      let after = '';
      for (;;) {
        const page: string[] = (
          await db
            .selectFrom('entries')
            .select('sha256')
            .where('sha256', '>', after)
            .orderBy('sha256')
            .limit(2000)
            .execute()
        ).map((r: { sha256: string }) => r.sha256);
        if (!page.length) break;
        const formats = await db
          .selectFrom('reports')
          .select(['group_best', 'format'])
          .where('group_best', 'in', page)
          .execute();
        const rules = await db
          .selectFrom('flags')
          .select(['sha256', 'rule'])
          .distinct()
          .where('sha256', 'in', page)
          .execute();
        const of = (rows: Array<Record<string, string | null>>, key: string, value: string) => {
          const m = new Map<string, Array<string | null>>();
          for (const r of rows) m.set(r[key]!, [...(m.get(r[key]!) ?? []), r[value]]);
          return page.map((sha) => listed(m.get(sha) ?? []));
        };
        const [f, r] = [of(formats, 'group_best', 'format'), of(rules, 'sha256', 'rule')];
        if (pg)
          await sql`update entries set formats = v.f, rules = v.r
            from unnest(${page}::text[], ${f}::text[], ${r}::text[]) as v(s, f, r) where entries.sha256 = v.s`.execute(
            db,
          );
        else
          for (const [i, sha] of page.entries())
            await db.updateTable('entries').set({ formats: f[i], rules: r[i] }).where('sha256', '=', sha).execute();
        after = page[page.length - 1];
      }
    },
    async down(db: Kysely<any>) {
      for (const c of ['formats', 'rules']) await db.schema.alterTable('entries').dropColumn(c).execute();
    },
  },
  '0007_regroup_pending': {
    // An agency with thousands of stored files (one report fetched again and again with other
    // bytes) made every save regroup all of them: quadratic. Such agencies are marked here and
    // regrouped in one pass when the writer is idle (store/datasetGroups.ts regroupPending).
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('regroup_pending')
        .addColumn('agency_key', 'text', (c) => c.primaryKey())
        .addColumn('marks', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('regroup_pending').execute();
    },
  },
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => migrations };
