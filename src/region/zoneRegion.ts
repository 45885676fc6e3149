// A zone named after a place (平潭综合实验区, 南沙新区, 常州高新区): the place is the one division whose
// name is the zone's first word plus a level word (县, 市, 区). A word that several divisions
// share (江北: 重庆 and 宁波) or none bears settles nothing. A few map lookups, whatever the name.
import { type Division, upperDivisions } from './divisions';

const ZONE = /(?:综合实验区|新区|经济技术开发区|高新技术产业开发区|高新区|经济开发区)/;
const LEVEL_WORDS = ['县', '市', '区'];

/**
 * The division a zone in the name is named after. `lead` is how many characters at the start of
 * the name are already division names (福建省平潭综合实验区 → 3): the zone's own word follows them.
 */
export function zoneDivision(name: string, lead = 0): Division | null {
  const m = ZONE.exec(name.slice(lead));
  if (!m) return null;
  const word = name.slice(lead, lead + m.index);
  if (word.length < 2 || word.length > 4 || /[省市区县]$/.test(word)) return null;
  const { byName } = upperDivisions();
  let found: Division | null = null;
  let count = 0;
  for (const w of LEVEL_WORDS) {
    const list = byName.get(word + w);
    if (!list) continue;
    count += list.length;
    found ??= list[0];
  }
  return count === 1 ? found : null;
}
