// The wasm fuzz suite's worker: runs sequences [from, to) of random links,
// expressions and JS API calls against the page's own wasm package, and
// reports what broke. The main thread (wasm.mjs) watches the shared clock and
// ends this worker if one call never returns.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { installDom } from './dom.mjs';
import * as G from './gen.mjs';

const { seed, from, to, pkg, shared } = workerData;
const clock = new Float64Array(shared, 0, 2); // [start of the current call (epoch ms), 0 when idle; sequence]
const label = new Uint8Array(shared, 16);
const encoder = new TextEncoder();
const now = () => performance.timeOrigin + performance.now();
const makeCanvas = installDom();
// One package per page (./build.sh wasm): the playground's in `pkg`, the
// explorer's and the training page's beside it.
const PAGES = [pkg, `${pkg}-explorer`, `${pkg}-train`];
const wasmModules = PAGES.map((dir) => new WebAssembly.Module(fs.readFileSync(path.join(dir, 'saddle_bg.wasm'))));

let m = null;
let generation = 0;
/** Fresh instances of the packages (after a panic the old ones are not trusted), as one namespace. */
async function load() {
  const mods = [];
  for (const [k, dir] of PAGES.entries()) {
    const mod = await import(`${pathToFileURL(path.join(dir, 'saddle.js')).href}?instance=${generation++}`);
    mod.initSync({ module: wasmModules[k] });
    mods.push(mod);
  }
  // The playground's exports win where names are shared (catalog, version);
  // a panic in any package is reported.
  m = { ...mods[2], ...mods[1], ...mods[0], lastPanic: () => mods.map((mod) => mod.lastPanic()).find(Boolean) };
}

const stats = {
  sequences: {}, calls: {}, refused: 0, panics: [], slow: [], blank: [], broken: [], slowest: {},
  dataLandscapes: { count: 0, slowest: 0 },
};
class Broken extends Error {}

let where = '';
/** The calls of the current sequence so far (the last ten), for reports. */
let trail = [];
/** One call into the core: timed (CPU), panics and blank answers recorded. */
function call(name, fn, { budget = 1000, args = '' } = {}) {
  stats.calls[name] = (stats.calls[name] || 0) + 1;
  const text = `${where} | ${name}(${args})`;
  if (!['scene', 'lanes', 'query', 'layout', 'notices', 'Explorer.view', 'Explorer.query', 'TrainSetup.scene'].includes(name)) {
    trail.push(`${name}(${args.slice(0, 80)})`);
    if (trail.length > 10) trail.shift();
  }
  const { written } = encoder.encodeInto(text.slice(0, 3000), label.subarray(0, label.length - 4));
  label[written] = 0;
  clock[0] = now();
  const c0 = process.cpuUsage();
  let out;
  let threw = null;
  try {
    out = fn();
  } catch (e) {
    threw = e;
  }
  const c = process.cpuUsage(c0);
  clock[0] = 0;
  const cpu = (c.user + c.system) / 1000;
  stats.slowest[name] = Math.max(stats.slowest[name] || 0, cpu);
  if (cpu > budget) stats.slow.push({ call: text, cpu_ms: Math.round(cpu), budget_ms: Math.round(budget) });
  if (threw) {
    if (threw instanceof WebAssembly.RuntimeError) {
      stats.panics.push({ call: text, message: m.lastPanic() || String(threw.message), after: [...trail] });
      throw new Broken();
    }
    stats.refused++;
    return undefined;
  }
  return out;
}

function blank(what, detail) {
  stats.blank.push({ call: where, what, detail: String(detail).slice(0, 300), after: [...trail] });
}
/** Something the page relies on does not hold. */
function broken(what, more) {
  stats.broken.push({ call: where, what, ...more, after: [...trail] });
}

const short = (v) => {
  if (typeof v === 'string') return JSON.stringify(v.length > 120 ? `${v.slice(0, 120)}…(${v.length})` : v);
  if (ArrayBuffer.isView(v)) return `[${Array.from(v).slice(0, 6).join(',')}${v.length > 6 ? ',…' : ''}]`;
  if (v && typeof v === 'object') return 'canvas';
  return String(v);
};
const argText = (args) => args.map(short).join(', ');

