// A whole government web page → the part that is the report. Two steps:
// 1. prune what is never report text: navigation, footers, share/print bars, link lists
//    (text that is mostly links), elements the page hides;
// 2. descend from the root into the child holding most of the page's remaining Chinese text
//    and digits, as long as that child holds nearly all of it (the article container).
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { BLOCK_TAGS, containsTable, isElement, isSkipped } from './domText';
import { isLayoutTable } from './domBlocks';

const DROP_TAGS = new Set(['nav', 'aside', 'footer']);
/** class/id words of site furniture (checked as whole words of the attribute) */
const FURNITURE = /(^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|crumbs?|position|location|dqwz|share|bdshare|fenxiang|footer|foot|copyright|sidebar|side|related|relate|xgxx|xglj|xgwz|toolbar|topbar|login|search|qrcode|ewm|weixin|friendlink|links)([\s_-]|$)/i;
/** phrases of a site footer or article toolbar, when they make up a short element */
const FOOTER_TEXT = /版权所有|ICP备|网站标识码|公网安备|技术支持[:：]|主办单位[:：]|承办单位[:：]/;
const TOOLBAR_TEXT = /^(上一篇|下一篇|分享到|【?打印|【?关闭|字号|相关链接|相关文章|相关阅读|扫一扫)/;

/** Characters that carry report content: CJK ideographs and digits. */
function contentChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) n++;
  }
  return n;
}

interface TextStats { chars: number; linkChars: number }

function stats(node: AnyNode, inLink = false, acc: TextStats = { chars: 0, linkChars: 0 }): TextStats {
  if (node.type === 'text') {
    const n = node.data.replace(/\s+/g, '').length;
    acc.chars += n;
    if (inLink) acc.linkChars += n;
  } else if (isElement(node) && !isSkipped(node)) {
    const link = inLink || node.name === 'a';
    for (const c of node.children) stats(c, link, acc);
  }
  return acc;
}

function attrWords(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
}

function isFurniture(el: Element): boolean {
  if (isSkipped(el)) return true;
  const hasTable = containsTable(el) || el.name === 'table';
  if (DROP_TAGS.has(el.name) && !hasTable) return true;
  if (hasTable) return false;
  if (!BLOCK_TAGS.has(el.name)) return false;
  const s = stats(el);
  if (s.chars === 0) return false;
  if (s.linkChars / s.chars > 0.5) return true;
  if (FURNITURE.test(attrWords(el)) && s.chars < 1000) return true;
  if (s.chars < 400 && FOOTER_TEXT.test(textOf(el))) return true;
  if (s.chars < 60 && TOOLBAR_TEXT.test(textOf(el).trim())) return true;
  return false;
}

function textOf(node: AnyNode): string {
  if (node.type === 'text') return node.data;
  if (!isElement(node) || isSkipped(node)) return '';
  return node.children.map(textOf).join('');
}

function detach(parent: ParentNode, index: number): void {
  const [el] = parent.children.splice(index, 1);
  if (el.prev) el.prev.next = el.next;
  if (el.next) el.next.prev = el.prev;
  el.parent = el.prev = el.next = null;
}

/** Remove site furniture below `parent` (data tables are kept whole and not looked into). */
export function pruneFurniture(parent: ParentNode): void {
  for (let i = parent.children.length - 1; i >= 0; i--) {
    const child = parent.children[i];
    if (child.type === 'comment' || child.type === 'directive' || child.type === 'cdata') { detach(parent, i); continue; }
    if (!isElement(child)) continue;
    if (isFurniture(child)) { detach(parent, i); continue; }
    if (child.name === 'table' && !isLayoutTable(child)) continue;
    pruneFurniture(child);
  }
}

/** Share of the page's content characters that a node must hold to be taken as the article. */
const ARTICLE_SHARE = 0.8;
/** Elements never taken as the article container: the text would lose its structure. */
const NOT_CONTAINERS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'li', 'dt', 'dd', 'pre']);

/** The deepest node that holds nearly all of the page's content characters. */
export function findArticle(root: ParentNode): ParentNode {
  const weight = new Map<AnyNode, number>();
  const measure = (node: AnyNode, inLink: boolean): number => {
    let w = 0;
    if (node.type === 'text') w = inLink ? 0 : contentChars(node.data);
    else if (isElement(node) && !isSkipped(node)) {
      const link = inLink || node.name === 'a';
      for (const c of node.children) w += measure(c, link);
    } else if ('children' in node) {
      for (const c of (node as ParentNode).children) w += measure(c, inLink);
    }
    weight.set(node, w);
    return w;
  };
  const total = measure(root, false);
  if (total === 0) return root;

  let current: ParentNode = root;
  for (;;) {
    let best: Element | undefined;
    for (const c of current.children) {
      if (isElement(c) && (weight.get(c) ?? 0) > (best ? weight.get(best) ?? 0 : 0)) best = c;
    }
    if (!best || (weight.get(best) ?? 0) < ARTICLE_SHARE * total) return current;
    if (NOT_CONTAINERS.has(best.name)) return current;
    if (best.name === 'table' && !isLayoutTable(best)) return current;
    current = best;
  }
}
