// The four stages every import runs, in-process or through the queues: ingest → parse → check → store.
export { expandInputs, type Inputs } from './expandInputs';
export { ingestFile, type Ingested } from './ingest';
export { failedRecord } from './failedRecord';
export type { ParseTask } from './parse';
export { checkStage, type Checked, type Verdict } from './check';
export { storeStage, addSourceStage, type StoreOutcome } from './store';
export { createRecordWriter, STORE_BATCH, type RecordWriter, type WriterOptions } from './recordWriter';
