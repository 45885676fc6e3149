// The 2008–2025 panel: a few indicators that mean (nearly) the same in the three eras of the
// reports, each derived from named keys of tables.md per layout. The definition of each, and
// where it changed, is written here once; the export's dictionary and docs/dataset.md print it.
export type PanelLayout = 'legacy' | '2019' | '2021';

export interface Derivation {
  /** the layouts of the table this derivation reads */
  layouts: PanelLayout[];
  table: string;
  /** summed; the indicator is empty when any of them is missing or empty */
  parts: Array<{ row: string; col: string }>;
  /** how it is counted in this era, when it differs from the indicator's plain meaning */
  note?: string;
}

export interface Indicator {
  id: string;
  label: string;
  unit: 'count' | '万元';
  description: string;
  derivations: Derivation[];
}

const p = (row: string, col: string) => ({ row, col });
const withheld = [
  'stateSecret',
  'prohibitedByLaw',
  'securityStability',
  'thirdPartyRights',
  'internalAffairs',
  'processInformation',
  'enforcementFile',
  'administrativeQuery',
];
const NEW = ['2019', '2021'] as PanelLayout[];

export const INDICATORS: Indicator[] = [
  {
    id: 'applications_received',
    label: '收到申请数',
    unit: 'count',
    description:
      'applications for disclosure received in the year (new ones; carried over from the year before not included)',
    derivations: [
      { layouts: NEW, table: 'applications', parts: [p('newReceived', 'total')] },
      {
        layouts: ['legacy'],
        table: 'legacy',
        parts: [p('applications.received', 'year')],
        note:
          '收到申请数 / 受理依申请公开信息总数; a report that prints only 对申请的答复数 (replies) gives no value here: ' +
          'replies are not applications',
      },
    ],
  },
  {
    id: 'granted',
    label: '予以公开',
    unit: 'count',
    description: 'requests answered by disclosing the information',
    derivations: [
      {
        layouts: NEW,
        table: 'applications',
        parts: [p('granted', 'total')],
        note: 'applications decided in the year with the result 予以公开',
      },
      {
        layouts: ['legacy'],
        table: 'legacy',
        parts: [p('replies.granted', 'year')],
        note:
          'replies (同意公开答复数), not applications: one application may get several replies, ' +
          'and the replies of the year include applications received the year before',
      },
    ],
  },
  {
    id: 'partially_granted',
    label: '部分公开',
    unit: 'count',
    description: 'requests answered by disclosing part of the information',
    derivations: [
      {
        layouts: NEW,
        table: 'applications',
        parts: [p('partiallyGranted', 'total')],
        note: 'applications; an application partly granted and partly refused counts here only (区分处理的，只计这一情形)',
      },
      {
        layouts: ['legacy'],
        table: 'legacy',
        parts: [p('replies.partiallyGranted', 'year')],
        note: 'replies (同意部分公开答复数), not applications',
      },
    ],
  },
  {
    id: 'refused',
    label: '不予公开',
    unit: 'count',
    description: 'requests refused on a ground of law (secrets, third-party rights, internal or process information …)',
    derivations: [
      {
        layouts: NEW,
        table: 'applications',
        parts: withheld.map((r) => p(`withheld.${r}`, 'total')),
        note: 'the sum of the eight 不予公开 rows; 无法提供 and 不予处理 are not refusals here',
      },
      {
        layouts: ['legacy'],
        table: 'legacy',
        parts: [p('replies.refused', 'year')],
        note:
          'replies (不同意公开 / 否决公开 / 不予公开答复数); the grounds before 2019 included ' +
          '不是《条例》所指政府信息, a 无法提供-like ground after 2019',
      },
    ],
  },
  {
    id: 'administrative_reviews',
    label: '行政复议',
    unit: 'count',
    description: 'administrative reconsiderations (行政复议) about the disclosure work',
    derivations: [
      {
        layouts: NEW,
        table: 'reviewLitigation',
        parts: [p('review', 'total')],
        note: 'cases of the year, decided or pending',
      },
      { layouts: ['legacy'], table: 'legacy', parts: [p('review.total', 'year')] },
    ],
  },
  {
    id: 'lawsuits',
    label: '行政诉讼',
    unit: 'count',
    description: 'administrative lawsuits (行政诉讼) about the disclosure work',
    derivations: [
      {
        layouts: NEW,
        table: 'reviewLitigation',
        parts: [p('litigationDirect', 'total'), p('litigationAfterReview', 'total')],
        note: 'suits filed directly plus suits after a reconsideration',
      },
      {
        layouts: ['legacy'],
        table: 'legacy',
        parts: [p('litigation.total', 'year')],
        note: '行政诉讼数 only: 接受行政诉讼、举报数 is complaints, not lawsuits (tables.md)',
      },
    ],
  },
  {
    id: 'fees',
    label: '依申请公开收费',
    unit: '万元',
    description: 'fees charged for disclosure on request, in 万元',
    derivations: [
      {
        layouts: ['legacy'],
        table: 'legacy',
        parts: [p('fees', 'year')],
        note:
          '依申请公开信息收取的费用 (万元). The 2019 and 2021 tables print no such amount ' +
          '(the 2019 条例 ended fees except 信息处理费; active.fees.amount is 行政事业性收费, another thing): empty from 2019',
      },
    ],
  },
  {
    id: 'documents_published',
    label: '规范性文件',
    unit: 'count',
    description: 'normative documents (规范性文件) published in the year',
    derivations: [
      {
        layouts: ['2019'],
        table: 'active',
        parts: [p('normativeDocuments', 'newlyPublished')],
        note: '本年新公开数量',
      },
      {
        layouts: ['2021'],
        table: 'active',
        parts: [p('normativeDocuments', 'issued')],
        note: '本年制发件数: issued, which the 2021 layout counts instead of published',
      },
      {
        layouts: ['legacy'],
        table: 'legacy',
        parts: [p('active.normativeDocuments', 'year')],
        note: '其中：主动公开规范性文件数; a report printing only 主动公开政府信息数 (all items) gives no value here',
      },
    ],
  },
];

export interface PanelCell {
  table: string;
  row: string;
  col: string;
  value: number | null;
}
export interface PanelValue {
  value: number | null;
  from: string | null;
  note: string | null;
}

/**
 * One indicator of one report: the derivation for the layout of its table, summed over its
 * parts (the cleaned values: a blank is 0 only where the row's 总计 agrees), or empty.
 */
export function indicatorValue(ind: Indicator, cells: PanelCell[], tableLayouts: Record<string, string>): PanelValue {
  for (const d of ind.derivations) {
    const layout = tableLayouts[d.table] as PanelLayout | undefined;
    if (!layout || !d.layouts.includes(layout)) continue;
    const values = d.parts.map(
      (part) => cells.find((c) => c.table === d.table && c.row === part.row && c.col === part.col)?.value ?? null,
    );
    const from = `${d.parts.map((part) => `${d.table}.${part.row}.${part.col}`).join(' + ')} (${layout})`;
    if (values.some((v) => v === null))
      return { value: null, from: null, note: `not derivable: ${from} has an empty or missing cell` };
    return { value: round((values as number[]).reduce((a, b) => a + b, 0)), from, note: d.note ?? null };
  }
  return { value: null, from: null, note: null };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
