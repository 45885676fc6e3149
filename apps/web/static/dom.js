// Building the page from report data: every string becomes a text node, never markup. No
// innerHTML anywhere in these scripts, so text from a report cannot become an element or a
// handler, whatever it holds.

/** h('td', { class: 'fail', title: key }, 'text', childNode…) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) throw new Error('no event handler attributes: use addEventListener');
    if (name === 'href' && !isLocalHref(String(value))) throw new Error('only links within this server');
    el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** a path on this server (`/…` but not `//host`) or a fragment of this page */
const isLocalHref = (href) =>
  href.startsWith('#') || (href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/\\'));

export const $ = (sel, root = document) => root.querySelector(sel);

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export async function getJson(url) {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) {
    // the server's own words when it sent some (a source file it cannot parse says why)
    const body = await res.json().catch(() => null);
    throw new Error(body?.error ?? `${url}: ${res.status}`);
  }
  return res.json();
}

export const isSha = (s) => /^[0-9a-f]{64}$/.test(s);
