// Store records: exactly once per content hash, however often and however concurrently each is
// delivered. A record from a newer parser replaces the stored one inside one transaction, so a
// reader sees either the old result or the complete new one, never a mix. A batch of records is
// written with one statement per table (PostgreSQL: arrays unnested; SQLite: multi-row inserts
// inside the transaction), not one per report or per cell.
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';
import type { ReportRecord } from '../src/model/record';
import { versionKey } from './versionKey';
import { PARSER_VERSION } from '../src/model/version';
import { agencyKey } from '../src/report/agencyName';
import { regionOf } from '../src/dataset/region';
import { listed } from './listQueries';
import {
  lockAgencies,
  ownGroupColumns,
  regroupOrDefer,
  replaceEntries,
  statusRank,
  type EntryRow,
} from './datasetGroups';

export type SaveOutcome = 'inserted' | 'replaced' | 'unchanged';

type Db = Kysely<Database> | Transaction<Database>;

/** report rows per INSERT: 31 parameters each, below SQLite's and PostgreSQL's parameter limits */
const REPORT_CHUNK = 500;
/** SQLite cell or flag rows per INSERT (SQLite binds each value; PostgreSQL takes one array per column) */
const SQLITE_CHUNK = 2000;

export async function saveRecord(
  db: Kysely<Database>,
  record: ReportRecord,
  now = new Date().toISOString(),
): Promise<SaveOutcome> {
  return (await saveRecords(db, [record], now))[0];
}

/**
 * Store a batch of records in one transaction; the outcome of each, in the order given. The same
 * hash twice in one batch is settled in order, as if saved one after the other.
 */
export async function saveRecords(
  db: Kysely<Database>,
  records: ReportRecord[],
  now = new Date().toISOString(),
): Promise<SaveOutcome[]> {
  for (const r of records)
    if (!/^[0-9a-f]{64}$/.test(r.source.sha256))
      throw new Error(`cannot store a record without a sha256 (${r.source.path})`);
  if (records.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    // the agencies whose reports these files join or leave: locked first, regrouped last
    const before = await storedAgencyKeys(
      trx,
      records.map((r) => r.source.sha256),
    );
    const keysOf = (r: ReportRecord) => [agencyKeyOf(r), before.get(r.source.sha256) ?? null];
    await lockAgencies(trx, [...new Set(records.flatMap(keysOf).filter((k): k is string => k !== null))]);
    const outcomes = new Array<SaveOutcome>(records.length);
    // a statement may touch a row once: a repeated hash waits for the next round
    let pending = records.map((_, i) => i);
    while (pending.length) {
      const seen = new Set<string>();
      const round: number[] = [];
      const later: number[] = [];
      for (const i of pending) {
        const sha = records[i].source.sha256;
        (seen.has(sha) ? later : round).push(i);
        seen.add(sha);
      }
      const got = await saveRound(
        trx,
        round.map((i) => records[i]),
        now,
      );
      round.forEach((i, k) => (outcomes[i] = got[k]));
      pending = later;
    }
    // the last version written of each hash is the one stored
    const written = [
      ...new Map(records.filter((_, i) => outcomes[i] !== 'unchanged').map((r) => [r.source.sha256, r])).values(),
    ];
    // a file that is a report of its own (failed, or no agency) is its own list row; the others'
    // rows are their agencies' to write
    await replaceEntries(
      trx,
      written.map((r) => r.source.sha256),
      written.filter((r) => r.error || agencyKeyOf(r) === null).map(ownEntry),
    );
    await regroupOrDefer(trx, [...new Set(written.flatMap(keysOf).filter((k): k is string => k !== null))].sort());
    return outcomes;
  });
}

