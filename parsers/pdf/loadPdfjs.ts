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
    const nativeBase64 = 'toBase64' in Uint8Array.prototype;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs'; // untyped: import by name
    const worker: unknown = await import(workerModule);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    for (const [k, d] of natives) {
      if (Object.getOwnPropertyDescriptor(Array.prototype, k)?.value !== d!.value) Object.defineProperty(Array.prototype, k, d!);
    }
    if (!nativeBase64) useBufferBase64();
    return pdfjs;
  })();
  return pdfjsPromise;
}

/**
 * Node 20 has no Uint8Array.prototype.toBase64, so core-js adds a slow one; pdfjs calls it on
 * every embedded font (the @font-face rule, see fontSink.ts): ~15% of a parse. Buffer's base64
 * gives the same string natively; calls with options still go to the polyfill.
 */
function useBufferBase64(): void {
  const proto = Uint8Array.prototype as unknown as { toBase64?: (this: Uint8Array, options?: unknown) => string };
  const polyfill = proto.toBase64;
  if (!polyfill) return;
  Object.defineProperty(Uint8Array.prototype, 'toBase64', {
    configurable: true, writable: true, enumerable: false,
    value(this: Uint8Array, options?: unknown): string {
      if (options !== undefined) return polyfill.call(this, options);
      return Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString('base64');
    },
  });
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
