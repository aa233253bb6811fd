// The chart panel: loss, gradient norm, distance to the nearest minimum, or
// the loss along the last line-search ray, drawn by the core.
import { fitCanvas } from './shell.js';

export class Charts {
  constructor(ctx) {
    this.ctx = ctx;
    this.canvas = document.getElementById('chart');
    for (const b of document.querySelectorAll('[data-chart]')) {
      b.addEventListener('click', () => this.select(b.dataset.chart));
    }
    this.select(ctx.app.scene().chart || 'loss');
    const axis = document.getElementById('x-axis');
    axis.addEventListener('change', () => { ctx.guard(() => ctx.app.setXAxis(axis.value)); ctx.changed(false); });
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
    this.ctx.guard(() => this.ctx.app.drawChart(this.canvas, this.kind, this.dpr));
  }
}
