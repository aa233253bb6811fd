// The landscape (or 1-D curve) canvas and the 3-D surface: sizing for the
// screen's pixel density, hover readout, click or drag to set θ⁽⁰⁾, drag to
// pan, wheel to zoom, drag to rotate the surface.
import { byId } from './shell.js';

const fmt = (v) => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : +v.toPrecision(5)) : String(v));
export const vec = (a) => `(${Array.from(a, fmt).join(', ')})`;

export class Stage {
  constructor(ctx) {
    this.ctx = ctx;
    Object.assign(this, byId({ wrap: 'canvas-wrap', heat: 'heat', main: 'main', surface: 'surface', readout: 'readout' }));
    this.mode3d = false;
    this.drag = null;
    new ResizeObserver(() => this.resize()).observe(this.wrap);
    this.resize();
    this.main.addEventListener('pointerdown', (e) => this.down(e));
    this.main.addEventListener('pointermove', (e) => this.move(e));
    this.main.addEventListener('pointerup', (e) => this.up(e));
    this.main.addEventListener('pointerleave', () => { this.readout.textContent = ''; });
    this.main.addEventListener('wheel', (e) => this.wheel(e), { passive: false });
    this.surface.addEventListener('pointerdown', (e) => this.rotateStart(e));
    this.surface.addEventListener('pointermove', (e) => this.rotate(e));
    this.surface.addEventListener('pointerup', () => { this.drag = null; });
    document.getElementById('view-map').addEventListener('click', () => this.set3d(false));
    document.getElementById('view-3d').addEventListener('click', () => this.set3d(true));
    document.getElementById('reset-view').addEventListener('click', () => { ctx.guard(() => ctx.app.resetView()); ctx.changed(); });
    const start = document.getElementById('start');
    start.addEventListener('change', () => {
      try {
        ctx.guard(() => ctx.app.setStartText(start.value));
        start.classList.remove('bad');
        ctx.changed();
      } catch (e) {
        start.classList.add('bad');
        start.title = e.message;
      }
    });
    this.fresh();
  }

  /** After the function changed. */
  fresh() {
    const d = this.ctx.guard(() => this.ctx.app.dim(), 2);
    document.getElementById('view-3d').disabled = d !== 2;
    if (d !== 2) this.set3d(false);
    document.getElementById('show-model').parentElement.title = 'Newton and quasi-Newton lanes: contours (2-D) or parabola (1-D) of the quadratic model of the last step';
  }

  set3d(on) {
    this.mode3d = on;
    this.surface.hidden = !on;
    document.getElementById('view-map').classList.toggle('on', !on);
    document.getElementById('view-3d').classList.toggle('on', on);
    document.getElementById('view-map').setAttribute('aria-pressed', String(!on));
    document.getElementById('view-3d').setAttribute('aria-pressed', String(on));
    this.ctx.changed(false);
  }

  resize() {
    const dpr = window.devicePixelRatio || 1;
    const r = this.wrap.getBoundingClientRect();
    this.dpr = dpr;
    const w = Math.max(64, Math.round(r.width * dpr));
    const h = Math.max(64, Math.round(r.height * dpr));
    for (const c of [this.heat, this.main, this.surface]) { c.width = w; c.height = h; }
    this.ctx.guard(() => this.ctx.app.setLayout(w, h, dpr));
    this.ctx.changed(false);
  }

  /** Canvas device pixel of a pointer event. */
  px(e) {
    const r = this.main.getBoundingClientRect();
    return [(e.clientX - r.left) * this.dpr, (e.clientY - r.top) * this.dpr];
  }

  nearStart(p) {
    const s = this.ctx.guard(() => this.ctx.app.pixelOf(this.ctx.app.start()), [NaN, NaN]);
    return Math.hypot(s[0] - p[0], s[1] - p[1]) < 12 * this.dpr;
  }

  down(e) {
    const p = this.px(e);
    this.main.setPointerCapture(e.pointerId);
    this.drag = { start: p, last: p, moved: false, onStart: this.nearStart(p) };
    if (!this.drag.onStart) this.main.classList.add('grabbing');
  }

  move(e) {
    const p = this.px(e);
    const app = this.ctx.app;
    if (this.drag) {
      const d = this.drag;
      if (Math.hypot(p[0] - d.start[0], p[1] - d.start[1]) > 4 * this.dpr) d.moved = true;
      if (d.moved) {
        if (d.onStart) this.ctx.guard(() => app.setStart(app.pointAt(p[0], p[1])));
        else this.ctx.guard(() => app.pan(p[0] - d.last[0], p[1] - d.last[1]));
        d.last = p;
        this.ctx.changed(false);
      }
    }
    if (!this.ctx.guard(() => app.inside(p[0], p[1]), false)) { this.readout.textContent = ''; return; }
    const r = this.ctx.guard(() => app.readout(app.pointAt(p[0], p[1])), null);
    if (r) this.readout.textContent = `θ = ${vec(r.theta)}   C(θ) = ${fmt(r.value)}   ∇C(θ) = ${vec(r.gradient)}`;
  }

  up(e) {
    const d = this.drag;
    this.drag = null;
    this.main.classList.remove('grabbing');
    if (!d) return;
    const p = this.px(e);
    const app = this.ctx.app;
    if (!d.moved && this.ctx.guard(() => app.inside(p[0], p[1]), false)) {
      this.ctx.guard(() => app.setStart(app.pointAt(p[0], p[1])));
    }
    this.ctx.changed();
  }

  wheel(e) {
    e.preventDefault();
    const p = this.px(e);
    this.ctx.guard(() => this.ctx.app.zoom(p[0], p[1], Math.exp(Math.max(-1, Math.min(1, e.deltaY * 0.0015)))));
    this.ctx.changed();
  }

  rotateStart(e) {
    this.surface.setPointerCapture(e.pointerId);
    this.drag = { last: [e.clientX, e.clientY] };
  }

  rotate(e) {
    if (!this.drag) return;
    const [yaw, pitch] = this.ctx.guard(() => this.ctx.app.rotation(), [0, 0]);
    const dx = e.clientX - this.drag.last[0];
    const dy = e.clientY - this.drag.last[1];
    this.drag.last = [e.clientX, e.clientY];
    this.ctx.guard(() => this.ctx.app.setRotation(yaw + dx * 0.01, pitch + dy * 0.01));
    this.ctx.changed(false);
  }

  draw() {
    const app = this.ctx.app;
    if (this.mode3d) {
      this.ctx.guard(() => app.drawSurface(this.surface, this.dpr));
    } else {
      this.ctx.guard(() => app.draw(this.heat, this.main));
    }
    const start = document.getElementById('start');
    if (document.activeElement !== start) start.value = Array.from(this.ctx.guard(() => app.start(), []), (v) => +v.toPrecision(6)).join(', ');
  }
}