/** The list row of a file that is a report of its own (the last of a repeated hash is the one stored). */
function ownEntry(record: ReportRecord): EntryRow {
  const row = reportRow(record, '');
  return {
    sha256: row.sha256,
    title: row.title,
    agency: row.agency,
    agency_key: row.agency_key,
    year: row.year,
    format: row.format,
    layout: row.layout,
    error_code: row.error_code,
    cell_count: row.cell_count,
    flag_count: row.flag_count,
    copy_count: 1,
    x_sources: 0,
    group_region_code: row.group_region_code,
    group_province: row.group_province,
    group_city: row.group_city,
    group_county: row.group_county,
    status_rank: statusRank(row.error_code, row.cell_count, record.flags),
    formats: listed([row.format]),
    rules: listed(record.flags.map((f) => f.rule)),
  };
}

const agencyKeyOf = (r: ReportRecord) => (r.report.agency ? agencyKey(r.report.agency) : null);

/** The stored agency key of those files that are stored. */
async function storedAgencyKeys(trx: Transaction<Database>, shas: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (let i = 0; i < shas.length; i += REPORT_CHUNK) {
    const rows = await trx
      .selectFrom('reports')
      .select(['sha256', 'agency_key'])
      .where('sha256', 'in', shas.slice(i, i + REPORT_CHUNK))
      .execute();
    for (const r of rows) out.set(r.sha256, r.agency_key);
  }
  return out;
}

function reportRow(record: ReportRecord, now: string) {
  const version = record.parser?.version ?? PARSER_VERSION;
  return {
    sha256: record.source.sha256,
    path: record.source.path,
    url: record.source.url ?? null,
    format: record.source.format ?? null,
    title: record.report.title,
    agency: record.report.agency,
    year: record.report.year,
    layout: record.report.layout ?? null,
    error_code: record.error?.code ?? null,
    error_message: record.error?.message ?? null,
    parser_version: version,
    parser_version_key: versionKey(version),
    cell_count: record.cells.length,
    flag_count: record.flags.length,
    region_code: record.report.region?.code ?? null,
    region_province: record.report.region?.province ?? null,
    region_city: record.report.region?.city ?? null,
    region_county: record.report.region?.county ?? null,
    agency_as_printed: record.report.agencyAsPrinted ?? null,
    agency_key: agencyKeyOf(record),
    // a report of its own until its agency is regrouped (store/datasetGroups.ts)
    // (a failed file is listed without a region: it has no report)
    ...ownGroupColumns(record.source.sha256, record.error ? null : regionOf(record.report.region)),
    record: JSON.stringify(record),
    created_at: now,
    updated_at: now,
  };
}

/** what a newer parser's result overwrites: every column but the key, the first path and when first stored */
const KEPT_ON_REPLACE = new Set(['sha256', 'path', 'created_at']);

function replacedColumns<V>(row: ReturnType<typeof reportRow>, value: (column: string) => V): Record<string, V> {
  return Object.fromEntries(
    Object.keys(row)
      .filter((c) => !KEPT_ON_REPLACE.has(c))
      .map((c) => [c, value(c)]),
  );
}

/** Records with distinct hashes: insert, or replace those stored by an older parser. */
async function saveRound(trx: Transaction<Database>, records: ReportRecord[], now: string): Promise<SaveOutcome[]> {
  const written = new Map<string, string>();
  for (let i = 0; i < records.length; i += REPORT_CHUNK) {
    const rows = records.slice(i, i + REPORT_CHUNK).map((r) => reportRow(r, now));
    // Insert, or replace only when the stored result comes from an older parser. The row locks
    // taken here serialise concurrent deliveries of the same hash.
    const got = await trx
      .insertInto('reports')
      .values(rows)
      .onConflict((oc) =>
        oc
          .column('sha256')
          .doUpdateSet((eb) => replacedColumns(rows[0], (c) => eb.ref(`excluded.${c}` as 'excluded.record')))
          .where('reports.parser_version_key', '<', sql<string>`excluded.parser_version_key`),
      )
      .returning(['sha256', 'created_at'])
      .execute();
    for (const g of got) written.set(g.sha256, g.created_at);
  }
  await addSources(
    trx,
    records.map((r) => ({
      sha256: r.source.sha256,
      location: r.source.url ?? r.source.path,
      fetched_at: r.source.fetchedAt ?? now,
    })),
  );
  const replaced = [...written].filter(([, created]) => created !== now).map(([sha]) => sha);
  for (let i = 0; i < replaced.length; i += REPORT_CHUNK) {
    const shas = replaced.slice(i, i + REPORT_CHUNK);
    await trx.deleteFrom('cells').where('sha256', 'in', shas).execute();
    await trx.deleteFrom('flags').where('sha256', 'in', shas).execute();
  }
  await insertChildren(
    trx,
    records.filter((r) => written.has(r.source.sha256)),
  );
  return records.map((r) => {
    const created = written.get(r.source.sha256);
    return created === undefined ? 'unchanged' : created === now ? 'inserted' : 'replaced';
  });
}

