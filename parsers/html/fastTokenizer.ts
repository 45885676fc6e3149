// htmlparser2's Tokenizer, sped up where most of a page is read: text runs, quoted attribute
// values, and whole ordinary start and end tags. Everything else (entities in text and in kept
// attributes, comments, directives, raw-text elements like <script>, markup cut short at the end)
// is left to its own code. tests/domBuilder.test.ts holds the tree built from it to htmlparser2's.
import { QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { readAttribute } from './readAttributes';

/** The tokenizer's own members that FastTokenizer reads and replaces (private in its typings). */
interface TokenizerInternals {
  buffer: string;
  index: number;
  offset: number;
  sectionStart: number;
  stateText(c: number): void;
  handleInAttributeValue(c: number, quote: number): void;
  write(chunk: string): void;
  end(): void;
}
const TokenizerBase = Tokenizer as unknown as new (
  options: { decodeEntities: boolean },
  callbacks: TokenizerCallbacks,
) => TokenizerInternals;
const SPED_UP = ['stateText', 'handleInAttributeValue'];
if (!SPED_UP.every((m) => typeof Reflect.get(Tokenizer.prototype, m) === 'function'))
  throw new Error(`htmlparser2 changed: its Tokenizer lacks one of ${SPED_UP.join(', ')} to speed up`);

const LT = 0x3c; // <
const GT = 0x3e; // >
const AMP = 0x26; // &
const SLASH = 0x2f; // /
const EQUALS = 0x3d; // =
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

/** The tokenizer's whitespace: space, tab, LF, FF, CR. */
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
const isAsciiLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
/** Where a tag name ends (the tokenizer's isEndOfTagSection). */
const endsTagName = (c: number) => c === SLASH || c === GT || isSpace(c);

/**
 * Elements whose content the tokenizer reads as raw text up to their end tag: their start tags
 * are left to it. Their names in lower case; a start tag's name is compared ignoring ASCII case.
 */
const RAW_TEXT_ELEMENTS = ['script', 'style', 'title', 'textarea', 'xmp'];

function isRawTextName(html: string, start: number, end: number): boolean {
  const first = html.charCodeAt(start) | 0x20;
  if (first !== 0x73 && first !== 0x74 && first !== 0x78) return false; // s, t, x
  for (let k = 0; k < RAW_TEXT_ELEMENTS.length; k++) {
    const name = RAW_TEXT_ELEMENTS[k];
    if (name.length === end - start && sameLetters(html, start, name)) return true;
  }
  return false;
}

/** Whether `html` at `start` spells `lower` (ASCII letters) in any case. */
function sameLetters(html: string, start: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) if ((html.charCodeAt(start + i) | 0x20) !== lower.charCodeAt(i)) return false;
  return true;
}

/** Write one attribute's five marks at `n` (an array reused from tag to tag); the next `n`. */
function mark(marks: number[], n: number, a: number, b: number, c: number, d: number, e: number): number {
  marks[n] = a;
  marks[n + 1] = b;
  marks[n + 2] = c;
  marks[n + 3] = d;
  marks[n + 4] = e;
  return n + 5;
}

// htmlparser2's QuoteType, bound once (the compiled import reads it through a getter at every use)
const { NoValue: VALUELESS, Unquoted: UNQUOTED, Double: DOUBLE_QUOTED, Single: SINGLE_QUOTED } = QuoteType;

/** An attribute without a value; otherwise the value's quote character, or 0 when unquoted. */
const NO_VALUE = -1;

/**
 * htmlparser2's Tokenizer, which looks at a page one character at a time through its state switch
 * and reports every name and value through a callback as it goes. Here a plain loop reads each
 * text run, quoted value and ordinary tag whole and reports it in the same calls, in the same
 * order, with the same positions. A tag it does not take is read by the tokenizer itself from its
 * `<`, so nothing is reported twice.
 */
export class FastTokenizer extends TokenizerBase {
  /** The attributes of the start tag being read: name start, name end, value start, value end, quote. */
  private readonly marks: number[] = [];
  /** How many of `marks` hold the tag being read. */
  private markCount = 0;

  constructor(private readonly callbacks: TokenizerCallbacks) {
    super({ decodeEntities: true }, callbacks);
  }

  /** Before the first of `a`/`b` after the current character (the tokenizer then steps onto it). */
  private skipToBefore(a: number, b: number): void {
    const buffer = this.buffer;
    let i = this.index - this.offset + 1;
    while (i < buffer.length) {
      const c = buffer.charCodeAt(i);
      if (c === a || c === b) break;
      i++;
    }
    this.index = this.offset + i - 1;
  }

  override stateText(c: number): void {
    if (c === LT) {
      if (!this.readTag()) super.stateText(c);
    } else if (c === AMP) super.stateText(c);
    else this.skipToBefore(LT, AMP);
  }

  override handleInAttributeValue(c: number, quote: number): void {
    if (c === quote || c === AMP) super.handleInAttributeValue(c, quote);
    else this.skipToBefore(quote, AMP);
  }

  /**
   * At a `<` in text: read an ordinary start or end tag whole, leaving the tokenizer on its `>`
   * in the text state. False, with nothing reported, when the tag is not one taken here.
   */
  private readTag(): boolean {
    const html = this.buffer;
    const at = this.index - this.offset;
    const next = html.charCodeAt(at + 1); // NaN past the end
    if (isAsciiLetter(next)) return this.readStartTag(html, at);
    if (next === SLASH && isAsciiLetter(html.charCodeAt(at + 2))) return this.readEndTag(html, at);
    return false;
  }

