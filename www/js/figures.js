// Figures for class and for papers: the race summary under the charts, the
// look (colour map, projector theme) and the exports (PNG at twice the
// screen's resolution, SVG, the slide figure, CSV and JSON of every run).
// The core draws and writes everything; this file wires buttons and saves files.
import { figureSize } from '../pkg/saddle.js';
import { setProp, setText } from './dom.js';

const fmt = (v) => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : String(+v.toPrecision(5))) : String(v));

/** Milliseconds as a person reads them: 0.3 ms, 42 ms, 1.25 s. */
export function duration(ms) {
  if (ms === null || ms === undefined) return 'not reached';
  if (ms < 0.1) return '< 0.1 ms';
  if (ms < 1000) return `${+ms.toPrecision(2)} ms`;
  return `${+(ms / 1000).toPrecision(3)} s`;
}

/** Saves `blob` as a file called `name`. */
function save(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
}

export class Figures {
  constructor(ctx, charts) {
    this.ctx = ctx;
    this.charts = charts;
    this.body = document.querySelector('#race tbody');
    this.lastSummary = 0;
    const colormap = document.getElementById('colormap');
    colormap.addEventListener('change', () => { ctx.guard(() => ctx.app.setColormap(colormap.value)); ctx.changed(false); });
    const projector = document.getElementById('projector');
    projector.addEventListener('change', () => {
      document.body.classList.toggle('projector', projector.checked);
      ctx.guard(() => ctx.app.setTheme(projector.checked ? 'projector' : 'standard'));
      ctx.changed(false);
    });
    for (const kind of ['png', 'svg']) {
      document.getElementById(`export-${kind}`).addEventListener('click', () => this.picture(kind));
    }
    document.getElementById('export-csv').addEventListener('click', () => {
      const text = ctx.guard(() => ctx.app.exportCsv(), null);
      if (text !== null) save('saddle-run.csv', new Blob([text], { type: 'text/csv' }));
    });
    document.getElementById('export-json').addEventListener('click', () => {
      // The command line's JSON, with the race summary and the legend's names.
      const text = ctx.guard(() => ctx.app.exportJson(), null);
      if (text === null) return;
      const doc = JSON.parse(text);
      doc.summary = ctx.guard(() => ctx.app.summary(), []);
      doc.legend = ctx.guard(() => ctx.app.legend(), []).map((e) => e.text);
      save('saddle-run.json', new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' }));
    });
  }

  /** The part to export and its size in CSS pixels. */
  part() {
    const what = document.getElementById('export-part').value;
    const box = (el) => { const r = el.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; };
    if (what === 'figure') return { name: `figure:${this.charts.kind}`, file: 'figure', size: Array.from(figureSize()) };
    if (what === 'chart') return { name: `chart:${this.charts.kind}`, file: `chart-${this.charts.kind}`, size: box(this.charts.canvas) };
    return { name: what, file: what, size: box(document.getElementById('canvas-wrap')) };
  }

  /** Saves the chosen picture as PNG (twice the screen's resolution) or SVG. */
  picture(kind) {
    const p = this.part();
    const scale = 2 * (window.devicePixelRatio || 1);
    const [w, h] = p.size.map((v) => Math.max(64, v));
    if (kind === 'svg') {
      const svg = this.ctx.guard(() => this.ctx.app.exportSvg(p.name, w, h, scale), null);
      if (svg !== null) save(`saddle-${p.file}.svg`, new Blob([svg], { type: 'image/svg+xml' }));
      return;
    }
    const canvas = document.createElement('canvas');
    const ok = this.ctx.guard(() => { this.ctx.app.exportPng(canvas, p.name, w, h, scale); return true; }, false);
    if (ok) canvas.toBlob((blob) => blob && save(`saddle-${p.file}.png`, blob), 'image/png');
  }

  /** The race summary, at most four times a second. */
  draw(force = false) {
    const now = performance.now();
    if (!force && now - this.lastSummary < 250) return;
    this.lastSummary = now;
    const rows = this.ctx.guard(() => this.ctx.app.summary(), []);
    while (this.body.rows.length > rows.length) this.body.deleteRow(-1);
    // Each figure's cell carries its header's card label (data-label, else
    // the header's text), drawn above it when the table becomes cards.
    if (this.body.rows.length < rows.length) {
      const heads = [...this.body.parentElement.tHead.rows[0].cells].map((th) => th.dataset.label ?? th.textContent);
      while (this.body.rows.length < rows.length) {
        const tr = this.body.insertRow();
        heads.forEach((label, i) => { const td = tr.insertCell(); if (i > 0) td.dataset.label = label; });
        tr.cells[0].className = 'race-lane';
      }
    }
    rows.forEach((r, i) => {
      const tr = this.body.rows[i];
      if (tr.style.getPropertyValue('--lane') !== r.color) tr.style.setProperty('--lane', r.color);
      const cells = [r.name, r.iterations, r.f_evals, r.g_evals, r.h_evals, r.terms, duration(r.time_to_tol_ms), fmt(r.final_loss), r.status];
      cells.forEach((v, j) => setText(tr.cells[j], String(v)));
      setProp(tr.cells[8], 'title', r.status_text);
      setProp(tr.cells[8], 'className', `badge-cell ${r.status}`);
    });
  }
}
