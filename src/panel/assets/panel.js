// Herald panel: draws the overview charts with uPlot from each chart's data attribute, and
// refreshes a post format's preview as it is edited. Loaded as a file: the CSP allows no
// inline script.
'use strict';

const COLOURS = [
  '#1f5fbf',
  '#17803d',
  '#b3261e',
  '#a15c00',
  '#6b3fa0',
  '#00838f',
  '#5b6670',
  '#c2185b',
];

function drawChart(el) {
  if (typeof uPlot === 'undefined') return;
  const data = JSON.parse(el.dataset.chart);
  if (data.series.length === 0) {
    el.textContent = 'Nothing in the last 24 hours.';
    return;
  }
  const width = Math.max(280, el.clientWidth - 2);
  const options = {
    width,
    height: 220,
    series: [{}].concat(
      data.series.map((s, i) => ({
        label: s.label,
        stroke: COLOURS[i % COLOURS.length],
        width: 2,
        points: { show: true, size: 4 },
      })),
    ),
    axes: [{}, { size: 56 }],
    scales: { x: { time: true } },
  };
  el.textContent = '';
  new uPlot(options, [data.x].concat(data.series.map((s) => s.values)), el);
}

function previewOnEdit(form) {
  const target = document.getElementById('preview');
  if (target === null) return;
  let timer;
  let seq = 0;
  const refresh = async () => {
    const mine = ++seq;
    const body = new URLSearchParams(new FormData(form));
    const res = await fetch(form.dataset.preview, {
      method: 'POST',
      body,
      credentials: 'same-origin',
    });
    if (mine !== seq || !res.ok) return;
    target.innerHTML = await res.text(); // server-rendered, escaped HTML fragment
  };
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 250);
  });
}

document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-chart]').forEach(drawChart);
  document.querySelectorAll('form[data-preview]').forEach(previewOnEdit);
});
