// The gallery in real Chromium: a grid of thumbnails drawn by the core, in
// the chapter's figure order, (a) and (b) side by side; every entry opens its
// scene, and each scene shows what its caption promises.
import path from 'node:path';
import { assert, OUT } from './harness.mjs';

const ready = (page) => page.waitForSelector('[data-ready="true"]');
const settled = (page) => page.waitForFunction(() => window.saddle && window.saddle.ctx.target === 0, null, { timeout: 60000 });

/** Opens the gallery and waits until every thumbnail is drawn (Figure 4.4's trains first). */
async function openGallery(page, base) {
  await page.goto(base);
  await ready(page);
  await page.click('#gallery-open');
  await drawn(page);
}

/** Waits until every thumbnail of the open gallery is drawn; fails on any that could not be. */
async function drawn(page, timeout = 240000) {
  await page.waitForSelector('#gallery[open] canvas.thumb');
  await page.waitForFunction(
    () => [...document.querySelectorAll('#gallery-list canvas.thumb')].every((c) => c.dataset.state === 'drawn' || c.dataset.state === 'error'),
    null, { timeout, polling: 500 });
  const errors = await page.$$eval('#gallery-list canvas.thumb[data-state="error"]', (cs) => cs.map((c) => `${c.closest('a').dataset.preset}: ${c.title}`));
  assert(errors.length === 0, `every thumbnail draws: ${errors.join('; ')}`);
}

/** Per thumbnail: its panel's preset, the share of non-white pixels and the number of distinct colours. */
const pixels = (page) => page.$$eval('#gallery-list canvas.thumb', (cs) => cs.map((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  const colours = new Set();
  for (let i = 0; i < d.length; i += 4) {
    if (d[i] < 245 || d[i + 1] < 245 || d[i + 2] < 245) ink++;
    if (colours.size < 500) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
  }
  return { preset: c.closest('a').dataset.preset, card: c.closest('.card').dataset.card, ink: ink / (d.length / 4), colours: colours.size, w: c.width, h: c.height };
}));

/** The panels' links in the gallery: [{ card, preset, page, href }]. */
const panels = (page) => page.$$eval('#gallery-list .panels a', (as) => as.map((a) => ({
  card: a.closest('.card').dataset.card, preset: a.dataset.preset, page: a.dataset.page, href: a.getAttribute('href'),
})));

/** Every lane's iterates as points: [[θ⁽⁰⁾, θ⁽¹⁾, …], …]. */
const paths = (page) => page.evaluate(() => {
  const app = window.saddle.ctx.app;
  const d = app.dim();
  return app.lanes().map((_, k) => {
    const flat = Array.from(app.laneTheta(k));
    const out = [];
    for (let i = 0; i < flat.length; i += d) out.push(flat.slice(i, i + d));
    return out;
  });
});

/** Screenshots of the whole gallery, the dialog scrolled a screen at a time: NAME-1.png, NAME-2.png, … */
async function sheetShots(page, name) {
  const n = await page.$eval('#gallery', (d) => Math.ceil(d.scrollHeight / d.clientHeight));
  for (let i = 0; i < n; i++) {
    await page.$eval('#gallery', (d, k) => { d.scrollTop = k * d.clientHeight; }, i);
    await page.screenshot({ path: path.join(OUT, `gallery-${name}-${i + 1}.png`) });
  }
  await page.$eval('#gallery', (d) => { d.scrollTop = 0; });
}

const dist = (a, b) => Math.hypot(...a.map((x, i) => x - b[i]));

