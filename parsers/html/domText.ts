// Reading text out of a parsed DOM (domhandler nodes from cheerio/htmlparser2): which elements
// break lines, which are never shown, and the lines an element holds.
import type { AnyNode, Element } from 'domhandler';
import { CellTextBuffer, type TextSink } from './textRuns';

/** Elements that start and end a line of their own. */
export const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Elements whose content is never report text. */
const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'svg',
  'canvas',
  'math',
  'select',
  'option',
  'button',
  'input',
  'textarea',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'audio',
  'video',
  'map',
  'area',
  'xml',
]);

export const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

export const isElement = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

/** Hidden by the page itself (`display:none`, `hidden`): a browser would not show it. */
function isHidden(el: Element): boolean {
  if (el.attribs.hidden !== undefined) return true;
  const style = el.attribs.style;
  return !!style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

export const isSkipped = (el: Element) => SKIP_TAGS.has(el.name) || isHidden(el);

/** Feed an element's text into a buffer, breaking lines at `<br>` and block edges. */
function feedText(node: AnyNode, buf: TextSink): void {
  if (node.type === 'text') {
    buf.text(node.data);
    return;
  }
  if (!isElement(node) || isSkipped(node)) return;
  if (node.name === 'br') {
    buf.lineBreak();
    return;
  }
  const block = BLOCK_TAGS.has(node.name);
  if (block) buf.lineBreak();
  for (const child of node.children) feedText(child, buf);
  if (block) buf.lineBreak();
}

/**
 * A table cell's text: its lines joined, '' when it holds only spaces or `&nbsp;`. Headings and
 * titles are read the same way.
 */
export function cellText(el: Element): string {
  const buf = new CellTextBuffer();
  for (const child of el.children) feedText(child, buf);
  return buf.take();
}

/** Direct element children with the given tag names. */
export function childElements(el: Element, names?: Set<string>): Element[] {
  const out: Element[] = [];
  for (const c of el.children) if (isElement(c) && (!names || names.has(c.name))) out.push(c);
  return out;
}

/** The rows of a table, in printed order, without descending into nested tables. */
export function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (el: Element) => {
    for (const c of childElements(el)) {
      if (c.name === 'tr') rows.push(c);
      else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') visit(c);
    }
  };
  visit(table);
  return rows;
}

const CELL_TAGS = new Set(['td', 'th']);
export const rowCells = (tr: Element) => childElements(tr, CELL_TAGS);

/** True when a row has more than one cell (counted without building the list). */
export function hasSeveralCells(tr: Element): boolean {
  let cells = 0;
  for (const c of tr.children) if (isElement(c) && CELL_TAGS.has(c.name) && ++cells > 1) return true;
  return false;
}

/** True when the element has a `<table>` somewhere below it. */
export function containsTable(el: Element): boolean {
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    // of the element types, `script` and `style` elements hold only their text
    if (c.type !== 'tag') continue;
    if (c.name === 'table' || (c.children.length > 0 && containsTable(c))) return true;
  }
  return false;
}
