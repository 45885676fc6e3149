// The agency's full name, region included, from the name as printed and the region the evidence
// settles: 市发改委 in a 岳阳 report → 岳阳市发展和改革委员会, 区政府办公室 → 武汉市汉阳区人民政府办公室,
// 东街街道 → 张掖市甘州区东街街道办事处. A district (区) is written after its city, a county (县, 县级市)
// alone; a bare development zone after its city's short name.
import { type Division, stem } from '../region/divisions';
import type { Resolved } from '../region/resolveRegion';
import { mentionedDivisions } from '../region/textRegion';
import { expandTypeName, ZONE_BARE, PRONOUN } from './agencyWords';

export interface Composed {
  agency: string | null;
  region: Division | null;
  complete: boolean;
  why?: string;
}

/** the prefix that names a division in an agency's name */
function regionPrefix(d: Division): string {
  if (d.level === 'province') return d.name;
  if (d.level === 'city') return d.name;
  const county = d.level === 'town' ? d.county! : d.name;
  const countyPrefix = /区$/.test(county) && d.city ? (d.city === county ? county : d.city + county) : county;
  return d.level === 'town' ? countyPrefix + d.name : countyPrefix;
}

/** the region words are the place's city and its own name, its county left out (益阳市沧水铺镇) */
const skipsALevel = (words: string, d: Division): boolean =>
  d.level === 'town' && !!d.city && !!d.county && d.city !== d.county && words === d.city + d.name;

/** a town's name written out in full, with what the name says after it */
const composedTown = (rest: string, d: Division): Composed => {
  const whole = regionPrefix(d) + rest;
  return { agency: rest ? whole : governmentOf(whole, d.level), region: d, complete: true };
};

/** what a region's own government is called */
function governmentOf(name: string, level: Division['level'] | null): string {
  if (ZONE_BARE.test(name)) return name + '管理委员会';
  if (level === 'town' || /(?:街道|镇|乡|苏木)$/.test(name)) return name + (/街道$/.test(name) ? '办事处' : '人民政府');
  if (
    /(?:省|市|县|旗|盟|自治州|自治区|地区|区)$/.test(name) &&
    !/(?:实验区|示范区|新区|高新区|开发区|园区)$/.test(name)
  )
    return name + '人民政府';
  return name;
}

/** the name starts with the short name of its place or of a place above it (五华… in 五华区) */
const namedAfter = (name: string, d: Division) =>
  [d.name, d.county, d.city].some((n) => n && stem(n) !== n && name.startsWith(stem(n)));

const LEVEL_WORD: Record<string, Division['level']> = {
  省: 'province',
  市: 'city',
  区: 'county',
  县: 'county',
  旗: 'county',
};
const NATIONAL = /^(?:国家|国务院|中国|中华人民共和国|全国|中央)|部$/;

/**
 * a tax bureau below the state's is written under 国家税务总局 (税务 is managed from the centre);
 * a 地方税务局 (before 2018) belonged to its province, not to the state's
 */
const VERTICAL = (c: Composed): Composed =>
  c.agency && c.complete && /(?<!地方)税务局$/.test(c.agency) && !/^国家税务总局/.test(c.agency)
    ? { ...c, agency: '国家税务总局' + c.agency }
    : c;

export function composeAgency(printed: string | null, resolved: Resolved): Composed {
  return VERTICAL(composeLocal(printed, resolved));
}

