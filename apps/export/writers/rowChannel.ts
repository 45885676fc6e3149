// Rows handed from one writer to another as they are made: the long shape writes its reports file
// beside the cells file in one pass, without holding a row per report until the cells are done.
export class RowChannel<T> implements AsyncIterable<T> {
  private queue: T[] = [];
  private closed = false;
  private waiting: (() => void) | undefined;

  push(row: T): void {
    this.queue.push(row);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = undefined;
    w?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      const rows = this.queue;
      this.queue = [];
      yield* rows;
      if (this.closed && this.queue.length === 0) return;
      if (this.queue.length === 0) await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }
}
