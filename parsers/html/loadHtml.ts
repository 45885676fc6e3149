// Parse markup once with htmlparser2 (the parser of cheerio's slim build: fast, forgiving) and
// number its tables in document order, before anything is pruned, so provenance points at the
// page as published.
import { Parser } from 'htmlparser2';
import { DomHandler, type AnyNode, type Document, type Element, type ParentNode } from 'domhandler';
import { isElement } from './domText';

export interface LoadedHtml {
  root: Document;
  /** 0-based index of a `<table>` among all tables of the document */
  tableIndex: (table: Element) => number;
}

export function loadHtml(html: string): LoadedHtml {
  const root = parseHtml(html);
  limitNesting(root);
  const index = new Map<Element, number>();
  numberTables(root, index);
  return { root, tableIndex: (t) => index.get(t) ?? -1 };
}

/**
 * Elements the parser keeps open at most. htmlparser2 keeps its open elements newest first
 * (`unshift`), so every tag opened costs as much as the elements still open: 32,000 unclosed
 * `<font>` or `<b>` took seconds, growing with the square of their number. At this depth a new
 * tag first closes the innermost element, as a tag that implies a close does (`<p>` after
 * `<p>`); everything this deep is unwrapped by limitNesting anyway.
 */
export const MAX_OPEN = 512;

/** htmlparser2's Parser with its open elements capped at MAX_OPEN (reads its private stack). */
class CappedParser extends Parser {
  constructor(private readonly dom: DomHandler) {
    super(dom);
  }
  override onopentagname(start: number, endIndex: number): void {
    const open = (this as unknown as { stack: string[] }).stack;
    if (open.length >= MAX_OPEN) {
      open.shift();
      this.dom.onclosetag();
    }
    super.onopentagname(start, endIndex);
  }
}

/** The markup as a tree, parsed as cheerio's `load` parses it (htmlparser2 defaults). */
export function parseHtml(html: string): Document {
  const dom = new DomHandler();
  const parser = new CappedParser(dom);
  if (!Array.isArray((parser as unknown as { stack?: unknown }).stack))
    throw new Error('htmlparser2 changed: its Parser has no open-element stack to cap');
  parser.end(html);
  return dom.root;
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
