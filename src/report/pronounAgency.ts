// A report that names its issuer only as 我局, 我区, 我乡 …: the name the pronoun stands for.
// 我区/我县/我市/我省 is the government of the place the evidence settles; 我乡/我镇 the township the
// text names most; 我局/我办/我委 the name of that kind the text prints most often, when it is led by
// its place or its level word (深圳市生态环境局, 区政务服务管理局). A tie names nothing.
import type { Resolved } from '../region/resolveRegion';
import { mentionedDivisions } from '../region/textRegion';
import { PRONOUN, expandTypeName } from './agencyWords';
import { isFurnitureName } from './pageFurniture';

const LEVEL_OF: Record<string, 'province' | 'city' | 'county'> = {
  省: 'province',
  市: 'city',
  区: 'county',
  县: 'county',
  旗: 'county',
};

/** the printed form the pronoun stands for (a short form composeAgency can complete), or null */
export function agencyForPronoun(pronoun: string, text: string, resolved: Resolved): string | null {
  const kind = PRONOUN.exec(pronoun)?.[1];
  if (!kind) return null;
  const level = LEVEL_OF[kind];
  if (level) return resolved.atLevel[level] ? `${kind}人民政府` : null;
  if (kind === '乡' || kind === '镇' || kind === '街道' || kind === '苏木') {
    const towns = mentionedDivisions(text, true).filter(
      (m) => m.divisions[0].level === 'town' && m.name.endsWith(kind),
    );
    return mostFrequent(towns.map((m) => [m.name, m.count]));
  }
  if (!/^(?:局|办|委|厅|中心|院|署)$/.test(kind)) return null;
  return mostFrequent(shortFormsFolded(namesEndingWith(text.replace(/\s+/g, ''), kind)));
}

/**
 * a name led by its level word (市住房和城乡建设局) counted with the one name that writes the same
 * body with its place (句容市住房和城乡建设局), where one such name is printed
 */
function shortFormsFolded(items: Array<[string, number]>): Array<[string, number]> {
  const out = new Map(items);
  for (const [name, n] of items) {
    if (!/^[省市区县]/.test(name)) continue;
    const fuller = items.filter(([other]) => other !== name && other.endsWith(name) && leadingDivision(other));
    if (fuller.length !== 1) continue;
    out.set(fuller[0][0], (out.get(fuller[0][0]) ?? 0) + n);
    out.delete(name);
  }
  return [...out];
}

const CONTINUES_WORD = /[公事理员会长]/;
/**
 * what follows a body that passed on the report's instructions (not its own documents: 《深圳市生态环境局关于印发…》
 * is the issuer's own)
 */
const CITED_AFTER = /^(?:转发|下发|统一|的(?:部署|要求|安排|通知|统一|指导))/;
/** …and what precedes it */
const CITED_BEFORE = /(?:根据|按照|依据|遵照)$/;

/** names ending in the kind's character, led by a division's full name or by a level word */
function namesEndingWith(t: string, kind: string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (let p = t.indexOf(kind); p >= 0; p = t.indexOf(kind, p + 1)) {
    const end = p + kind.length;
    // the character must end the name: 办 of 办公室 or 办事处, 委 of 委员会, 局 of 局长 is inside a word
    if (CONTINUES_WORD.test(t[end] ?? '')) continue;
    let found: string | null = null;
    for (let s = Math.max(0, end - 18); s <= end - 4 && !found; s++) {
      const name = t.slice(s, end);
      if (
        !/^[\u4e00-\u9fa5]+$/.test(name) ||
        isFurnitureName(name) ||
        /(?:关于|的|和|与|及|等|我|本)/.test(name.slice(0, 3))
      )
        continue;
      const led = leadingDivision(name);
      const levelLed = /^[省市区县](?!政府|委|[省市区县])/.test(name) && !/[省市区县]/.test(name.slice(1, -1));
      if (led || levelLed) found = name;
      // a body whose requirements the report follows is another body: 根据市政务服务和大数据管理局转发的《…》
      if (found && (CITED_AFTER.test(t.slice(end, end + 6)) || CITED_BEFORE.test(t.slice(Math.max(0, s - 4), s))))
        found = null;
    }
    // 市资规局 and 市自然资源和规划局 are one name: counted written out
    if (found) {
      const name = expandTypeName(found);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  return [...counts];
}

const leadingDivision = (name: string) =>
  mentionedDivisions(name).some((m) => name.startsWith(m.name) && m.name.length < name.length - 1);

function mostFrequent(items: Array<[string, number]>): string | null {
  if (!items.length) return null;
  const top = Math.max(...items.map(([, n]) => n));
  const best = items.filter(([, n]) => n === top);
  return best.length === 1 ? best[0][0] : null;
}
