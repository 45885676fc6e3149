// Mutators for the fuzz harness: generic byte damage for every format, plus what each format's
// own hostile files look like (a valid zip around hostile XML for DOCX, deep nesting and huge
// spans for HTML, damaged streams and objects for PDF). Deterministic from a seed, so a
// finding can be made again from the seed the harness prints.
import JSZip from 'jszip';
import { PARSE_LIMITS } from '../src/model/config';
import { seededRandom } from '../tests/support/seededRandom';

export type Format = 'pdf' | 'docx' | 'html' | 'text';

/** past the file size limit a parse stops at once (TOO_LARGE): a little over it is enough */
const MAX_MUTANT = PARSE_LIMITS.maxBytes + 1024 * 1024;

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
/** `s` repeated, but never past the largest mutant: the harness's own strings must stay small,
 * or its memory would be counted as the parse's */
const times = (s: string, n: number) =>
  s.repeat(Math.max(0, Math.min(n, Math.floor(MAX_MUTANT / Math.max(1, s.length)))));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)];

// --- generic byte mutations -------------------------------------------------------------

function flipBytes(r: Rand, b: Buffer): Buffer {
  const out = Buffer.from(b);
  const n = 1 + int(r, 16);
  for (let i = 0; i < n && out.length; i++) out[int(r, out.length)] ^= 1 << int(r, 8);
  return out;
}

function randomBytes(r: Rand, b: Buffer): Buffer {
  const out = Buffer.from(b);
  const at = int(r, out.length);
  const n = Math.min(out.length - at, 1 + int(r, 256));
  for (let i = 0; i < n; i++) out[at + i] = int(r, 256);
  return out;
}

function truncate(r: Rand, b: Buffer): Buffer {
  return b.subarray(0, int(r, b.length));
}

function duplicateChunk(r: Rand, b: Buffer): Buffer {
  if (b.length < 2) return b;
  const start = int(r, b.length);
  const len = 1 + int(r, Math.min(4096, b.length - start));
  const chunk = b.subarray(start, start + len);
  const copies = Math.min(1 + int(r, 64), Math.floor(MAX_MUTANT / Math.max(1, b.length)));
  const at = int(r, b.length);
  return Buffer.concat([b.subarray(0, at), ...Array(copies).fill(chunk), b.subarray(at)]);
}

function deleteChunk(r: Rand, b: Buffer): Buffer {
  const start = int(r, b.length);
  const len = int(r, Math.min(4096, b.length - start));
  return Buffer.concat([b.subarray(0, start), b.subarray(start + len)]);
}

const GENERIC = [flipBytes, randomBytes, truncate, duplicateChunk, deleteChunk];

// --- markup: what a hostile page or Word XML looks like ---------------------------------

function nestDeep(r: Rand, text: string, tags: readonly string[]): string {
  const tag = pick(r, tags);
  const depth = pick(r, [100, 1000, 5000, 10_000, 50_000]);
  const at = int(r, text.length);
  const closed = r() < 0.5;
  return (
    text.slice(0, at) + times(`<${tag}>`, depth) + 'x' + (closed ? times(`</${tag}>`, depth) : '') + text.slice(at)
  );
}

function hugeSpan(r: Rand, text: string): string {
  const n = pick(r, [1000, 65_534, 1_000_000, 2 ** 31]);
  return text.replace(/<td/i, `<td ${pick(r, ['colspan', 'rowspan'])}="${n}"`);
}

function unclosedRepeat(r: Rand, text: string, tags: readonly string[]): string {
  const tag = pick(r, tags);
  const at = int(r, text.length);
  return text.slice(0, at) + times(`<${tag}>1`, pick(r, [1000, 10_000, 30_000])) + text.slice(at);
}

function repeatTable(r: Rand, text: string): string {
  const m = /<table[\s\S]*?<\/table>/i.exec(text);
  if (!m) return text;
  return text.replace(m[0], times(m[0], pick(r, [10, 100, 500])));
}

const HTML_TAGS = ['b', 'div', 'span', 'table', 'tr', 'td', 'p', 'font', 'ul', 'li'] as const;

function mutateHtml(r: Rand, b: Buffer): Buffer {
  const text = b.toString('utf8');
  switch (int(r, 6)) {
    case 0:
      return Buffer.from(nestDeep(r, text, HTML_TAGS));
    case 1:
      return Buffer.from(hugeSpan(r, text));
    case 2:
      return Buffer.from(unclosedRepeat(r, text, HTML_TAGS));
    case 3:
      return Buffer.from(repeatTable(r, text));
    default:
      return pick(r, GENERIC)(r, b);
  }
}

// --- DOCX: a valid zip around damaged or hostile XML, or a damaged zip --------------------

const WORD_TAGS = ['w:p', 'w:r', 'w:tbl', 'w:tr', 'w:tc', 'w:sdt', 'w:sdtContent', 'w:hyperlink'] as const;

