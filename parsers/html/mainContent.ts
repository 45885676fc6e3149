// A whole government web page → the part that is the report. Two steps:
// 1. prune what is never report text: navigation, footers, share/print bars, link lists
//    (text that is mostly links), elements the page hides;
// 2. descend from the root into the child holding most of the page's remaining Chinese text
//    and digits, as long as that child holds nearly all of it (the article container).
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { BLOCK_TAGS, isElement, isSkipped } from './domText';
import { isLayoutTable } from './domBlocks';

const DROP_TAGS = new Set(['nav', 'aside', 'footer']);
// class/id words of site furniture, by kind
const NAVIGATION_WORDS = /nav|navbar|navigation|menu|breadcrumbs?|crumbs?|position|location|dqwz/;
const SHARING_WORDS = /share|bdshare|fenxiang/;
const FOOTER_WORDS = /footer|foot|copyright/;
const SIDE_WORDS =
  /sidebar|side|related|relate|xgxx|xglj|xgwz|toolbar|topbar|login|search|qrcode|ewm|weixin|friendlink|links/;
const FURNITURE_WORDS = [NAVIGATION_WORDS, SHARING_WORDS, FOOTER_WORDS, SIDE_WORDS].map((r) => r.source).join('|');
/** class/id words of site furniture (checked as whole words of the attribute) */
const FURNITURE = new RegExp(`(^|[\\s_-])(${FURNITURE_WORDS})([\\s_-]|$)`, 'i');
/** phrases of a site footer or article toolbar, when they make up a short element */
const FOOTER_TEXT = /版权所有|ICP备|网站标识码|公网安备|技术支持[:：]|主办单位[:：]|承办单位[:：]/;
const TOOLBAR_TEXT = /^(上一篇|下一篇|分享到|【?打印|【?关闭|字号|相关链接|相关文章|相关阅读|扫一扫)/;

/** Whitespace as `\s` matches it (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Characters that carry report content: CJK ideographs and digits. */
function isContentChar(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0xff10 && c <= 0xff19)
  );
}

/** What pruning and the article search need of a subtree; measured once, before pruning. */
interface SubtreeStats {
  /** shown characters other than whitespace */
  chars: number;
  /** the part of `chars` inside links */
  linkChars: number;
  /**
   * Content characters outside links: the weight the article search follows. Hidden text
   * counts here (pruning has removed it, except inside data tables). Kept up to date by `detach`.
   */
  content: number;
  /** a `<table>` somewhere below (hidden ones too) */
  hasTable: boolean;
}

export type PageStats = Map<ParentNode, SubtreeStats>;

/**
 * Stats of the root and the elements below it, bottom-up in one walk. Nothing inside a data
 * table is kept: pruning and the article search stop at data tables and never ask.
 */
export function measurePage(root: ParentNode): PageStats {
  const page: PageStats = new Map();
  measure(root, page, true);
  return page;
}

function countText(text: string, s: SubtreeStats): void {
  let chars = 0,
    content = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      chars++;
      content++;
      continue;
    } // the common case: a hanzi
    if (!isSpace(c)) chars++;
    if (isContentChar(c)) content++;
  }
  s.chars += chars;
  s.content += content;
}

function measure(node: ParentNode, page: PageStats, keep: boolean): SubtreeStats {
  const s: SubtreeStats = { chars: 0, linkChars: 0, content: 0, hasTable: false };
  if (keep) page.set(node, s);
  // below a data table nothing is asked for again
  const keepBelow = keep && !(isElement(node) && node.name === 'table' && !isLayoutTable(node));
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (c.type === 'text') countText(c.data, s);
    else if (isElement(c)) {
      const cs = measure(c, page, keepBelow);
      s.chars += cs.chars;
      s.linkChars += cs.linkChars;
      s.content += cs.content;
      if (cs.hasTable || c.name === 'table') s.hasTable = true;
    } else if (c.type === 'cdata') {
      s.content += measure(c, page, keepBelow).content; // only XML mode makes these; their text is content, not `chars`
    }
  }
  if (!isElement(node) || isSkipped(node)) s.chars = s.linkChars = 0;
  else if (node.name === 'a') {
    s.linkChars = s.chars;
    s.content = 0;
  }
  return s;
}

/** A shown link: the text inside it is no part of the article's weight. */
const isLink = (n: ParentNode) => isElement(n) && n.name === 'a' && !isSkipped(n);

function attrWords(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
}

function isFurniture(el: Element, page: PageStats): boolean {
  if (isSkipped(el)) return true;
  const s = page.get(el)!;
  const hasTable = s.hasTable || el.name === 'table';
  if (DROP_TAGS.has(el.name) && !hasTable) return true;
  if (hasTable) return false;
  if (!BLOCK_TAGS.has(el.name)) return false;
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
  let text = '';
  for (const c of node.children) text += textOf(c);
  return text;
}

/** Unlink a child; its content no longer counts for its ancestors up to the nearest link. */
function detach(parent: ParentNode, index: number, page: PageStats): void {
  const [el] = parent.children.splice(index, 1);
  if (el.prev) el.prev.next = el.next;
  if (el.next) el.next.prev = el.prev;
  el.parent = el.prev = el.next = null;
  const gone = 'children' in el ? (page.get(el)?.content ?? 0) : 0;
  if (gone === 0) return;
  for (let p: ParentNode | null = parent; p; p = p.parent) {
    if (isLink(p)) break;
    page.get(p)!.content -= gone;
  }
}

/**
 * Remove site furniture below `parent` (data tables are kept whole and not looked into).
 * An element is judged before anything below it is pruned, so its measured stats hold.
 */
export function pruneFurniture(parent: ParentNode, page: PageStats): void {
  for (let i = parent.children.length - 1; i >= 0; i--) {
    const child = parent.children[i];
    if (child.type === 'comment' || child.type === 'directive' || child.type === 'cdata') {
      detach(parent, i, page);
      continue;
    }
    if (!isElement(child)) continue;
    if (isFurniture(child, page)) {
      detach(parent, i, page);
      continue;
    }
    if (child.name === 'table' && !isLayoutTable(child)) continue;
    pruneFurniture(child, page);
  }
}

/** Share of the page's content characters that a node must hold to be taken as the article. */
const ARTICLE_SHARE = 0.8;
/** Elements never taken as the article container: the text would lose its structure. */
const NOT_CONTAINERS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'li', 'dt', 'dd', 'pre']);

/** The deepest node that holds nearly all of the page's content characters (after pruning). */
export function findArticle(root: ParentNode, page: PageStats): ParentNode {
  const weight = (n: ParentNode) => page.get(n)?.content ?? 0;
  const total = weight(root);
  if (total === 0) return root;

  let current: ParentNode = root;
  for (;;) {
    let best: Element | undefined;
    for (const c of current.children) {
      if (isElement(c) && weight(c) > (best ? weight(best) : 0)) best = c;
    }
    if (!best || weight(best) < ARTICLE_SHARE * total) return current;
    if (NOT_CONTAINERS.has(best.name)) return current;
    if (best.name === 'table' && !isLayoutTable(best)) return current;
    current = best;
  }
}
