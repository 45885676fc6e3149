// Where files came from, for `xxgk parse` and `xxgk import`: `--url URL` for one file, or
// `--manifest FILE` for many, as CSV with the header `path,url` or as JSON Lines of
// {"path", "url"}; a manifest's paths are relative to its own folder (a relative path that is
// not there but is in the working directory is that file: manifests written by tools name files
// from where they ran). The URL goes to the record's source.url, where the analysis may take the
// issuer's region from the site.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';

export interface SourceUrls {
  files: string[];
  urls: Map<string, string>;
}

export class ManifestError extends Error {}

/** one CSV line → fields, with "quoted, fields" and "" inside quotes */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

/** a manifest's path: from the manifest's folder, or from the working directory when only there */
function locate(base: string, path: string): string {
  const fromManifest = resolve(base, path);
  if (isAbsolute(path) || existsSync(fromManifest)) return fromManifest;
  const fromHere = resolve(path);
  return existsSync(fromHere) ? fromHere : fromManifest;
}

/** the manifest's files in its order, each with its URL (files without one are listed too) */
function readManifest(file: string): Array<{ path: string; url: string | undefined }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new ManifestError(
      `cannot read the manifest ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const base = dirname(resolve(file));
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const rows: Array<{ path: string; url: string | undefined }> = [];
  if (lines[0]?.trim().startsWith('{')) {
    lines.forEach((line, i) => {
      let row: { path?: unknown; url?: unknown };
      try {
        row = JSON.parse(line);
      } catch {
        throw new ManifestError(`${file}:${i + 1}: not a JSON object`);
      }
      if (typeof row.path !== 'string' || !row.path) throw new ManifestError(`${file}:${i + 1}: no "path"`);
      rows.push({ path: locate(base, row.path), url: typeof row.url === 'string' && row.url ? row.url : undefined });
    });
    return rows;
  }
  const header = csvFields(lines[0] ?? '').map((h) => h.toLowerCase());
  const p = header.indexOf('path');
  const u = header.indexOf('url');
  if (p < 0 || u < 0) throw new ManifestError(`${file}: a CSV manifest starts with the header path,url`);
  for (const line of lines.slice(1)) {
    const f = csvFields(line);
    if (!f[p]) continue;
    rows.push({ path: locate(base, f[p]), url: f[u] || undefined });
  }
  return rows;
}

/**
 * The files to read and the URL of each: the files named on the command line (or, when none
 * are, the manifest's), URLs from --url (one file only) or the manifest.
 */
export function sourceUrls(args: string[], opts: { url?: string; manifest?: string }): SourceUrls {
  const urls = new Map<string, string>();
  let files = args;
  if (opts.manifest) {
    const rows = readManifest(opts.manifest);
    for (const r of rows) if (r.url) urls.set(r.path, r.url);
    if (!files.length) files = rows.map((r) => r.path);
  }
  if (opts.url !== undefined) {
    if (files.length !== 1) throw new ManifestError('--url names the source of one file; use --manifest for several');
    try {
      new URL(opts.url);
    } catch {
      throw new ManifestError(`--url: not a URL: ${opts.url}`);
    }
    urls.set(resolve(files[0]), opts.url);
  }
  return { files, urls };
}

export const urlOf = (urls: Map<string, string>, path: string) => urls.get(resolve(path));
