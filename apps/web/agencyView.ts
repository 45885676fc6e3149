// One agency across its years, side by side: per year the report the dataset takes, the panel
// indicators (src/dataset/panelIndicators.ts, as `xxgk export --shape panel` derives them), the
// rules it fails, and X-CARRY / X-INFORCE against the year before.
import type { Kysely } from 'kysely';
import { crossReportInputs, reportsOfAgency, type Database } from '../../store';
import { agencyKey } from '../../src/report/agencyName';
import { INDICATORS, indicatorValue, type PanelValue } from '../../src/dataset/panelIndicators';
import type { Region } from '../../src/dataset/region';
import { RULE_BY_ID } from '../../src/rules/catalog';
import { crossFindings, type CrossVerdict } from '../export/crossFindings';
import { exportReports } from '../export/exportReports';
import { originalUrlOf } from '../export/originalUrl';

export interface AgencyYear {
  year: number | null;
  id: string;
  title: string | null;
  agency: string | null;
  layout: string | null;
  tables: Record<string, string>;
  cells: number;
  copies: number;
  disagreements: number;
  originalUrl: string | null;
  status: 'pass' | 'fail' | 'empty';
  rules: Array<{ rule: string; count: number; description: string }>;
  indicators: Record<string, PanelValue>;
  cross: {
    previousYear: number | null;
    carry: CrossVerdict;
    inForce: CrossVerdict;
    flags: Array<{ rule: string; message: string; description: string }>;
  };
}

export interface AgencyView {
  key: string;
  names: string[];
  region: Region | null;
  indicators: Array<{ id: string; label: string; unit: string; description: string }>;
  years: AgencyYear[];
}

export async function loadAgencyView(db: Kysely<Database>, key: string): Promise<AgencyView | undefined> {
  const wanted = agencyKey(key);
  // the agency's own page of the dataset: every year, scope and copy of it, in year order
  const reports = await reportsOfAgency(db, wanted);
  if (!reports.length) return undefined;
  const { byReport } = crossFindings(
    await crossReportInputs(
      db,
      reports.map((r) => r.id),
    ),
    agencyKey,
  );
  const years: AgencyYear[] = [];
  for await (const r of exportReports(db, reports, {})) {
    const b = r.summary;
    const cells = r.cells.map((c) => ({
      table: c.cell.table as string,
      row: c.cell.row,
      col: c.cell.col,
      value: c.valueClean,
    }));
    const counts = new Map<string, number>();
    for (const f of b.flags) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
    if (r.report.xSources.length) counts.set('X-SOURCES', r.report.xSources.length);
    const cross = byReport.get(b.sha256);
    years.push({
      year: b.year,
      id: b.sha256,
      title: b.title,
      agency: b.agency,
      layout: b.layout,
      tables: r.tables,
      cells: b.cellCount,
      copies: r.report.copies.length,
      disagreements: r.report.xSources.length,
      originalUrl: await originalUrlOf(r.report.copies),
      status: b.cellCount === 0 ? 'empty' : b.flags.some((f) => f.severity === 'error') ? 'fail' : 'pass',
      rules: [...counts].map(([rule, count]) => ({
        rule,
        count,
        description: RULE_BY_ID.get(rule)?.description ?? '',
      })),
      indicators: Object.fromEntries(INDICATORS.map((i) => [i.id, indicatorValue(i, cells, r.tables)])),
      cross: {
        previousYear: cross?.previousYear ?? null,
        carry: cross?.carry ?? 'no_previous_year',
        inForce: cross?.inForce ?? 'no_previous_year',
        flags: (cross?.flags ?? []).map((f) => ({
          rule: f.rule,
          message: f.message,
          description: RULE_BY_ID.get(f.rule)?.description ?? '',
        })),
      },
    });
  }
  return {
    key: wanted,
    names: [...new Set(reports.flatMap((r) => r.copies.map((c) => c.agency).filter((a): a is string => !!a)))],
    region: reports.map((r) => r.region).find((g) => g !== null) ?? null,
    indicators: INDICATORS.map(({ id, label, unit, description }) => ({ id, label, unit, description })),
    years,
  };
}
