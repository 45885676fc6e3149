// A parse thread (the messages of pipeline/local/parseThread.ts) in which a file named
// *stray-error* leaves an error behind that nothing catches, as pdfjs did with damaged PDFs:
// it throws from a timer while the parse is still in hand. Every other file is parsed by the
// real parse stage of the build.
const { parentPort } = require('node:worker_threads');
const { join } = require('node:path');
const { parseStage } = require(join(__dirname, '..', '..', 'dist', 'pipeline', 'stages', 'parse.js'));

parentPort.on('message', async (msg) => {
  if (msg.task.path.includes('stray-error')) {
    setTimeout(() => {
      throw new Error('a stray error nothing caught');
    }, 10);
    return;
  }
  const record = await parseStage(msg.task);
  parentPort.postMessage({ id: msg.id, record });
});
parentPort.postMessage({ ready: true });
