// A link to where a report was published (another site). dom.js's h() keeps every link on this
// server; this is the one exception, and only for an http(s) URL, opened without a referrer
// and without access to this page.
export function outLink(url, text) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const a = document.createElement('a');
  a.href = u.href;
  a.rel = 'noopener noreferrer external';
  a.target = '_blank';
  a.className = 'original';
  a.textContent = text ?? u.href;
  a.title = u.href;
  return a;
}