function composeLocal(printed: string | null, resolved: Resolved): Composed {
  if (!printed || PRONOUN.test(printed))
    return {
      agency: null,
      region: resolved.division,
      complete: false,
      why: printed ? `the report names its issuer only as ${printed}` : undefined,
    };
  const name = expandTypeName(printed.normalize('NFKC').replace(/\s+/g, ''));
  if (NATIONAL.test(name)) return { agency: name, region: null, complete: true };

  // region words at the start of the name
  const own = mentionedDivisions(name, true, true);
  let lead = 0;
  for (let moved = true; moved;) {
    moved = false;
    for (const m of own)
      if (name.startsWith(m.name, lead)) {
        lead += m.name.length;
        moved = true;
      }
  }
  let rest = name.slice(lead);
  const d = resolved.division;
  // the county by its short name between the city and the town (广元市昭化元坝镇): the town's full prefix
  const countyShort = d?.level === 'town' && d.county ? stem(d.county) : '';
  if (lead > 0 && countyShort && countyShort !== d!.county && rest.startsWith(countyShort + d!.name)) {
    lead += countyShort.length + d!.name.length;
    rest = name.slice(lead);
    return composedTown(rest, d!);
  }

  if (lead > 0) {
    const regionWords = name.slice(0, lead);
    if (!d)
      return {
        agency: rest ? name : governmentOf(name, null),
        region: null,
        complete: false,
        why: `the place ${regionWords} could not be settled (several places bear the name, or no other evidence)`,
      };
    // a place only the division dataset knows is the region, but not written into the name
    if (d.level === 'town' && resolved.byDatasetOnly)
      return {
        agency: rest ? name : governmentOf(name, d.level),
        region: d,
        complete: false,
        why:
          `only the division dataset places ${regionWords} (${regionPrefix(d)}); ` +
          'the text and its source do not name it',
      };
    const full = regionPrefix(d);
    // the settled place written out in front of what the name already says (水城区杨梅乡 → 六盘水市水城区杨梅乡),
    // or filled in where the name skips a level (益阳市沧水铺镇 → 益阳市赫山区沧水铺镇)
    const prefix =
      full.endsWith(regionWords) || skipsALevel(regionWords, d)
        ? full
        : regionWords.startsWith(d.name) && full.endsWith(d.name)
          ? full + regionWords.slice(d.name.length)
          : regionWords;
    const whole = prefix + rest;
    // a zone named by its place alone is its 管理委员会 (随县经济开发区)
    return { agency: rest && !ZONE_BARE.test(rest) ? whole : governmentOf(whole, d.level), region: d, complete: true };
  }

  // an autonomous region's own word in front (自治区人民政府办公厅): the region the evidence settles
  const province = resolved.atLevel.province;
  if (/^自治区/.test(name) && province && /自治区$/.test(province.name) && name.length > 5)
    return { agency: province.name + name.slice(3), region: province, complete: true };
  // a level word in front: 市发改委, 区政府办公室, 省卫生健康委 (but 市场监管局 is a type)
  const level = /^市场/.test(name) ? undefined : LEVEL_WORD[name[0]];
  if (level) {
    // a municipality (上海市) is a province and its own city: 市人民政府 is its government
    const municipality = /市$/.test(resolved.atLevel.province?.name ?? '') ? resolved.atLevel.province : undefined;
    // a county-level city's bodies say 市 too (市农业农村局 of 绵竹市): the 市 is the place the
    // evidence points to when that is such a city, not the prefecture above it
    const countyCity = level === 'city' && resolved.place?.level === 'county' && /市$/.test(resolved.place.name);
    const at = countyCity ? resolved.place : (resolved.atLevel[level] ?? (level === 'city' ? municipality : undefined));
    const type = name.slice(1);
    if (at && type.length >= 2) {
      const prefix = regionPrefix(at);
      return { agency: prefix + type, region: at, complete: true };
    }
    return {
      agency: name,
      region: null,
      complete: false,
      why: `no ${name[0]} named in the text or by the site settles ${name}`,
    };
  }

  // a bare type: 民政局, 经济技术开发区 — composed only from a place the evidence settles
  if (/^(?:经济技术开发区|经济开发区|高新技术产业开发区)$/.test(name)) {
    const city = resolved.atLevel.city;
    if (city) return { agency: stem(city.name) + governmentOf(name, null), region: city, complete: true };
  } else if (
    /^[\u4e00-\u9fa5]{2,10}(?:局|委员会|办公室|中心)$/.test(name) &&
    !/(?:开发区|园区|新区|高新区|实验区|示范区|管委会)/.test(name)
  ) {
    const place = resolved.place;
    // a body named after its place already (五华科技产业园管理委员会, 五华区's) is written after no place
    if (place && namedAfter(name, place)) return { agency: name, region: place, complete: true };
    if (place) return { agency: regionPrefix(place) + name, region: place, complete: true };
  }
  // a zone named after its place is a full name already (平潭综合实验区)
  if (resolved.zone && resolved.division === resolved.zone)
    return { agency: ZONE_BARE.test(name) ? governmentOf(name, null) : name, region: resolved.zone, complete: true };
  return {
    agency: ZONE_BARE.test(name) ? governmentOf(name, null) : name,
    region: null,
    complete: false,
    why: `nothing in the text or its source settles where ${name} is`,
  };
}
