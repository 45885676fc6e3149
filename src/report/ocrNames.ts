// An agency name read by OCR is checked word by word: a name whose every part is a known word
// (jieba's dictionary, the vocabulary of agency types, a division's name) is kept; a character
// no word explains (录 in 上海市人民政府录公厅) is corrected only when exactly one known agency word
// or division name is one substitution away (办公厅), otherwise the name is kept as read and a
// finding says so. Text from a text layer is never changed: only OCR mistakes one glyph for another.
import { jiebaSegmenter as segmenter } from '../jieba';
import { type Division, upperDivisions, townDivisions, divisionsByStem, stem } from '../region/divisions';
import { mentionedDivisions } from '../region/textRegion';
import { placesNest } from '../region/nestedPlaces';
import { AGENCY_END_WORDS, DEPARTMENTS, DEPARTMENT_UNITS } from './agencyWords';
import { allMatches } from '../text';

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
  // several, but one made by a long word whose every other character the text prints (国家向务总局:
  // 国家税务总局 against 向阳 for 向务): the long word's five characters outweigh the short one's one
  const byLength = [...whole].sort((a, b) => b[1].length - a[1].length);
  if (byLength.length > 1 && byLength[0][1].length >= 4 && byLength[0][1].length - byLength[1][1].length >= 2)
    return { name: byLength[0][0], corrected: read };
  // several places one glyph away, but only one lies where the name's other places say (北京市海演区:
  // 海淀区 is in 北京市, 海南区 in 乌海市; 好水县青龙镇: of the ?水县, only 建水县 has a 青龙镇)
  const placed = whole.filter(([fixed]) => !unknownPlace(fixed));
  const nested = placed.filter(([fixed]) => placesNest(openingPlaces(fixed)) === true);
  if (
    whole.length > 1 &&
    nested.length === 1 &&
    placed.every(([f]) => f === nested[0][0] || placesNest(openingPlaces(f)) === false)
  )
    return { name: nested[0][0], corrected: read };
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

/** how many ways of reading the unknown runs are tried at most (each run one character shorter, as long, one longer) */
const MAX_SHAPES = 27;

/**
 * The name as the document prints it elsewhere, where OCR read it right (the overview names its
 * issuer again, the report ends with its issuer and the date): a stretch of `text` that agrees
 * with the name read wherever a known word explains it, holds known words where nothing did (a
 * glyph read as another or as two: 北启市海演区 for 北京市海淀区, 一量阳击 for 岳阳市) and opens
 * with known places. Null unless exactly one such name is found, or when too little of the name
 * read is known to say where it stands. `placeMisread`: its places are no division (unknownPlace).
 */
