// Which attributes of a page are kept: the tree builder drops every other one (Word's pages carry
// hundreds of `nowrap`, `width`, `lang`, `mso-` styles no reader asks for).

/**
 * The attributes anything reads of a page (domText: hidden, style; mainContent and pageTitle:
 * class, id, align, style; tableGrid: colspan, rowspan). A reader of another one adds it here.
 */
export const READ_ATTRIBUTES = new Set(['hidden', 'style', 'class', 'id', 'align', 'colspan', 'rowspan']);
/** READ_ATTRIBUTES by length: most attributes of a page are told apart without making their name. */
const READ_BY_LENGTH: string[][] = [];
for (const name of READ_ATTRIBUTES) (READ_BY_LENGTH[name.length] ??= []).push(name);

/**
 * The read attribute that `html[start, end)` names in any case, as toLowerCase would make it
 * (`c | 0x20` is the lower case of an ASCII letter, and no other character lowers to one of
 * these names); null for any other attribute.
 */
export function readAttribute(html: string, start: number, end: number): string | null {
  const candidates = READ_BY_LENGTH[end - start];
  if (candidates === undefined) return null;
  next: for (const name of candidates) {
    for (let i = 0; i < name.length; i++) if ((html.charCodeAt(start + i) | 0x20) !== name.charCodeAt(i)) continue next;
    return name;
  }
  return null;
}
