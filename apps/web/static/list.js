// The reports list: the filters live in the address (a plain GET form), the rows come from
// /api/reports with counts for every menu.
import { h, $, clear, getJson } from './dom.js';

const PAGE = 100;
const params = new URLSearchParams(location.search);
const FILTERS = ['q', 'year', 'agency', 'layout', 'format', 'rule', 'error'];

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
  for (const r of row.rules) out.push(h('span', { class: 'rule', title: `${r.count} 处 checks failed` }, r.count > 1 ? `${r.rule} ×${r.count}` : r.rule));
  if (!out.length) out.push(h('span', { class: 'rule ok' }, '无未通过规则'));
  return out;
}

function pager(total, offset) {
  const el = clear($('#pager-top'));
  if (total <= PAGE) return;
  const go = (o) => { const p = new URLSearchParams(params); p.set('offset', String(o)); return `/?${p}`; };
  if (offset > 0) el.append(h('a', { href: go(Math.max(0, offset - PAGE)) }, '« 上一页'));
  el.append(h('span', {}, `${offset + 1}–${Math.min(total, offset + PAGE)} / ${total}`));
  if (offset + PAGE < total) el.append(h('a', { href: go(offset + PAGE) }, '下一页 »'));
}

async function main() {
  for (const name of FILTERS) { const el = $(`#f-${name}`); if (el && params.get(name)) el.value = params.get(name); }
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const api = new URLSearchParams();
  for (const name of FILTERS) if (params.get(name)) api.set(name, params.get(name));
  api.set('limit', String(PAGE));
  api.set('offset', String(offset));
  const data = await getJson(`/api/reports?${api}`);
  fillSelect($('#f-year'), data.facets.year, params.get('year'));
  fillSelect($('#f-layout'), data.facets.layout, params.get('layout'));
  fillSelect($('#f-format'), data.facets.format, params.get('format'));
  fillSelect($('#f-rule'), data.facets.rule, params.get('rule'));
  const errSelect = $('#f-error');
  fillSelect(errSelect, data.facets.error, params.get('error'));
  clear($('#agencies')).append(...data.facets.agency.slice(0, 1000).map((f) => h('option', { value: f.value }, `${f.count}`)));
  const failing = data.facets.rule.map((f) => `${f.value} ${f.count}`).join(' · ');
  $('#summary').textContent = `${data.total} 份报告符合条件（库中共 ${data.stored} 份）${failing ? ` — 未通过: ${failing}` : ''}`;
  pager(data.total, offset);
  const body = clear($('#reports tbody'));
  for (const r of data.rows) {
    body.append(h('tr', { 'data-sha': r.sha256 },
      h('td', {}, r.agency ?? '（未识别）'),
      h('td', {}, r.year ?? ''),
      h('td', {}, h('a', { href: `/report/${r.sha256}` }, r.title || r.sha256.slice(0, 16))),
      h('td', {}, r.format ?? ''),
      h('td', {}, r.layout ?? ''),
      h('td', { class: 'rules' }, rulesCell(r)),
      h('td', {}, r.cellCount),
    ));
  }
  document.body.dataset.ready = 'list';
}

main().catch((e) => { $('#summary').textContent = `无法读取: ${e.message}`; $('#summary').className = 'error'; document.body.dataset.ready = 'error'; });
