// The original file of a stored report, found only by its content hash: the client names a
// sha256, never a path. The paths come from the store (reports.path and sources), and a file is
// served only when its bytes still hash to that sha256, so a moved or edited file is not
// passed off as the report.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { reportRow, sourceLocations, type Database } from '../../store';
import { isSha256 } from './reportView';

export interface OriginalFile {
  path: string;
  format: string | null;
  size: number;
}

/** hash of a file as last seen, so that each page view does not re-read a large PDF */
const hashCache = new Map<string, { mtimeMs: number; size: number; sha: string }>();

export async function findOriginal(
  db: Kysely<Database>,
  sha: string,
  baseDir: string,
): Promise<OriginalFile | undefined> {
  if (!isSha256(sha)) return undefined;
  const report = await reportRow(db, sha);
  if (!report) return undefined;
  const candidates = [report.path, ...(await sourceLocations(db, sha))].filter(
    (p) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(p),
  );
  for (const candidate of new Set(candidates)) {
    const path = isAbsolute(candidate) ? candidate : resolve(baseDir, candidate);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) continue;
    if ((await hashOf(path, info.mtimeMs, info.size)) === sha) return { path, format: report.format, size: info.size };
  }
  return undefined;
}

async function hashOf(path: string, mtimeMs: number, size: number): Promise<string> {
  const known = hashCache.get(path);
  if (known && known.mtimeMs === mtimeMs && known.size === size) return known.sha;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const sha = hash.digest('hex');
  hashCache.set(path, { mtimeMs, size, sha });
  return sha;
}
