// Parse markup once with cheerio (htmlparser2 build: fast, forgiving) and number its tables in
// document order, before anything is pruned, so provenance points at the page as published.
import { load } from 'cheerio/slim';
import type { AnyNode, Document, Element } from 'domhandler';
import { isElement } from './domText';

export interface LoadedHtml {
  root: Document;
  /** 0-based index of a `<table>` among all tables of the document */
  tableIndex: (table: Element) => number;
}

export function loadHtml(html: string): LoadedHtml {
  const $ = load(html);
  const root = $.root()[0] as Document;
  const index = new Map<Element, number>();
  const walk = (n: AnyNode) => {
    if (!isElement(n) && n.type !== 'root') return;
    if (isElement(n) && n.name === 'table') index.set(n, index.size);
    for (const c of (n as Element).children) walk(c);
  };
  walk(root);
  return { root, tableIndex: (t) => index.get(t) ?? -1 };
}
