// Stage 3, check: the record must match the record schema before it is stored, and its error
// (if any) decides what happens next: bad input is stored with its code and never retried;
// a transient fault is not stored, so a retry (queue) or the next import tries again.
import { ReportRecord } from '../../src/model/record';
import { isPermanent, type ErrorCode } from '../../src/model/errors';

export type Verdict = 'ok' | 'badInput' | 'transient';
export interface Checked {
  record: ReportRecord;
  verdict: Verdict;
}

export function checkStage(candidate: unknown): Checked {
  const parsed = ReportRecord.safeParse(candidate);
  if (!parsed.success) {
    const c = candidate as Partial<ReportRecord> | undefined;
    const record: ReportRecord = {
      source: { path: c?.source?.path ?? '', sha256: c?.source?.sha256 ?? '', format: null },
      report: { title: null, agency: null, year: null },
      sections: [],
      tables: [],
      cells: [],
      flags: [],
      parser: c?.parser,
      error: {
        code: 'INTERNAL',
        message: `the record does not match the schema: ${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
      },
    };
    // a bug of this parser version, like any INTERNAL: stored as failed, not retried
    return { record, verdict: 'badInput' };
  }
  const record = parsed.data;
  if (!record.error) return { record, verdict: 'ok' };
  return { record, verdict: isPermanent(record.error.code as ErrorCode) ? 'badInput' : 'transient' };
}
