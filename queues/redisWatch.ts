// Redis connections that say once when Redis is out of reach and once when it is back, instead
// of one error line per reconnect attempt (ioredis retries forever, BullMQ reports each one).
import type { Redis } from 'ioredis';

export interface WorkerLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export class RedisWatch {
  private down = false;
  constructor(
    private readonly connections: Redis[],
    private readonly url: string,
    private readonly log: WorkerLog,
  ) {
    for (const c of connections) {
      c.on('error', (e: Error) => this.unreachable(e));
      c.on('ready', () => this.reached());
    }
  }

  /** every connection is ready */
  get up(): boolean {
    return this.connections.every((c) => c.status === 'ready');
  }

  /** Resolves when every connection is ready: a worker started before Redis waits here. */
  async ready(signal?: AbortSignal): Promise<boolean> {
    while (!this.up) {
      if (signal?.aborted) return false;
      await new Promise((r) => setTimeout(r, 200));
    }
    return true;
  }

  unreachable(e: Error): void {
    if (this.down) return;
    this.down = true;
    this.log.warn({ redis: this.url, err: e.message }, 'Redis unreachable: waiting for it, reconnecting with backoff');
  }

  private reached(): void {
    if (!this.down || !this.up) return;
    this.down = false;
    this.log.info({ redis: this.url }, 'Redis reachable again');
  }
}
