// A note printed right under a table (注：本表统计时限为…, 说明：, 备注：, 数据来源：, a footnote
// mark): text about the table, not a row of it, and no reason to end it where it goes on over
// the page (buildBlocks holds it; alignedTables leaves it out of a page of rows).
export const TABLE_NOTE = /^\s*(?:注|说明|备注|数据来源|资料来源)\s*\d?\s*[:：]|^\s*[*＊※①-⑳]/;

/** how many lines a note under a table (TABLE_NOTE) may run to */
export const MAX_NOTE_LINES = 4;
