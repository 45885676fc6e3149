// Store one record: exactly once per content hash, however often and however concurrently it is
// delivered. A record from a newer parser replaces the stored one inside one transaction, so a
// reader sees either the old result or the complete new one, never a mix.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';
import type { ReportRecord } from '../src/model/record';
import { versionKey } from './versionKey';
import { PARSER_VERSION } from '../src/model/version';

export type SaveOutcome = 'inserted' | 'replaced' | 'unchanged';

/** rows per INSERT: below SQLite's and PostgreSQL's bound-parameter limits */
const CHUNK = 400;

export async function saveRecord(
  db: Kysely<Database>,
  record: ReportRecord,
  now = new Date().toISOString(),
): Promise<SaveOutcome> {
  const sha = record.source.sha256;
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`cannot store a record without a sha256 (${record.source.path})`);
  const version = record.parser?.version ?? PARSER_VERSION;
  const row = {
    sha256: sha,
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
    record: JSON.stringify(record),
    created_at: now,
    updated_at: now,
  };
  // what a newer parser's result overwrites: all but the key, the first path and when first stored
  const { sha256: _key, path: _path, created_at: _created, ...replacement } = row;
  return db.transaction().execute(async (trx) => {
    // Insert, or replace only when the stored result comes from an older parser. The row lock
    // taken here serialises concurrent deliveries of the same hash.
    const written = await trx
      .insertInto('reports')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('sha256')
          .doUpdateSet(replacement)
          .where('reports.parser_version_key', '<', sql<string>`excluded.parser_version_key`),
      )
      .returning(['created_at'])
      .executeTakeFirst();
    await addSource(trx, sha, record.source.url ?? record.source.path, record.source.fetchedAt ?? now);
    if (!written) return 'unchanged';
    const replaced = written.created_at !== now;
    if (replaced) {
      await trx.deleteFrom('cells').where('sha256', '=', sha).execute();
      await trx.deleteFrom('flags').where('sha256', '=', sha).execute();
    }
    await insertChildren(trx, record);
    return replaced ? 'replaced' : 'inserted';
  });
}

/** Remember one more place a stored report was found at (no-op when already known). */
export async function addSource(
  db: Kysely<Database> | Transaction<Database>,
  sha: string,
  location: string,
  fetchedAt = new Date().toISOString(),
) {
  await db
    .insertInto('sources')
    .values({ sha256: sha, location, fetched_at: fetchedAt })
    .onConflict((oc) => oc.columns(['sha256', 'location']).doNothing())
    .execute();
}

async function insertChildren(trx: Transaction<Database>, record: ReportRecord) {
  const sha = record.source.sha256;
  const cells = record.cells.map((c) => ({
    sha256: sha,
    tbl: c.table,
    row_key: c.row,
    col_key: c.col,
    value: c.value,
    raw: c.raw,
    source: JSON.stringify(c.source),
  }));
  for (let i = 0; i < cells.length; i += CHUNK)
    await trx
      .insertInto('cells')
      .values(cells.slice(i, i + CHUNK))
      .execute();
  const flags = record.flags.map((f) => ({
    sha256: sha,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    cells: JSON.stringify(f.cells),
    left_expr: f.left?.expr ?? null,
    left_value: f.left?.value ?? null,
    right_expr: f.right?.expr ?? null,
    right_value: f.right?.value ?? null,
  }));
  for (let i = 0; i < flags.length; i += CHUNK)
    await trx
      .insertInto('flags')
      .values(flags.slice(i, i + CHUNK))
      .execute();
}
