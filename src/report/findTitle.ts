// The report's title line on any page: the first line before the body that names a report, with
// the page furniture around it skipped, a title split over two lines joined, and a page's site
// name cut off. A lone tail ("工作年度报告") is no title.
import type { Block, Doc, TableBlock } from '../model/document';
import { REPORT_WORD } from '../model/reportWords';
import { AGENCY_END } from './agencyWords';
import { FURNITURE_LINE } from './pageFurniture';
import { YEAR, withoutSiteSuffix, partsOfReportName } from './titleShapes';
import { simplified } from '../tables/simplified';
import { PINYIN_GLOSS } from '../text';
import { mentionedDivisions } from '../region/textRegion';

type TextBlock = Exclude<Block, TableBlock>;
const isText = (b: Block): b is TextBlock => b.type !== 'table';

/** a report's name: it says what is reported (信息公开, 政务公开) or is a 年报 */
const NAMES_A_REPORT = /(?:信息|政务)公开[^。]*(?:报告|年报)|信息公开年报|公开工作(?:年度)?报告/;
/** a line that continues a title: the rest of the report's name */
const TAIL = /^(?:工作)?(?:(?:19|20)\d{2}\s*年)?(?:年度)?(?:报告|年报)$/;
/** where the body starts: the sentence citing the 条例, or the overview heading */
export const BODY_START = /政府信息公开条例|^\s*[一1][、.．]\s*(?:总体情况|概述)|^\s*总体情况\s*$/;

/** white space of any kind (\s holds U+3000): most lines of a report have none, and are kept as they are */
const SPACE = /\s/;

/** a tone-marked vowel: the sign of a pinyin gloss */
const TONE_MARK = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ]/;

