// The issuer as a report signs it at its end (落款): its name on a line of its own after the last
// section (六、其他需要报告的事项), the date under it or not. Where the opening names no issuer (a
// title OCR could not read), that is the name.
import type { Doc } from '../model/document';

/** the last section's heading, as OCR may misread a glyph of it (其他需要报告的于项) */
const LAST_SECTION = /要报告的.{0,2}项|其他.{0,2}要报告/;
/** the signature's date (2021年1月14日, OCR's 2020人年]月13日) */
const DATE_LINE = /^(?:19|20)\d{2}\S?年/;

/** `isName`: the metadata's test of an agency's name */
export function closingSignature(doc: Doc, isName: (s: string) => boolean): string | null {
  const texts = doc.blocks
    .filter((b) => b.type !== 'table')
    .map((b) => b.text.replace(/\s+/g, ''))
    .filter(Boolean);
  let end = texts.length - 1;
  while (end >= 0 && DATE_LINE.test(texts[end])) end--;
  // the line is the last of the text but its date, and the last section comes before it
  if (end < 1 || !texts.slice(Math.max(0, end - 4), end).some((t) => LAST_SECTION.test(t))) return null;
  const line = texts[end];
  if (isName(line)) return line;
  // a stray glyph OCR read after the name (a seal's stroke: 杭州市西湖区文化广电旅游局人)
  if (doc.ocr && line.length > 4 && isName(line.slice(0, -1))) return line.slice(0, -1);
  return null;
}
