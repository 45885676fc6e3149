// A worker thread of the in-process import: runs the parse stage for tasks posted to it.
import { parentPort } from 'node:worker_threads';
import { parseStage, type ParseTask } from '../stages/parse';

parentPort?.on('message', async (msg: { id: number; task: ParseTask }) => {
  const record = await parseStage(msg.task);
  parentPort?.postMessage({ id: msg.id, record });
});
// loaded: the pool may count this thread as ready (a message without an id)
parentPort?.postMessage({ ready: true });
