// The browser benchmark (./build.sh bench): figures against the page issue's
// targets, measured in headless Chromium. It prints; it does not judge timing
// flakiness by failing.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, ROOT } from './harness.mjs';

const { server, base } = await serve(path.join(ROOT, 'www'));
const context = await launch();
const page = await context.newPage();
const line = (what, value, target) => console.log(`  ${what.padEnd(58)} ${value.padStart(10)}   ${target}`);

const wasm = fs.readFileSync(path.join(ROOT, 'www', 'pkg', 'saddle_bg.wasm'));
const gz = zlib.gzipSync(wasm, { level: 9 }).length;
console.log('saddle in headless Chromium:');
line('wasm size, gzipped', `${(gz / 1024).toFixed(0)} KB`, `target < 400 KB: ${gz < 400 * 1024 ? 'met' : 'MISSED'}`);

const loads = [];
for (let i = 0; i < 5; i++) {
  await page.goto(`${base}?f=rosenbrock`);
  await page.waitForSelector('[data-ready="true"]');
  loads.push(await page.evaluate(() => window.saddle.readyAt));
}
loads.sort((a, b) => a - b);
line('interactive after load (median of 5)', `${loads[2].toFixed(0)} ms`, `target < 500 ms: ${loads[2] < 500 ? 'met' : 'MISSED'}`);

const render = await page.evaluate(() => {
  const { App } = window.saddle;
  const heat = document.createElement('canvas');
  const main = document.createElement('canvas');
  const time = (query) => {
    const app = new App(query);
    app.setLayout(512 + 44 + 8, 512 + 6 + 26, 1); // a 512×512 plot area
    app.draw(heat, main);
    const overlay = [];
    const full = [];
    for (let i = 0; i < 15; i++) {
      let t = performance.now();
      app.draw(heat, main); // landscape cached: the overlay alone
      overlay.push(performance.now() - t);
      app.zoom(300, 270, 1.0); // same view, landscape invalidated
      t = performance.now();
      app.draw(heat, main);
      full.push(performance.now() - t);
    }
    const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
    return { landscape: med(full) - med(overlay), overlay: med(overlay) };
  };
  return {
    builtin: time('f=rosenbrock&o=gd'),
    typed: time(`expr=${encodeURIComponent('(1 - x)^2 + 100*(y - x^2)^2')}&o=gd`),
    peaks: time('f=peaks&o=gd'),
  };
});
line('512×512 landscape + contours, built-in (Rosenbrock)', `${render.builtin.landscape.toFixed(1)} ms`, `target < 16 ms: ${render.builtin.landscape < 16 ? 'met' : 'MISSED'}`);
line('512×512 landscape + contours, typed Rosenbrock', `${render.typed.landscape.toFixed(1)} ms`, `target < 40 ms: ${render.typed.landscape < 40 ? 'met' : 'MISSED'}`);
line('512×512 landscape + contours, peaks (typed, 3 exp per point)', `${render.peaks.landscape.toFixed(1)} ms`, `target < 40 ms: ${render.peaks.landscape < 40 ? 'met' : 'MISSED'}`);
line('overlay (axes, markers, paths) per frame', `${render.builtin.overlay.toFixed(1)} ms`, '');

const lanes = ['gd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'nadam', 'lbfgs', 'bfgs'].map((m) => `o=${m}`).join('&');
await page.goto(`${base}?f=rosenbrock&start=-1.5,2&${lanes}&tol=0`);
await page.waitForSelector('[data-ready="true"]');
const frames = await page.evaluate(async () => {
  const ctx = window.saddle.ctx;
  ctx.playing = false;
  const heat = document.getElementById('heat');
  const main = document.getElementById('main');
  const chart = document.getElementById('chart');
  const times = [];
  for (let i = 0; i < 240; i++) {
    const t = performance.now();
    ctx.app.step(100);
    ctx.app.draw(heat, main);
    ctx.app.drawChart(chart, 'loss', 1);
    ctx.app.lanes();
    times.push(performance.now() - t);
    if (i % 30 === 0) await new Promise((r) => setTimeout(r, 0));
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], p95: times[Math.floor(times.length * 0.95)] };
});
line('8 lanes × 100 steps + redraw, per frame (median)', `${frames.median.toFixed(1)} ms`, `target < 16.7 ms (60 fps): ${frames.median < 16.7 ? 'met' : 'MISSED'}`);
line('8 lanes × 100 steps + redraw, per frame (95th percentile)', `${frames.p95.toFixed(1)} ms`, '');

// Epochs per second on the training page's default problem (MLP 2→32→3 on
// 3000 spiral points), as in `cargo bench --bench learn` natively.
await page.goto(`${base}train.html`);
await page.waitForSelector('[data-ready="true"]');
const epochs = await page.evaluate(async () => {
  const { Training } = await import('./pkg/saddle.js');
  const out = {};
  for (const lane of ['gd(lr=0.3,batch=32)', 'momentum(lr=0.3,beta=0.9,batch=32)', 'adam(lr=0.01,batch=32)', 'lbfgs']) {
    const t = new Training('mlp(hidden=32)', lane, 20, 1n);
    const t0 = performance.now();
    while (t.running()) t.runFor(1000);
    out[lane] = 20 / ((performance.now() - t0) / 1000);
  }
  return out;
});
for (const [lane, rate] of Object.entries(epochs)) line(`epochs/s, MLP 2→32→3, ${lane} (incl. evaluations)`, rate.toFixed(0), '');


// ---- Figure 4.4 on the digits (the training page's block, issue 15) ----
// The page's own worker code (TrainWork) on `preset=fig4.4`, 20 epochs,
// then a 41×41 slice, against the release command line on the same link
// (the same Study), and the hand-written JS baseline (node). Rounds are
// interleaved and the best of three kept, since the machine is shared.
{
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
    const { TrainWork } = await import('./pkg/saddle.js');
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
    await page.goto(`${base}train.html`);
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
    console.log('Figure 4.4 on the digits (preset=fig4.4, 64→32→32→32→10 ReLU, SGD n_b = 10):');
    line('epochs/s, training only: native / Chromium', `${nat.train.toFixed(0)} / ${brw.train.toFixed(0)}`, `target: Chromium within 1.5× of native: ${ratio.toFixed(2)}× ${ratio <= 1.5 ? 'met' : 'MISSED'}`);
    line('epochs/s with evaluations, Chromium', brw.wall.toFixed(0), '');
    line('41×41 slice: native / Chromium', `${nat.slice.toFixed(2)} / ${brw.slice.toFixed(2)} s`, `${(brw.slice / nat.slice).toFixed(2)}×`);
    line('hand-written JS (node): epochs/s training; 41×41 slice', `${js.train_epochs_per_s.toFixed(0)}; ${js.slice_seconds.toFixed(2)} s`, 'baseline');
  } catch (e) {
    console.log(`  Figure 4.4 figures unavailable: ${e.message}`);
  }
}
await context.close();
server.close();
