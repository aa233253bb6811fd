// The optimizer lanes: one card per lane with its colour, method, its keys
// (built from the tables in the core: the method's hyperparameters and the
// lane keys, each shown when the core says it matters), its status and
// current values.
import { vec } from './stage.js';
import { setProp, setText } from './dom.js';

const fmt = (v) => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : String(+v.toPrecision(6))) : '—');

export class Lanes {
  constructor(ctx, onSelect) {
    this.ctx = ctx;
    this.onSelect = onSelect;
    this.list = document.getElementById('lanes');
    this.methods = new Map(ctx.catalog.methods.map((m) => [m.id, m]));
    this.laneKeys = new Map(ctx.catalog.lane_keys.map((p) => [p.key, p]));
    const add = document.getElementById('add-lane');
    for (const m of ctx.catalog.methods) add.append(new Option(m.name, m.id));
    add.addEventListener('change', () => {
      if (!add.value) return;
      try {
        ctx.guard(() => ctx.app.addLane(add.value));
      } catch (e) {
        alert(e.message);
      }
      add.value = '';
      this.rebuild();
      ctx.changed();
    });
    this.shape = '';
    this.rebuild();
  }

  /** Rebuilds the cards when lanes were added, removed or changed. */
  rebuild() {
    const lanes = this.ctx.guard(() => this.ctx.app.lanes(), []);
    this.shape = shapeOf(lanes);
    this.list.replaceChildren(...lanes.map((l, k) => this.card(l, k)));
    document.getElementById('add-lane').disabled = lanes.length >= this.ctx.catalog.limits.lanes;
    this.update(lanes);
    this.onSelect(); // the equation panel follows choices such as ls or amsgrad
  }

  card(info, k) {
    const ctx = this.ctx;
    const li = document.createElement('li');
    li.className = 'lane';
    li.style.setProperty('--lane', info.color);
    li.dataset.lane = String(k);
    li.addEventListener('pointerdown', () => {
      if (ctx.app.selected() !== k) {
        ctx.guard(() => ctx.app.select(k));
        this.onSelect();
        ctx.changed(false);
      }
    });
    const head = document.createElement('div');
    head.className = 'lane-head';
    const method = document.createElement('select');
    method.setAttribute('aria-label', `Lane ${k + 1} method`);
    for (const m of ctx.catalog.methods) method.append(new Option(m.name, m.id, false, m.id === info.lane.method));
    method.addEventListener('change', () => {
      ctx.guard(() => ctx.app.setLane(k, method.value));
      this.rebuild();
      this.onSelect();
      ctx.changed();
    });
    const restart = button('↺', `Restart lane ${k + 1} from θ⁽⁰⁾`, () => { ctx.guard(() => ctx.app.restartLane(k)); ctx.changed(); });
    const remove = button('×', `Remove lane ${k + 1}`, () => { ctx.guard(() => ctx.app.removeLane(k)); this.rebuild(); this.onSelect(); ctx.changed(); });
    remove.className = 'remove';
    head.append(method, restart, remove);

    const status = document.createElement('div');
    status.className = 'lane-status';
    const badge = document.createElement('span');
    badge.className = 'badge';
    const text = document.createElement('span');
    status.append(badge, text);
    const values = document.createElement('div');
    values.className = 'lane-values';

    const params = document.createElement('div');
    params.className = 'params';
    const own = new Map(this.methods.get(info.lane.method).params.map((p) => [p.key, p]));
    for (const key of info.keys.filter((s) => s.relevant)) {
      const entry = key.lane_key ? this.laneKeys.get(key.key) : own.get(key.key);
      this.row(params, k, entry, key.value);
    }
    li.append(head, this.convention(info, k), status, values, params);
    li.refs = { badge, text, values };
    return li;
  }

  /**
   * The lane's convention: the book's settings or torch.optim's (the
   * method's catalog entry says which settings torch changes); a switch
   * when they differ, a line saying so when they agree or torch has none.
   */
  convention(info, k) {
    const torch = this.methods.get(info.lane.method).torch;
    const box = document.createElement('div');
    box.className = 'lane-convention';
    box.title = torch.class ? `torch.optim: ${torch.class}${torch.note ? `. ${torch.note}` : ''}` : torch.note;
    if (info.convention === 'no-torch' || info.convention === 'same') {
      box.textContent = info.convention === 'same' ? `convention: book = ${torch.class}` : 'convention: book (torch.optim has none)';
      return box;
    }
    const label = document.createElement('label');
    label.textContent = 'convention';
    const sel = document.createElement('select');
    sel.setAttribute('aria-label', `Lane ${k + 1} convention`);
    for (const c of ['book', 'torch']) sel.append(new Option(c, c, false, c === info.convention));
    if (info.convention === 'own') sel.append(new Option('own settings', 'own', true, true));
    sel.addEventListener('change', () => {
      if (sel.value === 'own') return;
      this.ctx.guard(() => this.ctx.app.setConvention(k, sel.value));
      this.rebuild();
      this.ctx.changed();
    });
    label.append(' ', sel);
    box.append(label);
    return box;
  }

