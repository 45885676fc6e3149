// Bull Board over the project's queues at /queues. Only mounted when Redis is configured and a
// token is set. Without --writable the board is read-only; with it, a person may retry a job
// (or every failed job of a queue) and remove a job, and nothing else: no adding jobs (which
// would name any file path), no pause, clean, empty, obliterate or settings.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { openQueues } from '../../queues/queues';

export interface QueuesBoard {
  router: Router;
  close(): Promise<void>;
}

/** The writes --writable allows, as paths under /queues (PUT, as Bull Board sends them). */
const ALLOWED_WRITES: RegExp[] = [
  /^\/api\/queues\/[^/]+\/retry\/failed$/, // retry every failed job of a queue
  /^\/api\/queues\/[^/]+\/[^/]+\/retry$/, // retry one job
  /^\/api\/queues\/[^/]+\/[^/]+\/clean$/, // remove one job
];

const isAllowedWrite = (method: string, path: string) => method === 'PUT' && ALLOWED_WRITES.some((re) => re.test(path));

export function queuesBoard(basePath: string, writable: boolean): QueuesBoard {
  const queues = openQueues();
  const adapter = new ExpressAdapter();
  adapter.setBasePath(basePath);
  createBullBoard({
    queues: queues.all.map((q) => new BullMQAdapter(q, { readOnlyMode: !writable, allowRetries: writable })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'xxgk queues' } },
  });
  const board = adapter.getRouter() as Router & { disable?: (setting: string) => void };
  board.disable?.('x-powered-by');
  const onlyRetryAndRemove = (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || (writable && isAllowedWrite(req.method, req.path))) {
      next();
      return;
    }
    res
      .status(403)
      .type('text/plain')
      .send(
        writable
          ? 'the queue board allows only retry and remove'
          : 'the queue board is read-only (start with --writable to retry and remove jobs)',
      );
  };
  const router = express.Router();
  router.use(onlyRetryAndRemove, board);
  return { router, close: queues.close };
}
