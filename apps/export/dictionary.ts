// The data dictionary written beside every export: the files and their columns, every key
// with its official labels, unit and layouts, the cleaning methods and every rule with what
// it found in this export. JSON for programs, Markdown for people; one object makes both.
import { writeFile } from 'node:fs/promises';
import { RULES } from '../../src/rules/catalog';
import { PARSER_VERSION } from '../../src/model/version';
import { INDICATORS } from '../../src/dataset/panelIndicators';
import { CLEANING_METHODS, type Cleaning } from './cleanCells';
import type { ColumnDef } from './columns';
import { PAIR_VERDICTS, type CrossSummary } from './crossFindings';
import type { KeyInfo } from './keys';
import type { ExportOptions } from './options';

export interface DictionaryInput {
  options: ExportOptions;
  files: Array<{ path: string; role: string; rows: number; columns: ColumnDef[] }>;
  keys: KeyInfo[];
  cleaning: Record<Cleaning, number>;
  /** failures per rule id in the exported reports (cross-report rules included) */
  ruleFailures: Map<string, { failures: number; reports: number }>;
  cross: CrossSummary;
}

export function buildDictionary(d: DictionaryInput) {
  return {
    exported: {
      at: new Date().toISOString(),
      by: `xxgk ${PARSER_VERSION}`,
      format: d.options.format,
      shape: d.options.shape,
      filters: d.options.filters,
    },
    notes: [
      'value is the number as printed; value_clean adds only the inference rules.md allows, ' +
        'and the cleaning column (or the wide cleaning column) says per value how it was obtained.',
      'CSV files are UTF-8 with a byte-order mark; JSON columns ' +
        'hold JSON text in CSV and Parquet, nested values in JSON Lines.',
      "One report per agency key, year and scope (a 全市/全区 report is another scope than the body's " +
        'own; 办公室 and 人民政府 are other agencies): its files (formats, URLs, republications, updated ' +
        'versions) are copies; the data holds the best-read copy (most cells, then fewest flags, ' +
        'then the latest parser) and report_id is its SHA-256; copies and sources list every file.',
      'Copies that disagree on a cell raise X-SOURCES (x_sources) with every ' +
        "value and its sources: the data keeps the best copy's value, never silently.",
      'Files that could not be parsed are not rows of the data: they ' +
        'are in the failures file with their path or URL, code and message.',
      'region_code, province, city and county come from the record ' +
        '(report.region); region_known is false where the record names no region.',
      'agency_key links the names of one agency across years; X-CARRY ' +
        'and X-INFORCE compare consecutive years of one agency_key: each pair is in its later ' +
        "report's previous_report_id (panel: previous_year), x_carry, x_inforce and cross_flags; " +
        'crossReport counts them.',
    ],
    files: d.files.map((f) => ({ path: f.path, role: f.role, rows: f.rows, columns: f.columns })),
    keys: d.keys.map((k) => ({
      key: k.key,
      table: k.table,
      tableTitle: k.tableTitle,
      row: k.row,
      col: k.col,
      unit: k.unit,
      kind: k.kind,
      layouts: k.layouts,
    })),
    cleaning: (Object.keys(CLEANING_METHODS) as Cleaning[]).map((m) => ({
      method: m,
      description: CLEANING_METHODS[m],
      values: d.cleaning[m] ?? 0,
    })),
    rules: RULES.map((r) => ({
      ...r,
      failures: d.ruleFailures.get(r.id)?.failures ?? 0,
      reportsFailing: d.ruleFailures.get(r.id)?.reports ?? 0,
    })),
    crossReport: d.cross,
    panelIndicators: INDICATORS.map((i) => ({
      id: i.id,
      label: i.label,
      unit: i.unit,
      description: i.description,
      derivations: i.derivations.map((v) => ({
        layouts: v.layouts,
        from: v.parts.map((p) => `${v.table}.${p.row}.${p.col}`).join(' + '),
        note: v.note ?? null,
      })),
    })),
  };
}

