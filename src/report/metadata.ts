// Title, issuing agency and the year the statistics cover: from the title where it says
// them, else from the first sentences of the body (昌国街道: "2021年昌国街道办事处坚持…").
import type { Block, Doc, TableBlock } from '../model/document';
import { REPORT_PHRASE } from '../model/reportWords';

type TextBlock = Exclude<Block, TableBlock>;
const isText = (b: Block): b is TextBlock => b.type !== 'table';

const REPORT_WORDS = REPORT_PHRASE;
const AGENCY_END = '(?:人民政府办公厅|人民政府办公室|人民政府|管理委员会|管委会|办事处|委员会|办公厅|办公室|政府|实验区|新区|开发区|[局厅委署院处镇乡所站队]|街道)';
const YEAR = /((?:19|20)\d{2})\s*年(?:度)?/;

export interface ReportMeta { title: string | null; agency: string | null; year: number | null }

export function findTitle(doc: Doc): string | null {
  if (doc.title && REPORT_WORDS.test(doc.title)) return clean(doc.title);
  // a page saved as text: a breadcrumb ("当前位置：首页 > … > 政府信息公开年报") is not the title
  let top = titleAtTop(doc);
  if (top && NAVIGATION.test(top)) top = null;
  if (top && YEAR.test(top)) return top;
  return titleBeforeBody(doc) ?? top ?? (doc.title ? clean(doc.title) : null);
}

/** a title printed over two lines: "洪泽区人民政府" / "2023 年…年度报告", "平潭综合实验区2019年" / "政府信息公开工作年度报告" */
function withFirstLine(prev: string, t: string): string {
  if (!prev || prev.length > 30 || /[。，]/.test(prev)) return t;
  const agencyAbove = new RegExp(AGENCY_END + '$').test(prev) && !new RegExp(AGENCY_END).test(t.replace(REPORT_WORDS, ''));
  const yearAbove = !YEAR.test(t) && YEAR.test(prev);
  return agencyAbove || yearAbove ? prev + t : t;
}

const NAVIGATION = /当前位置|您的位置|首页\s*>|[•>]/;

function titleAtTop(doc: Doc): string | null {
  const first = doc.blocks.slice(0, 12).filter(isText).filter((b) => clean(b.text).length > 2);
  for (let i = 0; i < first.length; i++) {
    let t = clean(first[i].text).replace(/^#+\s*/, '');
    // a title broken over two short lines: "2025 年…政府信息公开" / "工作年度报告"
    const next = i + 1 < first.length ? clean(first[i + 1].text) : '';
    if (!REPORT_WORDS.test(t) && t.length <= 40 && next.length <= 30 && REPORT_WORDS.test(t + next) && !/[。，]/.test(t + next)) t = t + next;
    if (/[。《》]/.test(t)) continue;
    if (t.length <= 60 && REPORT_WORDS.test(t)) return withFirstLine(i > 0 ? clean(first[i - 1].text) : '', t);
  }
  return null;
}

/** where the body starts: the sentence citing the 条例, or the overview heading */
const BODY_START = /政府信息公开条例|^\s*[一1][、.．]\s*(?:总体情况|概述)/;

/**
 * A whole web page saved as text puts navigation before the title. The title is then the last
 * title-like line before the body starts, not a link to another report further up.
 */
function titleBeforeBody(doc: Doc): string | undefined {
  const blocks = doc.blocks.slice(0, 400).filter(isText);
  const body = blocks.findIndex((b) => BODY_START.test(b.text));
  if (body < 0) return undefined;
  for (let i = body - 1; i >= Math.max(0, body - 40); i--) {
    const t = clean(blocks[i].text).replace(/^#+\s*/, '');
    if (t.length <= 60 && REPORT_WORDS.test(t) && !/[。《》]/.test(t)) return withFirstLine(i > 0 ? clean(blocks[i - 1].text) : '', t);
  }
  return undefined;
}

export function agencyAndYearFromTitle(title: string): { agency: string | null; year: number | null } {
  const t = title.replace(/\s+/g, '');
  const y = YEAR.exec(t);
  const year = y ? Number(y[1]) : null;
  // "淮安市人民政府2024年…" or "2019年上海市人民政府办公厅政府信息公开…"
  let agency: string | null = null;
  if (y) {
    const before = t.slice(0, y.index).replace(/[《〈（(【]+$/, '');
    const after = t.slice(y.index + y[0].length).split(REPORT_WORDS)[0];
    agency = before.length >= 2 ? before : after.length >= 2 ? after.replace(/的$/, '') : null;
  } else {
    const before = t.split(REPORT_WORDS)[0];
    agency = before.length >= 2 ? before : null;
  }
  if (agency) agency = agency.replace(/^关于/, '').replace(/[\s:：]+$/, '') || null;
  return { agency, year };
}

const BODY_AGENCY = new RegExp(`((?:19|20)\\d{2})\\s*年(?:度)?[，,]?\\s*([\\u4e00-\\u9fa5]{2,24}?${AGENCY_END})(?=(?:坚持|认真|深入|全面|紧紧|围绕|以|在|按照|严格|持续|切实|进一步|积极|始终|高度|贯彻|继续|根据|聚焦|扎实|着力))`);
const STATS_PERIOD = /统计期限?(?:为|从|自)?\s*((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日/;

export function findMeta(doc: Doc): ReportMeta {
  const title = findTitle(doc);
  let { agency, year } = title ? agencyAndYearFromTitle(title) : { agency: null, year: null };
  const body = doc.blocks.filter(isText).slice(0, 40).map((b) => b.text).join('\n');
  if (year === null) {
    const p = STATS_PERIOD.exec(body);
    if (p) year = Number(p[1]);
  }
  if (agency === null || year === null) {
    const m = BODY_AGENCY.exec(body);
    if (m) {
      if (year === null) year = Number(m[1]);
      if (agency === null) agency = m[2];
    }
  }
  return { title, agency, year };
}

const clean = (s: string) => s.replace(/[\s\u3000]+/g, ' ').trim().replace(/(?<=[\u4e00-\u9fa5\d]) (?=[\u4e00-\u9fa5\d])/g, '');
