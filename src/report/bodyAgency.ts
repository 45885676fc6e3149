// The agency and year the first sentences of a report state when its title does not (or the
// page has no title line): the report's own name inside a sentence ("现公布{机关}2022年政府信息
// 公开工作年度报告", "《…年度报告》"), "本报告由{机关}编制", "{机关}（以下简称…）", "2022年，{机关}坚持…".
import { AGENCY_END } from './agencyWords';
import { partsOfReportName } from './titleShapes';
import { allMatches } from '../text';

export interface NameCandidate {
  name: string;
  year: number | null;
  how: string;
}

const NAME = `(?!度)[\\u4e00-\\u9fa5()（）]{1,40}?${AGENCY_END}`;
/** the report's name inside a sentence, after the verb that publishes it */
const PUBLISHING_VERB = /(?:(?:编制|制作)并)?(?:公布|公开|发布|编制了?|现将|呈报|报告)\s*《?/;
/** the name (captured): an optional year, then words ending in 信息公开 … 报告/年报 */
const PUBLISHED_NAME =
  /((?:(?:19|20)\d{2}\s*年度?)?[^。；;,，、《》“”"\n]{2,60}?(?:政府|机关)?(?:信息|政务)公开(?:工作)?[^。；;,，《》\n]{0,10}?(?:报告|年报))/;
const NAME_IN_SENTENCE = new RegExp([PUBLISHING_VERB.source, PUBLISHED_NAME.source].join(''), 'g');
/** a sentence that opens with the report's own name: "X2021年政府信息公开工作年度报告(以下简称年报)是根据…" */
const SELF_NAMED = new RegExp(
  `(?:^|[。\\n])\\s*${PUBLISHED_NAME.source}\\s*(?:[（(]\\s*(?:以下简称|下称)|是根据|是依据|根据|依据|由)`,
  'g',
);
/** the same, the report called by its kind alone: "乐山高新区管委会2010年年报根据《条例》…编制" */
const SELF_NAMED_SHORT = new RegExp(
  `(?:^|[。\\n])\\s*(${NAME}(?:19|20)\\d{2}\\s*年度?(?:年报|年度报告))\\s*(?:[（(]\\s*(?:以下简称|下称)|是根据|是依据|根据|依据|由)`,
  'g',
);
const QUOTED_NAME = /《([^《》\n]{4,70}?(?:信息|政务)公开[^《》\n]{0,12}?(?:报告|年报))》/g;
// "由X负责编制" makes the report; "信息采集由秘书科和信息中心负责" names a unit doing other work
const MADE_BY = new RegExp(
  `(?:由|本报告由|年度报告由)\\s*(${NAME})\\s*(?:根据|依据|按照|综合|编制|负责(?:编制|编写|制作|汇总)|在)`,
  'g',
);
const MADE = new RegExp(`(?:^|[，,。；\\s])(${NAME})\\s*编制了`, 'g');
const SHORT_FOR = new RegExp(`(${NAME})\\s*[（(]\\s*以下简称`, 'g');
// (共, 未, 对 after a year and the name: 2022年，蠡县交通运输局共发布… / 未发生… / 对政府信息…)
const DOING =
  '(?:坚持|认真|深入|全面|紧紧|围绕|以|在|按照|严格|持续|切实|进一步|积极|始终|高度|贯彻|继续|根据|聚焦|扎实|着力|不断|主动|结合|强化|加强|依法|共|未|对|政府信息公开工作|政务公开工作|信息公开工作)';
const YEAR_THEN_NAME = new RegExp(
  `((?:19|20)\\d{2})\\s*年(?:度)?[，,]?\\s*(${NAME.replace('{1,40}?', '{1,30}?')})(?=${DOING})`,
  'g',
);
/** 2020年，广州市坚持…: a region's own report names only the region */
const YEAR_THEN_REGION = new RegExp(
  `((?:19|20)\\d{2})\\s*年(?:度)?[，,]\\s*((?!度)[\\u4e00-\\u9fa5]{2,12}?(?:省|市|区|县|旗|盟|州))(?=${DOING})`,
  'g',
);

/**
 * the first sentence under the overview's heading, its subject the issuer: 一、总体情况 / 文登区住建局高度重视…
 * (not the Party committee or government above it: 县委、县政府高度重视…, 区委区政府…)
 */
const OVERVIEW_SUBJECT = new RegExp(
  `总体情况\\s*\\n\\s*(?![省市县区州旗镇乡]?(?:党工?委|委)|[省市县区州旗]政府)(${NAME})(?=${DOING})`,
  'g',
);

/** the report's pronoun for itself as the subject of its first sentences: 2022年，我局… / 本年度，我区… */
const PRONOUN_SUBJECT = new RegExp(
  `([我本](?:局|办|委|厅|乡|镇|区|县|旗|市|省|街道|苏木|中心))(?=${DOING}|[，,]|通过)`,
  'g',
);
/** a sentence or clause starts just before: the pronoun is its subject */
const opensClause = (text: string, at: number) => {
  const before = text.slice(Math.max(0, at - 3), at).trimEnd();
  return before === '' || /[，,。\n]$/.test(before);
};
/** 在区委、区政府的领导下，官洲街道办事处认真… (领导下, 指导下, 部署下, 引领下, 带领下, 支持下, 关心下, 帮助下) */
const LED_BY = new RegExp(`(?:导下|署下|领下|持下|心下|助下)[，,]\\s*(${NAME})(?=${DOING})`, 'g');

const matches = allMatches;
/** the stretches of text just before each occurrence of a word: where a pattern ending in it can match */
function before(text: string, word: string, span = 60): string {
  const parts: string[] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1))
    parts.push(text.slice(Math.max(0, i - span), i + word.length + 4));
  return parts.join('\n');
}
/** the stretches of text from each occurrence of a word on: where a pattern starting with it can match */
function after(text: string, word: string, span = 60): string {
  const parts: string[] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1))
    parts.push(text.slice(i, i + word.length + span));
  return parts.join('\n');
}

