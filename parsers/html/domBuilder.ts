// htmlparser2's tokenizer → a domhandler tree, built in one step. What htmlparser2's Parser and
// DomHandler do together in HTML mode (the tree cheerio's `load` makes), without their generic
// layers: events for every listener, streaming buffers, an attribute object for every attribute
// of every tag (Word's pages carry hundreds of `nowrap`, `width`, `lang`, `mso-` styles). They
// cost more than the tokenizing itself. Only the attributes the readers ask for are kept.
// tests/domBuilder.test.ts holds the tree to the one the installed htmlparser2's Parser builds.
import type { TokenizerCallbacks } from 'htmlparser2';
import { Comment, Document, Element, ProcessingInstruction, Text, type ParentNode, type ChildNode } from 'domhandler';
import { FastTokenizer } from './fastTokenizer';
import { readAttribute } from './readAttributes';

export { READ_ATTRIBUTES } from './readAttributes';

// The element rules of htmlparser2 10's Parser (HTML mode), copied: the tree must be the one it builds.
const FORM_TAGS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const P_TAG = new Set(['p']);
const TABLE_SECTION_TAGS = new Set(['thead', 'tbody']);
const DDT_TAGS = new Set(['dd', 'dt']);
const RTP_TAGS = new Set(['rt', 'rp']);
/** A start tag that first closes these open elements (`<p>` after `<p>`, `<td>` after `<td>`). */
const OPEN_IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['p', P_TAG],
  ['h1', P_TAG],
  ['h2', P_TAG],
  ['h3', P_TAG],
  ['h4', P_TAG],
  ['h5', P_TAG],
  ['h6', P_TAG],
  ['select', FORM_TAGS],
  ['input', FORM_TAGS],
  ['output', FORM_TAGS],
  ['button', FORM_TAGS],
  ['datalist', FORM_TAGS],
  ['textarea', FORM_TAGS],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DDT_TAGS],
  ['dt', DDT_TAGS],
  ['address', P_TAG],
  ['article', P_TAG],
  ['aside', P_TAG],
  ['blockquote', P_TAG],
  ['details', P_TAG],
  ['div', P_TAG],
  ['dl', P_TAG],
  ['fieldset', P_TAG],
  ['figcaption', P_TAG],
  ['figure', P_TAG],
  ['footer', P_TAG],
  ['form', P_TAG],
  ['header', P_TAG],
  ['hr', P_TAG],
  ['main', P_TAG],
  ['nav', P_TAG],
  ['ol', P_TAG],
  ['pre', P_TAG],
  ['section', P_TAG],
  ['table', P_TAG],
  ['ul', P_TAG],
  ['rt', RTP_TAGS],
  ['rp', RTP_TAGS],
  ['tbody', TABLE_SECTION_TAGS],
  ['tfoot', TABLE_SECTION_TAGS],
]);
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Inside these `<x/>` closes the element (foreign content); inside the second kind it does not. */
const FOREIGN_CONTEXT = new Set(['math', 'svg']);
const HTML_INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

/** What the rules above say of one tag name, looked up once per spelling on a page. */
interface TagRule {
  name: string;
  /** open elements that a start tag of this name closes first */
  closes: Set<string> | undefined;
  isVoid: boolean;
  /** true: `<x/>` closes below it; false: it does not; undefined: as around it */
  foreign: boolean | undefined;
}

function tagRule(name: string): TagRule {
  return {
    name,
    closes: OPEN_IMPLIES_CLOSE.get(name),
    isVoid: VOID_ELEMENTS.has(name),
    foreign: FOREIGN_CONTEXT.has(name) ? true : HTML_INTEGRATION.has(name) ? false : undefined,
  };
}
const P_RULE = tagRule('p');
/** between tags */
const NO_TAG = tagRule('');

