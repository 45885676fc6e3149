// Loads pdfjs-dist (legacy build: the plain build needs DOMMatrix, absent in Node 20) once per
// process, and the document options that make CJK text in non-embedded fonts come out as Unicode.
import { createRequire } from 'node:module';
import path from 'node:path';

export type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsPromise: Promise<Pdfjs> | undefined;

/**
 * The pdfjs module, imported once (ESM-only: a dynamic import kept as such by nodenext). The
 * worker module is loaded here too and handed to pdfjs, which then runs it on the main thread.
 * The legacy build's core-js polyfills replace some native Array methods process-wide (push
 * among them, measured ~10% of a parse and much garbage): the native ones are put back.
 */
export function loadPdfjs(): Promise<Pdfjs> {
  pdfjsPromise ??= (async () => {
    const natives = Object.getOwnPropertyNames(Array.prototype)
      .map((k) => [k, Object.getOwnPropertyDescriptor(Array.prototype, k)] as const)
      .filter(([, d]) => typeof d?.value === 'function');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs'; // untyped: import by name
    const worker: unknown = await import(workerModule);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    for (const [k, d] of natives) {
      if (Object.getOwnPropertyDescriptor(Array.prototype, k)?.value !== d!.value) Object.defineProperty(Array.prototype, k, d!);
    }
    return pdfjs;
  })();
  return pdfjsPromise;
}

let packageDir: string | undefined;

/** Plain filesystem paths with a trailing slash: pdfjs in Node rejects file:// URLs here. */
export function pdfjsDataPaths(): { cMapUrl: string; standardFontDataUrl: string } {
  if (!packageDir) {
    const require = createRequire(__filename);
    packageDir = path.dirname(require.resolve('pdfjs-dist/package.json'));
  }
  return {
    cMapUrl: path.join(packageDir, 'cmaps') + path.sep,
    standardFontDataUrl: path.join(packageDir, 'standard_fonts') + path.sep,
  };
}
