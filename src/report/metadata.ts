// Title, issuing agency and the year the statistics cover, from any page: the title where it
// says them, else the report's name or first sentences in the body, else the page's own fields
// (发布机构, 来源, a crawler header). Then the agency's full name and region (composeAgency).
import { proseOf, type Doc } from '../model/document';
import { partsOfReportName, YEAR, arabicYears } from './titleShapes';

/** the agency and year a title states (the report's name read by partsOfReportName) */
export const agencyAndYearFromTitle = (title: string) => partsOfReportName(title);
import { findTitle, openingLines, BODY_START } from './findTitle';
import { bodyCandidates, contactNames } from './bodyAgency';
import { fieldNames, headerNames } from './pageFields';
import { isFurnitureName, FURNITURE_LINE } from './pageFurniture';
import { looksLikeAgencyName, PRONOUN, STARTS_WITH_PRONOUN, expandTypeName, SENTENCE_WORDS } from './agencyWords';
import { statedPeriodYear, openingSentenceYear, reportNameYear, yearEndYear } from './statisticsYear';
import { composeAgency } from './composeAgency';
import { checkOcrName, nameElsewhere, ocrYearsMended, unknownPlace, withoutStrayOpening } from './ocrNames';
import { agencyForPronoun } from './pronounAgency';
import { closingSignature } from './signature';
import { resolveRegion } from '../region/resolveRegion';
import { withFullPlaceName } from '../region/placeShortNames';
import { regionOf, type Region } from '../region/regionOf';
import { pastFinding } from '../region/pastDivisions';
import { mentionedDivisions } from '../region/textRegion';
import { isDivisionStem } from '../region/divisions';
import { crawlerHeaderUrl } from '../dataset/region';

export interface ReportMeta {
  title: string | null;
  agency: string | null;
  agencyAsPrinted: string | null;
  year: number | null;
  region: Region | null;
  /** what could not be settled, in words */
  findings: string[];
}

export interface MetaSource {
  url?: string;
}

/** a name, not a fragment of the page: an agency's ending, a region, or the report's pronoun */
function isAgencyName(s: string): boolean {
  const n = s.replace(/\s+/g, '');
  if (n.length < 2 || n.length > 45 || isFurnitureName(n)) return false;
  if (SENTENCE_WORDS.test(n) || STARTS_WITH_PRONOUN.test(n)) return false;
  return (
    looksLikeAgencyName(n) || PRONOUN.test(n) || ZONE_ALONE.test(n) || mentionedDivisions(n).some((m) => m.name === n)
  );
}

/** a zone a report names by its kind alone (经开区将…), completed from its place like a short form */
const ZONE_ALONE = /^(?:经开区|高新区|经济技术开发区|高新技术产业开发区)$/;

/** a township's or 街道's name without its place: the report's own level, as a pronoun names it */
const BARE_LEVEL = /^(街道|镇|乡|苏木)(?:办事处|人民政府|政府)?$/;

/** a name of the pronoun's kind, the kind written short or out: 我委 is a 委 or a 委员会, 我办 an 办 or 办公室 */
const endsAsKind = (name: string, kind: string) =>
  name.endsWith(kind) || (kind === '委' && name.endsWith('委员会')) || (kind === '办' && name.endsWith('办公室'));

/** the same agency written more fully: its region in front, its type written out */
function isFullerForm(printed: string, candidate: string): boolean {
  const a = expandTypeName(printed.normalize('NFKC').replace(/\s+/g, ''));
  const b = expandTypeName(candidate.normalize('NFKC').replace(/\s+/g, ''));
  if (b.length <= a.length) return false;
  const cores = [
    a,
    a.replace(/^[省市区县](?!场)/, ''),
    a + (/街道$/.test(a) ? '办事处' : /(?:[镇乡]|苏木)$/.test(a) ? '人民政府' : ''),
  ];
  for (const core of cores) {
    if (core.length < 2 || !b.endsWith(core)) continue;
    if (isRegionWords(b.slice(0, b.length - core.length).replace(/人民政府$/, ''))) return true;
  }
  // a branch named under the bureau it belongs to: 滨江区公安分局 is 杭州市公安局滨江区分局 (or …滨江分局)
  const branch = /^(.+?[区县市旗])(.{2,8}?)分局$/.exec(a);
  if (branch) {
    const [, place, type] = branch;
    for (const at of [place, place.slice(0, -1)]) {
      const tail = `${type}局${at}分局`;
      if (at.length >= 2 && b.endsWith(tail) && isRegionWords(b.slice(0, b.length - tail.length))) return true;
    }
  }
  // the zone's words written out: 温州高新区(经开区)管委会 is 温州高新技术产业开发区(温州经济技术开发区)管委会
  const [wa, wb] = [writtenOut(a), writtenOut(b)];
  return wa.length >= 4 && (wa === wb || (wb.endsWith(wa) && isRegionWords(wb.slice(0, wb.length - wa.length))));
}

