// Loads pdfjs-dist (legacy build: the plain build needs DOMMatrix, absent in Node 20) once per
// process, and the document options that make CJK text in non-embedded fonts come out as Unicode.
import * as nodeCrypto from 'node:crypto';
import * as nodeZlib from 'node:zlib';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { canvasStandIn } from './drawingStandIns';

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
    enablePatchedPaths();
    const pdfjs = await withoutCanvas(() => import('pdfjs-dist/legacy/build/pdf.mjs'));
    const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs'; // untyped: import by name
    const worker: unknown = await import(workerModule);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    for (const [k, d] of natives) {
      if (Object.getOwnPropertyDescriptor(Array.prototype, k)?.value !== d!.value)
        Object.defineProperty(Array.prototype, k, d!);
    }
    if (!nativeBase64) useBufferBase64();
    return pdfjs;
  })();
  return pdfjsPromise;
}

/**
 * pdfjs's display module, when it loads in Node, requires @napi-rs/canvas for its DOMMatrix,
 * ImageData and Path2D (it would draw with it). We never draw: while it loads, that request gets
 * stand-ins (drawingStandIns.ts) and skia is never mapped into the process: ~20 MB less RSS
 * per process that parses PDFs.
 */
async function withoutCanvas<T>(load: () => Promise<T>): Promise<T> {
  // the module loader pdfjs's own require goes through (getBuiltinModule, as pdfjs gets it: under
  // jest an import of node:module gives jest's stand-in)
  const builtin = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  const loader = (builtin?.('module') ?? Module) as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === '@napi-rs/canvas' ? canvasStandIn : original.call(this, request, ...rest);
  };
  try {
    return await load();
  } finally {
    loader._load = original;
  }
}

/**
 * patches/pdfjs-dist+5.6.205.patch (applied by patch-package on install) adds nine switches to
 * pdfjs's legacy build, all off unless set here:
 * - a composite (CID) font with a ToUnicode map is not inflated, parsed or repaired: its text
 *   and widths come from the PDF's dictionaries, only drawing needs the glyph program. Parsing
 *   WPS/Word reports' embedded CJK TrueType fonts was ~30% of a PDF parse, inflating them ~5%;
 * - an embedded Type 1 font (LibreOffice's) is parsed for its matrix and built-in encoding but
 *   not compiled to CFF and OpenType for drawing: ~20% of a LibreOffice PDF's parse; of its
 *   glyph programs only those whose width the PDF leaves out are decrypted and run;
 * - built-in CMaps (non-embedded CJK fonts: UniGB-UCS2-H, Adobe-GB1-UCS2…) are parsed once per
 *   process instead of once per document, and so is the Unicode map a font gets from them
 *   (shared by the fonts, copied only by one that amends it) and the code → drawn character
 *   map built from it: copying and walking ~30,000 codes per font was ~25% of such a parse;
 * - a ToUnicode CMap's codes are walked by its keys when few (a subset font's few hundred codes
 *   spread up to 0xffff), not by probing all 65,536: ~6% of a WPS report's parse; the font's
 *   Unicode map built from it is sparse too (was 65,536 slots, walked again per font);
 * - the graphics state saved by q is copied flat instead of made the prototype of its successor
 *   (a chain of prototypes, each one's fields slow to read and write): ~6% of a parse;
 * - AES-256 (PDF 2.0) key derivation uses node:crypto instead of pdfjs's JS SHA-2/AES: ~0.2 s
 *   less per encrypted document, owner-password-only reports included;
 * - Flate and Brotli streams are inflated by node:zlib in one synchronous call instead of a
 *   DecompressionStream each (web streams and a thread-pool round trip per stream);
 * - in pdf.mjs, the worker running on this thread hands operator lists over by reference
 *   instead of structured-cloning every glyph of every text operator (we only read them), and
 *   the worker no longer lists the buffers a clone would transfer.
 * - an image pdfjs does not decode (maxImageSize 0: none is) still leaves a paint operator
 *   without its data, so that the page's image boxes are known (pageRulings.ts): a scanned page
 *   among text pages, a table pasted as a picture, read by OCR.
 * Without the patch (e.g. installed with --ignore-scripts) the switches do nothing: the same
 * records, slower, except that pictures among text pages are not found and so not read.
 */
function enablePatchedPaths(): void {
  const g = globalThis as {
    __xxgkSkipCidFontPrograms?: boolean;
    __xxgkNodeCrypto?: typeof nodeCrypto;
    __xxgkNodeZlib?: typeof nodeZlib;
    __xxgkShareOperatorLists?: boolean;
    __xxgkTextOnlyType1Fonts?: boolean;
    __xxgkShareBuiltInCMaps?: boolean;
    __xxgkSparseCMapKeys?: boolean;
    __xxgkFlatEvalStates?: boolean;
    __xxgkImageBoxes?: boolean;
  };
  g.__xxgkSkipCidFontPrograms = true;
  g.__xxgkImageBoxes = true;
  g.__xxgkTextOnlyType1Fonts = true;
  g.__xxgkShareBuiltInCMaps = true;
  g.__xxgkSparseCMapKeys = true;
  g.__xxgkFlatEvalStates = true;
  g.__xxgkShareOperatorLists = true;
  g.__xxgkNodeCrypto = nodeCrypto;
  g.__xxgkNodeZlib = nodeZlib;
}

/** True when the worker installed carries the patch (tests check that the install applied it). */
export function pdfjsPatchApplied(): boolean {
  const require = createRequire(__filename);
  const read = (file: string) => readFileSync(require.resolve(`pdfjs-dist/legacy/build/${file}`), 'latin1');
  const worker = read('pdf.worker.mjs'),
    main = read('pdf.mjs');
  return (
    [
      '__xxgkSkipCidFontPrograms',
      '__xxgkTextOnlyType1Fonts',
      '__xxgkShareBuiltInCMaps',
      '__xxgkSparseCMapKeys',
      '__xxgkFlatEvalStates',
      '__xxgkImageBoxes',
      '__xxgkNodeCrypto',
      '__xxgkNodeZlib',
    ].every((s) => worker.includes(s)) && main.includes('__xxgkShareOperatorLists')
  );
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
    configurable: true,
    writable: true,
    enumerable: false,
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
