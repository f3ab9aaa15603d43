// Hand-made SVG charts: a few line and bar charts need no library, and drawing them here keeps the
// dashboard free of third-party code and working offline.
const SVG = 'http://www.w3.org/2000/svg';

function node(name, attributes, parent) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (parent) parent.appendChild(element);
  return element;
}

function frame(container, width, height) {
  container.replaceChildren();
  return node('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' }, container);
}

function legend(container, series) {
  const box = document.createElement('div');
  box.className = 'legend';
  for (const s of series) {
    const item = document.createElement('span');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = s.color;
    item.append(swatch, s.name);
    box.appendChild(item);
  }
  container.appendChild(box);
}

/**
 * Lines on a [0, xMax] × [0, yMax] plane; options.diagonal draws y = x, options.marker a vertical line at that x,
 * options.xFormat labels the x ticks.
 */
export function lineChart(container, series, options = {}) {
  const width = 360, height = 260, left = 42, right = 10, top = 10, bottom = 36;
  const xMax = options.xMax ?? 1, yMax = options.yMax ?? 1;
  const x = v => left + (v / xMax) * (width - left - right);
  const y = v => height - bottom - (v / yMax) * (height - top - bottom);
  const svg = frame(container, width, height);
  for (let i = 0; i <= 4; i++) {
    const gx = (xMax * i) / 4, gy = (yMax * i) / 4;
    node('line', { class: 'grid', x1: x(gx), x2: x(gx), y1: y(0), y2: y(yMax) }, svg);
    node('line', { class: 'grid', x1: x(0), x2: x(xMax), y1: y(gy), y2: y(gy) }, svg);
    node('text', { x: x(gx), y: height - bottom + 14, 'text-anchor': 'middle' }, svg).textContent = (options.xFormat ?? format)(gx);
    node('text', { x: left - 6, y: y(gy) + 4, 'text-anchor': 'end' }, svg).textContent = format(gy);
  }
  node('line', { class: 'axis', x1: x(0), x2: x(xMax), y1: y(0), y2: y(0) }, svg);
  node('line', { class: 'axis', x1: x(0), x2: x(0), y1: y(0), y2: y(yMax) }, svg);
  node('text', { x: (left + width - right) / 2, y: height - 4, 'text-anchor': 'middle' }, svg).textContent = options.xLabel ?? '';
  node('text', { x: 12, y: (top + height - bottom) / 2, 'text-anchor': 'middle', transform: `rotate(-90 12 ${(top + height - bottom) / 2})` }, svg).textContent = options.yLabel ?? '';
  if (options.diagonal) node('line', { class: 'diagonal', x1: x(0), y1: y(0), x2: x(Math.min(xMax, yMax)), y2: y(Math.min(xMax, yMax)) }, svg);
  const drawn = series.filter(s => s.points.length > 0);
  for (const s of drawn) {
    const d = s.points.map((p, i) => `${i ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join('');
    node('path', { class: 'series', d, stroke: s.color, 'data-series': s.name, 'data-points': s.points.length }, svg);
    if (s.dots) for (const p of s.points) node('circle', { cx: x(p.x), cy: y(p.y), r: 3, fill: s.color }, svg);
  }
  if (options.marker !== undefined) node('line', { class: 'marker', x1: x(options.marker), x2: x(options.marker), y1: y(0), y2: y(yMax) }, svg);
  legend(container, drawn);
}

/** Stacked bars: one bar per category, one segment per series. */
export function barChart(container, categories, series, options = {}) {
  const width = 760, height = 200, left = 42, right = 10, top = 10, bottom = 40;
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const yMax = Math.max(1, ...totals);
  const band = (width - left - right) / Math.max(1, categories.length);
  const y = v => height - bottom - (v / yMax) * (height - top - bottom);
  const svg = frame(container, width, height);
  node('line', { class: 'axis', x1: left, x2: width - right, y1: y(0), y2: y(0) }, svg);
  node('text', { x: left - 6, y: y(yMax) + 4, 'text-anchor': 'end' }, svg).textContent = format(yMax);
  categories.forEach((category, i) => {
    let base = 0;
    for (const s of series) {
      const v = s.values[i] ?? 0;
      if (v > 0) node('rect', { class: 'bar', x: left + i * band + 2, width: Math.max(1, band - 4), y: y(base + v), height: y(base) - y(base + v), fill: s.color }, svg);
      base += v;
    }
    if (categories.length <= 16 || i % Math.ceil(categories.length / 16) === 0)
      node('text', { x: left + i * band + band / 2, y: height - bottom + 14, 'text-anchor': 'middle' }, svg).textContent = category;
  });
  node('text', { x: (left + width - right) / 2, y: height - 4, 'text-anchor': 'middle' }, svg).textContent = options.xLabel ?? '';
  legend(container, series);
}

function format(v) {
  return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : Math.abs(v) >= 10 ? Math.round(v).toString() : +v.toFixed(2) + '';
}
