// A small pool of worker threads for the CPU-bound parse stage of the in-process import.
// A thread that crashes or hangs past the watchdog is replaced, and its task gets a record with
// an error code, so one bad file never stops the batch.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { ReportRecord } from '../../src/model/record';
import { parseStage, failedRecord, type ParseTask } from '../stages/parse';

export interface ParsePool {
  parse(task: ParseTask): Promise<ReportRecord>;
  close(): Promise<void>;
  size: number;
  /** resolves once every first thread has loaded the parser (or failed to start) */
  ready(): Promise<void>;
}

interface Slot { worker: Worker; busy?: { id: number; task: ParseTask; resolve: (r: ReportRecord) => void; timer: NodeJS.Timeout } }

export function createParsePool(size = availableParallelism(), watchdogMs = 180_000): ParsePool {
  const script = join(__dirname, 'parseThread.js');
  // Under ts sources (jest) there is no compiled thread script: parse on the main thread.
  if (size < 1 || !existsSync(script)) return { parse: parseStage, close: async () => {}, size: 0, ready: async () => {} };

  const slots: Slot[] = [];
  const waiting: Array<{ task: ParseTask; resolve: (r: ReportRecord) => void }> = [];
  let nextId = 0;
  let closing = false;

  const starting: Array<Promise<void>> = [];
  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(script) };
    starting.push(new Promise<void>((resolve) => {
      slot.worker.once('message', () => resolve());
      slot.worker.once('error', () => resolve());
      slot.worker.once('exit', () => resolve());
    }));
    slot.worker.on('message', (msg: { id: number; record: ReportRecord }) => {
      const job = slot.busy;
      if (!job || job.id !== msg.id) return;
      clearTimeout(job.timer);
      slot.busy = undefined;
      job.resolve(msg.record);
      pump();
    });
    const lost = (why: string) => {
      const job = slot.busy;
      slot.busy = undefined;
      if (job) { clearTimeout(job.timer); job.resolve(failedRecord(job.task, 'INTERNAL', why)); }
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
      if (!closing) { slots.push(spawn()); pump(); }
    };
    slot.worker.on('error', (e) => lost(`the parse thread crashed: ${e.message}`));
    slot.worker.on('exit', (code) => { if (!closing) lost(`the parse thread exited with code ${code}`); });
    return slot;
  };

  const pump = () => {
    for (const slot of slots) {
      if (slot.busy || waiting.length === 0) continue;
      const { task, resolve } = waiting.shift()!;
      const id = nextId++;
      const timer = setTimeout(() => {
        const job = slot.busy;
        slot.busy = undefined;
        if (job) job.resolve(failedRecord(task, 'TIMEOUT', `parsing took longer than ${watchdogMs} ms; the thread was stopped`));
        void slot.worker.terminate();
      }, watchdogMs);
      slot.busy = { id, task, resolve, timer };
      slot.worker.postMessage({ id, task });
    }
  };

  for (let i = 0; i < size; i++) slots.push(spawn());
  return {
    size,
    ready: async () => { await Promise.all(starting.slice(0, size)); },
    parse: (task) => new Promise((resolve) => { waiting.push({ task, resolve }); pump(); }),
    close: async () => { closing = true; await Promise.all(slots.map((s) => s.worker.terminate())); },
  };
}
