// PATH... → the files to import: plain files as given, folders walked, globs expanded by
// fast-glob. Sorted and unique so that runs are repeatable.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import fg from 'fast-glob';

/** in a folder, only files that can be reports; a file named on the command line is always taken */
const REPORT_FILE = /(?:^|\/)[^/.]+$|\.(?:pdf|docx?|wps|rtf|odt|s?html?|xhtml|txt|text|md)$/i;
/** a folder's own notes are not reports */
const FOLDER_NOTES = /(?:^|\/)(?:README|LICENSE|CHANGELOG|SOURCES)(?:\.[a-z]+)?$/i;

export interface Inputs {
  files: string[];
  missing: string[];
}

export async function expandInputs(args: string[]): Promise<Inputs> {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (info?.isFile()) files.add(resolve(arg));
    else if (info?.isDirectory()) {
      for (const f of await fg('**/*', { cwd: arg, absolute: true, onlyFiles: true, dot: false }))
        if (REPORT_FILE.test(f) && !FOLDER_NOTES.test(f)) files.add(f);
    } else if (fg.isDynamicPattern(arg)) {
      const found = await fg(arg, { absolute: true, onlyFiles: true });
      if (found.length === 0) missing.push(arg);
      for (const f of found) files.add(f);
    } else missing.push(arg);
  }
  return { files: [...files].sort(), missing };
}
