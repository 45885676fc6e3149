// A stand-in for the DOM document that pdfjs installs embedded fonts into. We never render, so
// the @font-face rules can go nowhere. Why not `disableFontFace: true`: then pdfjs instead
// builds a vector path for every glyph shown (so a canvas could draw without fonts), which
// measured ~40% of the operator-list time on WPS reports. Without a document in Node, pdfjs's
// font loader fails and falls back to re-loading each font, which is slower still.
export function fontSinkDocument(): Document {
  const style = { remove() {}, sheet: { cssRules: [] as string[], insertRule() { return 0; } } };
  const sink = {
    createElement: () => style,
    documentElement: { getElementsByTagName: () => [{ append() {} }] },
  };
  return sink as unknown as Document; // only the members pdfjs's FontLoader touches

}
