// The browser benchmark (`./build.sh bench`): every figure of the speed issue
// as a ratio against hand-written JavaScript (tests/bench/baseline.mjs) run in
// the same process, medians of several interleaved rounds, each with its
// target and met/MISSED. It prints; it never fails on a timing.
//
//   node tests/browser/bench.mjs [--rounds N] [--only WORD | WORD]
//
// WORD picks the sections whose name contains it (load, adam, landscape, data,
// pan, lanes, train, digits); an unknown word is an error, not a silent full run.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { serve, launch, ROOT } from './harness.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const ROUNDS = Number(opt('rounds', 7));
const SECTIONS = ['load', 'adam', 'landscape', 'data', 'pan', 'lanes', 'train', 'digits'];
// `--only WORD`, or WORD on its own.
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const ONLY = opt('only', positional[0] ?? '');
if (ONLY && !SECTIONS.some((s) => s.includes(ONLY))) {
  console.error(`bench: no section matches '${ONLY}' (the sections are ${SECTIONS.join(', ')})`);
  process.exit(2);
}
const wanted = (section) => !ONLY || section.includes(ONLY);

const rows = [];
/** One printed figure: what, the value, its ratio to JS (or null) and its target. */
function line(what, value, { ratio = null, target = '', met = null } = {}) {
  const verdict = met === null ? '' : met ? 'met' : 'MISSED';
  const r = ratio === null ? '' : `${ratio.toFixed(2)}× JS`;
  rows.push({ what, value, ratio: r, target, verdict });
  console.log(`  ${what.padEnd(64)} ${value.padStart(11)} ${r.padStart(10)}   ${target}${verdict ? `: ${verdict}` : ''}`);
}
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const ns = (x) => `${x.toFixed(1)} ns`;

// ---------------------------------------------------------------- node
// The same comparison in node 20's V8, where the wasm is loaded without a page.
async function nodeFigures() {
  const baseline = await import(pathToFileURL(path.join(ROOT, 'tests/bench/baseline.mjs')));
  const pkg = await import(pathToFileURL(path.join(ROOT, 'www/pkg/saddle.js')));
  pkg.initSync({ module: fs.readFileSync(path.join(ROOT, 'www/pkg/saddle_bg.wasm')) });
  return adamRounds(baseline, pkg.App, ROUNDS, 'node');
}

/**
 * Adam on Rosenbrock: the JS loop against `App.step` on the built-in function
 * and on the typed expression, interleaved, `rounds` medians (ns per step).
 * Runs in node and (serialised) in the page, so it takes everything as arguments.
 */
function adamRounds(baseline, App, rounds, where) {
  // Rosenbrock runs converge (‖∇C‖ < 1e-10) after 10^4 to 10^5 steps, so
  // each round is K runs of N steps from the function's start (0.2, -0.2):
  // the stopping rule is checked at every step and never ends a run early.
  const N = 10000;
  const K = 10;
  const now = () => performance.now();
  const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  const expr = encodeURIComponent('(1-x)^2+100*(y-x^2)^2');
  const scenes = { builtin: 'f=rosenbrock&o=adam', typed: `expr=${expr}&start=0.2,-0.2&o=adam` };
  const t = { js: [], builtin: [], typed: [] };
  let same = true;
  let jit = null;
  for (let r = -2; r < rounds; r++) { // two rounds of warm-up
    let t0 = now();
    let b;
    for (let k = 0; k < K; k++) b = baseline.adam(N, 0.2, -0.2);
    const row = { js: now() - t0 };
    for (const [key, q] of Object.entries(scenes)) {
      const apps = Array.from({ length: K }, () => new App(q));
      t0 = now();
      for (const app of apps) app.step(N);
      row[key] = now() - t0;
      const app = apps[0];
      if (app.maxIter() !== N) throw new Error(`${q} stopped after ${app.maxIter()} steps`);
      if (key === 'builtin') {
        const theta = app.laneTheta(0);
        same &&= theta.length === b.theta.length && theta.every((v, i) => Object.is(v, b.theta[i]));
      }
      if (key === 'typed' && typeof app.jitActive === 'function') jit = app.jitActive();
      for (const a of apps) a.free();
    }
    if (r >= 0) for (const k of Object.keys(t)) t[k].push(row[k]);
  }
  const per = (k) => (med(t[k]) * 1e6) / (N * K);
  return { where, js: per('js'), builtin: per('builtin'), typed: per('typed'), same, jit, N: N * K };
}

