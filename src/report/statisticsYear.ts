// The year a report's statistics cover, where its title does not say: the period it states
// ("统计期限为2022年1月1日至…"), else the year a sentence of the overview opens with ("2022年，我局…",
// "2020年度我街办未接到…",
// not a plan: "2023年，我局将…"). A page's publication date (2023-01-31) is never it.

const PERIOD =
  /统计(?:数据)?(?:期限|时限|时间|区间|周期|范围)[^。]{0,16}?((?:19|20)\d{2})\s*年\s*(?:1|一|01)\s*月\s*(?:1|一|01)\s*日/;
const FROM_NEW_YEAR = /((?:19|20)\d{2})\s*年\s*(?:1|01)\s*月\s*(?:1|01)\s*日\s*(?:起\s*)?(?:至|到|—|-|－|~)/;
const OPENING_YEAR =
  /(?:^|[。\n]|[一二三四五六七八九十]是[^。，,]{0,12}?[。：:])\s*((?:19|20)\d{2})\s*年(?:度)?(?:[，,]|以来|(?=[我本]))/m;

export function statedPeriodYear(text: string): number | null {
  const m = PERIOD.exec(text) ?? FROM_NEW_YEAR.exec(text);
  return m ? Number(m[1]) : null;
}

/** the later sections (二 … 六): 五's plans ("2023年，我局将…") speak of the next year */
const LATER_SECTION = /^\s*[二三四五六][、.．]/m;
const PLAN = /^[^。]{0,8}?(?:将|计划|拟|要|继续)/;

export function openingSentenceYear(text: string): number | null {
  const cut = LATER_SECTION.exec(text);
  const opening = cut ? text.slice(0, cut.index) : text;
  const re = new RegExp(OPENING_YEAR.source, 'gm');
  for (const m of opening.matchAll(re)) {
    if (PLAN.test(opening.slice(m.index! + m[0].length))) continue;
    return Number(m[1]);
  }
  return null;
}
