// Bull Board: a web page of the queues (jobs per state, failed reasons, retry buttons).
// `node dist/queues/dashboard.js` (PORT, default 3000; REDIS_URL, XXGK_QUEUE_PREFIX as the workers).
import express from 'express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { openQueues } from './queues';
import { config } from '../src/model/config';

export function createDashboard(basePath = '/') {
  const queues = openQueues();
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({ queues: queues.all.map((q) => new BullMQAdapter(q)), serverAdapter });
  const app = express();
  app.use(basePath, serverAdapter.getRouter());
  return { app, close: queues.close };
}

if (require.main === module) {
  const port = config().PORT;
  const { app, close } = createDashboard();
  const server = app.listen(port, () => process.stderr.write(`queue dashboard on http://0.0.0.0:${port}/\n`));
  const stop = () => server.close(() => void close().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