function printAdam(a) {
  console.log(`\nAdam on Rosenbrock, ${a.N} steps per round (10 runs of 10,000), ${a.where} (JS: ${ns(a.js)} per step${a.same ? ', iterates bit-identical to App.step' : ', ITERATES DIFFER from App.step'}):`);
  line(`App.step, built-in Rosenbrock (recording, stopping rules on), ${a.where}`, ns(a.builtin), {
    ratio: a.builtin / a.js, target: 'target ≤ 0.7× (aim 0.5×)', met: a.builtin / a.js <= 0.7,
  });
  line(`App.step, typed (1-x)^2+100*(y-x^2)^2${a.jit === null ? '' : a.jit ? ' (JIT)' : ' (interpreter)'}, ${a.where}`, ns(a.typed), {
    ratio: a.typed / a.js, target: 'target ≤ 1.0×', met: a.typed / a.js <= 1.0,
  });
}

// ---------------------------------------------------------------- browser
const { server, base } = await serve(ROOT);
const www = `${base}www/`;
const context = await launch();
const page = await context.newPage();
page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));

console.log(`saddle in headless Chromium (${ROUNDS} interleaved rounds, medians):`);
// One wasm per page (./build.sh wasm): each page downloads only its own.
for (const [name, dir] of [['playground', 'pkg'], ['explorer', 'pkg-explorer'], ['training page', 'pkg-train']]) {
  const gz = zlib.gzipSync(fs.readFileSync(path.join(ROOT, 'www', dir, 'saddle_bg.wasm')), { level: 9 }).length;
  line(`wasm size, gzipped (${name}, www/${dir})`, `${(gz / 1024).toFixed(0)} KB`, { target: 'target ≤ 300 KB', met: gz <= 300 * 1024 });
}

async function open(query) {
  await page.goto(`${www}index.html?${query}`);
  await page.waitForSelector('[data-ready="true"]');
  await page.evaluate(async () => {
    window.saddle.ctx.playing = false;
    window.baseline = await import('/tests/bench/baseline.mjs');
  });
}

if (wanted('load')) {
  const loads = [];
  for (let i = 0; i < 5; i++) {
    await open('f=rosenbrock');
    loads.push(await page.evaluate(() => window.saddle.readyAt));
  }
  loads.sort((a, b) => a - b);
  line('interactive after load (median of 5)', ms(loads[2]), { target: 'target < 500 ms', met: loads[2] < 500 });
}

if (wanted('adam')) {
  await open('f=rosenbrock');
  const a = await page.evaluate(
    ([src, rounds]) => (0, eval)(`(${src})`)(window.baseline, window.saddle.App, rounds, 'Chromium'),
    [adamRounds.toString(), ROUNDS],
  );
  printAdam(a);
  printAdam(await nodeFigures());
}

// Landscapes: one 512×512 render (samples, colour, contours) against the JS picture.
const LONGEST = (() => {
  // The longest typed expression the page accepts (MAX_CHARS = 10,000), a sum
  // of different smooth terms.
  let s = '';
  for (let k = 1; s.length < 9950; k++) s += `${k > 1 ? '+' : ''}sin(${k % 7 + 1}*x)*cos(y/${k % 5 + 1})/${k}`;
  return s.slice(0, s.lastIndexOf('+'));
})();

