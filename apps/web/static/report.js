// One report: metadata, failed rules with both sides written out, not-assessable rules with the
// blank cells they need, the three tables as printed, the heading tree; a click on a cell
// opens the source view beside the tables.
import { h, $, clear, getJson, isSha } from './dom.js';
import { showSource } from './sourceView.js';
import { outLink } from './outLink.js';

const sha = location.pathname.split('/').pop();

function meta(view) {
  const rows = [
    ['机关 agency', view.agency ?? '（未识别）'],
    ['年份 year', view.year ?? '（未识别）'],
    ['版式 layout', view.layout ?? ''],
    ['格式 format', view.format ?? ''],
    ['来源 source', view.url ?? view.path],
    ...view.sources.filter((s) => s !== view.path && s !== view.url).map((s) => ['又见于 also at', s]),
    ['sha256', view.sha256],
    ['解析器 parser', view.parserVersion],
  ];
  const dl = clear($('#meta'));
  for (const [k, v] of rows)
    dl.append(h('dt', {}, k), h('dd', { class: k === 'sha256' ? 'mono' : undefined }, String(v)));
  const region = view.region
    ? [view.region.province, view.region.city, view.region.county].filter(Boolean).join(' ') +
      (view.region.code ? ` (${view.region.code})` : '')
    : '未知 unknown';
  dl.append(h('dt', {}, '地区 region'), h('dd', { id: 'region' }, region));
  if (view.originalUrl)
    dl.append(h('dt', {}, '原文链接 published at'), h('dd', { id: 'original-url' }, outLink(view.originalUrl)));
  if (view.agencyKey)
    dl.append(
      h('dt', {}, '历年 all years'),
      h(
        'dd',
        {},
        h(
          'a',
          { href: `/agency?key=${encodeURIComponent(view.agencyKey)}`, id: 'agency-link' },
          `${view.agencyKey} 历年报告`,
        ),
      ),
    );
  if (view.originalAvailable)
    dl.append(
      h('dt', {}, '原文 original'),
      h('dd', {}, h('a', { href: `/file/${view.sha256}`, download: '' }, '下载 download')),
    );
}

function tree(sections) {
  if (!sections.length) return h('p', { class: 'muted' }, '（无）');
  return h(
    'ul',
    {},
    sections.map((s) => h('li', {}, `${s.number} ${s.title}`, s.children.length ? tree(s.children) : null)),
  );
}

/** key → { fail: [rules], missing: [rules] } */
function cellMarks(view) {
  const marks = new Map();
  const mark = (key, kind, rule) => {
    const m = marks.get(key) ?? { fail: [], missing: [] };
    if (!m[kind].includes(rule)) m[kind].push(rule);
    marks.set(key, m);
  };
  for (const f of view.flags) for (const k of f.cells) mark(k, 'fail', f.rule);
  for (const r of view.notAssessable) for (const k of r.missing) mark(k, 'missing', r.rule);
  return marks;
}

function drawTable(part, marks, onCell) {
  const table = h('table', { class: 'report' });
  const thead = h('thead');
  for (const row of part.head) {
    thead.append(
      h(
        'tr',
        {},
        row.map((c) => h('th', { colspan: c.colSpan, rowspan: c.rowSpan, title: c.key }, c.text)),
      ),
    );
  }
  const width = Math.max(...part.rows.map((r) => ('cells' in r ? r.cells.length + (r.label === null ? 0 : 1) : 1)));
  const tbody = h('tbody');
  for (const row of part.rows) {
    if ('group' in row) {
      tbody.append(h('tr', {}, h('td', { class: 'group', colspan: width }, row.group)));
      continue;
    }
    const tds = row.cells.map((c) => {
      const m = marks.get(c.key);
      const blank = c.raw === null || c.raw === '';
      const cls = ['num', m?.fail.length ? 'fail' : '', m?.missing.length ? 'missing' : '', blank ? 'blank' : '']
        .filter(Boolean)
        .join(' ');
      const why = [
        m?.fail.length ? `未通过 ${m.fail.join(', ')}` : '',
        m?.missing.length ? `${m.missing.join(', ')} 需要此格` : '',
      ]
        .filter(Boolean)
        .join('; ');
      const td = h(
        'td',
        { class: cls, title: why ? `${c.key} — ${why}` : c.key, 'data-key': c.key },
        blank ? '' : c.raw,
      );
      td.addEventListener('click', () => onCell(c, td));
      return td;
    });
    tbody.append(
      h('tr', { 'data-row': row.key }, row.label === null ? null : h('th', { title: row.key }, row.label), tds),
    );
  }
  table.append(thead, tbody);
  return table;
}

function flagItem(f, selectKey) {
  const item = h(
    'li',
    { 'data-rule': f.rule },
    h('span', { class: 'rule', title: f.description }, f.rule),
    ' ',
    h('span', { class: 'muted rule-description' }, f.description),
    ' ',
    f.numbers ? h('span', { class: 'sides' }, f.numbers) : h('span', {}, f.message),
    h('div', { class: 'mono muted' }, f.keys ?? f.message),
  );
  item.addEventListener('click', () => selectKey(f.cells[0]));
  return item;
}

