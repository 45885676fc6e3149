// A DOM subtree → the model's blocks in reading order: h1–h6 as headings, data tables as grids,
// every other line of text as a paragraph. Layout tables (ones wrapping other tables, or a
// single column of text) are read as containers, not as data.
import type { AnyNode, Element } from 'domhandler';
import type { Block } from '../../src/model/document';
import { LineBuffer } from './textRuns';
import {
  BLOCK_TAGS,
  HEADING_TAGS,
  cellText,
  childElements,
  containsTable,
  hasSeveralCells,
  isElement,
  isSkipped,
  rowCells,
  tableRows,
} from './domText';
import { buildTableBlock } from './tableGrid';

const CAPTION = new Set(['caption']);

/** A table that only arranges the page: it wraps other tables or has a single column. */
export function isLayoutTable(table: Element, rows = tableRows(table)): boolean {
  if (containsTable(table)) return true;
  return !rows.some(hasSeveralCells);
}

export interface BlockOptions {
  /** 0-based index of a `<table>` in the whole document, for provenance */
  tableIndex: (table: Element) => number;
}

export function domBlocks(roots: AnyNode[], opts: BlockOptions): Block[] {
  const blocks: Block[] = [];
  const buf = new LineBuffer();

  const paragraph = (text: string) => {
    blocks.push({ type: 'paragraph', text, source: {} });
  };
  const flush = () => buf.drain(paragraph);

  const visit = (node: AnyNode): void => {
    if (node.type === 'text') {
      buf.text(node.data);
      return;
    }
    if (!isElement(node) || isSkipped(node)) return;
    const tag = node.name;
    if (tag === 'br') {
      buf.lineBreak();
      return;
    }
    if (tag === 'table') {
      flush();
      const rows = tableRows(node);
      if (isLayoutTable(node, rows)) {
        for (const tr of rows) for (const td of rowCells(tr)) visitBlock(td);
      } else {
        // a <caption> ("表一 …") is printed above the table: keep it as text before the grid
        for (const caption of childElements(node, CAPTION)) visitBlock(caption);
        const table = buildTableBlock(node, opts.tableIndex(node), rows);
        if (table.rows.some((row) => row.some((c) => c.text !== ''))) blocks.push(table);
      }
      return;
    }
    if (HEADING_TAGS.has(tag) && !containsTable(node)) {
      flush();
      const text = cellText(node);
      if (text) blocks.push({ type: 'heading', text, level: Number(tag[1]), source: {} });
      return;
    }
    if (BLOCK_TAGS.has(tag)) {
      visitBlock(node);
      return;
    }
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
