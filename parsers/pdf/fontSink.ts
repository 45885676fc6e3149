// A stand-in for the DOM document that pdfjs installs embedded fonts into. We never render, so
// the fonts can go nowhere. Why not `disableFontFace: true`: then pdfjs instead builds a vector
// path for every glyph shown (so a canvas could draw without fonts), which measured ~40% of the
// operator-list time on WPS reports. Without a document in Node, pdfjs's font loader fails and
// falls back to re-loading each font, which is slower still.
//
// The sink offers the Font Loading API (`document.fonts` + a no-op `FontFace`), so pdfjs hands
// each font over as bytes. Offering only a <style> sheet made pdfjs base64-encode every embedded
// font into an @font-face rule first (~0.8 MB of font data and ~6 ms per report, thrown away).
export function fontSinkDocument(): Document {
  installFontFaceStub();
  const style = {
    remove() {},
    sheet: {
      cssRules: [] as string[],
      insertRule() {
        return 0;
      },
    },
  };
  const sink = {
    createElement: () => style,
    documentElement: { getElementsByTagName: () => [{ append() {} }] },
    fonts: { add() {}, delete() {} },
  };
  return sink as unknown as Document; // only the members pdfjs's FontLoader touches
}

/**
 * Node has no FontFace (a browser API); pdfjs's FontLoader constructs one per font and awaits
 * `loaded` (and `load()` for fonts it substitutes). Installed only where none exists, so a
 * real implementation is never replaced; nothing else in Node looks for it.
 */
function installFontFaceStub(): void {
  const g = globalThis as { FontFace?: unknown };
  if (g.FontFace !== undefined) return;
  class FontFaceStub {
    readonly status = 'loaded';
    constructor(readonly family: string) {}
    get loaded(): Promise<this> {
      return Promise.resolve(this);
    }
    load(): Promise<this> {
      return Promise.resolve(this);
    }
  }
  Object.defineProperty(globalThis, 'FontFace', {
    value: FontFaceStub,
    configurable: true,
    writable: true,
    enumerable: false,
  });
}
