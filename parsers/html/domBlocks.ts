// A DOM subtree → the model's blocks in reading order: h1–h6 as headings, data tables as grids,
// every other line of text as a paragraph. Layout tables (ones wrapping other tables, or a
// single column of text) are read as containers, not as data.
import type { AnyNode, Element } from 'domhandler';
import type { Block } from '../../src/model';
import { LineBuffer, joinCellLines } from './textRuns';
import { BLOCK_TAGS, HEADING_TAGS, childElements, containsTable, elementLines, isElement, isSkipped, rowCells, tableRows } from './domText';

const CAPTION = new Set(['caption']);
import { buildTableBlock } from './tableGrid';

/** A table that only arranges the page: it wraps other tables or has a single column. */
export function isLayoutTable(table: Element): boolean {
  if (containsTable(table)) return true;
  return tableRows(table).every((tr) => rowCells(tr).length <= 1);
}

export interface BlockOptions {
  /** 0-based index of a `<table>` in the whole document, for provenance */
  tableIndex: (table: Element) => number;
}

export function domBlocks(roots: AnyNode[], opts: BlockOptions): Block[] {
  const blocks: Block[] = [];
  const buf = new LineBuffer();

  const flush = () => {
    for (const text of buf.take()) blocks.push({ type: 'paragraph', text, source: {} });
  };

  const visit = (node: AnyNode): void => {
    if (node.type === 'text') { buf.text(node.data); return; }
    if (!isElement(node) || isSkipped(node)) return;
    const tag = node.name;
    if (tag === 'br') { buf.lineBreak(); return; }
    if (tag === 'table') {
      flush();
      if (isLayoutTable(node)) {
        for (const tr of tableRows(node)) for (const td of rowCells(tr)) visitBlock(td);
      } else {
        // a <caption> ("表一 …") is printed above the table: keep it as text before the grid
        for (const caption of childElements(node, CAPTION)) visitBlock(caption);
        const table = buildTableBlock(node, opts.tableIndex(node));
        if (table.rows.some((row) => row.some((c) => c.text !== ''))) blocks.push(table);
      }
      return;
    }
    if (HEADING_TAGS.has(tag) && !containsTable(node)) {
      flush();
      const text = joinCellLines(elementLines(node));
      if (text) blocks.push({ type: 'heading', text, level: Number(tag[1]), source: {} });
      return;
    }
    if (BLOCK_TAGS.has(tag)) { visitBlock(node); return; }
    for (const child of node.children) visit(child);
  };

  const visitBlock = (el: Element) => {
    flush();
    for (const child of el.children) visit(child);
    flush();
  };

  for (const root of roots) visit(root);
  flush();
  return blocks;
}
