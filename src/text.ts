// Text normalisation shared by every matcher: full/half width folded (NFKC), white space
// removed, brackets unified, so labels compare by their characters alone.
import { memoizeString } from './memo';

export const compact = memoizeString(compactUncached);

/**
 * true when NFKC leaves the text as it is: ASCII, CJK ideographs and the common CJK punctuation
 * (、。〈〉《》「」『』【】) neither decompose nor combine. Most labels are such text, and need no
 * normalising pass (full-width digits and the ideographic space are not, and are normalised).
 */
function nfkcStable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 || (c >= 0x4e00 && c <= 0x9fff) || c === 0x3001 || c === 0x3002 || (c >= 0x3008 && c <= 0x3011))
      continue;
    return false;
  }
  return true;
}

/** a pinyin gloss a mirror site inserts after a character (國(guó), 報(bào)), splitting every word it follows */
export const PINYIN_GLOSS =
  /(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,7}\)/g;

function compactUncached(s: string): string {
  // (a tone mark makes the text unstable under NFKC: only such text can hold a gloss)
  return (nfkcStable(s) ? s : s.normalize('NFKC').replace(PINYIN_GLOSS, ''))
    .replace(/[\s\u3000\u00a0]+/g, '')
    .replace(/[〔［【]/g, '(')
    .replace(/[〕］】]/g, ')');
}

/**
 * Every match of a global regex in the text, as [...text.matchAll(re)] gives them from a regex
 * whose lastIndex is 0: matchAll builds a new RegExp from `re` on every call, which costs more
 * than searching a short text. Searches with `re` itself and leaves its lastIndex at 0.
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  if (!re.global) throw new TypeError('allMatches needs a global regex');
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m);
    // past an empty match, as matchAll steps: a character, or a code point where the regex reads them
    if (m[0] === '') re.lastIndex = stepPast(text, re.lastIndex, re.unicode || re.flags.includes('v'));
  }
  re.lastIndex = 0;
  return out;
}

function stepPast(text: string, at: number, byCodePoint: boolean): number {
  if (!byCodePoint || at + 1 >= text.length) return at + 1;
  const c = text.charCodeAt(at);
  const next = text.charCodeAt(at + 1);
  return c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? at + 2 : at + 1;
}

/** Strip a leading list number: 一、 (一) 1. 1、 ① … */
export function stripNumbering(s: string): string {
  return s.replace(
    /^(?:[一二三四五六七八九十]+[、.．]|\([一二三四五六七八九十]+\)[、.]?|\d{1,2}[.、．](?!\d)|[①-⑩])/,
    '',
  );
}
