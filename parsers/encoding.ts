// Bytes → string for text-like inputs (plain text, HTML). Order, from ../shared/notes/toolchain.md:
// BOM → declared charset (HTTP header or <meta>) → strict UTF-8 → chardet over the whole file.
// GB2312/GBK are decoded as GB18030, their superset.
import { isAscii, isUtf8, transcode } from 'node:buffer';
import iconv from 'iconv-lite';
import chardet from 'chardet';
import { XxgkError } from '../src/model/errors';

export interface Decoded {
  text: string;
  encoding: string;
}

const ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  gb18030: 'gb18030',
  utf8: 'utf-8',
};

function normaliseCharset(name: string | undefined | null): string | undefined {
  if (!name) return undefined;
  const n = name
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  const mapped = ALIASES[n] ?? n;
  return iconv.encodingExists(mapped) ? mapped : undefined;
}

/** A Buffer over the same memory (no copy), for Buffer's native helpers. */
const asBuffer = (b: Uint8Array, length = b.byteLength) => Buffer.from(b.buffer, b.byteOffset, length);

/** Node's built-in decoders (ICU) are ~15× faster than iconv-lite; iconv-lite covers the rest. */
const nativeDecoders = new Map<string, TextDecoder | null>();
function decodeWith(bytes: Uint8Array, encoding: string): string {
  let native = nativeDecoders.get(encoding);
  if (native === undefined) {
    try {
      native = new TextDecoder(encoding, { ignoreBOM: true });
    } catch {
      native = null;
    }
    nativeDecoders.set(encoding, native);
  }
  if (native) return native.decode(bytes);
  return iconv.decode(asBuffer(bytes), encoding);
}

function bomEncoding(b: Uint8Array): { encoding: string; skip: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return undefined;
}

/** A character Chinese report text is made of: ASCII, Latin-1, CJK, CJK and general punctuation. */
function isPlausible(c: number): boolean {
  return (
    (c >= 0x20 && c < 0x7f) ||
    c === 9 ||
    c === 10 ||
    c === 13 ||
    (c >= 0xa0 && c <= 0xff) ||
    (c >= 0x2000 && c <= 0x206f) ||
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xff00 && c <= 0xffef)
  );
}

/**
 * At least `minShare` of the first `n` bytes read as UTF-16 units (`high`: 1 little-endian, 0
 * big-endian) are plausible characters; gives up as soon as too many are not. Read from the bytes,
 * not from a decoded copy: the decoder gives one unit per pair, a lone surrogate as U+FFFD, and
 * neither a surrogate nor U+FFFD is plausible, so the count is the decoded text's.
 */
function mostlyPlausibleUtf16(b: Uint8Array, n: number, high: number, minShare: number): boolean {
  const units = n >> 1;
  if (units === 0) return false;
  let bad = 0;
  for (let i = 0; i < n; i += 2) {
    if (!isPlausible((b[i + high] << 8) | b[i + 1 - high]) && (units - ++bad) / units < minShare) return false;
  }
  return (units - bad) / units >= minShare;
}

/**
 * UTF-16 without a BOM. ASCII characters leave NUL bytes in the high-byte lane; text that is
 * nearly all Chinese has none, so then the decoded text itself must look like Chinese text
 * (and the bytes must not be UTF-8, which pure ASCII would also pass as "CJK" pairs).
 */
function sniffUtf16(b: Uint8Array, validUtf8: boolean): string | undefined {
  const n = Math.min(b.length, 8192) & ~1;
  if (n < 4) return undefined;
  // without a NUL both lanes count 0 below, and valid UTF-8 is then never taken for UTF-16
  const hasNul = asBuffer(b, n).indexOf(0) !== -1;
  if (!hasNul && validUtf8) return undefined;
  const pairs = n / 2;
  for (const [encoding, high] of [
    ['utf-16le', 1],
    ['utf-16be', 0],
  ] as const) {
    let highZero = 0,
      lowZero = 0;
    if (hasNul) {
      for (let i = 0; i < n; i += 2) {
        if (b[i + high] === 0) highZero++;
        if (b[i + 1 - high] === 0) lowZero++;
      }
    }
    // CJK code points with a 0x00 low byte (一 U+4E00, 帀 U+5E00 …) put a few NULs in the other lane
    if (lowZero > pairs * 0.05 || (highZero > 0 && highZero <= lowZero)) continue;
    if (highZero === 0 && validUtf8) continue;
    if (mostlyPlausibleUtf16(b, n, high, highZero > pairs * 0.02 ? 0.9 : 0.98)) return encoding;
  }
  return undefined;
}