/** candidates in order of trust, each with the year its sentence gives (if any) */
export function bodyCandidates(text: string): NameCandidate[] {
  const out: NameCandidate[] = [];
  for (const re of [QUOTED_NAME, NAME_IN_SENTENCE, SELF_NAMED, SELF_NAMED_SHORT]) {
    for (const m of matches(re, text)) {
      const p = partsOfReportName(m[1]);
      if (p.agency) out.push({ name: p.agency, year: p.year, how: 'report name in the text' });
    }
  }
  for (const m of matches(MADE_BY, after(text, '由')))
    out.push({ name: m[1], year: null, how: 'maker named in the text' });
  for (const m of matches(MADE, before(text, '编制了')))
    out.push({ name: m[1], year: null, how: 'maker named in the text' });
  for (const m of matches(SHORT_FOR, before(text, '以下简称')))
    out.push({ name: m[1], year: null, how: 'name before its short form' });
  for (const re of [YEAR_THEN_NAME, YEAR_THEN_REGION]) {
    for (const m of matches(re, text)) out.push({ name: m[2], year: Number(m[1]), how: 'first sentence' });
  }
  for (const m of matches(OVERVIEW_SUBJECT, text)) out.push({ name: m[1], year: null, how: 'first sentence' });
  const ledBy = ['导下', '署下', '领下', '持下', '心下', '助下'].map((w) => after(text, w)).join('\n');
  for (const m of matches(LED_BY, ledBy)) out.push({ name: m[1], year: null, how: 'first sentence' });
  for (const m of matches(PRONOUN_SUBJECT, text))
    if (opensClause(text, m.index!)) out.push({ name: m[1], year: null, how: 'pronoun' });
  return (
    out
      .map((c) => ({
        ...c,
        // 经 as in 经研究, not the 经 of 经开区 or 经济
        name: c.name
          // 特编制并向社会公布X…: the rest of the verb that publishes the report
          .replace(/^并?(?:向社会)?(?:公布|发布|印发)/, '')
          .replace(/^(?:结合|根据|依据|按照|经过|在|由|是|将|对|和|与|及|并|经(?!开区|济))/, ''),
      }))
      // words of a sentence around the report's pronoun are no name (全年我局共…): the pronoun alone is
      .filter((c) => !c.name.includes('我') || /^我/.test(c.name))
  );
}

/** whom the report says to ask: 请与池州市林业局办公室联系, 请联系五常市自然资源局 — the issuer or an office inside it */
// a name may hold a second name in brackets (…开发区(…经济技术开发区)管委会); "(地址:" ends it
const IN_BRACKETS = '[\\u4e00-\\u9fa5]{2,20}[)）]';
const CONTACT = new RegExp(
  `(?:请与|请联系[:：]?)\\s*((?:[\\u4e00-\\u9fa5]|[（(]${IN_BRACKETS}){4,40}?)(?=联系|[（(](?!${IN_BRACKETS})|[，,。:：;；\\s]|$)`,
  'g',
);
/**
 * the issuer's name, then an office inside it: 办公室, 党政办公室, 政府信息公开办公室, 信息中心, 业务股;
 * the issuer's second name in brackets between them (…福州片区管理委员会(福州保税港区管理委员会)政府信息公开办公室)
 * is left out
 */
const OFFICE_INSIDE = '[\\u4e00-\\u9fa5]{0,12}(?:办公室|党政办|信息中心|股|科)';
const INSIDE = new RegExp(
  `^(.*(?:人民政府|办事处|管理委员会|管委会|委员会|局|厅|署|委)(?![会员]))(?:[（(]${IN_BRACKETS})?(${OFFICE_INSIDE})$`,
);
/** a government's office (县政府办公室) is a body of its own: asking it says nothing of whose report it is */
const GOVERNMENT_OFFICE = /政府办(?:公室)?$/;
const TOWNSHIP_GOVERNMENT = /(?:镇|乡|苏木)人民政府$/;

/** the bodies the contact sentences name, with an office inside a body cut to the body */
export function contactNames(text: string): string[] {
  const out: string[] = [];
  for (const m of allMatches(CONTACT, text)) {
    const inside = INSIDE.exec(m[1]);
    if (inside && !(/政府$/.test(inside[1]) && !TOWNSHIP_GOVERNMENT.test(inside[1]))) out.push(inside[1]);
    else if (!GOVERNMENT_OFFICE.test(m[1])) out.push(m[1]);
  }
  return out;
}
