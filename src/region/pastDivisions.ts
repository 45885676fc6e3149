// Divisions of the official GB/T 2260 revisions 2002–2016 (npm `gb2260`) whose names the current
// dataset no longer has: 海安县 (320621, 海安市 since 2018), 江干区 (merged away in 2021). A 2008–2018
// report names the places of its time; they are looked up in the revision in force for its year.
// Only names absent from the current dataset are kept (current names keep the current dataset
// first), each division one object across the revisions that list it unchanged. Loaded once, on
// first use.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { type Division, type Level, upperDivisions, stem, NOT_A_CITY, MUNICIPALITY } from './divisions';

/** name → revision (YYYYMM) → the divisions of that name in that revision */
let byName: Map<string, Map<string, Division[]>> | undefined;
/** name → every division of that name in any revision */
let everByName: Map<string, Division[]> | undefined;
/** the revisions, newest first */
let revisions: string[] = [];

const libDir = () => join(dirname(require.resolve('gb2260/package.json')), 'lib');

/** the revisions' own placeholders for units directly under a province (省直辖行政单位), no places */
const PLACEHOLDER = /直辖|辖区$|^.$/;

function levelOf(code: string): Level {
  return code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'city' : 'county';
}

/** a revision's `"code": "name"` pairs, read from its text: quicker than walking the parsed object */
const PAIR = /"(\d{6})":\s*"([^"]+)"/g;

function index(): Map<string, Map<string, Division[]>> {
  if (byName) return byName;
  const current = upperDivisions().byName;
  const shared = new Map<string, Division>();
  byName = new Map();
  revisions = JSON.parse(readFileSync(join(libDir(), 'revisions.json'), 'utf8')) as string[];
  for (const revision of revisions) {
    // provinces and prefectures by code: the file lists each before the units under it
    const parents = new Map<string, string>();
    for (const [, code, name] of readFileSync(join(libDir(), `${revision}.json`), 'utf8').matchAll(PAIR)) {
      if (code.endsWith('00')) parents.set(code, name);
      if (current.has(name) || NOT_A_CITY.test(name) || PLACEHOLDER.test(name)) continue;
      const level = levelOf(code);
      const province = parents.get(code.slice(0, 2) + '0000');
      if (!province) continue;
      const prefecture = level === 'county' ? parents.get(code.slice(0, 4) + '00') : undefined;
      const city =
        level === 'province'
          ? null
          : level === 'city'
            ? name
            : prefecture && !NOT_A_CITY.test(prefecture)
              ? prefecture
              : MUNICIPALITY.test(province)
                ? province
                : null;
      const key = `${code}|${name}|${city}|${province}`;
      let d = shared.get(key);
      if (!d) {
        d = { code, name, level, province, city, county: level === 'county' ? name : null, past: { revisions: [] } };
        shared.set(key, d);
      }
      d.past!.revisions.push(revision);
      let inRevision = byName.get(name);
      if (!inRevision) byName.set(name, (inRevision = new Map()));
      inRevision.set(revision, [...(inRevision.get(revision) ?? []), d]);
    }
  }
  everByName = new Map();
  for (const [name, inRevision] of byName) everByName.set(name, [...new Set([...inRevision.values()].flat())]);
  return byName;
}

/** every name an earlier revision had that the current dataset lacks */
export function pastNames(): Iterable<string> {
  return index().keys();
}

/** every division an earlier revision gave the name (any year), or undefined */
export function pastDivisionsNamed(name: string): Division[] | undefined {
  index();
  return everByName!.get(name);
}

const yearOf = (revision: string) => Number(revision.slice(0, 4));
/** how many years after the last revision it is still taken as in force (later changes are unknown) */
const STILL_IN_FORCE = 2;

/**
 * The divisions of the name in the revision in force in the year (the latest one not after it),
 * else in the nearest revision that has the name: earlier ones first, then later ones. Several
 * divisions where that revision gives the name to several places. None for a year after the
 * revisions' reach.
 */
export function pastDivisions(name: string, year: number | null | undefined): Division[] {
  const inRevision = index().get(name);
  if (!inRevision || !year || year > yearOf(revisions[0]) + STILL_IN_FORCE) return [];
  const distance = (r: string) => (yearOf(r) <= year ? year - yearOf(r) : yearOf(r) - year + 0.5);
  // revisions newest first: among equal distances the latest revision of that year wins
  const nearest = [...inRevision.keys()].reduce((a, b) => (distance(b) < distance(a) ? b : a));
  return inRevision.get(nearest)!;
}

/**
 * The one current division the data shows a past one became: the current division of its code,
 * or one under the same parent with the same name stem (海安县 → 海安市). Null when there is none
 * or more than one.
 */
export function successorOf(d: Division): Division | null {
  const { byCode } = upperDivisions();
  const found = new Set<Division>();
  const sameCode = byCode.get(d.code);
  if (sameCode && sameCode.level === d.level) found.add(sameCode);
  const parentPrefix = d.level === 'county' ? d.code.slice(0, 4) : d.code.slice(0, 2);
  for (const list of upperDivisions().byName.values())
    for (const c of list)
      if (c.level === d.level && c.code.startsWith(parentPrefix) && stem(c.name) === stem(d.name)) found.add(c);
  return found.size === 1 ? [...found][0] : null;
}

/** the finding that says the place has since changed, and to what where the data shows it; null for a current place */
export function pastFinding(d: Division | null | undefined): string | null {
  if (!d?.past) return null;
  const revs = d.past.revisions;
  const span = revs.length ? `GB/T 2260 ${revs[revs.length - 1]}–${revs[0]}` : 'GB/T 2260';
  const next = successorOf(d);
  return (
    `region: ${d.name} (${d.code}, ${span}) is a division the current dataset no longer has; ` +
    (next ? `it is now ${next.name} (${next.code})` : 'no single successor is known')
  );
}