async function landscapes(cases) {
  await open('f=rosenbrock');
  return page.evaluate(([cases, rounds]) => {
    const { App } = window.saddle;
    const now = () => performance.now();
    const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
    const rgba = new Uint8ClampedArray(512 * 512 * 4);
    const values = new Float64Array(512 * 512);
    const apps = cases.map(([, q]) => {
      const app = new App(q);
      app.setLayout(512 + 44 + 8, 512 + 6 + 26, 1); // a 512×512 plot area
      app.landscapeInfo();
      return app;
    });
    const js = [];
    const times = cases.map(() => []);
    for (let r = -1; r < rounds; r++) {
      let t0 = now();
      window.baseline.picture(rgba, 512, 512, -2, 2, -1, 3, values);
      if (r >= 0) js.push(now() - t0);
      apps.forEach((app, k) => {
        app.zoom(300, 270, 1.0); // the same view, the landscape invalidated
        t0 = now();
        app.landscapeInfo();
        if (r >= 0) times[k].push(now() - t0);
      });
    }
    apps.forEach((a) => a.free());
    return { js: med(js), times: times.map(med) };
  }, [cases, ROUNDS]);
}

if (wanted('landscape')) {
  const cases = [
    ['built-in Rosenbrock', 'f=rosenbrock', 1.0],
    ['typed (1-x)^2+100*(y-x^2)^2', `expr=${encodeURIComponent('(1-x)^2+100*(y-x^2)^2')}`, 1.0],
    ['peaks (typed, 3 exp per point)', 'f=peaks', 1.5],
  ];
  const l = await landscapes(cases);
  console.log(`\n512×512 landscape with 14 contour levels (JS picture, no contours: ${ms(l.js)}):`);
  cases.forEach(([what, , target], k) => line(what, ms(l.times[k]), {
    ratio: l.times[k] / l.js, target: `target ≤ ${target.toFixed(1)}×`, met: l.times[k] / l.js <= target,
  }));
}

if (wanted('data')) {
  const cases = [
    ['signet n=200', 'data=signet(n=200)'],
    ['logreg n=200', 'data=logreg(n=200)'],
    ['linreg n=200', 'data=linreg(n=200)'],
    ['sum412', 'data=sum412'],
    ['linreg n=100,000 (the largest n)', 'data=linreg(n=100000)'],
    ['linreg n=100,000, Huber loss (no closed form)', 'data=linreg(n=100000,loss=huber)'],
  ];
  // The longest of those terms the page accepts (its work limit binds before
  // its 10,000 characters): the costliest typed landscape.
  await open('f=rosenbrock');
  const typed = await page.evaluate((terms) => {
    const { App } = window.saddle;
    const text = (k) => terms.slice(0, k).join('+');
    const ok = (k) => { const a = new App(`expr=${encodeURIComponent(text(k))}`); const n = a.notices().length; a.free(); return n === 0; };
    let [lo, hi] = [1, terms.length];
    while (lo < hi) { const m = (lo + hi + 1) >> 1; if (ok(m)) lo = m; else hi = m - 1; }
    return text(lo);
  }, LONGEST.split('+'));
  cases.push([`typed, ${typed.length} characters (the costliest accepted)`, `expr=${encodeURIComponent(typed)}`]);
  const js = (await landscapes([])).js;
  const rounds = Math.min(ROUNDS, 3);
  console.log(`\nData landscapes on the page, 512×512 plot (JS picture ${ms(js)}; medians of ${rounds} pans of a few pixels, each a change the page redraws):`);
  for (const [what, q] of cases) {
    await open(q);
    // The page's own loop: a pan (a change), then the frame that puts the
    // first picture on screen, then the refinement's slices until the full
    // picture is finished. The longest main-thread task is the longest of
    // the Long Tasks API's entries (every task over 50 ms, frames included)
    // and of the refinement slices timed one by one.
    const measure = (critical) => page.evaluate(async ([rounds, critical]) => {
      const { ctx } = window.saddle;
      const { app, stage } = ctx;
      const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
      app.setLayout(512 + 44 + 8, 512 + 6 + 26, 1); // a 512×512 plot area
      app.setShowCritical(critical);
      const frame = () => new Promise((resolve) => {
        const once = () => { ctx.afterFrame.splice(ctx.afterFrame.indexOf(once), 1); resolve(performance.now()); };
        ctx.afterFrame.push(once);
      });
      const finished = () => new Promise((resolve) => {
        const poll = () => (app.refining() ? requestAnimationFrame(poll) : resolve(performance.now()));
        poll();
      });
      let slice = 0;
      const run = stage.refineSlice.bind(stage);
      stage.refineSlice = () => { const t = performance.now(); run(); slice = Math.max(slice, performance.now() - t); };
      ctx.changed(false);
      await frame();
      await finished(); // the scene as opened, refined once
      const out = { first: [], task: [], full: [], sliced: false };
      for (let r = 0; r < rounds; r++) {
        let task = 0;
        const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) task = Math.max(task, e.duration); });
        obs.observe({ type: 'longtask' });
        slice = 0;
        const t0 = performance.now();
        app.pan(r % 2 ? -3 : 3, 2);
        ctx.changed(false);
        const first = await frame();
        out.sliced ||= app.refining();
        const full = await finished();
        await new Promise((done) => setTimeout(done, 60)); // let the observer report
        for (const e of obs.takeRecords()) task = Math.max(task, e.duration);
        obs.disconnect();
        out.first.push(first - t0);
        out.full.push(full - t0);
        out.task.push(Math.max(task, slice));
      }
      stage.refineSlice = run;
      app.setShowCritical(true);
      return { first: med(out.first), task: med(out.task), full: med(out.full), sliced: out.sliced, notices: Array.from(app.notices()) };
    }, [rounds, critical]);
    const f = await measure(true);
    // The same without the critical-point search (the overlay's minima,
    // maxima and saddles, searched again for every view): what the landscape itself costs.
    const bare = await measure(false);
    if (f.notices.length) console.log(`  (${what}: ${f.notices.join('; ')})`);
    line(`${what}: first picture after a change`, ms(f.first), { ratio: f.first / js, target: 'target ≤ 100 ms', met: f.first <= 100 });
    line(`${what}: longest main-thread task until full resolution`, ms(f.task), { target: 'target ≤ 50 ms', met: f.task <= 50 });
    line(`${what}: full resolution${f.sliced ? ' (refined in slices)' : ' (at once)'}`, ms(f.full), { ratio: f.full / js });
    line(`${what}: first picture / longest task, critical points off`, `${bare.first.toFixed(0)} / ${bare.task.toFixed(0)} ms`, {
      target: 'the landscape alone', met: bare.first <= 100 && bare.task <= 50,
    });
  }
}

