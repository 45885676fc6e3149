// Convert a legacy office file (Word 97, WPS, RTF, ODT) to DOCX with LibreOffice:
// headless, a private profile per run (parallel runs would otherwise fight over one),
// a time limit that kills the whole process group, temporary files always removed.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XxgkError } from '../../src/model/errors';
import { config } from '../../src/model/config';
import { announceChild, announceTempDir } from '../childProcesses';

const LIBREOFFICE_PACKAGE = 'libreoffice-writer-nogui';

/** The soffice executable on PATH, or undefined. */
export function findSoffice(path = config().PATH): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const name of ['soffice', 'libreoffice']) {
      const file = join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        /* not here */
      }
    }
  }
  return undefined;
}

export interface ConvertOptions {
  /** the input's extension, so LibreOffice picks the right import filter first */
  extension: string;
  timeoutMs: number;
}

export async function convertToDocx(bytes: Uint8Array, opts: ConvertOptions): Promise<Uint8Array> {
  const soffice = findSoffice();
  if (!soffice) {
    throw new XxgkError(
      'CONVERTER_MISSING',
      'reading DOC/WPS/RTF/ODT needs LibreOffice (soffice), which is not on PATH: ' +
        `install the Debian package ${LIBREOFFICE_PACKAGE}`,
    );
  }
  const work = await mkdtemp(join(tmpdir(), 'xxgk-doc-'));
  const profile = await mkdtemp(join(tmpdir(), 'xxgk-lo-'));
  announceTempDir(work, true);
  announceTempDir(profile, true);
  try {
    const input = join(work, `input.${opts.extension}`);
    const outDir = join(work, 'out');
    await writeFile(input, bytes);
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--nodefault',
      '--nofirststartwizard',
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      outDir,
      input,
    ];
    const log = await run(soffice, args, opts.timeoutMs);
    const produced = (await readdir(outDir).catch(() => [] as string[])).find((f) => f.endsWith('.docx'));
    if (!produced) {
      // keep LibreOffice's own reason, without its start-up noise about Java
      const reason = log
        .split('\n')
        .filter((l) => l.trim() && !/javaldx|^Warning/i.test(l))
        .join(' ')
        .slice(0, 300);
      throw new XxgkError('CORRUPT_FILE', `LibreOffice could not convert the file: ${reason || 'no output'}`);
    }
    return await readFile(join(outDir, produced));
  } finally {
    await Promise.all([rm(work, { recursive: true, force: true }), rm(profile, { recursive: true, force: true })]);
    announceTempDir(work, false);
    announceTempDir(profile, false);
  }
}

/** Run a command; resolve with its output, reject with TIMEOUT after killing its process group. */
function run(cmd: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    announceChild(child, true);
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      // soffice starts helper processes (oosplash → soffice.bin): kill the group
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new XxgkError('CONVERTER_MISSING', `could not start ${cmd}: ${e.message}`));
    });
    child.on('close', () => {
      clearTimeout(timer);
      if (timedOut)
        reject(new XxgkError('TIMEOUT', `LibreOffice took longer than ${timeoutMs} ms to convert the file`));
      else resolve(output);
    });
  });
}
