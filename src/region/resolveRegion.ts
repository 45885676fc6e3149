// The region of a report's issuer, from the words of its own name first, then the region words
// of its text, the page's 索引号 (which starts with a division code on many sites) and the site
// the page was fetched from. A name that several places share is settled only where the other
// evidence agrees; otherwise the region stays unknown at that level.
import { type Division, type Level, upperDivisions, divisionByCode } from './divisions';
import { mentionedDivisions, type Mention } from './textRegion';
import { siteDivisions, type SiteMatch } from './siteRegion';
import { zoneDivision } from './zoneRegion';
import { pastDivisions } from './pastDivisions';

export interface RegionEvidence {
  /** the agency as printed */
  agency: string | null;
  /** the page's opening text (title, fields, first paragraphs); a function when it is built only if needed */
  text: string | (() => string);
  url?: string;
  /** the year the statistics cover: a name only earlier divisions had is read as of that year */
  year?: number | null;
}

export interface Resolved {
  /** the agency's own place, as precise as the evidence allows */
  division: Division | null;
  /** the places the agency's own name spells (an unsettled 东街街道 lists several) */
  named: Division[];
  /** the best supported place at each level, from all the evidence */
  atLevel: Partial<Record<Level, Division>>;
  /**
   * the place of an agency whose name gives no level (民政局, 我局): the county where the site,
   * the 索引号 or the text's emphasis points to it, else the city. A city's report that names one
   * of its counties in passing stays the city's.
   */
  place: Division | undefined;
  /** the place a zone in the name is named after (平潭综合实验区 → 平潭县), when one division bears it */
  zone: Division | null;
  /**
   * true when only the division dataset places the name (the one 昌国街道 in the country): the
   * region is known, but neither the text nor the source names it, so the name is not written out
   */
  byDatasetOnly: boolean;
}

const INDEX_CODE = /索\s*引\s*号\s*[:：]?\s*(\d{6})/;

// Divisions are the dataset's own objects, the same in every report: what is derived from one
// alone is derived once.
const ancestorNames = new WeakMap<Division, string[]>();
const codePrefixes = new WeakMap<Division, string>();

/** ancestors' full names of a division, nearest first */
function ancestors(d: Division): string[] {
  let names = ancestorNames.get(d);
  if (!names) {
    names = [
      d.county !== d.name ? d.county : null,
      d.city !== d.name ? d.city : null,
      d.province !== d.name ? d.province : null,
    ].filter((x): x is string => !!x);
    ancestorNames.set(d, names);
  }
  return names;
}
/** the code without its trailing zeros: the prefix every code under it starts with */
function codePrefix(d: Division): string {
  let prefix = codePrefixes.get(d);
  if (prefix === undefined) codePrefixes.set(d, (prefix = d.code.replace(/0+$/, '')));
  return prefix;
}
const within = (d: Division, outer: Division) =>
  d !== outer &&
  ancestors(d).includes(outer.name) &&
  (outer.level !== 'county' || d.code.startsWith(outer.code)) &&
  d.code.startsWith(codePrefix(outer));

/**
 * the mentions with a name only earlier revisions have (海安县) given the divisions of the revision
 * in force in the year; dropped where the year is unknown or no revision reaches it
 */
function asOfYear(mentions: Mention[], year: number | null | undefined): Mention[] {
  if (!mentions.some((m) => m.divisions[0].past)) return mentions;
  return mentions
    .map((m) => (m.divisions[0].past ? { ...m, divisions: pastDivisions(m.name, year) } : m))
    .filter((m) => m.divisions.length > 0);
}