if (wanted('pan')) {
  console.log('\nPan and zoom frames on the page (landscape, critical points, overlay; target ≤ 16 ms):');
  const cases = [
    ['built-in Rosenbrock', 'f=rosenbrock&o=adam'],
    ['typed Rosenbrock', `expr=${encodeURIComponent('(1-x)^2+100*(y-x^2)^2')}&o=adam`],
    ['peaks', 'f=peaks&o=adam'],
    ['sin(x)*cos(y)+0.1*(x^2+y^2)', `expr=${encodeURIComponent('sin(x)*cos(y)+0.1*(x^2+y^2)')}&o=adam`],
  ];
  for (const [what, q] of cases) {
    await open(q);
    const f = await page.evaluate((rounds) => {
      const { app } = window.saddle.ctx;
      const heat = document.getElementById('heat');
      const main = document.getElementById('main');
      const now = () => performance.now();
      const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
      app.draw(heat, main);
      // What frames leave to idle slices (the page's frames that draw
      // nothing, 6 ms each): the critical points' seeds around the view,
      // run once per view family. Timed apart from the frames.
      let idle = 0;
      let slices = 0;
      const settle = () => {
        const t = now();
        while (app.idlePending?.()) { app.idle(6); slices++; }
        idle += now() - t;
      };
      settle();
      const pan = [];
      const zoom = [];
      for (let i = 0; i < 3 * rounds; i++) {
        let t0 = now();
        app.pan(i % 2 ? 0.01 : -0.01, 0.005);
        app.draw(heat, main);
        pan.push(now() - t0);
        settle();
        t0 = now();
        const l = app.layout();
        app.zoom(l.left + l.plot_w / 2, l.top + l.plot_h / 2, i % 2 ? 1.05 : 1 / 1.05);
        app.draw(heat, main);
        zoom.push(now() - t0);
        settle();
      }
      return { pan: med(pan), zoom: med(zoom), idle, slices };
    }, ROUNDS);
    line(`${what}: pan frame`, ms(f.pan), { target: 'target ≤ 16 ms', met: f.pan <= 16 });
    line(`${what}: zoom frame`, ms(f.zoom), { target: 'target ≤ 16 ms', met: f.zoom <= 16 });
    line(`${what}: off-frame critical points (idle, once per view family)`, ms(f.idle), { target: `${f.slices} idle slices of ≤ 6 ms` });
  }
}

