// What an import reports at the end, whichever way it ran (in-process or through the queue).
export interface ImportSummary {
  files: number;
  done: number;
  /** reports stored by this run (new, or replacing an older parser's result) */
  new: number;
  alreadyStored: number;
  /** files whose bytes equal another file of the same run (stored once, both paths kept) */
  duplicates: number;
  /** failed files by error code (bad input is stored with its code; transient faults are not) */
  failed: Record<string, number>;
}
export type Tick = (s: ImportSummary) => void;

export const emptySummary = (files: number): ImportSummary => ({
  files,
  done: 0,
  new: 0,
  alreadyStored: 0,
  duplicates: 0,
  failed: {},
});
export const failedCount = (s: ImportSummary) => Object.values(s.failed).reduce((a, b) => a + b, 0);

export function formatSummary(s: ImportSummary): string {
  const lines = [`files:          ${s.files}`, `new:            ${s.new}`, `already stored: ${s.alreadyStored}`];
  if (s.duplicates) lines.push(`duplicates:     ${s.duplicates} (same content as another file; stored once)`);
  lines.push(`failed:         ${failedCount(s)}`);
  for (const [code, n] of Object.entries(s.failed).sort()) lines.push(`  ${code}: ${n}`);
  return lines.join('\n');
}
