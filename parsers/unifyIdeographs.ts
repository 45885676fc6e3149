// Some fonts map a glyph to a CJK radical or a compatibility ideograph instead of the ideograph it
// draws: a PDF's text then reads ⼀、总体情况 (U+2F00, KANGXI RADICAL ONE), 组⻓ (U+2ED3), ⾏政
// (U+2F8F), and so does text copied out of such a PDF into a page. They look the same but match
// nothing: headings, titles and row labels are lost. Every parser's text is unified here, one
// character for one (the same length, so every provenance column still points at its character).
import type { Doc, GridCell } from '../src/model/document';

/**
 * CJK Radicals Supplement (U+2E80–U+2EFF) with an equivalent unified ideograph that a report
 * prints as a word of its own (Unicode's EquivalentUnifiedIdeograph.txt; NFKC maps only ⺟ and ⻳).
 * Radicals that are only parts of characters (⺅ 亻, ⺡ 氵) stand for no word and are left alone.
 */
const SUPPLEMENT: Record<string, string> = {
  '\u2E8C': '小',
  '\u2E8D': '小',
  '\u2E8E': '兀',
  '\u2E92': '巳',
  '\u2E93': '幺',
  '\u2E9C': '日',
  '\u2E9D': '月',
  '\u2E9F': '母',
  '\u2EA0': '民',
  '\u2EA9': '王',
  '\u2EAC': '示',
  '\u2EAF': '糸',
  '\u2EB6': '羊',
  '\u2EBC': '肉',
  '\u2EC1': '虎',
  '\u2EC4': '西',
  '\u2EC5': '见',
  '\u2EC6': '角',
  '\u2EC9': '贝',
  '\u2ECB': '车',
  '\u2ED1': '長',
  '\u2ED3': '长',
  '\u2ED4': '门',
  '\u2ED7': '雨',
  '\u2ED8': '青',
  '\u2ED9': '韦',
  '\u2EDA': '页',
  '\u2EDB': '风',
  '\u2EDC': '飞',
  '\u2EDD': '食',
  '\u2EE1': '首',
  '\u2EE2': '马',
  '\u2EE3': '骨',
  '\u2EE4': '鬼',
  '\u2EE5': '鱼',
  '\u2EE6': '鸟',
  '\u2EE7': '卤',
  '\u2EE8': '麦',
  '\u2EE9': '黄',
  '\u2EEA': '黾',
  '\u2EEC': '齐',
  '\u2EEE': '齿',
  '\u2EF0': '龙',
  '\u2EF3': '龟',
};

/** radicals (both blocks) and compatibility ideographs: text without them is returned as it is */
const MAY_NEED = /[\u2E80-\u2EFF\u2F00-\u2FD5\uF900-\uFAFF]/;
const EACH = new RegExp(MAY_NEED.source, 'g');

function unifiedChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x2f00) return SUPPLEMENT[c] ?? c;
  // Kangxi radicals: NFKC gives the unified ideograph; compatibility ideographs: their canonical
  // one (NFC), kept only where it is one UTF-16 unit too (a few map outside the BMP)
  const u = c.normalize(code < 0x3000 ? 'NFKC' : 'NFC');
  return u.length === 1 ? u : c;
}

/** the text with every radical or compatibility ideograph that stands for an ideograph unified */
export function unifyIdeographs(text: string): string {
  return MAY_NEED.test(text) ? text.replace(EACH, unifiedChar) : text;
}

function unifyCell(c: GridCell): void {
  c.text = unifyIdeographs(c.text);
}

/** every text of the document unified, in place (the parser's own, fresh document) */
export function unifyDocIdeographs(doc: Doc): Doc {
  if (doc.title) doc.title = unifyIdeographs(doc.title);
  for (const b of doc.blocks) {
    if (b.type === 'table') for (const row of b.rows) row.forEach(unifyCell);
    else b.text = unifyIdeographs(b.text);
  }
  return doc;
}

/** full-width digits (０–９), as text typed in full-width mode prints numbers */
const HAS_FULL_WIDTH_DIGIT = /[\uFF10-\uFF19]/;
const FULL_WIDTH_DIGIT = new RegExp(HAS_FULL_WIDTH_DIGIT.source, 'g');

/**
 * The text with full-width digits as ASCII ones, one for one. For a PDF's text items: the page
 * layout finds values and columns by their digits. (Other formats keep the digits as printed in
 * `raw`; their values are read through NFKC.)
 */
export function asciiDigits(text: string): string {
  return HAS_FULL_WIDTH_DIGIT.test(text)
    ? text.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    : text;
}