/**
 * The text when the bytes are valid UTF-8 (checked by simdutf). ICU's transcode to UTF-16 is
 * ~5× faster on Chinese text than V8's UTF-8 decoder (Buffer.toString, TextDecoder); pure ASCII
 * is read as Latin-1, which keeps the string one byte per character.
 */
function strictUtf8(b: Uint8Array): string | undefined {
  if (!isUtf8(b)) return undefined;
  if (isAscii(b)) return asBuffer(b).toString('latin1');
  return transcode(b, 'utf8', 'utf16le').toString('utf16le');
}

/** Share of non-ASCII byte pairs that fall in GB2312's rows (lead 0xA1–0xF7, trail 0xA1–0xFE). */
function gb2312Share(b: Uint8Array): number {
  const { pairs, gb } = countGb2312Pairs(b);
  return pairs ? gb / pairs : 0;
}

/**
 * The counting loop on its own: V8 compiles a hot loop on the fly (OSR) before the code after it
 * has run, then re-entered that code and threw it away at the division on every call.
 */
function countGb2312Pairs(b: Uint8Array): { pairs: number; gb: number } {
  let pairs = 0,
    gb = 0;
  for (let i = 0; i < b.length; i++) {
    const lead = b[i];
    if (lead < 0x80) continue;
    const trail = b[i + 1] ?? 0;
    if (trail >= 0x30 && trail <= 0x39) {
      i += 3;
      pairs++;
      continue;
    } // GB18030 four-byte sequence
    pairs++;
    if (lead >= 0xa1 && lead <= 0xf7 && trail >= 0xa1 && trail <= 0xfe) gb++;
    i++;
  }
  return { pairs, gb };
}

/** Control characters other than tab/newline/CR/FF, and U+FFFD (what decoding made of bad bytes). */
const BAD_CHAR = /[\x00-\x08\x0b\x0e-\x1f\ufffd]/;

/** How many characters from the start controlShare looks at. */
const CONTROL_SAMPLE = 20000;

/** Share of characters that are control characters other than tab/newline/CR/FF: high means binary. */
function controlShare(text: string): number {
  // the usual case, found by one native scan of the part counted below
  if (!BAD_CHAR.test(text.length > CONTROL_SAMPLE ? text.slice(0, CONTROL_SAMPLE) : text)) return 0;
  let bad = 0;
  const n = Math.min(text.length, CONTROL_SAMPLE);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return n ? bad / n : 0;
}

export function decodeText(bytes: Uint8Array, declared?: string): Decoded {
  const bom = bomEncoding(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.skip), bom.encoding), encoding: bom.encoding };
  const utf8 = strictUtf8(bytes);
  const utf16 = sniffUtf16(bytes, utf8 !== undefined);
  if (utf16) return { text: decodeWith(bytes, utf16), encoding: utf16 };
  // A declaration is checked against the bytes: sites re-save pages as UTF-8 and keep the old
  // `charset=gb2312`, or declare UTF-8 over GBK bytes. Valid UTF-8 with non-ASCII bytes is
  // practically never GBK text, so the bytes win. A UTF-16 declaration over bytes that are not
  // UTF-16 (a <meta> read as ASCII) is ignored, as browsers do.
  let dec = normaliseCharset(declared);
  if (dec && /^utf-(16|32)/.test(dec)) dec = undefined;
  if (utf8 !== undefined && (dec === undefined || dec === 'utf-8' || !isAscii(bytes)))
    return { text: utf8, encoding: 'utf-8' };
  if (dec && dec !== 'utf-8') return { text: decodeWith(bytes, dec), encoding: dec };
  // Fast path: nearly every double-byte pair in the GB2312 area (common simplified hanzi and
  // symbols) is GBK-family text; chardet over a whole page costs ~1 ms per KB.
  if (gb2312Share(bytes) >= 0.8) return { text: decodeWith(bytes, 'gb18030'), encoding: 'gb18030' };
  const guess = normaliseCharset(chardet.detect(bytes.subarray(0, 64 * 1024)) ?? undefined);
  // Chinese government text that is not UTF-8 is nearly always GB18030-family; chardet's
  // other guesses on short Chinese inputs (Shift_JIS, EUC-KR, Big5) are usually wrong.
  const encoding = guess && /^(big5|utf-16|utf-32)/.test(guess) ? guess : 'gb18030';
  return { text: decodeWith(bytes, encoding), encoding };
}

/** Decode, refusing bytes that are plainly not text. */
export function decodeTextOrFail(bytes: Uint8Array, declared?: string): Decoded {
  const d = decodeText(bytes, declared);
  if (controlShare(d.text) > 0.02)
    throw new XxgkError(
      'BINARY_GARBAGE',
      `the bytes are not text (read as ${d.encoding}, too many control characters)`,
    );
  return d;
}
