// The playground page as a person uses it, in real Chromium.
import { assert, near } from './harness.mjs';

const ready = (page) => page.waitForSelector('[data-ready="true"]');

/** Pixels of a canvas: distinct colours and a cheap hash. */
async function canvasStats(page, id) {
  return page.evaluate((id) => {
    const c = document.getElementById(id);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    let hash = 0;
    for (let i = 0; i < d.length; i += 4 * 7) {
      colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      hash = (hash * 31 + d[i] + d[i + 1] * 7 + d[i + 2] * 13) | 0;
    }
    return { colours: colours.size, hash };
  }, id);
}

/** Counts pixels of the main canvas close to an RGB colour. */
async function countColour(page, id, [r, g, b], tol = 40) {
  return page.evaluate(({ id, r, g, b, tol }) => {
    const c = document.getElementById(id);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] > 128 && Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < tol) n++;
    }
    return n;
  }, { id, r, g, b, tol });
}

/** θ of lane k as the page shows it. */
async function laneTheta(page, k) {
  const text = await page.textContent(`#lanes li:nth-child(${k + 1}) .lane-values`);
  const m = /θ = \(([^)]*)\)/.exec(text);
  assert(m, `lane ${k} shows θ: ${text}`);
  return m[1].split(',').map(Number);
}

const laneBadge = (page, k) => page.textContent(`#lanes li:nth-child(${k + 1}) .badge`);
const iter = async (page) => Number(await page.textContent('#iter'));

async function runUntil(page, cond, ms = 20000) {
  const t0 = Date.now();
  await page.click('#play');
  while (Date.now() - t0 < ms) {
    if (await cond()) break;
    await page.waitForTimeout(100);
  }
  if ((await page.textContent('#play')).includes('Pause')) await page.click('#play');
}