// ----- the playground ---------------------------------------------------------------

/** Canvas sizes the page uses (device pixels and dpr): desktop, phone at dpr 2, a small chart. */
const LAYOUTS = [[640, 640, 1], [840, 840, 2], [320, 240, 1], [400, 220, 1]];

let dataReference = 1000;
/**
 * A landscape evaluates C at every pixel: its budget is 1 s (data: 1.5× the
 * gallery's Figure 4.5(b)) at 640×640, the size the limits were set at, and
 * grows with the canvas (a phone at dpr 2 has 840×840 device pixels).
 */
function landscapeBudget(app) {
  const scene = app.scene();
  const l = app.layout();
  const area = Math.max(1, (l.width * l.height) / (640 * 640));
  return (scene?.function?.kind === 'data' ? dataReference : 1000) * area;
}

/** What the page reads after every change: none of it may be missing. */
function checkApp(app) {
  const scene = call('scene', () => app.scene());
  if (!scene || typeof scene !== 'object' || !scene.function || !Array.isArray(scene.lanes)) blank('scene()', scene);
  const lanes = call('lanes', () => app.lanes());
  if (!Array.isArray(lanes)) blank('lanes()', lanes);
  else for (const l of lanes) if (typeof l?.label !== 'string' || typeof l?.status !== 'string') blank('lanes()[k]', JSON.stringify(l));
  const q = call('query', () => app.query());
  if (typeof q !== 'string') blank('query()', q);
  const layout = call('layout', () => app.layout());
  if (!layout) blank('layout()', layout);
  return q;
}

/** The page's own link opens again with no notice, and writes itself back. */
function fixedPoint(app) {
  const q = checkApp(app);
  if (typeof q !== 'string') return;
  const again = call('new App', () => new m.App(q), { args: short(q) });
  if (!again) { blank('new App(query())', q); return; }
  const notices = call('notices', () => again.notices());
  if (!Array.isArray(notices) || notices.length) broken('the page\'s own link gives notices', { query: q.slice(0, 300), notices });
  const q2 = call('query', () => again.query());
  if (q2 !== q) broken('the page\'s own link is not written back unchanged', { query: q.slice(0, 300), again: String(q2).slice(0, 300) });
  again.free();
}

function stepCount(r) {
  return r.chance(0.85) ? r.pick([0, 1, 3, 10, 50, 100, 500, 1000, 2000, 10000]) : G.hostileNumber(r);
}

function canvasFor(r, sizes = LAYOUTS) {
  const [w, h, dpr] = r.pick(sizes);
  return [makeCanvas(w, h), r.chance(0.9) ? dpr : G.hostileNumber(r)];
}

