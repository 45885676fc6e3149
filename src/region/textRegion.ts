// The division names a text mentions (广州市, 海珠区, 官洲街道 …), counted, with every division each
// name may stand for: many county and town names repeat across the country.
import { type Division, upperDivisions, townDivisions } from './divisions';

export interface Mention { name: string; count: number; divisions: Division[] }

const MAX_NAME = 12;
const TOWN_END = /(?:街道|镇|乡)$/;

/** every province, city and county-level name in the text; town names too when asked */
export function mentionedDivisions(text: string, withTowns = false): Mention[] {
  const { byName } = upperDivisions();
  const towns = withTowns ? townDivisions() : undefined;
  const found = new Map<string, Mention>();
  const t = text.replace(/\s+/g, '');
  for (let i = 0; i < t.length; i++) {
    // the longest name starting here (重庆市开州区 reads 重庆市, then 开州区)
    for (let len = Math.min(MAX_NAME, t.length - i); len >= 2; len--) {
      const name = t.slice(i, i + len);
      const divisions = byName.get(name) ?? (towns && TOWN_END.test(name) ? towns.get(name) : undefined);
      if (!divisions) continue;
      // 城区, 郊区, 矿区 are also plain words: too weak to name a place
      if (len === 2 && divisions[0].level !== 'province') { i += 1; break; }
      const m = found.get(name);
      if (m) m.count++; else found.set(name, { name, count: 1, divisions });
      i += len - 1;
      break;
    }
  }
  return [...found.values()];
}
