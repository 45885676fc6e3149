// A printed cell → a number or null, keeping what was printed. Blanks and placeholders are
// null (a blank is not a zero); units written in the cell are honoured.
import type { ColumnSpec } from './catalog';
import { memoizeString } from '../memo';

const PLACEHOLDER = /^(?:[—–\-－/／\\×xX*＊]+|无|空|暂无|null|n\/a)$/i;
const NUMBER = /^([-−－+]?)(\d[\d,，]*(?:\.\d+)?)\s*(万元|元|件|个|项|次|条|人次|%)?$/;
/** a number followed by a remark, e.g. "22（其中修订 16 件）" */
const NUMBER_WITH_NOTE = /^([-−－+]?)(\d[\d,，]*(?:\.\d+)?)\s*(万元|元|件|个|项)?\s*[（(].*[)）]$/;

/**
 * A footnote mark after a number ("13*", "13①", "13注", "13注1", "13※"): the number is 13, the
 * mark stays in the raw text. Taken off before NFKC, which would turn ① into a digit ("131").
 */
const FOOTNOTE_MARK = /(?<=\d)\s*(?:[*＊※△▲#＃†‡]+|[①-⑳⑴-⒇❶-❿]|[(（]?注\s*\d{0,2}[)）]?|[(（]\d{1,2}[)）])$/;

function withoutFootnoteMark(raw: string): string {
  return raw.replace(FOOTNOTE_MARK, '');
}

export interface ParsedValue {
  value: number | null;
  /** the cell held nothing at all (as opposed to a placeholder such as —) */
  blank: boolean;
  unit?: string;
  /** the text is not a number or placeholder */
  invalid?: boolean;
}

/** a character cleanRaw changes: with none (a cell's digits, the common case) the text is clean as it is */
const SPACE = /[\s\u3000\u00a0]/;

export function cleanRaw(raw: string): string {
  if (!SPACE.test(raw)) return raw;
  return raw.replace(/[\s\u3000\u00a0]+/g, ' ').trim();
}

const PLAIN_INTEGER = /^\d{1,15}$/;
/** a change written with its word (减3, 減3, 增加5, 减少2) */
const CHANGE_WORD = /^(增|减|減)(?:加|少)?(\d{1,15})(?:件|个|项)?$/;

/**
 * Text that starts with a word and goes on (a label, a paragraph): no number starts so, and the
 * placeholders that do (无, 空, 暂无) are two characters at most. NFKC leaves these ideographs as
 * they are, so the answer is known before the whole text is normalised.
 */
const WORDS = /^\s*[\u4e00-\u9fff]\s*\S\s*\S/;

export function parseValue(raw: string, column?: ColumnSpec): ParsedValue {
  if (PLAIN_INTEGER.test(raw)) return { value: Number(raw), blank: false };
  if (WORDS.test(raw)) return { value: null, blank: false, invalid: true };
  // 萬元: a mirror site's traditional characters for 万元
  const text = withoutFootnoteMark(cleanRaw(raw)).normalize('NFKC').replace(/\s+/g, '').replace(/萬/g, '万');
  if (text === '') return { value: null, blank: true };
  if (PLACEHOLDER.test(text)) return { value: null, blank: false };
  // 本年增/减 printed as a word and a count: 减3 (減3) is −3, 增5 is 5
  const change = column?.kind === 'signedCount' ? CHANGE_WORD.exec(text) : null;
  if (change) return { value: (change[1] === '增' ? 1 : -1) * Number(change[2]), blank: false };
  const m = NUMBER.exec(text) ?? NUMBER_WITH_NOTE.exec(text);
  if (!m) return { value: null, blank: false, invalid: true };
  const sign = m[1] && m[1] !== '+' ? -1 : 1;
  let value = sign * Number(m[2].replace(/[,，]/g, ''));
  const unit = m[3];
  // an amount of money in a column of counts is a cell out of place, not a count
  if (column && column.kind !== 'money' && (unit === '元' || unit === '万元'))
    return { value: null, blank: false, unit, invalid: true };
  if (column?.kind === 'money' && unit) value = toColumnUnit(value, unit, column);
  return { value, blank: false, unit };
}

/** procurement amounts are kept in 元 (2019 layout), fees in 万元 (2021 layout) */
function toColumnUnit(value: number, unit: string, column: ColumnSpec): number {
  const columnInWan = column.label.includes('万元');
  if (unit === '万元' && !columnInWan) return round(value * 10000);
  if (unit === '元' && columnInWan) return round(value / 10000);
  return value;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

const looksLikeValueOf = memoizeString((raw: string): boolean => !parseValue(raw).invalid);

/**
 * Does this cell read as a value (number, placeholder or blank) rather than a label? (A plain
 * integer, most cells, is one without a look in the memo: parseValue's first case.)
 */
export const looksLikeValue = (raw: string): boolean => PLAIN_INTEGER.test(raw) || looksLikeValueOf(raw);
