// Seeded generators for the wasm fuzz suite: hostile numbers and text,
// grammar-aware expressions, lanes, data specs and links built from the keys
// of every table the core exports in catalog(). Every sequence has its own
// generator seeded from (run seed, sequence index), so any failure replays.

/** A small, fast, seeded generator (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
  return r;
}

/** Numbers a hostile script passes: non-finite, huge, negative, off by one. */
export const HOSTILE = [NaN, Infinity, -Infinity, -1, 0, -0, 1, 0.5, 2, 3, 7, 1e9, 2 ** 32, 2 ** 32 + 1, 2 ** 31,
  -(2 ** 31), 1e308, -1e308, 5e-324, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e-12, 100, 1000, 4096, 4097];

export function hostileNumber(r) {
  if (r.chance(0.5)) return r.pick(HOSTILE);
  return r.pick([() => r.next() * 2000 - 1000, () => r.int(-3, 12), () => (r.next() - 0.5) * 10 ** r.int(-20, 308)])();
}

/** Numbers as a link writes them (text). */
const NUMBER_TEXTS = ['0', '-0', '1', '-1', '2', '0.5', '1e308', '-1e308', '1e309', '1e-320', 'NaN', 'nan', 'inf',
  '-inf', 'Infinity', '+1', '1e', '0x10', '', ' ', '9007199254740993', '18446744073709551615',
  '18446744073709551616', '-9223372036854775809', '1e9', '1e12', '999999999999', '100000', '100001', '1e-10',
  '3.0', '2.5', '1e6', '1e7'];

export function numberText(r) {
  if (r.chance(0.5)) return r.pick(NUMBER_TEXTS);
  return String(hostileNumber(r));
}

const JUNK = ['%', '%2', '%zz', '%+1', '%00', '%C3%28', '%FF%FE', '(', ')', '((', '))', '=', ',', ';', ':', '&', '#',
  '+', 'θ', '∞', '\u0000', '\u202e', '<img src=x onerror=alert(1)>', '"\'', 'a(b=c', 'a(b)', 'a()', 'a(=)',
  'a(b=)', '\ud800', '🙂', 'null', 'undefined', '[object Object]'];

/** Text a stranger might paste. */
export function junk(r) {
  const kind = r.int(0, 3);
  if (kind === 0) return r.pick(JUNK);
  if (kind === 1) return Array.from({ length: r.int(0, 30) }, () => String.fromCodePoint(r.int(1, 0x2fff))).join('');
  if (kind === 2) return r.pick(['x', '(', '1,', '%2B', 'a=b&', 'sin(']).repeat(r.int(100, 3000));
  return Array.from({ length: r.int(1, 4) }, () => r.pick(JUNK)).join(r.pick(['', ',', '&', '=']));
}

const FUNCS = ['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sigmoid', 'softplus'];
const VARS = ['x', 'y', 'x', 'y', 't1', 't2', 't3', 'w1', 'b', 'z'];
const CONSTS = ['0', '1', '2', '0.5', '3', '10', '1e308', '1e-308', '709.5', '1e9', 'pi', 'e', '0.0', '-1'];

/** A random expression: a tree of the grammar with hostile constants (depth ≤ `depth`). */
export function expression(r, depth = 5) {
  if (depth <= 0 || r.chance(0.25)) return r.chance(0.6) ? r.pick(VARS) : r.pick(CONSTS);
  const a = () => expression(r, depth - 1);
  switch (r.int(0, 6)) {
    case 0: case 1: return `${a()}${r.pick(['+', '-', '*', '/', '^'])}${a()}`;
    case 2: return `(${a()}${r.pick(['+', '-', '*', '/', '^'])}${a()})`;
    case 3: case 4: return `${r.pick(FUNCS)}(${a()})`;
    case 5: return `-${a()}`;
    default: return `(${Array.from({ length: r.int(2, 3) }, a).join(', ')})`;
  }
}

