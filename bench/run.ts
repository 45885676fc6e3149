// `npm run bench`: parse throughput per format (and, when bench/queueBench exists and Redis and
// PostgreSQL answer, throughput through the queue). Goals from the issues are printed beside.
// `--flat N` adds N more mixed reports on the same parse thread after the formats, with the RSS
// every 1,000, to see that a worker's memory stays flat over a long life.
import { runParseBench, FLAT_STEP, type FlatPoint } from './parseBench';

// the speed issue's bars; every format's peak RSS under 300 MB
const GOALS: Record<string, string> = {
  text: '≥ 3000 reports/CPU-s',
  html: '≥ 1500 reports/CPU-s',
  pdf: '≤ 2× pdftotext -layout (1.5×)',
  docx: '—',
};

async function main() {
  const quick = process.argv.includes('--quick');
  const flatAt = process.argv.indexOf('--flat');
  const flatReports = flatAt > 0 ? Number(process.argv[flatAt + 1]) : 0;
  if (flatAt > 0 && !(flatReports > 0)) throw new Error('--flat needs a number of reports');
  const flat: FlatPoint[] = [];
  if (flatReports)
    console.log(`after the formats, ${flatReports} more mixed reports on the same thread, a line every ${FLAT_STEP}:`);
  const results = await runParseBench(quick ? { text: 300, html: 100, pdf: 6, docx: 20 } : undefined, {
    flatReports,
    onFlat: (p) => {
      flat.push(p);
      console.log(
        `  ${p.reports} reports: RSS ${Math.round(p.rssMb)} MB, peak since the line before ` +
          `${Math.round(p.peakMb)} MB (during ${p.peakBy}), heap used ${Math.round(p.heapUsedMb)} MB, ` +
          `external ${Math.round(p.externalMb)} MB`,
      );
    },
  });
  console.log(
    '\nParse throughput and memory: one process, one parse thread (a queue worker with --concurrency 1);' +
      ' rates of the last timed block, after the thread had parsed "after reports" (a warm worker), and of the first',
  );
  console.table(
    results.map((r) => ({
      format: r.format,
      files: r.files,
      docs: r.docs,
      'reports/s': r.perSecond,
      'reports/CPU-s': r.perCpuSecond,
      // a fresh worker's rate (the first timed block) and how warm the reported one is
      'first block /CPU-s': r.firstPerCpuSecond,
      'after reports': r.docsBefore,
      'ms/report': r.msPerDoc,
      ...(r.msPerPage !== undefined ? { 'ms/page': r.msPerPage } : {}),
      ...(r.pdftotextMs !== undefined
        ? { 'pdftotext ms/report': r.pdftotextMs, '× pdftotext': r.ratioToPdftotext }
        : {}),
      ...(r.stages ? { 'read ms': r.stages.readMs, 'analyse ms': r.stages.analyseMs } : {}),
      // start: before the format's first file; peak: the kernel's high-water mark over the format
      'RSS MB start/peak/end': `${Math.round(r.startRssMb)}/${Math.round(r.peakRssMb)}/${Math.round(r.endRssMb)}`,
      failed: r.failed,
      goal: GOALS[r.format] ?? '',
    })),
  );
  // which file each format's peak was reached in: where to look first when a peak moves
  console.log('Peak RSS reached during:');
  for (const r of results) console.log(`  ${r.format}: ${r.peakBy} (${Math.round(r.peakRssMb)} MB)`);
  if (flat.length) {
    const rss = flat.map((p) => p.rssMb);
    const peaks = flat.map((p) => p.peakMb);
    console.log(
      `\nLong run, ${flat[flat.length - 1].reports} reports: RSS ${Math.round(Math.min(...rss))}–` +
        `${Math.round(Math.max(...rss))} MB at the lines, highest peak ${Math.round(Math.max(...peaks))} MB, ` +
        `first → last line ${Math.round(rss[0])} → ${Math.round(rss[rss.length - 1])} MB`,
    );
  }
  if (!process.argv.includes('--no-ocr')) {
    // loaded only now: it loads the parsers, which the parse bench keeps off this thread
    const { runOcrBench } = require('./ocrBench') as typeof import('./ocrBench');
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
