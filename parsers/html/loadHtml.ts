// Parse markup once with htmlparser2's tokenizer (the parser of cheerio's slim build: fast,
// forgiving) into the tree its Parser builds (domBuilder.ts), and number its tables in document
// order, before anything is pruned, so provenance points at the page as published.
import type { AnyNode, Document, Element, ParentNode } from 'domhandler';
import { isElement } from './domText';
import { buildDom } from './domBuilder';

export interface LoadedHtml {
  root: Document;
  /** 0-based index of a `<table>` among all tables of the document */
  tableIndex: (table: Element) => number;
}

export function loadHtml(html: string): LoadedHtml {
  const { root, tables, depth } = buildDom(html, MAX_OPEN);
  const index = new Map<Element, number>();
  if (depth >= MAX_DEPTH) {
    // unwrapping drops the tables below the limit that have content: count what is left
    limitNesting(root);
    numberTables(root, index);
  } else tables.forEach((table, i) => index.set(table, i));
  return { root, tableIndex: (t) => index.get(t) ?? -1 };
}

/**
 * Elements kept open at most: at this depth a new tag first closes the innermost element, as a
 * tag that implies a close does (`<p>` after `<p>`); everything this deep is unwrapped by
 * limitNesting anyway. (htmlparser2's Parser, which keeps its open elements newest first with
 * `unshift`, took seconds on 32,000 unclosed `<font>` without it.)
 */
export const MAX_OPEN = 512;

/** The markup as a tree, parsed as cheerio's `load` parses it (only the attributes domBuilder keeps). */
export function parseHtml(html: string): Document {
  return buildDom(html, MAX_OPEN).root;
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