/** Expressions from the issue and their kin: overflow, 0/0, long chains, deep nesting. */
export function nastyExpression(r) {
  return r.pick([
    () => '1e308*x', () => 'softplus(1e308*x)', () => Array(r.int(2, 400)).fill('x').join('/'),
    () => `exp(x)+y^2`, () => '0/0+x+y', () => 'log(x)', () => 'sqrt(x)+y^2', () => 'log(-x^2-1)+y',
    () => `${'('.repeat(r.int(150, 260))}x${')'.repeat(r.int(150, 260))}`,
    () => Array.from({ length: r.int(50, 700) }, (_, k) => `sin(x*${k + 1}+y)`).join('+'),
    () => Array.from({ length: r.int(50, 700) }, (_, k) => `(x*x+${k})^(y/3)`).join('+'),
    () => 'x^' + r.pick(['1e9', '-1e9', '0.5', '1e308', '2147483648', 'NaN']),
    () => `x^2+y^2${' '.repeat(r.int(0, 10000))}`,
    () => Array(r.int(10, 3000)).fill('x').join('*'),
    () => `exp(exp(exp(x)))+y`, () => 'tan(x)*tan(y)', () => `1/(x-${r.next()})+y`,
  ])();
}

/** `id(key=value,…)` over a method's hyperparameters and the lane keys. */
export function laneText(r, catalog) {
  if (r.chance(0.05)) return junk(r);
  const m = r.pick(catalog.methods);
  const keys = [...m.params.map((p) => p.key), ...catalog.lane_keys.map((k) => k.key), 'bogus'];
  const pairs = Array.from({ length: r.int(0, 3) }, () => {
    const key = r.pick(keys);
    const entry = [...m.params, ...catalog.lane_keys].find((p) => p.key === key);
    const value = entry?.choices?.length && r.chance(0.6) ? r.pick(entry.choices) : numberText(r);
    return `${key}=${value.replace(/[,()]/g, '')}`;
  });
  return pairs.length ? `${m.id}(${pairs.join(',')})` : m.id;
}

function pointsText(r) {
  return Array.from({ length: r.int(0, 12) }, () => `${numberText(r)}:${numberText(r)}`).join(';');
}

/** `model(key=value,…)` over the data options. */
export function dataText(r, catalog, drawable = false) {
  if (r.chance(0.05)) return junk(r);
  const models = catalog.data_models.filter((m) => !drawable || m.drawable);
  const m = r.pick(models);
  const pairs = Array.from({ length: r.int(0, 3) }, () => {
    const o = r.pick(m.options);
    const e = o.entry;
    let value;
    if (e.key === 'points') value = pointsText(r);
    else if (e.choices?.length && r.chance(0.7)) value = r.pick(e.choices);
    else if (e.key === 'n' && r.chance(0.5)) value = r.pick(['1e9', '100000', '5000', '1500', '121', '101', '0', '-5']);
    else value = numberText(r);
    return `${e.key}=${value.replace(/[,()]/g, '')}`;
  });
  return pairs.length ? `${m.id}(${pairs.join(',')})` : m.id;
}

/** A value for a key of a link's table, by the key's kind (a fifth are junk). */
function valueFor(r, entry, catalog, drawable) {
  if (r.chance(0.2)) return junk(r);
  switch (entry.key) {
    case 'o': return laneText(r, catalog);
    case 'data': return dataText(r, catalog, drawable);
    case 'f': return r.pick(catalog.functions).id;
    case 'expr': return r.chance(0.3) ? nastyExpression(r) : expression(r);
    default: break;
  }
  switch (entry.kind) {
    case 'reals': case 'ints': return Array.from({ length: r.int(1, 5) }, () => numberText(r)).join(r.pick([',', '-']));
    case 'bool': return r.pick(['on', 'off', '1', '0', 'maybe', '']);
    case 'choice': case 'set': return Array.from({ length: r.int(1, 3) }, () => r.pick(entry.choices)).join(',');
    case 'points': return pointsText(r);
    case 'text': return r.chance(0.5) ? expression(r, 3) : junk(r);
    default: return numberText(r);
  }
}

/** Percent-encodes `v` (a lone surrogate stays as it is). */
export function encode(v) {
  try { return encodeURIComponent(v); } catch { return v; }
}

/** A query string of up to 10 pairs over `keys` (repeats, conflicts and unknown keys included). */
export function link(r, keys, catalog, { drawable = true } = {}) {
  const pairs = Array.from({ length: r.int(0, 10) }, () => {
    if (r.chance(0.05)) return r.chance(0.5) ? junk(r) : `zzz=${junk(r)}`;
    const entry = r.pick(keys);
    const v = valueFor(r, entry, catalog, drawable);
    return `${entry.key}=${r.chance(0.7) ? encode(v) : v}`;
  });
  return (r.chance(0.3) ? '?' : '') + pairs.join('&');
}
