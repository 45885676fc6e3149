// Chinese heading numbering → level: 一、 (1), （一）/(一) (2), 1. 1、 1． (3), （1） (4).
// Full and half width alike.
export interface Numbered {
  number: string;
  title: string;
  level: number;
  rest: string;
}

const FORMS: Array<[RegExp, number]> = [
  [/^([一二三四五六七八九十]{1,3}[、.．])\s*/, 1],
  [/^([(（][一二三四五六七八九十]{1,3}[)）][、.．]?)\s*/, 2],
  [/^([0-9０-９]{1,2}(?:[.．](?![0-9０-９])|、))\s*/, 3],
  [/^([(（][0-9０-９]{1,2}[)）])\s*/, 4],
];

/** the first character of every form above (after white space): most lines start otherwise */
const MAY_BE_NUMBERED = /^\s*[一二三四五六七八九十(（0-9０-９]/;

/** The numbering and title of a line that starts like a heading, or undefined. */
export function readNumbering(text: string): Numbered | undefined {
  if (!MAY_BE_NUMBERED.test(text)) return undefined;
  const t = text.trim();
  for (const [re, level] of FORMS) {
    const m = re.exec(t);
    if (!m) continue;
    const after = t.slice(m[0].length);
    // the title runs to the first sentence end; a long run means a paragraph that starts numbered
    const end = after.search(/[。；;：:！？]/);
    const title = (end >= 0 ? after.slice(0, end) : after).trim();
    if (!title || title.length > 40) return undefined;
    return { number: m[1], title, level, rest: end >= 0 ? after.slice(end + 1).trim() : '' };
  }
  return undefined;
}
