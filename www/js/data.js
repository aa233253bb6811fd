// The data panel of functions built from data (section 4.2): the points, each
// lane's current model moving as it trains, the data settings (from the key
// table in the core) and a person's own points.
export class DataPanel {
  constructor(ctx, onChange) {
    this.ctx = ctx;
    this.onChange = onChange;
    this.panel = document.getElementById('data-panel');
    this.canvas = document.getElementById('data');
    this.keys = document.getElementById('data-keys');
    this.points = document.getElementById('data-points');
    this.error = document.getElementById('data-error');
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
    this.dpr = window.devicePixelRatio || 1;
    const r = this.canvas.getBoundingClientRect();
    this.canvas.width = Math.max(64, Math.round(r.width * this.dpr));
    this.canvas.height = Math.max(64, Math.round(r.height * this.dpr));
    this.ctx.changed(false);
  }

  spec() {
    const f = this.ctx.guard(() => this.ctx.app.scene().function, null);
    return f && f.kind === 'data' ? f.value : null;
  }

  /** After the function changed: show or hide, rebuild the settings. */
  fresh() {
    const spec = this.spec();
    this.panel.hidden = !spec;
    if (!spec) return;
    const id = spec.split('(')[0];
    const model = this.ctx.catalog.data_models.find((m) => m.id === id);
    const values = Object.fromEntries(
      (spec.match(/\((.*)\)$/)?.[1] || '').split(',').filter(Boolean).map((kv) => kv.split('=')),
    );
    const rows = [];
    for (const [key, help] of model.keys) {
      if (key === 'points') continue;
      const label = document.createElement('label');
      label.textContent = key;
      label.title = help;
      const box = document.createElement('input');
      box.type = 'text';
      box.value = values[key] ?? '';
      box.placeholder = 'default';
      box.title = help;
      box.setAttribute('aria-label', `data ${key}`);
      box.addEventListener('change', () => this.set(key, box.value.trim(), box));
      rows.push(label, box);
    }
    this.keys.replaceChildren(...rows);
    this.points.value = (values.points || '').replaceAll(';', '; ');
    this.points.placeholder = 'generated from the seed; type x:y pairs to use your own';
    this.canvas.hidden = !this.hasCurve();
    this.resize();
  }

  hasCurve() {
    return this.ctx.guard(() => this.ctx.app.dataPoints().length > 0 && this.spec() && !this.spec().startsWith('sum412'), false);
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
      this.ctx.guard(() => (text ? this.ctx.app.setDataKey('points', text.replace(/\s+/g, '')) : this.ctx.app.setDataKey('points', 'default')));
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