/** Every call the page (or a script) makes, with arguments from realistic to hostile. */
const APP_OPS = [
  ['step', (r, a) => { const n = stepCount(r); return [[n], () => a.step(n)]; }],
  ['advanceTo', (r, a) => {
    const t = r.chance(0.8) ? r.int(0, 5000) : G.hostileNumber(r);
    const c = r.chance(0.8) ? r.pick([1, 64, 512, 4096]) : G.hostileNumber(r);
    return [[t, c], () => a.advanceTo(t, c)];
  }],
  ['reset', (r, a) => [[], () => a.reset()]],
  ['setStart', (r, a) => { const v = new Float64Array(Array.from({ length: r.int(0, 3) }, () => G.hostileNumber(r))); return [[v], () => a.setStart(v)]; }],
  ['setStartText', (r, a) => { const t = r.chance(0.5) ? `${G.numberText(r)},${G.numberText(r)}` : G.junk(r); return [[t], () => a.setStartText(t)]; }],
  ['setFunction', (r, a, c) => { const id = r.chance(0.9) ? r.pick(c.functions).id : G.junk(r); return [[id], () => a.setFunction(id)]; }],
  ['setExpr', (r, a) => { const e = r.chance(0.3) ? G.nastyExpression(r) : G.expression(r); return [[e], () => a.setExpr(e)]; }],
  ['setData', (r, a, c) => { const d = G.dataText(r, c); return [[d], () => a.setData(d)]; }],
  ['setDataKey', (r, a, c) => {
    const m0 = r.pick(c.data_models);
    const key = r.pick(m0.options).entry.key;
    const v = r.chance(0.3) ? G.junk(r) : G.numberText(r);
    return [[key, v], () => a.setDataKey(key, v)];
  }],
  ['setDataPoints', (r, a) => { const v = new Float64Array(Array.from({ length: 2 * r.int(0, 30) + r.int(0, 1) }, () => G.hostileNumber(r))); return [[v], () => a.setDataPoints(v)]; }],
  ['dataPoints', (r, a) => [[], () => a.dataPoints()]],
  ['setLane', (r, a, c) => { const k = r.chance(0.8) ? r.int(0, 8) : G.hostileNumber(r); const t = G.laneText(r, c); return [[k, t], () => a.setLane(k, t)]; }],
  ['setParam', (r, a, c) => {
    const k = r.chance(0.8) ? r.int(0, 8) : G.hostileNumber(r);
    const m0 = r.pick(c.methods);
    const key = r.chance(0.8) && m0.params.length ? r.pick(m0.params).key : r.pick(['batch', 'noise', 'sampling', 'bogus']);
    const v = r.chance(0.2) ? G.junk(r) : G.numberText(r);
    return [[k, key, v], () => a.setParam(k, key, v)];
  }],
  ['addLane', (r, a, c) => { const t = G.laneText(r, c); return [[t], () => a.addLane(t)]; }],
  ['removeLane', (r, a) => { const k = r.chance(0.8) ? r.int(0, 8) : G.hostileNumber(r); return [[k], () => a.removeLane(k)]; }],
  ['restartLane', (r, a) => { const k = r.chance(0.8) ? r.int(0, 8) : G.hostileNumber(r); return [[k], () => a.restartLane(k)]; }],
  ['select', (r, a) => { const k = r.chance(0.8) ? r.int(0, 8) : G.hostileNumber(r); return [[k], () => a.select(k)]; }],
  ['setCursor', (r, a) => { const t = r.chance(0.5) ? r.int(-1, 3000) : G.hostileNumber(r); return [[t], () => a.setCursor(t)]; }],
  ['setShowModel', (r, a) => { const on = r.chance(0.5); return [[on], () => a.setShowModel(on)]; }],
  ['setShowCritical', (r, a) => { const on = r.chance(0.5); return [[on], () => a.setShowCritical(on)]; }],
  ['setXAxis', (r, a) => { const x = r.pick(['iterations', 'evaluations', 'epochs', 'nope', '']); return [[x], () => a.setXAxis(x)]; }],
  ['setSpeed', (r, a) => { const s = G.hostileNumber(r); return [[s], () => a.setSpeed(s)]; }],
  ['setRotation', (r, a) => { const y = G.hostileNumber(r); const p = G.hostileNumber(r); return [[y, p], () => a.setRotation(y, p)]; }],
  ['zoom', (r, a) => {
    const args = [G.hostileNumber(r), G.hostileNumber(r), r.chance(0.5) ? r.pick([0.5, 0.8, 1.25, 2]) : G.hostileNumber(r)];
    return [args, () => a.zoom(...args)];
  }],
  ['pan', (r, a) => { const args = [G.hostileNumber(r), G.hostileNumber(r)]; return [args, () => a.pan(...args)]; }],
  ['resetView', (r, a) => [[], () => a.resetView()]],
  ['setLayout', (r, a) => {
    const args = r.chance(0.7) ? r.pick(LAYOUTS) : [G.hostileNumber(r), G.hostileNumber(r), G.hostileNumber(r)];
    return [args, () => {
      a.setLayout(...args);
      const l = a.layout();
      // A hostile layout is kept within what a canvas can hold (8192 a side);
      // the fuzz then goes back to a page size.
      if (!(l && l.width >= 64 && l.width <= 8192 && l.height >= 64 && l.height <= 8192)) blank('layout() after setLayout', JSON.stringify(l));
      if (!LAYOUTS.some((s) => s === args)) a.setLayout(...r.pick(LAYOUTS));
    }];
  }],
  ['draw', (r, a) => {
    const l = a.layout();
    const heat = makeCanvas(l.width, l.height);
    const main = makeCanvas(l.width, l.height);
    return [[], () => a.draw(heat, main), landscapeBudget(a)];
  }],
  ['landscapeInfo', (r, a) => [[], () => a.landscapeInfo(), landscapeBudget(a)]],
  ['drawChart', (r, a) => {
    const [cv, dpr] = canvasFor(r);
    const kind = r.pick(['loss', 'grad', 'distance', 'ray', 'validation', 'loss', 'pie']);
    return [[cv, kind, dpr], () => a.drawChart(cv, kind, dpr)];
  }],
  ['drawSurface', (r, a) => { const [cv, dpr] = canvasFor(r); return [[cv, dpr], () => a.drawSurface(cv, dpr)]; }],
  ['drawData', (r, a) => { const [cv, dpr] = canvasFor(r); return [[cv, dpr], () => a.drawData(cv, dpr)]; }],
  ['dataPointAt', (r, a) => { const args = [r.int(64, 900), r.int(64, 900), G.hostileNumber(r), G.hostileNumber(r), G.hostileNumber(r)]; return [args, () => a.dataPointAt(...args)]; }],
  ['dataPixels', (r, a) => { const args = [r.int(64, 900), r.int(64, 900), G.hostileNumber(r)]; return [args, () => a.dataPixels(...args)]; }],
  ['pointAt', (r, a) => { const args = [G.hostileNumber(r), G.hostileNumber(r)]; return [args, () => a.pointAt(...args)]; }],
  ['pixelOf', (r, a) => { const v = new Float64Array(Array.from({ length: r.int(0, 3) }, () => G.hostileNumber(r))); return [[v], () => a.pixelOf(v)]; }],
  ['inside', (r, a) => { const args = [G.hostileNumber(r), G.hostileNumber(r)]; return [args, () => a.inside(...args)]; }],
  ['readout', (r, a) => { const v = new Float64Array(Array.from({ length: r.int(0, 3) }, () => G.hostileNumber(r))); return [[v], () => a.readout(v)]; }],
  ['laneTheta', (r, a) => { const k = r.int(0, 9); return [[k], () => a.laneTheta(k)]; }],
  ['laneLoss', (r, a) => { const k = r.int(0, 9); return [[k], () => a.laneLoss(k)]; }],
  ['laneIters', (r, a) => { const k = r.int(0, 9); return [[k], () => a.laneIters(k)]; }],
  ['laneState', (r, a) => { const k = r.int(0, 9); return [[k], () => a.laneState(k)]; }],
  ['autodiffQuery', (r, a) => [[], () => {
    const q = a.autodiffQuery();
    if (typeof q !== 'string') blank('autodiffQuery()', q);
    else if (q) {
      const ex = new m.Explorer(q);
      const n = ex.notices();
      if (n.length) broken('the Autodiff link gives notices', { query: q.slice(0, 300), notices: n });
      ex.free();
    }
  }]],
  ['maxIter', (r, a) => [[], () => a.maxIter()]],
  ['notices', (r, a) => [[], () => a.notices()]],
];
const KNOWN = new Set([...APP_OPS.map(([n]) => n), 'free', 'constructor', 'scene', 'lanes', 'query', 'layout', 'dim',
  'speed', 'rotation', 'start', 'selected']);

