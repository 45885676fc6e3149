// A text page's metadata as the record gives it, the page's URL as its source where one is given:
// the tests of labelled page openings call it on generated variants.
import { parseDocument } from '../../parsers';
import { findMeta } from '../../src/report/metadata';

export const metaOf = async (text: string, url?: string) =>
  findMeta(await parseDocument(Buffer.from(text), { fileName: 'page.txt' }), url ? { url } : {});
