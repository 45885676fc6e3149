// What the watcher remembers between passes, in the store itself (SQLite or PostgreSQL) so
// that every machine of a deployment shares it: per URL, the HTTP validators for conditional
// GET, the links a list page held (reused on 304), and what became of a report URL.
// The table is the watcher's own, created on first use.
import type { Kysely } from 'kysely';
import type { Database } from '../../store';

export type UrlKind = 'list' | 'detail' | 'attachment';

export interface WatchUrlsTable {
  url: string;
  source_id: string;
  kind: string;
  etag: string | null;
  last_modified: string | null;
  /** list pages: JSON of { items, next } as last read */
  links: string | null;
  sha256: string | null;
  /** report URLs: new | knownContent | sameReport | notReport | failed:CODE */
  outcome: string | null;
  checked_at: string;
}

type WatchDb = Database & { watch_urls: WatchUrlsTable };

export interface UrlState { etag: string | null; lastModified: string | null; links: string | null; outcome: string | null; sha256: string | null }

export class WatchState {
  private db: Kysely<WatchDb>;
  constructor(db: Kysely<Database>) { this.db = db as unknown as Kysely<WatchDb>; }

  async ensure(): Promise<void> {
    try {
      await this.db.schema
        .createTable('watch_urls').ifNotExists()
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
    } catch (e) {
      // two processes creating it at once (PostgreSQL): fine if it exists now
      const exists = await this.db.selectFrom('watch_urls').select('url').limit(1).execute().then(() => true, () => false);
      if (!exists) throw e;
    }
  }

  async get(url: string): Promise<UrlState | undefined> {
    const r = await this.db.selectFrom('watch_urls').selectAll().where('url', '=', url).executeTakeFirst();
    return r && { etag: r.etag, lastModified: r.last_modified, links: r.links, outcome: r.outcome, sha256: r.sha256 };
  }

  /** A report URL counts as seen once it has an outcome (failed fetches are not written, so they are retried). */
  async seen(url: string): Promise<boolean> {
    return (await this.get(url))?.outcome != null;
  }

  async put(url: string, sourceId: string, kind: UrlKind, fields: Partial<Omit<WatchUrlsTable, 'url' | 'source_id' | 'kind'>>): Promise<void> {
    const row = {
      url, source_id: sourceId, kind,
      etag: fields.etag ?? null, last_modified: fields.last_modified ?? null, links: fields.links ?? null,
      sha256: fields.sha256 ?? null, outcome: fields.outcome ?? null, checked_at: fields.checked_at ?? new Date().toISOString(),
    };
    const { url: _url, ...update } = row;
    await this.db.insertInto('watch_urls').values(row).onConflict((oc) => oc.column('url').doUpdateSet(update)).execute();
  }
}
