// The stopping rules of section 4.1, one row per rule, built from what the
// core hands (app.stopping(): each rule's link key, its test and its value).
// The core checks every value; its error shows under the row. A new rule
// replays every lane from θ⁽⁰⁾ to the scene's steps, a slice per frame.
import { $ } from './shell.js';

export class Stopping {
  constructor(ctx) {
    this.ctx = ctx;
    this.panel = $('stopping');
    this.summary = this.panel.querySelector('summary span');
    this.grid = this.panel.querySelector('.params');
    this.fresh();
  }

  /** After the scene changed: the rows show the scene's rules. */
  fresh() {
    const rules = this.ctx.guard(() => this.ctx.app.stopping(), []);
    this.grid.replaceChildren();
    for (const rule of rules) this.row(rule);
    const on = rules.filter((r) => Number(r.value) !== 0);
    this.summary.textContent = on.length
      ? on.map((r) => (r.info.key === 'max_iter' ? `t = ${r.value}` : r.test.replace('ε', r.value))).join(' · ')
      : `none: lanes run to t = ${Number(this.ctx.catalog.limits.steps).toLocaleString('en')} or until they fail`;
  }

  row(rule) {
    const { info } = rule;
    const label = document.createElement('label');
    label.textContent = rule.test;
    label.title = `${info.key}: ${info.help}`;
    const box = document.createElement('input');
    box.type = 'text';
    box.value = rule.value;
    box.setAttribute('aria-label', info.key);
    box.title = `${info.help} (${info.min} … ${info.max}; 0 switches it off)`;
    label.htmlFor = box.id = `stop-${info.key}`;
    const err = document.createElement('div');
    err.className = 'param-error';
    err.hidden = true;
    box.addEventListener('change', () => {
      const ctx = this.ctx;
      try {
        ctx.guard(() => ctx.app.setStopping(info.key, box.value.trim()));
      } catch (e) {
        err.textContent = e.message; // e.g. "ignored rel_tol=2: rel_tol = 2 is out of range [0, 1]"
        err.hidden = false;
        box.classList.add('bad');
        return;
      }
      ctx.refresh();
      // The lanes replay to where the scene was, under the new rules.
      const steps = ctx.guard(() => ctx.app.scene().steps, 0);
      if (steps > ctx.app.clock()) ctx.target = steps;
    });
    const key = document.createElement('span');
    key.className = 'stop-key';
    key.textContent = info.key;
    this.grid.append(label, key, box, err);
  }
}
