// `xxgk report`: what is in the store, for a person: one entry per report (agency, year and
// scope), with the copies it was read from, its failing rules with both sides of each equation
// and the cells its copies disagree on (X-SOURCES); the files that failed; totals per rule.
// `--json` gives the same for scripts.
import type { Command } from 'commander';
import type { DatasetReport, DatasetCopy } from '../../store';
import type { CrossResult } from '../../src/rules/crossReport';
import { EXIT } from './exitCodes';

interface RuleTotal {
  rule: string;
  severity: string;
  reports: number;
  failures: number;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'list the stored reports (one per agency, year and scope, with their copies) with their failing ' +
        'cross-check rules (both sides of each equation), the failed files, and totals per rule',
    )
    .option('--json', 'one JSON object: {reports: [...], failures: [...], rules: [...], totals: {...}}')
    .option('--failing', 'only reports with flags, and the failed files')
    .addHelpText('after', '\nExit codes: 0 printed (whatever the flags say), 69 the store cannot be opened.')
    .action(async (opts: { json?: boolean; failing?: boolean }) => {
      const { openStore, datasetPages, datasetFailures, crossReportInputs } =
        require('../../store') as typeof import('../../store');
      const { checkAcrossReports } =
        require('../../src/rules/crossReport') as typeof import('../../src/rules/crossReport');
      const store = await openStore().catch((e: Error) => {
        process.stderr.write(`xxgk report: cannot open the store: ${e.message}\n`);
        return null;
      });
      if (!store) {
        process.exitCode = EXIT.UNAVAILABLE;
        return;
      }
      const rules = new Map<string, RuleTotal>();
      const errors = new Map<string, number>();
      const reports: unknown[] = [];
      let total = 0,
        flagged = 0,
        files = 0;
      let cross: CrossResult | undefined;
      const failures: DatasetCopy[] = [];
      const count = (flags: Array<{ rule: string; severity: string }>) => {
        const seen = new Set<string>();
        for (const f of flags) {
          const t = rules.get(f.rule) ?? { rule: f.rule, severity: f.severity, reports: 0, failures: 0 };
          t.failures++;
          if (!seen.has(f.rule)) {
            t.reports++;
            seen.add(f.rule);
          }
          rules.set(f.rule, t);
        }
      };
      try {
        // a page of agencies at a time (every year of each): the cross-year pairs of a page are its own
        cross = { pairs: 0, checks: 0, flags: [], notAssessable: 0 };
        for await (const page of datasetPages(store.db)) {
          for (const r of page) {
            total++;
            files += r.copies.length;
            const flags = [...r.best.flags, ...r.xSources];
            if (flags.length) flagged++;
            count(flags);
            if (opts.failing && !flags.length) continue;
            if (opts.json) reports.push(jsonReport(r));
            else process.stdout.write(formatReport(r));
          }
          // across years: the copy each report's data comes from, one per agency and year
          const found = checkAcrossReports(
            await crossReportInputs(
              store.db,
              page.map((r) => r.id),
            ),
          );
          cross.pairs += found.pairs;
          cross.checks += found.checks;
          cross.notAssessable += found.notAssessable;
          cross.flags.push(...found.flags);
        }
        for await (const page of datasetFailures(store.db)) failures.push(...page);
        for (const f of failures) errors.set(f.errorCode!, (errors.get(f.errorCode!) ?? 0) + 1);
        if (!opts.json) for (const f of failures) process.stdout.write(formatFailure(f));
        for (const f of cross.flags) {
          const t = rules.get(f.rule) ?? { rule: f.rule, severity: f.severity, reports: 0, failures: 0 };
          t.failures++;
          t.reports++;
          rules.set(f.rule, t);
        }
      } finally {
        await store.close();
      }
      const ruleTotals = [...rules.values()].sort((a, b) => b.failures - a.failures || a.rule.localeCompare(b.rule));
      const totals = {
        reports: total,
        files,
        withFlags: flagged,
        failedFiles: failures.length,
        errors: Object.fromEntries([...errors].sort()),
      };
      if (opts.json) {
        process.stdout.write(
          JSON.stringify({
            reports,
            failures: failures.map(jsonFailure),
            rules: ruleTotals,
            totals,
            crossReport: cross,
          }) + '\n',
        );
      } else {
        if (cross) {
          process.stdout.write(
            `\n== across reports (X-CARRY, X-INFORCE): ${cross.pairs} pairs of consecutive years of one agency, ` +
              `${cross.checks} checks, ${cross.notAssessable} not assessable, ${cross.flags.length} failing\n`,
          );
          for (const f of cross.flags)
            process.stdout.write(
              `  WARNING ${f.rule}: ${f.message}  (${f.report.slice(0, 16)} after ${f.previous.slice(0, 16)})\n`,
            );
        }
        process.stdout.write(
          `\n== totals: ${total} reports from ${files} files, ${flagged} with failing rules; ` +
            `${failures.length} files could not be parsed\n`,
        );
        for (const t of ruleTotals)
          process.stdout.write(
            `  ${t.rule.padEnd(16)} ${t.severity.padEnd(8)} ` +
              `${String(t.failures).padStart(6)} failures in ${t.reports} reports\n`,
          );
        for (const [code, n] of errors) process.stdout.write(`  error ${code}: ${n} files\n`);
      }
      process.exitCode = EXIT.OK;
    });
}

