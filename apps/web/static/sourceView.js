// Where a cell was read, beside the tables: the PDF page drawn by pdf.js with the cell's box on
// it, the parsed HTML/DOCX table with the cell marked, or the text with the line marked. The
// original file is fetched by hash from this server; its markup is never rendered.
import { h, clear, getJson } from './dom.js';

let pdfjs = null;
const pdfDocs = new Map();

async function loadPdf(sha) {
  if (!pdfjs) {
    pdfjs = await import('/vendor/pdf.min.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = '/vendor/pdf.worker.min.mjs';
  }
  if (!pdfDocs.has(sha)) {
    pdfDocs.set(
      sha,
      pdfjs.getDocument({
        url: `/file/${sha}`,
        cMapUrl: '/vendor/pdfjs/cmaps/',
        cMapPacked: true,
        standardFontDataUrl: '/vendor/pdfjs/standard_fonts/',
        wasmUrl: '/vendor/pdfjs/wasm/',
        iccUrl: '/vendor/pdfjs/iccs/',
        // a hostile PDF gets no scripting, no eval-compiled fonts, no forms
        isEvalSupported: false,
        enableXfa: false,
      }).promise,
    );
  }
  return pdfDocs.get(sha);
}

async function showPdf(box, view, cell) {
  const { page: pageNo, bbox } = cell.source;
  const caption = h(
    'p',
    { class: 'muted' },
    `第 ${pageNo} 页 page ${pageNo} · ` +
      `bbox [${bbox.map((n) => Math.round(n * 10) / 10).join(', ')}] · ${cell.key} = ${cell.raw}`,
  );
  const doc = await loadPdf(view.sha256);
  const page = await doc.getPage(pageNo);
  const width = Math.max(300, box.clientWidth - 24);
  const unscaled = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: width / unscaled.width });
  const ratio = window.devicePixelRatio || 1;
  const canvas = h('canvas', {
    width: Math.floor(viewport.width * ratio),
    height: Math.floor(viewport.height * ratio),
  });
  canvas.style.width = `${viewport.width}px`;
  canvas.style.height = `${viewport.height}px`;
  const frame = h('div', { class: 'pdfbox', 'data-page': pageNo }, canvas);
  clear(box).append(caption, frame);
  await page.render({
    canvas,
    canvasContext: canvas.getContext('2d'),
    viewport,
    transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
  }).promise;
  // PDF user space (origin bottom-left) → CSS pixels of the drawn page
  const [x1, y1, x2, y2] = viewport.convertToViewportRectangle(bbox);
  const pad = 2;
  const mark = h('div', { class: 'mark', 'data-bbox': bbox.join(',') });
  Object.assign(mark.style, {
    left: `${Math.min(x1, x2) - pad}px`,
    top: `${Math.min(y1, y2) - pad}px`,
    width: `${Math.abs(x2 - x1) + 2 * pad}px`,
    height: `${Math.abs(y2 - y1) + 2 * pad}px`,
  });
  frame.append(mark);
  mark.scrollIntoView({ block: 'center' });
  box.dataset.shown = 'pdf';
}

async function showTable(box, view, cell) {
  const { table, row, cell: index } = cell.source;
  const excerpt = await getJson(`/api/report/${view.sha256}/table/${table}`);
  const el = h('table', { class: 'excerpt' });
  let marked = null;
  for (const r of excerpt.rows) {
    el.append(
      h(
        'tr',
        {},
        r.map((slot) => {
          const td = h(
            'td',
            {
              colspan: slot.colSpan > 1 ? slot.colSpan : undefined,
              rowspan: slot.rowSpan > 1 ? slot.rowSpan : undefined,
            },
            slot.text,
          );
          if (slot.row === row && slot.cell === index) {
            td.className = 'mark';
            marked = td;
          }
          return td;
        }),
      ),
    );
  }
  clear(box).append(
    h(
      'p',
      { class: 'muted' },
      `原文第 ${table + 1} 个表格 table ${table} · 行 row ${row} · 格 cell ${index} · ${cell.key} = ${cell.raw}`,
    ),
    el,
  );
  marked?.scrollIntoView({ block: 'center' });
  box.dataset.shown = 'table';
}

async function showText(box, view, cell) {
  const { line, column } = cell.source;
  const excerpt = await getJson(`/api/report/${view.sha256}/text?line=${line}`);
  const lines = h('div', { class: 'lines' });
  let marked = null;
  excerpt.lines.forEach((text, i) => {
    const no = excerpt.first + i;
    if (no !== line) {
      lines.append(h('div', {}, h('span', { class: 'no' }, no), text));
      return;
    }
    // the number itself is marked, not only its line: in crawler text it sits thousands of
    // columns in, off screen
    const [start, end] = numberSpan(text, column, cell.raw);
    marked = h('span', { class: 'mark' }, text.slice(start, end));
    lines.append(
      h(
        'div',
        { class: 'mark-line', 'data-line': no },
        h('span', { class: 'no' }, no),
        text.slice(0, start),
        marked,
        text.slice(end),
      ),
    );
  });
  clear(box).append(
    h(
      'p',
      { class: 'muted' },
      `第 ${line} 行 line ${line}${column ? ` · 第 ${column} 列 column ${column}` : ''} · ${cell.key} = ${cell.raw}`,
    ),
    lines,
  );
  marked?.scrollIntoView({ block: 'center', inline: 'center' });
  box.dataset.shown = 'text';
}

/**
 * Where the cell's text sits in its line: at its column (1-based) when the raw text is there,
 * else the occurrence of the raw text nearest the column, else the whole line.
 */
export function numberSpan(text, column, raw) {
  const at = column ? column - 1 : -1;
  if (raw && at >= 0 && text.startsWith(raw, at)) return [at, at + raw.length];
  if (raw) {
    let best = -1;
    for (let i = text.indexOf(raw); i >= 0; i = text.indexOf(raw, i + 1))
      if (best < 0 || Math.abs(i - at) < Math.abs(best - at)) best = i;
    if (best >= 0) return [best, best + raw.length];
  }
  return [0, text.length];
}

export async function showSource(box, view, cell) {
  delete box.dataset.shown;
  const s = cell.source;
  if (!s) {
    clear(box).append(
      h('p', { class: 'muted' }, `${cell.key}: 报告中此格为空或未读到 (blank or not found in the report)`),
    );
    box.dataset.shown = 'none';
    return;
  }
  if (!view.originalAvailable) {
    clear(box).append(
      h('p', { class: 'muted' }, `原文不在本机 (the original file is not available here): ${JSON.stringify(s)}`),
    );
    box.dataset.shown = 'none';
    return;
  }
  clear(box).append(h('p', { class: 'muted' }, '加载中… loading'));
  if (s.page !== undefined && s.bbox) return showPdf(box, view, cell);
  if (s.table !== undefined) return showTable(box, view, cell);
  if (s.line !== undefined) return showText(box, view, cell);
  clear(box).append(h('p', { class: 'muted' }, `位置 ${JSON.stringify(s)}`));
}
