// Writes cjk-nonembedded.pdf: a short report page whose Chinese text uses a NON-embedded
// font (STSong-Light, UniGB-UTF16-H CMap, as older official PDFs do), with a ruled table whose
// table 三 style group label is printed one character per line, and a table cut over two pages
// with a page number footer. Every label and number is copied from the real 淮安市人民政府 2024
// report (../../tests/corpus/real/2024-huaian-1.pdf): an excerpt re-typeset in that font.
// Run: node samples/pdf/makeCjkPdf.mjs (no other tools needed).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const hex = (s) => Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase();
const text = (x, y, size, s) => `BT /F1 ${size} Tf 1 0 0 1 ${x} ${y} Tm <${hex(s)}> Tj ET`;
const ascii = (x, y, size, s) => `BT /F2 ${size} Tf 1 0 0 1 ${x} ${y} Tm (${s}) Tj ET`;
const line = (x0, y0, x1, y1) => `${x0} ${y0} m ${x1} ${y1} l S`;

/** A ruled table: rows of [label cells..., values...], column edges xs, row height h. */
function table(xs, top, h, rows, { openBottom = false } = {}) {
  const ops = ['0.6 w'];
  const bottom = top - h * rows.length;
  for (let r = 0; r <= rows.length; r++) {
    if (r < rows.length || !openBottom) ops.push(line(xs[0], top - r * h, xs[xs.length - 1], top - r * h));
  }
  for (const x of xs) ops.push(line(x, top, x, bottom));
  rows.forEach((cells, r) => cells.forEach((c, i) => {
    if (c === '') return;
    const y = top - r * h - h + 7;
    ops.push(/^[\x20-\x7e]+$/.test(c) ? ascii(xs[i] + 4, y, 10, c) : text(xs[i] + 4, y, 10, c));
  }));
  return ops;
}

const page1 = [
  text(170, 780, 18, '淮安市人民政府'),
  text(130, 755, 18, '2024年政府信息公开工作年度报告'),
  text(96, 720, 12, '本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限'),
  text(72, 704, 12, '自2024年1月1日起至2024年12月31日止。'),
  text(96, 680, 12, '二、主动公开政府信息情况'),
  ...table([72, 200, 300, 400, 500], 660, 20, [
    ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
    ['规章', '1', '0', '11'],
    ['行政规范性文件', '8', '26', '66'],
  ]),
  text(96, 560, 12, '三、收到和处理政府信息公开申请情况'),
  // a group label one character per line in a cell spanning three rows (no inner line in col 0)
  '0.6 w', line(72, 540, 500, 540), ...[72, 110, 300, 400, 500].map((x) => line(x, 540, x, 480)),
  ...[520, 500].map((y) => line(110, y, 500, y)),
  ...['三', '、', '办', '理'].map((ch, i) => text(84, 525 - i * 14, 10, ch)),
  text(114, 527, 10, '（一）予以公开'), ascii(340, 527, 10, '1288'), ascii(440, 527, 10, '1362'),
  text(114, 507, 10, '（二）部分公开'), ascii(340, 507, 10, '447'), ascii(440, 507, 10, '454'),
  text(114, 487, 10, '（四）无'), ascii(340, 487, 10, '746'), ascii(440, 487, 10, '769'),
  ascii(290, 40, 10, '- 1 -'),
];
const page2 = [
  '0.6 w', line(72, 760, 500, 760),
  ...[72, 110, 300, 400, 500].map((x) => line(x, 800, x, 760)),
  text(114, 787, 10, '法提供'), ascii(340, 787, 10, '11'), ascii(440, 787, 10, '11'),
  text(96, 730, 12, '四、政府信息公开行政复议、行政诉讼情况'),
  text(72, 706, 12, '本年度未发生政府信息公开行政复议、行政诉讼案件，特此说明，报告全文至此'),
  text(72, 690, 12, '结束。'),
  ascii(290, 40, 10, '- 2 -'),
];

const objects = [];
const add = (s) => { objects.push(s); return objects.length; };
const catalog = add('<< /Type /Catalog /Pages 2 0 R >>');
const pagesId = add('');
const font = add(
  '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H /DescendantFonts [4 0 R] >>',
);
add(
  '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light ' +
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> ' +
    '/FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>',
);
add(
  '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] ' +
    '/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
);
const helv = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
const kids = [];
for (const ops of [page1, page2]) {
  const stream = ops.join('\n');
  const content = add(`<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`);
  const resources = `<< /Font << /F1 ${font} 0 R /F2 ${helv} 0 R >> >>`;
  const pageDict = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources ${resources}`;
  kids.push(add(`${pageDict} /Contents ${content} 0 R >>`));
}
objects[pagesId - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
const offsets = [];
objects.forEach((o, i) => { offsets.push(Buffer.byteLength(out, 'latin1')); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
const xref = Buffer.byteLength(out, 'latin1');
out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info << /Title (cjk sample) >> >>\n`;
out += `startxref\n${xref}\n%%EOF\n`;
const dir = path.dirname(fileURLToPath(import.meta.url));
writeFileSync(path.join(dir, 'cjk-nonembedded.pdf'), Buffer.from(out, 'latin1'));
console.log('wrote cjk-nonembedded.pdf');
