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

await context.close();
server.close();
