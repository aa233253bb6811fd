// The function picker: built-ins, and a box where a person types f(x, y).
// Parse errors show in place, under the position, while typing; the last
// valid function stays on screen.
import { byId } from './shell.js';

export class FunctionPicker {
  constructor(ctx, onChange) {
    this.ctx = ctx;
    this.onChange = onChange;
    Object.assign(this, byId({ select: 'function', input: 'expr', error: 'expr-error', formula: 'formula' }));
    const two = document.createElement('optgroup');
    two.label = 'Functions of θ = (x, y)';
    const one = document.createElement('optgroup');
    one.label = 'Functions of one variable';
    for (const f of ctx.catalog.functions) (f.dim === 2 ? two : one).append(new Option(f.name, f.id));
    const data = document.createElement('optgroup');
    data.label = 'Learning from data (finite sums)';
    for (const m of ctx.catalog.data_models.filter((m) => m.drawable)) data.append(new Option(m.name, `data:${m.id}`));
    const custom = document.createElement('optgroup');
    custom.label = 'Your own';
    custom.append(new Option('typed below…', 'custom'));
    this.select.append(two, one, data, custom);
    this.select.addEventListener('change', () => this.pick());
    let timer = 0;
    this.input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.typed(), 160);
    });
    this.input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { clearTimeout(timer); this.typed(); } });
    this.show();
  }

  /** Shows the current function in the picker, the box and the formula line. */
  show() {
    const f = this.ctx.guard(() => this.ctx.app.scene().function, null);
    if (!f) return;
    if (f.kind === 'builtin') {
      this.select.value = f.value;
      const info = this.ctx.catalog.functions.find((x) => x.id === f.value);
      if (document.activeElement !== this.input) this.input.value = info.formula;
      this.formula.replaceChildren(code(`C(θ) = ${info.formula}`), about(info.about));
    } else if (f.kind === 'data') {
      this.select.value = `data:${f.model}`;
      const model = this.ctx.catalog.data_models.find((m) => m.id === f.model);
      if (document.activeElement !== this.input) this.input.value = '';
      this.input.placeholder = 'a data loss: type a function here to switch back';
      this.formula.replaceChildren(code(`C(θ) = (1/n) Σᵢ Cᵢ(θ)`), about(`${model.name}: ${f.value}. Lanes can use the full gradient, single samples (SGD, batch 1) or mini-batches.`));
    } else {
      this.select.value = 'custom';
      if (document.activeElement !== this.input) this.input.value = f.value;
      this.formula.replaceChildren(code(`C(θ) = ${f.value}`));
    }
  }

  pick() {
    if (this.select.value === 'custom') { this.input.focus(); return; }
    try {
      const v = this.select.value;
      this.ctx.guard(() => (v.startsWith('data:') ? this.ctx.app.setData(v.slice(5)) : this.ctx.app.setFunction(v)));
    } catch (e) {
      this.fail({ message: e.message, start: 0, end: 0 }, '');
      return;
    }
    this.clear();
    this.show();
    this.onChange();
    this.ctx.changed();
  }

  typed() {
    const src = this.input.value;
    if (!src.trim()) { this.fail({ message: 'type a function of x and y (or of one variable)', start: 0, end: 0 }, src); return; }
    const err = this.ctx.guard(() => this.ctx.app.setExpr(src), null);
    if (err) { this.fail(err, src); return; }
    this.clear();
    this.show();
    this.onChange();
    this.ctx.changed();
  }

  /** Shows the message with the expression and a caret under the span. */
  fail(err, src) {
    this.input.classList.add('invalid');
    this.input.setAttribute('aria-invalid', 'true');
    const chars = Array.from(src);
    const start = Math.min(err.start, chars.length);
    const width = Math.max(1, Math.min(err.end, chars.length + 1) - start);
    const line = document.createElement('div');
    line.textContent = chars.length <= 120 ? src : `${chars.slice(0, 120).join('')}…`;
    const caret = document.createElement('div');
    caret.className = 'caret';
    caret.textContent = start <= 120 && chars.length ? `${' '.repeat(start)}${'^'.repeat(Math.min(width, 120))}` : '';
    const msg = document.createElement('div');
    msg.textContent = err.message;
    this.error.replaceChildren(...(chars.length ? [line, caret] : []), msg);
    this.error.hidden = false;
  }

  clear() {
    this.input.classList.remove('invalid');
    this.input.removeAttribute('aria-invalid');
    this.error.hidden = true;
  }
}

function code(text) {
  const c = document.createElement('code');
  c.textContent = text;
  return c;
}

function about(text) {
  const p = document.createElement('span');
  p.className = 'about';
  p.textContent = text;
  return p;
}
