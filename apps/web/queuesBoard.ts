// Bull Board over the project's queues at /queues. Only mounted when Redis is configured and a
// token is set; without --writable the board is read-only (no retry, clean or remove buttons).
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Router } from 'express';
import { openQueues } from '../../queues/queues';

export interface QueuesBoard { router: Router; close(): Promise<void> }

export function queuesBoard(basePath: string, writable: boolean): QueuesBoard {
  const queues = openQueues();
  const adapter = new ExpressAdapter();
  adapter.setBasePath(basePath);
  createBullBoard({
    queues: queues.all.map((q) => new BullMQAdapter(q, { readOnlyMode: !writable, allowRetries: writable })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'xxgk queues' } },
  });
  return { router: adapter.getRouter() as Router, close: queues.close };
}
