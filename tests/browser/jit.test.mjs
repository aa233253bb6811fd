// The JIT in the page: typed expressions run compiled WebAssembly (the page
// loads one module per expression) and still give the command line's
// iterates bit for bit, for steps and for landscapes.
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { assert, ROOT } from './harness.mjs';

const cli = path.join(ROOT, 'target', 'debug', 'saddle');
const ready = (page) => page.waitForSelector('[data-ready="true"]');

const SCENES = [
  // Rosenbrock typed, Adam and L-BFGS (line search: values and gradients at trial points).
  `expr=${encodeURIComponent('(1-x)^2+100*(y-x^2)^2')}&start=-1.2,1&o=adam(lr=0.01)&o=lbfgs&steps=400`,
  // Every elementary function, integer and real powers, Newton (Hessians stay interpreted).
  `expr=${encodeURIComponent('sin(x)*cos(y)+0.1*(x^2+y^2)+exp(-x^2)/3+softplus(x-y)+sigmoid(y)^3+sqrt(1+x^2)+abs(y)^1.5+tanh(x*y)')}&start=0.7,-1.1&o=gd(lr=0.05)&o=newton&o=rmsprop&steps=300`,
];

export const tests = [
  {
    name: 'typed expressions take the compiled path and give the command line\'s iterates',
    fn: async ({ page, base }) => {
      for (const q of SCENES) {
        await page.goto(`${base}?${q}`);
        await ready(page);
        await page.waitForFunction(() => window.saddle.ctx.target === 0, null, { timeout: 60000 });
        const got = await page.evaluate(async () => {
          const { jitModules } = await import('./pkg/saddle.js');
          const app = window.saddle.ctx.app;
          return {
            modules: jitModules(),
            lanes: app.lanes().map((_, k) => Array.from(app.laneTheta(k))),
            steps: app.scene().steps,
          };
        });
        assert(got.modules >= 1, `${q}: the page compiled the expression (${got.modules} modules)`);
        const out = JSON.parse(execFileSync(cli, ['run', '--url', q, '--steps', String(got.steps), '--format', 'json'], { maxBuffer: 1 << 28 }).toString());
        assert(out.lanes.length === got.lanes.length, `${q}: same lanes`);
        out.lanes.forEach((lane, k) => {
          const flat = lane.theta.flat();
          assert(flat.length === got.lanes[k].length && flat.length >= 20, `${q} lane ${k}: ${flat.length} vs ${got.lanes[k].length} numbers`);
          flat.forEach((v, i) => {
            if (!Object.is(v, got.lanes[k][i])) throw new Error(`${q} lane ${k}: entry ${i}: CLI ${v}, page ${got.lanes[k][i]}`);
          });
        });
      }
    },
  },
  {
    name: 'a compiled landscape has the interpreter\'s range and levels',
    fn: async ({ page, base }) => {
      // The same function built in (hand-written, never compiled) and typed
      // (compiled): Rosenbrock's values agree to rounding, so the scale agrees.
      await page.goto(`${base}?f=rosenbrock`);
      await ready(page);
      const info = await page.evaluate(async () => {
        const { App, jitModules } = await import('./pkg/saddle.js');
        const before = jitModules();
        const look = (q) => {
          const app = new App(q);
          app.setLayout(300, 300, 1);
          const i = app.landscapeInfo();
          app.free();
          return i;
        };
        const builtin = look('f=rosenbrock');
        const typed = look(`expr=${encodeURIComponent('(1 - x)^2 + 100*(y - x^2)^2')}&view=-2,2,-1,3`);
        return { builtin, typed, compiled: jitModules() - before };
      });
      assert(info.compiled >= 1, 'the typed landscape was compiled');
      const rel = (a, b) => Math.abs(a - b) / Math.max(1, Math.abs(b));
      assert(rel(info.typed.max, info.builtin.max) < 1e-12 && rel(info.typed.min, info.builtin.min) < 1e-12,
        `range ${info.typed.min}..${info.typed.max} vs ${info.builtin.min}..${info.builtin.max}`);
      assert(info.typed.levels.length === info.builtin.levels.length, 'same number of levels');
    },
  },
];
