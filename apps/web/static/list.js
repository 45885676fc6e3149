// The reports list: one row per report (its copies behind it) and per file that failed. The
// filters and the sort live in the address (a plain GET form); the rows come from /api/reports
// with counts for every menu; the filtered list can be downloaded as `xxgk export` writes it.
import { h, $, clear, getJson } from './dom.js';
import { outLink } from './outLink.js';

const PAGE = 100;
const params = new URLSearchParams(location.search);
const FILTERS = ['q', 'year', 'agency', 'region', 'layout', 'format', 'rule', 'error', 'disagreeing'];
const STATUS = {
  pass: '通过 passing',
  fail: '未通过 failing',
  empty: '无数据 no cells read',
  error: '解析错误 not parsed',
};

function fillSelect(select, facet, current, label = (v) => v) {
  const keep = [...select.options].filter((o) => o.value === '' || o.value === 'any' || o.value === 'none');
  clear(select).append(...keep);
  const values = new Map(facet.map((f) => [f.value, f.count]));
  if (current && !values.has(current) && !keep.some((o) => o.value === current)) values.set(current, 0);
  for (const [value, count] of values) select.append(h('option', { value }, `${label(value)} (${count})`));
  select.value = current ?? '';
}

function rulesCell(row) {
  const out = [];
  if (row.errorCode) out.push(h('span', { class: 'rule err', title: '解析错误 parse error' }, row.errorCode));
  // each rule id carries what the rule says
  for (const r of row.rules)
    out.push(
      h(
        'span',
        { class: 'rule', title: `${r.rule}: ${r.description} — ${r.count} 处 checks failed`, 'data-rule': r.rule },
        r.count > 1 ? `${r.rule} ×${r.count}` : r.rule,
      ),
    );
  if (!out.length) out.push(h('span', { class: 'muted' }, '—'));
  return out;
}

function statusCell(row) {
  return h(
    'span',
    {
      class: `status ${row.status}`,
      title: row.status === 'empty' ? '没有读到表格数据：没有可检查的内容 nothing was checked' : '',
    },
    STATUS[row.status],
  );
}

function copiesCell(row) {
  if (row.copies <= 1) return h('span', { class: 'copies' }, '1');
  return h(
    'span',
    {
      class: `copies${row.disagreements ? ' disagree' : ''}`,
      title: row.disagreements ? `${row.disagreements} 个单元格各副本不一致 (X-SOURCES)` : '各副本一致 copies agree',
    },
    row.disagreements ? `${row.copies} · ${row.disagreements} 不一致` : String(row.copies),
  );
}

const regionText = (r) => (r ? [r.province, r.city, r.county].filter(Boolean).join(' ') : '');

function pager(total, offset) {
  const el = clear($('#pager-top'));
  if (total <= PAGE) return;
  const go = (o) => {
    const p = new URLSearchParams(params);
    p.set('offset', String(o));
    return `/?${p}`;
  };
  if (offset > 0) el.append(h('a', { href: go(Math.max(0, offset - PAGE)) }, '« 上一页'));
  el.append(h('span', {}, `${offset + 1}–${Math.min(total, offset + PAGE)} / ${total}`));
  if (offset + PAGE < total) el.append(h('a', { href: go(offset + PAGE) }, '下一页 »'));
}

/** column headers: a click sorts by the column, a second click reverses */
function sortHeaders() {
  const by = params.get('sort') || 'agency',
    dir = params.get('dir') === 'desc' ? 'desc' : 'asc';
  for (const th of document.querySelectorAll('#reports th.sortable')) {
    const key = th.dataset.sort;
    const p = new URLSearchParams(params);
    p.delete('offset');
    p.set('sort', key);
    p.set('dir', key === by && dir === 'asc' ? 'desc' : 'asc');
    const label = th.textContent;
    clear(th).append(h('a', { href: `/?${p}` }, label));
    if (key === by) th.classList.add('sorted', dir);
  }
}

