// Text in a font without a usable ToUnicode map comes out as glyph ids; opText.ts leaves it
// unread (U+FFFD). The record's findings say where, so an empty table is explained.
import type { RawPage } from './openPdf';

export function undecodedNotes(pages: RawPage[]): string[] {
  const where = pages.filter((p) => p.items.some((t) => t.undecodable)).map((p) => p.page);
  if (!where.length) return [];
  const glyphs = pages.reduce(
    (n, p) => n + p.items.filter((t) => t.undecodable).reduce((k, t) => k + t.str.replace(/\s/g, '').length, 0),
    0,
  );
  return [
    'text in a font without a usable ToUnicode map (glyph ids, not characters) left unread, never guessed: ' +
      `${glyphs} characters on pages ${where.join(', ')}`,
  ];
}
