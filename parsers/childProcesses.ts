// The programs a parse starts (LibreOffice, pdftoppm, tesseract) and the temporary folders it
// makes are announced here, so that whoever stops a parse from outside (the thread pool
// terminating a thread at the time limit, pipeline/local/parsePool.ts) can stop and remove
// them: a terminated thread runs no more code, so neither its kill timers nor its finally.
import type { ChildProcess } from 'node:child_process';

export type ChildNotice =
  | { pid: number; /** its own process group (kill -pid) */ group: boolean; running: boolean }
  | { dir: string; running: boolean };

let listener: ((notice: ChildNotice) => void) | undefined;

/** one listener per thread (the parse thread posts the notices to the pool) */
export function onChildProcess(l: ((notice: ChildNotice) => void) | undefined): void {
  listener = l;
}

export function announceChild(child: ChildProcess, group: boolean): void {
  const pid = child.pid;
  if (!pid || !listener) return;
  listener({ pid, group, running: true });
  child.once('exit', () => listener?.({ pid, group, running: false }));
}

/** a temporary folder, made (running) and removed (not running) */
export function announceTempDir(dir: string, running: boolean): void {
  listener?.({ dir, running });
}
