// Text in vertical fonts (Identity-V: WPS uses them for labels printed one character per line)
// is partly lost by pdfjs's getTextContent, which drops glyphs it wrongly places outside the
// page. The operator list still has every glyph, so for those fonts we rebuild the items from
// it: one item per shown string, placed by the text matrix and the current transform.
import type { Pdfjs } from './loadPdfjs';
import type { TextItem } from './pageText';
import { IDENTITY, multiply, toMatrix, translate, type Matrix } from './matrix';

const I = IDENTITY;
const mul = multiply;

interface Glyph { unicode?: string; width?: number; vmetric?: number[] }

export function verticalFontItems(
  opList: { fnArray: number[]; argsArray: unknown[] },
  OPS: Pdfjs['OPS'],
  verticalFonts: ReadonlySet<string>,
): TextItem[] {
  const out: TextItem[] = [];
  let ctm: Matrix = I;
  const stack: Matrix[] = [];
  let tm: Matrix = I, tlm: Matrix = I;
  let font = '', fontSize = 1, leading = 0;
  const moveLine = (tx: number, ty: number) => { tlm = mul(translate(tx, ty), tlm); tm = tlm; };

  for (let i = 0; i < opList.fnArray.length; i++) {
    const fn = opList.fnArray[i];
    const args = opList.argsArray[i] as any;
    switch (fn) {
      case OPS.save: stack.push(ctm); break;
      case OPS.restore: ctm = stack.pop() ?? ctm; break;
      case OPS.transform: ctm = mul(toMatrix(args), ctm); break;
      case OPS.paintFormXObjectBegin:
        stack.push(ctm);
        if (args?.[0]) ctm = mul(toMatrix(args[0]), ctm);
        break;
      case OPS.paintFormXObjectEnd: ctm = stack.pop() ?? ctm; break;
      case OPS.beginText: tm = I; tlm = I; break;
      case OPS.setFont: font = String(args[0]); fontSize = Number(args[1]) || 1; break;
      case OPS.setLeading: leading = Number(args[0]) || 0; break;
      case OPS.setTextMatrix: tm = tlm = toMatrix(args[0]); break;
      case OPS.moveText: moveLine(args[0], args[1]); break;
      case OPS.setLeadingMoveText: leading = -args[1]; moveLine(args[0], args[1]); break;
      case OPS.nextLine: moveLine(0, -leading); break;
      case OPS.showText: {
        const glyphs = args[0] as (Glyph | number)[];
        const vertical = verticalFonts.has(font);
        let advance = 0; // text-space units along the writing direction
        let text = '';
        for (const g of glyphs) {
          if (typeof g === 'number') { advance += (-g / 1000) * fontSize * (vertical ? -1 : 1); continue; }
          text += g.unicode ?? '';
          const w = vertical ? Math.abs(g.vmetric?.[0] ?? 1000) : (g.width ?? 1000);
          advance += (w / 1000) * fontSize;
        }
        const m = mul(tm, ctm);
        if (vertical && text.trim()) {
          const size = fontSize * Math.hypot(m[2], m[3]);
          const x = m[4], top = m[5];
          const height = advance * Math.hypot(m[2], m[3]);
          // glyphs run downwards from the origin; store as a vertical item whose baseline is the
          // bottom so that the box [bottom, top] covers the string
          out.push({ str: text, x0: x - size / 2, x1: x + size / 2, y: top - height + 0.2 * size, size, vertical: true, height });
        }
        // move the text matrix on, so the next string without a Td starts after this one
        tm = mul(vertical ? translate(0, -advance) : translate(advance, 0), tm);
        break;
      }
    }
  }
  return out;
}