export const tests = [
  {
    name: 'loads with a landscape that differs between functions',
    fn: async ({ page, base, shot }) => {
      await page.goto(base);
      await ready(page);
      await page.waitForTimeout(200);
      const a = await canvasStats(page, 'heat');
      assert(a.colours > 50, `the landscape is not blank (${a.colours} colours)`);
      const axes = await canvasStats(page, 'main');
      assert(axes.colours > 3, 'axes and markers are drawn over it');
      await shot('rosenbrock');
      await page.selectOption('#function', 'himmelblau');
      await page.waitForTimeout(300);
      const b = await canvasStats(page, 'heat');
      assert(b.colours > 50 && b.hash !== a.hash, 'Himmelblau looks different from Rosenbrock');
      assert(page.url().includes('f=himmelblau'), `the address bar follows: ${page.url()}`);
      await shot('himmelblau');
    },
  },
  {
    name: 'clicking the landscape moves the start point',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?f=bowl`);
      await ready(page);
      const before = await page.inputValue('#start');
      const box = await page.locator('#main').boundingBox();
      await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.3);
      await page.waitForTimeout(200);
      const after = (await page.inputValue('#start')).split(',').map(Number);
      assert((await page.inputValue('#start')) !== before, 'the start moved');
      assert(after[0] > 0 && after[1] > 0, `clicked right of and above the centre: ${after}`);
      assert(page.url().includes('start='), 'the link carries the new start');
      await shot('start-moved');
      // Typing it works too.
      await page.fill('#start', '-1, 0.5');
      await page.press('#start', 'Enter');
      await page.waitForTimeout(100);
      near(Number((await page.inputValue('#start')).split(',')[0]), -1, 1e-12, 'typed start');
    },
  },
  {
    name: 'Adam and L-BFGS reach (1, 1) on Rosenbrock from (-1.5, 2)',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?f=rosenbrock&start=-1.5,2&o=adam(lr=0.05)&o=lbfgs&speed=200`);
      await ready(page);
      await runUntil(page, async () => (await iter(page)) >= 6000 || ((await laneBadge(page, 0)) !== 'running' && (await laneBadge(page, 1)) !== 'running'));
      for (const k of [0, 1]) {
        const [x, y] = await laneTheta(page, k);
        const d = Math.hypot(x - 1, y - 1);
        assert(d < 1e-3, `lane ${k} ends ${d} from (1, 1): (${x}, ${y})`);
      }
      assert((await laneBadge(page, 1)) === 'converged', 'L-BFGS converged');
      await shot('adam-lbfgs');
    },
  },
  {
    name: "the equation panel shows the selected lane's update with the chapter's numbers, following its options",
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?f=rosenbrock&o=momentum&o=gd(ls=exact)`);
      await ready(page);
      const numbers = () => page.$$eval('#equations .eq .eqref', (els) => els.map((e) => e.textContent));
      let eqs = await numbers();
      assert(eqs.join('|') === '(4.16)|(4.17)', `momentum's lines: ${eqs}`);
      assert((await page.$$('#equations .eq math')).length === 2, 'each line is MathML');
      const sel = page.locator('#lanes li:nth-child(1) select[aria-label="form"]');
      await sel.selectOption('classic');
      await page.waitForFunction(() => document.querySelector('#equations .eq .eqref')?.textContent === 'footnote 15');
      await shot('equations-momentum-classic');
      await page.click('#lanes li:nth-child(2) .lane-status');
      await page.waitForTimeout(200);
      eqs = await numbers();
      assert(eqs.some((n) => n.startsWith('(4.43)')) && !eqs.some((n) => n.startsWith('Alg. 4.1')), `GD with exact search: ${eqs}`);
      await shot('equations-gd-exact');
    },
  },
  {
    name: "the conventions gallery: the book's Adadelta barely moves, AMSGrad lags Adam, torch's NAdam rings less",
    fn: async ({ page, base, shot }) => {
      const open = async (id) => {
        const p = await page.evaluate((id) => window.saddle.catalog.presets.find((q) => q.id === id), id);
        await page.goto(`${base}?${p.query}`);
        await ready(page);
        await page.waitForFunction((n) => Number(document.getElementById('iter').textContent) >= n, p.query.match(/steps=(\d+)/)[1], { timeout: 30000 });
        const caption = await page.textContent('#caption');
        assert(caption.includes(p.title) && caption.includes(p.caption.slice(0, 40)), `${id}: the caption shows: ${caption}`);
        return p;
      };
      await page.goto(base);
      await ready(page);
      await open('adadelta-book-vs-torch');
      const [b0, b1] = [await laneTheta(page, 0), await laneTheta(page, 1)];
      const moved = Math.hypot(b0[0] + 0.5, b0[1] + 0.5);
      assert(moved < 0.3, `the book's Adadelta barely moves in 2000 steps (${moved})`);
      assert(Math.hypot(b1[0] + 2.805118, b1[1] - 3.131312) < 0.1, `torch's reaches Himmelblau's minimum (−2.81, 3.13): ${b1}`);
      await page.click('#lanes li:nth-child(2) .lane-status');
      await page.waitForFunction(() => [...document.querySelectorAll('#equations .eqref')].some((e) => e.textContent === 'torch.optim.Adadelta'));
      await shot('preset-adadelta-book-vs-torch');
      await open('adam-vs-amsgrad');
      const [a0, a1] = [await laneTheta(page, 0), await laneTheta(page, 1)];
      const d = (t) => Math.hypot(t[0] - 1, t[1] - 1);
      assert(d(a0) < 0.1 && d(a1) > 0.3, `Adam near (1, 1) (${d(a0)}), AMSGrad behind (${d(a1)})`);
      await page.click('#lanes li:nth-child(2) .lane-status');
      await page.waitForFunction(() => [...document.querySelectorAll('#equations .eqref')].some((e) => e.textContent.startsWith('AMSGrad')));
      await shot('preset-adam-vs-amsgrad');
      await open('nadam-book-vs-torch');
      // Along the whole path: the largest overshoot past the minimum in θ1, and the widest swing
      // in θ2 once the path has crossed the valley floor θ2 = 0.
      const swing = await page.evaluate(() => [0, 1].map((k) => {
        const t = Array.from(window.saddle.ctx.app.laneTheta(k));
        const x = t.filter((_, i) => i % 2 === 0), y = t.filter((_, i) => i % 2 === 1);
        const crossed = y.findIndex((v) => v < 0);
        return { over: Math.max(...x), across: Math.max(...y.slice(crossed).map(Math.abs)) };
      }));
      assert(swing[0].over > 3 * swing[1].over, `the book's Nadam overshoots past 0 further: ${JSON.stringify(swing)}`);
      assert(swing[0].across > 2 * swing[1].across, `and swings wider across the valley: ${JSON.stringify(swing)}`);
      await page.click('#lanes li:nth-child(2) .lane-status');
      await page.waitForFunction(() => [...document.querySelectorAll('#equations .eqref')].some((e) => e.textContent === "torch.optim.NAdam's schedule"));
      await shot('preset-nadam-book-vs-torch');
      // On a phone the caption wraps and stays whole.
      await page.setViewportSize({ width: 420, height: 900 });
      await open('adam-vs-amsgrad');
      const box = await page.locator('#caption').boundingBox();
      assert(box.x >= 0 && box.x + box.width <= 420, `the caption fits 420 px: ${JSON.stringify(box)}`);
      await shot('preset-adam-vs-amsgrad-420');
    },
  },
  {
    name: 'a typo in a custom expression shows in place and breaks nothing',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?f=bowl`);
      await ready(page);
      const before = await canvasStats(page, 'heat');
      await page.fill('#expr', 'sin(x) + cos(y');
      await page.waitForSelector('#expr-error:not([hidden])');
      const msg = await page.textContent('#expr-error');
      assert(/expected '\)' at 14/.test(msg), `the message says what and where: ${msg}`);
      const caret = await page.textContent('#expr-error .caret');
      assert(caret.indexOf('^') === 14, `the caret sits under position 14: '${caret}'`);
      assert((await page.getAttribute('#expr', 'aria-invalid')) === 'true', 'the box is marked invalid');
      await page.waitForTimeout(100);
      assert((await canvasStats(page, 'heat')).hash === before.hash, 'the last valid function stays on screen');
      await shot('typo');
      await page.fill('#expr', 'sinn(x) + y^2');
      await page.waitForFunction(() => /sinn/.test(document.getElementById('expr-error').textContent));
      const unknown = await page.textContent('#expr-error');
      assert(/unknown function 'sinn' at 0\.\.4/.test(unknown), `unknown function named: ${unknown}`);
      await page.fill('#expr', 'sin(x) + cos(y)');
      await page.waitForSelector('#expr-error', { state: 'hidden' });
      await page.waitForTimeout(200);
      const after = await canvasStats(page, 'heat');
      assert(after.hash !== before.hash && after.colours > 50, 'the fixed expression is drawn');
      assert((await page.inputValue('#function')) === 'custom', 'the picker says custom');
      assert(page.url().includes('expr='), 'the link carries the expression');
      await shot('custom');
    },
  },
  {
    name: 'a diverging lane says so while the others keep running',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?f=rosenbrock&start=-1.5,2&o=gd(lr=0.05)&o=adam(lr=0.01)&speed=5`);
      await ready(page);
      await runUntil(page, async () => (await laneBadge(page, 0)) === 'diverged', 8000);
      assert((await laneBadge(page, 0)) === 'diverged', 'GD with a huge α diverged');
      const status = await page.textContent('#lanes li:nth-child(1) .lane-status');
      assert(/left the box|no longer finite|loss is/.test(status), `it says why: ${status}`);
      const t1 = await iter(page);
      await page.click('#play');
      await page.waitForTimeout(500);
      await page.click('#play');
      assert((await iter(page)) > t1, 'the other lane kept running');
      assert((await laneBadge(page, 1)) === 'running', 'Adam is still running');
      await shot('diverged');
    },
  },
  {
    name: 'keyboard: space plays and pauses, n steps, r resets',
    fn: async ({ page, base }) => {
      await page.goto(`${base}?f=bowl&o=gd(lr=0.01)`);
      await ready(page);
      await page.locator('#main').focus();
      await page.keyboard.press('n');
      await page.keyboard.press('n');
      await page.waitForTimeout(100);
      assert((await iter(page)) === 2, 'two steps');
      await page.keyboard.press(' ');
      await page.waitForTimeout(300);
      assert((await page.textContent('#play')).includes('Pause'), 'space plays');
      await page.keyboard.press(' ');
      const t = await iter(page);
      assert(t > 2, `it ran (t = ${t})`);
      await page.waitForTimeout(200);
      assert((await iter(page)) === t, 'space paused');
      await page.keyboard.press('r');
      await page.waitForTimeout(100);
      assert((await iter(page)) === 0, 'r reset');
    },
  },
  {
    name: "one-dimensional mode shows Newton's quadratic model",
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?f=cubic&start=1.5&o=newton`);
      await ready(page);
      await page.waitForTimeout(200);
      // Lane 0's colour, from the core's palette.
      const hex = await page.evaluate(() => window.saddle.ctx.app.lanes()[0].color);
      const orange = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const before = await countColour(page, 'main', orange);
      await page.locator('#main').focus();
      await page.keyboard.press('n');
      await page.waitForTimeout(200);
      const [t] = await laneTheta(page, 0);
      assert(t === 5.25, `Newton from 1.5 lands on 5.25 (4.52): ${t}`);
      const after = await countColour(page, 'main', orange);
      assert(after > before + 200, `the dashed model Q(θ) is drawn (${before} → ${after} lane-coloured pixels)`);
      await shot('newton-1d');
      await page.uncheck('#show-model');
      await page.waitForTimeout(200);
      const hidden = await countColour(page, 'main', orange);
      assert(hidden < after - 200, `the toggle hides it (${after} → ${hidden})`);
    },
  },
  {
    name: 'out-of-range hyperparameters are refused with a message; changes continue the run',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?f=bowl&o=adam(lr=0.01)`);
      await ready(page);
      const box = page.locator('#lanes li:nth-child(1) input[aria-label="lr"]');
      await box.fill('-1');
      await box.press('Enter');
      await page.waitForSelector('#lanes li:nth-child(1) .param-error:not([hidden])');
      const msg = await page.textContent('#lanes li:nth-child(1) .param-error:not([hidden])');
      assert(/lr = -1 is out of range/.test(msg), `refused: ${msg}`);
      await shot('refused');
      for (let i = 0; i < 5; i++) await page.click('#step');
      await page.waitForTimeout(100);
      const before = await laneTheta(page, 0);
      await box.fill('0.02');
      await box.press('Enter');
      await page.waitForTimeout(100);
      assert((await iter(page)) === 5, 'changing α keeps the iteration count');
      const after = await laneTheta(page, 0);
      assert(after[0] === before[0] && after[1] === before[1], `and the current point: ${before} → ${after}`);
      assert(page.url().includes('lr@5=0.02'), `the link has the new value from iteration 5 on: ${page.url()}`);
    },
  },
  {
    name: 'zoom, pan, reset view; 3-D view rotates',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?f=himmelblau`);
      await ready(page);
      const box = await page.locator('#main').boundingBox();
      const centre = [box.x + box.width / 2, box.y + box.height / 2];
      const probe = () => page.evaluate(() => Array.from(window.saddle.ctx.app.pointAt(100, 100)));
      const p0 = await probe();
      await page.mouse.move(...centre);
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(200);
      assert((await probe())[0] === p0[0], 'the wheel over the sleeping map does not zoom');
      assert(await page.isVisible('#map-hint'), 'a hint says how to wake it');
      await page.locator('#main').focus(); // clicking would too (and set the start)
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(200);
      const p1 = await probe();
      assert(Math.abs(p1[0]) < Math.abs(p0[0]), `zoomed in: ${p0} → ${p1}`);
      await page.mouse.move(centre[0], centre[1]);
      await page.mouse.down();
      await page.mouse.move(centre[0] + 120, centre[1] + 40, { steps: 5 });
      await page.mouse.up();
      await page.waitForTimeout(100);
      const p2 = await probe();
      assert(p2[0] < p1[0], `panned: ${p1} → ${p2}`);
      await shot('zoomed');
      await page.click('#reset-view');
      await page.waitForTimeout(100);
      const p3 = await probe();
      near(p3[0], p0[0], 1e-9, 'reset view');
      await page.click('#view-3d');
      await page.waitForTimeout(300);
      const s0 = await canvasStats(page, 'surface');
      assert(s0.colours > 30, 'the surface is drawn');
      const sb = await page.locator('#surface').boundingBox();
      await page.mouse.move(sb.x + sb.width / 2, sb.y + sb.height / 2);
      await page.mouse.down();
      await page.mouse.move(sb.x + sb.width / 2 + 80, sb.y + sb.height / 2, { steps: 4 });
      await page.mouse.up();
      await page.waitForTimeout(200);
      assert((await canvasStats(page, 'surface')).hash !== s0.hash, 'dragging rotates it');
      await shot('surface');
    },
  },
  {
    name: 'the timeline looks back at an earlier iteration',
    fn: async ({ page, base }) => {
      await page.goto(`${base}?f=bowl&o=gd(lr=0.05)&steps=50`);
      await ready(page);
      await page.waitForFunction(() => Number(document.getElementById('iter').textContent) === 50);
      await page.locator('#timeline').fill('10');
      await page.waitForTimeout(150);
      const text = await page.textContent('#lanes li:nth-child(1) .lane-values');
      assert(text.startsWith('t = 10 '), `lane shows iteration 10: ${text}`);
      assert((await laneBadge(page, 0)) === 'history', 'marked as history');
      await page.click('#live');
      await page.waitForTimeout(150);
      assert((await page.textContent('#lanes li:nth-child(1) .lane-values')).startsWith('t = 50 '), 'back to live');
    },
  },
  {
    name: 'the Autodiff button opens the explorer on the current function and point',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?f=himmelblau&start=1,2&o=adam(lr=0.1)`);
      await ready(page);
      await page.click('#step');
      await page.waitForTimeout(100);
      const href = await page.getAttribute('#autodiff-link', 'href');
      assert(href.startsWith('autodiff.html?expr=') && href.includes('&at='), href);
      const [x, y] = await laneTheta(page, 0);
      await Promise.all([page.waitForNavigation(), page.click('#autodiff-link')]);
      await page.waitForSelector('[data-ready="true"]');
      const at = new URL(page.url()).searchParams.get('at').split(',').map(Number);
      assert(Math.abs(at[0] - x) < 1e-5 && Math.abs(at[1] - y) < 1e-5, `the explorer opens at the lane's point: ${at} vs ${x},${y}`);
      assert(/x\^2 \+ y - 11/.test(decodeURIComponent(page.url()).replace(/\+/g, ' ')) || page.url().includes('expr='), page.url());
      await shot('autodiff-from-playground');
    },
  },
  {
    name: 'a panic in the core shows a banner, and reset recovers',
    fn: async ({ page, base, shot, errors }) => {
      await page.goto(`${base}?f=bowl`);
      await ready(page);
      await page.evaluate(() => window.saddle.debugPanic());
      await page.waitForSelector('#banner:not([hidden])');
      const text = await page.textContent('#banner-text');
      assert(/deliberate panic/.test(text), `the banner shows the panic message: ${text}`);
      await shot('panic');
      await Promise.all([page.waitForNavigation(), page.click('#banner-reset')]);
      await ready(page);
      await page.waitForTimeout(200);
      assert(await page.isHidden('#banner'), 'the banner is gone after reset');
      assert((await canvasStats(page, 'heat')).colours > 50, 'the page works again');
      errors.length = 0; // The deliberate panic is expected in the console.
    },
  },
  {
    name: 'lane cards are built from the tables: the rows the core says matter, each control from its entry',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?f=bowl&o=gd(schedule=exp)&o=lbfgs`);
      await ready(page);
      const rows = (k) => page.$$eval(`#lanes li:nth-child(${k + 1}) .params label`, (ls) => ls.map((l) => l.textContent));
      const relevant = (k) => page.evaluate((k) => window.saddle.ctx.app.lanes()[k].keys.filter((s) => s.relevant).map((s) => s.key), k);
      for (const k of [0, 1]) {
        const shown = (await rows(k)).map((t) => t.split(' ').pop());
        assert(JSON.stringify(shown) === JSON.stringify(await relevant(k)), `lane ${k}: the card shows the core's relevant keys: ${shown}`);
      }
      assert((await rows(0)).some((t) => t.endsWith('decay')), 'decay shows with schedule=exp');
      assert((await rows(0)).some((t) => t === 'σ noise'), 'noise on a function without data');
      await page.selectOption('#lanes li:nth-child(1) select[aria-label="schedule"]', 'constant');
      await page.waitForFunction(() => !Array.from(document.querySelectorAll('#lanes li:nth-child(1) .params label')).some((l) => l.textContent.endsWith('decay')));
      assert(page.url().includes('o=gd&'), `the link follows: ${page.url()}`);
      await page.fill('#lanes li:nth-child(1) input[aria-label="noise"]', '0.3');
      await page.press('#lanes li:nth-child(1) input[aria-label="noise"]', 'Enter');
      await page.waitForTimeout(100);
      assert(page.url().includes('o=gd(noise=0.3)'), `noise is a lane key of the link: ${page.url()}`);
      // Every method's card matches its relevant keys.
      const methods = await page.evaluate(() => window.saddle.catalog.methods.map((m) => m.id));
      for (const id of methods) {
        await page.selectOption('#lanes li:nth-child(2) select[aria-label="Lane 2 method"]', id);
        await page.waitForTimeout(30);
        const shown = (await rows(1)).map((t) => t.split(' ').pop());
        assert(JSON.stringify(shown) === JSON.stringify(await relevant(1)), `${id}: ${shown}`);
      }
      // On data: batch instead of noise, sampling once there are mini-batches.
      await page.goto(`${base}?data=linreg(n=20)&o=gd(lr=0.05)`);
      await ready(page);
      assert(JSON.stringify(await relevant(0)).includes('batch') && !(await relevant(0)).includes('noise'), 'batch on data');
      assert(await page.isHidden('#lanes li:nth-child(1) select[aria-label="sampling"]'), 'no sampling for full batches');
      await page.fill('#lanes li:nth-child(1) input[aria-label="batch"]', '4');
      await page.press('#lanes li:nth-child(1) input[aria-label="batch"]', 'Enter');
      await page.waitForSelector('#lanes li:nth-child(1) select[aria-label="sampling"]');
      await page.selectOption('#lanes li:nth-child(1) select[aria-label="sampling"]', 'replacement');
      await page.waitForTimeout(100);
      assert(page.url().includes('o=gd(lr=0.05,batch=4,sampling=replacement)'), page.url());
      await page.fill('#lanes li:nth-child(1) input[aria-label="batch"]', 'half');
      await page.press('#lanes li:nth-child(1) input[aria-label="batch"]', 'Enter');
      const err = await page.textContent('#lanes li:nth-child(1) .param-error:not([hidden])');
      assert(/batch must be a whole number from 1 to \d+ or 'full'/.test(err), `the core's message: ${err}`);
      await shot('lane-keys');
    },
  },
];