/** A directive's name: `!doctype` of `<!DOCTYPE html>`, as htmlparser2 names it. */
function instructionName(value: string): string {
  const end = value.search(/\s|\//);
  return (end < 0 ? value : value.slice(0, end)).toLowerCase();
}

/** A tag rule with the spelling it was made for. */
interface SpelledRule {
  raw: string;
  rule: TagRule;
}
/** ruleAt's hash table has this + 1 buckets. */
const RULE_BUCKETS = 255;

/** Whether `html[start, end)` is `raw`, character for character. */
function spells(html: string, start: number, end: number, raw: string): boolean {
  if (raw.length !== end - start) return false;
  for (let i = 0; i < raw.length; i++) if (html.charCodeAt(start + i) !== raw.charCodeAt(i)) return false;
  return true;
}

/** ruleAt's hash of a spelling. */
function spellingHash(raw: string): number {
  let hash = raw.length;
  for (let i = 0; i < raw.length; i++) hash = (hash * 31 + raw.charCodeAt(i)) | 0;
  return hash;
}

/**
 * The rules of tag names as pages usually spell them (lower case), in ruleAt's buckets: built
 * once, so that a page looks up its own spellings only for the rest.
 */
const COMMON_RULES: SpelledRule[][] = [];
for (const raw of new Set([
  ...OPEN_IMPLIES_CLOSE.keys(),
  ...VOID_ELEMENTS,
  ...FOREIGN_CONTEXT,
  ...['html', 'head', 'title', 'body', 'span', 'a', 'b', 'i', 'u', 'em', 'strong', 'font', 'center', 'tbody'],
  ...['thead', 'tfoot', 'caption', 'colgroup', 'script', 'style', 'noscript', 'iframe', 'sup', 'sub', 'small'],
  ...['label', 'o:p', 'st1:chsdate', 'v:shape', 'w:sdt'],
]))
  (COMMON_RULES[spellingHash(raw) & RULE_BUCKETS] ??= []).push({ raw, rule: tagRule(raw) });

/**
 * The attributes of every element that has none of READ_ATTRIBUTES: one object, frozen, as
 * nothing writes to a page's attributes after building (most elements of a page have none kept).
 */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * `attribs[name] ??= value` for a name of READ_ATTRIBUTES, with the name spelled out: a store
 * through a variable name (`attribs[name]`) took a slow generic path on every attribute.
 */
function keepFirst(attribs: Record<string, string>, name: string, value: string): void {
  switch (name) {
    case 'style':
      if (attribs.style === undefined) attribs.style = value;
      return;
    case 'class':
      if (attribs.class === undefined) attribs.class = value;
      return;
    case 'id':
      if (attribs.id === undefined) attribs.id = value;
      return;
    case 'align':
      if (attribs.align === undefined) attribs.align = value;
      return;
    case 'colspan':
      if (attribs.colspan === undefined) attribs.colspan = value;
      return;
    case 'rowspan':
      if (attribs.rowspan === undefined) attribs.rowspan = value;
      return;
    case 'hidden':
      if (attribs.hidden === undefined) attribs.hidden = value;
      return;
    default:
      if (attribs[name] === undefined) attribs[name] = value;
  }
}

// The node classes, bound once: the compiled import reads them through a getter at every use.
const ElementNode = Element;
const TextNode = Text;

class DomBuilder implements TokenizerCallbacks {
  readonly root = new Document([]);
  /** Open tag names, newest last: the parser's stack, which decides what a close tag closes. */
  private readonly names: string[] = [];
  /** Open nodes, root first: where the next node goes. */
  private readonly parents: ParentNode[] = [this.root];
  /** Whether `<x/>` closes x here (inside <svg>/<math>), newest last. */
  private readonly foreign: boolean[] = [false];
  /** A text node that the next text run is appended to. */
  private lastText: Text | null = null;
  /** The `<table>` elements in document order. */
  readonly tables: Element[] = [];
  /** How deep the deepest element lies (a child of the root: 1). */
  depth = 0;
  /** The start tag being read. */
  private tag: TagRule = NO_TAG;
  /** The attributes of the start tag being read; null between tags. */
  private attribs: Record<string, string> = NO_ATTRIBUTES;
  /** Whether a start tag is being read. */
  private inTag = false;
  /** The attribute being read, null when it is not one of READ_ATTRIBUTES. */
  private attribName: string | null = null;
  private attribValue = '';
  /** The rules of the spellings met, by a hash of their characters (see ruleAt). */
  private readonly rules: SpelledRule[][] = [];

  constructor(
    private readonly html: string,
    private readonly maxOpen: number,
  ) {}

  /**
   * The rule of the tag name at `html[start, end)`, lower-cased. A page's text is mostly Chinese,
   * so its string has two bytes a character and so has every name cut from it, and toLowerCase
   * on those is ICU's slow path: each spelling a page uses is lowered and looked up once.
   */
  private ruleAt(start: number, end: number): TagRule {
    const html = this.html;
    let hash = end - start;
    for (let i = start; i < end; i++) hash = (hash * 31 + html.charCodeAt(i)) | 0;
    const common = COMMON_RULES[hash & RULE_BUCKETS];
    if (common !== undefined)
      for (let k = 0; k < common.length; k++) if (spells(html, start, end, common[k].raw)) return common[k].rule;
    const bucket = (this.rules[hash & RULE_BUCKETS] ??= []);
    for (let k = 0; k < bucket.length; k++) if (spells(html, start, end, bucket[k].raw)) return bucket[k].rule;
    // new spelling: cut out and lowered once
    const raw = html.slice(start, end);
    const rule = tagRule(raw.toLowerCase());
    bucket.push({ raw, rule });
    return rule;
  }

  private addNode(node: ChildNode): void {
    const parent = this.parents[this.parents.length - 1];
    const siblings = parent.children;
    // (reading index -1 of an empty array is a slow named lookup of "-1")
    const prev = siblings.length > 0 ? siblings[siblings.length - 1] : null;
    siblings.push(node);
    if (prev) {
      node.prev = prev;
      prev.next = node;
    }
    node.parent = parent;
    this.lastText = null;
  }

  private addText(data: string): void {
    if (this.lastText) {
      this.lastText.data += data;
      return;
    }
    const node = new TextNode(data);
    this.addNode(node);
    this.lastText = node;
  }

  private closeNode(): void {
    this.lastText = null;
    this.parents.pop();
  }

  private openTag(tag: TagRule): void {
    this.tag = tag;
    if (tag.closes) {
      while (this.names.length > 0 && tag.closes.has(this.names[this.names.length - 1])) {
        this.names.pop();
        this.closeNode();
      }
    }
    if (!tag.isVoid) {
      this.names.push(tag.name);
      if (tag.foreign !== undefined) this.foreign.push(tag.foreign);
    }
    this.attribs = NO_ATTRIBUTES;
    this.inTag = true;
  }

  private endOpenTag(): void {
    const tag = this.tag;
    if (this.inTag) {
      const element = new ElementNode(tag.name, this.attribs);
      this.addNode(element);
      if (this.parents.length > this.depth) this.depth = this.parents.length;
      this.parents.push(element);
      if (tag.name === 'table') this.tables.push(element);
      this.inTag = false;
    }
    if (tag.isVoid) this.closeNode();
    this.tag = NO_TAG;
  }

  private closeCurrentTag(): void {
    const name = this.tag.name;
    this.endOpenTag();
    if (this.names[this.names.length - 1] === name) {
      this.closeNode();
      this.names.pop();
    }
  }

  ontext(start: number, end: number): void {
    this.addText(this.html.slice(start, end));
  }

  ontextentity(codePoint: number): void {
    this.addText(String.fromCodePoint(codePoint));
  }

  onopentagname(start: number, end: number): void {
    // htmlparser2 keeps its open elements newest first (`unshift`): every tag opened cost as much
    // as the elements still open, and 32,000 unclosed <font> took seconds. At this depth a new
    // tag first closes the innermost element, as a tag that implies a close does.
    if (this.names.length >= this.maxOpen) {
      this.names.pop();
      this.closeNode();
    }
    this.openTag(this.ruleAt(start, end));
  }

  onopentagend(): void {
    this.endOpenTag();
  }

  onselfclosingtag(): void {
    if (this.foreign[this.foreign.length - 1]) this.closeCurrentTag();
    else this.endOpenTag();
  }

  onclosetag(start: number, end: number): void {
    const tag = this.ruleAt(start, end);
    if (tag.foreign !== undefined) this.foreign.pop();
    if (!tag.isVoid) {
      const at = this.names.lastIndexOf(tag.name);
      if (at !== -1) {
        while (this.names.length > at) {
          this.names.pop();
          this.closeNode();
        }
      } else if (tag.name === 'p') {
        // `</p>` with no <p> open is an empty paragraph
        this.openTag(P_RULE);
        this.closeCurrentTag();
      }
    } else if (tag.name === 'br') {
      // `</br>` is a line break
      this.addNode(new Element('br', {}));
    }
  }

  onattribname(start: number, end: number): void {
    this.attribName = readAttribute(this.html, start, end);
  }

  onattribdata(start: number, end: number): void {
    if (this.attribName !== null) this.attribValue += this.html.slice(start, end);
  }

  onattribentity(codePoint: number): void {
    if (this.attribName !== null) this.attribValue += String.fromCodePoint(codePoint);
  }

  onattribend(): void {
    const name = this.attribName;
    if (name === null) return;
    // the first of repeated attributes counts (none of READ_ATTRIBUTES is a property of Object)
    if (this.inTag) {
      if (this.attribs === NO_ATTRIBUTES) this.attribs = {};
      keepFirst(this.attribs, name, this.attribValue);
    }
    this.attribValue = '';
    this.attribName = null;
  }

  oncomment(start: number, end: number, endOffset: number): void {
    this.addNode(new Comment(this.html.slice(start, end - endOffset)));
  }

  oncdata(start: number, end: number, endOffset: number): void {
    // HTML has no CDATA sections: htmlparser2 keeps one as a comment
    this.addNode(new Comment(`[CDATA[${this.html.slice(start, end - endOffset)}]]`));
  }

  ondeclaration(start: number, end: number): void {
    const value = this.html.slice(start, end);
    this.addNode(new ProcessingInstruction(`!${instructionName(value)}`, `!${value}`));
  }

  onprocessinginstruction(start: number, end: number): void {
    const value = this.html.slice(start, end);
    this.addNode(new ProcessingInstruction(`?${instructionName(value)}`, `?${value}`));
  }

  onend(): void {}
}

export interface BuiltDom {
  root: Document;
  /** the `<table>` elements in document order */
  tables: Element[];
  /** how deep the deepest element lies (a child of the root: 1) */
  depth: number;
}

/**
 * The markup as the tree htmlparser2 (`new Parser(new DomHandler())`) builds, with at most
 * `maxOpen` elements open and only READ_ATTRIBUTES kept.
 */
export function buildDom(html: string, maxOpen: number): BuiltDom {
  const builder = new DomBuilder(html, maxOpen);
  const tokenizer = new FastTokenizer(builder);
  if (html) tokenizer.write(html);
  tokenizer.end();
  return { root: builder.root, tables: builder.tables, depth: builder.depth };
}
