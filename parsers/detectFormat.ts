// The bytes decide the format; the file name is only a tie-breaker. A `.pdf` that is really
// HTML is parsed as HTML (and the record says so through source.format).
import type { Format } from '../src/model/document';

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/** The first `length` bytes as Latin-1 text, read in place (no copy). */
const latin1Head = (b: Uint8Array, length: number) =>
  Buffer.from(b.buffer, b.byteOffset, Math.min(length, b.byteLength)).toString('latin1');

/** markup that makes text-like bytes HTML, looked for in the first 4 KB */
const HTML_MARKUP = /<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s]|<(p|div|table|span|br)[\s>/]/i;

export type DetectedFormat = Format | 'zip' | 'unknown';

export function detectFormat(bytes: Uint8Array, fileName = ''): DetectedFormat {
  // the first 4 KB, read once: its first 1 KB is where %PDF is looked for, all of it where markup is
  const textHead = latin1Head(bytes, 4096);
  // %PDF may follow a little junk (some servers prepend a BOM or whitespace)
  if ((textHead.length > 1024 ? textHead.slice(0, 1024) : textHead).includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const probe = latin1Head(bytes, 1 << 16);
    if (probe.includes('word/') || /\.docx$/i.test(fileName)) return 'docx';
    if (probe.includes('mimetypeapplication/vnd.oasis')) return 'doc'; // ODT: through the converter
    return 'zip';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc'; // OLE2: Word 97 / WPS
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'doc'; // {\rtf
  // text-like: HTML when markup is found near the start
  // no `<` near the start: neither test below can hold (most text files end here)
  if (!textHead.includes('<')) return 'text';
  // (ignoring case, as the head's lower-case copy did: Latin-1 holds no letter that lowers to ASCII)
  if (HTML_MARKUP.test(textHead)) return 'html';
  if (/\.(s?html?|xhtml|asp|aspx|jsp|php)$/i.test(fileName) && textHead.includes('<')) return 'html';
  return 'text';
}
