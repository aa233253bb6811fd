// The data panel of functions built from data (section 4.2): the points, each
// lane's current model moving as it trains, the data settings (built from the
// core's rows of the option table) and a person's own points.
import { fitCanvas, byId } from './shell.js';

/** A select over an option's choices (or on/off), the current value chosen. */
function choices(p, row) {
  const sel = document.createElement('select');
  for (const c of p.kind === 'bool' ? ['on', 'off'] : p.choices) sel.append(new Option(c, c, false, c === row.value));
  return sel;
}

export class DataPanel {
  constructor(ctx, onChange) {
    this.ctx = ctx;
    this.onChange = onChange;
    Object.assign(this, byId({ panel: 'data-panel', canvas: 'data', keys: 'data-keys', points: 'data-points', error: 'data-error' }));
    this.drag = null;
    new ResizeObserver(() => this.resize()).observe(this.canvas);
    this.canvas.addEventListener('pointerdown', (e) => this.down(e));
    this.canvas.addEventListener('pointermove', (e) => this.move(e));
    this.canvas.addEventListener('pointerup', (e) => this.up(e));
    this.canvas.addEventListener('contextmenu', (e) => e.preventDefault());
    document.getElementById('data-apply').addEventListener('click', () => this.paste());
    this.fresh();
  }

  resize() {
    this.dpr = fitCanvas(this.canvas);
    this.ctx.changed(false);
  }

  /** The data function as the core describes it (`{ kind, value, model, curve, rows }`), or null. */
  data() {
    const f = this.ctx.guard(() => this.ctx.app.scene().function, null);
    return f && f.kind === 'data' ? f : null;
  }

  /**
   * After the function changed: show or hide, rebuild the settings from the
   * core's rows (each option with its table entry, value and default).
   */
  fresh() {
    const data = this.data();
    this.panel.hidden = !data;
    if (!data) return;
    const rows = [];
    let points = null;
    for (const row of data.rows) {
      const p = row.entry;
      if (p.kind === 'points') { points = row; continue; }
      const label = document.createElement('label');
      label.textContent = p.symbol ? `${p.symbol} ${p.key}` : p.key;
      label.title = p.help;
      const control = p.kind === 'choice' || p.kind === 'bool' ? choices(p, row) : document.createElement('input');
      if (control instanceof HTMLInputElement) {
        control.type = 'text';
        control.value = row.set ? row.value : '';
        control.placeholder = row.default;
      }
      control.title = p.help;
      control.setAttribute('aria-label', `data ${p.key}`);
      control.addEventListener('change', () => this.set(p.key, control.value.trim(), control));
      rows.push(label, control);
    }
    this.keys.replaceChildren(...rows);
    this.points.value = points?.set ? points.value.replaceAll(';', '; ') : '';
    this.points.placeholder = 'generated from the seed; type x:y pairs to use your own';
    this.points.parentElement.hidden = !points;
    this.canvas.hidden = !data.curve;
    this.resize();
  }

  set(key, value, box) {
    try {
      const notices = this.ctx.guard(() => this.ctx.app.setDataKey(key, value || 'default'), []);
      this.say(notices.join('; '));
      box?.classList.remove('bad');
      this.onChange();
    } catch (e) {
      box?.classList.add('bad');
      this.say(e.message);
    }
  }

  say(text) {
    this.error.textContent = text || '';
  }

  paste() {
    const text = this.points.value.trim();
    try {
      this.ctx.guard(() => this.ctx.app.setDataKey('points', text || 'default'));
      this.say('');
      this.onChange();
    } catch (e) {
      this.say(e.message);
    }
  }

  px(e) {
    const r = this.canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * this.dpr, (e.clientY - r.top) * this.dpr];
  }

  nearest(p) {
    const pix = this.ctx.guard(() => this.ctx.app.dataPixels(this.canvas.width, this.canvas.height, this.dpr), []);
    let best = -1;
    let dist = 9 * this.dpr;
    for (let i = 0; i < pix.length; i += 2) {
      const d = Math.hypot(pix[i] - p[0], pix[i + 1] - p[1]);
      if (d < dist) { dist = d; best = i / 2; }
    }
    return best;
  }

  at(p) {
    return this.ctx.guard(() => Array.from(this.ctx.app.dataPointAt(this.canvas.width, this.canvas.height, this.dpr, p[0], p[1])), []);
  }

  edit(change) {
    const flat = Array.from(this.ctx.guard(() => this.ctx.app.dataPoints(), []));
    const pts = [];
    for (let i = 0; i < flat.length; i += 2) pts.push([flat[i], flat[i + 1]]);
    change(pts);
    try {
      this.ctx.guard(() => this.ctx.app.setDataPoints(new Float64Array(pts.flat())));
      this.say('');
      this.onChange();
    } catch (e) {
      this.say(e.message);
    }
  }

  down(e) {
    const p = this.px(e);
    const k = this.nearest(p);
    if (k >= 0 && (e.shiftKey || e.button === 2)) {
      this.edit((pts) => pts.splice(k, 1));
      return;
    }
    this.canvas.setPointerCapture(e.pointerId);
    this.drag = { k, start: p, moved: false };
  }

  move(e) {
    if (!this.drag || this.drag.k < 0) return;
    const p = this.px(e);
    if (Math.hypot(p[0] - this.drag.start[0], p[1] - this.drag.start[1]) > 3 * this.dpr) this.drag.moved = true;
  }

  up(e) {
    const d = this.drag;
    this.drag = null;
    if (!d) return;
    const q = this.at(this.px(e));
    if (q.length !== 2) return;
    if (d.k >= 0 && d.moved) this.edit((pts) => { pts[d.k] = q; });
    else if (d.k < 0) this.edit((pts) => pts.push(q));
  }

  draw() {
    if (this.panel.hidden || this.canvas.hidden) return;
    this.ctx.guard(() => this.ctx.app.drawData(this.canvas, this.dpr));
  }
}
