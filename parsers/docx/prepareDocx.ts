// The DOCX as mammoth should read it: Word's automatic numbers written into the text
// (wordNumbering.ts) and the elements that only draw the page left out (slimDocumentXml.ts).
// The zip is opened once for both; the rewritten one is stored, not compressed again.
import JSZip from 'jszip';
import { numberDocumentXml } from './wordNumbering';
import { slimDocumentXml } from './slimDocumentXml';

export async function prepareDocx(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const document = zip.file('word/document.xml');
  if (!document) return bytes;
  const numbering = zip.file('word/numbering.xml');
  const original = await document.async('string');
  const rewritten = slimDocumentXml(numberDocumentXml(original, await numbering?.async('string')));
  if (rewritten === original) return bytes;
  zip.file('word/document.xml', rewritten);
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
}
