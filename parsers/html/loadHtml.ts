// Parse markup once with cheerio (htmlparser2 build: fast, forgiving) and number its tables in
// document order, before anything is pruned, so provenance points at the page as published.
import { load } from 'cheerio/slim';
import type { Document, Element, ParentNode } from 'domhandler';
import { isElement } from './domText';

export interface LoadedHtml {
  root: Document;
  /** 0-based index of a `<table>` among all tables of the document */
  tableIndex: (table: Element) => number;
}

export function loadHtml(html: string): LoadedHtml {
  const root = detachedRoot(load(html).root()[0] as Document);
  const index = new Map<Element, number>();
  numberTables(root, index);
  return { root, tableIndex: (t) => index.get(t) ?? -1 };
}

/**
 * The parsed tree under a root of its own. `load` defines a class per call whose closure holds
 * its root; V8's young-generation GC keeps that class alive until the next full GC, and with it
 * every page parsed so far: copying those trees cost more than parsing them.
 */
function detachedRoot(loaded: Document): Document {
  const root = loaded.cloneNode(false);
  root.children = loaded.children;
  for (const c of root.children) c.parent = root;
  loaded.children = [];
  return root;
}

/** Tables below `parent` in document order (only elements are descended into). */
function numberTables(parent: ParentNode, index: Map<Element, number>): void {
  for (const c of parent.children) {
    if (!isElement(c)) continue;
    if (c.name === 'table') index.set(c, index.size);
    numberTables(c, index);
  }
}
