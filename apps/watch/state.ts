// What the watcher remembers between passes, in the store itself (SQLite or PostgreSQL) so
// that every machine of a deployment shares it: per URL, the HTTP validators for conditional
// GET, the links a list page held (reused on 304), and what became of a report URL. The table
// is the store's (migration 0002_watch_urls); the SQL lives in store/watchQueries.ts.
import type { Kysely } from 'kysely';
import { watchUrl, putWatchUrl, type Database, type WatchUrlsTable } from '../../store';

export type UrlKind = 'list' | 'detail' | 'attachment';
export type { WatchUrlsTable };

export interface UrlState {
  etag: string | null;
  lastModified: string | null;
  links: string | null;
  outcome: string | null;
  sha256: string | null;
}

export class WatchState {
  constructor(private readonly db: Kysely<Database>) {}

  async get(url: string): Promise<UrlState | undefined> {
    const r = await watchUrl(this.db, url);
    return r && { etag: r.etag, lastModified: r.last_modified, links: r.links, outcome: r.outcome, sha256: r.sha256 };
  }

  /** A report URL counts as seen once it has an outcome (failed fetches are not written, so they are retried). */
  async seen(url: string): Promise<boolean> {
    return (await this.get(url))?.outcome != null;
  }

  async put(
    url: string,
    sourceId: string,
    kind: UrlKind,
    fields: Partial<Omit<WatchUrlsTable, 'url' | 'source_id' | 'kind'>>,
  ): Promise<void> {
    await putWatchUrl(this.db, {
      url,
      source_id: sourceId,
      kind,
      etag: fields.etag ?? null,
      last_modified: fields.last_modified ?? null,
      links: fields.links ?? null,
      sha256: fields.sha256 ?? null,
      outcome: fields.outcome ?? null,
      checked_at: fields.checked_at ?? new Date().toISOString(),
    });
  }
}
