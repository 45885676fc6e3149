// The dataset in three charts (Chart.js, loaded from this server as /vendor/chart.umd.min.js).
import { h, $, clear, getJson } from './dom.js';

const Chart = window.Chart;
const COLORS = ['#2e90fa', '#f79009', '#12b76a', '#9e77ed', '#f04438', '#667085', '#ee46bc', '#15b79e', '#875bf7'];
const BASE = { animation: false, responsive: true, maintainAspectRatio: true };

function yearsChart(rows) {
  const years = [...new Set(rows.map((r) => r.year ?? '未知'))].sort();
  const layouts = [...new Set(rows.map((r) => r.layout ?? 'unknown'))].sort();
  const datasets = layouts.map((layout, i) => ({
    label: layout,
    backgroundColor: COLORS[i % COLORS.length],
    data: years.map((y) =>
      rows
        .filter((r) => (r.year ?? '未知') === y && (r.layout ?? 'unknown') === layout)
        .reduce((a, r) => a + r.count, 0),
    ),
  }));
  return new Chart($('#chart-years'), {
    type: 'bar',
    data: { labels: years.map(String), datasets },
    options: {
      ...BASE,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

function rulesChart(shares) {
  const assessed = shares[0]?.assessed ?? 0;
  return new Chart($('#chart-rules'), {
    type: 'bar',
    data: {
      labels: shares.map((s) => s.rule),
      datasets: [
        {
          label: `未通过的报告 % (共 ${assessed} 份已解析)`,
          backgroundColor: '#f04438',
          data: shares.map((s) => Math.round(s.share * 1000) / 10),
        },
      ],
    },
    options: {
      ...BASE,
      indexAxis: 'y',
      scales: {
        x: { beginAtZero: true, max: 100, title: { display: true, text: '%' } },
        y: { ticks: { autoSkip: false } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            afterLabel: (ctx) =>
              `${shares[ctx.dataIndex].failing} / ${assessed} — ${shares[ctx.dataIndex].description}`,
          },
        },
      },
    },
  });
}

function agencyChart(history) {
  const lines = new Set(['newReceived', 'carriedOver', 'carriedForward']);
  const datasets = history.series.map((s, i) => ({
    label: s.label,
    type: lines.has(s.key) ? 'line' : 'bar',
    // the outcome bars add up to what was handled; each line is a stack of its own, so a line's
    // point sits at its own value, never on top of another series
    stack: lines.has(s.key) ? `line:${s.key}` : 'outcomes',
    borderColor: COLORS[i % COLORS.length],
    backgroundColor: COLORS[i % COLORS.length],
    data: s.values,
    order: lines.has(s.key) ? 0 : 1,
  }));
  return new Chart($('#chart-agency'), {
    type: 'bar',
    data: { labels: history.years.map(String), datasets },
    options: {
      ...BASE,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

/** The same numbers as the agency chart, as a table: one row per series, one column per year. */
function agencyTable(history) {
  const head = h('tr', {}, h('th', {}, '表三总计'), ...history.years.map((y) => h('th', {}, String(y))));
  const rows = history.series.map((s) =>
    h(
      'tr',
      { 'data-series': s.key },
      h('th', {}, s.label),
      ...s.values.map((v, i) => h('td', { 'data-year': history.years[i] }, v == null ? '' : String(v))),
    ),
  );
  clear($('#agency-table')).append(h('thead', {}, head), h('tbody', {}, ...rows));
}

async function main() {
  const [overview, list] = await Promise.all([getJson('/api/charts'), getJson('/api/reports?limit=1')]);
  yearsChart(overview.perYearLayout);
  rulesChart(overview.ruleShares);
  const agencies = [...list.facets.agency].sort((a, b) => b.count - a.count);
  clear($('#agencies')).append(...agencies.slice(0, 1000).map((a) => h('option', { value: a.value }, `${a.count}`)));
  const agency = new URLSearchParams(location.search).get('agency') || agencies[0]?.value;
  if (agency) {
    $('#agency').value = agency;
    const history = await getJson(`/api/charts/agency?agency=${encodeURIComponent(agency)}`);
    agencyChart(history);
    agencyTable(history);
    $('#agency-note').textContent = history.years.length
      ? `${history.agency}: ${history.years.length} 年 (${history.years.join(', ')})，表三总计列`
      : `${history.agency}: 没有已解析的报告`;
  }
  $('#status').textContent = `${list.stored} 份报告`;
  document.body.dataset.ready = 'charts';
}

main().catch((e) => {
  $('#status').textContent = `无法读取: ${e.message}`;
  $('#status').className = 'error';
  document.body.dataset.ready = 'error';
});
