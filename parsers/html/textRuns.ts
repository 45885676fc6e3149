// Text runs → lines, as a reader sees them: whitespace collapsed, `&nbsp;`/U+3000 treated as
// spaces, inline runs (`<span>1</span><span>2</span>`) joined without a gap, a source line
// break next to a Chinese character dropped (Word's HTML wraps lines inside Chinese words).

/** CJK ideographs, full-width punctuation and forms: no space is implied between these. */
const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f\u2018-\u201d]/;
const isWide = (ch: string | undefined) => ch !== undefined && WIDE.test(ch);

/** Invisible characters that only disturb matching. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
/** Whitespace that collapses, newlines excluded (they are segment breaks, handled apart). */
const SPACES = /[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

/**
 * Collapse one line's raw text. `\n` marks a segment break from the source: it vanishes
 * beside a wide character and becomes a space between Latin letters or digits.
 */
export function collapseLine(raw: string): string {
  const s = raw.replace(INVISIBLE, '').replace(/\r\n?/g, '\n').replace(SPACES, ' ');
  if (!s.includes('\n')) return s.trim(); // the common case: nothing left to decide
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch !== ' ' && ch !== '\n') { out += ch; continue; }
    let j = i;
    let hasBreak = false;
    while (j < s.length && (s[j] === ' ' || s[j] === '\n')) { if (s[j] === '\n') hasBreak = true; j++; }
    const before = out[out.length - 1];
    const after = s[j];
    if (before !== undefined && after !== undefined && !(hasBreak && (isWide(before) || isWide(after)))) out += ' ';
    i = j - 1;
  }
  return out.trim();
}

/** Join the lines of one table cell: no gap between Chinese pieces (`结果<br>纠正` → 结果纠正). */
export function joinCellLines(lines: string[]): string {
  let out = '';
  for (const line of lines) {
    if (!line) continue;
    if (out && !isWide(out[out.length - 1]) && !isWide(line[0])) out += ' ';
    out += line;
  }
  return out;
}

/**
 * Collects text pieces and hard breaks (`<br>`, block boundaries) and hands back finished,
 * non-empty lines.
 */
export class LineBuffer {
  private current = '';
  private lines: string[] = [];

  text(data: string): void { this.current += data; }

  /** A hard break: `<br>` or the edge of a block element. */
  lineBreak(): void {
    const line = collapseLine(this.current);
    if (line) this.lines.push(line);
    this.current = '';
  }

  /** All finished lines so far, emptying the buffer. */
  take(): string[] {
    this.lineBreak();
    const out = this.lines;
    this.lines = [];
    return out;
  }
}
