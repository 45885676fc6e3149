// The statistics table of the 2008–2018 reports (tables.md, table `legacy`) as data: each row
// key with its official label, the wordings that mean it, the words the report's prose uses
// for it, and its kind. Reports print a subset of the rows in their own wording.
import type { ColumnSpec } from './catalog';
import { memoizeString } from '../memo';

export interface LegacyRowSpec {
  key: string;
  /** the official label (2016–2018 wording) */
  label: string;
  /** matches the label as printed, compacted and without its list number; first match wins */
  match: RegExp;
  kind: 'count' | 'money';
  /** phrases the report's prose puts before this row's number for the year ("主动公开政府信息2026条") */
  prose?: string[];
  /** `(一)维持…` rows mean review or litigation, whichever total was printed last */
  under?: 'review' | 'litigation';
}

const row = (key: string, label: string, match: RegExp, extra: Partial<LegacyRowSpec> = {}): LegacyRowSpec => ({
  key,
  label,
  match,
  kind: 'count',
  ...extra,
});

/** in matching order: specific wordings before the general ones they contain */
const MATCHING_ORDER: LegacyRowSpec[] = [
  row('replies.alreadyPublic', '属于已主动公开范围数', /已主动公开/),
  row('active.normativeDocuments', '其中：主动公开规范性文件数', /主动公开.*规范性文件/),
  row('active.normativeDocumentsIssued', '制发规范性文件总数', /制发.*规范性文件/),
  row('active.byGazette', '政府公报公开政府信息数', /公报公开/),
  row('response.weiboWechat', '微博微信回应事件数', /微博.*微信.*回应|微信.*微博.*回应/),
  row('active.byWeibo', '政务微博公开政府信息数', /微博公开/),
  row('active.byWechat', '政务微信公开政府信息数', /微信公开/),
  row('active.byWebsite', '政府网站公开政府信息数', /网站公开/),
  row('active.byOther', '其他方式公开政府信息数', /其[他它]方式公开/),
  row('active.total', '主动公开政府信息数', /主动公开.*(?:信息|文件)/, {
    prose: ['主动公开政府信息', '主动公开信息', '主动公开文件'],
  }),
  row('response.hotTopics', '回应公众关注热点或重大舆情数', /热点|舆情/),
  row('response.pressConferencesByLeaders', '其中：主要负责同志参加新闻发布会次数', /负责.*新闻发布会/),
  row('response.pressConferences', '参加或举办新闻发布会总次数', /新闻发布会/),
  row('response.onlineInterviewsByLeaders', '其中：主要负责同志参加政府网站在线访谈次数', /负责.*在线访谈/),
  row('response.onlineInterviews', '政府网站在线访谈次数', /在线访谈/),
  row('response.interpretations', '政策解读稿件发布数', /解读/),
  row('response.other', '其他方式回应事件数', /其[他它]方式回应/),
  row('replies.partiallyGranted', '同意部分公开答复数', /部分公开/, {
    prose: ['同意部分公开答复数', '部分公开答复数'],
  }),
  row('replies.refused', '不同意公开答复数', /(?:不同意|否决|不予|不准予)公开/, {
    prose: ['不同意公开答复数', '不予公开答复数'],
  }),
  row('replies.granted', '同意公开答复数', /同意公开/, { prose: ['同意公开答复数'] }),
  row('replies.refused.stateSecret', '其中：涉及国家秘密', /国家秘密/),
  row('replies.refused.commercialSecret', '涉及商业秘密', /商业秘密/),
  row('replies.refused.privacy', '涉及个人隐私', /个人隐私/),
  row('replies.refused.security', '危及国家安全、公共安全、经济安全和社会稳定', /危及|国家安全|公共安全/),
  row('replies.refused.notGovernmentInformation', '不是《条例》所指政府信息', /所指.*政府信息|不是.*政府信息/),
  row('replies.refused.otherByLaw', '法律法规规定的其他情形', /法律法规.*其[他它]情形/),
  row('replies.notThisAgency', '不属于本行政机关公开数', /不属于本/),
  row('replies.notExist', '申请信息不存在数', /不存在/),
  row('replies.toAmend', '告知作出更改补充数', /更改|补充/),
  row('replies.otherRoute', '告知通过其他途径办理数', /其[他它]途径/),
  row('replies.other', '其他类型答复数', /其[他它](?:类型)?答复/),
  row('replies.total', '申请答复数', /答复/, { prose: ['答复总数', '答复数'] }),
  row('applications.letterOrFax', '信函、传真申请数', /信函.?传真|传真.?信函/),
  row('applications.inPerson', '当面申请数', /当面申请/, { prose: ['当面申请数', '当面申请'] }),
  row('applications.fax', '传真申请数', /传真申请/, { prose: ['传真申请数', '传真申请'] }),
  row('applications.email', '电子邮件申请数', /邮件申请/, { prose: ['电子邮件申请数', '电子邮件申请'] }),
  row('applications.online', '网络申请数', /网络申请|网上申请/, {
    prose: ['网上申请数', '网络申请数', '网上申请', '网络申请'],
  }),
  row('applications.letter', '信函申请数', /信函申请/, { prose: ['信函申请数', '信函申请'] }),
  row('applications.otherChannel', '其它形式申请数', /其[它他](?:形式|方式)申请/),
  row('applications.closedOnTime', '按时办结数', /按时办结/),
  row('applications.closedExtended', '延期办结数', /延期办结/),
  row('applications.closed', '申请办结数', /办结/),
  row('applications.received', '收到申请数', /收到.*申请|受理.*申请|申请.*总数/, {
    prose: ['收到有关政府信息公开的申请', '收到政府信息公开申请', '受理政府信息公开申请'],
  }),
  // 接受行政诉讼、举报数 counts complaints, not lawsuits
  row('complaints', '举报投诉数量', /举报|投诉|申诉/),
  row('review.total', '行政复议数量', /行政复议/),
  row('litigation.total', '行政诉讼数量', /行政诉讼/),
  row('upheld', '维持具体行政行为数', /维持/, { under: 'review' }),
  row('corrected', '被依法纠错数', /纠错|纠正/, { under: 'review' }),
  row('other', '其他情形数', /其[他它]情形/, { under: 'review' }),
  row('fees', '依申请公开信息收取的费用', /收费|费用/, { kind: 'money' }),
  row('organisation.offices', '政府信息公开工作专门机构数', /专门机构/),
  row('organisation.readingPoints', '设置政府信息公开查阅点数', /查阅点|查阅场所/),
  row('organisation.staffFullTime', '专职人员数', /专职/),
  row('organisation.staffPartTime', '兼职人员数', /兼职/),
  row('organisation.staff', '从事政府信息公开工作人员数', /工作人员/),
  row('organisation.budget', '政府信息公开专项经费', /经费/, { kind: 'money' }),
  row('training.meetings', '召开政府信息公开工作会议或专题会议数', /会议/),
  row('training.courses', '举办各类培训班数', /培训班/),
  row('training.trainees', '接受培训人员数', /培训人员|接受培训/),
];