function cleanLine(line: string): string {
  let joined = spacesCleaned(line, true);
  // a pinyin gloss is dropped first, and the spaces it leaves then cleaned
  if (joined === null) {
    const s = line.replace(PINYIN_GLOSS, '');
    joined = SPACE.test(s) ? spacesCleaned(s, false)! : s;
  }
  return joined.charCodeAt(0) === 0x23 ? joined.replace(/^#+\s*/, '') : joined;
}

/** characters a space between two of which is a line break of the source, not a word gap: [\u4e00-\u9fa5\d()（）] */
const JOINS = new Uint8Array(0x10000).fill(1, 0x4e00, 0x9fa6);
for (const c of '0123456789()（）') JOINS[c.charCodeAt(0)] = 1;

/** every tone-marked vowel of TONE_MARK lies in this range: a line with none of its characters has none */
const MAY_BE_TONED = /[\u00e0-\u01f9]/;
/** a run of white space of any kind (\s: ECMAScript's WhiteSpace and LineTerminator) */
const SPACE_RUN = /\s+/g;

/**
 * the line's white space cleaned: each run one space, none at either end, and none between two
 * characters JOINS ("临空 先进", "2020 年" are a line break of the source, not a word gap). The
 * same as s.replace(/[\s\u3000]+/g, ' ').trim() with each space between two JOINS characters then
 * dropped. Null, when `untoned` is asked for, for a line with a tone-marked vowel. The runs are
 * found by the regex engine, which passes over a long line faster than a loop of look-ups.
 */
function spacesCleaned(s: string, untoned: boolean): string | null {
  if (untoned && MAY_BE_TONED.test(s) && TONE_MARK.test(s)) return null;
  const n = s.length;
  let out = '';
  let start = 0;
  SPACE_RUN.lastIndex = 0;
  for (let m = SPACE_RUN.exec(s); m; m = SPACE_RUN.exec(s)) {
    const at = m.index;
    const after = at + m[0].length;
    // a run at the start is dropped
    if (at === 0) {
      start = after;
      continue;
    }
    // a run at the end too
    if (after === n) {
      SPACE_RUN.lastIndex = 0;
      return out + s.slice(start, at);
    }
    out += s.slice(start, at);
    if (!(JOINS[s.charCodeAt(at - 1)] && JOINS[s.charCodeAt(after)])) out += ' ';
    start = after;
  }
  return start === 0 && !out ? s : out + s.slice(start);
}

/** characters only traditional text uses, common in any report: a page a mirror site converted */
const TRADITIONAL_CHARS =
  '報開區機關與為這個國會時門間實當從來對將還體點經過東長無產業書條後發現電話網處見則總應務議權劃縣鎮鄉辦訊';
const TRADITIONAL = new RegExp(`[${TRADITIONAL_CHARS}]`);
/** the same characters as a table by code unit: one look-up a character, where the class costs more */
const isTraditional = new Uint8Array(0x10000);
for (const c of TRADITIONAL_CHARS) isTraditional[c.charCodeAt(0)] = 1;
const hasTraditional = (t: string, end: number) => {
  for (let i = 0; i < end; i++) if (isTraditional[t.charCodeAt(i)]) return true;
  return false;
};

/**
 * variant characters a mirror's converter writes where the standard traditional one belongs and that the
 * t → cn conversion leaves as they are: 陜西 for 陝西 (陕西)
 */
const VARIANT_OF: Record<string, string> = { 陜: '陕' };
const CONVERTER_VARIANTS = new RegExp(`[${Object.keys(VARIANT_OF).join('')}]`, 'g');

/** the longest line taken for a title: the longest real ones are about 60 characters */
const MAX_TITLE = 120;
/**
 * a line that opens with the report's name and runs on into its body with no break (crawler
 * text): …2022年度报告一．总体情况本报告根据…, …情况的报告根据《条例》…
 */
const TITLE_RUN_INTO_BODY =
  /^([^。，,；;：:]{4,80}?(?:信息|政务)公开[^。，,；;：:]{0,16}?(?:报告|年报))\s*(?=[一1]\s*[、.．]\s*(?:总体情况|概述)|(?:根据|依据|按照)《|本报告)/;
/** …and where the page's furniture runs into the title too (…浏览次数：125分享到：杭州市…年度报告一．总体情况) */
const BODY_AFTER_TITLE =
  /(?:信息|政务)公开[^。，,；;：:]{0,16}?(?:报告|年报)\s*(?=[一1]\s*[、.．]\s*(?:总体情况|概述)|(?:根据|依据|按照)《|本报告)/;
/** furniture words a crawler runs into the next words: 关闭窗口杭州市… */
const FURNITURE_WORDS = /^(?:打印本页|关闭窗口|分享到|打印|关闭|收藏|大\s*中\s*小)+/;

/**
 * a crawler's line cut where the title ends: [furniture before it, if any, the title, the rest],
 * or null where the line does not open with a title run into the body
 */
function titleRunIntoBody(line: string): string[] | null {
  const whole = TITLE_RUN_INTO_BODY.exec(line);
  if (whole) return [whole[1], line.slice(whole[0].length)];
  const m = BODY_AFTER_TITLE.exec(line.slice(0, 400));
  if (!m) return null;
  const end = m.index + m[0].trimEnd().length;
  // the title starts after the last field, breadcrumb step or gap before it, furniture words dropped
  const head = line.slice(0, end);
  const gap = head.search(/\s\S*$/);
  const from = Math.max(head.lastIndexOf('：'), head.lastIndexOf(':'), head.lastIndexOf('>'), gap) + 1;
  const title = head.slice(from).trim().replace(FURNITURE_WORDS, '');
  if (title.length < 8 || title.length > 80) return null;
  return [head.slice(0, end - title.length), title, line.slice(end)];
}

/** the opening's most lines and characters: a report states its name and year before its first table */
const OPENING_LINES = 40;
const OPENING_CHARS = 2500;

/** a document's opening lines, cleaned, blank ones dropped: worked out once per document */
interface Opening {
  lines: string[];
  /**
   * the first line that shows a mirror converted the page (a character only traditional text uses
   * in its first 400, the lines before it shorter than 400 characters together), or -1
   */
  traditionalAt: number;
  /** the lines in simplified characters, as far as asked for */
  simplified: string[];
}
const cleanedOpenings = new WeakMap<Doc, Opening>();
function cleanedOpening(doc: Doc, max: number): Opening {
  const shared = max <= OPENING_LINES;
  const known = shared ? cleanedOpenings.get(doc) : undefined;
  if (known) return known;
  const lines: string[] = [];
  let traditionalAt = -1;
  let chars = 0;
  for (const b of doc.blocks) {
    if (lines.length >= Math.max(max, OPENING_LINES) || chars > OPENING_CHARS) break;
    if (!isText(b)) continue;
    const cleaned = cleanLine(b.text.length > 1500 ? b.text.slice(0, 1500) : b.text);
    if (!cleaned) continue;
    // crawler text runs the title into the body on one line: the title stands as a line of its own
    const pieces = (cleaned.length > 30 && titleRunIntoBody(cleaned)) || [cleaned];
    for (const t of pieces) {
      if (!t) continue;
      // a mirror converts the whole page: its first lines show it
      if (traditionalAt < 0 && chars < 400 && hasTraditional(t, Math.min(t.length, 400))) traditionalAt = lines.length;
      lines.push(t);
      chars += t.length;
    }
  }
  const opening = { lines, traditionalAt, simplified: [] };
  if (shared) cleanedOpenings.set(doc, opening);
  return opening;
}

/** the text lines of the page's opening, blank ones dropped, in simplified characters */
export function openingLines(doc: Doc, max = OPENING_LINES): string[] {
  const opening = cleanedOpening(doc, max);
  let taken = 0;
  let chars = 0;
  for (const t of opening.lines) {
    if (taken >= max || chars > OPENING_CHARS) break;
    taken++;
    chars += t.length;
  }
  if (opening.traditionalAt < 0 || opening.traditionalAt >= taken) return opening.lines.slice(0, taken);
  const converted = opening.simplified;
  while (converted.length < taken)
    converted.push(simplified(opening.lines[converted.length]).replace(CONVERTER_VARIANTS, (c) => VARIANT_OF[c]));
  return converted.slice(0, taken);
}

const isSentence = (t: string) =>
  /[。《》]|^(?:根据|依据|按照|本报告|本年度|现将|为)/.test(t) || (/[，,]/.test(t) && t.length > 30);
const titleLike = (t: string) =>
  t.length <= MAX_TITLE && NAMES_A_REPORT.test(t) && !FURNITURE_LINE.test(t) && !isSentence(t);
const ENDS_AS_AGENCY = new RegExp(AGENCY_END + '(?:机关)?$');
/** a short line that may be the first half of a title: an agency, a year, or both */
const headLike = (t: string) =>
  t.length <= 40 &&
  !FURNITURE_LINE.test(t) &&
  !isSentence(t) &&
  !REPORT_WORD.test(t) &&
  (ENDS_AS_AGENCY.test(t) || YEAR.test(t) || /(?:信息|政务)公开(?:工作)?$/.test(t));

/**
 * a notice that publishes the report ahead of it (…办公室关于公布 / 贺州市2009年度…年度报告的通知) is
 * titled after the report: the report's title is the name it publishes
 */
const reportOfNotice = (t: string) =>
  // both shapes need 关于 or 的通知: most lines have neither
  !t.includes('关于') && !t.endsWith('的通知')
    ? t
    : t.replace(/^.*?关于(?:公布|印发|发布)《?/, '').replace(/((?:报告|年报))》?的通知$/, '$1');

/** the title and the index of the line it ends on, or null */
/** the kind of report as a whole line: 政府信息公开工作年度报告, 信息公开年报 */
const KIND_ALONE = /^(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)$/;

/** a name led by a place or a level word (not a body's type alone: 卫生健康办公室) */
const placeLed = (name: string) =>
  /^[省市区县]/.test(name) || mentionedDivisions(name).some((m) => name.startsWith(m.name));

/** a list item: on a page, a link to another report (往年年报), never this report's title */
const LIST_ITEM = /^[•·●◦▪■□◆◇►\-*]/;

/**
 * The title and the index of the line it ends on, or null. Pages list links to other years'
 * reports above the content, so of the title lines before the body the last one is the title.
 */
function findTitleLine(lines: string[]): { title: string; line: number } | null {
  const body = lines.findIndex((l) => BODY_START.test(l));
  const end = body < 0 ? Math.min(lines.length, 30) : body;
  let found: { title: string; line: number } | null = null;
  // a heading that is the kind of report and nothing else: the title only where there is no other
  let kindAlone: { title: string; line: number } | null = null;
  for (let i = 0; i < end; i++) {
    if (LIST_ITEM.test(lines[i])) continue;
    const t = reportOfNotice(withoutSiteSuffix(lines[i]));
    const next = i + 1 < end ? lines[i + 1] : '';
    // a title split over two lines: "民政局2020年政府信息公开工作" / "年度报告"
    if (next && headLike(t) && TAIL.test(next.replace(/\s+/g, '')) && titleLike(t + next)) {
      // or over three, its year alone on the first: "2011" / "年政府信息公开" / "年度报告"
      const year = /^年/.test(t) && i > 0 && /^(?:19|20)\d{2}$/.test(lines[i - 1].trim()) ? lines[i - 1].trim() : '';
      found = { title: year + t + next, line: i + 1 };
      i++;
      continue;
    }
    if (!titleLike(t)) continue;
    const above = i > 0 && !LIST_ITEM.test(lines[i - 1]) ? lines[i - 1] : '';
    // the kind of report alone (政府信息公开年报, a field's value or a column's name) names no report
    const named = partsOfReportName(t);
    if (!named.agency && !named.year && !(above && headLike(above))) {
      if (KIND_ALONE.test(t.replace(/\s+/g, ''))) kindAlone ??= { title: t, line: i };
      continue;
    }
    const lacksAgencyOrYear =
      !YEAR.test(t) ||
      /^(?:(?:19|20)\d{2}\s*年度?)?(?:政府)?信息公开/.test(t.replace(/\s+/g, '')) ||
      // an agency named by its type alone under the body it belongs to (…管理委员会 / 卫生健康办公室2023年…)
      (!!named.agency && ENDS_AS_AGENCY.test(above) && !YEAR.test(above) && !placeLed(named.agency));
    found =
      above && headLike(above) && lacksAgencyOrYear && !(YEAR.test(above) && YEAR.test(t))
        ? { title: above + t, line: i }
        : { title: t, line: i };
  }
  return found ?? kindAlone;
}

export function findTitle(doc: Doc, lines = openingLines(doc)): string | null {
  const found = findTitleLine(lines);
  // the format's own title (HTML heading or <title>, PDF, crawler header) unless the lines hold
  // the same title more completely (its agency on the line above)
  const ownLine = doc.title ? cleanLine(doc.title) : '';
  const own = ownLine ? withoutSiteSuffix(TRADITIONAL.test(ownLine) ? simplified(ownLine) : ownLine) : '';
  const ownOk = own && titleLike(own) && !TAIL.test(own.replace(/\s+/g, ''));
  if (ownOk && !(found && found.title.replace(/\s+/g, '').endsWith(own.replace(/\s+/g, '')))) return own;
  return found?.title ?? null;
}