/** a zone's and a committee's words as names write them short, anywhere in the name */
const SHORT_WORDS: Array<[string, string]> = [
  ['高新区', '高新技术产业开发区'],
  ['经开区', '经济技术开发区'],
  ['管委会', '管理委员会'],
];
const hasShortWord = (name: string) => SHORT_WORDS.some(([short]) => name.includes(short));
/** the name to compare two forms of it by: what it puts in brackets dropped, its short words written out */
const writtenOut = (name: string) =>
  SHORT_WORDS.reduce((t, [short, full]) => t.split(short).join(full), name.replace(/[(（][^()（）]*[)）]/g, ''));

/** text made only of division names or their short forms (乌鲁木齐国家, 岳阳市, 芜湖市镜湖区) */
function isRegionWords(prefix: string): boolean {
  let rest = prefix.replace(/国家$/, '');
  if (!rest) return false;
  for (const m of mentionedDivisions(rest, true)) rest = rest.split(m.name).join('');
  return rest === '' || isDivisionStem(rest);
}

/**
 * A government's disclosure office or group (南平市人民政府信息公开工作领导小组办公室, 双牌县政务公开领导小组
 * 办公室) compiles the government's own report: the issuer is the government of its place.
 */
const DISCLOSURE_OFFICE =
  /^(.+?)(?:人民政府|政府)?(?:政府信息公开|信息公开|政务公开)(?:工作)?(?:领导小组)?(?:办公室|办)$/;
/**
 * a 街道 named under its district's government (无锡市锡山区人民政府云林街道办事处) is the 街道's office of
 * that district, written without the government between them
 */
function withoutParentGovernment(name: string): string {
  const m = /^(.+?)人民政府(.{2,12}?街道办事处)$/.exec(name);
  return m && isRegionWords(m[1]) ? m[1] + m[2] : name;
}

/**
 * a township the text prints after its county (地址:仁寿县中岗镇富兴街99号) is that county's, though the
 * division dataset lists a town of the name elsewhere only (towns are merged and renamed)
 */
function townAfterItsCounty(name: string, text: string): string | null {
  const m = /^([\u4e00-\u9fa5]{1,6}?(?:镇|乡))(?:人民政府)?$/.exec(name);
  if (!m) return null;
  const counties = new Set<string>();
  for (const hit of text.matchAll(new RegExp(`([\\u4e00-\\u9fa5]{2,8}?[县市区旗])${m[1]}`, 'g'))) {
    const words = hit[1];
    for (const d of mentionedDivisions(words))
      if (words.endsWith(d.name) && d.divisions.some((x) => x.level === 'county')) counties.add(d.name);
  }
  return counties.size === 1 ? [...counties][0] + m[1] + '人民政府' : null;
}

/**
 * a government's office that compiles the report from all its area's governments and departments
 * (由市政府办公厅综合各区(县)人民政府和市政府各委、办、局的…年度报告编制而成) writes the government's report
 */
const AREA_REPORT = /(?:综合|汇总)了?[^。]{0,40}?各(?:县|区|市|乡|镇|街道|部门|委|单位)/;
function governmentOfItsOffice(name: string, text: string): string | null {
  const m = /^(.*?)(?:人民)?政府办公[厅室]$/.exec(name);
  return m && AREA_REPORT.test(text) ? m[1] + '人民政府' : null;
}

/** a township government's own office (…镇人民政府办公室, …乡党政办): a unit inside it, not a body that reports */
const TOWNSHIP_OFFICE = /^(.+?(?:镇|乡|苏木))(?:人民政府|政府)?(?:党政)?(?:综合)?办(?:公室)?$/;

function governmentOfItsDisclosureOffice(name: string): string | null {
  const compact = name.replace(/\s+/g, '');
  const m = DISCLOSURE_OFFICE.exec(compact);
  if (m && isRegionWords(m[1]) && /(?:省|市|区|县|旗|盟|州)$/.test(m[1])) return m[1] + '人民政府';
  const township = TOWNSHIP_OFFICE.exec(compact);
  return township && isRegionWords(township[1]) ? township[1] + '人民政府' : null;
}

