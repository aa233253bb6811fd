// The selected lane's update equations, as MathML with the chapter's
// equation numbers, and a plain sentence on when the method shines and fails.
// Both come from the method's own entry in the core's catalog (`lines`, each
// with the conditions on the lane's parameters under which it applies).
//
// Equations are written in a small TeX-like notation and turned into MathML
// here: `^{…}` `_{…}` `\frac{…}{…}` `\sqrt{…}` `\hat{…}` `\tilde{…}` `\bar{…}`
// `\text{…}`, and Unicode for symbols.

const NS = 'http://www.w3.org/1998/Math/MathML';
const el = (tag, ...kids) => {
  const e = document.createElementNS(NS, tag);
  for (const k of kids) e.append(k);
  return e;
};

/** Parses the notation into a list of MathML nodes. */
function parse(src) {
  let i = 0;
  const group = () => {
    // One argument: {…} or a single token.
    while (src[i] === ' ') i++;
    if (src[i] === '{') {
      i++;
      const kids = seq('}');
      i++;
      return kids.length === 1 ? kids[0] : el('mrow', ...kids);
    }
    return atom();
  };
  const atom = () => {
    const c = src[i];
    if (c === '\\') {
      const m = /^\\([a-zA-Z]+)/.exec(src.slice(i));
      i += m[0].length;
      const name = m[1];
      if (name === 'frac') { const a = group(); const b = group(); return el('mfrac', a, b); }
      if (name === 'sqrt') return el('msqrt', group());
      if (name === 'text') { i++; const j = src.indexOf('}', i); const t = src.slice(i, j); i = j + 1; const e = el('mtext', t); return e; }
      const accents = { hat: '^', tilde: '~', bar: '‾' };
      if (accents[name]) { const e = el('mover', group(), el('mo', accents[name])); e.setAttribute('accent', 'true'); return e; }
      const words = { max: 'max', argmin: 'argmin', min: 'min' };
      if (words[name]) return el('mi', words[name]);
      throw new Error(`unknown command \\${name}`);
    }
    if (/[0-9.]/.test(c)) { const m = /^[0-9.]+/.exec(src.slice(i)); i += m[0].length; return el('mn', m[0]); }
    i++;
    if (/[A-Za-zα-ωΑ-Ωθ∇]/.test(c)) return el('mi', c);
    return el('mo', c);
  };
  const seq = (end) => {
    const out = [];
    while (i < src.length && src[i] !== end) {
      if (src[i] === ' ') { i++; continue; }
      let base = atom();
      while (src[i] === '^' || src[i] === '_') {
        const op = src[i++];
        const arg = group();
        if (op === '_' && src[i] === '^') { i++; const sup = group(); base = el('msubsup', base, arg, sup); }
        else base = el(op === '^' ? 'msup' : 'msub', base, arg);
      }
      out.push(base);
    }
    return out;
  };
  return seq(undefined);
}

function math(src) {
  const m = el('math', el('mrow', ...parse(src)));
  m.setAttribute('display', 'block');
  return m;
}

const T = (s) => s.replaceAll('(t)', '^{(t)}').replaceAll('(t+1)', '^{(t+1)}').replaceAll('(t-1)', '^{(t−1)}');
/** Whether every condition of a line holds for the lane's parameters (text form, as in links). */
const holds = (when, params) => when.every((c) => !(c.key in params) || c.values.includes(params[c.key]) !== c.not);

export function showEquations(ctx) {
  const box = document.getElementById('equations');
  const lanes = ctx.guard(() => ctx.app.lanes(), []);
  const k = ctx.guard(() => ctx.app.selected(), 0);
  const lane = lanes[k];
  if (!lane) { box.replaceChildren(); return; }
  const info = ctx.catalog.methods.find((m) => m.id === lane.lane.method);
  const h = document.createElement('h3');
  h.textContent = `${info.name} `;
  const ref = document.createElement('span');
  ref.className = 'eqref';
  ref.textContent = info.equations;
  h.append(ref);
  const nodes = [h];
  for (const { tex, number: num, when } of info.lines) {
    if (!holds(when, lane.lane.params)) continue;
    try {
      const m = math(T(tex));
      m.setAttribute('title', num);
      const wrap = document.createElement('div');
      wrap.className = 'eq';
      const n = document.createElement('span');
      n.className = 'eqref';
      n.textContent = num;
      wrap.append(m, n);
      nodes.push(wrap);
    } catch (e) {
      console.warn(e);
    }
  }
  const p = document.createElement('p');
  p.textContent = info.summary;
  nodes.push(p);
  box.replaceChildren(...nodes);
  box.style.borderLeft = `6px solid ${lane.color}`;
}
