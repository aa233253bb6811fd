// Access for everyone: a polite live region that announces lane status
// changes and the readout under the keyboard cursor, and the chart's text
// alternative (a table of the series the core draws, revealed by a button).

/** Announces short texts through the polite live region #announce. */
export class Announcer {
  constructor() {
    this.el = document.getElementById('announce');
    this.queue = [];
    this.timer = 0;
    this.later = new Map();
  }

  /** Queues `text`; texts said within a moment are read together. */
  say(text) {
    this.queue.push(text);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), 120);
  }

  /** Says `text` once things settle: a newer text under the same `key` replaces it. */
  sayLater(key, text, ms = 450) {
    clearTimeout(this.later.get(key));
    this.later.set(key, setTimeout(() => { this.later.delete(key); this.say(text); }, ms));
  }

  flush() {
    const text = this.queue.join('. ');
    this.queue = [];
    // The same text twice in a row is still announced: clear, then set.
    this.el.textContent = '';
    requestAnimationFrame(() => { this.el.textContent = text; });
  }
}

const num = (v) => (v === null || v === undefined ? '—' : Number.isFinite(v) ? String(+v.toPrecision(6)) : String(v));

/** Rows shown per series at most; longer series are thinned evenly, first and last kept. */
const MAX_ROWS = 100;

/**
 * A "Table of the data" button and the tables it reveals, filled from the
 * core by `source(app)` (the chart shown: chartData; the data panel: dataTable).
 */
export class ChartTable {
  constructor(ctx, button, box, source) {
    this.ctx = ctx;
    this.button = document.getElementById(button);
    this.box = document.getElementById(box);
    this.source = source;
    this.last = 0;
    this.button.addEventListener('click', () => this.toggle());
    ctx.afterFrame.push(() => this.refresh(false));
  }

  /** The table of the chart panel: the tab shown, against the x-axis chosen. */
  static charts(ctx) {
    const kind = () => document.querySelector('[data-chart][aria-selected="true"]')?.dataset.chart || 'loss';
    const t = new ChartTable(ctx, 'chart-table-toggle', 'chart-table', (app) => app.chartData(kind()));
    for (const b of document.querySelectorAll('[data-chart]')) b.addEventListener('click', () => t.refresh(true));
    document.getElementById('x-axis').addEventListener('change', () => t.refresh(true));
    return t;
  }

  /** The table of the data panel: the points and each lane's model. */
  static data(ctx) {
    return new ChartTable(ctx, 'data-table-toggle', 'data-table', (app) => app.dataTable());
  }

  get open() {
    return this.button.getAttribute('aria-expanded') === 'true';
  }

  toggle() {
    const open = !this.open;
    this.button.setAttribute('aria-expanded', String(open));
    this.button.textContent = open ? 'Hide the table' : 'Table of the data';
    this.box.hidden = !open;
    this.refresh(true);
  }

  /** Rebuilds the table (at most twice a second while running, unless `now`). */
  refresh(now) {
    if (!this.open) return;
    const t = performance.now();
    if (!now && t - this.last < 500) return;
    this.last = t;
    const data = this.ctx.guard(() => this.source(this.ctx.app), null);
    if (data) this.render(data);
  }

  render(data) {
    const tables = [];
    for (const s of data.series) {
      const n = s.points.length;
      const idx = n <= MAX_ROWS ? [...Array(n).keys()] : [...new Set(Array.from({ length: MAX_ROWS }, (_, k) => Math.round((k * (n - 1)) / (MAX_ROWS - 1))))];
      const table = document.createElement('table');
      table.className = 'data-table';
      const cap = document.createElement('caption');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = s.color;
      swatch.setAttribute('aria-hidden', 'true');
      cap.append(swatch, `${s.label}: ${data.y_label} against ${data.x_label}${idx.length < n ? ` (${idx.length} of ${n} points, evenly spaced)` : ''}`);
      const head = document.createElement('thead');
      const hr = document.createElement('tr');
      for (const h of [data.x_label, data.y_label]) {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = h;
        hr.append(th);
      }
      head.append(hr);
      const body = document.createElement('tbody');
      for (const i of idx) {
        const tr = document.createElement('tr');
        for (const v of s.points[i]) {
          const td = document.createElement('td');
          td.textContent = num(v);
          tr.append(td);
        }
        body.append(tr);
      }
      table.append(cap, head, body);
      tables.push(table);
    }
    if (!tables.length) {
      const p = document.createElement('p');
      p.textContent = 'No data yet: the chart is empty.';
      tables.push(p);
    }
    if (data.markers.length) {
      const p = document.createElement('p');
      p.textContent = `Marked: ${data.markers.map(([x, label]) => `${label} at ${num(x)}`).join('; ')}.`;
      tables.push(p);
    }
    this.box.replaceChildren(...tables);
  }
}
