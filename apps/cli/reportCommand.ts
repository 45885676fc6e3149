// `xxgk report`: what is in the store, for a person: per report the failing rules with both
// sides of each equation, then totals per rule. `--json` gives the same for scripts.
import type { Command } from 'commander';
import type { ReportSummary } from '../../store';
import type { CrossResult } from '../../src/rules/crossReport';
import { EXIT } from './exitCodes';

interface RuleTotal { rule: string; severity: string; reports: number; failures: number }

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('list the stored reports with their failing cross-check rules (both sides of each equation) and totals per rule')
    .option('--json', 'one JSON object: {reports: [...], rules: [...], totals: {...}}')
    .option('--failing', 'only reports with flags or an error')
    .addHelpText('after', '\nExit codes: 0 printed (whatever the flags say), 69 the store cannot be opened.')
    .action(async (opts: { json?: boolean; failing?: boolean }) => {
      const { openStore, iterateReports, crossReportInputs } = require('../../store') as typeof import('../../store');
      const { checkAcrossReports } = require('../../src/rules/crossReport') as typeof import('../../src/rules/crossReport');
      const store = await openStore().catch((e: Error) => {
        process.stderr.write(`xxgk report: cannot open the store: ${e.message}\n`);
        return null;
      });
      if (!store) { process.exitCode = EXIT.UNAVAILABLE; return; }
      const rules = new Map<string, RuleTotal>();
      const errors = new Map<string, number>();
      const reports: ReportSummary[] = [];
      let total = 0;
      let flagged = 0;
      let cross: CrossResult | undefined;
      try {
        for await (const r of iterateReports(store.db)) {
          total++;
          if (r.flags.length) flagged++;
          if (r.errorCode) errors.set(r.errorCode, (errors.get(r.errorCode) ?? 0) + 1);
          const seen = new Set<string>();
          for (const f of r.flags) {
            const t = rules.get(f.rule) ?? { rule: f.rule, severity: f.severity, reports: 0, failures: 0 };
            t.failures++;
            if (!seen.has(f.rule)) { t.reports++; seen.add(f.rule); }
            rules.set(f.rule, t);
          }
          if (opts.failing && !r.flags.length && !r.errorCode) continue;
          if (opts.json) reports.push(r);
          else process.stdout.write(formatReport(r));
        }
        cross = checkAcrossReports(await crossReportInputs(store.db));
        for (const f of cross.flags) {
          const t = rules.get(f.rule) ?? { rule: f.rule, severity: f.severity, reports: 0, failures: 0 };
          t.failures++; t.reports++;
          rules.set(f.rule, t);
        }
      } finally {
        await store.close();
      }
      const ruleTotals = [...rules.values()].sort((a, b) => b.failures - a.failures || a.rule.localeCompare(b.rule));
      const totals = { reports: total, withFlags: flagged, errors: Object.fromEntries([...errors].sort()) };
      if (opts.json) {
        process.stdout.write(JSON.stringify({ reports, rules: ruleTotals, totals, crossReport: cross }) + '\n');
      } else {
        if (cross) {
          process.stdout.write(`\n== across reports (X-CARRY, X-INFORCE): ${cross.pairs} pairs of consecutive years of one agency, ${cross.checks} checks, ${cross.notAssessable} not assessable, ${cross.flags.length} failing\n`);
          for (const f of cross.flags) process.stdout.write(`  WARNING ${f.rule}: ${f.message}  (${f.report.slice(0, 16)} after ${f.previous.slice(0, 16)})\n`);
        }
        process.stdout.write(`\n== totals: ${total} reports, ${flagged} with failing rules\n`);
        for (const t of ruleTotals) process.stdout.write(`  ${t.rule.padEnd(16)} ${t.severity.padEnd(8)} ${String(t.failures).padStart(6)} failures in ${t.reports} reports\n`);
        for (const [code, n] of errors) process.stdout.write(`  error ${code}: ${n} reports\n`);
      }
      process.exitCode = EXIT.OK;
    });
}

function formatReport(r: ReportSummary): string {
  const head = `${r.agency ?? '(agency unknown)'} ${r.year ?? '(year unknown)'} — ${r.title ?? r.path}\n  id ${r.sha256.slice(0, 16)}  ${r.format ?? '?'}  ${r.cellCount} cells  parser ${r.parserVersion}\n`;
  const lines = [head];
  if (r.errorCode) lines.push(`  ERROR ${r.errorCode}: ${r.errorMessage}\n`);
  for (const f of r.flags) {
    lines.push(`  ${f.severity.toUpperCase()} ${f.rule}: ${f.message}\n`);
  }
  if (!r.errorCode && !r.flags.length) lines.push(r.cellCount ? '  no rule fails\n' : '  no standard table: nothing to check\n');
  return lines.join('');
}