  /** The text before the tag at `at`, as the tokenizer reports it on reaching a `<`. */
  private textBefore(at: number): void {
    const start = this.sectionStart;
    if (this.offset + at > start) this.callbacks.ontext(start, this.offset + at);
  }

  /** Leave the tokenizer on the tag's `>`, in the text state, as after reading it itself. */
  private afterTag(gt: number): void {
    this.index = this.offset + gt;
    this.sectionStart = this.offset + gt + 1;
  }

  /** `</name …>`: anything after the name's first space is skipped up to the `>`. */
  private readEndTag(html: string, at: number): boolean {
    const nameStart = at + 2;
    let end = nameStart + 1;
    while (end < html.length && html.charCodeAt(end) !== GT && !isSpace(html.charCodeAt(end))) end++;
    let gt = end;
    while (gt < html.length && html.charCodeAt(gt) !== GT) gt++;
    if (gt >= html.length) return false; // cut short: the tokenizer's own rules for trailing data
    this.textBefore(at);
    this.callbacks.onclosetag(this.offset + nameStart, this.offset + end);
    this.afterTag(gt);
    return true;
  }

  /**
   * `<name attributes…>` or `<name … />`, read with the tokenizer's rules: an attribute name runs
   * to `=`, `/`, `>` or a space, and its first character may be any other; a value is quoted or
   * runs to a space or `>`; a `/` not followed (after spaces) by `>` starts nothing. Not taken:
   * raw-text elements, a tag the page ends inside, and an `&` in the value of an attribute that is
   * kept (only the tokenizer decodes entities; in a dropped value one changes nothing).
   */
  private readStartTag(html: string, at: number): boolean {
    const length = html.length;
    const nameStart = at + 1;
    let p = nameStart + 1;
    while (p < length && !endsTagName(html.charCodeAt(p))) p++;
    const nameEnd = p;
    if (p >= length || isRawTextName(html, nameStart, nameEnd)) return false;
    const marks = this.marks;
    let n = 0;
    let selfClosing = false;
    for (;;) {
      // between attributes
      if (p >= length) return false;
      let c = html.charCodeAt(p);
      if (c === GT) break;
      if (isSpace(c)) {
        p++;
        continue;
      }
      if (c === SLASH) {
        p++;
        while (p < length && isSpace(html.charCodeAt(p))) p++;
        if (html.charCodeAt(p) === GT) {
          selfClosing = true;
          break;
        }
        continue; // what follows is read as between attributes
      }
      // an attribute name
      const attrStart = p++;
      while (p < length && (c = html.charCodeAt(p)) !== EQUALS && !endsTagName(c)) p++;
      const attrEnd = p;
      while (p < length && isSpace(html.charCodeAt(p))) p++;
      if (p >= length) return false;
      if (html.charCodeAt(p) !== EQUALS) {
        n = mark(marks, n, attrStart, attrEnd, 0, 0, NO_VALUE);
        continue; // `/`, `>` or the next attribute's name
      }
      p++;
      while (p < length && isSpace(html.charCodeAt(p))) p++;
      if (p >= length) return false;
      c = html.charCodeAt(p);
      // an `&` in the value is passed over only when the attribute is dropped
      if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
        let close = p + 1;
        for (let v; close < length && (v = html.charCodeAt(close)) !== c; close++)
          if (v === AMP && readAttribute(html, attrStart, attrEnd) !== null) return false;
        if (close >= length) return false;
        n = mark(marks, n, attrStart, attrEnd, p + 1, close, c);
        p = close + 1;
        continue;
      }
      const valueStart = p;
      while (p < length && (c = html.charCodeAt(p)) !== GT && !isSpace(c)) {
        if (c === AMP && readAttribute(html, attrStart, attrEnd) !== null) return false;
        p++;
      }
      if (p >= length) return false;
      n = mark(marks, n, attrStart, attrEnd, valueStart, p, 0);
    }
    this.markCount = n;
    this.report(at, nameStart, nameEnd, p, selfClosing);
    return true;
  }

  /** The calls the tokenizer makes for the start tag just read, ending on its `>` at `gt`. */
  private report(at: number, nameStart: number, nameEnd: number, gt: number, selfClosing: boolean): void {
    const cb = this.callbacks;
    const offset = this.offset;
    const marks = this.marks;
    this.textBefore(at);
    cb.onopentagname(offset + nameStart, offset + nameEnd);
    for (let i = 0; i < this.markCount; i += 5) {
      cb.onattribname(offset + marks[i], offset + marks[i + 1]);
      const quote = marks[i + 4];
      if (quote === NO_VALUE) {
        cb.onattribend(VALUELESS, offset + marks[i + 1]);
        continue;
      }
      cb.onattribdata(offset + marks[i + 2], offset + marks[i + 3]);
      if (quote === 0) cb.onattribend(UNQUOTED, offset + marks[i + 3]);
      else cb.onattribend(quote === DOUBLE_QUOTE ? DOUBLE_QUOTED : SINGLE_QUOTED, offset + marks[i + 3] + 1);
    }
    if (selfClosing) cb.onselfclosingtag(offset + gt);
    else cb.onopentagend(offset + gt);
    this.afterTag(gt);
  }
}
