// The issuer as a report signs it at its end (落款): its name on a line of its own after the last
// section (六、其他需要报告的事项), the date under it or not. Where the opening names no issuer (a
// title OCR could not read), that is the name.
import type { Doc } from '../model/document';

/**
 * the last section's heading, as OCR may misread a glyph of it (其他需要报告的于项); or the fifth's
 * (存在的主要问题及改进情况, OCR's 的主要问题有改进情况) in a report that ends with it
 */
const LAST_SECTION = /要报告的.{0,2}项|其他.{0,2}要报告|主要问题.{0,2}改进情况/;
/** the signature's date (2021年1月14日, OCR's 2020人年]月13日) */
const DATE_LINE = /^(?:19|20)\d{2}\S?年/;
/** the date closing a line, after the name */
const DATE_AFTER = /(?:19|20)\d{2}\S?年\S{0,3}月\S{0,3}日?$/;

/** `isName`: the metadata's test of an agency's name */
export function closingSignature(doc: Doc, isName: (s: string) => boolean): string | null {
  const texts = doc.blocks
    .filter((b) => b.type !== 'table')
    .map((b) => b.text.replace(/\s+/g, ''))
    .filter(Boolean);
  // the date's line, under OCR with a stray glyph or two before it (a seal's stroke: 四 2023年1月16日)
  const isDate = (t: string) =>
    DATE_LINE.test(t) || (!!doc.ocr && DATE_AFTER.test(t) && t.replace(DATE_AFTER, '').length <= 2);
  let end = texts.length - 1;
  while (end >= 0 && isDate(texts[end])) end--;
  // the line is the last of the text but its date, and the last section comes before it
  if (end < 1 || !texts.slice(Math.max(0, end - 4), end).some((t) => LAST_SECTION.test(t))) return null;
  // the date on the name's own line (…税务局 2023年1月16日)
  const undated = texts[end].replace(DATE_AFTER, '');
  const line = undated.length >= 4 ? undated : texts[end];
  if (isName(line)) return line;
  // a stray glyph or two OCR read after the name (a seal's strokes: 杭州市西湖区文化广电旅游局人, …税务局加四)
  if (doc.ocr)
    for (const cut of [1, 2]) if (line.length > cut + 3 && isName(line.slice(0, -cut))) return line.slice(0, -cut);
  return null;
}
