// Access for everyone, in real Chromium: axe-core (a dev dependency, loaded
// into the page by the test only) on every page and state; the map driven
// from the keyboard alone; lane status and the cursor's readout announced;
// each chart's data as a table; prefers-reduced-motion; Back and Forward.
import fs from 'node:fs';
import path from 'node:path';
import { assert, ROOT } from './harness.mjs';

const AXE = fs.readFileSync(path.join(ROOT, 'tests/browser/node_modules/axe-core/axe.min.js'), 'utf8');
const ready = (page) => page.waitForSelector('[data-ready="true"]');
const settled = (page) => page.waitForFunction(() => window.saddle && window.saddle.ctx.target === 0, null, { timeout: 60000 });

/** Runs axe-core in a page or frame: WCAG 2.0/2.1 A and AA, and axe's best practices. */
async function axe(target, what) {
  // Evaluated through the DevTools protocol: an inline script tag would be
  // (rightly) refused by the page's own Content-Security-Policy.
  await target.evaluate(AXE);
  const r = await target.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
    iframes: false,
  }));
  const found = r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1).join(' ')}`).join('\n      ')}`);
  assert(found.length === 0, `axe-core on ${what}:\n    ${found.join('\n    ')}`);
}

const iter = async (page) => Number(await page.textContent('#iter'));
const probe = (page) => page.evaluate(() => Array.from(window.saddle.ctx.app.pointAt(100, 100)));
const start = (page) => page.evaluate(() => Array.from(window.saddle.ctx.app.start()));

/** Presses Tab until `selector` has the focus; returns how many presses it took. */
async function tabTo(page, selector, most = 80) {
  for (let i = 1; i <= most; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return i;
  }
  throw new Error(`Tab never reached ${selector}`);
}

