// A queue worker's main thread, and the importer's, only hand files to the parse threads, which
// load the parsers themselves: a second copy in the main thread was ~30 MB of RSS per worker
// process for nothing. Checked on the build, which the parse pool's threads run anyway.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const dist = path.join(__dirname, '..', 'dist');

test.each(['queues/startWorker.js', 'pipeline/local/runImport.js'])('%s loads no parser', (entry) => {
  const file = path.join(dist, entry);
  expect(existsSync(file)).toBe(true);
  const script = `require(${JSON.stringify(file)}); console.log(JSON.stringify(Object.keys(require.cache)))`;
  const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
  const parsers = loaded.filter(
    (f) =>
      f.startsWith(path.join(dist, 'parsers') + path.sep) ||
      /node_modules[\\/](pdfjs-dist|mammoth|sharp|@node-rs[\\/]jieba)[\\/]/.test(f),
  );
  // the modules are loaded at all (the check sees something), but none of the parsers
  expect(loaded.some((f) => f.startsWith(path.join(dist, 'pipeline')))).toBe(true);
  expect(parsers).toEqual([]);
});