export type Dictionary = ReturnType<typeof buildDictionary>;

const md = (s: unknown) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');

export function dictionaryMarkdown(d: Dictionary): string {
  const out: string[] = [
    `# Data dictionary`,
    '',
    `Exported ${d.exported.at} by ${d.exported.by}: ${d.exported.format}, ${d.exported.shape} ` +
      `shape; filters ${JSON.stringify(d.exported.filters)}.`,
    '',
  ];
  for (const n of d.notes) out.push(`- ${n}`);
  for (const f of d.files) {
    out.push('', `## ${f.role}: \`${f.path}\` (${f.rows} rows)`, '', '| column | type | meaning |', '|---|---|---|');
    for (const c of f.columns) out.push(`| \`${md(c.name)}\` | ${c.type} | ${md(c.description)} |`);
  }
  out.push(
    '',
    '## Keys (table.row.col)',
    '',
    '| key | table | unit | layout | row label | column label |',
    '|---|---|---|---|---|---|',
  );
  for (const k of d.keys)
    for (const l of k.layouts)
      out.push(
        `| \`${k.key}\` | ${md(k.tableTitle)} | ${k.unit} | ${l.layout} | ${md(l.rowLabel)} | ${md(l.colLabel)} |`,
      );
  out.push('', '## Cleaning methods', '', '| method | meaning | values |', '|---|---|---|');
  for (const c of d.cleaning) out.push(`| \`${c.method}\` | ${md(c.description)} | ${c.values} |`);
  out.push(
    '',
    '## Rules',
    '',
    '| id | severity | rule | reads | failures | reports failing |',
    '|---|---|---|---|---|---|',
  );
  for (const r of d.rules)
    out.push(
      `| ${r.id} | ${r.severity} | ${md(r.description)} | ${md(r.reads)} | ${r.failures} | ${r.reportsFailing} |`,
    );
  const x = d.crossReport;
  out.push(
    '',
    `## Across reports`,
    '',
    `${x.pairCount} pairs of consecutive years of one agency, ${x.checks} ` +
      `checks, ${x.notAssessable} not assessable, ${x.flags} failing. ${x.agenciesWithSeveralYears} agencies ` +
      `have reports of several years, ${x.agenciesWithoutConsecutiveYears} of them no two consecutive years. ` +
      'Each pair is in the later report: previous_report_id (the panel: previous_year), x_carry, x_inforce ' +
      'and cross_flags.',
    '',
    '| rule | pairs | ' + PAIR_VERDICTS.join(' | ') + ' |',
    '|---|---|' + PAIR_VERDICTS.map(() => '---|').join(''),
  );
  for (const [rule, n] of Object.entries(x.verdicts))
    out.push(`| ${rule} | ${x.pairCount} | ` + PAIR_VERDICTS.map((v) => n[v]).join(' | ') + ' |');
  out.push(
    '',
    '## Panel indicators (`--shape panel`)',
    '',
    'Each value is the sum of the keys of its derivation for ' +
      'the layout of the table it is read from, from the cleaned ' +
      'values; empty when any of them is missing or empty. The column ' +
      '`<indicator>_from` names the keys and layout of each value.',
    '',
    '| indicator | unit | meaning | layouts | derived from | how this era counts it |',
    '|---|---|---|---|---|---|',
  );
  for (const i of d.panelIndicators)
    for (const v of i.derivations)
      out.push(
        `| \`${i.id}\` ${md(i.label)} | ${i.unit} | ${md(i.description)} ` +
          `| ${v.layouts.join(', ')} | \`${md(v.from)}\` | ${md(v.note ?? '')} |`,
      );
  return out.join('\n') + '\n';
}

export async function writeDictionary(jsonPath: string, mdPath: string, d: Dictionary): Promise<void> {
  await writeFile(jsonPath, JSON.stringify(d, null, 2) + '\n');
  await writeFile(mdPath, dictionaryMarkdown(d));
}
