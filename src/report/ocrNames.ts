// An agency name read by OCR is checked word by word: a name whose every part is a known word
// (jieba's dictionary, the vocabulary of agency types, a division's name) is kept; a character
// no word explains (录 in 上海市人民政府录公厅) is corrected only when exactly one known agency word
// or division name is one substitution away (办公厅), otherwise the name is kept as read and a
// finding says so. Text from a text layer is never changed: only OCR mistakes one glyph for another.
import { jiebaSegmenter as segmenter } from '../jieba';
import { upperDivisions, stem } from '../region/divisions';
import { mentionedDivisions } from '../region/textRegion';
import { AGENCY_END_WORDS, DEPARTMENTS, DEPARTMENT_UNITS } from './agencyWords';

/** single characters that are words in a name by themselves: level words, types, 和 */
const SINGLE_WORDS = new Set('省市区县旗盟州乡镇村局厅委办处院所站队部署会和与及'.split(''));

let vocabulary: Set<string> | undefined;
/** agency words and division names (two characters or more) */
function agencyVocabulary(): Set<string> {
  if (vocabulary) return vocabulary;
  const ends = AGENCY_END_WORDS.filter((w) => /^[\u4e00-\u9fa5]{2,}$/.test(w));
  const words = [...ends, ...DEPARTMENTS.flatMap((d) => DEPARTMENT_UNITS.map((u) => d + u)), '国家税务总局'];
  for (const name of upperDivisions().byName.keys()) words.push(name, stem(name));
  vocabulary = new Set(words.filter((w) => w.length >= 2));
  return vocabulary;
}

let index: Map<string, string[]> | undefined;
/** each vocabulary word under each of its one-wildcard forms: 办公厅 → ?公厅, 办?厅, 办公? */
function wildcardIndex(): Map<string, string[]> {
  if (index) return index;
  index = new Map();
  for (const w of agencyVocabulary())
    for (let i = 0; i < w.length; i++) {
      const key = `${w.slice(0, i)}?${w.slice(i + 1)}`;
      const list = index.get(key);
      if (list) list.push(w);
      else index.set(key, [w]);
    }
  return index;
}

/** positions of characters no known word covers */
function unknownPositions(name: string): number[] {
  const known = new Array<boolean>(name.length).fill(false);
  const mark = (at: number, length: number) => known.fill(true, at, at + length);
  for (const m of mentionedDivisions(name, true))
    for (let at = name.indexOf(m.name); at >= 0; at = name.indexOf(m.name, at + 1)) mark(at, m.name.length);
  let at = 0;
  for (const word of segmenter().cut(name, false)) {
    if (word.length >= 2 || SINGLE_WORDS.has(word) || !/[\u4e00-\u9fa5]/.test(word)) mark(at, word.length);
    at += word.length;
  }
  for (const w of agencyVocabulary())
    for (let i = name.indexOf(w); i >= 0; i = name.indexOf(w, i + 1)) mark(i, w.length);
  return known.flatMap((k, i) => (k ? [] : [i]));
}

export interface CheckedName {
  name: string;
  /** the name as read, when it was corrected */
  corrected?: string;
  /** what could not be settled, in words */
  finding?: string;
}

/** An agency name read by OCR: kept, corrected by one character, or kept with a finding. */
export function checkOcrName(read: string): CheckedName {
  const unknown = unknownPositions(read);
  if (!unknown.length) return { name: read };
  // every known word one substitution away, the substitution at a character no word explains
  const fixes = new Map<string, string>();
  const idx = wildcardIndex();
  for (const p of unknown)
    for (let i = Math.max(0, p - 11); i <= p; i++)
      for (let j = p + 1; j <= Math.min(read.length, i + 12); j++) {
        if (j - i < 2) continue;
        const key = `${read.slice(i, p)}?${read.slice(p + 1, j)}`;
        for (const w of idx.get(key) ?? []) {
          const fixed = read.slice(0, p) + w[p - i] + read.slice(p + 1);
          if (fixed !== read) fixes.set(fixed, w);
        }
      }
  const unexplained = unknown.map((p) => read[p]).join('');
  // a correction must leave nothing unexplained: one wrong glyph, not a name we do not know
  const whole = [...fixes].filter(([fixed]) => unknownPositions(fixed).length === 0);
  if (whole.length === 1) return { name: whole[0][0], corrected: read };
  const near = [...new Set((whole.length ? whole : [...fixes]).map(([, w]) => w))].slice(0, 4).join(', ');
  return {
    name: read,
    finding:
      whole.length > 1
        ? `${unexplained} is no known word; several known words are one character away (${near})`
        : fixes.size
          ? `${unexplained} is no known word; ${near} is one character away but leaves the rest unexplained`
          : `${unexplained} is no known word and no known word is one character away`,
  };
}