function notAssessableItem(r, selectKey) {
  // the blank cells, grouped by row: `applications|withheld.stateSecret: commercial, research`
  const byRow = new Map();
  for (const k of r.missing) {
    const at = k.lastIndexOf('|');
    const row = k.slice(0, at);
    byRow.set(row, [...(byRow.get(row) ?? []), k]);
  }
  const list = h('ul', { class: 'mono' });
  for (const [row, keys] of byRow) {
    const li = h('li', {}, `${row}: `);
    keys.forEach((k, i) => {
      const a = h('a', { href: `#${encodeURIComponent(k)}`, 'data-key': k, title: k }, k.slice(row.length + 1));
      a.addEventListener('click', (e) => {
        e.preventDefault();
        selectKey(k);
      });
      li.append(i ? ', ' : '', a);
    });
    list.append(li);
  }
  return h(
    'li',
    { 'data-rule': r.rule },
    h('span', { class: 'rule err', title: r.description }, r.rule),
    ` ${r.notAssessable}/${r.checks} 项无法判断 — ${r.description}`,
    h(
      'details',
      {},
      h('summary', {}, `需要这些空白单元格 blank cells it needs (${r.missing.length})，表中以黄色标出`),
      list,
    ),
  );
}

/** every file of this report, best-read first, and the cells on which they disagree */
function copies(view) {
  const table = clear($('#copies'));
  $('#copies-note').textContent =
    view.copies.length > 1
      ? `此报告有 ${view.copies.length} 个副本（格式、网址或转载）；数据集采用第一个 the dataset takes the first, best-read copy.`
      : '只有这一个文件 one file.';
  table.append(
    h(
      'tr',
      {},
      h('th', {}, ''),
      h('th', {}, '格式'),
      h('th', {}, '单元格'),
      h('th', {}, '规则'),
      h('th', {}, '来源 sources'),
    ),
  );
  for (const c of view.copies) {
    table.append(
      h(
        'tr',
        { class: c.current ? 'current' : undefined, 'data-sha': c.sha256 },
        h('td', {}, c.best ? '采用 used' : ''),
        h(
          'td',
          {},
          c.current ? (c.format ?? '') : h('a', { href: `/report/${c.sha256}` }, c.format ?? c.sha256.slice(0, 12)),
        ),
        h('td', {}, c.cells),
        h('td', {}, c.flags),
        h('td', { class: 'mono' }, c.sources.join('  ·  ')),
      ),
    );
  }
  const list = clear($('#x-sources'));
  for (const x of view.xSources) {
    list.append(
      h(
        'li',
        { 'data-rule': 'X-SOURCES', 'data-cell': x.cell },
        h('span', { class: 'rule', title: x.description }, 'X-SOURCES'),
        ' ',
        h('span', { class: 'muted rule-description' }, x.description),
        h('div', { class: 'mono' }, x.cell),
        h(
          'ul',
          {},
          x.values.map((v) => h('li', {}, h('span', { class: 'sides' }, String(v.value)), ` ${v.sources.join(', ')}`)),
        ),
      ),
    );
  }
}

async function main() {
  if (!isSha(sha)) throw new Error('not a report id');
  const view = await getJson(`/api/report/${sha}`);
  document.title = `xxgk · ${view.agency ?? ''} ${view.year ?? ''}`;
  $('#title').textContent = view.title ?? view.path;
  meta(view);
  copies(view);
  if (view.error) $('#error').textContent = `解析错误 ${view.error.code}: ${view.error.message}`;

  const marks = cellMarks(view);
  let selected = null;
  const onCell = (cell, td) => {
    selected?.classList.remove('selected');
    td.classList.add('selected');
    selected = td;
    showSource($('#source'), view, cell).catch((e) => {
      clear($('#source')).append(h('p', { class: 'error' }, `无法显示原文: ${e.message}`));
    });
  };
  const selectKey = (key) => {
    const td = [...document.querySelectorAll('td[data-key]')].find((t) => t.dataset.key === key);
    if (td) {
      td.scrollIntoView({ block: 'center' });
      td.click();
    }
  };

  const flags = clear($('#flags'));
  if (view.flags.length) flags.append(...view.flags.map((f) => flagItem(f, selectKey)));
  else flags.append(h('li', { class: 'muted' }, '没有未通过的规则 no failed rule'));
  const na = clear($('#not-assessable'));
  if (view.notAssessable.length) na.append(...view.notAssessable.map((r) => notAssessableItem(r, selectKey)));
  else na.append(h('li', { class: 'muted' }, '（无）'));

  const tables = clear($('#tables'));
  for (const d of view.tables) {
    tables.append(h('h2', {}, d.title, h('span', { class: 'muted' }, d.template ? ` (${d.template} 版)` : '')));
    if (!d.found) tables.append(h('p', { class: 'muted' }, '报告中未找到此表 not found in the report'));
    for (const part of d.parts) tables.append(h('div', { 'data-table': d.table }, drawTable(part, marks, onCell)));
  }
  clear($('#sections')).append(tree(view.sections));
  clear($('#findings')).append(...view.findings.map((f) => h('li', {}, f)));
  document.body.dataset.ready = 'report';
}

main().catch((e) => {
  $('#error').textContent = `无法读取报告: ${e.message}`;
  document.body.dataset.ready = 'error';
});
