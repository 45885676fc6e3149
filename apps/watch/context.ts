// Everything a watch pass needs, opened once per process: the store (and the watcher's state
// table in it), one fetcher with one per-host limiter, the submitter, and the announcer.
import { resolve } from 'node:path';
import { openStore, type Store } from '../../store';
import type { SourcesFile } from './sources';
import { Fetcher } from './fetcher';
import { HostLimiter } from './hostLimiter';
import { WatchState } from './state';
import { Submitter } from './submit';
import { announcementLine, postWebhook, type Announcement } from './announce';
import type { WatchContext } from './checkSource';
import { config } from '../../src/model/config';

export interface ContextOptions {
  /** the store to use; opened from the environment (XXGK_DB / DATABASE_URL) when absent */
  store?: Store;
  /** where announcement lines go (default stdout) */
  announce?: (line: string, a: Announcement) => void;
  /** where diagnostics go (default stderr) */
  log?: (line: string) => void;
  /** where faults go (default: log) */
  warn?: (line: string) => void;
}

export interface OpenedContext extends WatchContext {
  store: Store;
  close(): Promise<void>;
}

export async function openWatchContext(file: SourcesFile, opts: ContextOptions = {}): Promise<OpenedContext> {
  const ownStore = !opts.store;
  const store = opts.store ?? (await openStore());
  const state = new WatchState(store.db);
  const fetcher = new Fetcher(new HostLimiter());
  const spool = resolve(file.spool ?? config().XXGK_SPOOL);
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const warn = opts.warn ?? log;
  const announce = opts.announce ?? ((line: string) => process.stdout.write(`${line}\n`));
  const submitter = new Submitter(store, spool);
  return {
    store,
    state,
    fetcher,
    log,
    warn,
    submitter,
    onNew: async (a) => {
      announce(announcementLine(a), a);
      if (file.webhook)
        await postWebhook(file.webhook, a).catch((e: Error) => warn(`webhook ${file.webhook}: ${e.message}`));
    },
    async close() {
      await fetcher.close();
      await submitter.close();
      if (ownStore) await store.close();
    },
  };
}