function exportLinks(api) {
  const el = clear($('#exports'));
  el.append(h('span', { class: 'muted' }, '导出此列表 export this list:'));
  for (const shape of ['wide', 'long', 'panel']) {
    for (const format of ['csv', 'jsonl', 'parquet']) {
      const p = new URLSearchParams(api);
      p.delete('limit');
      p.delete('offset');
      p.delete('sort');
      p.delete('dir');
      p.set('output', format);
      p.set('shape', shape);
      el.append(
        h(
          'a',
          { href: `/api/export?${p}`, download: '', 'data-shape': shape, 'data-output': format },
          `${shape}.${format}`,
        ),
      );
    }
  }
}

async function main() {
  for (const name of FILTERS) {
    const el = $(`#f-${name}`);
    if (!el || !params.get(name)) continue;
    if (el.type === 'checkbox') el.checked = true;
    else el.value = params.get(name);
  }
  $('#f-sort').value = params.get('sort') ?? '';
  $('#f-dir').value = params.get('dir') ?? '';
  if (!$('#f-sort').value) $('#f-sort').disabled = true;
  if (!$('#f-dir').value) $('#f-dir').disabled = true;
  sortHeaders();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const api = new URLSearchParams();
  for (const name of [...FILTERS, 'sort', 'dir']) if (params.get(name)) api.set(name, params.get(name));
  exportLinks(api);
  api.set('limit', String(PAGE));
  api.set('offset', String(offset));
  const data = await getJson(`/api/reports?${api}`);
  fillSelect($('#f-year'), data.facets.year, params.get('year'));
  fillSelect($('#f-layout'), data.facets.layout, params.get('layout'));
  fillSelect($('#f-format'), data.facets.format, params.get('format'));
  fillSelect($('#f-rule'), data.facets.rule, params.get('rule'));
  fillSelect($('#f-error'), data.facets.error, params.get('error'));
  clear($('#agencies')).append(
    ...data.facets.agency.slice(0, 1000).map((f) => h('option', { value: f.value }, `${f.count}`)),
  );
  clear($('#regions')).append(
    ...data.facets.region.slice(0, 1000).map((f) => h('option', { value: f.value }, `${f.count}`)),
  );
  const failing = data.facets.rule.map((f) => `${f.value} ${f.count}`).join(' · ');
  $('#summary').textContent =
    `${data.total} 份报告符合条件（库中共 ${data.stored} 份，来自 ${data.files} 个文件）${failing ? ` — 未通过: ${failing}` : ''}`;
  pager(data.total, offset);
  const body = clear($('#reports tbody'));
  for (const r of data.rows) {
    body.append(
      h(
        'tr',
        { 'data-sha': r.sha256, 'data-status': r.status },
        h(
          'td',
          {},
          r.agencyKey
            ? h('a', { href: `/agency?key=${encodeURIComponent(r.agencyKey)}`, class: 'agency' }, r.agency)
            : (r.agency ?? '（未识别）'),
        ),
        h('td', { class: 'year' }, r.year ?? ''),
        h(
          'td',
          { class: 'region', title: r.region?.code ?? '地区未知 region unknown' },
          r.region ? regionText(r.region) : h('span', { class: 'muted' }, '未知'),
        ),
        h('td', {}, h('a', { href: `/report/${r.sha256}`, class: 'title' }, r.title || r.sha256.slice(0, 16))),
        h('td', {}, r.format ?? ''),
        h('td', {}, r.layout ?? ''),
        h('td', { class: 'status-cell' }, statusCell(r)),
        h('td', { class: 'rules' }, rulesCell(r)),
        h('td', { class: 'cells' }, r.cellCount),
        h('td', { class: 'copies-cell' }, copiesCell(r)),
        h('td', { class: 'original-cell' }, r.originalUrl ? outLink(r.originalUrl, '原文') : ''),
      ),
    );
  }
  document.body.dataset.ready = 'list';
}

main().catch((e) => {
  $('#summary').textContent = `无法读取: ${e.message}`;
  $('#summary').className = 'error';
  document.body.dataset.ready = 'error';
});
