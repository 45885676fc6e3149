// Page numbers and running headers/footers are not part of the report's text: they would cut
// paragraphs and tables that continue on the next page.
import type { PageElement } from './pageElement';
import type { RawPage } from './openPdf';

/** `-4-`, `— 5 —`, `第 3 页`, `3/10`, `- 2 / 6 -`, a bare number */
const PAGE_NUMBER = /^[\s\-—–－_·•]*(第\s*)?\d{1,4}(\s*[页/／]\s*(共\s*)?\d{0,4}\s*页?)?[\s\-—–－_·•]*$/;
/** share of the page height at top and bottom where furniture lives */
export const MARGIN_BAND = 0.12;

const shape = (text: string) => text.replace(/\d+/g, '#').replace(/\s+/g, '');

export function dropFurniture(pages: { raw: RawPage; elements: PageElement[] }[]): PageElement[][] {
  const inBand = (raw: RawPage, top: number) => {
    const rel = (top - raw.originY) / raw.height;
    return rel < MARGIN_BAND || rel > 1 - MARGIN_BAND;
  };
  // texts seen in the margin bands of several pages are running headers/footers
  const seen = new Map<string, Set<number>>();
  for (const { raw, elements } of pages) {
    for (const el of elements) {
      if (el.kind === 'line' && inBand(raw, el.top)) {
        const key = shape(el.line.text);
        seen.set(key, (seen.get(key) ?? new Set()).add(raw.page));
      }
    }
  }
  const repeatsFrom = Math.max(2, Math.ceil(pages.length / 2));
  return pages.map(({ raw, elements }) =>
    elements.filter((el) => {
      if (el.kind !== 'line' || !inBand(raw, el.top)) return true;
      if (PAGE_NUMBER.test(el.line.text)) return false;
      return pages.length < 3 || (seen.get(shape(el.line.text))?.size ?? 0) < repeatsFrom;
    }),
  );
}
