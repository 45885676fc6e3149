// Every canonical key of tables.md (both layouts), with its official labels, unit and layouts:
// the columns of the wide shape and the key list of the dictionary.
import {
  CATALOG,
  LAYOUTS_NEWEST_FIRST,
  LEGAL_PERSON_SUBTOTAL,
  TABLE_TITLES,
  type ColumnSpec,
} from '../../src/tables/catalog';
import { LEGACY, type TableKey, type Template } from '../../src/model/record';
import { LEGACY_ROWS, LEGACY_TITLE, legacyColumns } from '../../src/tables/legacyCatalog';

export interface KeyInfo {
  key: string;
  table: string;
  row: string;
  col: string;
  tableTitle: string;
  unit: string;
  kind: ColumnSpec['kind'] | 'unknown';
  /** the official labels per layout the key is printed in */
  layouts: Array<{ layout: Template | typeof LEGACY; rowLabel: string; colLabel: string }>;
}

export const keyOf = (table: string, row: string, col: string) => `${table}.${row}.${col}`;

/** money keeps the unit of its column label (万元 for fees 2021, 元 for procurement 2019) */
export function unitOf(spec: ColumnSpec | undefined): string {
  if (!spec) return '';
  if (spec.kind !== 'money') return 'count';
  return spec.label.includes('万元') ? '万元' : '元';
}

/** The catalog's keys in catalog order (2021 first, then what only 2019 has). */
export function catalogKeys(): KeyInfo[] {
  const byKey = new Map<string, KeyInfo>();
  for (const table of Object.keys(CATALOG) as TableKey[]) {
    for (const layout of LAYOUTS_NEWEST_FIRST) {
      for (const row of CATALOG[table][layout]) {
        for (const col of row.columns) {
          const key = keyOf(table, row.key, col.key);
          let info = byKey.get(key);
          if (!info)
            byKey.set(
              key,
              (info = {
                key,
                table,
                row: row.key,
                col: col.key,
                tableTitle: TABLE_TITLES[table],
                unit: unitOf(col),
                kind: col.kind,
                layouts: [],
              }),
            );
          info.layouts.push({ layout, rowLabel: row.label, colLabel: col.label });
        }
      }
    }
  }
  return [...byKey.values()];
}

/** The column spec of a key in a layout, or in any layout when the layout is not known. */
export function columnSpecOf(table: string, row: string, col: string, layout?: string): ColumnSpec | undefined {
  if (table === LEGACY)
    return legacyColumns(LEGACY_ROWS.find((r) => r.key === row)?.kind ?? 'count', true).find((c) => c.key === col);
  const t = CATALOG[table as TableKey];
  if (!t) return undefined;
  const layouts = LAYOUTS_NEWEST_FIRST.includes(layout as Template) ? [layout as Template] : LAYOUTS_NEWEST_FIRST;
  for (const l of layouts) {
    const spec = t[l].find((r) => r.key === row)?.columns.find((c) => c.key === col);
    if (spec) return spec;
  }
  return col === LEGAL_PERSON_SUBTOTAL.key && table === 'applications' ? LEGAL_PERSON_SUBTOTAL : undefined;
}

/** Catalog keys, then any other key stored (e.g. the 法人或其他组织 subtotal some reports print). */
export function keysFor(stored: Array<{ table: string; row: string; col: string }>): KeyInfo[] {
  const keys = catalogKeys();
  const known = new Set(keys.map((k) => k.key));
  const extra = stored
    .filter((s) => !known.has(keyOf(s.table, s.row, s.col)))
    .sort((a, b) => keyOf(a.table, a.row, a.col).localeCompare(keyOf(b.table, b.row, b.col)));
  for (const s of extra) {
    const spec = columnSpecOf(s.table, s.row, s.col);
    const legacy = s.table === LEGACY;
    const rowLabel = legacy
      ? (LEGACY_ROWS.find((r) => r.key === s.row)?.label ?? '(not in the catalog)')
      : (LAYOUTS_NEWEST_FIRST.map((l) => CATALOG[s.table as TableKey]?.[l].find((r) => r.key === s.row)?.label).find(
          Boolean,
        ) ?? '(not in the catalog)');
    keys.push({
      key: keyOf(s.table, s.row, s.col),
      table: s.table,
      row: s.row,
      col: s.col,
      tableTitle: legacy ? LEGACY_TITLE : (TABLE_TITLES[s.table as TableKey] ?? s.table),
      unit: unitOf(spec),
      kind: spec?.kind ?? 'unknown',
      layouts: (legacy ? ([LEGACY] as const) : LAYOUTS_NEWEST_FIRST).map((layout: Template | typeof LEGACY) => ({
        layout,
        rowLabel,
        colLabel: spec?.label ?? '(not in the catalog)',
      })),
    });
    known.add(keyOf(s.table, s.row, s.col));
  }
  return keys;
}