  /**
   * One key's row, built from its table entry: a select for choices and
   * flags, a slider and a number box for ranges that fit one, a box otherwise.
   * The core checks every value; its error shows under the row.
   */
  row(grid, k, p, value) {
    const label = document.createElement('label');
    label.textContent = p.symbol ? `${p.symbol} ${p.key}` : p.key;
    label.title = p.help;
    const err = document.createElement('div');
    err.className = 'param-error';
    err.hidden = true;
    const set = (text, el) => {
      try {
        this.ctx.guard(() => this.ctx.app.setParam(k, p.key, String(text)));
        err.hidden = true;
        el.classList.remove('bad');
        this.ctx.changed();
        return true;
      } catch (e) {
        err.textContent = e.message; // e.g. "adam: lr = -1 is out of range [1e-6, 10]"
        err.hidden = false;
        el.classList.add('bad');
        return false;
      }
    };
    if (p.kind === 'choice' || p.kind === 'bool') {
      const sel = document.createElement('select');
      sel.setAttribute('aria-label', p.key);
      for (const c of p.kind === 'bool' ? ['on', 'off'] : p.choices) sel.append(new Option(c, c, false, c === value));
      sel.addEventListener('change', () => { if (set(sel.value, sel)) this.rebuildSoon(); });
      sel.style.gridColumn = '2 / 4';
      grid.append(label, sel, err);
      return;
    }
    const box = document.createElement('input');
    box.type = 'text';
    box.value = value;
    box.setAttribute('aria-label', p.key);
    box.title = `${p.help} (${p.min} … ${p.max}${p.word ? ` or ${p.word}` : ''})`;
    const slider = (p.kind === 'real' || p.kind === 'int') && (p.log ? p.min > 0 : p.max - p.min <= 1e3);
    if (!slider) {
      box.addEventListener('change', () => { if (set(box.value.trim(), box)) this.rebuildSoon(); });
      grid.append(label, document.createElement('span'), box, err);
      return;
    }
    const range = document.createElement('input');
    range.type = 'range';
    range.setAttribute('aria-label', `${p.key} slider`);
    const toSlider = (v) => (p.log ? Math.log10(v) : v);
    const fromSlider = (s) => (p.log ? 10 ** s : s);
    range.min = String(toSlider(p.min));
    range.max = String(toSlider(p.max));
    range.step = p.kind === 'int' ? '1' : String((toSlider(p.max) - toSlider(p.min)) / 400);
    range.value = String(toSlider(Number(value)));
    range.addEventListener('input', () => {
      let v = fromSlider(Number(range.value));
      v = p.kind === 'int' ? Math.round(v) : +v.toPrecision(3);
      box.value = String(v);
      set(v, box);
    });
    box.addEventListener('change', () => {
      if (set(box.value.trim(), box)) range.value = String(toSlider(Number(box.value)));
    });
    grid.append(label, range, box, err);
  }

  rebuildSoon() {
    queueMicrotask(() => this.rebuild());
  }

  /** Refreshes status and values without rebuilding the controls. */
  update(lanes) {
    lanes ??= this.ctx.guard(() => this.ctx.app.lanes(), []);
    if (shapeOf(lanes) !== this.shape && !this.list.contains(document.activeElement)) {
      this.rebuild();
      return;
    }
    const sel = this.ctx.guard(() => this.ctx.app.selected(), 0);
    const isData = this.ctx.guard(() => this.ctx.app.scene().function.kind === 'data', false);
    lanes.forEach((l, k) => {
      const li = this.list.children[k];
      if (!li?.refs) return;
      li.classList.toggle('selected', k === sel);
      setText(li.refs.badge, l.label);
      setProp(li.refs.badge, 'className', `badge ${l.label}`);
      setText(li.refs.text, l.error ? l.error : l.status === l.label ? '' : l.status.replace(/^(converged|stopped|diverged|failed): /, ''));
      if (li.dataset.status !== l.label) li.dataset.status = l.label;
      const dist = l.distance == null ? '' : `   ‖θ − θ*‖ = ${fmt(l.distance)}`;
      const work = isData ? `   epochs = ${fmt(l.epochs)}` : `   evals = ${l.evals}`;
      setText(li.refs.values, l.error ? '' : `t = ${l.iter}   θ = ${vec(l.theta)}   C = ${fmt(l.loss)}   ‖∇C‖ = ${fmt(l.grad_norm)}${dist}${work}`);
    });
  }
}

/** What decides the cards' controls: each lane's text and which keys show. */
function shapeOf(lanes) {
  return lanes.map((l) => `${l.lane.text}:${l.keys.filter((s) => s.relevant).map((s) => s.key).join(',')}`).join('|');
}

function button(text, title, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.title = title;
  b.setAttribute('aria-label', title);
  b.addEventListener('click', (e) => { e.stopPropagation(); onClick(); });
  return b;
}
