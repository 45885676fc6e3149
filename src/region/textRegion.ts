// The division names a text mentions (广州市, 海珠区, 官洲街道 …), counted, with every division each
// name may stand for: many county and town names repeat across the country. Names are looked up
// only where a text has a character some division name ends with, the longest name first. Names
// only earlier GB/T 2260 revisions have (海安县, 江干区) are found too, with every division they
// ever named: resolveRegion keeps those of the report's year.
import { type Division, upperDivisions, townDivisions } from './divisions';
import { pastNames, pastDivisionsNamed } from './pastDivisions';

export interface Mention {
  name: string;
  count: number;
  divisions: Division[];
}

const MAX_NAME = 12;
const TOWN_END = /(?:街道|镇|乡|苏木)$/;

/** two UTF-16 code units as one number: a text's pairs are looked up without cutting strings */
const pairKey = (s: string, at: number) => s.charCodeAt(at) * 0x10000 + s.charCodeAt(at + 1);

/** the last two characters of every name (pairKey) → the lengths of the names that end so, longest first */
let upperTails: Map<number, number[]> | undefined;
let townTails: Map<number, number[]> | undefined;
function tails(names: Iterable<string>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const n of names) {
    if (n.length < 2 || n.length > MAX_NAME) continue;
    const key = pairKey(n, n.length - 2);
    const list = out.get(key) ?? [];
    if (!list.includes(n.length)) list.push(n.length);
    out.set(key, list);
  }
  for (const list of out.values()) list.sort((a, b) => b - a);
  return out;
}
/** every name's first character and length (headKey): where no name starts, no string is cut to look one up */
const headKey = (s: string, at: number, length: number) => s.charCodeAt(at) * 16 + length;
let upperHeads: Set<number> | undefined;
let townHeads: Set<number> | undefined;
function heads(names: Iterable<string>): Set<number> {
  const out = new Set<number>();
  for (const n of names) if (n.length >= 2 && n.length <= MAX_NAME) out.add(headKey(n, 0, n.length));
  return out;
}
/** which characters end some name: most characters of a text end none, and are passed over */
let lastChars: Uint8Array | undefined;
function endsSomeName(): Uint8Array {
  if (lastChars) return lastChars;
  lastChars = new Uint8Array(0x10000);
  for (const m of [upperTails!, townTails ?? new Map<number, number[]>()])
    for (const tail of m.keys()) lastChars[tail % 0x10000] = 1;
  return lastChars;
}

const cache = new Map<string, Mention[]>();

/** every province, city and county-level name in the text; town names too when asked */
export function mentionedDivisions(text: string, withTowns = false): Mention[] {
  const key = text.length <= 64 ? `${withTowns ? 1 : 0}${text}` : undefined;
  const hit = key !== undefined ? cache.get(key) : undefined;
  if (hit) return hit;
  const found = scan(text, withTowns);
  if (key !== undefined) {
    if (cache.size > 20_000) cache.clear();
    cache.set(key, found);
  }
  return found;
}

function scan(text: string, withTowns: boolean): Mention[] {
  const { byName } = upperDivisions();
  upperTails ??= tails([...byName.keys(), ...pastNames()]);
  upperHeads ??= heads([...byName.keys(), ...pastNames()]);
  const towns = withTowns && /街道|镇|乡|苏木/.test(text) ? townDivisions() : undefined;
  if (towns && !townTails) {
    townTails = tails([...towns.keys()].filter((n) => TOWN_END.test(n)));
    townHeads = heads(towns.keys());
    lastChars = undefined;
  }
  const ends = endsSomeName();
  const found = new Map<string, Mention>();
  const t = text.replace(/\s+/g, '');
  let free = 0; // the first character no earlier name has taken
  for (let e = 1; e < t.length; e++) {
    if (!ends[t.charCodeAt(e)]) continue;
    const tail = pairKey(t, e - 1);
    const upperLengths = upperTails.get(tail);
    const townLengths = towns ? townTails!.get(tail) : undefined;
    if (!upperLengths && !townLengths) continue;
    const lengths = !townLengths
      ? upperLengths!
      : !upperLengths
        ? townLengths
        : [...new Set([...upperLengths, ...townLengths])].sort((a, b) => b - a);
    // the longest name ending here that starts after the previous one (重庆市开州区 → 重庆市, 开州区)
    for (const len of lengths) {
      if (len > e + 1 - free) continue;
      const head = headKey(t, e + 1 - len, len);
      if (!upperHeads.has(head) && !(towns && townHeads!.has(head))) continue;
      const name = t.slice(e + 1 - len, e + 1);
      const divisions =
        byName.get(name) ?? pastDivisionsNamed(name) ?? (towns && TOWN_END.test(name) ? towns.get(name) : undefined);
      if (!divisions) continue;
      // 城区, 郊区, 矿区 are also plain words: too weak to name a place
      if (len === 2 && divisions[0].level !== 'province') break;
      const m = found.get(name);
      if (m) m.count++;
      else found.set(name, { name, count: 1, divisions });
      free = e + 1;
      break;
    }
  }
  return [...found.values()];
}