/** Methods of App that this suite does not know (added later): called with hostile arguments. */
function unknownOps(proto) {
  return Object.getOwnPropertyNames(proto)
    .filter((n) => !KNOWN.has(n) && !n.startsWith('__') && typeof proto[n] === 'function')
    .map((n) => {
      // What each parameter is, read from the generated glue: a string
      // parameter is passed as text and an f64 slice as an array of numbers
      // (the glue trusts its caller's types, as the page's own code does);
      // the others get anything.
      const src = proto[n].toString();
      const params = (/^[^(]*\(([^)]*)\)/.exec(src)?.[1] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
      const kind = (p) => (src.includes(`passStringToWasm0(${p},`) ? 'text' : src.includes(`passArrayF64ToWasm0(${p},`) ? 'reals' : 'any');
      const kinds = params.map(kind);
      return [n, (r, a) => {
        const args = kinds.map((k) => (k === 'text' ? G.junk(r) : k === 'reals'
          ? new Float64Array(Array.from({ length: r.int(0, 3) }, () => G.hostileNumber(r)))
          : r.pick([
            () => G.hostileNumber(r), () => G.junk(r), () => makeCanvas(...r.pick(LAYOUTS)),
            () => new Float64Array([G.hostileNumber(r), G.hostileNumber(r)]), () => r.chance(0.5),
          ])()));
        return [args, () => a[n](...args)];
      }];
    });
}

let catalog = null;
let ops = APP_OPS;

function runOps(r, app, count) {
  for (let k = 0; k < count; k++) {
    const [name, make] = r.pick(ops);
    const [args, fn, budget] = make(r, app, catalog);
    call(name, fn, { budget, args: argText(args) });
    checkApp(app);
  }
}

function openApp(q) {
  const app = call('new App', () => new m.App(q), { args: short(q) });
  if (!app) { blank('new App(link)', q); throw new Broken(); }
  const n = call('notices', () => app.notices());
  if (!Array.isArray(n)) blank('notices()', n);
  app.setLayout(...LAYOUTS[2]);
  return app;
}

const PLAYGROUND = {
  link(r) {
    const q = G.link(r, catalog.link_keys, catalog);
    where += ` link ${short(q)}`;
    const app = openApp(q);
    runOps(r, app, r.int(2, 8));
    fixedPoint(app);
    app.free();
  },
  expr(r) {
    const e = r.chance(0.35) ? G.nastyExpression(r) : G.expression(r, r.int(2, 7));
    where += ` expr ${short(e)}`;
    const app = openApp(`o=${G.encode(G.laneText(r, catalog))}&o=newton&o=lbfgs`);
    const typed = call('setExpr', () => app.setExpr(e), { args: short(e) });
    const viaLink = call('new App', () => new m.App(`expr=${G.encode(e)}`), { args: short(e) });
    if (viaLink) {
      const n = viaLink.notices();
      // The box and the link agree: a function the box takes opens from a link without a notice, and back.
      if ((typed === null) !== (n.length === 0)) broken('the expression box and the link disagree', { typed, notices: n });
      viaLink.free();
    }
    checkApp(app);
    if (typed === null) runOps(r, app, r.int(3, 10));
    fixedPoint(app);
    app.free();
  },
  api(r) {
    const preset = r.chance(0.8) ? r.pick(catalog.presets).query : '';
    where += ` api from ${short(preset)}`;
    const app = openApp(preset);
    runOps(r, app, r.int(10, 30));
    fixedPoint(app);
    app.free();
  },
};

// ----- the explorer -----------------------------------------------------------------

function checkExplorer(ex) {
  const v = call('Explorer.view', () => ex.view());
  if (!v || typeof v !== 'object' || !Array.isArray(v.tables)) blank('Explorer.view()', v);
  const q = call('Explorer.query', () => ex.query());
  if (typeof q !== 'string') blank('Explorer.query()', q);
  return q;
}

const EXPLORER_OPS = [
  ['step', (r, e) => [[], () => e.step()]],
  ['reset', (r, e) => [[], () => e.reset()]],
  ['runToEnd', (r, e) => [[], () => e.runToEnd()]],
  ['setExpr', (r, e) => { const s = r.chance(0.3) ? G.nastyExpression(r) : G.expression(r); return [[s], () => e.setExpr(s)]; }],
  ['setCoordinate', (r, e) => { const j = r.chance(0.7) ? r.int(0, 5) : G.hostileNumber(r); const t = G.numberText(r); return [[j, t], () => e.setCoordinate(j, t)]; }],
  ['setMode', (r, e) => { const s = r.pick(['forward', 'backward', 'sideways']); return [[s], () => e.setMode(s)]; }],
  ['setInput', (r, e) => { const j = r.chance(0.7) ? r.int(0, 5) : G.hostileNumber(r); return [[j], () => e.setInput(j)]; }],
  ['setDirection', (r, e) => { const t = `${G.numberText(r)},${G.numberText(r)},${G.numberText(r)}`; return [[t], () => e.setDirection(t)]; }],
  ['setSeed', (r, e) => { const t = `${G.numberText(r)},${G.numberText(r)}`; return [[t], () => e.setSeed(t)]; }],
  ['setH', (r, e) => { const h = G.hostileNumber(r); return [[h], () => e.setH(h)]; }],
  ['graphSize', (r, e) => { const w = G.hostileNumber(r); return [[w], () => e.graphSize(w)]; }],
  ['drawGraph', (r, e) => {
    const [w, h] = e.graphSize(800);
    const cv = makeCanvas(Math.round(w) || 64, Math.round(h) || 64);
    const dpr = r.chance(0.8) ? 1 : G.hostileNumber(r);
    return [[cv, dpr], () => e.drawGraph(cv, dpr)];
  }],
  ['drawCheck', (r, e) => { const [cv, dpr] = canvasFor(r); return [[cv, dpr], () => e.drawCheck(cv, dpr)]; }],
];

function explorer(r) {
  const q = r.chance(0.6) ? G.link(r, catalog.explorer_keys, catalog)
    : `expr=${G.encode(r.chance(0.3) ? G.nastyExpression(r) : G.expression(r))}&at=${G.encode(G.numberText(r))}`;
  where += ` explorer ${short(q)}`;
  const ex = call('new Explorer', () => new m.Explorer(q), { args: short(q) });
  if (!ex) { blank('new Explorer(link)', q); throw new Broken(); }
  checkExplorer(ex);
  for (let k = 0, n = r.int(2, 12); k < n; k++) {
    const [name, make] = r.pick(EXPLORER_OPS);
    const [args, fn] = make(r, ex);
    call(`Explorer.${name}`, fn, { args: argText(args) });
    checkExplorer(ex);
  }
  const own = ex.query();
  const again = call('new Explorer', () => new m.Explorer(own), { args: short(own) });
  const n = again?.notices();
  if (!Array.isArray(n) || n.length) broken('the explorer\'s own link gives notices', { query: own.slice(0, 300), notices: n });
  again?.free();
  ex.free();
}

// ----- the training page ------------------------------------------------------------

function train(r, i) {
  const q = G.link(r, catalog.train_keys, catalog, { drawable: false });
  where += ` train ${short(q)}`;
  const ts = call('new TrainSetup', () => new m.TrainSetup(q), { args: short(q) });
  if (!ts) { blank('new TrainSetup(link)', q); throw new Broken(); }
  const check = () => {
    const s = call('TrainSetup.scene', () => ts.scene());
    if (!s || typeof s !== 'object' || !Array.isArray(s.lanes) || typeof s.seed !== 'string') blank('TrainSetup.scene()', JSON.stringify(s));
  };
  check();
  for (let k = 0, n = r.int(2, 8); k < n; k++) {
    const op = r.int(0, 3);
    if (op === 0) {
      const key = r.chance(0.8) ? r.pick(catalog.train_keys).key : G.junk(r);
      const v = key === 'data' ? G.dataText(r, catalog) : G.numberText(r);
      call('TrainSetup.set', () => ts.set(key, v), { args: argText([key, v]) });
    } else if (op === 1) {
      const k2 = r.chance(0.8) ? r.int(0, 8) : G.hostileNumber(r);
      const t = G.laneText(r, catalog);
      call('TrainSetup.setLane', () => ts.setLane(k2, t), { args: argText([k2, t]) });
    } else if (op === 2) {
      const t = r.chance(0.3) ? '' : G.laneText(r, catalog);
      call('TrainSetup.addLane', () => ts.addLane(t), { args: short(t) });
    } else {
      const k2 = r.chance(0.8) ? r.int(0, 8) : G.hostileNumber(r);
      call('TrainSetup.removeLane', () => ts.removeLane(k2), { args: short(k2) });
    }
    check();
  }
  const own = ts.query();
  const again = new m.TrainSetup(own);
  if (again.notices().length) broken('the training page\'s own link gives notices', { query: own.slice(0, 300), notices: again.notices() });
  again.free();
  ts.free();
  // A short run of the trainer itself, on data small enough for a test.
  if (i % 4 === 3) {
    const data = r.pick(['linreg(n=60)', 'logreg(n=60)', 'softmax(n=200)', 'mlp(n=200,hidden=8)', 'sum412', 'signet(n=50)']);
    const lane = G.laneText(r, catalog);
    const epochs = r.chance(0.8) ? r.int(1, 3) : G.hostileNumber(r);
    const seedValue = r.chance(0.8) ? BigInt(r.int(0, 1e9)) : 18446744073709551615n;
    const run = call('new Training', () => new m.Training(data, lane, epochs, seedValue), { args: argText([data, lane, epochs]) });
    if (!run) return;
    for (let k = 0; k < 4 && call('Training.running', () => run.running()); k++) {
      const b = r.chance(0.8) ? r.int(1, 200) : G.hostileNumber(r);
      call('Training.runFor', () => run.runFor(b), { args: short(b) });
    }
    const h = call('Training.history', () => run.history());
    if (!h || !Array.isArray(h.records)) blank('Training.history()', JSON.stringify(h));
    const [cv, dpr] = canvasFor(r);
    const metric = r.pick(['train_loss', 'val_loss', 'val_error', 'nope']);
    const axis = r.pick(['epochs', 'seconds', 'nope']);
    call('drawTrainingChart', () => m.drawTrainingChart(cv, [h], metric, axis, dpr), { args: argText([metric, axis, dpr]) });
    run.free();
  }
}

// ----- the run ----------------------------------------------------------------------

const KINDS = ['link', 'expr', 'api', 'explorer', 'train', 'link', 'expr'];

await load();
catalog = m.catalog();
ops = [...APP_OPS, ...unknownOps(m.App.prototype)];
{
  // The reference for data landscapes: the gallery's own Figure 4.5(b) at the page's size.
  const app = new m.App('data=signet(loss=ce)');
  app.setLayout(...LAYOUTS[0]);
  const c0 = process.cpuUsage();
  app.landscapeInfo();
  const c = process.cpuUsage(c0);
  dataReference = Math.max(1000, 1.5 * (c.user + c.system) / 1000);
  stats.dataReferenceMs = Math.round((c.user + c.system) / 1000);
  app.free();
}
for (let i = from; i < to; i++) {
  clock[1] = i;
  const kind = KINDS[i % KINDS.length];
  where = `sequence ${i} (${kind})`;
  trail = [];
  stats.sequences[kind] = (stats.sequences[kind] || 0) + 1;
  const r = G.rng((seed ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0);
  try {
    if (kind === 'explorer') explorer(r);
    else if (kind === 'train') train(r, i);
    else PLAYGROUND[kind](r);
  } catch (e) {
    if (!(e instanceof Broken)) broken('the suite itself threw', { error: String(e.stack || e).slice(0, 600) });
  }
  if (m.lastPanic()) await load();
  // Report after every sequence, so a worker ended for a hang loses nothing.
  parentPort.postMessage({ stats });
  for (const key of ['panics', 'slow', 'blank', 'broken']) stats[key] = [];
  stats.sequences = {};
  stats.calls = {};
  stats.slowest = {};
  stats.refused = 0;
}
parentPort.postMessage({ done: true, stats });
