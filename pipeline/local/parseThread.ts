// A parse thread: runs the parse stage for each task posted to it. An error nothing caught ends
// the thread, and the pool gives the file a record and starts a fresh thread (parsePool.ts), so
// nothing left over reaches the next file. One exception: pdfjs runs its worker side on this
// thread, and after a damaged PDF it may reject a promise nobody awaits (an XRefEntryException
// once the document is destroyed); that belongs to no parse and changes no record, so it is
// not worth a thread and a second parse of the innocent file in hand.
import { parentPort } from 'node:worker_threads';
import { parseStage, type ParseTask } from '../stages/parse';
import { sourceTable, type TableTask } from '../stages/sourceTable';
import { onChildProcess } from '../../parsers/childProcesses';
import { warmUp } from './warmUp';

const PDFJS_EXCEPTIONS = new Set([
  'XRefEntryException',
  'XRefParseException',
  'FormatError',
  'InvalidPDFException',
  'UnknownErrorException',
  'MissingDataException',
  'PasswordException',
  'AbortException',
  'ResponseException',
]);
process.on('unhandledRejection', (reason) => {
  if (PDFJS_EXCEPTIONS.has((reason as { name?: string } | null)?.name ?? '')) return;
  throw reason;
});

// the programs a parse starts, for the pool to kill should it terminate this thread
onChildProcess((child) => parentPort?.postMessage({ child }));

parentPort?.on('message', async (msg: { id: number } & ({ task: ParseTask } | { table: TableTask })) => {
  // a table for the review's source view, or a file's record
  if ('table' in msg) parentPort?.postMessage({ id: msg.id, ...(await sourceTable(msg.table)) });
  else parentPort?.postMessage({ id: msg.id, record: await parseStage(msg.task) });
});
// loaded and warmed up: the pool may count this thread as ready (a message without an id) and
// start the time limit of the file it gives it
void warmUp()
  .catch((e: unknown) => process.stderr.write(`xxgk: the parse thread's warm-up failed: ${String(e)}\n`))
  .finally(() => parentPort?.postMessage({ ready: true }));
