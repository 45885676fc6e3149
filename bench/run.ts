// `npm run bench`: parse throughput per format (and, when bench/queueBench exists and Redis and
// PostgreSQL answer, throughput through the queue). Goals from the issues are printed beside.
import { runParseBench } from './parseBench';
import { runOcrBench } from './ocrBench';

// the speed issue's bars; every format's peak RSS under 300 MB
const GOALS: Record<string, string> = {
  text: '≥ 3000 reports/CPU-s',
  html: '≥ 1500 reports/CPU-s',
  pdf: '≤ 2× pdftotext -layout (1.5×)',
  docx: '—',
};

async function main() {
  const quick = process.argv.includes('--quick');
  const results = await runParseBench(quick ? { text: 300, html: 100, pdf: 6, docx: 20 } : undefined);
  console.log('\nParse throughput, one process, one core');
  console.table(
    results.map((r) => ({
      format: r.format,
      files: r.files,
      docs: r.docs,
      'reports/s': r.perSecond,
      'reports/CPU-s': r.perCpuSecond,
      'ms/report': r.msPerDoc,
      ...(r.msPerPage !== undefined ? { 'ms/page': r.msPerPage } : {}),
      ...(r.pdftotextMs !== undefined
        ? { 'pdftotext ms/report': r.pdftotextMs, '× pdftotext': r.ratioToPdftotext }
        : {}),
      ...(r.stages ? { 'read ms': r.stages.readMs, 'analyse ms': r.stages.analyseMs } : {}),
      'RSS MB start/peak/end': `${Math.round(r.startRssMb)}/${Math.round(r.peakRssMb)}/${Math.round(r.endRssMb)}`,
      failed: r.failed,
      goal: GOALS[r.format] ?? '',
    })),
  );
  if (!process.argv.includes('--no-ocr')) {
    const ocr = await runOcrBench();
    console.log('\nScanned PDFs read by OCR, seconds per page');
    if (typeof ocr === 'string') console.log(`OCR benchmark skipped: ${ocr}`);
    else console.table(ocr);
  }
  if (!process.argv.includes('--parse-only')) {
    try {
      const queue = require('./queueBench') as typeof import('./queueBench');
      console.log('\nThrough the queue (PostgreSQL store) against in-process, same files, same run');
      console.log(queue.formatQueueBench(await queue.runQueueBench(quick ? 200 : 1000)));
    } catch (e) {
      console.log(`queue benchmark skipped: ${(e as Error).message}`);
    }
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
