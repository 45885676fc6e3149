// What an import asks the store about single reports: whether one is stored and with which
// error code (the queue's import looks here for jobs already trimmed from Redis).
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { versionKey } from './versionKey';

/** The stored error code of a report (null: parsed fine), or undefined when it is not stored. */
export async function errorCodeOf(
  db: Kysely<Database>,
  sha: string,
): Promise<{ errorCode: string | null } | undefined> {
  const row = await db.selectFrom('reports').select('error_code').where('sha256', '=', sha).executeTakeFirst();
  return row && { errorCode: row.error_code };
}

/**
 * Of the hashes given, those stored by this parser version or a newer one, with their error
 * code (null: parsed fine): a re-import lists a stored bad file as failed, not as stored.
 */
export async function storedOutcomes(
  db: Kysely<Database>,
  hashes: string[],
  parserVersion: string,
): Promise<Map<string, string | null>> {
  const found = new Map<string, string | null>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db
      .selectFrom('reports')
      .select(['sha256', 'error_code'])
      .where('sha256', 'in', hashes.slice(i, i + 500))
      .where('parser_version_key', '>=', versionKey(parserVersion))
      .execute();
    for (const r of rows) found.set(r.sha256, r.error_code);
  }
  return found;
}
