// Text normalisation shared by every matcher: full/half width folded (NFKC), white space
// removed, brackets unified, so labels compare by their characters alone.
import { memoizeString } from './memo';

export const compact = memoizeString(compactUncached);

function compactUncached(s: string): string {
  return s
    .normalize('NFKC')
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
