// Word's automatic numbering (一、 （一） 1.) lives in numbering.xml, not in the text, and mammoth
// drops it: an auto-numbered "一、总体情况" would arrive as a bare list item "总体情况". Before
// mammoth reads the file, write each numbered paragraph's number into its text, as printed.

interface Level {
  format: string;
  text: string;
  start: number;
}
type Numbering = Map<string, Map<number, Level>>; // numId → level → how it prints

const attr = (xml: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(xml)?.[1];

function readNumbering(xml: string): Numbering {
  const abstract = new Map<string, Map<number, Level>>();
  for (const m of xml.matchAll(/<w:abstractNum\b[^>]*w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels = new Map<number, Level>();
    for (const l of m[2].matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      const body = l[2];
      levels.set(Number(l[1]), {
        format: attr(/<w:numFmt\b[^>]*>/.exec(body)?.[0] ?? '', 'w:val') ?? 'decimal',
        text: attr(/<w:lvlText\b[^>]*>/.exec(body)?.[0] ?? '', 'w:val') ?? '',
        start: Number(attr(/<w:start\b[^>]*>/.exec(body)?.[0] ?? '', 'w:val') ?? 1),
      });
    }
    abstract.set(m[1], levels);
  }
  const nums: Numbering = new Map();
  for (const m of xml.matchAll(/<w:num\b[^>]*w:numId="(\d+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const abs = attr(/<w:abstractNumId\b[^>]*>/.exec(m[2])?.[0] ?? '', 'w:val');
    const levels = abs !== undefined ? abstract.get(abs) : undefined;
    if (levels) nums.set(m[1], levels);
  }
  return nums;
}

const DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 12 → 十二, 20 → 二十: the counting Chinese headings use */
export function chineseCount(n: number): string {
  if (n <= 0 || n >= 100) return String(n);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10),
    ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** w:numFmt values that count in Chinese numerals (一、二、… 十一) */
const CHINESE_COUNTING = new RegExp(
  `^(${[
    'chineseCounting',
    'chineseCountingThousand',
    'ideographTraditional',
    'ideographDigital',
    'japaneseCounting',
    'chineseLegalSimplified',
    'taiwaneseCounting',
  ].join('|')})`,
);

function formatNumber(n: number, format: string): string {
  if (CHINESE_COUNTING.test(format)) return chineseCount(n);
  if (format === 'decimalFullWidth' || format === 'decimalFullWidth2')
    return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  if (format === 'upperLetter') return String.fromCharCode(64 + ((n - 1) % 26) + 1);
  if (format === 'lowerLetter') return String.fromCharCode(96 + ((n - 1) % 26) + 1);
  if (format === 'decimalEnclosedCircle' || format === 'decimalEnclosedCircleChinese')
    return n >= 1 && n <= 20 ? String.fromCharCode(0x245f + n) : String(n);
  if (format === 'bullet' || format === 'none') return '';
  return String(n);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** document.xml with every numbered paragraph's number written into its text. */
export function writeNumbersIntoText(documentXml: string, numberingXml: string): string {
  const nums = readNumbering(numberingXml);
  if (!nums.size) return documentXml;
  const counters = new Map<string, number[]>();
  return documentXml.replace(/<w:p\b[^>]*>[\s\S]*?<\/w:p>/g, (p) => {
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(p);
    if (!numPr) return p;
    const numId = attr(/<w:numId\b[^>]*>/.exec(numPr[1])?.[0] ?? '', 'w:val');
    const ilvl = Number(attr(/<w:ilvl\b[^>]*>/.exec(numPr[1])?.[0] ?? '', 'w:val') ?? 0);
    const levels = numId !== undefined ? nums.get(numId) : undefined;
    const level = levels?.get(ilvl);
    if (!levels || !level || level.format === 'bullet') return p;
    const count = counters.get(numId!) ?? [];
    count[ilvl] = (count[ilvl] ?? level.start - 1) + 1;
    count.length = ilvl + 1; // a deeper list starts again under each new parent
    counters.set(numId!, count);
    const label = level.text.replace(/%(\d)/g, (_, k: string) => {
      const i = Number(k) - 1;
      const lv = levels.get(i);
      return formatNumber(count[i] ?? lv?.start ?? 1, lv?.format ?? 'decimal');
    });
    if (!label) return p;
    const run = `<w:r><w:t xml:space="preserve">${escapeXml(label)}</w:t></w:r>`;
    const withoutNum = p.replace(numPr[0], '');
    return /<\/w:pPr>/.test(withoutNum)
      ? withoutNum.replace('</w:pPr>', `</w:pPr>${run}`)
      : withoutNum.replace(/(<w:p\b[^>]*>)/, `$1${run}`);
  });
}

/** document.xml with its numbers written into the text (numbering.xml absent: as it is) */
export function numberDocumentXml(documentXml: string, numberingXml: string | undefined): string {
  if (numberingXml === undefined || !documentXml.includes('<w:numPr>')) return documentXml;
  return writeNumbersIntoText(documentXml, numberingXml);
}
