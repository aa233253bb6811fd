// The selected lane's update equations, as MathML with the chapter's
// equation numbers, and a plain sentence on when the method shines and fails
// (from the method's own entry in the core).
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
const G = '∇C(θ(t))';

/** Each method: [equation, number] lines. */
const EQUATIONS = {
  gd: [[`θ(t+1) = θ(t) − α(t) ${G}`, 'Alg. 4.1; (4.10) with noisy gradients'], [`α(t) = α·γ^{t}`, 'exponential decay (Fig. 4.2b)'], [`α(t) = \\argmin_{α} C(θ(t) + α θ_{d}(t))`, '(4.43) with ls=exact']],
  momentum: [[`v(t+1) = β v(t) + (1 − β) ${G}`, '(4.16)'], [`θ(t+1) = θ(t) − α v(t+1)`, '(4.17)']],
  nesterov: [[`v(t+1) = β v(t) + (1 − β) ∇C(θ(t) − α β v(t))`, '(4.33)'], [`θ(t+1) = θ(t) − α v(t+1)`, '(4.34)']],
  lookahead: [[`v(t+1) = β v(t) + (1 − β) ${G}`, '(4.36)'], [`θ(t+1) = θ(t) − α (β v(t+1) + (1 − β) ${G})`, '(4.37)']],
  adagrad: [[`s(t+1) = s(t) + ${G} ⊙ ${G}`, '(4.22)'], [`θ(t+1) = θ(t) − \\frac{α}{\\sqrt{s(t+1)} + ε} ⊙ ${G}`, '(4.21)']],
  rmsprop: [[`s(t+1) = γ s(t) + (1 − γ) ${G} ⊙ ${G}`, '(4.22)'], [`θ(t+1) = θ(t) − \\frac{α}{\\sqrt{s(t+1)} + ε} ⊙ ${G}`, '(4.21)']],
  adam: [[`v ← β v + (1 − β) g,   s ← γ s + (1 − γ) g ⊙ g`, 'Alg. 4.2'], [`\\hat{v} = \\frac{v}{1 − β^{t+1}},   \\hat{s} = \\frac{s}{1 − γ^{t+1}}`, '(4.24)'], [`θ ← θ − α \\frac{\\hat{v}}{\\sqrt{\\hat{s}} + ε}`, '(4.25)']],
  nadam: [[`\\hat{v} ← \\frac{β}{1 − β^{t+2}} v + \\frac{1 − β}{1 − β^{t+1}} g`, 'Alg. 4.2, line 7 replaced'], [`θ ← θ − α \\frac{\\hat{v}}{\\sqrt{\\hat{s}} + ε}`, '(4.25)']],
  adamax: [[`r_{i}(t+1) = \\max(γ r_{i}(t), |g_{i}(t)|)`, '(4.41)'], [`θ(t+1) = θ(t) − α \\frac{\\hat{v}(t+1)}{r(t+1) + ε}`, '(4.42)']],
  adadelta: [[`θ(t+1) = θ(t) − \\frac{\\sqrt{Δθ(t)} + ε}{\\sqrt{s(t+1)} + ε} ⊙ ${G}`, '(4.38)'], [`Δθ(t) = ρ Δθ(t-1) + (1 − ρ) \\tilde{∇}C ⊙ \\tilde{∇}C`, 'below (4.38)']],
  adamw: [[`θ ← θ − α (\\frac{\\hat{v}}{\\sqrt{\\hat{s}} + ε} + λ θ)`, 'Adam (4.25) with decoupled weight decay']],
  cg: [[`α(t) = − \\frac{θ_{d}(t)ᵀ (A θ(t) − b)}{θ_{d}(t)ᵀ A θ_{d}(t)}`, '(4.43) on (4.46)'], [`θ_{d}(t+1) = −∇C(θ(t+1)) + β(t) θ_{d}(t),   β(t) = \\frac{∇C(θ(t+1))ᵀ A θ_{d}(t)}{θ_{d}(t)ᵀ A θ_{d}(t)}`, 'section 4.5']],
  ncg: [[`θ_{d}(t+1) = −g(t+1) + β(t) θ_{d}(t)`, 'nonlinear CG'], [`β_{FR} = \\frac{‖g(t+1)‖^{2}}{‖g(t)‖^{2}},   β_{PR+} = \\max(0, \\frac{g(t+1)ᵀ(g(t+1) − g(t))}{‖g(t)‖^{2}})`, 'Fletcher–Reeves, Polak–Ribière+'], [`α(t): (4.48) and (4.50)`, 'strong Wolfe line search']],
  newton: [[`H_{t} θ_{s}(t) = −${G}`, '(4.56)'], [`θ(t+1) = θ(t) − H_{t}^{−1} ${G}`, '(4.54)'], [`θ(t+1) = θ(t) − \\frac{C′(θ(t))}{C″(θ(t))}`, '(4.51), one variable']],
  secant: [[`θ(t+1) = θ(t) − \\frac{θ(t) − θ(t-1)}{C′(θ(t)) − C′(θ(t-1))} C′(θ(t))`, '(4.53)']],
  bfgs: [[`θ_{d} = −B_{t} ${G},   θ(t+1) = θ(t) + α(t) θ_{d}`, '(4.59), (4.60)'], [`B_{t} = V_{t−1}ᵀ B_{t−1} V_{t−1} + ρ θ_{s} θ_{s}ᵀ`, '(4.66)'], [`ρ = \\frac{1}{g_{s}ᵀ θ_{s}},   V = I − ρ g_{s} θ_{s}ᵀ`, '(4.67)']],
  lbfgs: [[`θ_{d} = −\\tilde{B}_{t} ${G}`, '(4.59) with (4.69)'], [`B_{init}(t) = \\frac{g_{s}ᵀ θ_{s}}{g_{s}ᵀ g_{s}} I`, 'after (4.69)'], [`\\text{two-loop recursion over the last m pairs} (θ_{s}, g_{s})`, 'O(md) per step']],
};

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
  for (const [eq, num] of EQUATIONS[info.id] || []) {
    try {
      const m = math(T(eq));
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
