// The division names a text mentions (广州市, 海珠区, 官洲街道 …), counted, with every division each
// name may stand for: many county and town names repeat across the country. Names only earlier
// GB/T 2260 revisions have (海安县, 江干区) are found too, with every division they ever named:
// resolveRegion keeps those of the report's year.
//
// The names are held in tries of their characters read backwards, built once a process: at each
// character of the text the trie is walked back from it, so every name ending there is found in
// one walk, and the longest that starts after the previous name taken is the one mentioned. Most
// characters end no name and cost one table look-up.
import { type Division, upperDivisions, townDivisions } from './divisions';
import { pastNames, pastDivisionsNamed } from './pastDivisions';

export interface Mention {
  name: string;
  count: number;
  divisions: Division[];
}

const MAX_NAME = 12;
const TOWN_END = /(?:街道|镇|乡|苏木)$/;

/**
 * Names by their characters from the last one back. Node 0 is the root; a last character's node
 * is found in a table by code unit, every other step in one open-addressing hash table of
 * (node, character) → node. A node that completes a name holds the name's index.
 */
interface ReverseTrie {
  /** code unit → the node of names ending with it, or 0 */
  last: Int32Array;
  /** hash slots: the parent node + 1 (0: empty), the character, the child node */
  slotParent: Int32Array;
  slotChar: Uint16Array;
  slotChild: Int32Array;
  mask: number;
  /** node → index into names and divisions, or -1 */
  nameAt: Int32Array;
  names: string[];
  divisions: Division[][];
}

