// Debug aid: print the Doc a PDF becomes, tables as rows of cells, to check by eye.
// Usage: node dist/parsers/pdf/dumpPdf.js FILE.pdf
import { readFile } from 'node:fs/promises';
import { DEFAULT_LIMITS } from '../types';
import { parsePdf } from './parsePdf';

async function main(file: string) {
  const doc = await parsePdf(new Uint8Array(await readFile(file)), { limits: DEFAULT_LIMITS });
  console.log(`title: ${doc.title ?? '(none)'}  notes: ${doc.notes.join('; ')}`);
  for (const b of doc.blocks) {
    if (b.type !== 'table') {
      console.log(`[${b.type} p${b.source.page}] ${b.text}`);
      continue;
    }
    console.log(`[table p${b.source.page} ${b.rows.length}x${b.rows[0]?.length ?? 0}]`);
    b.rows.forEach((row, r) =>
      console.log(
        `  ${r}: ` +
          row
            .map(
              (c) =>
                (c.covered ? '^' : '') + c.text + (c.rowSpan > 1 || c.colSpan > 1 ? `{${c.rowSpan}x${c.colSpan}}` : ''),
            )
            .join(' | '),
      ),
    );
  }
}

main(process.argv[2]).catch((e) => {
  console.error(e);
  process.exit(1);
});
