// Doc → everything a record says about the report. Knows nothing of the input format.
import type { Doc } from './model';
import type { ReportRecord } from './record';
import { XxgkError } from './errors';

export type Analysis = Pick<ReportRecord, 'report' | 'sections' | 'tables' | 'cells' | 'flags' | 'rules' | 'findings'>;

export function analyseDoc(doc: Doc): Analysis {
  void doc;
  throw new XxgkError('INTERNAL', 'analysis not written yet');
}
