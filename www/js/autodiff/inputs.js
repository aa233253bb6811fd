// The controls: example picker, the function box, the point, the mode, the
// direction v, the seed u, the step buttons and the step h of the check.
// Each one calls the core and asks the page to show the result.
import { el, showError, clearError } from './dom.js';

export class Inputs {
  constructor(ctx, presets) {
    this.ctx = ctx;
    const $ = (id) => document.getElementById(id);
    this.preset = $('preset');
    this.expr = $('expr');
    this.exprError = $('expr-error');
    this.exprLabel = $('expr-label');
    this.point = $('point');
    this.pointError = $('point-error');
    this.input = $('input');
    this.direction = $('direction');
    this.directionBox = $('direction-box');
    this.seed = $('seed');
    this.seedBox = $('seed-box');
    this.optionError = $('option-error');
    this.h = $('h');
    this.names = null;

    this.preset.append(new Option('your own function', ''));
    for (const p of presets) this.preset.append(new Option(p.title, p.id));
    this.preset.addEventListener('change', () => {
      const p = presets.find((x) => x.id === this.preset.value);
      if (!p) { this.expr.focus(); return; }
      ctx.open(p.query);
    });

    let timer = 0;
    this.expr.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => this.typed(), 200); });
    this.expr.addEventListener('keydown', (e) => { if (e.key === 'Enter') { clearTimeout(timer); this.typed(); } });

    for (const b of document.querySelectorAll('[data-mode]')) {
      b.addEventListener('click', () => { ctx.guard(() => ctx.ex.setMode(b.dataset.mode)); ctx.changed(); });
    }
    this.input.addEventListener('change', () => {
      if (this.input.value === 'v') {
        this.directionBox.hidden = false;
        this.direction.focus();
        return;
      }
      ctx.guard(() => ctx.ex.setInput(Number(this.input.value)));
      clearError(this.optionError, this.direction);
      ctx.changed();
    });
    this.bindText(this.direction, (t) => ctx.ex.setDirection(t));
    this.bindText(this.seed, (t) => ctx.ex.setSeed(t));

    document.getElementById('step').addEventListener('click', () => { ctx.guard(() => ctx.ex.step()); ctx.changed(); });
    document.getElementById('reset').addEventListener('click', () => { ctx.guard(() => ctx.ex.reset()); ctx.changed(); });
    document.getElementById('run').addEventListener('click', () => { ctx.guard(() => ctx.ex.runToEnd()); ctx.changed(); });
    this.h.addEventListener('change', () => { ctx.guard(() => ctx.ex.setH(Number(this.h.value))); ctx.changed(); });
  }

  /** A text field whose value goes to the core on Enter or after a pause. */
  bindText(input, call) {
    let timer = 0;
    const apply = () => {
      const src = input.value;
      const err = this.ctx.guard(() => call(src), null);
      if (err) { showError(this.optionError, input, err, src); return; }
      clearError(this.optionError, input);
      this.ctx.changed();
    };
    input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(apply, 250); });
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { clearTimeout(timer); apply(); } });
  }

  typed() {
    const src = this.expr.value;
    if (!src.trim()) {
      showError(this.exprError, this.expr, { message: 'type a function, e.g. sin(x*y) + exp(y), or a list (f1, f2)', start: 0, end: 0 }, src);
      return;
    }
    const err = this.ctx.guard(() => this.ctx.ex.setExpr(src), null);
    if (err) { showError(this.exprError, this.expr, err, src); return; }
    clearError(this.exprError, this.expr);
    this.ctx.changed();
  }

  /** One field per variable, rebuilt when the variables change. */
  buildPoint(view) {
    const key = view.var_names.join(',');
    if (key === this.names) return false;
    this.names = key;
    clearError(this.pointError);
    const fields = view.var_names.map((name, k) => {
      const j = k + 1;
      const input = el('input', { type: 'text', spellcheck: 'false', autocomplete: 'off', 'data-j': j, 'aria-label': `θ${j} (${name})` });
      input.value = view.at[k];
      const evalSpan = el('span', { class: 'eval' });
      let timer = 0;
      const apply = () => {
        const src = input.value;
        const err = this.ctx.guard(() => this.ctx.ex.setCoordinate(j, src), null);
        if (err) {
          showError(this.pointError, input, { ...err, message: `θ${j}: ${err.message}` }, src);
          return;
        }
        clearError(this.pointError, input);
        this.ctx.changed();
      };
      input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(apply, 250); });
      input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { clearTimeout(timer); apply(); } });
      return el('label', { class: 'coord' }, el('span', { class: 'name' }, `θ${j} = ${name} =`), input, evalSpan);
    });
    if (!fields.length) fields.push(el('span', { class: 'hint' }, 'This function has no variables.'));
    this.point.replaceChildren(...fields);
    return true;
  }

  /** Brings every control in line with the core's view. */
  show(view) {
    const scalar = view.outputs === 1;
    this.preset.value = view.preset || '';
    this.exprLabel.textContent = scalar ? 'C(θ) =' : 'g(θ) =';
    if (document.activeElement !== this.expr && this.exprError.hidden) this.expr.value = view.source;
    this.buildPoint(view);
    for (const input of this.point.querySelectorAll('input[data-j]')) {
      const k = Number(input.dataset.j) - 1;
      if (document.activeElement !== input && !input.classList.contains('invalid')) input.value = view.at[k];
      const shown = view.x[k].text;
      input.nextElementSibling.textContent = input.value.trim() === shown ? '' : `= ${shown}`;
    }
    for (const b of document.querySelectorAll('[data-mode]')) b.setAttribute('aria-pressed', String(b.dataset.mode === view.mode));

    const options = view.var_names.map((n, k) => [String(k + 1), `e${k + 1}: by θ${k + 1} (${n})`]);
    options.push(['v', 'any direction v…']);
    const sig = options.map((o) => o.join('=')).join('|');
    if (this.input.dataset.sig !== sig) {
      this.input.replaceChildren(...options.map(([v, t]) => new Option(t, v)));
      this.input.dataset.sig = sig;
    }
    this.input.value = view.input ? String(view.input) : 'v';
    if (view.input === null || view.input === undefined) this.directionBox.hidden = false;
    else if (document.activeElement !== this.direction) this.directionBox.hidden = true;
    if (document.activeElement !== this.direction && !this.direction.classList.contains('invalid')) this.direction.value = view.direction_text;
    this.seedBox.hidden = scalar;
    if (document.activeElement !== this.seed && !this.seed.classList.contains('invalid')) this.seed.value = view.seed_text;

    if (!this.h.options.length) {
      for (const c of view.check.choices) this.h.append(new Option(c.text, c.full));
    }
    const h = view.check.h.value;
    let best = 0;
    view.check.choices.forEach((c, k) => { if (Math.abs(Math.log10(c.value / h)) < Math.abs(Math.log10(view.check.choices[best].value / h))) best = k; });
    this.h.selectedIndex = best;

    const p = view.progress;
    document.getElementById('step').disabled = p.step >= p.total;
    document.getElementById('reset').disabled = p.step === 0;
    document.getElementById('run').disabled = p.step >= p.total;
    const lit = p.mode === 'forward' || p.phase === 'forward pass' || p.phase === 'start' ? 'primals' : 'adjoints';
    document.getElementById('progress').textContent =
      `step ${p.step} of ${p.total} · ${p.phase} · ${p.lit} of ${view.nodes} nodes with ${lit}`;
    document.getElementById('progress').dataset.lit = String(p.lit);
    document.getElementById('caption').textContent = view.caption;
  }
}
