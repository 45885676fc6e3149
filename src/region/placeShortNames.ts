// A place's short name at the start of an agency's name, written out: an autonomous prefecture is
// called by its first word and 州 (凉山州审计局 is 凉山彝族自治州审计局, 黔东南州 is 黔东南苗族侗族自治州).
// Only a short name that one prefecture bears is written out.
import { type Division, upperDivisions, stem } from './divisions';

let prefectures: Map<string, Division[]> | undefined;
function shortPrefectureNames(): Map<string, Division[]> {
  if (prefectures) return prefectures;
  prefectures = new Map();
  for (const list of upperDivisions().byName.values())
    for (const d of list) {
      if (d.level !== 'city' || !d.name.endsWith('自治州')) continue;
      const short = stem(d.name) + '州';
      prefectures.set(short, [...(prefectures.get(short) ?? []), d]);
    }
  return prefectures;
}

/** the name with a prefecture's short name in front written out in full (one prefecture only) */
export function withFullPlaceName(name: string): string {
  const m = /^[\u4e00-\u9fa5]{2,4}?州/.exec(name);
  if (!m) return name;
  const found = shortPrefectureNames().get(m[0]);
  return found?.length === 1 ? found[0].name + name.slice(m[0].length) : name;
}
