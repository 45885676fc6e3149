// patches/pdfjs-dist+5.6.205.patch (see parsers/pdf/loadPdfjs.ts) makes pdfjs skip the glyph
// programs of CID fonts that have a ToUnicode map, read Type 1 fonts without building their
// OpenType program, parse built-in CMaps once per process, walk sparse CMaps by their keys,
// copy saved graphics states flat, derive AES-256 keys with node:crypto and inflate streams
// with node:zlib, and hand operator lists from the same-thread worker over without cloning them.
// It must be applied by the install, really take effect, and change nothing that is read.
// Also here: the in-memory cache of pdfjs's CMap files (cachedBinaryData.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { parsePdf } from '../parsers/pdf/parsePdf';
import { readPdf } from '../parsers/pdf/openPdf';
import { DEFAULT_LIMITS } from '../parsers/types';
import { assemblePdf } from './support/minimalPdf';
import { loadPdfjs, pdfjsDataPaths, pdfjsPatchApplied } from '../parsers/pdf/loadPdfjs';
import { fontSinkDocument } from '../parsers/pdf/fontSink';
import { cachedBinaryFiles } from '../parsers/pdf/cachedBinaryData';
import { parseReport } from '../pipeline/parseReport';
import { CORPUS } from './support/fixtures';

const SAMPLES = join(__dirname, '..', 'samples', 'pdf');
type Switches = {
  __xxgkSkipCidFontPrograms?: boolean;
  __xxgkNodeCrypto?: unknown;
  __xxgkNodeZlib?: unknown;
  __xxgkShareOperatorLists?: boolean;
  __xxgkTextOnlyType1Fonts?: boolean;
  __xxgkShareBuiltInCMaps?: boolean;
  __xxgkSparseCMapKeys?: boolean;
  __xxgkFlatEvalStates?: boolean;
};

/** Runs `fn` with the patch's switches off (pdfjs's own code paths), then restores them. */
async function withSwitchesOff<T>(fn: () => Promise<T>): Promise<T> {
  await loadPdfjs();
  const g = globalThis as Switches;
  const saved: Switches = {
    __xxgkSkipCidFontPrograms: g.__xxgkSkipCidFontPrograms,
    __xxgkNodeCrypto: g.__xxgkNodeCrypto,
    __xxgkNodeZlib: g.__xxgkNodeZlib,
    __xxgkShareOperatorLists: g.__xxgkShareOperatorLists,
    __xxgkTextOnlyType1Fonts: g.__xxgkTextOnlyType1Fonts,
    __xxgkShareBuiltInCMaps: g.__xxgkShareBuiltInCMaps,
    __xxgkSparseCMapKeys: g.__xxgkSparseCMapKeys,
    __xxgkFlatEvalStates: g.__xxgkFlatEvalStates,
  };
  g.__xxgkSkipCidFontPrograms = false;
  g.__xxgkNodeCrypto = undefined;
  g.__xxgkNodeZlib = undefined;
  g.__xxgkShareOperatorLists = false;
  g.__xxgkTextOnlyType1Fonts = false;
  g.__xxgkShareBuiltInCMaps = false;
  g.__xxgkSparseCMapKeys = false;
  g.__xxgkFlatEvalStates = false;
  try {
    return await fn();
  } finally {
    Object.assign(g, saved);
  }
}

async function recordOf(path: string) {
  const rec = await parseReport(readFileSync(path), { path });
  return { ...rec, parser: undefined };
}

type LoadedFont = { missingFile?: boolean };

/** Whether pdfjs loaded each font of page 1 without its embedded program. */
async function fontsWithoutProgram(path: string | Uint8Array): Promise<boolean[]> {
  return (await pageOneFonts(path)).map((f) => !!f.missingFile);
}

/** The fonts of page 1 as pdfjs hands them to the main thread; `faces` gets each font program installed. */
async function pageOneFonts(path: string | Uint8Array, faces: unknown[] = []): Promise<LoadedFont[]> {
  const ownerDocument = fontSinkDocument();
  (ownerDocument as unknown as { fonts: { add(face: unknown): void } }).fonts.add = (face) => faces.push(face);
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(typeof path === 'string' ? readFileSync(path) : path),
    ...pdfjsDataPaths(),
    cMapPacked: true,
    isEvalSupported: false,
    disableFontFace: false,
    ownerDocument: ownerDocument as never,
    useSystemFonts: true,
    verbosity: 0,
  }).promise;
  try {
    const page = await doc.getPage(1);
    const ops = await page.getOperatorList();
    const names = new Set<string>();
    ops.fnArray.forEach((fn, i) => {
      if (fn === pdfjs.OPS.setFont) names.add(String((ops.argsArray[i] as unknown[])[0]));
    });
    return [...names].map((n) => page.commonObjs.get(n) as LoadedFont);
  } finally {
    await doc.destroy();
  }
}

test('the install applied the pdfjs patch', () => {
  expect(pdfjsPatchApplied()).toBe(true);
});