/** What each entry's caption promises, checked on the scene it opens. */
const PROMISES = {
  // SGD's path differs from GD's, zig-zagging, and both converge to the same point.
  'fig4.3b': async (page) => {
    const [gd, sgd] = await paths(page);
    const scale = dist(gd[0], gd[gd.length - 1]);
    const apart = Math.max(...gd.map((p, i) => (sgd[i] ? dist(p, sgd[i]) : 0)));
    assert(apart > 0.15 * scale, `4.3(b): SGD's path differs from GD's (${apart.toFixed(3)} apart on a path of ${scale.toFixed(3)})`);
    const travel = (p) => p.slice(1).reduce((s, q, i) => s + Math.abs(q[0] - p[i][0]), 0) / Math.abs(p[p.length - 1][0] - p[0][0]);
    assert(travel(sgd) > 1.5 && travel(gd) < 1.15, `4.3(b): SGD zig-zags (${travel(sgd).toFixed(2)}× the net distance in θ1, GD ${travel(gd).toFixed(2)}×)`);
    assert(dist(gd[gd.length - 1], sgd[sgd.length - 1]) < 1e-6, '4.3(b): both converge to the same minimizer');
  },
  // The iterates approach the local maximum of (4.52) at −1: one overshoots it, the next ends near it.
  'fig4.10a': async (page) => {
    const [p] = await paths(page);
    const t = p.map((x) => x[0]);
    assert(t.length === 3, `4.10(a): two Newton steps (${t})`);
    assert(t[0] < 1 && Math.abs(t[1] + 1) < Math.abs(t[0] + 1) && Math.abs(t[2] + 1) < Math.abs(t[1] + 1), `4.10(a): the iterates approach −1: ${t}`);
    assert(t[1] < -1 && Math.abs(t[2] + 1) < 0.1, `4.10(a): overshoots, then ends near the maximum: ${t}`);
    const c = (x) => (x - 3) ** 2 * (x + 3);
    assert(c(t[1]) > c(t[0]) && c(t[2]) > c(t[1]), '4.10(a): the loss rises towards the maximum');
  },
  // 4.4 in the playground: the validation loss has a clear U; the early-stopping mark sits at its minimum.
  'early-stopping': async (page) => {
    const data = await page.evaluate(() => window.saddle.ctx.app.chartData('validation'));
    const pts = data.series[0].points;
    const ys = pts.map((p) => p[1]);
    const min = Math.min(...ys);
    const best = ys.indexOf(min);
    const last = ys[ys.length - 1];
    assert(pts[best][0] < 0.2 * pts[pts.length - 1][0], `early stopping well before the last iteration: t = ${pts[best][0]} of ${pts[pts.length - 1][0]}`);
    assert(ys[0] > 2 * min && last > 1.2 * min, `a clear U: ${ys[0]} → ${min} → ${last}`);
    assert(ys.slice(best).every((y, i, a) => i === 0 || y >= a[i - 1] - 1e-12), 'the validation loss only rises after its minimum');
    assert(data.markers.length === 1 && data.markers[0][0] === pts[best][0], `the mark is at the minimum: ${JSON.stringify(data.markers)}`);
    const held = await page.evaluate(() => window.saddle.ctx.app.dataTable());
    const valid = held.series.find((s) => s.label === 'validation points');
    const train = held.series.find((s) => s.label === 'training points');
    assert(valid.points.length >= 150 && train.points.length <= 30, `enough validation points: ${valid.points.length} (training ${train.points.length})`);
  },
};

