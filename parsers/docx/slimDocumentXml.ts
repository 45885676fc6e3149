// mammoth reads document.xml into a full DOM (xmldom) before it looks at a single paragraph, and
// most of a Word file's elements only draw the page: cell borders and widths, spacing, fonts,
// sizes, languages, proofing marks. A report of ~200 KB of XML took ~80 ms, most of it building and
// collecting nodes that mammoth then ignores. These elements are dropped before mammoth reads the
// file; what it turns into HTML (text, runs, paragraph styles, numbering, gridSpan/vMerge, breaks,
// bold/italic/superscript, bookmarks as anchors) is left as it was, and the HTML comes out the same
// (tests/docxSlim.test.ts compares it, file by file).

/** property elements that hold only other property elements (borders, margins) */
const DRAWING_CONTAINERS = ['tcBorders', 'tblBorders', 'tblCellMar', 'tcMar', 'pBdr'];

/**
 * empty property elements mammoth never turns into HTML: widths, alignment, indents, spacing,
 * fonts, sizes, colours, languages, proofing marks, the end of a bookmark (its start makes an anchor
 * and stays)
 */
const DRAWING_LEAVES = [
  'tcW',
  'tblW',
  'tblInd',
  'tblLayout',
  'tblLook',
  'trHeight',
  'vAlign',
  'jc',
  'ind',
  'spacing',
  'bidi',
  'widowControl',
  'suppressLineNumbers',
  'snapToGrid',
  'adjustRightInd',
  'autoSpaceDE',
  'autoSpaceDN',
  'wordWrap',
  'overflowPunct',
  'topLinePunct',
  'kinsoku',
  'textAlignment',
  'rFonts',
  'sz',
  'szCs',
  'color',
  'kern',
  'lang',
  'shd',
  'noProof',
  'proofErr',
  'bookmarkEnd',
  'lastRenderedPageBreak',
];

const CONTAINER = new RegExp(`<w:(${DRAWING_CONTAINERS.join('|')})\\b[^>]*?(?:/>|>[\\s\\S]*?</w:\\1>)`, 'g');
const LEAF = new RegExp(`<w:(?:${DRAWING_LEAVES.join('|')})\\b[^>]*/>`, 'g');
const EMPTY_RUN_PROPERTIES = /<w:rPr>\s*<\/w:rPr>/g;

/**
 * document.xml without the elements that only draw the page. Tags in XML text are escaped
 * (`&lt;`), so a pattern on `<w:…` meets only markup.
 */
export function slimDocumentXml(xml: string): string {
  return xml.replace(CONTAINER, '').replace(LEAF, '').replace(EMPTY_RUN_PROPERTIES, '');
}
