// The last resort for a row label that none of the key words match (reworded or misspelt
// labels): compare its jieba words and character pairs with the official labels of the
// table it stands in, and accept a clear best match only.
import type { TableKey } from '../model/record';
import { jiebaSegmenter as segmenter } from '../jieba';
import { CATALOG } from './catalog';
import { compact, stripNumbering } from '../text';

const PUNCT = /^[\p{P}\p{S}\d]+$/u;
const words = (s: string) =>
  new Set(
    segmenter()
      .cutForSearch(s, true)
      .filter((w) => !PUNCT.test(w)),
  );
const pairs = (s: string) => {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
};
const overlap = (a: Set<string>, b: Set<string>) => {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return a.size + b.size ? (2 * n) / (a.size + b.size) : 0;
};

const clean = (label: string) =>
  stripNumbering(compact(label).replace(/^[(（][一二三四五六七八九十]+[)）]/, '')).replace(/[（(][^)）]*[)）]$/, '');

interface Official {
  row: string;
  words: Set<string>;
  pairs: Set<string>;
}
const officials = new Map<TableKey, Official[]>();

function officialLabels(table: TableKey): Official[] {
  let list = officials.get(table);
  if (!list) {
    const seen = new Set<string>();
    list = [];
    for (const spec of [...CATALOG[table]['2021'], ...CATALOG[table]['2019']]) {
      if (seen.has(spec.key)) continue;
      seen.add(spec.key);
      const text = clean(spec.label);
      if (text.length < 4) continue; // 规章, 其他: too short to compare safely
      list.push({ row: spec.key, words: words(text), pairs: pairs(text) });
    }
    officials.set(table, list);
  }
  return list;
}

const FUZZY_THRESHOLD = 0.45;

/** The row key whose official label this label most resembles, when clearly so. */
const cache = new Map<string, { row: string; score: number } | undefined>();

export function fuzzyRowKey(table: TableKey, label: string): { row: string; score: number } | undefined {
  const id = `${table}|${label}`;
  if (!cache.has(id)) {
    if (cache.size > 10000) cache.clear();
    cache.set(id, computeFuzzyRowKey(table, label));
  }
  return cache.get(id);
}

function computeFuzzyRowKey(table: TableKey, label: string): { row: string; score: number } | undefined {
  const text = clean(label);
  if (text.length < 4) return undefined;
  const w = words(text),
    p = pairs(text);
  const scored = officialLabels(table)
    .map((o) => ({ row: o.row, score: Math.max(overlap(w, o.words), overlap(p, o.pairs)) }))
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best || best.score < FUZZY_THRESHOLD || (second && best.score - second.score < 0.1)) return undefined;
  return best;
}
