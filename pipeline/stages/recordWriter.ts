// Stage 4 in batches: checked records wait a moment to be stored together, in one transaction
// with one statement per table (the store's saveRecords), instead of one transaction each.
// - save() resolves only once its record is stored, so whoever awaits it (an import counting a
//   report, a queue job about to complete) never reports a record done that is not in the store.
// - One batch is written at a time. An idle writer waits `delayMs` for company, or less when
//   `size` records are waiting; records that arrive while a batch is written go in the next one
//   at once (they have waited already).
// - A batch the store refuses is written again one record at a time: every record that can be
//   stored is, and only the save() of a record the store refuses rejects, with the store's error.
// - close() writes whatever waits; a save() after it rejects.
// - Agencies with too many files to regroup on every save (store regroupOrDefer) are regrouped
//   when the writer is idle, at most a tenth of its time, and always at close().
import type { Store } from '../../store';
import { regroupPending, saveRecord, saveRecords } from '../../store';
import type { Checked } from './check';
import { storable, type StoreOutcome } from './store';

export interface WriterOptions {
  /** records that start a batch without waiting for the delay, and the most one batch takes */
  size?: number;
  /** how long an idle writer waits for more records before it writes, ms */
  delayMs?: number;
  /** the least time between two regroups of marked agencies while records keep coming, ms */
  regroupEveryMs?: number;
  /** how long a quiet writer waits to regroup marked agencies (at least as long as the last regroup took), ms */
  regroupQuietMs?: number;
}

/**
 * One transaction per report costs its round trips and a commit each; a batch shares them. 20 ms
 * is short beside a PDF's parse, and a worker holds `size` more jobs than it has threads for it.
 */
export const STORE_BATCH = { size: 32, delayMs: 20, regroupEveryMs: 5000, regroupQuietMs: 1000 } as const;

export interface RecordWriter {
  /** the record's outcome, once it is stored (a transient verdict is never stored: 'notStored') */
  save(checked: Checked): Promise<StoreOutcome>;
  /** store everything waiting, then refuse further records */
  close(): Promise<void>;
}

interface Waiting {
  checked: Checked;
  resolve: (outcome: StoreOutcome) => void;
  reject: (e: Error) => void;
}

export function createRecordWriter(store: Store, opts: WriterOptions = {}): RecordWriter {
  const size = Math.max(1, opts.size ?? STORE_BATCH.size);
  const delayMs = opts.delayMs ?? STORE_BATCH.delayMs;
  const waiting: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;
  /** the batch being written, if any */
  let writing: Promise<void> | undefined;
  let closed = false;
  const regroupEveryMs = opts.regroupEveryMs ?? STORE_BATCH.regroupEveryMs;
  const regroupQuietMs = opts.regroupQuietMs ?? STORE_BATCH.regroupQuietMs;
  let regroupDueAt = Date.now() + regroupEveryMs;
  let regroupTimer: NodeJS.Timeout | undefined;

  /**
   * Regroup the marked agencies. Each pass reads all files of those agencies. While records keep
   * coming, the next pass waits nine times as long as this one took, so regrouping costs at most
   * a tenth of the writer's time however large the agencies grow; once the writer has been
   * quiet for as long as the last pass took (a second at least), it regroups at once. A failure
   * leaves the marks for the next pass.
   */
  let lastRegroupMs = 0;
  const regroup = async (): Promise<void> => {
    const started = Date.now();
    try {
      await regroupPending(store.db);
    } catch {
      /* the marks stay: the next pass, or close(), regroups them */
    }
    lastRegroupMs = Date.now() - started;
    regroupDueAt = Date.now() + Math.max(regroupEveryMs, 9 * lastRegroupMs);
  };

  /** after a loop of batches: regroup now if due, or once the writer has been quiet long enough */
  const regroupWhenIdle = async (quiet: boolean): Promise<void> => {
    clearTimeout(regroupTimer);
    regroupTimer = undefined;
    if (closed) return;
    if (quiet || Date.now() >= regroupDueAt) return regroup();
    regroupTimer = setTimeout(() => void drain(true), Math.max(regroupQuietMs, lastRegroupMs));
    regroupTimer.unref();
  };

  /** write batches until nothing waits; a call while a batch is written joins that loop */
  const drain = (quiet = false): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (!writing && (waiting.length || quiet))
      writing = (async () => {
        try {
          // records that arrive during a regroup are written after it, in this loop
          do {
            const wrote = waiting.length > 0;
            while (waiting.length) await write(waiting.splice(0, size));
            await regroupWhenIdle(quiet && !wrote);
          } while (waiting.length);
        } finally {
          // cleared in the same turn as the last look at `waiting`: a record saved after it starts a new loop
          writing = undefined;
        }
      })();
    return writing ?? Promise.resolve();
  };

  const write = async (batch: Waiting[]): Promise<void> => {
    try {
      const outcomes = await saveRecords(
        store.db,
        batch.map((w) => w.checked.record),
      );
      batch.forEach((w, i) => w.resolve(outcomes[i]));
    } catch (e) {
      if (batch.length === 1) return batch[0].reject(e as Error);
      // one bad record must not cost the others their place: each on its own
      for (const w of batch) await saveRecord(store.db, w.checked.record).then(w.resolve, w.reject);
    }
  };

  return {
    save(checked) {
      if (!storable(checked)) return Promise.resolve('notStored');
      if (closed) return Promise.reject(new Error('the record writer is closed'));
      return new Promise<StoreOutcome>((resolve, reject) => {
        waiting.push({ checked, resolve, reject });
        // a batch being written: this record goes in the next one, straight after it
        if (writing) return;
        if (waiting.length >= size || delayMs <= 0) void drain();
        else timer ??= setTimeout(() => void drain(), delayMs);
      });
    },
    async close() {
      closed = true;
      clearTimeout(regroupTimer);
      await drain();
      await regroup();
    },
  };
}
