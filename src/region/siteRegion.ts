// The divisions a site's host name may stand for. Government sites spell their place in pinyin,
// whole or by initials, often after their province's or city's initials: haizhu.gov.cn (海珠区),
// gz.gov.cn (广州), gsgz.gov.cn (甘肃 甘州区), lntaian.gov.cn (辽宁 台安县), xmta.gov.cn (厦门 同安区).
// Initials alone are weak (gz is also 赣州, 贵州, 甘州): they only confirm what the text says;
// a parent's spelling in front of a child's makes the match strong.
import { pinyin, polyphonic } from 'pinyin-pro';
import { type Division, upperDivisions, stem } from './divisions';

export interface SiteMatch {
  division: Division;
  strength: 'full' | 'initials';
}

/** the ways a name may be spelled: every reading of a character that has several (宁都: ningdu, ningdou) */
interface Spelling {
  full: string[];
  initials: string[];
}
let spellings: Map<Division, Spelling> | undefined;

function spell(name: string): Spelling {
  const syllables = pinyin(name, { toneType: 'none', type: 'array' }) as string[];
  // the reading in context first, then each other reading of one character (a place name keeps old readings)
  const variants = [syllables];
  const readings = polyphonic(name, { toneType: 'none', type: 'array' }) as string[][];
  if (syllables.length === name.length && readings.length === name.length)
    readings.forEach((rs, i) => {
      for (const r of rs) if (r && r !== syllables[i]) variants.push(syllables.map((s, j) => (j === i ? r : s)));
    });
  const full = new Set(variants.map((v) => v.join('').replace(/ü|v/g, 'v')));
  const initials = new Set(variants.map((v) => v.map((x) => x[0]).join('')));
  return { full: [...full], initials: [...initials] };
}

function allSpellings(): Map<Division, Spelling> {
  if (spellings) return spellings;
  spellings = new Map();
  for (const list of upperDivisions().byName.values()) for (const d of list) spellings.set(d, spell(stem(d.name)));
  return spellings;
}

/** the labels of a host that may name a place (not www, gov, a TLD, or digits) */
function placeLabels(url: string): string[] {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return [];
  }
  if (/^[\d.]+$/.test(host)) return [];
  return host
    .split(/[._-]/)
    .filter((l) => l.length >= 2 && !/^(?:www|gov|com|cn|org|net|edu|xxgk|zwgk|http|https|\d+)$/.test(l));
}

/** the divisions named as a division's city and province: dataset objects, derived once each */
const parents = new WeakMap<Division, Division[]>();
const parentOf = (d: Division, upper: Map<string, Division[]>): Division[] => {
  let found = parents.get(d);
  if (!found) {
    const names = d.level === 'county' ? [d.city, d.province] : d.level === 'city' ? [d.province] : [];
    found = names
      .filter((n): n is string => !!n)
      .flatMap((n) => upper.get(n)?.filter((p) => p.level !== d.level) ?? []);
    parents.set(d, found);
  }
  return found;
};

/** a level word's spelling (whole, or its initial) at the end of a host label, and the names it ends */
const LEVEL_SPELLINGS: Array<[string, RegExp]> = [
  ['xian', /县$/],
  ['qu', /区$/],
  ['shi', /市$/],
  ['qi', /旗$/],
  ['x', /县$/],
  ['q', /[区旗]$/],
  ['s', /市$/],
];

interface SpellingIndex {
  full: Map<string, Division[]>;
  initials: Map<string, Division[]>;
}
let index: SpellingIndex | undefined;
function spellingIndex(): SpellingIndex {
  if (index) return index;
  index = { full: new Map(), initials: new Map() };
  for (const [d, sp] of allSpellings()) {
    for (const [map, keys] of [
      [index.full, sp.full],
      [index.initials, sp.initials],
    ] as const) {
      for (const key of keys) {
        const list = map.get(key);
        if (list) list.push(d);
        else map.set(key, [d]);
      }
    }
  }
  return index;
}

/** divisions the URL's host spells, each with how strongly */
export function siteDivisions(url: string | undefined): SiteMatch[] {
  return url ? matchHost(url) : [];
}

function matchHost(url: string): SiteMatch[] {
  const labels = placeLabels(url);
  if (!labels.length) return [];
  const all = allSpellings();
  const { full, initials } = spellingIndex();
  const { byName } = upperDivisions();
  const out = new Map<Division, SiteMatch['strength']>();
  const note = (d: Division, s: SiteMatch['strength']) => {
    if (out.get(d) !== 'full') out.set(d, s);
  };
  for (const label of labels) {
    const before = new Set(out.keys());
    for (const d of full.get(label) ?? []) note(d, label.length >= 4 ? 'full' : 'initials');
    for (const d of initials.get(label) ?? []) note(d, 'initials');
    // the level spelled after the place: changanqu (长安区), xialuqu (下陆区), wqx (吴起县), zlq (正蓝旗)
    for (const [ending, level] of LEVEL_SPELLINGS) {
      if (!label.endsWith(ending) || label.length - ending.length < 2) continue;
      const stemmed = label.slice(0, -ending.length);
      const isLevel = (d: Division) => level.test(d.name);
      if (ending.length > 1)
        for (const d of full.get(stemmed) ?? []) if (isLevel(d)) note(d, stemmed.length >= 4 ? 'full' : 'initials');
      for (const d of initials.get(stemmed) ?? []) if (isLevel(d)) note(d, 'initials');
    }
    // a parent's spelling in front: gs+gz, ln+taian, xm+ta
    for (let i = 1; i < label.length - 1; i++) {
      const tail = label.slice(i);
      // the child's level spelled after it too: gs+kangle+xian (康乐县)
      const ending = LEVEL_SPELLINGS.find(([e]) => e.length > 1 && tail.endsWith(e) && tail.length - e.length >= 4);
      const leveled = ending
        ? full.get(tail.slice(0, -ending[0].length))?.filter((d) => ending[1].test(d.name))
        : undefined;
      const byFull = full.get(tail) ?? (leveled?.length ? leveled : undefined);
      const byInitials = initials.get(tail);
      if (!byFull && !byInitials) continue;
      const rest = label.slice(0, i);
      const parentSpelled = (d: Division) =>
        parentOf(d, byName).some((p) => {
          const ps = all.get(p);
          return ps && (ps.initials.includes(rest) || ps.full.includes(rest));
        });
      if (byFull) for (const d of byFull) if (parentSpelled(d)) note(d, tail.length >= 4 ? 'full' : 'initials');
      if (byInitials) for (const d of byInitials) if (parentSpelled(d)) note(d, 'initials');
    }
    // a spelling several places share (suining: 遂宁市, 睢宁县, 绥宁县) only confirms the text
    const strong = [...out].filter(([d, s]) => s === 'full' && !before.has(d));
    if (strong.length > 1) for (const [d] of strong) out.set(d, 'initials');
  }
  return [...out].map(([division, strength]) => ({ division, strength }));
}
