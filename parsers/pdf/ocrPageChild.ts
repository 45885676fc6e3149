// A child process that reads one page by OCR (ocrPage.ts) and writes its words and borders to
// stdout, structured-cloned (v8.serialize: numbers exactly as computed, -0 included). The page
// images (~9 MB each at 300 dpi, a dozen of them alive at once, and sharp's buffers) live and
// die with this process, so a parse thread's memory does not rise by ~100 MB per scan and stay
// fragmented after it. An error is written too, with the fields ocrPdf.ts judges it by.
import { serialize } from 'node:v8';
import sharp from 'sharp';
import { readOcrPage, type OcrPageTask } from './ocrPage';

// one page, one image at a time: libvips's cache and thread pool would only hold more memory
sharp.cache(false);
sharp.concurrency(1);

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2]) as OcrPageTask;
  let reply: unknown;
  try {
    reply = { page: await readOcrPage(task) };
  } catch (e) {
    const err = e as Error & { killed?: boolean; stderr?: string };
    reply = { error: { message: err.message ?? String(e), stderr: err.stderr, killed: err.killed } };
  }
  process.stdout.write(serialize(reply), () => process.exit(0));
}

void main();
