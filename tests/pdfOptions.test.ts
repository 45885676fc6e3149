// The pdfjs options chosen for speed (openPdf.ts, fontSink.ts) must not change what is read:
// images are skipped without losing the text around them, and the FontFace stand-in never
// replaces a real implementation.
import { parsePdf } from '../parsers/pdf/parsePdf';
import { fontSinkDocument } from '../parsers/pdf/fontSink';
import { DEFAULT_LIMITS } from '../parsers/types';
import { assemblePdf } from './support/minimalPdf';

/** A one-page PDF: a line of Helvetica text above a 64×64 grey image (an XObject). */
function pdfWithImage(): Uint8Array {
  const pixels = Buffer.alloc(64 * 64, 0x80).toString('latin1');
  const content = 'BT /F1 12 Tf 72 720 Td (Annual report 2024) Tj ET q 64 0 0 64 72 600 cm /Im1 Do Q';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R ' +
      '/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8 ' +
      `/Length ${pixels.length} >>\nstream\n${pixels}\nendstream`,
  ];
  return assemblePdf(objects);
}

test('a page with an image keeps its text (images are not decoded)', async () => {
  const doc = await parsePdf(pdfWithImage(), { limits: DEFAULT_LIMITS });
  expect(doc.blocks.map((b) => (b.type === 'table' ? '' : b.text)).join(' ')).toContain('Annual report 2024');
  expect(doc.notes).toEqual([]);
});

test('the FontFace stand-in is installed only where none exists', () => {
  const g = globalThis as { FontFace?: unknown };
  const before = g.FontFace;
  const real = class RealFontFace {};
  g.FontFace = real;
  try {
    fontSinkDocument();
    expect(g.FontFace).toBe(real);
  } finally {
    g.FontFace = before;
  }
});