export function nameElsewhere(read: string, text: string, placeMisread = false): string | null {
  const unknown = new Set(unknownPositions(read));
  // a place misread as known words (入市本溪区 for 杭州市西湖区): the whole place part is in doubt
  const place = placeMisread ? PLACE_PART.exec(read) : null;
  for (let i = 0; i < (place?.[0].length ?? 0); i++) unknown.add(i);
  if (!unknown.size || read.length - unknown.size < Math.max(4, read.length / 2)) return null;
  // the name as pieces: known characters, and runs of unknown ones with the lengths they may stand for
  const pieces: Array<string | number[]> = [];
  for (let i = 0; i < read.length;) {
    if (!unknown.has(i)) {
      pieces.push(read[i++].replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      continue;
    }
    let j = i;
    while (unknown.has(j)) j++;
    const n = j - i;
    pieces.push([n - 1, n, n + 1].filter((l) => l >= 1));
    i = j;
  }
  let shapes = [''];
  for (const p of pieces) {
    shapes =
      typeof p === 'string'
        ? shapes.map((s) => s + p)
        : shapes.flatMap((s) => p.map((l) => `${s}[\u4e00-\u9fa5]{${l}}`));
    if (shapes.length > MAX_SHAPES) return null;
  }
  const found = new Set<string>();
  for (const shape of shapes)
    // (in a lookahead: overlapping stretches are all tried, 年岳阳市… and 岳阳市… alike)
    for (const m of allMatches(new RegExp(`(?=(${shape}))`, 'g'), text)) {
      const name = m[1];
      if (name !== read && !unknownPositions(name).length && !unknownPlace(name)) found.add(name);
    }
  // the same name cut at its start (州市西湖区… beside 杭州市西湖区…) is no other name
  const longest = [...found].sort((a, b) => b.length - a.length)[0];
  return longest && [...found].every((f) => longest.endsWith(f)) ? longest : null;
}

/** a name's places: up to its last level character within its first eleven */
const PLACE_PART = /^[\u4e00-\u9fa5]{0,10}[省市区县州旗盟]/;

/** a character that ends a place's name: 杭州市, 西湖区, 建水县, 凉山州, 达茂旗 */
const PLACE_END = /[省市区县州旗盟]/;
/** zones end in 区 but are agencies' names, not divisions (苏州工业园区, 滨海高新区) */
const ZONE_END = /(?:园区|新区|开发区|高新区|经开区|示范区|保税区|试验区|实验区|合作区|风景区|景区|度假区|港区|矿区)$/;

/** the length of the division name (full, or a stem with its own level character) opening text */
function placeAt(text: string): number {
  const { byName } = upperDivisions();
  for (let j = Math.min(text.length, 12); j >= 2; j--) if (byName.has(text.slice(0, j))) return j;
  for (let j = Math.min(text.length, 8); j >= 2; j--) {
    const named = divisionsByStem().get(text.slice(0, j));
    if (!named) continue;
    const after = text[j] ?? '';
    if (!PLACE_END.test(after)) return j;
    // (its own level character: 凉山州 for 凉山彝族自治州, not 本溪区 for 本溪市)
    if (named.some((d) => d.name.endsWith(after))) return j + 1;
  }
  return 0;
}

/** a town's name (镇, 乡, 街道, 苏木) opening text, up to eight characters */
const TOWN_AT = /^[\u4e00-\u9fa5]{1,6}?(?:镇|乡|街道|苏木)/;

/**
 * The places a name opens with, as placeAt reads them (a full name, or a stem alone or with its
 * own level character), then a town's name: each the divisions it may stand for
 */
function openingPlaces(name: string): Division[][] {
  const places: Division[][] = [];
  for (let i = 0; i < name.length;) {
    // a town's name first: 青龙镇 is no 青龙 (a county's stem) followed by 镇
    const town = TOWN_AT.exec(name.slice(i))?.[0];
    const towns = town ? townDivisions().get(town) : undefined;
    if (towns) return [...places, towns];
    const n = placeAt(name.slice(i));
    if (!n) break;
    const text = name.slice(i, i + n);
    const level = text.slice(-1);
    places.push(
      upperDivisions().byName.get(text) ??
        (divisionsByStem().get(text) ?? divisionsByStem().get(text.slice(0, -1)) ?? []).filter(
          (d) => !PLACE_END.test(level) || d.name.endsWith(level),
        ),
    );
    i += n;
  }
  return places;
}

/**
 * The places an OCR'd name opens with are divisions: 杭州市西湖区 is, 入市本溪区 (杭州市西湖区
 * misread) is not, though jieba knows 入市 and 本溪 is a city's stem (of 本溪市, not a 区). Read
 * from the start, each place is a division's full name, or its stem alone or with its own level
 * character (杭州西湖区, 凉山州); the first stretch that is no place ends them (绿化和市容 after
 * 上海市 is the agency's words). A name opening with a stretch that ends as a place does (a level
 * character within a few characters) but holds no division is not read right.
 * Returns that stretch, or null when the places check out.
 */
/** the national body a vertical office is named under, before its place (国家税务总局芜湖市…税务局) */
const NATIONAL_PARENT = /^(?:国家税务总局|国家金融监督管理总局|中国人民银行|中共)/;

export function unknownPlace(name: string): string | null {
  let i = NATIONAL_PARENT.exec(name)?.[0].length ?? 0;
  let places = 0;
  while (i < name.length) {
    const n = placeAt(name.slice(i));
    if (n) {
      i += n;
      places++;
      continue;
    }
    const ahead = /^[\u4e00-\u9fa5]{1,5}?[省市区县州旗盟]/.exec(name.slice(i));
    if (!ahead || ZONE_END.test(name.slice(i, i + ahead[0].length + 2))) return null;
    // a stem followed by a level character not its own (本溪区)
    if (divisionsByStem().has(ahead[0].slice(0, -1))) return ahead[0];
    if (places) return null;
    // an opening word before the first place (中共杭州市…, 国家税务总局…)
    const k = [...ahead[0]].findIndex((_, at) => at > 0 && placeAt(name.slice(i + at)) > 0);
    if (k > 0) {
      i += k;
      continue;
    }
    return ahead[0];
  }
  return null;
}

/** what OCR makes of a box, a rule or a bullet in front of a line: 一 丨 口 囗 四 日 目 | */
const STRAY_GLYPH = /^[一丨口囗四日目|Il]/;

/** a speck or a box read as a digit or a Latin letter glued to the name (0好水县…): no name opens so */
const STRAY_MARK = /^[0-9A-Za-z]{1,2}(?=[\u4e00-\u9fa5])(?![\u4e00-\u9fa5]?[年月日])/;

/**
 * An OCR'd name opened by a stray glyph (四建水县青龙镇… for 建水县青龙镇…, 四国家税务总局…, a table's
 * border or a bullet read as a character): the name without it where what follows opens with a
 * division or a known agency word and the name as read does not; one opened by a digit or a
 * Latin letter, without it; else the name as read.
 */
export function withoutStrayOpening(name: string): string {
  const mark = STRAY_MARK.exec(name)?.[0];
  if (mark && name.length - mark.length >= 4) return name.slice(mark.length);
  if (name.length < 4 || !STRAY_GLYPH.test(name) || opensKnown(name)) return name;
  return opensKnown(name.slice(1)) ? name.slice(1) : name;
}

/** the name opens with a division or a known agency word of three characters or more (国家税务总局) */
function opensKnown(name: string): boolean {
  if (placeAt(name) >= 2) return true;
  for (let j = Math.min(name.length, 12); j >= 3; j--) if (agencyVocabulary().has(name.slice(0, j))) return true;
  return false;
}

/**
 * 年 after a year, in a line that names a report, misread as another character (2024征度, 2020
 * 和杭州市…报告): a four-digit year there is followed by 年; read so, the title's shape is found
 */
const YEAR_GLYPH_MISREAD = /((?:19|20)\d{2})\s*([\u4e00-\u9fa5])(?=度|[^。]*?(?:信息|政务)公开[^。]*?(?:报告|年报))/g;
export const ocrYearsMended = (line: string): string =>
  line.replace(YEAR_GLYPH_MISREAD, (m, year: string, glyph: string) => (glyph === '年' ? m : `${year}年`));
