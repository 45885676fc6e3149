// Word 97 / WPS / RTF / ODT → DOCX with LibreOffice → the DOCX path. Without LibreOffice the
// error names the package to install (CONVERTER_MISSING).
import type { FormatParser } from '../types';
import { convertToDocx } from './libreOffice';
import { docxToDoc } from './parseDocx';

function extensionOf(bytes: Uint8Array, fileName = ''): string {
  if (bytes[0] === 0x7b && bytes[1] === 0x5c && bytes[2] === 0x72) return 'rtf'; // {\rt
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'odt'; // zip: OpenDocument
  return /\.wps$/i.test(fileName) ? 'wps' : 'doc';
}

export const parseDoc: FormatParser = async (bytes, opts) => {
  const extension = extensionOf(bytes, opts.fileName);
  // leave the dispatcher's own time limit room to report our TIMEOUT after the kill
  const docx = await convertToDocx(bytes, {
    extension,
    timeoutMs: Math.max(1000, Math.floor(opts.limits.timeoutMs * 0.9)),
  });
  const doc = await docxToDoc(docx, opts.limits);
  doc.format = 'doc';
  doc.notes.push(`converted from ${extension} to DOCX with LibreOffice`);
  return doc;
};
