// The chart panel: loss, gradient norm, distance to the nearest minimum, or
// the loss along the last line-search ray, drawn by the core; the hover
// readout (every lane's value at the x under the mouse) and the sentence
// that says what the x-axis counts.
import { fitCanvas } from './shell.js';
import { setProp, setText } from './dom.js';

const fmt = (v) => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : String(+v.toPrecision(5))) : String(v));

export class Charts {
  constructor(ctx) {
    this.ctx = ctx;
    this.canvas = document.getElementById('chart');
    this.readout = document.getElementById('chart-readout');
    this.note = document.getElementById('chart-note');
    this.hoverPx = null;
    for (const b of document.querySelectorAll('[data-chart]')) {
      b.addEventListener('click', () => this.select(b.dataset.chart));
    }
    this.select(ctx.app.scene().chart || 'loss');
    const axis = document.getElementById('x-axis');
    axis.addEventListener('change', () => { ctx.guard(() => ctx.app.setXAxis(axis.value)); ctx.changed(false); });
    this.canvas.addEventListener('pointermove', (e) => {
      const r = this.canvas.getBoundingClientRect();
      this.hoverPx = (e.clientX - r.left) * this.dpr;
      ctx.changed(false);
    });
    this.canvas.addEventListener('pointerleave', () => {
      this.hoverPx = null;
      ctx.guard(() => ctx.app.chartLeave());
      ctx.changed(false);
    });
    new ResizeObserver(() => this.resize()).observe(this.canvas);
    this.resize();
  }

  resize() {
    this.dpr = fitCanvas(this.canvas);
    this.ctx.changed(false);
  }

  /** Shows chart `kind` and marks its tab. */
  select(kind) {
    this.kind = kind;
    this.ctx.guard(() => this.ctx.app.setChart(kind)); // the link keeps the tab
    for (const o of document.querySelectorAll('[data-chart]')) {
      o.classList.toggle('on', o.dataset.chart === kind);
      o.setAttribute('aria-selected', String(o.dataset.chart === kind));
    }
    this.ctx.changed(false);
  }

  /** Validation and epochs exist only for functions built from data. */
  fresh() {
    const data = this.ctx.guard(() => this.ctx.app.scene().function.kind === 'data', false);
    document.querySelector('[data-chart="validation"]').hidden = !data;
    if (!data && this.kind === 'validation') this.select('loss');
    const axis = document.getElementById('x-axis');
    axis.querySelector('option[value="epochs"]').hidden = !data;
    if (!data && axis.value === 'epochs') {
      axis.value = 'iterations';
      this.ctx.guard(() => this.ctx.app.setXAxis('iterations'));
    }
  }

  draw() {
    if (this.canvas.offsetParent === null) return;
    const app = this.ctx.app;
    // The hover position first, so the chart draws its guide line there.
    const hover = this.hoverPx === null ? null : this.ctx.guard(() => app.chartHover(this.hoverPx), null);
    this.ctx.guard(() => app.drawChart(this.canvas, this.kind, this.dpr));
    this.showReadout(hover);
    const note = this.ctx.guard(() => app.chartNote(), null);
    setProp(this.note, 'hidden', !note);
    setText(this.note, note || '');
  }

  /** "t = 120 · ● Adam α=0.05: 3.2e-3 · …", each lane in its colour. */
  showReadout(hover) {
    this.readout.replaceChildren();
    if (!hover) return;
    const head = document.createElement('strong');
    head.textContent = hover.label;
    this.readout.append(head);
    for (const v of hover.values) {
      const item = document.createElement('span');
      item.className = 'hover-lane';
      item.style.setProperty('--lane', v.color);
      item.textContent = `${v.name}: ${fmt(v.value)}`;
      this.readout.append(item);
    }
  }
}
