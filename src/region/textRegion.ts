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

/** code unit → UPPER_END where an upper name ends with it, TOWN_END_CHAR where a township's does */
const UPPER_END = 1;
const TOWN_END_CHAR = 2;
const nameEnds = new Uint8Array(0x10000);

const fits = (name: string) => name.length >= 2 && name.length <= MAX_NAME;

/** provinces, cities, counties and the names only earlier revisions have (current names first) */
let upperTrie: ReverseTrie | undefined;
function upperNames(): ReverseTrie {
  if (upperTrie) return upperTrie;
  const { byName } = upperDivisions();
  const entries = new Map<string, Division[]>();
  for (const [name, divs] of byName) if (fits(name)) entries.set(name, divs);
  for (const name of pastNames()) if (fits(name) && !entries.has(name)) entries.set(name, pastDivisionsNamed(name)!);
  upperTrie = buildTrie([...entries]);
  for (let c = 0; c < 0x10000; c++) if (upperTrie.last[c]) nameEnds[c] |= UPPER_END;
  return upperTrie;
}
/**
 * Townships whose name ends with its level word (街道, 镇, 乡, 苏木): their last characters are few
 * and rare in a text, so where one stands the names of each length are looked up by name, a
 * (first character, length) set passing over the lengths no name has. 40,000 names: a trie would
 * take longer to build than the texts that need it take to read.
 */
interface TownNames {
  byName: Map<string, Division[]>;
  /** headKey of every township name */
  heads: Set<number>;
}
const headKey = (c: number, length: number) => c * 16 + length;
let townIndex: TownNames | undefined;
function townNames(): TownNames {
  if (townIndex) return townIndex;
  const byName = townDivisions();
  const heads = new Set<number>();
  for (const name of byName.keys())
    if (fits(name) && TOWN_END.test(name)) {
      nameEnds[name.charCodeAt(name.length - 1)] |= TOWN_END_CHAR;
      heads.add(headKey(name.charCodeAt(0), name.length));
    }
  return (townIndex = { byName, heads });
}

/**
 * The characters before a possible name's end, read back: `back[0]` the last character, `back[1]`
 * the one before it (white space passed over) … up to MAX_NAME, none taken by an earlier name.
 */
const back = new Uint16Array(MAX_NAME);

/** the longest township name of the `count` characters in `back`, or undefined */
function longestTownName(towns: TownNames, count: number): string | undefined {
  for (let length = count; length >= 2; length--) {
    if (!towns.heads.has(headKey(back[length - 1], length))) continue;
    let name = '';
    for (let i = length - 1; i >= 0; i--) name += String.fromCharCode(back[i]);
    if (TOWN_END.test(name) && towns.byName.has(name)) return name;
  }
  return undefined;
}

/**
 * the index of the longest name of the trie in the `count` characters in `back`, its length in
 * `found.length`; -1 for none
 */
function longestName(trie: ReverseTrie, count: number, found: { length: number }): number {
  let node = trie.last[back[0]];
  if (!node) return -1;
  let best = -1;
  for (let i = 1; i < count; i++) {
    node = child(trie, node, back[i]);
    if (!node) break;
    const at = trie.nameAt[node];
    if (at >= 0) {
      best = at;
      found.length = i + 1;
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

/**
 * every province, city and county-level name in the text; town names too when asked. Read anew
 * each call: nothing is kept from one text (or report) to the next.
 */
export function mentionedDivisions(text: string, withTowns = false, isName = false): Mention[] {
  return scan(text, withTowns, isName);
}

/** two-character names that are also plain words: a district of a city (城区), its outskirts, a mine's */
const PLAIN_WORD_NAMES = /^[城郊矿]区$/;

/**
 * `isName`: the text is an agency's own name (佳县螅镇人民政府, 沛县民政局), whose first words are
 * its place even where the place's name has two characters only (佳县, 螅镇), which in running
 * text are too often plain words to count
 */
/** the text starts with the name, and no longer name starts there (梅县区, not 梅县) */
function startsOnlyWith(text: string, name: string, towns: TownNames | undefined): boolean {
  const start = text.replace(/\s+/g, '');
  if (!start.startsWith(name)) return false;
  const { byName } = upperDivisions();
  for (let length = name.length + 1; length <= Math.min(MAX_NAME, start.length); length++) {
    const longer = start.slice(0, length);
    if (byName.has(longer) || pastDivisionsNamed(longer) || towns?.byName.has(longer)) return false;
  }
  return true;
}

function scan(text: string, withTowns: boolean, isName = false): Mention[] {
  const upper = upperNames();
  const towns = withTowns && /街道|镇|乡|苏木/.test(text) ? townNames() : undefined;
  const found = new Map<string, Mention>();
  const upperFound = { length: 0 };
  // names are read as if the text had no white space: a name may be broken over lines (广州\n市)
  let free = 0; // the first character no earlier name has taken
  const endMask = towns ? UPPER_END | TOWN_END_CHAR : UPPER_END;
  for (let e = 0; e < text.length; e++) {
    // most characters end no name (white space ends none)
    const ends = nameEnds[text.charCodeAt(e)] & endMask;
    if (!ends) continue;
    // the characters back from here that no earlier name has taken
    let count = 0;
    for (let i = e; i >= free && count < MAX_NAME; i--) {
      const c = text.charCodeAt(i);
      if (!SPACE[c]) back[count++] = c;
    }
    // the longest name ending here that starts after the previous one (重庆市开州区 → 重庆市, 开州区);
    // a current or past division's name before a township's of the same length
    const u = ends & UPPER_END ? longestName(upper, count, upperFound) : -1;
    const town = ends & TOWN_END_CHAR ? longestTownName(towns!, count) : undefined;
    if (u < 0 && town === undefined) continue;
    const byTown = town !== undefined && (u < 0 || town.length > upperFound.length);
    const len = byTown ? town.length : upperFound.length;
    const name = byTown ? town : upper.names[u];
    const divisions = byTown ? towns!.byName.get(town)! : upper.divisions[u];
    // 城区, 郊区, 矿区 are also plain words: too weak to name a place, except a name's first words
    if (
      len === 2 &&
      divisions[0].level !== 'province' &&
      !(isName && free === 0 && !PLAIN_WORD_NAMES.test(name) && startsOnlyWith(text, name, towns))
    )
      continue;
    const m = found.get(name);
    if (m) m.count++;
    else found.set(name, { name, count: 1, divisions });
    free = e + 1;
  }
  return [...found.values()];
}