const slotOf = (node: number, c: number, mask: number) =>
  (Math.imul(node, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & mask;

function buildTrie(entries: Array<[string, Division[]]>): ReverseTrie {
  // every step of every name may be an edge: the table is sized for that many at half load
  let steps = 0;
  for (const [name] of entries) steps += name.length - 1;
  let size = 16;
  while (size < steps * 2) size *= 2;
  const trie: ReverseTrie = {
    last: new Int32Array(0x10000),
    slotParent: new Int32Array(size),
    slotChar: new Uint16Array(size),
    slotChild: new Int32Array(size),
    mask: size - 1,
    nameAt: new Int32Array(steps + entries.length + 1).fill(-1),
    names: [],
    divisions: [],
  };
  const { last, slotParent, slotChar, slotChild, mask } = trie;
  let nodes = 1;
  for (const [name, divs] of entries) {
    const end = name.charCodeAt(name.length - 1);
    let node = last[end] || (last[end] = nodes++);
    for (let i = name.length - 2; i >= 0; i--) {
      const c = name.charCodeAt(i);
      const next = child(trie, node, c);
      if (next) {
        node = next;
        continue;
      }
      let s = slotOf(node, c, mask);
      while (slotParent[s] !== 0) s = (s + 1) & mask;
      slotParent[s] = node + 1;
      slotChar[s] = c;
      node = slotChild[s] = nodes++;
    }
    trie.nameAt[node] = trie.names.length;
    trie.names.push(name);
    trie.divisions.push(divs);
  }
  trie.nameAt = trie.nameAt.slice(0, nodes);
  return trie;
}

function child(trie: ReverseTrie, node: number, c: number): number {
  const { slotParent, slotChar, mask } = trie;
  const parent = node + 1;
  for (let s = slotOf(node, c, mask); slotParent[s] !== 0; s = (s + 1) & mask)
    if (slotParent[s] === parent && slotChar[s] === c) return trie.slotChild[s];
  return 0;
}

const fits = (name: string) => name.length >= 2 && name.length <= MAX_NAME;

/** provinces, cities, counties and the names only earlier revisions have (current names first) */
let upperTrie: ReverseTrie | undefined;
function upperNames(): ReverseTrie {
  if (upperTrie) return upperTrie;
  const { byName } = upperDivisions();
  const entries = new Map<string, Division[]>();
  for (const [name, divs] of byName) if (fits(name)) entries.set(name, divs);
  for (const name of pastNames()) if (fits(name) && !entries.has(name)) entries.set(name, pastDivisionsNamed(name)!);
  return (upperTrie = buildTrie([...entries]));
}
/**
 * Townships whose name ends with its level word (街道, 镇, 乡, 苏木): their last characters are few
 * and rare in a text, so where one stands the names of each length are looked up by name, a
 * (first character, length) set passing over the lengths no name has. 40,000 names: a trie would
 * take longer to build than the texts that need it take to read.
 */
interface TownNames {
  byName: Map<string, Division[]>;
  /** code unit → 1 where some township's name ends with it */
  ends: Uint8Array;
  /** headKey of every township name */
  heads: Set<number>;
}
const headKey = (c: number, length: number) => c * 16 + length;
let townIndex: TownNames | undefined;
function townNames(): TownNames {
  if (townIndex) return townIndex;
  const byName = townDivisions();
  const ends = new Uint8Array(0x10000);
  const heads = new Set<number>();
  for (const name of byName.keys())
    if (fits(name) && TOWN_END.test(name)) {
      ends[name.charCodeAt(name.length - 1)] = 1;
      heads.add(headKey(name.charCodeAt(0), name.length));
    }
  return (townIndex = { byName, ends, heads });
}

/** the longest township name in `t` ending at `end` and starting at or after `from` */
function longestTownEndingAt(
  towns: TownNames,
  t: string,
  codes: Uint16Array,
  end: number,
  from: number,
): string | undefined {
  if (!towns.ends[codes[end]]) return undefined;
  for (let length = Math.min(MAX_NAME, end + 1 - from); length >= 2; length--) {
    if (!towns.heads.has(headKey(codes[end + 1 - length], length))) continue;
    const name = t.slice(end + 1 - length, end + 1);
    if (TOWN_END.test(name) && towns.byName.has(name)) return name;
  }
  return undefined;
}

/**
 * the index of the longest name of the trie ending at `end` and starting at or after `from`, its
 * length in `found.length`; -1 for none
 */
function longestEndingAt(
  trie: ReverseTrie,
  t: Uint16Array,
  end: number,
  from: number,
  found: { length: number },
): number {
  let node = trie.last[t[end]];
  if (!node) return -1;
  let best = -1;
  const stop = Math.max(from, end + 1 - MAX_NAME);
  for (let i = end - 1; i >= stop; i--) {
    node = child(trie, node, t[i]);
    if (!node) break;
    const at = trie.nameAt[node];
    if (at >= 0) {
      best = at;
      found.length = end + 1 - i;
    }
  }
  return best;
}

/** the code units /\s/ matches: ECMAScript's WhiteSpace and LineTerminator (Unicode's Zs, U+FEFF, tab, line breaks) */
const SPACE = new Uint8Array(0x10000);
const WHITE_SPACE_UNITS =
  '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a' +
  '\u2028\u2029\u202f\u205f\u3000\ufeff';
for (const c of WHITE_SPACE_UNITS) SPACE[c.charCodeAt(0)] = 1;

/** the text's code units without white space, in `buffer` (grown as needed); their count */
let buffer = new Uint16Array(4096);
function withoutSpace(text: string): number {
  if (buffer.length < text.length) buffer = new Uint16Array(text.length * 2);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!SPACE[c]) buffer[n++] = c;
  }
  return n;
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
  const upper = upperNames();
  const towns = withTowns && /街道|镇|乡|苏木/.test(text) ? townNames() : undefined;
  const found = new Map<string, Mention>();
  const length = withoutSpace(text);
  const t = buffer;
  const upperFound = { length: 0 };
  // township names are cut from the text itself, white space dropped as in `buffer`
  const tt = towns ? text.replace(/\s+/g, '') : '';
  let free = 0; // the first character no earlier name has taken
  for (let e = 1; e < length; e++) {
    // the longest name ending here that starts after the previous one (重庆市开州区 → 重庆市, 开州区);
    // a current or past division's name before a township's of the same length
    const u = longestEndingAt(upper, t, e, free, upperFound);
    const town = towns ? longestTownEndingAt(towns, tt, t, e, free) : undefined;
    if (u < 0 && town === undefined) continue;
    const byTown = town !== undefined && (u < 0 || town.length > upperFound.length);
    const len = byTown ? town.length : upperFound.length;
    const name = byTown ? town : upper.names[u];
    const divisions = byTown ? towns!.byName.get(town)! : upper.divisions[u];
    // 城区, 郊区, 矿区 are also plain words: too weak to name a place
    if (len === 2 && divisions[0].level !== 'province') continue;
    const m = found.get(name);
    if (m) m.count++;
    else found.set(name, { name, count: 1, divisions });
    free = e + 1;
  }
  return [...found.values()];
}
