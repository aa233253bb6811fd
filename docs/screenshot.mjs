// Writes docs/screenshot.png, the README's picture of the playground:
// `node docs/screenshot.mjs` after `./build.sh wasm` (real Chromium, as the
// browser tests run it). The scene is the Adam-against-L-BFGS preset with a
// gradient-descent lane and a momentum lane labelled "heavy ball", run to
// t = 600, the chart hovered at t = 138.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, ROOT } from '../tests/browser/harness.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshot.png');
const SCENE = 'preset=adam-vs-lbfgs&f=rosenbrock&start=-1.5,2&o=adam(lr=0.05)&o=lbfgs&o=gd'
  + '&o=momentum(lr=0.002,label=heavy+ball)&steps=600&speed=20';

const { server, base } = await serve(path.join(ROOT, 'www'));
const ctx = await launch();
try {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${base}?${SCENE}`);
  await page.waitForSelector('[data-ready="true"]');
  await page.waitForFunction(() => document.getElementById('progress').hidden, null, { timeout: 30000 });
  await page.waitForTimeout(800);
  await page.locator('#chart').scrollIntoViewIfNeeded();
  const box = await page.locator('#chart').boundingBox();
  // The chart's plot spans about 11.5 % to 96.5 % of the canvas: t = 138 of 600.
  await page.mouse.move(box.x + box.width * (0.115 + (0.85 * 130) / 600), box.y + box.height * 0.5);
  await page.waitForFunction(() => document.getElementById('chart-readout').textContent.includes('t ='));
  const readout = await page.textContent('#chart-readout');
  // The README's alt text says t = 138: a different layout must not pass unseen.
  if (!readout.startsWith('t = 138')) throw new Error(`the hover readout is "${readout}", not t = 138`);
  await page.screenshot({ path: OUT, fullPage: true });
} finally {
  await ctx.close();
  server.close();
}
