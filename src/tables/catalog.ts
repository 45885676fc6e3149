// The canonical keys of docs/tables.md (the data standard's tables.md) as data: per table and layout, which rows
// exist and which columns each row prints, with the official labels.
import type { TableKey, Template } from '../model/record';

export interface ColumnSpec {
  key: string;
  label: string;
  kind: 'count' | 'signedCount' | 'money';
}
export interface RowSpec {
  key: string;
  label: string;
  columns: ColumnSpec[];
}

const count = (key: string, label: string): ColumnSpec => ({ key, label, kind: 'count' });

const ACTIVE_2021_DOCS = [
  count('issued', '本年制发件数'),
  count('repealed', '本年废止件数'),
  count('inForce', '现行有效件数'),
];
const ACTIVE_2019_DOCS = [
  count('newlyMade', '本年新制作数量'),
  count('newlyPublished', '本年新公开数量'),
  count('totalPublished', '对外公开总数量'),
];
const ACTIVE_2019_ITEMS = [
  count('previousItems', '上一年项目数量'),
  { key: 'change', label: '本年增/减', kind: 'signedCount' } as ColumnSpec,
  count('decisions', '处理决定数量'),
];
const DECISIONS = [count('decisions', '本年处理决定数量')];

export const APPLICATION_COLUMNS: ColumnSpec[] = [
  count('naturalPerson', '自然人'),
  count('commercial', '商业企业'),
  count('research', '科研机构'),
  count('socialWelfare', '社会公益组织'),
  count('legalService', '法律服务机构'),
  count('otherOrg', '其他'),
  count('total', '总计'),
];
export const LEGAL_PERSON_SUBTOTAL: ColumnSpec = count('legalPersonSubtotal', '法人或其他组织小计');

const REVIEW_COLUMNS: ColumnSpec[] = [
  count('upheld', '结果维持'),
  count('corrected', '结果纠正'),
  count('other', '其他结果'),
  count('pending', '尚未审结'),
  count('total', '总计'),
];

const REVIEW_ROWS: RowSpec[] = [
  { key: 'review', label: '行政复议', columns: REVIEW_COLUMNS },
  { key: 'litigationDirect', label: '行政诉讼·未经复议直接起诉', columns: REVIEW_COLUMNS },
  { key: 'litigationAfterReview', label: '行政诉讼·复议后起诉', columns: REVIEW_COLUMNS },
];

/** table 二's rows common to both layouts: documents, then decisions (2019 adds 其他对外管理服务事项 after 行政许可) */
function activeRows(
  docs: ColumnSpec[],
  documentsLabel: string,
  decisions: ColumnSpec[],
  afterLicensing?: RowSpec,
): RowSpec[] {
  const decided = (key: string, label: string): RowSpec => ({ key, label, columns: decisions });
  return [
    { key: 'rules', label: '规章', columns: docs },
    { key: 'normativeDocuments', label: documentsLabel, columns: docs },
    decided('licensing', '行政许可'),
    ...(afterLicensing ? [afterLicensing] : []),
    decided('punishment', '行政处罚'),
    decided('coercion', '行政强制'),
  ];
}

const appRow = (key: string, label: string): RowSpec => ({ key, label, columns: APPLICATION_COLUMNS });

const APPLICATION_ROWS_COMMON: RowSpec[] = [
  appRow('newReceived', '一、本年新收政府信息公开申请数量'),
  appRow('carriedOver', '二、上年结转政府信息公开申请数量'),
  appRow('granted', '（一）予以公开'),
  appRow('partiallyGranted', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'),
  appRow('withheld.stateSecret', '1.属于国家秘密'),
  appRow('withheld.prohibitedByLaw', '2.其他法律行政法规禁止公开'),
  appRow('withheld.securityStability', '3.危及“三安全一稳定”'),
  appRow('withheld.thirdPartyRights', '4.保护第三方合法权益'),
  appRow('withheld.internalAffairs', '5.属于三类内部事务信息'),
  appRow('withheld.processInformation', '6.属于四类过程性信息'),
  appRow('withheld.enforcementFile', '7.属于行政执法案卷'),
  appRow('withheld.administrativeQuery', '8.属于行政查询事项'),
  appRow('unableToProvide.notHeld', '1.本机关不掌握相关政府信息'),
  appRow('unableToProvide.needsCreation', '2.没有现成信息需要另行制作'),
  appRow('unableToProvide.unclear', '3.补正后申请内容仍不明确'),
  appRow('notProcessed.complaint', '1.信访举报投诉类申请'),
  appRow('notProcessed.duplicate', '2.重复申请'),
  appRow('notProcessed.publication', '3.要求提供公开出版物'),
  appRow('notProcessed.massRepeated', '4.无正当理由大量反复申请'),
  appRow('notProcessed.confirmOrReissue', '5.要求行政机关确认或重新出具已获取信息'),
];
const APPLICATION_ROWS_END: RowSpec[] = [
  appRow('totalProcessed', '（七）总计'),
  appRow('carriedForward', '四、结转下年度继续办理'),
];

export const CATALOG: Record<TableKey, Record<Template, RowSpec[]>> = {
  active: {
    '2021': [
      ...activeRows(ACTIVE_2021_DOCS, '行政规范性文件', DECISIONS),
      {
        key: 'fees',
        label: '行政事业性收费',
        columns: [{ key: 'amount', label: '本年收费金额（单位：万元）', kind: 'money' }],
      },
    ],
    '2019': [
      ...activeRows(ACTIVE_2019_DOCS, '规范性文件', ACTIVE_2019_ITEMS, {
        key: 'otherServices',
        label: '其他对外管理服务事项',
        columns: ACTIVE_2019_ITEMS,
      }),
      { key: 'fees', label: '行政事业性收费', columns: ACTIVE_2019_ITEMS.slice(0, 2) },
      {
        key: 'procurement',
        label: '政府集中采购',
        columns: [count('items', '采购项目数量'), { key: 'amount', label: '采购总金额', kind: 'money' }],
      },
    ],
  },
  applications: {
    '2021': [
      ...APPLICATION_ROWS_COMMON,
      appRow('otherHandling.overdueCorrection', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'),
      appRow('otherHandling.overdueFee', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'),
      appRow('otherHandling.other', '3.其他'),
      ...APPLICATION_ROWS_END,
    ],
    '2019': [...APPLICATION_ROWS_COMMON, appRow('otherHandling', '（六）其他处理'), ...APPLICATION_ROWS_END],
  },
  // table 四 is printed alike in both layouts
  reviewLitigation: { '2021': REVIEW_ROWS, '2019': REVIEW_ROWS },
};

/** the layouts, newest first: a key's label is taken from the newest layout that prints it */
export const LAYOUTS_NEWEST_FIRST: Template[] = ['2021', '2019'];

export function rowSpec(table: TableKey, template: Template, row: string): RowSpec | undefined {
  return CATALOG[table][template].find((r) => r.key === row);
}

export const TABLE_TITLES: Record<TableKey, string> = {
  active: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  reviewLitigation: '四、政府信息公开行政复议、行政诉讼情况',
};
