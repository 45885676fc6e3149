// patches/pdfjs-dist+5.6.205.patch (see parsers/pdf/loadPdfjs.ts) makes pdfjs skip the glyph
// programs of CID fonts that have a ToUnicode map and derive AES-256 keys with node:crypto.
// It must be applied by the install, really take effect, and change nothing that is read.
// Also here: the in-memory cache of pdfjs's CMap files (cachedBinaryData.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPdfjs, pdfjsDataPaths, pdfjsPatchApplied } from '../parsers/pdf/loadPdfjs';
import { fontSinkDocument } from '../parsers/pdf/fontSink';
import { cachedBinaryFiles } from '../parsers/pdf/cachedBinaryData';
import { parseReport } from '../src/pipeline';

const CORPUS = join(__dirname, '..', '..', 'shared', 'corpus', 'real');
const SAMPLES = join(__dirname, '..', 'samples', 'pdf');
type Switches = { __xxgkSkipCidFontPrograms?: boolean; __xxgkNodeCrypto?: unknown };

/** Runs `fn` with the patch's switches off (pdfjs's own code paths), then restores them. */
async function withSwitchesOff<T>(fn: () => Promise<T>): Promise<T> {
  await loadPdfjs();
  const g = globalThis as Switches;
  const saved = { skip: g.__xxgkSkipCidFontPrograms, crypto: g.__xxgkNodeCrypto };
  g.__xxgkSkipCidFontPrograms = false;
  g.__xxgkNodeCrypto = undefined;
  try { return await fn(); } finally { g.__xxgkSkipCidFontPrograms = saved.skip; g.__xxgkNodeCrypto = saved.crypto; }
}

async function recordOf(path: string) {
  const rec = await parseReport(readFileSync(path), { path });
  return { ...rec, parser: undefined };
}

/** Whether pdfjs loaded each font of page 1 without its embedded program. */
async function fontsWithoutProgram(path: string): Promise<boolean[]> {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(readFileSync(path)), ...pdfjsDataPaths(), cMapPacked: true, isEvalSupported: false,
    disableFontFace: false, ownerDocument: fontSinkDocument() as never, useSystemFonts: true, verbosity: 0,
  }).promise;
  try {
    const page = await doc.getPage(1);
    const ops = await page.getOperatorList();
    const names = new Set<string>();
    ops.fnArray.forEach((fn, i) => { if (fn === pdfjs.OPS.setFont) names.add(String((ops.argsArray[i] as unknown[])[0])); });
    return [...names].map((n) => !!(page.commonObjs.get(n) as { missingFile?: boolean }).missingFile);
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

test.each([
  ['WPS report with a vertical (Identity-V) label font', join(CORPUS, '2023-hongzequ-1.pdf')],
  ['report split over pages', join(CORPUS, '2024-huaian-1.pdf')],
  ['LibreOffice PDF (simple Type 1 fonts: never skipped)', join(SAMPLES, '2019-shanghai-bgt-lo.pdf')],
  ['non-embedded CJK fonts', join(SAMPLES, 'cjk-nonembedded.pdf')],
  ['AES-256 owner-password-only', join(SAMPLES, 'encrypted-owner-only.pdf')],
])('%s: the same record with the patch on and off', async (_name, path) => {
  const patched = await recordOf(path);
  const plain = await withSwitchesOff(() => recordOf(path));
  expect(patched.error).toBeNull();
  expect(patched).toEqual(plain);
}, 60000);

test('a user password is still required with the native key derivation', async () => {
  const rec = await parseReport(readFileSync(join(SAMPLES, 'encrypted-user-password.pdf')), { path: 'encrypted-user-password.pdf' });
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
