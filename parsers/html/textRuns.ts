// Text runs → lines, as a reader sees them: whitespace collapsed, `&nbsp;`/U+3000 treated as
// spaces, inline runs (`<span>1</span><span>2</span>`) joined without a gap, a source line
// break next to a Chinese character dropped (Word's HTML wraps lines inside Chinese words).

/**
 * CJK ideographs, full-width punctuation and forms, curly quotes (U+2E80–9FFF, F900–FAFF,
 * FE30–FE4F, FF00–FFEF, 2018–201D): no space is implied between these.
 */
function isWideCode(c: number): boolean {
  return (
    (c >= 0x2e80 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xffef) ||
    (c >= 0x2018 && c <= 0x201d)
  );
}
const isWide = (ch: string | undefined) => ch !== undefined && isWideCode(ch.charCodeAt(0));

/** Invisible characters that only disturb matching: U+200B–200D, U+2060, BOM, soft hyphen. */
function isInvisible(c: number): boolean {
  return (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff || c === 0xad;
}

/** Whitespace that collapses, `\r`/`\n` excluded (they are segment breaks). */
function isCollapsingSpace(c: number): boolean {
  if (c < 0x80) return c === 32 || c === 9 || c === 11 || c === 12;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** What collapseLine rewrites: breaks, collapsing spaces other than a lone ' ', invisibles. */
const REWRITTEN = /[\r\n\t\v\f\u00a0\u1680\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff\u00ad]| {2}/;

/**
 * Collapse one line's raw text: invisible characters dropped, each gap of spaces and source
 * line breaks made one space, or nothing when the gap holds a break beside a wide character
 * (Word wraps lines inside Chinese words); the ends trimmed.
 */
function collapseLine(raw: string): string {
  if (!REWRITTEN.test(raw)) return raw.trim(); // the common case: a native scan finds nothing to do
  let out = '';
  let from = -1; // start of the visible run being copied
  let inGap = false,
    gapHasBreak = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const isBreak = c === 10 || c === 13;
    if (!isBreak && !isCollapsingSpace(c) && !isInvisible(c)) {
      if (inGap) {
        // a gap between two visible characters; one at the start of the line is dropped
        if (out && !(gapHasBreak && (isWideCode(out.charCodeAt(out.length - 1)) || isWideCode(c)))) out += ' ';
        inGap = false;
      }
      if (from < 0) from = i;
      continue;
    }
    if (from >= 0) {
      out += raw.slice(from, i);
      from = -1;
    }
    if (isInvisible(c)) continue; // dropped without ending a gap or a run
    if (!inGap) {
      inGap = true;
      gapHasBreak = false;
    }
    if (isBreak) gapHasBreak = true;
  }
  if (from >= 0) out += raw.slice(from);
  return out.trim();
}

/** Join a table cell's next line on: no gap between Chinese pieces (`结果<br>纠正` → 结果纠正). */
function appendCellLine(out: string, line: string): string {
  if (!line) return out;
  if (out && !isWide(out[out.length - 1]) && !isWide(line[0])) return `${out} ${line}`;
  return out + line;
}

/** Where text runs and hard breaks (`<br>`, block boundaries) go. */
export interface TextSink {
  text(data: string): void;
  /** A hard break: `<br>` or the edge of a block element. */
  lineBreak(): void;
}

/** Collects text pieces and hard breaks and hands back finished, non-empty lines. */
export class LineBuffer implements TextSink {
  private current = '';
  private readonly lines: string[] = [];

  text(data: string): void {
    this.current += data;
  }

  lineBreak(): void {
    if (!this.current) return;
    const line = collapseLine(this.current);
    if (line) this.lines.push(line);
    this.current = '';
  }

  /** Hand each finished line to `emit`, emptying the buffer. */
  drain(emit: (line: string) => void): void {
    this.lineBreak();
    for (const line of this.lines) emit(line);
    this.lines.length = 0;
  }
}

/** Joins lines as they finish, with appendCellLine: one string, no array of lines. */
export class CellTextBuffer implements TextSink {
  private current = '';
  private joined = '';

  text(data: string): void {
    this.current += data;
  }

  lineBreak(): void {
    if (this.current) this.joined = appendCellLine(this.joined, collapseLine(this.current));
    this.current = '';
  }

  /** The joined text, emptying the buffer. */
  take(): string {
    this.lineBreak();
    const out = this.joined;
    this.joined = '';
    return out;
  }
}
