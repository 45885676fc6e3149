// pdfjs reads CMap files (fonts that are not embedded: UniGB-UCS2-H …) and standard-font data
// from disk for every document. A worker parsing thousands of reports asks for the same few
// files each time, so they are kept in memory after the first read (a few MB at most: the
// whole cmaps folder is ~1.5 MB).
import { readFile } from 'node:fs/promises';

type Kind = 'cMapUrl' | 'standardFontDataUrl' | 'wasmUrl';

const cache = new Map<string, Promise<Uint8Array>>();

/** Drop-in for pdfjs's NodeBinaryDataFactory (the `BinaryDataFactory` getDocument option). */
export class CachedBinaryDataFactory {
  private readonly bases: Partial<Record<Kind, string | null>>;

  constructor(bases: Partial<Record<Kind, string | null>>) {
    this.bases = bases;
  }

  async fetch({ kind, filename }: { kind: Kind; filename: string }): Promise<Uint8Array> {
    const base = this.bases[kind];
    if (!base) throw new Error(`Ensure that the \`${kind}\` API parameter is provided.`);
    const path = `${base}${filename}`;
    let bytes = cache.get(path);
    if (!bytes) {
      bytes = readFile(path).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      cache.set(path, bytes);
      bytes.catch(() => cache.delete(path)); // a failed read is retried next time
    }
    // a copy: pdfjs may transfer (detach) the buffer it is handed
    return (await bytes).slice();
  }
}

/** The files read so far (for tests and diagnostics). */
export const cachedBinaryFiles = (): string[] => [...cache.keys()];
