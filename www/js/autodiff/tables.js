// Renders what the core computed: Tables 4.1–4.3, the Jacobian, jvp, vjp and
// Hessian, and the gradient check's table. Only text from the view, as text.
import { el } from './dom.js';

/** One value line: the decimal, and beside it the closed form when the core found a short one. */
function valueLine(line, exact) {
  return el('div', { class: line.startsWith('ȧ') || line.startsWith('θ̇') ? 'tangent' : undefined },
    el('span', { class: 'num' }, line),
    exact ? el('span', { class: 'exact', title: 'exact value' }, ` = ${exact}`) : null);
}

/** Tables 4.1–4.3 in the book's layout. */
export function renderTables(box, view) {
  const figures = view.tables.map((t) => {
    const head = el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, el('span', { class: 'sr-only' }, 'part')), el('th', { scope: 'col' }, t.head[0]), el('th', { scope: 'col' }, t.head[1])));
    const rows = t.rows.map((r) => {
      const value = r.value.length
        ? r.value.map((line, k) => valueLine(line, r.exact[k]))
        : r.general.map(() => el('div', {}, '…'));
      return el('tr', {
        class: [r.state, r.group ? 'group-start' : '', r.group === 'Gradient' ? 'gradient' : ''].filter(Boolean).join(' '),
        'data-node': r.node ?? undefined,
        'data-input': r.input ?? undefined,
        'data-group': r.group || undefined,
      },
      r.group ? el('th', { scope: 'row' }, r.group) : el('td', { class: 'row-head' }, ''),
      el('td', { class: 'general' }, r.general.map((line) => el('div', { class: line.startsWith('ȧ') || line.startsWith('θ̇') ? 'tangent' : undefined }, line))),
      el('td', { class: 'value' }, value));
    });
    return el('figure', { class: 'book-table', 'data-table': t.key },
      el('figcaption', {}, t.title),
      el('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t.title }, el('table', {}, head, el('tbody', {}, rows))));
  });
  box.replaceChildren(...figures);
}

function vec(nums) {
  return `(${nums.map((n) => n.text).join(', ')})`;
}

function cell(n, cls) {
  return el('td', { title: n.full, class: cls }, n.text);
}

function matrix(id, rowNames, colNames, rows) {
  return el('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': id === 'hessian' ? 'The Hessian' : 'The Jacobian' }, el('table', { id, class: 'num-table' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, el('span', { class: 'sr-only' }, id === 'hessian' ? 'row' : 'output')), colNames.map((c) => el('th', { scope: 'col' }, c)))),
    el('tbody', {}, rows.map((r, i) => el('tr', {}, el('th', { scope: 'row' }, rowNames[i]), r.map((n) => cell(n)))))));
}

/** g(θ), the Jacobian, jvp with v, vjp with u and (scalar functions) the Hessian. */
export function renderResults(box, view) {
  const r = view.results;
  const scalar = view.outputs === 1;
  const cols = view.var_names.map((n, j) => `θ${j + 1} (${n})`);
  const outs = scalar ? ['C'] : r.value.map((_, i) => `g${i + 1}`);
  const parts = [
    el('h3', {}, scalar ? 'Value C(θ)' : 'Value g(θ)'),
    el('div', { class: 'vec', id: 'value' }, scalar ? r.value[0].text : vec(r.value)),
    el('h3', {}, scalar ? 'Jacobian J_C(θ) = ∇C(θ)ᵀ' : `Jacobian J_g(θ), ${view.outputs}×${view.dim}`),
    view.dim ? matrix('jacobian', outs, cols, r.jacobian) : el('div', { class: 'what' }, 'no variables'),
    el('h3', {}, 'jvp: J_g(θ) v (forward mode)'),
    el('div', { class: 'vec' }, el('span', { class: 'what' }, `v = ${vec(r.v)} → `), el('span', { id: 'jvp' }, vec(r.jvp))),
    el('h3', {}, 'vjp: uᵀ J_g(θ) (backward mode)'),
    el('div', { class: 'vec' }, el('span', { class: 'what' }, `u = ${vec(r.u)} → `), el('span', { id: 'vjp' }, vec(r.vjp))),
  ];
  if (r.hessian) {
    parts.push(el('h3', {}, 'Hessian ∇²C(θ), exact (forward over backward)'));
    parts.push(view.dim ? matrix('hessian', cols, cols, r.hessian) : el('div', { class: 'what' }, 'no variables'));
  } else {
    parts.push(el('p', { class: 'note' }, 'The Hessian is shown for a scalar function C(θ).'));
  }
  box.replaceChildren(...parts);
}

const grade = (n) => (n.value === null || n.value === undefined ? 'poor' : n.value < 1e-6 ? 'good' : n.value < 1e-3 ? 'fair' : 'poor');

/** The gradient check at the chosen h. */
export function renderCheck(table, note, view) {
  const c = view.check;
  note.replaceChildren(
    `The gradient of ${c.target} by backward mode against numerical differentiation at θ: the forward difference (4.26) `,
    el('code', {}, '(C(θ + h eⱼ) − C(θ)) / h'), ' and the central difference ',
    el('code', {}, '(C(θ + h eⱼ) − C(θ − h eⱼ)) / 2h'),
    ', with the relative error |a − n| / max(|a|, |n|). The chart sweeps h: truncation error falls with h, round-off error grows as h shrinks.');
  const head = el('thead', {}, el('tr', {},
    el('th', { scope: 'col' }, el('span', { class: 'sr-only' }, 'component')), el('th', { scope: 'col' }, 'autodiff'), el('th', { scope: 'col' }, 'forward diff.'),
    el('th', { scope: 'col' }, 'rel. error'), el('th', { scope: 'col' }, 'central diff.'), el('th', { scope: 'col' }, 'rel. error')));
  const body = el('tbody', {}, c.rows.map((r) => el('tr', { 'data-input': r.name },
    el('th', { scope: 'row', title: r.var }, r.name),
    cell(r.autodiff), cell(r.forward), cell(r.forward_error, `err fwd ${grade(r.forward_error)}`),
    cell(r.central), cell(r.central_error, `err ctr ${grade(r.central_error)}`))));
  const foot = el('tfoot', {}, el('tr', {},
    el('th', { scope: 'row' }, 'whole gradient'), el('td', {}, ''), el('td', {}, ''),
    cell(c.forward_error, `err fwd ${grade(c.forward_error)}`), el('td', {}, ''),
    cell(c.central_error, `err ctr ${grade(c.central_error)}`)));
  table.replaceChildren(head, body, foot);
}