/** Remember one more place a stored report was found at (no-op when already known). */
export async function addSource(db: Db, sha: string, location: string, fetchedAt = new Date().toISOString()) {
  await addSources(db, [{ sha256: sha, location, fetched_at: fetchedAt }]);
}

async function addSources(db: Db, rows: Array<{ sha256: string; location: string; fetched_at: string }>) {
  for (let i = 0; i < rows.length; i += REPORT_CHUNK)
    await db
      .insertInto('sources')
      .values(rows.slice(i, i + REPORT_CHUNK))
      .onConflict((oc) => oc.columns(['sha256', 'location']).doNothing())
      .execute();
}

/** PostgreSQL types of the cells and flags columns, in the tables' column order */
const CELL_TYPES = {
  sha256: 'text',
  tbl: 'text',
  row_key: 'text',
  col_key: 'text',
  value: 'float8',
  raw: 'text',
  source: 'text',
} as const;
const FLAG_TYPES = {
  sha256: 'text',
  rule: 'text',
  severity: 'text',
  message: 'text',
  cells: 'text',
  left_expr: 'text',
  left_value: 'float8',
  right_expr: 'text',
  right_value: 'float8',
} as const;

/**
 * Rows into a PostgreSQL table with one statement: one array parameter per column, unnested in
 * the order given (ids follow it: cells are read back in insertion order).
 */
async function insertUnnested<T extends object>(
  trx: Transaction<Database>,
  table: 'cells' | 'flags',
  rows: T[],
  types: { [K in keyof T]: 'text' | 'float8' },
): Promise<void> {
  if (!rows.length) return;
  const names = Object.keys(types) as Array<keyof T & string>;
  const columns = sql.join(names.map((n) => sql.ref(n)));
  const arrays = sql.join(names.map((n) => sql`${rows.map((r) => r[n])}::${sql.raw(types[n])}[]`));
  await sql`insert into ${sql.table(table)} (${columns})
    select ${columns} from unnest(${arrays}) with ordinality as t(${columns}, n)
    order by n`.execute(trx);
}

async function insertChildren(trx: Transaction<Database>, records: ReportRecord[]) {
  const cells = records.flatMap((record) =>
    record.cells.map((c) => ({
      sha256: record.source.sha256,
      tbl: c.table,
      row_key: c.row,
      col_key: c.col,
      value: c.value,
      raw: c.raw,
      source: JSON.stringify(c.source),
    })),
  );
  const flags = records.flatMap((record) =>
    record.flags.map((f) => ({
      sha256: record.source.sha256,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      cells: JSON.stringify(f.cells),
      left_expr: f.left?.expr ?? null,
      left_value: f.left?.value ?? null,
      right_expr: f.right?.expr ?? null,
      right_value: f.right?.value ?? null,
    })),
  );
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    // one statement per table for the whole batch; ids follow the order given (cells are read
    // back in insertion order)
    await insertUnnested(trx, 'cells', cells, CELL_TYPES);
    await insertUnnested(trx, 'flags', flags, FLAG_TYPES);
    return;
  }
  for (let i = 0; i < cells.length; i += SQLITE_CHUNK)
    await trx
      .insertInto('cells')
      .values(cells.slice(i, i + SQLITE_CHUNK))
      .execute();
  for (let i = 0; i < flags.length; i += SQLITE_CHUNK)
    await trx
      .insertInto('flags')
      .values(flags.slice(i, i + SQLITE_CHUNK))
      .execute();
}
