// Stage 1, ingest: read the file and hash it. The hash is the report's identity everywhere
// after this (store key, queue job id); the bytes themselves never travel.
import { readFile } from 'node:fs/promises';
import { sha256 } from '../sha256';

/** gone: the file is not there (or is a folder), so reading it again will not help */
export type Ingested =
  | { path: string; sha256: string; size: number }
  | { path: string; error: { code: 'READ_FAILED'; message: string }; gone: boolean };

export async function ingestFile(path: string): Promise<Ingested> {
  try {
    const bytes = await readFile(path);
    return { path, sha256: sha256(bytes), size: bytes.length };
  } catch (e) {
    const errno = (e as NodeJS.ErrnoException).code;
    return {
      path,
      error: { code: 'READ_FAILED', message: `cannot read ${path}: ${errno ?? (e as Error).message}` },
      gone: errno === 'ENOENT' || errno === 'EISDIR',
    };
  }
}
