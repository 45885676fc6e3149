// Doc.title: the large lines at the top of page 1 (often two: agency, then year and report
// name), else the PDF's Title metadata when it is more than a generator's file name.
import { joinWrapped, type TextLine } from './textLines';

const CJK = /[\u4e00-\u9fff]/;

export function chooseTitle(titleLines: TextLine[], metadataTitle?: string): string | undefined {
  const printed = joinWrapped(titleLines.map((l) => l.text))
    .replace(/\s+/g, ' ')
    .trim();
  if (printed.length >= 4 && CJK.test(printed)) return printed;
  const meta = metadataTitle
    ?.replace(/^Microsoft (Word|PowerPoint|Excel) - /i, '')
    .replace(/\.(docx?|wps|pdf|xlsx?)$/i, '')
    .trim();
  return meta && CJK.test(meta) ? meta : printed || undefined;
}