test('CID fonts with ToUnicode are read without their glyph programs, and only with the switch on', async () => {
  const wps = join(CORPUS, '2023-hongzequ-1.pdf'); // WPS: embedded CID TrueType fonts, ToUnicode
  const on = await fontsWithoutProgram(wps);
  expect(on.length).toBeGreaterThan(0);
  expect(on.every(Boolean)).toBe(true);
  const off = await withSwitchesOff(() => fontsWithoutProgram(wps));
  expect(off.some(Boolean)).toBe(false);
}, 60000);

test('CID fonts without a ToUnicode map are still read with their programs, as with the switch off', async () => {
  // the WPS report with /ToUnicode renamed (same length): its font programs, left packed until
  // the ToUnicode map is known, are then inflated and parsed (the font translated again)
  const bytes = readFileSync(join(CORPUS, '2023-hongzequ-1.pdf'));
  const noToUnicode = Buffer.from(bytes.toString('latin1').replaceAll('/ToUnicode', '/ToUnicodX'), 'latin1');
  expect(noToUnicode.length).toBe(bytes.length);
  const withProgram = await fontsWithoutProgram(noToUnicode);
  expect(withProgram.length).toBeGreaterThan(0);
  expect(withProgram.some(Boolean)).toBe(false);
  const items = async () => JSON.stringify((await readPdf(noToUnicode, DEFAULT_LIMITS)).pages.map((p) => p.items));
  const patched = await items();
  expect(patched).toContain('"str"');
  expect(patched).toEqual(await withSwitchesOff(items));
}, 60000);

test('embedded Type 1 fonts are parsed but not converted for drawing, and only with the switch on', async () => {
  const lo = join(SAMPLES, '2019-shanghai-bgt-lo.pdf'); // LibreOffice: embedded Type 1 fonts
  const programsOn: unknown[] = [],
    programsOff: unknown[] = [];
  const on = await pageOneFonts(lo, programsOn);
  expect(on.length).toBeGreaterThan(0);
  expect(on.every((f) => !f.missingFile)).toBe(true);
  expect(programsOn).toHaveLength(0);
  const off = await withSwitchesOff(() => pageOneFonts(lo, programsOff));
  expect(off.every((f) => !f.missingFile)).toBe(true);
  expect(programsOff).toHaveLength(on.length);
}, 60000);

test('Type 1 fonts without widths in the PDF get them from their glyph programs, as with the switch off', async () => {
  // the LibreOffice sample with each font's /Widths renamed (same length, so offsets hold): the
  // text-only Type 1 path must then run the glyph programs for their widths
  const bytes = readFileSync(join(SAMPLES, '2019-shanghai-bgt-lo.pdf'));
  const noWidths = Buffer.from(bytes.toString('latin1').replaceAll('/Widths', '/Widthz'), 'latin1');
  expect(noWidths.length).toBe(bytes.length);
  const items = async (pdf: Uint8Array) =>
    JSON.stringify((await readPdf(pdf, DEFAULT_LIMITS)).pages.map((p) => p.items));
  const patched = await items(noWidths);
  expect(patched).toContain('政府信息公开');
  expect(patched).not.toEqual(await items(bytes)); // the programs' widths are not the PDF's here
  expect(patched).toEqual(await withSwitchesOff(() => items(noWidths)));
}, 60000);

test('nested saved graphics states (copied flat) give the same text and rulings as with the switch off', async () => {
  // q/Q nested three deep with transforms, colours and line widths set at each level, a path
  // begun before a q and finished after it, and a form XObject drawn from inside a q
  const content = [
    '0.5 w 0 0 1 RG q 1 0 0 1 10 20 cm 1 0 0 rg q 2 w 0 1 0 RG 50 700 m 300 700 l S',
    'q 1 0 0 1 5 -5 cm BT /F1 12 Tf 60 650 Td (inner text) Tj ET 100 600 m Q 100 500 l S Q',
    '60 400 200 1 re f /Fm1 Do Q 50 300 m 300 300 l S BT /F1 10 Tf 50 280 Td (outer text) Tj ET',
  ].join('\n');
  const form = 'q 0 0 1 rg 0 0 150 0.8 re f BT /F1 9 Tf 5 5 Td (form text) Tj ET Q';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R ' +
      '/Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Type /XObject /Subtype /Form /BBox [0 0 200 50] /Matrix [1 0 0 1 300 150] ` +
      `/Resources << /Font << /F1 5 0 R >> >> /Length ${form.length} >>\nstream\n${form}\nendstream`,
  ];
  const pdf = assemblePdf(objects);
  const read = async () => JSON.stringify((await readPdf(pdf, DEFAULT_LIMITS)).pages);
  const patched = await read();
  expect(patched).toContain('inner text');
  expect(patched).toContain('form text');
  expect(JSON.parse(patched)[0].rulings.length).toBeGreaterThan(2);
  expect(patched).toEqual(await withSwitchesOff(read));
}, 60000);

