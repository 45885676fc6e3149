// A report's name, wherever it is printed (the title line, or inside the first sentence:
// "现公布清远市清新区人民政府办公室2022年政府信息公开工作年度报告"), → the agency as printed and the
// year. The shapes seen on real pages:
//   {机关}{YYYY}年(度)…报告 · {YYYY}年{机关}…报告 · {机关}政府信息公开工作{YYYY}年度报告 ·
//   {机关}关于{YYYY}年度…报告 · 关于{YYYY}年度政府信息公开情况的报告 · …工作报告 / …工作年报
import { REPORT_WORD } from '../model/reportWords';
import { AGENCY_END } from './agencyWords';

export const YEAR = /((?:19|20)\d{2})\s*年(?:度)?/;
/** where the name of the report starts after the agency: 政府信息公开…, 信息公开…, 政务公开… */
const REPORT_NAME_START = /(?:政府|机关)?(?:信息|政务)公开|(?:政府)?信息工作|年度报告|工作报告|工作年报/;

/** a year written in characters (二〇一二年, 二0一七年), as old reports and their dates print years: each
 character's digit */
const ZEROS = '〇○零O0';
const DIGITS = '一二三四五六七八九';
const digitOf = (c: string) => (ZEROS.includes(c) ? '0' : String(DIGITS.indexOf(c) + 1));
const CHINESE_YEAR = /(?:一九|二[〇○零O0])[〇○零O0一二三四五六七八九]{2}(?=\s*年)/g;
/** the text with years written in characters written in digits (二〇一二年 → 2012年) */
export const arabicYears = (s: string) => s.replace(CHINESE_YEAR, (y) => [...y].map(digitOf).join(''));

export interface TitleParts {
  agency: string | null;
  year: number | null;
}

/** the agency and year a report's name states */
export function partsOfReportName(name: string): TitleParts {
  const t = arabicYears(name.normalize('NFKC').replace(/\s+/g, ''));
  const y = YEAR.exec(t);
  const year = y ? Number(y[1]) : null;
  let agency: string | null = null;
  if (y) {
    const before = trimName(t.slice(0, y.index));
    const after = trimName(t.slice(y.index + y[0].length));
    agency = before.length >= 2 ? before : after.length >= 2 ? after : null;
  } else {
    agency = trimName(t) || null;
  }
  if (agency && agency.length < 2) agency = null;
  return { agency, year };
}

/** an agency's name with 机关 after it */
const ORGAN = new RegExp(`${AGENCY_END}机关$`);

/** what surrounds a name inside a report's name: 关于, 的, brackets, (以下简称…), (机关) */
function trimName(s: string): string {
  let n = s.split(REPORT_NAME_START)[0];
  // 泾县人民政府信息公开年度报告: the government's 政府 is also the 政府 of 政府信息公开
  if (/人民$/.test(n) && s.startsWith(n + '政府信息')) n += '政府';
  n = n.replace(/[(（][^()（）]*(?:以下简称|简称)[^()（）]*[)）]/g, '').replace(/[(（]机关[)）]/g, '');
  // 城口县人民政府机关: the government as an organ (it and its office), the same issuer
  if (ORGAN.test(n)) n = n.slice(0, -2);
  n = n
    .replace(/^[《〈【[“"「]+|[》〉】\]”"」]+$/g, '')
    .replace(/^关于/, '')
    .replace(/关于$/, '')
    .replace(/的$/, '');
  return n.replace(/^[\s,，、:：]+|[\s,，、:：]+$/g, '');
}

/**
 * What a page puts between a title and its site's name: `_`, `|`, a dash. An underscore or bar
 * followed by ASCII letters or digits continues a word of the text (an identifier, a URL).
 */
const SITE_SEPARATOR = /\s*(?<![_|｜])[_|｜]+(?![A-Za-z0-9_|｜])\s*|\s*[-—–]{1,2}\s*(?=\S)/;

/** the extension of a file whose name a document-sharing page prints as its heading (….docx) */
const FILE_EXTENSION = /\.(?:docx?|wps|pdf|txt|html?)$/i;

/** a character SITE_SEPARATOR or FILE_EXTENSION needs */
const MAY_HAVE_SUFFIX = /[._|｜\-—–]/;

/**
 * a title line with what a page adds around it removed: the site name it appends
 * (`…报告-信息公开年度报告-台安县人民政府`), a run of empty table cells (`…报告 | ||||`), a file extension
 */
export function withoutSiteSuffix(line: string): string {
  // most lines have neither a separator nor an extension's dot: nothing to remove
  if (!MAY_HAVE_SUFFIX.test(line)) return line;
  const parts = line.replace(FILE_EXTENSION, '').split(SITE_SEPARATOR).filter(Boolean);
  if (parts.length < 2) return parts[0] ?? line;
  return parts.find((p) => REPORT_WORD.test(p) && YEAR.test(p)) ?? parts.find((p) => REPORT_WORD.test(p)) ?? line;
}
