// buildDom builds the tree htmlparser2's own Parser + DomHandler build (what cheerio's `load`
// made for these readers before), on the repository's pages whole and cut anywhere, and on
// markup soups of tags, attributes, entities, comments, CDATA, foreign content and raw-text
// elements. Only READ_ATTRIBUTES are compared: the others are dropped on purpose.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { DomHandler, type AnyNode } from 'domhandler';
import { buildDom, READ_ATTRIBUTES } from '../parsers/html/domBuilder';

const NUM_RUNS = Number(process.env.NUM_RUNS ?? 500);
const ROOT = join(__dirname, '..');

/** htmlparser2's Parser with its open elements capped, as loadHtml read pages before buildDom. */
class CappedParser extends Parser {
  constructor(
    private readonly dom: DomHandler,
    private readonly maxOpen: number,
  ) {
    super(dom);
  }
  override onopentagname(start: number, endIndex: number): void {
    const open = (this as unknown as { stack: string[] }).stack;
    if (open.length >= this.maxOpen) {
      open.shift();
      this.dom.onclosetag();
    }
    super.onopentagname(start, endIndex);
  }
}

function htmlparser2Tree(html: string, maxOpen: number) {
  const dom = new DomHandler();
  new CappedParser(dom, maxOpen).end(html);
  return dom.root;
}

/** Every node's kind, name, read attributes, data and class, and whether its links agree. */
function describeTree(node: AnyNode, out: string[] = []): string[] {
  out.push(`${node.constructor.name}:${node.type}`);
  if ('name' in node) out.push(node.name);
  if ('data' in node) out.push(JSON.stringify(node.data));
  if ('attribs' in node)
    for (const [k, v] of Object.entries(node.attribs)) if (READ_ATTRIBUTES.has(k)) out.push(`@${k}=${v}`);
  if ('children' in node) {
    out.push('[');
    node.children.forEach((c, i) => {
      const linked =
        c.parent === node && c.prev === (node.children[i - 1] ?? null) && c.next === (node.children[i + 1] ?? null);
      if (!linked) out.push('BROKEN LINKS');
      describeTree(c, out);
    });
    out.push(']');
  }
  return out;
}

const sameTree = (html: string, maxOpen: number) =>
  expect(describeTree(buildDom(html, maxOpen).root).join('\n')).toBe(
    describeTree(htmlparser2Tree(html, maxOpen)).join('\n'),
  );

function pages(): string[] {
  const out: string[] = [];
  for (const dir of [
    'samples/html',
    'tests/corpus/real',
    'tests/fixtures/hostile',
    'tests/fixtures/legacy',
    'apps/web/static',
  ])
    for (const f of readdirSync(join(ROOT, dir)))
      if (/\.html?$/.test(f))
        out.push(readFileSync(join(ROOT, dir, f), 'utf8'), readFileSync(join(ROOT, dir, f), 'latin1'));
  return out;
}

const NAMES = [
  'p',
  'P',
  'div',
  'td',
  'TD',
  'tr',
  'th',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'li',
  'br',
  'BR',
  'img',
  'hr',
  'svg',
  'math',
  'title',
  'TITLE',
  'script',
  'style',
  'textarea',
  'xmp',
  'desc',
  'mi',
  'foreignObject',
  'option',
  'optgroup',
  'select',
  'input',
  'button',
  'dd',
  'dt',
  'h1',
  'body',
  'head',
  'link',
  'font',
  'b',
  'span',
  'xml',
  'o:p',
  'rt',
  'rp',
];
const ATTRIBUTES = [
  ...READ_ATTRIBUTES,
  'Style',
  'CLASS',
  'RowSpan',
  'width',
  'nowrap',
  'lang',
  '__proto__',
  'constructor',
  'İd',
  'x"y',
];
const VALUES = ['', '2', '0', 'display:none', 'a&amp;b', '&quot', '&#x31;', 'text-align: center', 'nav share', '中文'];
/** what stands between an attribute's name and its value, and between attributes */
const EQUALS = ['=', ' = ', '\n=\t'];
const GAPS = [' ', '  ', '\n', '/', ' / '];
const attribute = fc
  .tuple(
    fc.constantFrom(...GAPS),
    fc.constantFrom(...ATTRIBUTES),
    fc.constantFrom(...EQUALS),
    fc.constantFrom(...VALUES),
    fc.constantFrom('"', "'", '', null),
  )
  .map(([gap, name, equals, value, quote]) =>
    quote === null ? `${gap}${name}` : `${gap}${name}${equals}${quote}${value}${quote}`,
  );
const openTag = fc
  .tuple(fc.constantFrom(...NAMES), fc.array(attribute, { maxLength: 3 }), fc.constantFrom('>', '/>', ' / >', ''))
  .map(([name, attrs, end]) => `<${name}${attrs.join('')}${end}`);
const closeTag = fc.constantFrom(...NAMES).map((name) => `</${name}>`);
/** pieces of markup, whole and broken */
const PIECES = [
  '<',
  '>',
  '/',
  '</',
  '<!',
  '<!--',
  '-->',
  '--',
  '<!-->',
  '<?',
  '?>',
  '<![CDATA[',
  ']]>',
  '=',
  '"',
  "'",
  ' ',
  '\n',
  '\t',
  '&',
  '&amp;',
  '&lt',
  '&#60;',
  '&#x4e00;',
  '&#0;',
  '&nbsp',
  '&notit;',
  '&#128;',
  '&#xD800;',
  'a',
  '中',
  '1',
  '<!DOCTYPE html>',
  '<!--[if gte mso 9]><xml><o:p>x</o:p></xml><![endif]-->',
  '</ br>',
  '</p >',
  'K',
];
const soup = fc
  .array(fc.oneof(openTag, closeTag, closeTag, fc.constantFrom(...PIECES)), { maxLength: 60 })
  .map((parts) => parts.join(''));

describe('buildDom builds the tree htmlparser2 builds', () => {
  const all = pages();

  test('on every page of the repository', () => {
    expect(all.length).toBeGreaterThan(10);
    for (const html of all) sameTree(html, 512);
  });

  test('on pieces of the pages cut anywhere (inside tags, attributes, entities, comments)', () => {
    fc.assert(
      fc.property(fc.nat(all.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(4000), (p, at, length) => {
        const html = all[p];
        const start = Math.floor(at * html.length);
        sameTree(html.slice(start, start + length), 512);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('on markup soups, with room to nest and with only three elements open at most', () => {
    fc.assert(
      fc.property(soup, fc.constantFrom(3, 512), (html, maxOpen) => sameTree(html, maxOpen)),
      { numRuns: NUM_RUNS * 4 },
    );
  });

  test('on nesting past the limit, closing tags after it', () => {
    for (const tag of ['b', 'p', 'td', 'svg', 'li'])
      for (const depth of [3, 4, 5, 20]) sameTree(`${`<${tag}>x`.repeat(depth)}</p></b>y${`</${tag}>`.repeat(3)}`, 4);
  });
});
