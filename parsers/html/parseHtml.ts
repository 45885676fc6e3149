// HTML page → Doc: decode the bytes (HTTP header, <meta>, or the bytes themselves), find the
// report among the site furniture, read it into headings, paragraphs and table grids.
import type { FormatParser } from '../types';
import type { Doc } from '../../src/model/document';
import { XxgkError } from '../../src/model/errors';
import { decodeTextOrFail } from '../encoding';
import { declaredCharset } from './declaredCharset';
import { loadHtml } from './loadHtml';
import { findArticle, measurePage, pruneFurniture } from './mainContent';
import { headTitle, pageTitle } from './pageTitle';
import { domBlocks } from './domBlocks';

export function htmlPageToDoc(html: string): Doc {
  const { root, tableIndex } = loadHtml(html);
  const head = headTitle(root);
  const page = measurePage(root);
  pruneFurniture(root, page);
  const title = pageTitle(root, head);
  const article = findArticle(root, page);
  const blocks = domBlocks(article.children, { tableIndex });
  if (blocks.length === 0) throw new XxgkError('NOT_A_REPORT', 'the page has no text or tables in its body');
  return { format: 'html', ...(title ? { title } : {}), blocks, notes: [] };
}

export const parseHtml: FormatParser = async (bytes, opts) => {
  const { text, encoding } = decodeTextOrFail(bytes, declaredCharset(bytes, opts.contentType));
  const doc = htmlPageToDoc(text);
  if (encoding !== 'utf-8') doc.notes.push(`decoded as ${encoding}`);
  return doc;
};
