// The peak RSS of the programs this process starts (the OCR page process, tesseract,
// pdftoppm), by program name: they are processes of their own, so the process's VmHWM does not
// count them, but a worker's machine has to hold them beside it. Read by polling /proc: each
// descendant's VmHWM is its high-water mark so far, so the last reading before it exits is
// close to its peak (a spike in its last 100 ms may be missed). Linux only; elsewhere empty.
import { readdirSync, readFileSync } from 'node:fs';

const POLL_MS = 100;

function children(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((t) =>
      readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function peakOf(pid: number): { name: string; kb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const name = /^Name:\s+(\S+)/m.exec(status)?.[1] ?? '?';
    const kb = Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    return { name, kb };
  } catch {
    return undefined;
  }
}

export class ChildPeaks {
  /** program name → highest VmHWM seen, kB */
  private peaks = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  start(): void {
    this.peaks.clear();
    this.timer = setInterval(() => this.poll(), POLL_MS);
  }

  stop(): Record<string, number> {
    clearInterval(this.timer);
    this.poll();
    return Object.fromEntries([...this.peaks].map(([name, kb]) => [name, Math.round(kb / 1024)]));
  }

  private poll(): void {
    const todo = children(process.pid);
    while (todo.length) {
      const pid = todo.pop()!;
      const p = peakOf(pid);
      if (p) this.peaks.set(p.name, Math.max(this.peaks.get(p.name) ?? 0, p.kb));
      todo.push(...children(pid));
    }
  }
}