/** a name a page may print more fully elsewhere: 市发改委, 国家卫生健康委, 钟祥镇(人民政府), 高新区(…), 民政局 */
const isShortForm = (name: string) =>
  /^[省市区县旗]|^(?:高新区|经开区|开发区|新区)|(?:街道|镇|乡|苏木)(?:办事处|人民政府)?$/.test(name) ||
  name.length <= 4 ||
  expandTypeName(name) !== name;

const startsWithPlace = (name: string) => mentionedDivisions(name).some((m) => name.startsWith(m.name));

/** each name once, where it first comes, with the first year stated beside it */
function distinctNames<T extends { name: string; year: number | null }>(list: T[]): T[] {
  const seen = new Map<string, T>();
  for (const c of list) {
    const known = seen.get(c.name);
    if (!known) seen.set(c.name, { ...c });
    else if (known.year === null && c.year !== null) known.year = c.year;
  }
  return [...seen.values()];
}

/** lines joined up to about `chars` characters */
function capped(lines: string[], chars: number): string {
  let n = 0;
  const out: string[] = [];
  for (const l of lines) {
    if (n > chars) break;
    out.push(l);
    n += l.length + 1;
  }
  return out.join('\n');
}

/** the title with a name OCR misread put right (null stays null) */
const renamedIn = (title: string | null, read: string, name: string) => title?.split(read).join(name) ?? null;

