import { isDivisionStem } from '../region/divisions';

// Words that end an agency's name, the pronouns a report uses for its own issuer, and the usual
// short forms of agency types with their official names (vocabulary, not a list of agencies).

/** the words that end an issuing body's name, longest first where one ends another */
export const AGENCY_END_WORDS = [
  '人民政府办公厅',
  '人民政府办公室',
  '人民政府',
  '管理委员会',
  '管委会',
  '办事处',
  '委员会',
  '办公厅',
  '办公室',
  '政府',
  '实验区',
  '新区',
  '开发区',
  '经开区',
  '高新区',
  '示范区',
  '[局厅委署院处镇乡所站队部办]',
  '街道',
  // the township of Inner Mongolia's pastoral areas (巴音乌兰苏木), as 乡 elsewhere
  '苏木',
  '中心',
  '总局',
  '集团',
];
/** the end of an issuing body's name, as a pattern */
export const AGENCY_END = `(?:${AGENCY_END_WORDS.join('|')})`;
const AGENCY_NAME = new RegExp(`^[\\u4e00-\\u9fa5()（）]{1,40}${AGENCY_END}$`);
/** a name, allowing a second name in brackets after it: 高新区(新市区), …发展局(…管委会) */
export const looksLikeAgencyName = (s: string) => AGENCY_NAME.test(s.replace(/[(（][^()（）]*[)）]$/, ''));

/** 我局, 我办, 本委…: the report naming itself */
export const PRONOUN = /^(?:我|本)(局|办|委|厅|乡|镇|区|县|旗|市|省|街道|苏木|中心|院|部|署|所|处|单位|部门|机关)$/;
/** a clause that starts with the report's pronoun (我乡建立健全政府…): words of a sentence, never a name */
export const STARTS_WITH_PRONOUN = new RegExp(PRONOUN.source.replace(/\$$/, '(?=.)'));

/** the departments of a government, by their official names (the national 机构设置, not a list of agencies) */
export const DEPARTMENTS = [
  '发展和改革',
  '教育',
  '科学技术',
  '工业和信息化',
  '民族宗教事务',
  '公安',
  '民政',
  '司法',
  '财政',
  '人力资源和社会保障',
  '自然资源',
  '自然资源和规划',
  '生态环境',
  '住房和城乡建设',
  '交通运输',
  '水利',
  '水务',
  '农业农村',
  '商务',
  '文化和旅游',
  '文化广电和旅游',
  '卫生健康',
  '退役军人事务',
  '应急管理',
  '审计',
  '国有资产监督管理',
  '市场监督管理',
  '广播电视',
  '体育',
  '统计',
  '医疗保障',
  '林业',
  '城市管理',
  '城市管理和综合执法',
  '信访',
  '机关事务管理',
  '地方金融监督管理',
  '政务服务管理',
  '数据',
  '大数据',
  '税务',
  '粮食和物资储备',
  '人民防空',
];
/** the units a department is named with: 财政局, 教育委员会 */
export const DEPARTMENT_UNITS = ['局', '厅', '委员会', '委', '办公室'];

/** short form → official name of the agency type; the longest short form is tried first */
const TYPE_NAMES: Array<[string, string]> = [
  ['发改委', '发展和改革委员会'],
  ['发改局', '发展和改革局'],
  ['发展改革局', '发展和改革局'],
  ['发展改革委', '发展和改革委员会'],
  ['卫健委', '卫生健康委员会'],
  ['卫生健康委', '卫生健康委员会'],
  ['医保局', '医疗保障局'],
  ['人社局', '人力资源和社会保障局'],
  ['人力资源社会保障局', '人力资源和社会保障局'],
  ['市场监管局', '市场监督管理局'],
  ['住建局', '住房和城乡建设局'],
  ['工信局', '工业和信息化局'],
  ['科技局', '科学技术局'],
  ['科委', '科学技术委员会'],
  ['文旅局', '文化和旅游局'],
  ['文广旅局', '文化广电和旅游局'],
  ['农业农村委', '农业农村委员会'],
  ['交通局', '交通运输局'],
  ['应急局', '应急管理局'],
  ['退役军人局', '退役军人事务局'],
  ['生态环境委', '生态环境委员会'],
  ['教育委', '教育委员会'],
  ['民宗局', '民族宗教事务局'],
  ['政务服务局', '政务服务管理局'],
  ['资规局', '自然资源和规划局'],
  ['国资委', '人民政府国有资产监督管理委员会'],
  ['经开区', '经济技术开发区'],
  ['高新区管委会', '高新技术产业开发区管理委员会'],
  ['政府办公室', '人民政府办公室'],
  ['政府办公厅', '人民政府办公厅'],
  ['政府办', '人民政府办公室'],
  ['政府', '人民政府'],
];
TYPE_NAMES.sort((a, b) => b[0].length - a[0].length);

/** the agency type at the end of a name written out in full: 市发改委 → 市发展和改革委员会 */
export function expandTypeName(name: string): string {
  if (/人民政府/.test(name)) return name;
  for (const [short, full] of TYPE_NAMES) {
    if (!name.endsWith(short)) continue;
    // a short form stands after a place or a level word only (文体旅游科技局 is its own name)
    const head = name.slice(0, -short.length);
    if (head && !/(?:省|市|区|县|旗|盟|州|乡|镇|国家)$/.test(head) && !isDivisionStem(head)) return name;
    // 政府 alone is written out only after a region or a level word (区政府, 河东乡政府)
    if (short === '政府' || short.startsWith('政府')) {
      const before = name.slice(0, -short.length);
      if (!/(?:省|市|区|县|旗|盟|州|乡|镇)$/.test(before)) return name;
    }
    return name.slice(0, -short.length) + full;
  }
  return name;
}

/** a development zone's committee: 南昌经济技术开发区 → …管理委员会 */
export const ZONE_BARE = /(?:经济技术开发区|经济开发区|高新技术产业开发区|工业园区|产业园区)$/;

/** words of a sentence, never of a name: "进一步加强推进政府" is no agency */
export const SENTENCE_WORDS =
  /进一步|加强|推进|认真|贯彻|落实|坚持|深入|全面|按照|严格|做好|开展|围绕|根据|依据|通过|积极|不断|建立|健全|关于|有关|部署/;
