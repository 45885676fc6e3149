// A scan none of whose pages is read within the time limit ends as TIMEOUT, which the parse pool
// retries once on a quiet worker, not as NOT_A_REPORT stored for good: the result of a busy
// machine must not look like the file's.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DEFAULT_LIMITS } from '../parsers/types';
import { parseReport } from '../pipeline/parseReport';
import { sampleFile } from './support/fixtures';

const hasOcr = (() => {
  try {
    const langs = execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return /\bchi_sim\b/.test(langs) && /\beng\b/.test(langs);
  } catch {
    return false;
  }
})();
if (!hasOcr) console.warn('ocrTimeLimit: tesseract (chi_sim, eng) or pdftoppm is not installed: skipped');

(hasOcr ? test : test.skip)('a scan whose only page passes the time limit is TIMEOUT, not NOT_A_REPORT', async () => {
  const bytes = new Uint8Array(readFileSync(sampleFile('pdf', 'scanned-page.pdf')));
  const record = await parseReport(
    bytes,
    { path: 'scanned-page.pdf' },
    { limits: { ...DEFAULT_LIMITS, timeoutMs: 1500 } },
  );
  expect(record.error?.code).toBe('TIMEOUT');
});
