// bytes → record: the one function the CLI, the queue workers and the watcher all call.
// It never throws for bad input: the record carries { error: { code, message } } instead.
import { parseDocument, type ParseOptions } from '../parsers';
import { detectFormat } from '../parsers/detectFormat';
import { analyseDoc } from '../src/analyse';
import { toXxgkError } from '../src/model/errors';
import type { ReportRecord } from '../src/model/record';
import { PARSER_VERSION } from '../src/model/version';
import { logInternal } from './logInternal';

export interface ReportSource {
  path: string;
  url?: string;
  fetchedAt?: string;
}

import { sha256 } from './sha256';
export { sha256 };

export async function parseReport(
  bytes: Uint8Array,
  source: ReportSource,
  opts: Partial<ParseOptions> = {},
): Promise<ReportRecord> {
  const started = performance.now();
  const guessed = detectFormat(bytes, opts.fileName ?? source.path);
  const base = {
    source: { ...source, sha256: sha256(bytes), format: guessed === 'zip' || guessed === 'unknown' ? null : guessed },
  };
  try {
    const parseOpts = { fileName: source.path, ...opts };
    // the format detected above is the parse's where the file name is the same
    const detected = parseOpts.fileName === (opts.fileName ?? source.path) ? guessed : undefined;
    const doc = await parseDocument(bytes, parseOpts, detected);
    const analysed = analyseDoc(doc, { url: source.url });
    base.source.format = doc.format;
    // listed, not spread: the record's key order stays that of record.md, and cheaply
    return {
      source: base.source,
      report: analysed.report,
      sections: analysed.sections,
      tables: analysed.tables,
      cells: analysed.cells,
      flags: analysed.flags,
      rules: analysed.rules,
      findings: analysed.findings,
      ...(analysed.otherRows ? { otherRows: analysed.otherRows } : {}),
      parser: { version: PARSER_VERSION, ms: round(performance.now() - started) },
      error: null,
    };
  } catch (e) {
    const err = toXxgkError(e);
    if (err.code === 'INTERNAL') logInternal(e, source.path);
    return {
      ...base,
      report: { title: null, agency: null, year: null },
      sections: [],
      tables: [],
      cells: [],
      flags: [],
      parser: { version: PARSER_VERSION, ms: round(performance.now() - started) },
      error: { code: err.code, message: err.message },
    };
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
