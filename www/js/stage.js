// The landscape (or 1-D curve) canvas and the 3-D surface: sizing for the
// screen's pixel density, hover readout, click or drag to set θ⁽⁰⁾, drag to
// pan, drag to rotate the surface.
//
// The map is active once it is clicked, tapped or focused, and until focus
// leaves it. Only an active map takes the wheel (zoom) and one-finger
// gestures (pan, pinch zoom), so a reader scrolling past an embed, with the
// wheel or a finger, scrolls the notes; a hint says how to wake it. From the
// keyboard: arrow keys move a cursor with its readout (announced), Enter
// sets θ⁽⁰⁾ there, + and − zoom, Escape leaves; on the surface, arrows rotate.
import { byId } from './shell.js';
import { setProp, setText } from './dom.js';

const fmt = (v) => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : +v.toPrecision(5)) : String(v));
export const vec = (a) => `(${Array.from(a, fmt).join(', ')})`;

const KEY_MOVES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

// A costly landscape (built from data, a long typed expression) is refined
// in slices of about this many milliseconds of the core's work, each its own
// task, so clicks, keys and frames get in between.
const SLICE_MS = 15;
// The "refining" badge shows once a refinement has taken this long.
const SAY_REFINING_MS = 300;

export class Stage {
  constructor(ctx) {
    this.ctx = ctx;
    Object.assign(this, byId({ wrap: 'canvas-wrap', heat: 'heat', main: 'main', surface: 'surface', readout: 'readout', cursorEl: 'map-cursor', hint: 'map-hint', status: 'map-status', statusPct: 'map-status-pct' }));
    // Refinement slices run as tasks of their own (a message to ourselves),
    // between frames and input; a frame puts their progress on the canvas.
    this.slices = new MessageChannel();
    this.slices.port1.onmessage = () => this.refineSlice();
    this.sliceQueued = false;
    this.heatDirty = false;
    this.refineSince = null;
    this.mode3d = false;
    this.drag = null;
    this.pinch = null;
    this.pointers = new Map();
    this.waking = null; // a touch on the sleeping map: a tap wakes it, a swipe scrolls the page
    this.cursor = null; // the keyboard cursor's θ
    new ResizeObserver(() => this.resize()).observe(this.wrap);
    this.resize();
    for (const c of [this.main, this.surface]) {
      c.addEventListener('focus', () => this.setActive(true));
      c.addEventListener('blur', () => this.setActive(false));
    }
    this.main.addEventListener('pointerdown', (e) => this.down(e));
    this.main.addEventListener('pointermove', (e) => this.move(e));
    this.main.addEventListener('pointerup', (e) => this.up(e));
    this.main.addEventListener('pointercancel', (e) => this.cancel(e));
    this.main.addEventListener('pointerleave', () => { if (!this.cursor) this.readout.textContent = ''; });
    this.main.addEventListener('wheel', (e) => this.wheel(e), { passive: false });
    this.main.addEventListener('keydown', (e) => this.key(e));
    this.surface.addEventListener('pointerdown', (e) => this.rotateStart(e));
    this.surface.addEventListener('pointermove', (e) => this.rotate(e));
    this.surface.addEventListener('pointerup', (e) => this.rotateEnd(e));
    this.surface.addEventListener('pointercancel', () => { this.drag = null; this.waking = null; });
    this.surface.addEventListener('keydown', (e) => this.surfaceKey(e));
    document.getElementById('view-map').addEventListener('click', () => this.set3d(false));
    document.getElementById('view-3d').addEventListener('click', () => this.set3d(true));
    document.getElementById('reset-view').addEventListener('click', () => { ctx.guard(() => ctx.app.resetView()); ctx.changed(); });
    const start = document.getElementById('start');
    start.addEventListener('change', () => {
      try {
        ctx.guard(() => ctx.app.setStartText(start.value));
        start.classList.remove('bad');
        start.removeAttribute('aria-invalid');
        ctx.changed();
      } catch (e) {
        start.classList.add('bad');
        start.setAttribute('aria-invalid', 'true');
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
    this.cursor = null;
    this.showCursor();
    document.getElementById('show-model').parentElement.title = 'Newton and quasi-Newton lanes: contours (2-D) or parabola (1-D) of the quadratic model of the last step';
  }

  set3d(on) {
    this.mode3d = on;
    this.ctx.guard(() => this.ctx.app.setSurface(on)); // the link keeps the 3-D view
    this.surface.hidden = !on;
    document.getElementById('view-map').classList.toggle('on', !on);
    document.getElementById('view-3d').classList.toggle('on', on);
    document.getElementById('view-map').setAttribute('aria-pressed', String(!on));
    document.getElementById('view-3d').setAttribute('aria-pressed', String(on));
    this.showCursor();
    this.ctx.changed(false);
  }

  resize() {
    const dpr = window.devicePixelRatio || 1;
    const r = this.wrap.getBoundingClientRect();
    this.dpr = dpr;
    const w = Math.max(64, Math.round(r.width * dpr));
    const h = Math.max(64, Math.round(r.height * dpr));
    // Setting a canvas's size clears it, even to the size it has: only a change does.
    for (const c of [this.heat, this.main, this.surface]) if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
    this.ctx.guard(() => this.ctx.app.setLayout(w, h, dpr));
    this.ctx.changed(false);
  }

  // ----- waking the map ------------------------------------------------------

  get active() {
    return this.wrap.classList.contains('active');
  }

  setActive(on) {
    this.wrap.classList.toggle('active', on);
    if (!on) { this.pointers.clear(); this.drag = null; this.pinch = null; }
  }

  /** Shows a short hint over the map. */
  say(text, ms = 2200) {
    this.hint.textContent = text;
    this.hint.hidden = false;
    clearTimeout(this.hintTimer);
    this.hintTimer = setTimeout(() => { this.hint.hidden = true; }, ms);
  }

  /** A tap on the sleeping map wakes it (and does nothing else). */
  wake(canvas) {
    canvas.focus({ preventScroll: true });
    this.say(canvas === this.main
      ? 'Map active: tap sets θ⁽⁰⁾, drag or two fingers pan, pinch zooms. Tap outside to scroll the page.'
      : 'Surface active: drag to rotate. Tap outside to scroll the page.', 3500);
  }

  // ----- pointers on the map ---------------------------------------------------

  /** Canvas device pixel of a pointer event. */
  px(e) {
    const r = this.main.getBoundingClientRect();
    return [(e.clientX - r.left) * this.dpr, (e.clientY - r.top) * this.dpr];
  }

  nearStart(p) {
    const s = this.ctx.guard(() => this.ctx.app.pixelOf(this.ctx.app.start()), [NaN, NaN]);
    return Math.hypot(s[0] - p[0], s[1] - p[1]) < (this.pointers.size && this.touch ? 24 : 12) * this.dpr;
  }

  down(e) {
    if (e.pointerType === 'touch' && !this.active) { this.waking = e.pointerId; return; }
    const p = this.px(e);
    this.touch = e.pointerType === 'touch';
    this.main.setPointerCapture(e.pointerId);
    this.pointers.set(e.pointerId, p);
    if (this.pointers.size === 1) {
      this.drag = { start: p, last: p, moved: false, onStart: this.nearStart(p) };
      if (!this.drag.onStart) this.main.classList.add('grabbing');
    } else if (this.pointers.size === 2) {
      // Two fingers: pinch zooms and the pair pans; no tap, no start drag.
      if (this.drag) this.drag.moved = true;
      this.drag = null;
      this.pinch = this.pair();
    }
  }

  /** Distance and midpoint of the first two pointers. */
  pair() {
    const [a, b] = [...this.pointers.values()];
    return { d: Math.max(1, Math.hypot(a[0] - b[0], a[1] - b[1])), mid: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] };
  }

  move(e) {
    const p = this.px(e);
    const app = this.ctx.app;
    if (this.pointers.has(e.pointerId)) {
      this.pointers.set(e.pointerId, p);
      if (this.pinch && this.pointers.size >= 2) {
        const now = this.pair();
        this.ctx.guard(() => {
          app.pan(now.mid[0] - this.pinch.mid[0], now.mid[1] - this.pinch.mid[1]);
          app.zoom(now.mid[0], now.mid[1], this.pinch.d / now.d);
        });
        this.pinch = now;
        this.ctx.changed(false);
        return;
      }
      const d = this.drag;
      if (d) {
        if (Math.hypot(p[0] - d.start[0], p[1] - d.start[1]) > (this.touch ? 8 : 4) * this.dpr) d.moved = true;
        if (d.moved) {
          if (d.onStart) this.ctx.guard(() => app.setStart(app.pickAt(p[0], p[1])));
          else this.ctx.guard(() => app.pan(p[0] - d.last[0], p[1] - d.last[1]));
          d.last = p;
          this.ctx.changed(false);
        }
      }
    }
    if (e.pointerType !== 'mouse' || this.cursor) return;
    if (!this.ctx.guard(() => app.inside(p[0], p[1]), false)) { this.readout.textContent = ''; return; }
    this.showReadout(this.ctx.guard(() => app.pickAt(p[0], p[1]), null), '');
  }

  up(e) {
    if (this.waking === e.pointerId) { this.waking = null; this.wake(this.main); return; }
    if (!this.pointers.delete(e.pointerId)) return;
    const d = this.drag;
    this.main.classList.remove('grabbing');
    if (this.pinch) {
      if (this.pointers.size < 2) this.pinch = null;
      this.drag = null;
      this.settle();
      return;
    }
    this.drag = null;
    if (!d) return;
    const p = this.px(e);
    const app = this.ctx.app;
    if (!d.moved && this.ctx.guard(() => app.inside(p[0], p[1]), false)) {
      this.ctx.guard(() => app.setStart(app.pickAt(p[0], p[1])));
    }
    this.settle();
  }

  cancel(e) {
    if (this.waking === e.pointerId) this.waking = null;
    this.pointers.delete(e.pointerId);
    this.drag = null;
    this.pinch = null;
    this.main.classList.remove('grabbing');
  }

  wheel(e) {
    if (!this.active) {
      // Reading past: the page scrolls; say how to zoom instead.
      this.say('Click the map (or Tab to it) to zoom with the wheel');
      return;
    }
    e.preventDefault();
    const p = this.px(e);
    this.ctx.guard(() => this.ctx.app.zoom(p[0], p[1], Math.exp(Math.max(-1, Math.min(1, e.deltaY * 0.0015)))));
    this.settle();
  }

  /** A pan or zoom ended: the view is rounded to what a pixel resolves, and the link follows. */
  settle() {
    this.ctx.guard(() => this.ctx.app.settleView());
    this.ctx.changed();
  }

  // ----- the keyboard cursor -----------------------------------------------------

  key(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const app = this.ctx.app;
    const move = KEY_MOVES[e.key];
    if (move) {
      e.preventDefault();
      const k = e.shiftKey ? 5 : 1;
      const from = this.cursor || Array.from(this.ctx.guard(() => app.start(), []));
      this.cursor = Array.from(this.ctx.guard(() => app.nudge(new Float64Array(from), move[0] * k, move[1] * k), from));
      this.showCursor(true);
    } else if (e.key === 'Enter' && this.cursor) {
      e.preventDefault();
      this.ctx.guard(() => app.setStart(new Float64Array(this.cursor)));
      this.ctx.changed();
      this.ctx.announcer?.say(`Start θ⁽⁰⁾ set to ${vec(this.cursor)}; every lane starts over.`);
    } else if (e.key === '+' || e.key === '=' || e.key === '-' || e.key === '−' || e.key === '_') {
      e.preventDefault();
      const inward = e.key === '+' || e.key === '=';
      const at = this.cursor ? this.ctx.guard(() => app.pixelOf(new Float64Array(this.cursor)), null) : null;
      const l = this.ctx.guard(() => app.layout(), null);
      const [x, y] = at || (l ? [l.left + l.plot_w / 2, l.top + l.plot_h / 2] : [0, 0]);
      this.ctx.guard(() => app.zoom(x, y, inward ? 0.8 : 1.25));
      this.settle();
      this.ctx.announcer?.sayLater('zoom', inward ? 'Zoomed in' : 'Zoomed out');
    } else if (e.key === 'Escape') {
      this.cursor = null;
      this.showCursor();
      this.readout.textContent = '';
      this.main.blur();
    }
  }

  /** Places the cursor mark over the map; `tell`: show and announce its readout. */
  showCursor(tell = false) {
    const el = this.cursorEl;
    if (!this.cursor || this.mode3d) { el.hidden = true; return; }
    const p = this.ctx.guard(() => this.ctx.app.pixelOf(new Float64Array(this.cursor)), null);
    if (!p) { el.hidden = true; return; }
    el.hidden = false;
    el.classList.toggle('one-d', this.cursor.length === 1);
    el.style.left = `${p[0] / this.dpr}px`;
    el.style.top = `${p[1] / this.dpr}px`;
    if (tell) {
      const text = this.showReadout(this.cursor, 'cursor ');
      if (text) this.ctx.announcer?.sayLater('cursor', `${text}. Enter sets the start here.`);
    }
  }

  /** Writes C and ∇C at θ under the map; returns the text. */
  showReadout(theta, prefix) {
    if (!theta) return '';
    const r = this.ctx.guard(() => this.ctx.app.readout(new Float64Array(theta)), null);
    if (!r) return '';
    const text = `${prefix}θ = ${vec(r.theta)}   C(θ) = ${fmt(r.value)}   ∇C(θ) = ${vec(r.gradient)}`;
    this.readout.textContent = text;
    return text;
  }

  // ----- the 3-D surface ---------------------------------------------------------

  rotateStart(e) {
    if (e.pointerType === 'touch' && !this.active) { this.waking = e.pointerId; return; }
    this.surface.setPointerCapture(e.pointerId);
    this.drag = { last: [e.clientX, e.clientY] };
  }

  rotate(e) {
    if (!this.drag?.last || this.waking !== null) return;
    const dx = e.clientX - this.drag.last[0];
    const dy = e.clientY - this.drag.last[1];
    this.drag.last = [e.clientX, e.clientY];
    this.turn(dx * 0.01, dy * 0.01);
  }

  rotateEnd(e) {
    if (this.waking === e.pointerId) { this.waking = null; this.wake(this.surface); return; }
    this.drag = null;
  }

  turn(dyaw, dpitch) {
    const [yaw, pitch] = this.ctx.guard(() => this.ctx.app.rotation(), [0, 0]);
    this.ctx.guard(() => this.ctx.app.setRotation(yaw + dyaw, pitch + dpitch));
    this.ctx.changed(false);
  }

  surfaceKey(e) {
    const move = KEY_MOVES[e.key];
    if (!move || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    this.turn(move[0] * 0.1, -move[1] * 0.05);
  }

  // ----- refining a costly landscape ---------------------------------------------

  /** Queues the next slice of refinement while the core has one in progress. */
  refineSoon() {
    const refining = !this.mode3d && !this.ctx.broken && this.ctx.guard(() => this.ctx.app.refining(), false);
    if (!refining) { this.showRefining(false); return; }
    this.refineSince ??= performance.now();
    if (this.sliceQueued) return;
    this.sliceQueued = true;
    this.slices.port2.postMessage(0);
  }

  /** One slice: about SLICE_MS of sampling (or the final colours and contours). */
  refineSlice() {
    this.sliceQueued = false;
    if (this.mode3d || this.ctx.broken) return;
    this.ctx.guard(() => this.ctx.app.refine(SLICE_MS), false);
    this.heatDirty = true;
    this.refineSoon();
  }

  /** Once a frame: the refinement's progress onto the heat canvas (the overlay stays). */
  frame() {
    if (!this.heatDirty || this.mode3d) return;
    this.heatDirty = false;
    this.ctx.guard(() => this.ctx.app.drawHeat(this.heat));
    this.showRefining(this.ctx.guard(() => this.ctx.app.refining(), false));
  }

  /** The badge over the map (and aria-busy) while a refinement takes long. */
  showRefining(on) {
    if (!on) this.refineSince = null;
    const long = on && this.refineSince !== null && performance.now() - this.refineSince > SAY_REFINING_MS;
    this.main.setAttribute('aria-busy', String(on));
    if (long) setText(this.statusPct, `${Math.floor(100 * this.ctx.guard(() => this.ctx.app.refineProgress(), 0))}%`);
    setProp(this.status, 'hidden', !long);
  }

  draw() {
    const app = this.ctx.app;
    if (this.mode3d) {
      this.ctx.guard(() => app.drawSurface(this.surface, this.dpr));
    } else {
      this.ctx.guard(() => app.draw(this.heat, this.main));
      this.heatDirty = false;
      if (this.cursor) this.showCursor();
    }
    this.refineSoon();
    const start = document.getElementById('start');
    if (document.activeElement !== start) start.value = Array.from(this.ctx.guard(() => app.start(), []), (v) => +v.toPrecision(6)).join(', ');
  }
}
