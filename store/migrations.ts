// Schema migrations, kept in code (not files) so that the compiled CLI, the queue workers and
// the tests all carry them. Append new migrations; never edit one that has shipped.
import { PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

// The one place the dialects differ: an auto-numbered key (SQLite: integer primary key).
const autoId = (db: Kysely<any>) => (db.getExecutor().adapter instanceof PostgresAdapter ? 'bigserial' : 'integer');

const EXTRA_COLUMNS = ['region_code', 'region_province', 'region_city', 'region_county', 'agency_as_printed'];

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
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => migrations };
