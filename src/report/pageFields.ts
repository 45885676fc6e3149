// The page's own fields around a report (发布机构, 来源, 发文机关 …) and a crawler header line that
// is only a name ("张家港市教育局" above the title): where a page names its issuer outside the text.
import { looksLikeAgencyName } from './agencyWords';
import { FURNITURE_LINE, isFurnitureName } from './pageFurniture';

// (the field's name in brackets and its value in the next cell of a row flattened with bars:
// [ 发布机构 ] | 郯城县住房和城乡建设局 |)
const FIELD =
  /(?:发布机构|发文机关|发文单位|发布单位|信息来源|发布来源|来\s*源|部\s*门)\s*(?:[\]】]\s*[|｜]\s*|[:：]?\s*)([\u4e00-\u9fa5()（）]{2,40})/g;

/** names in field tables (dropping a trailing 网站: "发布来源:国家卫生健康委员会网站") */
export function fieldNames(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    for (const m of line.matchAll(FIELD)) {
      const name = m[1].replace(/(?:门户)?网站$/, '');
      if (looksLikeAgencyName(name) && !isFurnitureName(name)) out.push(name);
    }
  }
  return out;
}

/** lines above the title that hold nothing but a name */
export function headerNames(lines: string[]): string[] {
  return lines
    .map((l) => l.replace(/\s+/g, ''))
    .filter((l) => l.length <= 30 && looksLikeAgencyName(l) && !FURNITURE_LINE.test(l) && !isFurnitureName(l));
}