export const tests = [
  {
    name: "the gallery: every thumbnail drawn by the core, the chapter's figures in order, (a) and (b) side by side",
    fn: async ({ page, base, shot }) => {
      await page.setViewportSize({ width: 1400, height: 900 });
      const t0 = Date.now();
      await page.goto(base);
      await ready(page);
      // The longest task the page runs while the gallery draws (Chromium's long tasks: over 50 ms).
      await page.evaluate(() => {
        window.longest = 0;
        new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longest = Math.max(window.longest, e.duration); })
          .observe({ type: 'longtask', buffered: false });
      });
      await page.click('#gallery-open');
      await page.waitForSelector('#gallery[open] canvas.thumb');
      const opened = Date.now() - t0;
      // The page stays responsive while the thumbnails are drawn: a frame gets through quickly.
      const frame = await page.evaluate(() => new Promise((resolve) => { const t = performance.now(); requestAnimationFrame(() => resolve(performance.now() - t)); }));
      assert(frame < 1000, `a frame while the gallery draws: ${frame.toFixed(0)} ms`);
      await drawn(page);
      const cards = await page.$$eval('#gallery-list .card', (cs) => cs.map((c) => c.dataset.card));
      const figures = cards.filter((c) => /^fig4\.\d+$/.test(c)).map((c) => Number(c.slice(5)));
      assert(JSON.stringify(figures) === JSON.stringify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), `every figure of chapter 4 in order: ${cards}`);
      const links = await panels(page);
      for (const id of ['fig4.1', 'fig4.2', 'fig4.3', 'fig4.5', 'fig4.8', 'fig4.10']) {
        const two = links.filter((l) => l.card === id);
        assert(two.length === 2, `${id}: two panels`);
        const boxes = await page.$$eval(`.card[data-card="${id}"] canvas.thumb`, (cs) => cs.map((c) => c.getBoundingClientRect().toJSON()));
        assert(Math.abs(boxes[0].top - boxes[1].top) < 2 && boxes[1].left > boxes[0].right, `${id}: (a) and (b) side by side`);
      }
      const f44 = links.find((l) => l.card === 'fig4.4');
      assert(f44.page === 'train' && f44.href.startsWith('train.html?preset=fig4.4'), `4.4 opens the training page: ${f44.href}`);
      const f47 = links.find((l) => l.card === 'fig4.7');
      assert(f47.page === 'autodiff' && f47.href.startsWith('autodiff.html?') && f47.href.includes('at=pi/6,2,5'), `4.7 opens the explorer on (4.27): ${f47.href}`);
      for (const p of await pixels(page)) {
        assert(p.w > 100 && p.h > 60, `${p.preset}: a sized thumbnail (${p.w}×${p.h})`);
        assert(p.ink > 0.02 && p.colours > 12, `${p.card}/${p.preset}: the thumbnail is drawn (${(100 * p.ink).toFixed(1)} % ink, ${p.colours} colours)`);
      }
      const longest = await page.evaluate(() => window.longest);
      console.log(`    gallery opened in ${opened} ms; ${links.length} thumbnails drawn in ${Date.now() - t0} ms; longest task ${longest.toFixed(0)} ms`);
      assert(longest < 1000, `no thumbnail blocks the page for long: the longest task took ${longest.toFixed(0)} ms`);
      await sheetShots(page, '1400');
      // The dialog alone, for the README (docs/gallery.png).
      const box = await page.$eval('#gallery', (d) => d.getBoundingClientRect().toJSON());
      await page.screenshot({ path: path.join(OUT, 'gallery-dialog.png'), clip: { x: box.x, y: box.y, width: box.width, height: box.height } });
      // Closed and opened again: nothing is drawn twice.
      await page.click('#gallery [data-close]');
      await page.click('#gallery-open');
      const states = await page.$$eval('#gallery-list canvas.thumb', (cs) => cs.map((c) => c.dataset.state));
      assert(states.every((s) => s === 'drawn'), 'the thumbnails are kept');
    },
  },
  {
    name: 'the gallery at 640×760 and 420×800: nothing cut off, panels fit',
    fn: async ({ page, base, shot }) => {
      for (const [w, h] of [[640, 760], [420, 800]]) {
        await page.setViewportSize({ width: w, height: h });
        await openGallery(page, base);
        const over = await page.$$eval('#gallery-list .card', (cs) => cs.filter((c) => c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right > window.innerWidth).map((c) => c.dataset.card));
        assert(over.length === 0, `${w}px: no card overflows: ${over}`);
        for (const p of await pixels(page)) assert(p.ink > 0.02, `${w}px ${p.preset}: drawn`);
        await sheetShots(page, `${w}`);
      }
    },
  },
  {
    name: 'every gallery entry opens its scene, which shows what its caption promises',
    fn: async ({ page, base, shot }) => {
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(base);
      await ready(page);
      await page.click('#gallery-open');
      await page.waitForSelector('#gallery[open] canvas.thumb');
      const links = await panels(page);
      const catalog = await page.evaluate(() => window.saddle.catalog);
      const checked = new Set();
      for (const l of links) {
        const url = new URL(l.href, base).href;
        if (l.page === 'playground') {
          await page.goto(url);
          await ready(page);
          await settled(page);
          const preset = catalog.presets.find((p) => p.id === l.preset);
          assert((await page.textContent('#caption-title')) === preset.title, `${l.preset}: its title shows`);
          if (PROMISES[l.preset] && !checked.has(l.preset)) {
            await PROMISES[l.preset](page);
            checked.add(l.preset);
            await shot(`entry-${l.preset}`);
          }
        } else if (l.page === 'train') {
          await page.goto(url);
          await page.waitForSelector('[data-ready="true"]');
          assert((await page.textContent('#caption-title')).startsWith('Figure 4.4'), `${l.preset}: the training page shows Figure 4.4`);
        } else if (l.page === 'autodiff') {
          await page.goto(url);
          await page.waitForSelector('[data-ready="true"]');
          const q = await page.evaluate(() => location.search);
          assert(q.includes('at=pi/6,2,5'), `the explorer opens on (4.27) at (π/6, 2, 5): ${q}`);
          await shot('entry-fig4.7');
        }
      }
      for (const id of Object.keys(PROMISES)) assert(checked.has(id), `${id} was checked`);
    },
  },
  {
    name: "Figure 4.4's entry: the training page's validation error is best well before the last epoch and rises after it",
    fn: async ({ page, base, shot }) => {
      await page.setViewportSize({ width: 1400, height: 900 });
      await openGallery(page, base);
      const href = await page.getAttribute('.card[data-card="fig4.4"] a', 'href');
      await page.goto(new URL(href, base).href);
      await page.waitForSelector('[data-ready="true"]');
      await page.click('#start');
      await page.waitForFunction(() => document.body.dataset.training === 'idle' && window.saddleTrain.runs()[0]?.records.length > 1, null, { timeout: 240000, polling: 500 });
      const r = await page.evaluate(() => window.saddleTrain.runs()[0]);
      const err = r.records.map((x) => x.val_error);
      const best = r.best.epoch;
      const min = Math.min(...err);
      const last = err.length - 1;
      const tail = err.slice(-20).reduce((a, b) => a + b, 0) / 20;
      assert(best < 0.6 * last, `the best validation epoch (${best}) is well before the last (${last})`);
      assert(tail > min + 0.02, `the validation error rises after it: ${min} at epoch ${best}, ${tail.toFixed(3)} over the last 20`);
      await shot('fig4.4-trained');
    },
  },
];
