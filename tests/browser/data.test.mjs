// Learning from data in real Chromium: the data panel, batch controls and the
// validation chart (the training page has its own suite, train.test.mjs).
import { assert, near, canvasColours } from './harness.mjs';

const ready = (page) => page.waitForSelector('[data-ready="true"]');
const count = (page) => page.evaluate(() => window.saddle.ctx.app.dataPoints().length / 2);


export const tests = [
  {
    name: 'the data panel: add, drag, remove and paste points; the link keeps them',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?data=linreg(n=20)&o=gd(lr=0.05)&o=adam(lr=0.05)`);
      await ready(page);
      assert(await page.isVisible('#data-panel'), 'the data panel shows for data functions');
      assert((await canvasColours(page, 'data')) > 5, 'points and model lines are drawn');
      assert((await count(page)) === 20, 'twenty points');
      const box = await page.locator('#data').boundingBox();
      // Add a point in an empty corner.
      await page.mouse.click(box.x + box.width * 0.85, box.y + box.height * 0.15);
      await page.waitForTimeout(150);
      assert((await count(page)) === 21, 'a click adds a point');
      assert(decodeURIComponent(page.url()).includes('points='), `the link carries the points: ${page.url()}`);
      // Find the new point's pixel, drag it down, then shift-click it away.
      const where = async () => page.evaluate(() => {
        const app = window.saddle.ctx.app;
        const c = document.getElementById('data');
        const dpr = window.devicePixelRatio || 1;
        const pts = Array.from(app.dataPoints());
        const pix = Array.from(app.dataPixels(c.width, c.height, dpr));
        let k = 0;
        for (let i = 0; i < pts.length; i += 2) if (pts[i] > pts[2 * k]) k = i / 2;
        return { x: pix[2 * k] / dpr, y: pix[2 * k + 1] / dpr, px: pts[2 * k], py: pts[2 * k + 1] };
      });
      const p = await where();
      await page.mouse.move(box.x + p.x, box.y + p.y);
      await page.mouse.down();
      await page.mouse.move(box.x + p.x, box.y + p.y + 40, { steps: 4 });
      await page.mouse.up();
      await page.waitForTimeout(150);
      const q = await where();
      assert((await count(page)) === 21 && q.py < p.py, `dragging moved it down: ${p.py} → ${q.py}`);
      await page.keyboard.down('Shift');
      await page.mouse.click(box.x + q.x, box.y + q.y);
      await page.keyboard.up('Shift');
      await page.waitForTimeout(150);
      assert((await count(page)) === 20, 'shift-click removes it');
      await shot('edited');
      await page.fill('#data-points', '0:1; 1:3; 2:5; 3:7');
      await page.click('#data-apply');
      await page.waitForTimeout(150);
      assert((await count(page)) === 4, 'pasted points replace the data');
      await page.fill('#data-points', '0:1; oops');
      await page.click('#data-apply');
      await page.waitForTimeout(100);
      assert((await page.textContent('#data-error')).length > 0, 'a bad paste says why');
    },
  },
  {
    name: 'SGD and mini-batches: batch controls, epochs, noisy losses, validation and early stopping',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?data=logreg(n=60,sep=1)&o=gd(lr=0.5,batch=1)&o=adam(lr=0.05,batch=4)&steps=800&speed=5&chart=validation`);
      await ready(page);
      await page.waitForFunction(() => window.saddle.ctx.target === 0);
      assert(await page.isVisible('[data-chart="validation"]'), 'the validation tab shows');
      assert((await page.getAttribute('[data-chart="validation"]', 'aria-selected')) === 'true', 'and is selected by the link');
      const lane = await page.textContent('#lanes li:nth-child(1) .lane-values');
      assert(/epochs = 1[0-9.]+/.test(lane), `epochs are counted (800 single samples of 48): ${lane}`);
      assert((await page.inputValue('#lanes li:nth-child(2) input[aria-label="batch"]')) === '4', 'the batch size shows');
      await page.fill('#lanes li:nth-child(2) input[aria-label="batch"]', 'full');
      await page.press('#lanes li:nth-child(2) input[aria-label="batch"]', 'Enter');
      await page.waitForTimeout(100);
      assert(/adam\(lr=0\.05,from=\d+\)/.test(page.url()), `full batch is the default, left out of the link (the lane restarted with its new gradient, at the session's step): ${page.url()}`);
      await page.selectOption('#x-axis', 'epochs');
      await page.waitForTimeout(100);
      assert((await canvasColours(page, 'chart')) > 5, 'the chart is drawn');
      await shot('validation');
    },
  },
  {
    name: "the data options are built from the core's rows: one control per option, choices per model",
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?data=linreg(n=20)&o=gd(lr=0.05)`);
      await ready(page);
      const labels = await page.$$eval('#data-keys label', (ls) => ls.map((l) => l.textContent));
      const rows = await page.evaluate(() => window.saddle.ctx.app.scene().function.rows.map((r) => r.entry.key).filter((k) => k !== 'points'));
      assert(JSON.stringify(labels.map((t) => t.split(' ').pop())) === JSON.stringify(rows), `one row per option: ${labels}`);
      assert((await page.inputValue('input[aria-label="data n"]')) === '20', 'the value set');
      assert((await page.getAttribute('input[aria-label="data noise"]', 'placeholder')) === '0.5', 'the default as placeholder');
      const losses = await page.$$eval('select[aria-label="data loss"] option', (os) => os.map((o) => o.value));
      assert(JSON.stringify(losses) === '["squared","absolute","huber"]', `linreg's losses: ${losses}`);
      await page.selectOption('select[aria-label="data loss"]', 'huber');
      await page.waitForTimeout(150);
      assert(decodeURIComponent(page.url()).includes('data=linreg(n=20,loss=huber)'), page.url());
      await page.fill('input[aria-label="data noise"]', 'lots');
      await page.press('input[aria-label="data noise"]', 'Enter');
      await page.waitForTimeout(100);
      assert(/noise must be a number, not 'lots'/.test(await page.textContent('#data-error')), 'the core says why');
      await page.fill('input[aria-label="data n"]', '');
      await page.press('input[aria-label="data n"]', 'Enter');
      await page.waitForTimeout(150);
      assert(decodeURIComponent(page.url()).includes('data=linreg(loss=huber)'), `an empty box is the default: ${page.url()}`);
      await page.fill('input[aria-label="data n"]', '0');
      await page.press('input[aria-label="data n"]', 'Enter');
      await page.waitForTimeout(300);
      assert(/n = 0 is out of range \[1, 100000\]; using 1/.test(await page.textContent('#data-error')), 'a clamp is said');
      await shot('data-options');
      // Another model: its own choices; the sum (4.12) has no data curve to draw.
      await page.goto(`${base}?data=logreg&o=gd(lr=0.5)`);
      await ready(page);
      const ce = await page.$$eval('select[aria-label="data loss"] option', (os) => os.map((o) => o.value));
      assert(JSON.stringify(ce) === '["ce","squared"]', `logreg's losses: ${ce}`);
      assert(await page.isVisible('#data'), 'logistic regression draws its data');
      await page.goto(`${base}?data=sum412&o=gd(lr=0.05)`);
      await ready(page);
      assert(await page.isHidden('#data'), 'the sum (4.12) has no curve');
      assert((await page.$$eval('select[aria-label="data identical"] option', (os) => os.map((o) => o.value))).join() === 'on,off', 'a flag is a select');
    },
  },
  {
    name: 'a data landscape never freezes the page: a preview at once, refined in slices, a click handled before the refinement ends',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?data=signet&o=gd(lr=0.5)`);
      await ready(page);
      // The first frame drew the coarse preview; slices of refinement follow.
      await page.waitForFunction(() => window.saddle.ctx.app.refining() && window.saddle.ctx.app.refineProgress() > 0);
      await page.waitForSelector('#map-status:not([hidden])');
      assert(/Refining the landscape/.test(await page.textContent('#map-status')), 'the page says it is refining');
      assert((await page.getAttribute('#main', 'aria-busy')) === 'true', 'the map is marked busy');
      // Click the map to set θ⁽⁰⁾ = (2, −3); the pointerup listener after the
      // page's own sees the click's effect and the refinement's state then.
      const at = await page.evaluate(() => {
        const { app } = window.saddle.ctx;
        const main = document.getElementById('main');
        main.addEventListener('pointerup', () => {
          window.seen = { start: Array.from(app.start()), refining: app.refining(), progress: app.refineProgress() };
        });
        const dpr = window.devicePixelRatio || 1;
        const r = main.getBoundingClientRect();
        const p = app.pixelOf(new Float64Array([2, -3]));
        return { x: r.left + p[0] / dpr, y: r.top + p[1] / dpr, progress: app.refineProgress() };
      });
      await page.mouse.click(at.x, at.y);
      const seen = await page.evaluate(() => window.seen);
      assert(seen, 'the click reached the page');
      near(seen.start[0], 2, 0.1, 'θ⁽⁰⁾₁ set by the click');
      near(seen.start[1], -3, 0.1, 'θ⁽⁰⁾₂ set by the click');
      assert(seen.refining && seen.progress < 1, `the click was handled while the landscape was still refined (${seen.progress})`);
      assert(seen.progress >= at.progress, 'and the refinement went on');
      await page.waitForTimeout(200);
      await shot('refining');
      // It finishes, and the picture is the one drawn in one call, pixel for pixel.
      await page.waitForFunction(() => !window.saddle.ctx.app.refining(), null, { timeout: 120000 });
      await page.waitForTimeout(100);
      assert(await page.isHidden('#map-status'), 'the badge goes once finished');
      assert((await page.getAttribute('#main', 'aria-busy')) === 'false', 'the map is no longer busy');
      const same = await page.evaluate(() => {
        const { App, ctx } = window.saddle;
        const heat = document.getElementById('heat');
        const l = ctx.app.layout();
        const once = new App(ctx.app.query());
        once.setLayout(l.width, l.height, l.dpr);
        once.landscapeInfo(); // the one-call render
        const c = document.createElement('canvas');
        c.width = heat.width;
        c.height = heat.height;
        once.drawHeat(c);
        once.free();
        const a = heat.getContext('2d').getImageData(0, 0, heat.width, heat.height).data;
        const b = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let diff = 0;
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
        return { diff, n: a.length, levels: ctx.app.landscapeInfo().levels.length };
      });
      assert(same.diff === 0, `the refined picture is the one-call picture (${same.diff} of ${same.n} bytes differ)`);
      assert(same.levels === 14, 'with its contour levels');
      assert((await canvasColours(page, 'heat')) > 20, 'a full heat map');
      await shot('refined');
    },
  },
];