export function resolveRegion(ev: RegionEvidence): Resolved {
  const own = ev.agency ? asOfYear(mentionedDivisions(ev.agency, true, true), ev.year) : [];
  // current names first; a name only earlier revisions have, as of the report's year
  const sameName = (d: Pick<Division, 'name'>): Division[] =>
    upperDivisions().byName.get(d.name) ?? pastDivisions(d.name, ev.year);
  // the text is read for region words only when the agency's own name leaves something open
  let textMentions: Mention[] | undefined;
  let evidenceText: string | undefined;
  const fullText = () => (evidenceText ??= typeof ev.text === 'string' ? ev.text : ev.text());
  const text = () => (textMentions ??= asOfYear(mentionedDivisions(fullText()), ev.year));
  // the site's host is spelled out only when some question needs it (most names settle without)
  let siteMatches: SiteMatch[] | undefined;
  const site = () => (siteMatches ??= siteDivisions(ev.url));
  // the 索引号 of many sites starts with the division code of the issuer's place
  let codedDivision: Division | null | undefined;
  const coded = (): Division | undefined => {
    if (codedDivision === undefined) {
      const code = INDEX_CODE.exec(fullText())?.[1];
      codedDivision = (code && divisionByCode(code)) || null;
    }
    return codedDivision ?? undefined;
  };

  let counted: Map<string, number> | undefined;
  const counts = (): Map<string, number> => {
    if (counted) return counted;
    counted = new Map();
    for (const m of [...text(), ...own]) counted.set(m.name, (counted.get(m.name) ?? 0) + m.count);
    return counted;
  };
  const siteOf = (d: Division): SiteMatch['strength'] | null => {
    let best: SiteMatch['strength'] | null = null;
    for (const s of site())
      if (s.division === d || within(d, s.division)) {
        if (s.strength === 'full') return 'full';
        best = 'initials';
      }
    return best;
  };
  const supportOf = new Map<Division, number>();
  const support = (d: Division): number => {
    const known = supportOf.get(d);
    if (known !== undefined) return known;
    const s = computeSupport(d);
    supportOf.set(d, s);
    return s;
  };
  const computeSupport = (d: Division): number => {
    const count = counts();
    let s = (count.get(d.name) ?? 0) + ancestors(d).reduce((n, a) => n + Math.min(2, count.get(a) ?? 0) * 0.5, 0);
    const st = siteOf(d);
    if (st === 'full') s += 6;
    else if (st === 'initials' && s > 0) s += 2;
    const c = coded();
    if (c && (c === d || within(d, c) || within(c, d))) s += c === d ? 8 : 4;
    return s;
  };
  /** a candidate stands when its name is unique or something beyond its own name agrees */
  const stands = (d: Division, all: Division[]): boolean => {
    if (all.length === 1 && d.level !== 'town') return true;
    const count = counts();
    if (ancestors(d).some((a) => count.has(a))) return true;
    const site = siteOf(d);
    if (site === 'full' || (site !== null && count.has(d.name))) return true;
    const c = coded();
    return c !== undefined && (c === d || within(d, c) || within(c, d));
  };

  // the agency's own region words: the most specific one, settled by the rest of the evidence
  const named: Division[] = [];
  let division: Division | null = null;
  for (const m of [...own].sort(bySpecificity)) {
    const chain = m.divisions.filter((d) =>
      own.every((o) => o === m || o.divisions.some((x) => x === d || within(d, x) || within(x, d))),
    );
    const options = chain.length ? chain : m.divisions;
    const standing = options.filter((d) => stands(d, options));
    named.push(...options);
    if (standing.length) {
      division = best(standing, support);
      break;
    }
  }

  // a division found from the dataset alone yields to a text that names other provinces only
  const contradicted = (d: Division): boolean => {
    const provinces = text().flatMap((m) => m.divisions.filter((x) => x.level === 'province'));
    return provinces.length > 0 && !provinces.some((p) => p.name === d.province);
  };
  // a zone named after a place: 平潭综合实验区 is 平潭县's, consistent with the name's other region words
  let zone: Division | null = null;
  if (ev.agency) {
    const z = zoneDivision(ev.agency, leadingDivisions(ev.agency, own));
    if (z && own.every((o) => o.divisions.some((x) => x === z || within(z, x) || within(x, z))) && !contradicted(z))
      zone = z;
  }
  if (zone && (!division || within(zone, division))) division = zone;
  // a township name the whole country gives one place is that place, when nothing contradicts it
  let byDatasetOnly = false;
  if (!division) {
    const towns = own.filter((m) => m.divisions.length === 1 && m.divisions[0].level === 'town');
    if (towns.length === 1 && !contradicted(towns[0].divisions[0])) {
      division = towns[0].divisions[0];
      byDatasetOnly = true;
    }
  }

  const levels = (): Resolved['atLevel'] => {
    const atLevel: Resolved['atLevel'] = {};
    const candidates = new Set<Division>();
    // a name only earlier revisions have places a level word or a bare type (区审管办, 民政局) only
    // where the issuer's own name carries it: elsewhere in the text it may be the place's history
    for (const m of text()) for (const d of m.divisions) if (!d.past || d === division) candidates.add(d);
    for (const s of site()) if (s.strength === 'full') candidates.add(s.division);
    const c = coded();
    if (c) candidates.add(c);
    for (const level of ['province', 'city', 'county'] as Level[]) {
      const list = [...candidates].filter(
        (d) =>
          d.level === level &&
          stands(d, sameName(d)) &&
          (!division || division === d || within(division, d) || within(d, division)),
      );
      if (list.length) atLevel[level] = best(list, support);
    }
    // a county implies its city and province
    const county = atLevel.county;
    if (county) {
      if (county.city)
        atLevel.city ??= sameName({ ...county, name: county.city }).find(
          (c) => c.level === 'city' || c.level === 'province',
        );
      atLevel.province ??= sameName({ ...county, name: county.province }).find((c) => c.level === 'province');
    }
    return atLevel;
  };
  let atLevel: Resolved['atLevel'] | undefined;
  const place = (): Division | undefined => {
    const { county, city } = (atLevel ??= levels());
    if (!county || !city) return county ?? city;
    const count = counts();
    const c = coded();
    const pointed = siteOf(county) === 'full' || (c !== undefined && (c === county || within(c, county)));
    return pointed || (count.get(county.name) ?? 0) >= (count.get(city.name) ?? 0) ? county : city;
  };
  return {
    division,
    named,
    zone,
    byDatasetOnly,
    get atLevel() {
      return (atLevel ??= levels());
    },
    get place() {
      return place();
    },
  };
}

/** how many characters at the start of a name are division names (福建省平潭… → 3) */
function leadingDivisions(name: string, own: Mention[]): number {
  let lead = 0;
  for (let moved = true; moved;) {
    moved = false;
    for (const m of own)
      if (name.startsWith(m.name, lead)) {
        lead += m.name.length;
        moved = true;
      }
  }
  return lead;
}

const order: Record<Level, number> = { town: 0, county: 1, city: 2, province: 3 };
const bySpecificity = (a: Mention, b: Mention) => order[a.divisions[0].level] - order[b.divisions[0].level];
function best(list: Division[], score: (d: Division) => number): Division {
  return list.reduce((a, b) => (score(b) > score(a) ? b : a));
}
