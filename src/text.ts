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

function compactUncached(s: string): string {
  return (nfkcStable(s) ? s : s.normalize('NFKC'))
    .replace(/[\s\u3000\u00a0]+/g, '')
    .replace(/[〔［【]/g, '(')
    .replace(/[〕］】]/g, ')');
}

/** Strip a leading list number: 一、 (一) 1. 1、 ① … */
export function stripNumbering(s: string): string {
  return s.replace(
    /^(?:[一二三四五六七八九十]+[、.．]|\([一二三四五六七八九十]+\)[、.]?|\d{1,2}[.、．](?!\d)|[①-⑩])/,
    '',
  );
}
