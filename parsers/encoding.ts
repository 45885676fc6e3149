// Bytes → string for text-like inputs (plain text, HTML). Order, from ../shared/notes/toolchain.md:
// BOM → declared charset (HTTP header or <meta>) → strict UTF-8 → chardet over the whole file.
// GB2312/GBK are decoded as GB18030, their superset.
import iconv from 'iconv-lite';
import chardet from 'chardet';
import { XxgkError } from '../src/errors';

export interface Decoded { text: string; encoding: string }

const ALIASES: Record<string, string> = { gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', gb18030: 'gb18030', 'utf8': 'utf-8' };

export function normaliseCharset(name: string | undefined | null): string | undefined {
  if (!name) return undefined;
  const n = name.trim().toLowerCase().replace(/^["']|["']$/g, '');
  const mapped = ALIASES[n] ?? n;
  return iconv.encodingExists(mapped) ? mapped : undefined;
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

function bomEncoding(b: Uint8Array): { encoding: string; skip: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return undefined;
}

/** UTF-16 without a BOM: Chinese text has many NUL bytes in one of the two byte lanes. */
function sniffUtf16(b: Uint8Array): string | undefined {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0, oddZero = 0;
  for (let i = 0; i < n; i += 2) { if (b[i] === 0) evenZero++; if (b[i + 1] === 0) oddZero++; }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Share of characters that are control characters other than tab/newline/CR/FF: high means binary. */
export function controlShare(text: string): number {
  let bad = 0;
  const n = Math.min(text.length, 20000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return n ? bad / n : 0;
}

export function decodeText(bytes: Uint8Array, declared?: string): Decoded {
  const bom = bomEncoding(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.skip), bom.encoding), encoding: bom.encoding };
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: decodeWith(bytes, utf16), encoding: utf16 };
  const dec = normaliseCharset(declared);
  if (dec) return { text: decodeWith(bytes, dec), encoding: dec };
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch { /* not UTF-8: guess below */ }
  const guess = normaliseCharset(chardet.detect(bytes) ?? undefined);
  // Chinese government text that is not UTF-8 is nearly always GB18030-family; chardet's
  // other guesses on short Chinese inputs (Shift_JIS, EUC-KR, Big5) are usually wrong.
  const encoding = guess && /^(big5|utf-16|utf-32)/.test(guess) ? guess : 'gb18030';
  return { text: decodeWith(bytes, encoding), encoding };
}

/** Decode, refusing bytes that are plainly not text. */
export function decodeTextOrFail(bytes: Uint8Array, declared?: string): Decoded {
  const d = decodeText(bytes, declared);
  if (controlShare(d.text) > 0.02) throw new XxgkError('BINARY_GARBAGE', `the bytes are not text (read as ${d.encoding}, too many control characters)`);
  return d;
}