async function mutateDocx(r: Rand, b: Buffer): Promise<Buffer> {
  const choice = int(r, 8);
  if (choice >= 5) return pick(r, GENERIC)(r, b);
  // an earlier mutation may have damaged the zip itself: then bytes only
  return rezip(r, b, choice).catch(() => pick(r, GENERIC)(r, b));
}

async function rezip(r: Rand, b: Buffer, choice: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(b);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const name = choice <= 2 ? 'word/document.xml' : pick(r, names);
  const entry = zip.file(name);
  if (!entry) return pick(r, GENERIC)(r, b);
  const xml = await entry.async('string');
  let next: string;
  switch (choice) {
    case 0:
      next = nestDeep(r, xml.replace(/<w:body>/, '<w:body>'), WORD_TAGS);
      break;
    case 1:
      next = unclosedRepeat(r, xml, WORD_TAGS);
      break;
    case 2:
      next = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/, (t) => times(t, pick(r, [10, 100, 1000])));
      break;
    default:
      next = pick(r, GENERIC)(r, Buffer.from(xml)).toString('utf8');
  }
  zip.file(name, next);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

// --- PDF: damaged objects and streams, impossible counts and nesting ---------------------

function mutatePdf(r: Rand, b: Buffer): Buffer {
  const text = b.toString('latin1');
  switch (int(r, 9)) {
    case 0: {
      // a number somewhere made huge or negative (/Count, /Length, /W, object numbers)
      const nums = [...text.matchAll(/\/(Count|Length|Size|W|Columns|Rows|BitsPerComponent|Predictor) (\d+)/g)];
      if (!nums.length) return flipBytes(r, b);
      const m = pick(r, nums);
      const value = pick(r, ['0', '-1', '99999999', '2147483648', '1e308']);
      return Buffer.from(text.slice(0, m.index!) + `/${m[1]} ${value}` + text.slice(m.index! + m[0].length), 'latin1');
    }
    case 1: {
      // deeply nested arrays or dictionaries inside an object
      const at = text.indexOf(' obj', int(r, text.length));
      if (at < 0) return flipBytes(r, b);
      const d = pick(r, [1000, 10_000, 100_000]);
      const nest = r() < 0.5 ? times('[', d) + times(']', d) : times('<<', d) + times('>>', d);
      return Buffer.from(text.slice(0, at + 4) + nest + text.slice(at + 4), 'latin1');
    }
    case 2: {
      // the xref table or the startxref offset damaged
      const at = text.lastIndexOf('startxref');
      if (at < 0) return truncate(r, b);
      return Buffer.from(text.slice(0, at) + 'startxref\n' + int(r, b.length) + '\n%%EOF\n', 'latin1');
    }
    case 3: {
      // bytes damaged inside one stream only (Flate data, content operators, fonts)
      const streams = [...text.matchAll(/stream\r?\n/g)];
      if (!streams.length) return flipBytes(r, b);
      const s = pick(r, streams).index! + 8;
      const out = Buffer.from(b);
      for (let i = 0; i < 1 + int(r, 8); i++) {
        const p = s + int(r, 512);
        if (p < out.length) out[p] = int(r, 256);
      }
      return out;
    }
    default:
      return pick(r, GENERIC)(r, b);
  }
}

// --- text: long lines, runs of digits, encodings -----------------------------------------

function mutateText(r: Rand, b: Buffer): Buffer {
  const text = b.toString('utf8');
  switch (int(r, 6)) {
    case 0: {
      // a long run of digits where a row of numbers stood (digit splitting is combinatorial)
      const at = int(r, text.length);
      const digits = Array.from({ length: pick(r, [30, 100, 1000, 10_000]) }, () => String(int(r, 10))).join('');
      return Buffer.from(text.slice(0, at) + digits + text.slice(at));
    }
    case 1: {
      // one enormous line: a row repeated without line breaks
      const lines = text.split('\n');
      const line = pick(r, lines);
      return Buffer.from(text.replace(line, times(line + '\t', pick(r, [100, 1000, 10_000]))));
    }
    case 2:
      return Buffer.from(
        text
          .split('\n')
          .map((l) => (r() < 0.1 ? times(l, 50) : l))
          .join('\n'),
      );
    default:
      return pick(r, GENERIC)(r, b);
  }
}

/** One mutant of a sample of the given format; sometimes two mutations stacked. */
export async function mutate(format: Format, sample: Buffer, seed: number): Promise<Buffer> {
  const r = seededRandom(seed);
  const once = async (b: Buffer): Promise<Buffer> => {
    switch (format) {
      case 'pdf':
        return mutatePdf(r, b);
      case 'docx':
        return mutateDocx(r, b);
      case 'html':
        return mutateHtml(r, b);
      case 'text':
        return mutateText(r, b);
    }
  };
  // a mutation that would build a string past V8's limit falls back to flipped bytes
  const safely = (b: Buffer) => once(b).catch(() => flipBytes(r, b));
  let out = await safely(sample);
  if (r() < 0.25 && out.length < 8 * 1024 * 1024) out = await safely(out);
  return out.length > MAX_MUTANT ? out.subarray(0, MAX_MUTANT) : out;
}