test('built-in CMaps shared between documents leave each document its own Unicode map', async () => {
  // both use STSong-Light with UniGB-UTF16-H (a built-in CMap, shared with the switch on); each
  // record is the same after the other was read as when read alone with the switch off
  const cjk = join(SAMPLES, 'cjk-nonembedded.pdf');
  const owner = join(SAMPLES, 'encrypted-owner-only.pdf');
  const plain = await withSwitchesOff(async () => [await recordOf(cjk), await recordOf(owner)]);
  const shared = [await recordOf(cjk), await recordOf(owner), await recordOf(cjk), await recordOf(owner)];
  expect(shared).toEqual([...plain, ...plain]);
}, 60000);

test.each([
  ['WPS report with a vertical (Identity-V) label font', join(CORPUS, '2023-hongzequ-1.pdf')],
  ['report split over pages', join(CORPUS, '2024-huaian-1.pdf')],
  ['LibreOffice PDF (simple Type 1 fonts, read text-only)', join(SAMPLES, '2019-shanghai-bgt-lo.pdf')],
  ['LibreOffice PDF, borderless tables (Type 1 fonts)', join(SAMPLES, '2019-shanghai-bgt-borderless.pdf')],
  ['non-embedded CJK fonts', join(SAMPLES, 'cjk-nonembedded.pdf')],
  ['AES-256 owner-password-only', join(SAMPLES, 'encrypted-owner-only.pdf')],
])(
  '%s: the same record with the patch on and off',
  async (_name, path) => {
    const patched = await recordOf(path);
    const plain = await withSwitchesOff(() => recordOf(path));
    expect(patched.error).toBeNull();
    expect(patched).toEqual(plain);
  },
  60000,
);

test('a user password is still required with the native key derivation', async () => {
  const rec = await parseReport(readFileSync(join(SAMPLES, 'encrypted-user-password.pdf')), {
    path: 'encrypted-user-password.pdf',
  });
  expect(rec.error?.code).toBe('ENCRYPTED_PDF');
});

test('CMap files for non-embedded fonts are read once per process and give the same text', async () => {
  const path = join(SAMPLES, 'cjk-nonembedded.pdf');
  const first = await recordOf(path);
  const files = cachedBinaryFiles().filter((f) => /cmaps/.test(f));
  expect(files.length).toBeGreaterThan(0);
  expect(files.some((f) => /UniGB|GB1/.test(f))).toBe(true);
  const second = await recordOf(path);
  expect(second).toEqual(first);
  expect(cachedBinaryFiles().filter((f) => /cmaps/.test(f))).toEqual(files);
}, 60000);

/** A one-page PDF whose text is in a Flate-compressed content stream, optionally cut short. */
function flatePdf(cut = 0): Uint8Array {
  const text = 'BT /F1 12 Tf 72 720 Td (Annual report 2024 one) Tj 0 -20 Td (second line of the report) Tj ET';
  const packed = deflateSync(Buffer.from(text.repeat(20), 'latin1'));
  const data = packed.subarray(0, packed.length - cut).toString('latin1');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n${data}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  return assemblePdf(objects);
}

const pdfText = async (bytes: Uint8Array) => {
  const doc = await parsePdf(bytes, { limits: DEFAULT_LIMITS });
  return doc.blocks.map((b) => (b.type === 'table' ? '' : b.text)).join(' ');
};

test('Flate streams inflated by node:zlib read as pdfjs reads them, a damaged one through the fallback', async () => {
  const whole = flatePdf();
  expect(await pdfText(whole)).toContain('second line of the report');
  expect(await pdfText(whole)).toEqual(await withSwitchesOff(() => pdfText(whole)));
  // without its Adler-32 checksum zlib refuses the stream; pdfjs's own decoder reads it
  const noChecksum = flatePdf(4);
  expect(() => inflateSync(deflateSync(Buffer.from('x'.repeat(100))).subarray(0, -4))).toThrow();
  const read = await pdfText(noChecksum);
  expect(read).toContain('second line of the report');
  expect(read).toEqual(await withSwitchesOff(() => pdfText(noChecksum)));
  // cut into the data: both read the same (here no text layer, so NEEDS_OCR or what OCR finds,
  // as tesseract is installed or not) and neither crashes
  const damaged = flatePdf(40);
  const outcome = () => pdfText(damaged).catch((e: { code?: string }) => `error ${e.code}`);
  expect(await outcome()).toEqual(await withSwitchesOff(outcome));
}, 60000);

test('an undecoded image still gives its box, and only with the switch on', async () => {
  const scan = readFileSync(join(SAMPLES, 'scanned-page.pdf'));
  const g = globalThis as { __xxgkImageBoxes?: boolean };
  await loadPdfjs();
  const on = await readPdf(scan, DEFAULT_LIMITS);
  // the published scan: one JPEG over the whole A4 page
  expect(on.pages[0].images?.map((b) => [b.x0, b.y0, b.x1, b.y1].map(Math.round))).toEqual([[0, 0, 595, 842]]);
  const saved = g.__xxgkImageBoxes;
  g.__xxgkImageBoxes = false;
  try {
    const off = await readPdf(scan, DEFAULT_LIMITS);
    expect(off.pages[0].images).toBeUndefined();
    expect(off.pages[0].items).toEqual(on.pages[0].items);
  } finally {
    g.__xxgkImageBoxes = saved;
  }
});
