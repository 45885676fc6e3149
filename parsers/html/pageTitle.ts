// The report's own title on a web page: the heading or centred bold line that names a report,
// else the page's <title> without the site name, else the first heading or centred bold line.
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { cellText, isElement, isSkipped } from './domText';
import { REPORT_WORD } from '../../src/model/reportWords';

const MAX_TITLE = 100;

function isCentred(el: Element): boolean {
  const style = el.attribs.style ?? '';
  return /text-align\s*:\s*center/i.test(style) || /^center$/i.test(el.attribs.align ?? '') || el.name === 'center';
}

function isBold(el: Element): boolean {
  if (/font-weight\s*:\s*(bold|[6-9]00)/i.test(el.attribs.style ?? '')) return true;
  // all of the text inside <b>/<strong>
  const texts: { bold: boolean; text: string }[] = [];
  const walk = (n: AnyNode, bold: boolean) => {
    if (n.type === 'text') {
      if (n.data.trim()) texts.push({ bold, text: n.data });
      return;
    }
    if (!isElement(n) || isSkipped(n)) return;
    const b =
      bold || n.name === 'b' || n.name === 'strong' || /font-weight\s*:\s*(bold|[6-9]00)/i.test(n.attribs.style ?? '');
    for (const c of n.children) walk(c, b);
  };
  walk(el, false);
  return texts.length > 0 && texts.every((t) => t.bold);
}

const isTitleElement = (el: Element) =>
  /^h[1-3]$/.test(el.name) ||
  /title|biaoti|bt\b/i.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`) ||
  ((el.name === 'p' || el.name === 'div') && isCentred(el) && isBold(el));

/** Candidate title lines in document order. */
function candidates(root: ParentNode): string[] {
  const out: string[] = [];
  const walk = (n: AnyNode) => {
    if (!isElement(n)) {
      if ('children' in n) (n as ParentNode).children.forEach(walk);
      return;
    }
    if (isSkipped(n) || n.name === 'table') return;
    if (isTitleElement(n)) {
      const text = cellText(n);
      if (text && text.length <= MAX_TITLE) {
        out.push(text);
        return;
      }
    }
    n.children.forEach(walk);
  };
  walk(root);
  return out;
}

/** `<title>` text without the site name that pages append (`…报告_上海市人民政府`). */
function cleanHeadTitle(raw: string): string | undefined {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  const parts = text.split(/\s*[_|｜]\s*|\s+[-—–]+\s+/).filter(Boolean);
  return parts.find((p) => REPORT_WORD.test(p)) ?? parts[0];
}

/** The `<title>` of the page, read before pruning removes <head>. */
export function headTitle(root: ParentNode): string | undefined {
  let found: string | undefined;
  const walk = (n: AnyNode): void => {
    if (found !== undefined || !('children' in n)) return;
    if (isElement(n) && n.name === 'title') {
      found = n.children.map((c) => (c.type === 'text' ? c.data : '')).join('');
      return;
    }
    if (isElement(n) && n.name === 'body') return;
    (n as ParentNode).children.forEach(walk);
  };
  walk(root);
  return found === undefined ? undefined : cleanHeadTitle(found);
}

/** Read after site furniture is pruned, so that titles in related-article lists are gone. */
export function pageTitle(root: ParentNode, head: string | undefined): string | undefined {
  const lines = candidates(root);
  return (
    lines.find((t) => REPORT_WORD.test(t)) ?? (head && REPORT_WORD.test(head) ? head : undefined) ?? head ?? lines[0]
  );
}
