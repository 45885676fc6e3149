// Why a job failed, as data: {code, message}. BullMQ keeps only an error's message (the job's
// failedReason, which both the `failed` event and getFailed() hand back), so a job that fails for
// a known reason throws one of these two errors, whose message is the error as JSON, and
// jobErrorOf() is the one place that reads it back.
import { UnrecoverableError } from 'bullmq';

export interface JobError {
  code: string;
  message: string;
}

/** A known fault that may pass (a transient store verdict, a file that could not be read): retried with backoff. */
export class RetriedJobError extends Error {
  constructor(readonly error: JobError) {
    super(JSON.stringify(error));
  }
}

/** Bad input: stored with its code, fails at once (BullMQ makes no further attempts). */
export class FinalJobError extends UnrecoverableError {
  constructor(readonly error: JobError) {
    super(JSON.stringify(error));
  }
}

export const isJobError = (e: unknown): e is RetriedJobError | FinalJobError =>
  e instanceof RetriedJobError || e instanceof FinalJobError;

/**
 * The error a failed job carries. A failure that is none of ours (a lost lock, a store or Redis
 * fault that outlived the retries) carries only BullMQ's text: INTERNAL with that text.
 */
export function jobErrorOf(failedReason: string | undefined): JobError {
  const reason = failedReason ?? '';
  try {
    const v = JSON.parse(reason) as Partial<JobError> | null;
    if (v && typeof v.code === 'string' && typeof v.message === 'string') return { code: v.code, message: v.message };
  } catch {
    // not ours: BullMQ's or a library's own text
  }
  return { code: 'INTERNAL', message: reason };
}
