// What a page is made of once laid out, in reading order: text lines and tables.
import type { PageTable } from './fillGrid';
import type { TextLine } from './textLines';

export type PageElement =
  | { kind: 'line'; page: number; line: TextLine; top: number }
  | { kind: 'table'; page: number; table: PageTable; top: number };