/** the review / litigation sub-rows under each total */
const SUB_ROWS = MATCHING_ORDER.filter((r) => r.under);
const subRowsOf = (parent: 'review' | 'litigation'): LegacyRowSpec[] =>
  SUB_ROWS.map((r) => ({
    ...r,
    key: `${parent}.${r.key}`,
    under: undefined,
    label: parent === 'litigation' && r.key === 'upheld' ? '维持具体行政行为或者驳回原告诉讼请求数' : r.label,
  }));

/** every row key in the order of the official table */
export const LEGACY_ROWS: LegacyRowSpec[] = [
  'active.total',
  'active.normativeDocuments',
  'active.normativeDocumentsIssued',
  'active.byGazette',
  'active.byWebsite',
  'active.byWeibo',
  'active.byWechat',
  'active.byOther',
  'response.hotTopics',
  'response.pressConferences',
  'response.pressConferencesByLeaders',
  'response.onlineInterviews',
  'response.onlineInterviewsByLeaders',
  'response.interpretations',
  'response.weiboWechat',
  'response.other',
  'applications.received',
  'applications.inPerson',
  'applications.fax',
  'applications.email',
  'applications.online',
  'applications.letter',
  'applications.letterOrFax',
  'applications.otherChannel',
  'applications.closed',
  'applications.closedOnTime',
  'applications.closedExtended',
  'replies.total',
  'replies.alreadyPublic',
  'replies.granted',
  'replies.partiallyGranted',
  'replies.refused',
  'replies.refused.stateSecret',
  'replies.refused.commercialSecret',
  'replies.refused.privacy',
  'replies.refused.security',
  'replies.refused.notGovernmentInformation',
  'replies.refused.otherByLaw',
  'replies.notThisAgency',
  'replies.notExist',
  'replies.toAmend',
  'replies.otherRoute',
  'replies.other',
  'review.total',
  'review.upheld',
  'review.corrected',
  'review.other',
  'litigation.total',
  'litigation.upheld',
  'litigation.corrected',
  'litigation.other',
  'complaints',
  'fees',
  'organisation.offices',
  'organisation.readingPoints',
  'organisation.staff',
  'organisation.staffFullTime',
  'organisation.staffPartTime',
  'organisation.budget',
  'training.meetings',
  'training.courses',
  'training.trainees',
].map((key) => [...MATCHING_ORDER, ...subRowsOf('review'), ...subRowsOf('litigation')].find((r) => r.key === key)!);

export const LEGACY_TITLE = '政府信息公开情况统计表';

/** the two columns: this year's value and the running total since 2008 (money in 万元) */
export function legacyColumns(kind: LegacyRowSpec['kind'], cumulative: boolean): ColumnSpec[] {
  const unit = kind === 'money' ? '（万元）' : '';
  const year: ColumnSpec = { key: 'year', label: `本年度${unit}`, kind };
  return cumulative ? [year, { key: 'cumulative', label: `历年累计${unit}`, kind }] : [year];
}

/** the first spec whose wording the label matches: printed labels repeat from report to report */
const matchingSpec = memoizeString((label: string) => MATCHING_ORDER.find((r) => r.match.test(label)));

/** the key a printed label means: `parent` is the review or litigation total printed last */
export function legacyKeyOf(label: string, parent: 'review' | 'litigation'): LegacyRowSpec | undefined {
  const spec = matchingSpec(label);
  if (!spec?.under) return spec;
  return LEGACY_ROWS.find((r) => r.key === `${parent}.${spec.key}`);
}