export const tests = [
  {
    name: 'axe-core finds no violations on any page or state',
    fn: async ({ page, base }) => {
      const states = [
        ['the playground', `${base}?f=rosenbrock`, async () => {}],
        ['a preset with its caption, run', `${base}?preset=fig4.9&f=rosenbrock&view=0.555,0.68,0.325,0.435&start=0.4,-0.2&o=gd(ls=exact)&steps=12&speed=1`, settled],
        ['a data function with its panel', `${base}?data=linreg(n=20)&o=gd(lr=0.05,batch=4)&steps=30`, settled],
        ['the gallery', `${base}?f=bowl`, async (p) => { await p.click('#gallery-open'); await p.waitForSelector('#gallery[open]'); }],
        ['the Embed dialog', `${base}?f=bowl`, async (p) => { await p.click('#embed-open'); await p.waitForSelector('#embed-frame iframe'); }],
        ['the 3-D view', `${base}?f=himmelblau`, async (p) => { await p.click('#view-3d'); await p.waitForTimeout(200); }],
        ['the chart table', `${base}?f=bowl&o=gd(lr=0.1)&o=adam&steps=20`, async (p) => { await settled(p); await p.click('#chart-table-toggle'); await p.waitForSelector('#chart-table table'); }],
        ['an expression with a typo', `${base}?f=bowl`, async (p) => { await p.fill('#expr', 'sin(x'); await p.waitForSelector('#expr-error:not([hidden])'); }],
        ['a link with notices', `${base}?f=nosuch&zzz=1`, async () => {}],
        ['the keyboard cursor', `${base}?f=bowl`, async (p) => { await p.locator('#main').focus(); await p.keyboard.press('ArrowRight'); }],
        ['lanes that converged and diverged', `${base}?f=bowl&o=lbfgs&o=gd(lr=5)&steps=50`, settled],
        ['embed mode', `${base}?f=rosenbrock&o=adam(lr=0.05)&embed=1`, async () => {}],
        ['embed mode, narrow', `${base}?f=rosenbrock&o=adam(lr=0.05)&embed=1`, async (p) => { await p.setViewportSize({ width: 320, height: 480 }); await p.waitForTimeout(200); }],
      ];
      for (const [what, url, then] of states) {
        await page.setViewportSize({ width: 1280, height: 860 });
        await page.goto(url);
        await ready(page);
        await then(page);
        await page.waitForTimeout(150);
        await axe(page, what);
      }
      await page.goto(`${base}train.html`);
      await ready(page);
      await axe(page, 'the training page');
      await page.click('#start');
      await page.waitForFunction(() => document.querySelectorAll('#table tbody tr').length > 0, null, { timeout: 30000 });
      await page.waitForTimeout(1000);
      await axe(page, 'the training page, training');
      await page.goto(`${base}autodiff.html`);
      await ready(page);
      await axe(page, 'the autodiff explorer');
      await page.click('[data-mode="backward"]');
      await page.click('#reset');
      await page.click('#step');
      await page.waitForTimeout(200);
      await axe(page, 'the autodiff explorer, backward mode, one step in');
      await page.goto(`${base}examples/notes.html`);
      await page.waitForFunction(() => window.notesLog?.some((m) => m.event === 'ready'), null, { timeout: 20000 });
      await page.click('#where');
      await page.waitForTimeout(200);
      await axe(page, 'the notes example');
      await axe(await (await page.$('#scene')).contentFrame(), 'the notes example\'s embed');
    },
  },
  {
    name: 'the map is driven from the keyboard alone: a cursor with its readout, Enter sets the start, + and − zoom',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?f=bowl&start=1,1&o=gd(lr=0.1)`);
      await ready(page);
      const presses = await tabTo(page, '#main');
      assert(presses > 1, `the map is in the tab order (${presses} presses)`);
      assert(await page.evaluate(() => document.getElementById('canvas-wrap').classList.contains('active')), 'focus wakes the map');
      const help = await page.evaluate(() => document.getElementById(document.getElementById('main').getAttribute('aria-describedby')).textContent);
      assert(/Arrow keys/.test(help) && /Enter/.test(help), `the map says how: ${help}`);
      // Arrows move a cursor from θ⁽⁰⁾, and say what is under it.
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowDown');
      assert(await page.isVisible('#map-cursor'), 'the cursor shows');
      const readout = await page.textContent('#readout');
      const m = /cursor θ = \(([^,]+), ([^)]+)\)/.exec(readout);
      assert(m, `the readout follows the cursor: ${readout}`);
      const cursor = [Number(m[1]), Number(m[2])];
      assert(cursor[0] < 1 && cursor[1] < 1, `moved left and down from (1, 1): ${cursor}`);
      await page.waitForFunction(() => /cursor θ = .*C\(θ\) = .*Enter sets the start here/.test(document.getElementById('announce').textContent), null, { timeout: 3000 });
      // Enter sets the start there.
      await page.keyboard.press('Enter');
      await page.waitForTimeout(100);
      const s = await start(page);
      assert(Math.abs(s[0] - cursor[0]) < 1e-4 && Math.abs(s[1] - cursor[1]) < 1e-4, `Enter set θ⁽⁰⁾ at the cursor: ${s} vs ${cursor}`);
      assert(page.url().includes(`start=${s.join(',')}`), `the link has a short start: ${page.url()}`);
      await page.waitForFunction(() => /Start θ⁽⁰⁾ set/.test(document.getElementById('announce').textContent));
      // + and − zoom.
      const p0 = await probe(page);
      await page.keyboard.press('+');
      await page.keyboard.press('+');
      await page.waitForTimeout(100);
      const p1 = await probe(page);
      assert(Math.abs(p1[0] - s[0]) < Math.abs(p0[0] - s[0]), `+ zoomed in about the cursor: ${p0} → ${p1}`);
      await page.keyboard.press('-');
      await page.waitForTimeout(100);
      assert(Math.abs((await probe(page))[0] - s[0]) > Math.abs(p1[0] - s[0]), '− zoomed out');
      // Space plays and pauses, n steps, all without the mouse.
      await page.keyboard.press('n');
      await page.waitForTimeout(100);
      assert((await iter(page)) === 1, 'n stepped');
      await shot('keyboard-cursor');
      await page.keyboard.press('Escape');
      assert(await page.isHidden('#map-cursor'), 'Escape hides the cursor');
      assert(await page.evaluate(() => document.activeElement.id !== 'main'), 'and leaves the map');
      // The 3-D view turns from the keyboard too.
      await tabTo(page, '#view-3d');
      await page.keyboard.press('Enter');
      await tabTo(page, '#surface');
      const rot = await page.evaluate(() => Array.from(window.saddle.ctx.app.rotation()));
      await page.keyboard.press('ArrowRight');
      const rot2 = await page.evaluate(() => Array.from(window.saddle.ctx.app.rotation()));
      assert(rot2[0] > rot[0], `arrows turn the surface: ${rot} → ${rot2}`);
    },
  },
  {
    name: 'lane status changes are announced through a polite live region',
    fn: async ({ page, base }) => {
      await page.goto(`${base}?f=bowl&start=1,1&o=lbfgs&o=gd(lr=5)&o=gd(lr=0.001)`);
      await ready(page);
      const region = await page.evaluate(() => { const el = document.getElementById('announce'); return [el.getAttribute('aria-live'), el.getAttribute('role')]; });
      assert(region[0] === 'polite' && region[1] === 'status', `a polite live region: ${region}`);
      await page.evaluate(() => {
        window.said = [];
        const el = document.getElementById('announce');
        new MutationObserver(() => { if (el.textContent) window.said.push(el.textContent); }).observe(el, { childList: true, characterData: true, subtree: true });
      });
      for (let i = 0; i < 12; i++) await page.click('#step');
      await page.waitForFunction(() => { const t = window.said.join(' | '); return /Lane 1, L-BFGS: converged/.test(t) && /Lane 2, Gradient descent: diverged/.test(t); }, null, { timeout: 5000 });
      const text = await page.evaluate(() => window.said.join(' | '));
      assert(!/Lane 3/.test(text), `the running lane is not announced: ${text}`);
    },
  },
  {
    name: 'every chart has its data as a table, from the core, that a button reveals',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?f=bowl&start=1,1&o=gd(lr=0.1)&o=adam(lr=0.05)&steps=250`);
      await ready(page);
      await settled(page);
      assert(await page.isHidden('#chart-table'), 'hidden at first');
      await page.click('#chart-table-toggle');
      assert((await page.getAttribute('#chart-table-toggle', 'aria-expanded')) === 'true', 'the button says it is open');
      await page.waitForSelector('#chart-table table');
      const tables = await page.$$eval('#chart-table table', (ts) => ts.map((t) => ({ caption: t.caption.textContent, head: [...t.tHead.rows[0].cells].map((c) => c.textContent), rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => Number(c.textContent))) })));
      assert(tables.length === 2, `a table per lane: ${tables.map((t) => t.caption)}`);
      assert(tables[0].caption.startsWith('Lane 1: Gradient descent: loss') && tables[1].caption.startsWith('Lane 2: Adam'), tables[0].caption);
      assert(tables[0].head[0] === 'iteration' && /loss/.test(tables[0].head[1]), `column heads: ${tables[0].head}`);
      // The numbers are those the core records (thinned evenly, first and last kept).
      const loss = await page.evaluate(() => ({ iters: Array.from(window.saddle.ctx.app.laneIters(0)), loss: Array.from(window.saddle.ctx.app.laneLoss(0)) }));
      const rows = tables[0].rows;
      assert(rows.length === Math.min(100, loss.iters.length) && (loss.iters.length <= 100 || tables[0].caption.includes(`of ${loss.iters.length} points`)), tables[0].caption);
      for (const [x, y] of rows) {
        const i = loss.iters.indexOf(x);
        assert(i >= 0 && Math.abs(y - loss.loss[i]) <= 1e-5 * Math.abs(loss.loss[i]), `row (${x}, ${y}) is lane 1's loss at ${x}: ${loss.loss[i]}`);
      }
      assert(rows[0][0] === 0 && rows[rows.length - 1][0] === loss.iters[loss.iters.length - 1], 'first and last kept');
      await shot('chart-table');
      // Another tab, another table.
      await page.click('[data-chart="grad"]');
      await page.waitForFunction(() => /gradient norm/.test(document.querySelector('#chart-table caption').textContent));
      await page.selectOption('#x-axis', 'evaluations');
      await page.waitForFunction(() => /evaluations/.test(document.querySelector('#chart-table th').textContent));
      await page.click('#chart-table-toggle');
      assert(await page.isHidden('#chart-table'), 'the button hides it again');
      // The data panel's picture too: the points and each lane's model.
      await page.goto(`${base}?data=linreg(n=12)&o=gd(lr=0.05)&steps=5`);
      await ready(page);
      await settled(page);
      await page.click('#data-table-toggle');
      await page.waitForSelector('#data-table table');
      const caps = await page.$$eval('#data-table caption', (cs) => cs.map((c) => c.textContent));
      assert(caps.some((c) => c.startsWith('training points')) && caps.some((c) => /Lane 1: Gradient descent: its model/.test(c)), `data tables: ${caps}`);
      const listed = await page.$$eval('#data-table table', (ts) => ts.filter((t) => /^(training|validation) points/.test(t.caption.textContent)).reduce((n, t) => n + t.tBodies[0].rows.length, 0));
      assert(listed === (await page.evaluate(() => window.saddle.ctx.app.dataPoints().length / 2)), `every point is listed (${listed})`);
      await shot('data-table');
    },
  },
  {
    name: 'prefers-reduced-motion: nothing plays by itself, and Play jumps instead of animating',
    fn: async ({ page, base }) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto(`${base}?f=bowl&start=1,1&o=gd(lr=0.001)&steps=3000&speed=2`);
      await ready(page);
      await settled(page);
      assert((await iter(page)) === 3000, 'the link still runs its steps');
      await page.waitForTimeout(300);
      assert(!(await page.evaluate(() => window.saddle.ctx.playing)) && (await iter(page)) === 3000, 'and nothing plays by itself');
      assert((await page.textContent('#speed-out')) === '120/s', `the speed says per second: ${await page.textContent('#speed-out')}`);
      await page.click('#play');
      const seen = [];
      for (let i = 0; i < 25; i++) { seen.push(await iter(page)); await page.waitForTimeout(100); }
      await page.click('#play');
      const values = [...new Set(seen)];
      assert(values.length >= 2 && values.length <= 5, `a jump a second, not a frame-by-frame animation: ${values}`);
      for (let k = 1; k < values.length; k++) assert((values[k] - values[k - 1]) % 120 === 0, `jumps of a second of steps: ${values}`);
      // Without the preference the same link animates.
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      await page.reload();
      await ready(page);
      await settled(page);
      await page.click('#play');
      const smooth = [];
      for (let i = 0; i < 10; i++) { smooth.push(await iter(page)); await page.waitForTimeout(100); }
      await page.click('#play');
      assert(new Set(smooth).size >= 8, `animated: ${smooth}`);
    },
  },
  {
    name: 'Back and Forward undo and redo discrete edits; dragging and sliders replace',
    fn: async ({ page, base }) => {
      await page.goto(`${base}?f=bowl&o=gd(lr=0.01)`);
      await ready(page);
      const lanes = () => page.evaluate(() => window.saddle.ctx.app.lanes().map((l) => l.lane.text).join(' '));
      const fn = () => page.evaluate(() => window.saddle.ctx.app.scene().function.value);
      const length = () => page.evaluate(() => history.length);
      const n0 = await length();
      await page.selectOption('#function', 'himmelblau'); // discrete: pushes
      await page.waitForTimeout(100);
      assert((await length()) === n0 + 1, 'a function change pushes an entry');
      await page.selectOption('#add-lane', 'adam'); // discrete
      await page.waitForTimeout(100);
      // Continuous: a slider and a drag of the view replace the entry.
      await page.locator('#lanes li:nth-child(2) input[aria-label="lr slider"]').evaluate((r) => { r.value = '-1'; r.dispatchEvent(new Event('input', { bubbles: true })); });
      await page.waitForTimeout(100);
      const box = await page.locator('#main').boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 4 });
      await page.mouse.up();
      await page.waitForTimeout(100);
      assert((await length()) === n0 + 2, `sliders and drags replace (${await length()} entries)`);
      const edited = await lanes();
      const editedUrl = page.url();
      assert(/adam\(lr=0\.1\d*\)/.test(edited) && editedUrl.includes('view='), `${edited} ${editedUrl}`);
      await page.locator('#lanes li:nth-child(2) select').first().selectOption('nadam'); // discrete: changed method
      await page.waitForTimeout(100);
      assert((await length()) === n0 + 3, 'a changed method pushes');
      await page.locator('#lanes li:nth-child(2) button.remove').click(); // discrete: removed
      await page.waitForTimeout(100);
      assert((await lanes()) === 'gd(lr=0.01)', await lanes());
      // Back walks through them, restoring each scene.
      await page.goBack();
      await page.waitForFunction(() => window.saddle.ctx.app.lanes().length === 2);
      assert(/nadam/.test(await lanes()), `Back: the removed lane is back: ${await lanes()}`);
      await page.goBack();
      await page.waitForFunction(() => /adam\(lr=0\.1\d*\)/.test(window.saddle.ctx.app.query()));
      assert((await lanes()) === edited && page.url() === editedUrl, `Back: Adam with its new α and the dragged view: ${await lanes()}`);
      assert((await page.locator('#lanes li').count()) === 2, 'the page shows it');
      await page.goBack();
      await page.waitForFunction(() => window.saddle.ctx.app.lanes().length === 1);
      assert((await fn()) === 'himmelblau', 'Back: before Adam was added');
      await page.goBack();
      await page.waitForFunction(() => window.saddle.ctx.app.scene().function.value === 'bowl');
      assert((await page.inputValue('#function')) === 'bowl', 'Back: the first function, in the picker too');
      await page.goForward();
      await page.goForward();
      await page.waitForFunction(() => window.saddle.ctx.app.lanes().length === 2);
      assert((await lanes()) === edited, `Forward redoes: ${await lanes()}`);
    },
  },
];