if (wanted('lanes')) {
  console.log('\nEight lanes on Rosenbrock (deferred target: 60 fps at 100 steps per frame, main-thread work ≤ 8 ms):');
  const lanes = ['gd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'nadam', 'lbfgs', 'bfgs'].map((m) => `o=${m}`).join('&');
  for (const speed of [100, 1000, 10000]) {
    await open(`f=rosenbrock&start=-1.5,2&${lanes}&tol=0`);
    const f = await page.evaluate(async (speed) => {
      const { ctx } = window.saddle;
      const heat = document.getElementById('heat');
      const main = document.getElementById('main');
      const chart = document.getElementById('chart');
      const times = [];
      for (let i = 0; i < 120; i++) {
        const t = performance.now();
        ctx.app.step(speed);
        ctx.app.draw(heat, main);
        ctx.app.drawChart(chart, 'loss', 1);
        ctx.app.lanes();
        times.push(performance.now() - t);
        if (i % 20 === 0) await new Promise((r) => setTimeout(r, 0));
      }
      times.sort((a, b) => a - b);
      // The page's own loop, playing: frames per second over 2 s.
      ctx.app.reset();
      ctx.app.setSpeed(speed);
      ctx.playing = true;
      let frames = 0;
      const t0 = performance.now();
      await new Promise((done) => {
        const tick = () => {
          frames++;
          if (performance.now() - t0 < 2000) requestAnimationFrame(tick);
          else done();
        };
        requestAnimationFrame(tick);
      });
      ctx.playing = false;
      return { median: times[times.length >> 1], fps: frames / ((performance.now() - t0) / 1000) };
    }, speed);
    line(`${speed} steps per frame: step + draw + chart + lanes (median)`, ms(f.median), {
      target: speed === 100 ? 'target ≤ 8 ms' : '', met: speed === 100 ? f.median <= 8 : null,
    });
    line(`${speed} steps per frame: the page playing`, `${f.fps.toFixed(0)} fps`, {
      target: speed === 100 ? 'target 60 fps' : '', met: speed === 100 ? f.fps >= 58 : null,
    });
  }
}

if (wanted('train')) {
  // Epochs per second on the training page's default problem (MLP 2→32→3 on
  // 3000 spiral points), as in `cargo bench --bench learn` natively.
  await page.goto(`${www}train.html`);
  await page.waitForSelector('[data-ready="true"]');
  const epochs = await page.evaluate(async () => {
    const { Training } = await import('/www/pkg-train/saddle.js');
    const out = {};
    for (const lane of ['gd(lr=0.3,batch=32)', 'momentum(lr=0.3,beta=0.9,batch=32)', 'adam(lr=0.01,batch=32)', 'lbfgs']) {
      const t = new Training('mlp(hidden=32)', lane, 20, 1n);
      const t0 = performance.now();
      while (t.running()) t.runFor(1000);
      out[lane] = 20 / ((performance.now() - t0) / 1000);
    }
    return out;
  });
  console.log('\nTraining page, MLP 2→32→3 on 3000 points (epochs per second, evaluations included):');
  for (const [lane, rate] of Object.entries(epochs)) line(lane, rate.toFixed(0));
}

// ---- Figure 4.4 on the digits (the training page's block, issue 15) ----
// The page's own worker code (TrainWork) on `preset=fig4.4`, 20 epochs,
// then a 41×41 slice, against the release command line on the same link
// (the same Study), and the hand-written JS baseline (node). Rounds are
// interleaved and the best of three kept, since the machine is shared.
if (wanted('digits')) {
  const { execFileSync, spawnSync } = await import('node:child_process');
  const os = await import('node:os');
  const saddle = path.join(ROOT, 'target', 'release', 'saddle');
  const csv = path.join(os.tmpdir(), `saddle-bench-slice-${process.pid}.csv`);
  const native = () => {
    const r = spawnSync(saddle, ['train', '--preset', 'fig4.4', '--epochs', '20', '--slice', csv], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${saddle}: ${r.stderr || r.error}`);
    const rows = r.stdout.trim().split('\n').filter((l) => !l.startsWith('#'));
    const slice = Number(/wrote the slice to .* \(([\d.]+) s\)/.exec(r.stderr)?.[1]);
    return { train: 20 / Number(rows[rows.length - 1].split(',').pop()), slice };
  };
  const browser = () => page.evaluate(async () => {
    const { TrainWork } = await import('./pkg-train/saddle.js');
    const bytes = new Uint8Array(await (await fetch('data/digits.bin')).arrayBuffer());
    const w = new TrainWork('preset=fig4.4&epochs=20', bytes);
    const t0 = performance.now();
    while (w.work(50));
    const wall = (performance.now() - t0) / 1000;
    const recs = w.report().runs[0].records;
    w.sliceStart('preset=fig4.4&epochs=20&res=41');
    const t1 = performance.now();
    while (w.sliceWork(50));
    const slice = (performance.now() - t1) / 1000;
    w.free();
    return { train: 20 / recs[recs.length - 1].seconds, wall: 20 / wall, slice };
  });
  try {
    await page.goto(`${www}train.html`);
    await page.waitForSelector('[data-ready="true"]');
    const nat = { train: 0, slice: Infinity };
    const brw = { train: 0, wall: 0, slice: Infinity };
    for (let round = 0; round < 3; round++) {
      const n = native();
      nat.train = Math.max(nat.train, n.train);
      nat.slice = Math.min(nat.slice, n.slice);
      const b = await browser();
      brw.train = Math.max(brw.train, b.train);
      brw.wall = Math.max(brw.wall, b.wall);
      brw.slice = Math.min(brw.slice, b.slice);
    }
    fs.rmSync(csv, { force: true });
    const js = JSON.parse(execFileSync('node', ['tests/bench/mlp_baseline.mjs', 'www/data/digits.bin', '20', '41'], { cwd: ROOT }).toString());
    const ratio = nat.train / brw.train;
    console.log('\nFigure 4.4 on the digits (preset=fig4.4, 64→32→32→32→10 ReLU, SGD n_b = 10):');
    line('epochs/s, training only: native / Chromium', `${nat.train.toFixed(0)} / ${brw.train.toFixed(0)}`, { target: `target: Chromium within 1.5× of native (${ratio.toFixed(2)}×)`, met: ratio <= 1.5 });
    line('epochs/s with evaluations, Chromium', brw.wall.toFixed(0));
    line('41×41 slice: native / Chromium', `${nat.slice.toFixed(2)} / ${brw.slice.toFixed(2)} s`, { target: `Chromium ${(brw.slice / nat.slice).toFixed(2)}× native` });
    line('hand-written JS (node): epochs/s training; 41×41 slice', `${js.train_epochs_per_s.toFixed(0)}; ${js.slice_seconds.toFixed(2)} s`, { target: 'baseline' });
  } catch (e) {
    console.log(`  Figure 4.4 figures unavailable: ${e.message}`);
  }
}

// The README's Speed table is regenerated from this file.
const out = path.join(ROOT, 'target', 'bench-browser.md');
fs.mkdirSync(path.dirname(out), { recursive: true });
const cell = (x) => String(x).replace(/\|/g, '\\|');
fs.writeFileSync(out, [
  '| what | figure | ratio to JS | target |',
  '|---|---:|---:|---|',
  ...rows.map((r) => `| ${cell(r.what)} | ${r.value} | ${r.ratio} | ${r.target}${r.verdict === 'MISSED' ? ' (**missed**)' : r.verdict ? ' (met)' : ''} |`),
].join('\n') + '\n');
console.log(`\n(the table for README.md is in ${path.relative(ROOT, out)})`);
await context.close();
server.close();