export function findMeta(doc: Doc, source: MetaSource = {}): ReportMeta {
  const findings: string[] = [];
  // (OCR reads 年 after a year as another glyph now and then: 2024征度)
  const lines = doc.ocr ? openingLines(doc).map(ocrYearsMended) : openingLines(doc);
  let title = findTitle(doc, lines);
  const bodyAt = Math.max(
    0,
    lines.findIndex((l) => BODY_START.test(l)),
  );
  const fromTitle = title ? partsOfReportName(title) : { agency: null, year: null };
  // a border, a bullet or a speck OCR read as a glyph before the name (四建水县…, 0好水县…)
  const strayDropped = (name: string): string => {
    const opened = withoutStrayOpening(name);
    if (opened === name) return name;
    findings.push(`agency read by OCR as ${name}: ${opened}, its first character a border, a bullet or a speck`);
    title = renamedIn(title, name, opened);
    return opened;
  };
  if (doc.ocr && fromTitle.agency) fromTitle.agency = strayDropped(fromTitle.agency);
  // the opening is enough: the name and year are stated before the first table
  let body: string | undefined;
  const bodyText = () =>
    (body ??= arabicYears(
      capped(
        lines.filter((l) => l.length > 60 || !FURNITURE_LINE.test(l)),
        2500,
      ),
    ));
  const named = (s: string | null | undefined): s is string => !!s && isAgencyName(s) && !PRONOUN.test(s);
  const titleAgency = named(fromTitle.agency) ? fromTitle.agency : null;
  // a title that names its agency with its place and states the year needs nothing from the body
  const titleComplete =
    titleAgency !== null &&
    fromTitle.year !== null &&
    (startsWithPlace(titleAgency) || !isShortForm(titleAgency)) &&
    !hasShortWord(titleAgency);
  const candidates = titleComplete ? [] : distinctNames(bodyCandidates(bodyText())).filter((c) => isAgencyName(c.name));
  const before = lines.slice(0, bodyAt || Math.min(lines.length, 12));
  const fields = titleComplete ? [] : fieldNames(before);
  const contacts = titleComplete ? [] : contactNames(bodyText()).filter(named);
  const headers = titleComplete ? [] : headerNames(before);
  let printed: string | null =
    titleAgency ??
    candidates.find((c) => named(c.name))?.name ??
    fields.find(named) ??
    headers.find(named) ??
    candidates[0]?.name ??
    closingSignature(doc, named) ??
    null;
  // a level's bare name (2024年，街道办事处深入贯彻…) stands for the place as 我街道 would
  const bare = printed ? BARE_LEVEL.exec(printed) : null;
  if (bare) printed = `我${bare[1]}`;
  // OCR mistakes one glyph for another: 录公厅 is 办公厅 when no other known word is that near
  // a name OCR did not read right is no agency: a garbled one (一量阳击发展和改革委员会 for
  // 岳阳市…) would enter the dataset as an issuer that does not exist
  let ocrNameUnsettled = false;
  if (doc.ocr && printed && !PRONOUN.test(printed)) {
    printed = strayDropped(printed);
    const read = printed;
    const checked = checkOcrName(read);
    const unsettled: string[] = [];
    if (checked.finding) unsettled.push(`agency read by OCR: ${checked.finding}; the issuer is left unsettled`);
    if (checked.corrected) {
      findings.push(`agency read by OCR as ${checked.corrected}: ${checked.name}, the one known name a glyph away`);
      title = renamedIn(title, checked.corrected, checked.name);
    }
    printed = checked.name;
    // a place no division has (入市本溪区 for 杭州市西湖区) would put the report in another region
    const place = unknownPlace(printed);
    if (place) unsettled.push(`agency read by OCR: ${place} is no known place; the issuer is left unsettled`);
    // the text may print the name again where OCR read it right (the overview, the closing signature)
    const text = unsettled.length ? proseOf(doc) : '';
    const elsewhere = unsettled.length
      ? (nameElsewhere(read, text) ?? (place ? nameElsewhere(read, text, true) : null))
      : null;
    if (elsewhere) {
      findings.push(`agency read by OCR as ${read}: ${elsewhere}, as the text prints it elsewhere`);
      title = renamedIn(title, read, elsewhere);
      printed = elsewhere;
    } else {
      findings.push(...unsettled);
      ocrNameUnsettled = unsettled.length > 0;
    }
  }
  // the same agency printed more fully elsewhere on the page: the title's 市发改委 is the body's 岳阳市发展和改革委员会
  const fuller = printed
    ? [...candidates.map((c) => c.name), ...fields, ...headers, ...contacts].find((c) => isFullerForm(printed!, c))
    : undefined;

  let year =
    fromTitle.year ??
    statedPeriodYear(bodyText()) ??
    candidates.find((c) => c.year)?.year ??
    reportNameYear(bodyText()) ??
    openingSentenceYear(bodyText());
  if (year === null && title) year = Number(YEAR.exec(arabicYears(title))?.[1]) || null;
  // last: the year's end the overview counts its figures to
  year ??= yearEndYear(bodyText());

  // a crawler header's 原文链接 is the page's own URL: the source where none was given
  const url = source.url ?? crawlerHeaderUrl(lines.slice(0, 12).join('\n')) ?? undefined;
  let evidence: string | undefined;
  const evidenceText = () => (evidence ??= capped([title ?? '', ...lines], 2000));
  // the issuer as the name is written in full: 凉山州审计局 → 凉山彝族自治州审计局
  let issuer = fuller ?? printed;
  if (issuer) issuer = withFullPlaceName(governmentOfItsDisclosureOffice(issuer) ?? withoutParentGovernment(issuer));
  if (issuer)
    issuer = townAfterItsCounty(issuer, evidenceText()) ?? governmentOfItsOffice(issuer, bodyText()) ?? issuer;
  let resolved = resolveRegion({ agency: issuer, text: evidenceText, url, year });
  if (!issuer || PRONOUN.test(issuer)) {
    const pronoun = issuer ?? candidates.find((c) => PRONOUN.test(c.name))?.name;
    const standsFor = pronoun ? agencyForPronoun(pronoun, evidenceText(), resolved) : null;
    // else the body the report says to ask about it, of the pronoun's kind (我局: a 局)
    const kind = pronoun ? PRONOUN.exec(pronoun)?.[1] : undefined;
    const asked = standsFor ? null : contacts.find((c) => !kind || endsAsKind(c, kind));
    if (standsFor || asked) {
      issuer = standsFor ?? asked!;
      // a name the text prints (深圳市生态环境局) is the printed form; a composed one (区人民政府) is not
      if (evidenceText().includes(issuer)) printed = issuer;
      issuer = withFullPlaceName(governmentOfItsDisclosureOffice(issuer) ?? issuer);
      resolved = resolveRegion({ agency: issuer, text: evidenceText, url, year });
    }
  }
  const composed = composeAgency(issuer, resolved);
  if (!composed.complete && composed.why) findings.push(`agency incomplete: ${composed.why}; kept as printed`);
  else if (composed.agency && hasShortWord(composed.agency))
    findings.push(
      `agency incomplete: ${composed.agency} is a short form (高新区, 经开区, 管委会) the page writes no fuller`,
    );
  if (!printed) findings.push('agency: the page names no issuer');
  if (PRONOUN.test(printed ?? '')) printed = null;
  if (ocrNameUnsettled) return { title, agency: null, agencyAsPrinted: printed, year, region: null, findings };
  const region = regionOf(composed.region ?? resolved.division);
  const changed = pastFinding(composed.region ?? resolved.division);
  if (changed) findings.push(changed);
  if (!region && printed) findings.push("region: the issuer's place could not be known from the text or its source");
  return { title, agency: composed.agency, agencyAsPrinted: printed, year, region, findings };
}
