// The chart panel: loss, gradient norm, distance to the nearest minimum, or
// the loss along the last line-search ray, drawn by the core.
export class Charts {
  constructor(ctx) {
    this.ctx = ctx;
    this.canvas = document.getElementById('chart');
    this.kind = ctx.app.scene().chart || 'loss';
    for (const b of document.querySelectorAll('[data-chart]')) {
      b.addEventListener('click', () => {
        this.kind = b.dataset.chart;
        for (const o of document.querySelectorAll('[data-chart]')) {
          o.classList.toggle('on', o === b);
          o.setAttribute('aria-selected', String(o === b));
        }
        ctx.changed(false);
      });
    }
    for (const o of document.querySelectorAll('[data-chart]')) {
      o.classList.toggle('on', o.dataset.chart === this.kind);
      o.setAttribute('aria-selected', String(o.dataset.chart === this.kind));
    }
    const axis = document.getElementById('x-axis');
    axis.addEventListener('change', () => { ctx.guard(() => ctx.app.setXAxis(axis.value)); ctx.changed(false); });
    new ResizeObserver(() => this.resize()).observe(this.canvas);
    this.resize();
  }

  resize() {
    this.dpr = window.devicePixelRatio || 1;
    const r = this.canvas.getBoundingClientRect();
    this.canvas.width = Math.max(64, Math.round(r.width * this.dpr));
    this.canvas.height = Math.max(64, Math.round(r.height * this.dpr));
    this.ctx.changed(false);
  }

  /** Shows the validation tab only for functions built from data. */
  fresh() {
    const data = this.ctx.guard(() => this.ctx.app.scene().function.kind === 'data', false);
    const tab = document.querySelector('[data-chart="validation"]');
    tab.hidden = !data;
    if (!data && this.kind === 'validation') tab.previousElementSibling.previousElementSibling.previousElementSibling.click();
    document.querySelector('#x-axis option[value="epochs"]').hidden = !data;
  }

  draw() {
    if (this.canvas.offsetParent === null) return;
    this.ctx.guard(() => this.ctx.app.drawChart(this.canvas, this.kind, this.dpr));
  }
}
