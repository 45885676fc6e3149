// One agency's years side by side: per year the report the dataset takes, the panel indicators
// (with the table and layout each came from), its status and failing rules, and X-CARRY /
// X-INFORCE against the year before.
import { h, $, clear, getJson } from './dom.js';
import { outLink } from './outLink.js';

const key = new URLSearchParams(location.search).get('key') ?? '';
const STATUS = { pass: '通过', fail: '未通过', empty: '无数据' };
const VERDICT = {
  agrees: '一致 agrees',
  differs: '不一致 differs',
  not_assessable: '无法判断',
  not_applicable: '不适用',
  no_previous_year: '无上一年',
};

function row(label, title, cells) {
  return h('tr', {}, h('th', { title }, label), cells);
}

async function main() {
  if (!key) throw new Error('no agency key');
  const view = await getJson(`/api/agency?key=${encodeURIComponent(key)}`);
  document.title = `xxgk · ${view.key}`;
  $('#title').textContent = `${view.key} — ${view.years.length} 年度报告`;
  const region = view.region
    ? [view.region.province, view.region.city, view.region.county].filter(Boolean).join(' ')
    : '地区未知 region unknown';
  $('#meta').textContent = `名称 names: ${view.names.join('、')} · ${region}`;
  const ex = clear($('#exports'));
  ex.append(h('span', { class: 'muted' }, '导出 export:'));
  for (const format of ['csv', 'jsonl', 'parquet'])
    ex.append(
      h(
        'a',
        { href: `/api/export?agency=${encodeURIComponent(view.key)}&shape=panel&output=${format}`, download: '' },
        `panel.${format}`,
      ),
    );

  const years = view.years;
  const head = $('#years thead');
  clear(head).append(
    h(
      'tr',
      {},
      h('th', {}, '年份 year'),
      years.map((y) => h('th', { 'data-year': y.year }, h('a', { href: `/report/${y.id}` }, String(y.year ?? '?')))),
    ),
  );
  const body = clear($('#years tbody'));
  body.append(
    row(
      '报告 report',
      '',
      years.map((y) => h('td', {}, y.title ?? '', y.originalUrl ? h('div', {}, outLink(y.originalUrl, '原文')) : null)),
    ),
  );
  body.append(
    row(
      '版式 layout',
      '',
      years.map((y) =>
        h(
          'td',
          {},
          Object.values(y.tables).length ? [...new Set(Object.values(y.tables))].join(' / ') : (y.layout ?? ''),
        ),
      ),
    ),
  );
  body.append(
    row(
      '状态 status',
      '',
      years.map((y) => h('td', {}, h('span', { class: `status ${y.status}` }, STATUS[y.status]))),
    ),
  );
  body.append(
    row(
      '副本 copies',
      '',
      years.map((y) =>
        h(
          'td',
          { class: y.disagreements ? 'differs' : '' },
          y.disagreements ? `${y.copies}（${y.disagreements} 处不一致）` : String(y.copies),
        ),
      ),
    ),
  );
  for (const ind of view.indicators) {
    body.append(
      row(
        `${ind.label} ${ind.id}`,
        `${ind.description} (${ind.unit})`,
        years.map((y) => {
          const v = y.indicators[ind.id];
          return h(
            'td',
            { class: 'num', 'data-indicator': ind.id, title: v.note ?? '' },
            v.value ?? '',
            v.from ? h('span', { class: 'from' }, v.from) : null,
          );
        }),
      ),
    );
  }
  body.append(
    row(
      '未通过的规则 rules',
      '',
      years.map((y) =>
        h(
          'td',
          {},
          y.rules.map((r) =>
            h(
              'span',
              { class: 'rule', title: `${r.rule}: ${r.description}` },
              r.count > 1 ? `${r.rule} ×${r.count}` : r.rule,
            ),
          ),
        ),
      ),
    ),
  );
  body.append(
    row(
      'X-CARRY',
      '上年结转 = 上一年结转下年 carriedOver(Y) = carriedForward(Y−1)',
      years.map((y) => h('td', { class: y.cross.carry, 'data-check': 'X-CARRY' }, VERDICT[y.cross.carry])),
    ),
  );
  body.append(
    row(
      'X-INFORCE',
      '现行有效 = 上年现行有效 + 本年制发 − 本年废止',
      years.map((y) => h('td', { class: y.cross.inForce, 'data-check': 'X-INFORCE' }, VERDICT[y.cross.inForce])),
    ),
  );

  const cross = clear($('#cross'));
  for (const y of years) {
    if (y.cross.previousYear === null) continue;
    cross.append(
      h(
        'li',
        {},
        `${y.cross.previousYear} → ${y.year}: X-CARRY ${VERDICT[y.cross.carry]}, X-INFORCE ${VERDICT[y.cross.inForce]}`,
        y.cross.flags.length
          ? h(
              'ul',
              {},
              y.cross.flags.map((f) =>
                h('li', {}, h('span', { class: 'rule', title: f.description }, f.rule), ` ${f.message}`),
              ),
            )
          : null,
      ),
    );
  }
  const gaps = years.filter((y, i) => i > 0 && y.cross.previousYear === null).map((y) => y.year);
  if (!cross.children.length)
    cross.append(
      h(
        'li',
        { class: 'muted' },
        `没有相邻年份 no consecutive years${gaps.length ? `（${years.map((y) => y.year).join(', ')}）` : ''}`,
      ),
    );
  document.body.dataset.ready = 'agency';
}

main().catch((e) => {
  $('#error').textContent = `无法读取: ${e.message}`;
  document.body.dataset.ready = 'error';
});
