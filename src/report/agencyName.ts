// Agency names as written vary: full/half width, spaces, and a region prefix that one report
// prints and the next leaves out (淮安市洪泽区人民政府 / 洪泽区人民政府). The key links them.
const REGION_PREFIX =
  /^(?:[\u4e00-\u9fa5]{2,8}?(?:省|自治区|特别行政区))?(?:[\u4e00-\u9fa5]{2,8}?(?:市|自治州|地区|盟))?/;
const LOWER_UNIT = /^[\u4e00-\u9fa5]{1,10}?(?:区|县|旗|市|镇|乡|街道)/;

/** the name with width, spaces and punctuation folded */
export function normaliseAgencyName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000·•・]/g, '')
    .replace(/[()（）]/g, '');
}

/** a key shared by the names of one agency: region prefixes dropped above a county-level unit */
export function agencyKey(name: string): string {
  const n = normaliseAgencyName(name);
  const prefix = REGION_PREFIX.exec(n)?.[0] ?? '';
  const rest = n.slice(prefix.length);
  // keep the prefix when what follows is not itself a region (淮安市人民政府 stays whole)
  return prefix && LOWER_UNIT.test(rest) && rest.length >= 4 ? rest : n;
}
