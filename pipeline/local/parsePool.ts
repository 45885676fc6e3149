// Every parse runs here: on a worker thread with fixed resource limits (PARSE_THREAD_LIMITS)
// and one time limit (PARSE_LIMITS.timeoutMs). `xxgk parse`, the in-process import and the
// queue workers all use it, so a record never depends on where the file was parsed; the review
// server reads the tables of its source view here too (`table`), so a hostile file stored
// cannot hang or exhaust the server.
// - Past the time limit the thread is terminated (that stops synchronous work too) → TIMEOUT.
// - A thread that runs out of memory ends alone → TOO_LARGE; the process and the next file
//   are unharmed.
// - An error nothing in the thread caught (a stray rejection inside pdfjs) ends the thread;
//   its file gets a record, and the thread is replaced, so no leftover reaches the next file.
// A TIMEOUT or a crash is tried once more on a fresh thread while no other parse runs (a busy
// machine, or a leftover of another file, must not fail a good report for good); what the
// second try gives is final.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { ReportRecord } from '../../src/model/record';
import { PARSE_LIMITS, PARSE_THREAD_LIMITS } from '../../src/model/config';
import type { ParseTask } from '../stages/parse';
import { failedRecord } from '../stages/failedRecord';
import type { TableReply, TableTask } from '../stages/sourceTable';
import { XxgkError, type ErrorCode } from '../../src/model/errors';
import type { TableBlock } from '../../src/model/document';
import { logInternal } from '../logInternal';
import type { ChildNotice } from '../../parsers/childProcesses';

export interface ParsePool {
  parse(task: ParseTask): Promise<ReportRecord>;
  /** one table of a file as parsed (null: no such table); rejects with an XxgkError the record would carry */
  table(task: TableTask): Promise<TableBlock | null>;
  close(): Promise<void>;
  size: number;
  /** resolves once every first thread has loaded the parser (or failed to start) */
  ready(): Promise<void>;
}

export interface PoolOptions {
  /** the one time limit of a parse, ms (tests shorten it) */
  timeoutMs?: number;
  resourceLimits?: Partial<typeof PARSE_THREAD_LIMITS>;
  /** another thread script speaking the same messages (tests: one whose parse dies) */
  script?: string;
}

/** What a thread answers: a record for a parse, a table or an error for a table. */
type Reply = { record: ReportRecord } | TableReply;

/** What ended a thread while it parsed, as the first try saw it. */
type Outcome =
  | { reply: Reply }
  | { lost: { code: 'TIMEOUT' | 'TOO_LARGE' | 'CORRUPT_FILE' | 'INTERNAL'; message: string; retry: boolean } };

interface Job {
  /** the message for the thread (without its id) */
  work: { task: ParseTask } | { table: TableTask };
  path: string;
  settle: (reply: Reply) => void;
  /** the thread, not the parse, ended it (time limit, memory, crash): a failed record, or an error */
  fail: (code: string, message: string) => void;
  reject: (e: Error) => void;
  tries: number;
}
interface Slot {
  worker: Worker;
  busy?: { job: Job; id: number; timer?: NodeJS.Timeout };
  used: boolean;
  loaded: boolean;
  /** programs the thread's parse started and that still run (pid → own process group) */
  children: Map<number, boolean>;
  /** temporary folders the thread's parse made and has not removed */
  dirs: Set<string>;
}

/**
 * An error nothing caught: raised inside pdfjs (a stray rejection of its own workers on a
 * damaged file) it is the file's damage; anywhere else it is a bug of ours.
 */
function uncaughtCode(e: Error): { code: 'CORRUPT_FILE' | 'INTERNAL'; message: string } {
  if (/node_modules[\\/]pdfjs-dist[\\/]/.test(e.stack ?? ''))
    return { code: 'CORRUPT_FILE', message: `the PDF is damaged: pdfjs failed reading it (${e.message})` };
  return { code: 'INTERNAL', message: `the parse thread failed: ${e.message}` };
}

