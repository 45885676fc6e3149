// A parse thread: runs the parse stage for each task posted to it. It has no error handlers of
// its own on purpose: an error nothing caught ends the thread, and the pool gives the file a
// record and starts a fresh thread (parsePool.ts), so nothing left over reaches the next file.
import { parentPort } from 'node:worker_threads';
import { parseStage, type ParseTask } from '../stages/parse';
import { onChildProcess } from '../../parsers/childProcesses';

// the programs a parse starts, for the pool to kill should it terminate this thread
onChildProcess((child) => parentPort?.postMessage({ child }));

parentPort?.on('message', async (msg: { id: number; task: ParseTask }) => {
  const record = await parseStage(msg.task);
  parentPort?.postMessage({ id: msg.id, record });
});
// loaded: the pool may count this thread as ready (a message without an id)
parentPort?.postMessage({ ready: true });