const copyOf = (c: DatasetCopy) => ({
  id: c.sha256,
  format: c.format,
  cells: c.cellCount,
  flags: c.flagCount,
  parserVersion: c.parserVersion,
  sources: c.sources,
});

function jsonReport(r: DatasetReport) {
  const { extras: _extras, ...best } = r.best;
  return {
    ...best,
    id: r.id,
    key: r.key,
    region: r.region,
    sources: r.sources,
    copies: r.copies.map(copyOf),
    xSources: r.xSources,
  };
}

const jsonFailure = (f: DatasetCopy) => ({
  id: f.sha256,
  format: f.format,
  sources: f.sources,
  errorCode: f.errorCode,
  errorMessage: f.errorMessage,
});

function formatReport(r: DatasetReport): string {
  const b = r.best;
  const region = r.region
    ? [r.region.province, r.region.city, r.region.county].filter(Boolean).join(' ') +
      (r.region.code ? ` ${r.region.code}` : '')
    : 'region unknown';
  const lines = [
    `${b.agency ?? '(agency unknown)'} ${b.year ?? '(year unknown)'} — ${b.title ?? b.path}\n` +
      `  id ${b.sha256.slice(0, 16)}  ${b.format ?? '?'}  ${b.cellCount} cells  parser ${b.parserVersion}  ${region}\n`,
  ];
  if (r.copies.length > 1) {
    lines.push(`  ${r.copies.length} copies (the data takes the first):\n`);
    for (const c of r.copies)
      lines.push(
        `    ${c.sha256.slice(0, 16)}  ${(c.format ?? '?').padEnd(5)} ${String(c.cellCount).padStart(4)} cells ` +
          `${String(c.flagCount).padStart(3)} flags  ${c.sources.join(', ')}\n`,
      );
  }
  for (const f of b.flags) lines.push(`  ${f.severity.toUpperCase()} ${f.rule}: ${f.message}\n`);
  for (const f of r.xSources) lines.push(`  WARNING X-SOURCES: ${f.message}\n`);
  if (!b.flags.length && !r.xSources.length)
    lines.push(b.cellCount ? '  no rule fails\n' : '  no standard table: nothing to check\n');
  return lines.join('');
}

const formatFailure = (f: DatasetCopy) =>
  `(failed) ${f.sources.join(', ')}\n` +
  `  id ${f.sha256.slice(0, 16)}  ${f.format ?? '?'}  ERROR ${f.errorCode}: ${f.errorMessage}\n`;
