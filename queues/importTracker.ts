// What one `import --queue` knows while it follows its jobs: the ingest jobs and the parse jobs
// it still waits for, and what each file came to. Outcomes arrive in any order (a parse job can
// finish before the ingest result that announces it; an ingest job before addBulk has returned
// its id), so an outcome seen too early is kept until it can be placed. No I/O here: enqueue.ts
// feeds it from the job events and from its look at the jobs and the store.
import { emptySummary, type ImportSummary, type Tick } from '../pipeline/summary';
import type { IngestFileResult, IngestResult, ParseResult } from './queues';

type IngestOutcome = { result: IngestResult } | { code: string };
/** result null: the job was trimmed and the store says the report is stored without error */
type ParseOutcome = { result: ParseResult | null } | { code: string };

/** a file handed over by batch `<id>` has the ingest job `<id>-<index>` */
const batchOf = (jobId: string) => jobId.replace(/-\d+$/, '');

export class ImportTracker {
  readonly summary: ImportSummary;
  /** when a file last finished (epoch ms) */
  lastProgress = Date.now();
  /** resolves once every file has finished */
  readonly finished: Promise<void>;

  /** ingest job id → its paths, until the job's outcome is placed */
  private readonly ingestPending = new Map<string, string[]>();
  /** ingest outcomes seen before their job was expected */
  private readonly ingestEarly = new Map<string, IngestOutcome>();
  /** ids of our batch jobs (the files they hand over get `<batch id>-<index>`) */
  private readonly ourBatches = new Set<string>();
  /** every batch job is added: an unknown job id is no longer possibly ours */
  private allAdded = false;
  /** content hash → how many of our files wait for its parse job */
  private readonly parsePending = new Map<string, number>();
  /** parse outcomes seen before the ingest result that announces them */
  private readonly parseEarly = new Map<string, ParseOutcome>();
  /** parse outcomes placed: a file of a later batch with the same bytes is their duplicate */
  private readonly parsePlaced = new Map<string, ParseOutcome>();
  private resolveFinished!: () => void;

  /** run: this import's id, carried by its jobs (a report counts as new only for the run whose job stored it) */
  constructor(
    files: number,
    readonly run: string,
    private readonly onTick?: Tick,
  ) {
    this.summary = emptySummary(files);
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  /** batch jobs as addBulk returned them */
  batchesAdded(jobs: Array<{ id: string; paths: string[] }>): void {
    for (const job of jobs) this.ourBatches.add(job.id);
    for (const job of jobs) this.expectIngest(job.id, job.paths);
  }

  /** the last batch is added: outcomes of other imports' jobs are dropped from now on */
  allBatchesAdded(): void {
    this.allAdded = true;
    for (const id of this.ingestEarly.keys()) if (!this.mayBeOurs(id)) this.ingestEarly.delete(id);
    this.checkFinished();
  }

  /** result null: a completed job without its result (none of ours returns none): INTERNAL */
  ingestCompleted(jobId: string, result: IngestResult | null): void {
    this.placeIngest(jobId, result ? { result } : { code: 'INTERNAL' });
    this.checkFinished();
  }

  ingestFailed(jobId: string, code: string): void {
    this.placeIngest(jobId, { code });
    this.checkFinished();
  }

  /** result null: trimmed, and stored without error */
  parseCompleted(sha: string, result: ParseResult | null): void {
    this.placeParse(sha, { result });
    this.checkFinished();
  }

  parseFailed(sha: string, code: string): void {
    this.placeParse(sha, { code });
    this.checkFinished();
  }

  /** ingest jobs still waited for (for a look at the jobs when events were missed) */
  pendingIngest(limit: number): string[] {
    return [...this.ingestPending.keys()].slice(0, limit);
  }

  /** parse jobs (content hashes) still waited for */
  pendingParse(limit: number): string[] {
    return [...this.parsePending.keys()].slice(0, limit);
  }

  /** a copy of the summary as it stands */
  snapshot(): ImportSummary {
    return { ...this.summary, failed: { ...this.summary.failed } };
  }

  private mayBeOurs(jobId: string): boolean {
    return !this.allAdded || this.ourBatches.has(batchOf(jobId));
  }

  private expectIngest(jobId: string, paths: string[]): void {
    this.ingestPending.set(jobId, paths);
    const early = this.ingestEarly.get(jobId);
    if (!early) return;
    this.ingestEarly.delete(jobId);
    this.placeIngest(jobId, early);
  }

  private placeIngest(jobId: string, outcome: IngestOutcome): void {
    const paths = this.ingestPending.get(jobId);
    if (!paths) {
      if (this.mayBeOurs(jobId)) this.ingestEarly.set(jobId, outcome);
      return;
    }
    this.ingestPending.delete(jobId);
    if ('code' in outcome) return this.fail(outcome.code, paths.length);
    const { result } = outcome;
    if ('files' in result) for (const f of result.files) this.fileIngested(f);
    else this.fileIngested(result);
  }

  /** a file of a batch, or the one file of a single ingest job (no path, never handed over) */
  private fileIngested(f: Omit<IngestFileResult, 'path'> & { path?: string }): void {
    if (f.outcome === 'handedOver' && f.job) return this.expectIngest(f.job, [f.path ?? '']);
    // a file stored earlier with an error code failed then and fails now: listed as failed
    if (f.outcome === 'alreadyStored' && f.code) return this.fail(f.code, 1);
    if (f.outcome === 'alreadyStored' || !f.sha256) {
      this.summary.alreadyStored += 1;
      return this.tick(1);
    }
    const placed = this.parsePlaced.get(f.sha256);
    if (placed) return this.duplicateOf(placed);
    this.parsePending.set(f.sha256, (this.parsePending.get(f.sha256) ?? 0) + 1);
    const early = this.parseEarly.get(f.sha256);
    if (early) this.placeParse(f.sha256, early);
  }

  private placeParse(sha: string, outcome: ParseOutcome): void {
    const waiting = this.parsePending.get(sha);
    if (waiting === undefined) {
      this.parseEarly.set(sha, outcome);
      return;
    }
    this.parsePending.delete(sha);
    this.parseEarly.delete(sha);
    this.parsePlaced.set(sha, outcome);
    if ('code' in outcome) return this.fail(outcome.code, waiting);
    // stored by this import's own job: new; by another import's job for the same bytes running
    // at the same time, or left unchanged by the store's insert: already stored
    const { result } = outcome;
    const ours = !result || ((result.run === undefined || result.run === this.run) && result.outcome !== 'unchanged');
    if (ours) this.summary.new += 1;
    else this.summary.alreadyStored += 1;
    this.summary.duplicates += waiting - 1;
    this.tick(waiting);
  }

  /**
   * A file with the bytes of an earlier batch's file whose parse had already finished: a
   * duplicate, or (as in-process) one more failure of that code.
   */
  private duplicateOf(outcome: ParseOutcome): void {
    if ('code' in outcome) return this.fail(outcome.code, 1);
    this.summary.duplicates += 1;
    this.tick(1);
  }

  private fail(code: string, n: number): void {
    this.summary.failed[code] = (this.summary.failed[code] ?? 0) + n;
    this.tick(n);
  }

  private tick(n: number): void {
    this.summary.done += n;
    this.lastProgress = Date.now();
    this.onTick?.(this.summary);
  }

  private checkFinished(): void {
    if (this.allAdded && this.ingestPending.size === 0 && this.parsePending.size === 0) this.resolveFinished();
  }
}