/** a terminated thread cannot stop the programs its parse started or remove its folders: done here */
function killChildren(slot: Slot): void {
  for (const [pid, group] of slot.children) {
    try {
      process.kill(group ? -pid : pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  slot.children.clear();
  for (const dir of slot.dirs) rmSync(dir, { recursive: true, force: true });
  slot.dirs.clear();
}

/** The compiled thread script; under ts sources (jest) the build's copy in dist/. */
function threadScript(): string | undefined {
  const beside = join(__dirname, 'parseThread.js');
  if (existsSync(beside)) return beside;
  const built = join(__dirname, '..', '..', 'dist', 'pipeline', 'local', 'parseThread.js');
  return existsSync(built) ? built : undefined;
}

export function createParsePool(size = availableParallelism(), opts: PoolOptions = {}): ParsePool {
  const script = opts.script ?? threadScript();
  // No build at all: parse on this thread, with neither the time limit nor the memory bound.
  // Only then are the parsers loaded here: the threads have their own copy, and a second one in
  // this thread (a queue worker's main thread, the importer's) would be ~30 MB of RSS for nothing.
  if (size < 1 || !script) {
    const { parseStage } = require('../stages/parse') as typeof import('../stages/parse');
    const { sourceTable } = require('../stages/sourceTable') as typeof import('../stages/sourceTable');
    const table = async (task: TableTask) => settleTable(await sourceTable(task));
    return { parse: parseStage, table, close: async () => {}, size: 0, ready: async () => {} };
  }
  const timeoutMs = opts.timeoutMs ?? PARSE_LIMITS.timeoutMs;
  const resourceLimits = { ...PARSE_THREAD_LIMITS, ...opts.resourceLimits };

  const slots: Slot[] = [];
  const waiting: Job[] = [];
  /** second tries: each runs alone on a fresh thread */
  const retries: Job[] = [];
  let nextId = 0;
  let closing = false;
  /** threads in a row that ended before loading the parser: a broken build must not respawn forever */
  let failedStarts = 0;
  const starting: Array<Promise<void>> = [];

  const spawn = (): Slot => {
    const slot: Slot = {
      worker: new Worker(script, { resourceLimits }),
      used: false,
      loaded: false,
      children: new Map(),
      dirs: new Set(),
    };
    starting.push(
      new Promise<void>((resolve) => {
        slot.worker.once('message', () => resolve());
        slot.worker.once('error', () => resolve());
        slot.worker.once('exit', () => resolve());
      }),
    );
    slot.worker.on('message', (msg: Partial<Reply> & { id?: number; child?: ChildNotice }) => {
      if (!slot.loaded) {
        slot.loaded = true;
        failedStarts = 0;
        arm(slot);
      }
      const c = msg.child;
      if (c) {
        if ('dir' in c) {
          if (c.running) slot.dirs.add(c.dir);
          else slot.dirs.delete(c.dir);
        } else if (c.running) slot.children.set(c.pid, c.group);
        else slot.children.delete(c.pid);
        return;
      }
      if (slot.busy && msg.id === slot.busy.id && ('record' in msg || 'table' in msg || 'error' in msg))
        finish(slot, { reply: msg as Reply });
    });
    slot.worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish(slot, {
          lost: {
            code: 'TOO_LARGE',
            retry: false,
            message:
              `parsing the file needs more than the ${resourceLimits.maxOldGenerationSizeMb} MB ` +
              'of memory a parse may use',
          },
        });
      } else if (!slot.loaded) {
        process.stderr.write(`xxgk: a parse thread could not start:\n${e.stack ?? e.message}\n`);
        finish(slot, {
          lost: { code: 'INTERNAL', retry: true, message: `the parse thread could not start: ${e.message}` },
        });
      } else {
        if (slot.busy) logInternal(e, slot.busy.job.path, 'an error nothing caught ended the parse thread');
        finish(slot, { lost: { ...uncaughtCode(e), retry: true } });
      }
      killChildren(slot);
      replace(slot);
    });
    slot.worker.on('exit', (code) => {
      finish(slot, { lost: { code: 'INTERNAL', retry: true, message: `the parse thread exited with code ${code}` } });
      killChildren(slot);
      replace(slot);
    });
    return slot;
  };

  /** the job in hand on this slot ends with this outcome (once) */
  const finish = (slot: Slot, outcome: Outcome) => {
    if (!slot.busy) return;
    const { job, timer } = slot.busy;
    clearTimeout(timer);
    slot.busy = undefined;
    if ('reply' in outcome) job.settle(outcome.reply);
    // a thread that never loaded the parser never saw the file: it waits for the next thread
    else if (!slot.loaded && !closing) waiting.unshift(job);
    // the pool, not the file, ended it: no record (a queue job is retried, nothing is stored)
    else if (closing) job.reject(new Error('the parse pool was closed'));
    else if (outcome.lost.retry && job.tries === 1) retries.push({ ...job, tries: 2 });
    else job.fail(outcome.lost.code, outcome.lost.message);
    pump();
  };

  const replace = (slot: Slot) => {
    const i = slots.indexOf(slot);
    if (i < 0) return;
    slots.splice(i, 1);
    if (!slot.loaded && ++failedStarts >= 3) return giveUp();
    if (!closing) {
      slots.push(spawn());
      pump();
    }
  };

  const giveUp = () => {
    if (slots.length) return;
    for (const job of [...waiting.splice(0), ...retries.splice(0)])
      job.reject(new Error('the parse threads cannot start'));
  };

  const start = (slot: Slot, job: Job) => {
    slot.busy = { job, id: nextId++ };
    slot.used = true;
    slot.worker.postMessage({ id: slot.busy.id, ...job.work });
    arm(slot);
  };

  /** the time limit runs from when a loaded thread has the file (loading the parser is not the file's time) */
  const arm = (slot: Slot) => {
    const busy = slot.busy;
    if (!busy || !slot.loaded || busy.timer) return;
    busy.timer = setTimeout(() => {
      finish(slot, {
        lost: { code: 'TIMEOUT', retry: true, message: `parsing took longer than ${timeoutMs} ms; it was stopped` },
      });
      replace(slot);
      void slot.worker.terminate();
      killChildren(slot);
    }, timeoutMs);
  };

  const pump = () => {
    if (closing) return;
    if (retries.length) {
      // a second try waits until nothing else runs, then gets a thread that never parsed
      if (slots.some((s) => s.busy)) return;
      let fresh = slots.find((s) => !s.used);
      if (!fresh) {
        const old = slots.shift()!;
        old.worker.removeAllListeners().on('error', () => {});
        void old.worker.terminate();
        slots.push((fresh = spawn()));
      }
      start(fresh, retries.shift()!);
      return;
    }
    for (const slot of slots) {
      if (slot.busy || waiting.length === 0) continue;
      start(slot, waiting.shift()!);
    }
  };

  const submit = (job: Omit<Job, 'tries'>) => {
    if (closing) return job.reject(new Error('the parse pool was closed'));
    if (slots.length === 0) return job.reject(new Error('the parse threads cannot start'));
    waiting.push({ ...job, tries: 1 });
    pump();
  };

  for (let i = 0; i < size; i++) slots.push(spawn());
  return {
    size,
    ready: async () => {
      await Promise.all(starting.slice(0, size));
    },
    parse: (task) =>
      new Promise((resolve, reject) =>
        submit({
          work: { task },
          path: task.path,
          settle: (reply) => ('record' in reply ? resolve(reply.record) : reject(new Error('not a parse reply'))),
          fail: (code, message) => resolve(failedRecord(task, code, message)),
          reject,
        }),
      ),
    table: (task) =>
      new Promise((resolve, reject) =>
        submit({
          work: { table: task },
          path: task.path,
          settle: (reply) => {
            try {
              resolve(settleTable(reply));
            } catch (e) {
              reject(e as Error);
            }
          },
          fail: (code, message) => reject(new XxgkError(code as ErrorCode, message)),
          reject,
        }),
      ),
    close: async () => {
      closing = true;
      for (const job of [...waiting.splice(0), ...retries.splice(0)])
        job.reject(new Error('the parse pool was closed'));
      await Promise.all(
        slots.map(async (s) => {
          await s.worker.terminate();
          killChildren(s);
        }),
      );
    },
  };
}

/** a table reply as the caller gets it: the table, or the error thrown */
function settleTable(reply: Reply): TableBlock | null {
  if ('error' in reply) throw new XxgkError(reply.error.code, reply.error.message);
  if ('table' in reply) return reply.table;
  throw new Error('not a table reply');
}
