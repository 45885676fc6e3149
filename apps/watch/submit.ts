// A fetched file into the store, through the same check and store stages as `xxgk import`:
// known bytes only gain a source; new bytes are spooled (the record's path; job data and
// re-parses need a file), parsed with the URL and fetch time as the record's source, and
// checked; the same report in another form joins the stored one as a source.
import { mkdir, writeFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { Store } from '../../store';
import { storedHashes, addSource, storedSameReport } from '../../store';
import { sha256 } from '../../pipeline/parseReport';
import { createParsePool, type ParsePool } from '../../pipeline/local/parsePool';
import type { ReportRecord } from '../../src/model/record';
import { PARSER_VERSION } from '../../src/model/version';
import { checkStage, storeStage } from '../../pipeline/stages';

export interface FetchedFile {
  url: string;
  body: Buffer;
  contentType?: string;
  fetchedAt: string;
  /** a detail page may be only a wrapper around attachments: then it is not stored */
  kind: 'detail' | 'attachment';
  /** a detail page that links report files */
  hasAttachments?: boolean;
}

export type SubmitOutcome =
  | { outcome: 'new'; sha256: string; record: ReportRecord }
  | { outcome: 'knownContent'; sha256: string }
  | { outcome: 'sameReport'; sha256: string }
  | { outcome: 'notReport'; sha256: string; code: string }
  | { outcome: 'failed'; sha256: string; code: string; message: string; stored: boolean };

export class Submitter {
  /** one file at a time: the same-report check must see what the previous file stored */
  private chain: Promise<unknown> = Promise.resolve();
  /** parses run on a thread of their own, under the one time limit (started at the first file) */
  private pool?: ParsePool;
  constructor(
    private store: Store,
    private spoolDir: string,
  ) {}

  async close(): Promise<void> {
    await this.pool?.close();
  }

  submit(file: FetchedFile): Promise<SubmitOutcome> {
    const run = this.chain.then(() => this.submitNow(file));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async submitNow(file: FetchedFile): Promise<SubmitOutcome> {
    const sha = sha256(file.body);
    const db = this.store.db;
    if ((await storedHashes(db, [sha], PARSER_VERSION)).has(sha)) {
      await addSource(db, sha, file.url, file.fetchedAt);
      return { outcome: 'knownContent', sha256: sha };
    }
    const path = await this.spool(sha, file);
    this.pool ??= createParsePool(1);
    const record = await this.pool.parse({
      path,
      sha256: sha,
      url: file.url,
      fetchedAt: file.fetchedAt,
      ...(file.contentType ? { contentType: file.contentType } : {}),
    });
    const checked = checkStage(record);
    const error = checked.record.error;
    if (file.kind === 'detail' && error && checked.verdict !== 'transient') {
      // a page that is no report at all
      return { outcome: 'notReport', sha256: sha, code: error.code };
    }
    if (file.kind === 'detail' && file.hasAttachments && checked.record.cells.length === 0) {
      // a page around the attachments (title and a link, no tables): the attachment is the report
      return { outcome: 'notReport', sha256: sha, code: error?.code ?? 'NO_TABLES' };
    }
    const same = await storedSameReport(db, checked.record);
    if (same) {
      await addSource(db, same, file.url, file.fetchedAt);
      return { outcome: 'sameReport', sha256: same };
    }
    const stored = await storeStage(this.store, checked);
    if (error)
      return {
        outcome: 'failed',
        sha256: sha,
        code: error.code,
        message: error.message,
        stored: stored !== 'notStored',
      };
    return stored === 'unchanged'
      ? { outcome: 'knownContent', sha256: sha }
      : { outcome: 'new', sha256: sha, record: checked.record };
  }

  private async spool(sha: string, file: FetchedFile): Promise<string> {
    const ext =
      extname(new URL(file.url).pathname)
        .toLowerCase()
        .replace(/[^.a-z0-9]/g, '')
        .slice(0, 6) || '.bin';
    const dir = resolve(this.spoolDir, sha.slice(0, 2));
    const path = join(dir, `${sha}${ext}`);
    if (!(await stat(path).catch(() => null))) {
      await mkdir(dir, { recursive: true });
      await writeFile(path, file.body);
    }
    return path;
  }
}
