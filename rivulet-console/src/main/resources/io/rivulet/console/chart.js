// A small live line chart in SVG: a rolling window of samples, one line per series, y axis from
// zero to a rounded maximum. No dependencies; redraws on every push.

const SVG = 'http://www.w3.org/2000/svg';
const W = 480;
const H = 150;
const PAD = { left: 46, right: 10, top: 10, bottom: 20 };

function el(name, attrs = {}, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

/** 1, 2, 5 × 10^n at or above v. */
function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

export class LineChart {
  /**
   * @param parent element to append to
   * @param options {title, format: (number) => string, series: [{name, color}], window: samples}
   */
  constructor(parent, { title, format = String, series, window = 120, id }) {
    this.format = format;
    this.series = series;
    this.window = window;
    this.samples = []; // [{t, values: []}]
    this.box = document.createElement('figure');
    this.box.className = 'chart';
    if (id) this.box.dataset.chart = id;
    const caption = document.createElement('figcaption');
    caption.innerHTML = `<span class="chart-title"></span><span class="chart-legend"></span>`;
    caption.querySelector('.chart-title').textContent = title;
    const legend = caption.querySelector('.chart-legend');
    this.current = series.map((s) => {
      const item = document.createElement('span');
      item.className = 'legend-item';
      item.innerHTML = '<i></i><span class="legend-name"></span> <b class="legend-value">–</b>';
      item.querySelector('i').style.background = s.color;
      item.querySelector('.legend-name').textContent = s.name;
      legend.appendChild(item);
      return item.querySelector('.legend-value');
    });
    this.box.appendChild(caption);
    this.svg = el('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img' }, this.box);
    this.svg.setAttribute('aria-label', title);
    this.grid = el('g', { class: 'grid' }, this.svg);
    this.lines = series.map((s) => el('polyline', { fill: 'none', stroke: s.color, 'stroke-width': 1.8, 'vector-effect': 'non-scaling-stroke' }, this.svg));
    parent.appendChild(this.box);
    this.draw();
  }

  /** Adds one sample (values in series order) and redraws. */
  push(t, values) {
    this.samples.push({ t, values });
    if (this.samples.length > this.window) this.samples.shift();
    values.forEach((v, i) => { this.current[i].textContent = this.format(v); });
    this.box.dataset.last = values.join(',');
    this.box.dataset.max = String(Math.max(...this.samples.flatMap((s) => s.values)));
    this.draw();
  }

  draw() {
    const max = niceMax(Math.max(0, ...this.samples.flatMap((s) => s.values)));
    const x0 = PAD.left;
    const x1 = W - PAD.right;
    const y0 = H - PAD.bottom;
    const y1 = PAD.top;
    const y = (v) => y0 - (v / max) * (y0 - y1);
    const x = (i) => x1 - (this.window - 1 - i) * ((x1 - x0) / (this.window - 1));
    this.grid.replaceChildren();
    for (const f of [0, 0.5, 1]) {
      const yy = y(max * f);
      el('line', { x1: x0, x2: x1, y1: yy, y2: yy, class: f === 0 ? 'axis' : 'gridline' }, this.grid);
      el('text', { x: x0 - 6, y: yy + 4, 'text-anchor': 'end' }, this.grid).textContent = this.format(max * f);
    }
    el('text', { x: x0, y: H - 4 }, this.grid).textContent = `${this.window} s ago`;
    el('text', { x: x1, y: H - 4, 'text-anchor': 'end' }, this.grid).textContent = 'now';
    const offset = this.window - this.samples.length;
    this.lines.forEach((line, s) => {
      const points = this.samples.map((sample, i) => `${x(offset + i).toFixed(1)},${y(sample.values[s]).toFixed(1)}`);
      line.setAttribute('points', points.join(' '));
    });
  }
}
