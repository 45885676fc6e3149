// The year a report's statistics cover, where its title does not say: the period it states
// ("统计期限为2022年1月1日至…"), else the year a sentence of the overview opens with ("2022年，我局…",
// "2020年度我街办未接到…", "2023年共收到…",
// not a plan: "2023年，我局将…"), or the report's own name in a sentence ("编制的2012年政府信息公开年度
// 报告"). A page's publication date (2023-01-31) is never it.

const PERIOD_WORDS = /统计(?:数据)?的?(?:期限|时限|时间|区间|周期|范围)/.source;
// from New Year's Day, or from January on to a later month (统计期限为2013年1月至12月)
const PERIOD = new RegExp(
  `${PERIOD_WORDS}[^。]{0,16}?((?:19|20)\\d{2})\\s*年\\s*(?:1|一|01)\\s*月(?:\\s*(?:1|一|01)\\s*日|(?=\\s*(?:至|到|—|-|－|~)))`,
);
/** the period stated as the year itself: 统计数据的时限为2013年度, 统计时间：2013年全年 */
const WHOLE_YEAR = new RegExp(`${PERIOD_WORDS}[为是:：\\s]{0,3}((?:19|20)\\d{2})\\s*年\\s*(?:度|全年)`);
/**
 * from a day of a year to a day of the same year: that year, whatever the month and day read
 * (OCR: 2025 年1月]日起至2025 年…, 2022 年]月1日起至2022 年2月3IH)
 */
const SAME_YEAR_SPAN = new RegExp(
  `${PERIOD_WORDS}[^。]{0,16}?((?:19|20)\\d{2})\\s*年[^。至到]{1,8}?(?:至|到)\\s*\\1\\s*年`,
);
const FROM_NEW_YEAR = /((?:19|20)\d{2})\s*年\s*(?:1|01)\s*月\s*(?:1|01)\s*日\s*(?:起\s*)?(?:至|到|—|-|－|~)/;
const OPENING_YEAR =
  /(?:^|[。\n]|[一二三四五六七八九十]是[^。，,]{0,12}?[。：:])\s*((?:19|20)\d{2})\s*年(?:度)?(?:[，,]|以来|(?=[我本共]))/m;

/**
 * the report's own name in its first sentence gives the year where no period is stated
 * ("由临邑县人民政府编制的2012年政府信息公开年度报告"); not a notice about the reports
 * ("《关于做好2016年政府信息公开工作年度报告编制工作的通知》"), which the words after the name show
 */
const REPORT_NAME_AFTER_YEAR = /(?:政府|机关)?(?:信息|政务)公开(?:工作)?(?:年度)?(?:报告|年报)/.source;
const NOT_A_NOTICE = /(?![^。\n]{0,12}?(?:编制|公布|报送)?工作)(?![^。\n]{0,12}?(?:的通知|》))/.source;
const NAMED_REPORT_YEAR = new RegExp(`((?:19|20)\\d{2})\\s*年(?:度)?${REPORT_NAME_AFTER_YEAR}${NOT_A_NOTICE}`);

/** the year's work the report says it reports on: 汇报我镇2023年政府信息公开工作, 现将2022年度政务公开工作情况报告如下 */
const YEAR_OF_WORK = /((?:19|20)\d{2})\s*年(?:度)?(?:政府|机关)?(?:信息|政务)公开工作/.source;
const REPORTED_WORK = new RegExp(
  `(?:汇报|报告|总结)[^。\n，,]{0,12}?${YEAR_OF_WORK}|${YEAR_OF_WORK}(?:开展)?(?:情况)?(?:报告|汇报)如下`,
);

export function reportNameYear(text: string): number | null {
  const m = NAMED_REPORT_YEAR.exec(text) ?? REPORTED_WORK.exec(text);
  return m ? Number(m[1] ?? m[2]) : null;
}

export function statedPeriodYear(text: string): number | null {
  const m = PERIOD.exec(text) ?? WHOLE_YEAR.exec(text) ?? FROM_NEW_YEAR.exec(text) ?? SAME_YEAR_SPAN.exec(text);
  return m ? Number(m[1]) : null;
}

/** the year's end a figure is counted to: 截止2023年12月31日我局通过官方网站发布… */
const TO_YEAR_END = /截[止至]到?\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日/;

/** the year whose end the overview counts its figures to, where nothing else states the year */
export function yearEndYear(text: string): number | null {
  const cut = LATER_SECTION.exec(text);
  const m = TO_YEAR_END.exec(cut ? text.slice(0, cut.index) : text);
  return m ? Number(m[1]) : null;
}

/** the later sections (二 … 六): 五's plans ("2023年，我局将…") speak of the next year */
const LATER_SECTION = /^\s*[二三四五六][、.．]/m;
const PLAN = /^[^。]{0,8}?(?:将|计划|拟|要|继续)/;
const FUTURE = /^[^。]{0,8}?(?:将|计划|拟)/;

const CLAUSE_YEAR = /[，,]\s*((?:19|20)\d{2})\s*年(?:度)?[，,]\s*(?=[我本])/;

export function openingSentenceYear(text: string): number | null {
  const cut = LATER_SECTION.exec(text);
  const opening = cut ? text.slice(0, cut.index) : text;
  const re = new RegExp(OPENING_YEAR.source, 'gm');
  for (const m of opening.matchAll(re)) {
    if (PLAN.test(opening.slice(m.index! + m[0].length))) continue;
    return Number(m[1]);
  }
  // a year set off by commas inside the first sentence, before the pronoun: 根据《条例》要求,2010年,我局…
  // (继续 here goes on with the year's work: 2010年,我局继续开展…; a plan says 将)
  for (const m of opening.matchAll(new RegExp(CLAUSE_YEAR.source, 'g'))) {
    if (FUTURE.test(opening.slice(m.index! + m[0].length))) continue;
    return Number(m[1]);
  }
  return null;
}
