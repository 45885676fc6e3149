// Parse markup once with cheerio (htmlparser2 build: fast, forgiving) and number its tables in
// document order, before anything is pruned, so provenance points at the page as published.
import { load } from 'cheerio/slim';
import type { AnyNode, Document, Element, ParentNode } from 'domhandler';
import { isElement } from './domText';

export interface LoadedHtml {
  root: Document;
  /** 0-based index of a `<table>` among all tables of the document */
  tableIndex: (table: Element) => number;
}

export function loadHtml(html: string): LoadedHtml {
  const root = detachedRoot(load(html).root()[0] as Document);
  limitNesting(root);
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

/**
 * Deeper than any real page nests (unclosed <font> or <b> tags pile up, hostile pages nest on
 * purpose): what lies below MAX_DEPTH is unwrapped into one flat run of its text and empty
 * elements, so the recursive walks that follow have a bounded depth on every thread's stack.
 */
const MAX_DEPTH = 256;

function limitNesting(root: Document): void {
  const stack: Array<[ParentNode, number]> = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth >= MAX_DEPTH) {
      setChildren(node, flatLeaves(node));
      continue;
    }
    for (const c of node.children) if (isElement(c) && c.children.length) stack.push([c, depth + 1]);
  }
}

/** the text and childless nodes below `node`, in document order */
function flatLeaves(node: ParentNode): AnyNode[] {
  const out: AnyNode[] = [];
  const stack = [...node.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (isElement(n) && n.children.length) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    else out.push(n);
  }
  return out;
}

function setChildren(node: ParentNode, children: AnyNode[]): void {
  node.children = children as ParentNode['children'];
  children.forEach((c, i) => {
    c.parent = node;
    c.prev = children[i - 1] ?? null;
    c.next = children[i + 1] ?? null;
  });
}

/** Tables below `parent` in document order (only elements are descended into). */
function numberTables(parent: ParentNode, index: Map<Element, number>): void {
  for (const c of parent.children) {
    if (!isElement(c)) continue;
    if (c.name === 'table') index.set(c, index.size);
    numberTables(c, index);
  }
}
