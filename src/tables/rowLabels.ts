// Row labels → canonical row keys, by meaning: each key has the words that only its label
// carries. The label a row matches is the one whose words end last in the row's label text,
// because group and header labels (（三）不予公开, 信息内容…) come before the row's own words.
import type { TableKey } from '../model/record';
import { compact } from '../text';
import { memoizeString } from '../memo';

interface RowPattern {
  table: TableKey;
  row: string;
  re: RegExp;
}

const P = (table: TableKey, row: string, re: RegExp): RowPattern => ({ table, row, re: new RegExp(re.source, 'g') });

const ROW_PATTERNS: RowPattern[] = [
  // 二、主动公开
  P('active', 'rules', /规章/),
  P('active', 'normativeDocuments', /规范性文件/),
  P('active', 'licensing', /行政许可/),
  P('active', 'otherServices', /其他对外管理服务事项|对外管理服务/),
  P('active', 'punishment', /行政处罚/),
  P('active', 'coercion', /行政强制/),
  // (型 for its homophone 性: 行政事业型收费)
  P('active', 'fees', /事业[性型]收费/),
  P('active', 'procurement', /集中采购|政府采购/),
  // 三、申请
  P('applications', 'newReceived', /本年新收/),
  P('applications', 'carriedOver', /上年结转/),
  P('applications', 'granted', /予以公开/),
  P('applications', 'partiallyGranted', /部分公开/),
  P('applications', 'withheld.stateSecret', /国家秘密/),
  P('applications', 'withheld.prohibitedByLaw', /禁止公开|行政止公开|法律行政法规/),
  P('applications', 'withheld.securityStability', /三安全一稳定|危及/),
  P('applications', 'withheld.thirdPartyRights', /第三方/),
  P('applications', 'withheld.internalAffairs', /内部事务/),
  P('applications', 'withheld.processInformation', /过程性/),
  P('applications', 'withheld.enforcementFile', /执法案卷/),
  P('applications', 'withheld.administrativeQuery', /行政查询/),
  P('applications', 'unableToProvide.notHeld', /不掌握/),
  P('applications', 'unableToProvide.needsCreation', /另行制作|没有现成/),
  P('applications', 'unableToProvide.unclear', /补正后|仍不明确/),
  P('applications', 'notProcessed.complaint', /信访|举报投诉/),
  P('applications', 'notProcessed.duplicate', /重复申请/),
  P('applications', 'notProcessed.publication', /出版物/),
  P('applications', 'notProcessed.massRepeated', /大量反复/),
  P('applications', 'notProcessed.confirmOrReissue', /重新出具|确认或/),
  P('applications', 'otherHandling.overdueCorrection', /逾期不补正|无正当理由逾期/),
  P('applications', 'otherHandling.overdueFee', /缴纳费用|收费通知/),
  P('applications', 'otherHandling', /其他处理$/),
  P('applications', 'totalProcessed', /总计$/),
  P('applications', 'carriedForward', /结转下年/),
  // 四、复议诉讼
  P('reviewLitigation', 'review', /行政复议$/),
  P('reviewLitigation', 'litigationDirect', /直接起诉/),
  P('reviewLitigation', 'litigationAfterReview', /复议后起诉/),
];

/** group labels of table 三 that decide what a bare "3.其他" means */
// (三)…(六) number the groups in both layouts, so a group label broken over lines ("（六）其 …
// 他处理") is still known by its number
const GROUPS: Array<[string, RegExp]> = [
  ['withheld', /不予公开|[(（]三[)）]/],
  ['unableToProvide', /无法提供|法提供|[(（]四[)）]/],
  ['notProcessed', /不予处理|[(（]五[)）]/],
  ['otherHandling', /其他处理|[(（]六[)）]/],
  ['results', /办理结果/],
];

export interface RowMatch {
  table: TableKey;
  row: string;
  end: number;
}

/** Where the words of each key end last in the label; the latest wins. */
export function matchRowLabel(labelText: string): RowMatch | undefined {
  return matchCompactLabel(compact(labelText));
}

const matchCompactLabel = memoizeString((text: string): RowMatch | undefined => {
  let best: RowMatch | undefined;
  for (const p of ROW_PATTERNS) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let end = -1;
    while ((m = p.re.exec(text))) {
      end = m.index + m[0].length;
      if (m[0].length === 0) p.re.lastIndex++;
    }
    if (end < 0) continue;
    // the longer, more specific phrase wins a tie (其他处理 vs 处理)
    if (!best || end > best.end) best = { table: p.table, row: p.row, end };
  }
  return best;
});

/** The last group label named in the text, e.g. "otherHandling" for "（六）其他处理". */
export function groupOf(labelText: string): string | undefined {
  return groupOfCompact(compact(labelText));
}

const groupOfCompact = memoizeString((text: string): string | undefined => {
  let best: { group: string; at: number } | undefined;
  for (const [group, re] of GROUPS) {
    const at = text.search(re);
    if (at >= 0 && (!best || at > best.at)) best = { group, at };
  }
  return best?.group;
});

/** "3.其他" / "3、其他" / "其他": the catch-all row of a group */
export function isBareOther(labelText: string): boolean {
  return /(?:^|[\d.、)）])其他$/.test(compact(labelText));
}

/** Which table a header (a row with no values) announces. */
const HEADER_MARKS: Array<[TableKey, string[]]> = [
  ['active', ['主动公开政府信息', '信息内容', '第二十条']],
  ['applications', ['收到和处理政府信息公开申请', '申请人情况', '自然人', '勾稽关系']],
  ['reviewLitigation', ['行政复议', '行政诉讼', '结果维持']],
];

/** Which table a header (a row with no values) announces: the one whose words come last. */
export function tableOfHeader(labelText: string): TableKey | undefined {
  return tableOfCompactHeader(compact(labelText));
}

const tableOfCompactHeader = memoizeString((t: string): TableKey | undefined => {
  let best: TableKey | undefined;
  let bestAt = -1;
  for (const [table, marks] of HEADER_MARKS) {
    for (const m of marks) {
      const at = t.lastIndexOf(m);
      if (at > bestAt) {
        bestAt = at;
        best = table;
      }
    }
  }
  return best;
});
