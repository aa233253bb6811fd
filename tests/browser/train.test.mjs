// The training page in real Chromium: Figure 4.4 on the handwritten digits
// in the Web Worker, the landscape slice with every path on it, Stop (also
// in the middle of one long iteration), bands of seeds, colours that follow
// lanes, non-finite values, clamps, the same rows as the command line, and
// the layout at 1400×900 and 420×800.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { assert, ROOT, canvasColours } from './harness.mjs';

const ready = (page) => page.waitForSelector('[data-ready="true"]');
const idle = (page, timeout = 60000) => page.waitForFunction(() => document.body.dataset.training === 'idle', null, { timeout });
const sliced = (page, timeout = 60000) => page.waitForFunction(() => document.body.dataset.slicing === 'idle', null, { timeout });
const cli = path.join(ROOT, 'target', 'debug', 'saddle');


/** The table as text, one array of cells per row (the swatch first). */
const table = (page) => page.$$eval('#table tbody tr', (trs) => trs.map((tr) => Array.from(tr.cells, (c) => c.textContent)));

/** Nothing is wider than the window. */
async function fits(page, what) {
  const { scroll, inner, wide } = await page.evaluate(() => ({
    scroll: document.scrollingElement.scrollWidth,
    inner: window.innerWidth,
    wide: Array.from(document.querySelectorAll('body *'))
      .filter((e) => !e.closest('.runs-scroll') && e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => `${e.tagName}#${e.id}.${e.className}`).slice(0, 5),
  }));
  assert(scroll <= inner && wide.length === 0, `${what}: the page is ${scroll} px wide in a ${inner} px window; too wide: ${wide}`);
}

export const tests = [
  {
    name: 'Figure 4.4: the preset trains in the worker, and a slice shows every path from the common start to θ*',
    fn: async ({ page, base, shot }) => {
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(`${base}train.html?preset=fig4.4&epochs=3&res=7`);
      await ready(page);
      assert((await page.textContent('#caption-title')).startsWith('Figure 4.4'), 'the preset shows its title');
      const caption = await page.textContent('#caption-text');
      assert(/10 % of the training labels are flipped/.test(caption) && /flip=0/.test(caption), `the caption says the labels are flipped and how to see the clean data: ${caption}`);
      // The data picker: a few training images drawn from the file's bytes, flipped ones marked.
      await page.waitForFunction(() => document.querySelectorAll('#digit-list canvas').length === 14);
      const digits = await page.$$eval('#digit-list figure', (fs) => fs.map((f) => ({ text: f.textContent, flipped: f.classList.contains('flipped') })));
      assert(digits.slice(0, 10).map((d) => d.text).join() === '0,1,2,3,4,5,6,7,8,9', `one image per digit: ${JSON.stringify(digits)}`);
      assert(digits.slice(10).every((d) => d.flipped && /^\d→\d$/.test(d.text)), 'four flipped labels, marked');
      const ink = await page.evaluate(() => {
        const c = document.querySelector('#digit-list canvas');
        const d = c.getContext('2d').getImageData(0, 0, 8, 8).data;
        return new Set(Array.from({ length: 64 }, (_, i) => d[4 * i])).size;
      });
      assert(ink > 4, `the image has grey levels (${ink})`);
      assert(/4522 parameters, 1000 training images \(100 labels flipped\) \+ 500 validation \+ 297 test/.test(await page.textContent('#summary')), 'the summary');
      assert(/7×7 = 49 full loss evaluations \(49,000 per-sample forward passes\)/.test(await page.textContent('#slice-cost')), `the cost before starting: ${await page.textContent('#slice-cost')}`);
      await shot('fig4.4-open');
      await page.click('#start');
      await idle(page);
      const rows = await table(page);
      assert(rows.length === 1 && rows[0][2] === 'done' && rows[0][3] === '3', `three epochs: ${rows}`);
      assert(/^validation \d+\.\d\u00a0%, test \d+\.\d\u00a0%$/.test(rows[0][7]), `the best model's validation and test accuracy: ${rows[0][7]}`);
      assert((await page.textContent('#progress-text')) === 'done', 'done');
      assert((await canvasColours(page, 'loss-chart')) > 5 && (await canvasColours(page, 'error-chart')) > 5, 'both charts are drawn');
      assert((await page.textContent('#legend')).includes('1: gd(lr=0.01,batch=10)'), 'the legend names the method');
      // The slice: 7×7, the path from θ⁽⁰⁾ to θ* (the final weights: a = b = 0).
      await page.click('#slice-start');
      await sliced(page);
      const s = await page.evaluate(() => window.saddleTrain.slice());
      assert(s.done === 49 && s.res === 7, `every point computed: ${s.done}`);
      assert(s.paths.length === 1 && s.paths[0].epochs.join() === '0,1,2,3', `the path's snapshots: ${JSON.stringify(s.paths[0].epochs)}`);
      const end = s.paths[0].points[3];
      assert(Math.hypot(end[0], end[1]) < 1e-9, `the path ends at θ*: ${end}`);
      assert(s.explained[0] > 0.5, `the first component explains most of the path: ${s.explained}`);
      assert(/principal components of 1 path \(4 snapshots\): \d+\.\d % \+ \d+\.\d % of their variance/.test(await page.textContent('#slice-title')), 'the explained share is shown');
      assert((await canvasColours(page, 'slice-heat')) > 20, 'the heat map is drawn');
      assert((await canvasColours(page, 'slice-main')) > 3, 'axes and the path are drawn');
      // Hover readout (a, b, C).
      await page.locator('#slice-main').scrollIntoViewIfNeeded(); // as a person scrolls down to it
      const box = await page.locator('#slice-main').boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const readout = await page.textContent('#slice-readout');
      assert(/^a = -?[\d.e-]+, b = -?[\d.e-]+, C ≈ [\d.]+ \(nearest grid point/.test(readout), `the readout: ${readout}`);
      await shot('fig4.4-sliced');
      await page.click('#slice-3d');
      await page.waitForTimeout(100);
      assert((await canvasColours(page, 'slice-surface')) > 20, 'the 3-D view is drawn');
      await page.mouse.move(box.x + 200, box.y + 200);
      await page.mouse.down();
      await page.mouse.move(box.x + 260, box.y + 220);
      await page.mouse.up();
      await shot('fig4.4-3d');
    },
  },
  {
    name: "Figure 4.4's validation error turns up after its minimum: early stopping is well before the last epoch",
    fn: async ({ page, base, shot }) => {
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(`${base}train.html?preset=fig4.4`);
      await ready(page);
      await page.click('#start');
      await idle(page, 120000);
      const r = await page.evaluate(() => window.saddleTrain.runs()[0]);
      const err = r.records.map((x) => x.val_error);
      assert(err.length === 201, `200 epochs: ${err.length}`);
      const best = r.best.epoch;
      const min = Math.min(...err);
      const tail = err.slice(-20).reduce((a, b) => a + b, 0) / 20;
      assert(best < 120 && err[best] === min, `early stopping at epoch ${best}`);
      assert(tail > min + 0.025, `the last 20 epochs average ${tail}, above the minimum ${min}: the curve turns up`);
      const rows = await table(page);
      assert(rows[0][6] === `epoch ${best}: ${(100 * min).toFixed(1)}\u00a0%`, rows[0][6]);
      assert(/^validation \d+\.\d\u00a0%, test 9\d\.\d\u00a0%$/.test(rows[0][7]), `the best model's accuracy: ${rows[0][7]}`);
      await shot('fig4.4-200-epochs');
    },
  },
  {
    name: 'three methods from the same initial weights share one plane; their paths start at one point',
    fn: async ({ page, base, shot }) => {
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(`${base}train.html?preset=digits-landscape&epochs=3&res=9`);
      await ready(page);
      await page.click('#start');
      await idle(page);
      await page.click('#slice-start');
      await sliced(page);
      const s = await page.evaluate(() => window.saddleTrain.slice());
      assert(s.paths.length === 3, 'three paths on the plane');
      const [a, b] = s.paths[0].points[0];
      for (const p of s.paths) assert(Math.hypot(p.points[0][0] - a, p.points[0][1] - b) < 1e-9, `path ${p.lane + 1} starts at the common θ⁽⁰⁾`);
      const end = s.paths[0].points[s.paths[0].points.length - 1];
      assert(Math.hypot(...end) < 1e-9, 'the centre method ends at θ*');
      assert(/principal components of 3 paths/.test(s.title), s.title);
      const [a0, a1, b0, b1] = s.window;
      for (const p of s.paths) for (const q of p.points) assert(q[0] >= a0 && q[0] <= a1 && q[1] >= b0 && q[1] <= b1, 'every path inside the window');
      // The colours: legend, table and paths in lane order.
      const { palette } = await page.evaluate(async () => (await import('./pkg-train/saddle.js')).catalog());
      const swatches = await page.$$eval('#table tbody td.swatch', (tds) => tds.map((td) => td.style.getPropertyValue('--lane')));
      assert(JSON.stringify(swatches) === JSON.stringify(palette.slice(0, 3)), `table colours: ${swatches}`);
      await shot('landscape-preset');
      // Random filter-normalised directions: no explained share, at least [−1, 1]².
      await page.selectOption('#plane', 'random');
      assert(page.url().includes('plane=random'), 'the link follows');
      await page.click('#slice-start');
      await sliced(page);
      const r = await page.evaluate(() => window.saddleTrain.slice());
      assert(r.explained === null && /random directions normalised filter by filter/.test(r.title), r.title);
      await shot('landscape-random');
    },
  },
  {
    name: 'the page and the command line print the same per-epoch rows for the same link',
    fn: async ({ page, base }) => {
      await page.goto(`${base}train.html?preset=fig4.4&epochs=3&seed=4`);
      await ready(page);
      await page.click('#start');
      await idle(page);
      const strip = (csv) => csv.trim().split('\n').filter((l) => !l.startsWith('#')).map((l) => l.slice(0, l.lastIndexOf(',')));
      const pageRows = strip(await page.evaluate(() => window.saddleTrain.csv(0, 0)));
      const query = new URL(page.url()).search;
      const cliRows = strip(execFileSync(cli, ['train', '--url', `train.html${query}`], { cwd: ROOT }).toString());
      assert(pageRows.length === 5, `a header and epochs 0 to 3: ${pageRows}`);
      assert(JSON.stringify(pageRows) === JSON.stringify(cliRows), `the same rows:\npage ${pageRows.join('\n')}\ncli  ${cliRows.join('\n')}`);
    },
  },
  {
    name: 'Stop answers at once, also in the middle of one long iteration of a big model',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}train.html?preset=fig4.4&res=9`);
      await ready(page);
      await page.click('#start');
      await page.waitForFunction(() => window.saddleTrain.runs().some((r) => r.records.length > 2));
      let t = Date.now();
      await page.click('#stop');
      await idle(page, 5000);
      const quick = Date.now() - t;
      assert(quick < 1000, `Stop takes ${quick} ms`);
      const p = await page.textContent('#progress-text');
      const pct = Number(/^stopped at (\d+) %$/.exec(p)?.[1]);
      assert(pct >= 0 && pct < 100, `the progress stays where it stopped: ${p}`);
      assert(Math.abs(Number(await page.getAttribute('#progress', 'value')) - pct / 100) < 0.01, 'the bar too');
      assert((await table(page))[0][2] === 'stopped', 'the run says stopped');
      await page.click('#slice-start');
      await sliced(page);
      assert((await page.evaluate(() => window.saddleTrain.slice().done)) > 0, 'a stopped run can be sliced');
      // Issue 10: one L-BFGS iteration of this model takes many seconds.
      await page.goto(`${base}train.html?data=mlp(hidden=256-256,n=100000,dim=16,classes=10)&o=lbfgs&epochs=3`);
      await ready(page);
      await page.click('#start');
      await page.waitForTimeout(1500);
      assert(await page.evaluate(() => document.body.dataset.training === 'running'), 'still in the first iteration');
      t = Date.now();
      await page.click('#stop');
      await idle(page, 5000);
      const forced = Date.now() - t;
      assert(forced < 1000, `Stop during one iteration takes ${forced} ms`);
      assert(/train again to slice/.test(await page.textContent('#slice-error')), 'the page says what was lost');
      assert(/^stopped at/.test(await page.textContent('#progress-text')), await page.textContent('#progress-text'));
      await shot('stopped-big');
      // The page still works: a small run trains in the new worker.
      await page.goto(`${base}train.html?data=mlp(hidden=8,n=300)&o=adam(lr=0.01,batch=32)&epochs=2`);
      await ready(page);
      await page.click('#start');
      await idle(page);
      assert((await table(page))[0][2] === 'done', 'trains again');
    },
  },
  {
    name: 'colours follow lanes whatever fails; non-finite values are skipped and said; clamps are said',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}train.html?data=linreg&o=gd(lr=10,batch=1)&o=secant&o=adam(lr=0.01,batch=32)&epochs=20`);
      await ready(page);
      await page.click('#start');
      await idle(page);
      const rows = await table(page);
      assert(rows.map((r) => r[2].split(':')[0]).join() === 'diverged,error,done', `statuses: ${rows.map((r) => r[2])}`);
      const { palette } = await page.evaluate(async () => (await import('./pkg-train/saddle.js')).catalog());
      const colours = await page.$$eval('#table tbody td.swatch', (tds) => tds.map((td) => td.style.getPropertyValue('--lane')));
      assert(JSON.stringify(colours) === JSON.stringify(palette.slice(0, 3)), `each row keeps its lane's colour: ${colours}`);
      assert((await canvasColours(page, 'loss-chart')) > 5 && (await canvasColours(page, 'error-chart')) > 5, 'one diverging run blanks no chart');
      const notes = await page.textContent('#loss-notes');
      assert(/method 1 \(gd\(lr=10,batch=1\)\): \d+ epochs? with a non-finite training loss not drawn/.test(notes), `the chart says what it skipped: ${notes}`);
      const marks = await page.evaluate(() => window.saddleTrain.runs().map((r) => r.lane));
      assert(marks.join() === '0,1,2', 'runs keep their lanes');
      await shot('failures');
      await page.goto(`${base}train.html?data=mlp(hidden=100000)&epochs=1e9&res=500&seeds=99`);
      await ready(page);
      const text = await page.textContent('#notices');
      for (const s of ['hidden = 100000 is out of range [1, 256]; using 256', 'epochs = 1e9 is out of range [1, 100000]; using 100000', 'res = 500 is out of range [2, 101]; using 101', 'seeds = 99 is out of range [1, 8]; using 8']) {
        assert(text.includes(s), `a notice says ${s}: ${text}`);
      }
    },
  },
  {
    name: 'several seeds of a mini-batch method are drawn as a band; the table gives their spread',
    fn: async ({ page, base, shot }) => {
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(`${base}train.html?preset=digits-noise&epochs=3&seeds=3`);
      await ready(page);
      await page.click('#start');
      await idle(page, 120000);
      const runs = await page.evaluate(() => window.saddleTrain.runs().map((r) => `${r.lane}/${r.seed_index}`));
      assert(runs.join() === '0/0,0/1,0/2,1/0,1/1,1/2,2/0,2/1,2/2', `three methods × three seeds: ${runs}`);
      const rows = await table(page);
      assert(rows.every((r) => r[2] === '3 seeds: done'), rows.map((r) => r[2]).join());
      assert(rows.every((r) => /median/.test(r[4])), `spreads: ${rows.map((r) => r[4])}`);
      assert(/range of 3 seeds/.test(await page.textContent('#error-notes')), 'the chart says what a band is');
      assert((await canvasColours(page, 'loss-chart')) > 10, 'bands are drawn');
      await shot('bands');
    },
  },
  {
    name: 'the layout fits 1400×900 and 420×800: legend, axes, table and landscape',
    fn: async ({ page, base, shot }) => {
      for (const [w, h] of [[1400, 900], [420, 800]]) {
        await page.setViewportSize({ width: w, height: h });
        await page.goto(`${base}train.html?preset=digits-landscape&epochs=2&res=9`);
        await ready(page);
        await page.click('#start');
        await idle(page);
        await page.click('#slice-start');
        await sliced(page);
        await page.waitForTimeout(200);
        await fits(page, `${w}×${h}`);
        // The runs table: every figure inside its box, none behind a scroll
        // (a card per method at 420 px, each figure under its column's name).
        const runs = await page.evaluate(() => {
          const box = document.querySelector('.runs-scroll');
          const right = box.getBoundingClientRect().right;
          const cells = Array.from(document.querySelectorAll('#table tbody td')).filter((td) => td.offsetParent);
          return {
            hidden: box.scrollWidth - box.clientWidth,
            cut: cells.filter((td) => td.getBoundingClientRect().right > right + 1).map((td) => td.textContent),
            labels: cells.map((td) => getComputedStyle(td, '::before').content).filter((c) => c.includes('training loss')).length,
            rows: document.querySelectorAll('#table tbody tr').length,
          };
        });
        assert(runs.hidden <= 1 && runs.cut.length === 0, `${w}: the runs table fits its box (${runs.hidden} px hidden; cut: ${runs.cut})`);
        if (w === 420) assert(runs.labels === runs.rows, `420: every card labels its training loss (${runs.labels} of ${runs.rows})`);
        await shot(`layout-${w}x${h}`);
      }
    },
  },
  {
    name: 'the form controls are one height and one look: Epochs, Seed, Seeds, the methods, the slice settings',
    fn: async ({ page, base, shot }) => {
      for (const [w, h] of [[1400, 900], [420, 800]]) {
        await page.setViewportSize({ width: w, height: h });
        await page.goto(`${base}train.html`);
        await ready(page);
        const boxes = await page.$$eval('main input:not([type=checkbox]):not([type=range]), main select, main button', (els) => els
          .filter((e) => e.offsetParent)
          .map((e) => {
            const r = e.getBoundingClientRect();
            const cs = getComputedStyle(e);
            return { what: e.id || `${e.tagName.toLowerCase()}[${e.type}]`, tag: e.tagName, h: r.height, top: r.top,
              border: `${cs.borderTopWidth} ${cs.borderTopStyle} ${cs.borderTopColor}`, radius: cs.borderTopLeftRadius, row: e.closest('.row-inline, .slice-controls') ? 'inline' : '' };
          }));
        const byId = Object.fromEntries(boxes.map((b) => [b.what, b]));
        for (const id of ['epochs', 'seed', 'seeds', 'res']) assert(byId[id], `${w}: #${id} is on the page`);
        // The three inputs in one line: one height, one top, one border.
        const line = ['epochs', 'seed', 'seeds'].map((id) => byId[id]);
        for (const b of line) {
          assert(Math.abs(b.h - byId.seed.h) < 0.5, `${w}: #${b.what} is ${b.h} px tall, #seed ${byId.seed.h}`);
          assert(Math.abs(b.top - byId.seed.top) < 0.5, `${w}: #${b.what} starts at ${b.top}, #seed at ${byId.seed.top}`);
          assert(b.border === byId.seed.border && b.radius === byId.seed.radius, `${w}: #${b.what} has border ${b.border} / ${b.radius}, #seed ${byId.seed.border} / ${byId.seed.radius}`);
        }
        // Every text, number and select control and every button: the same height as the Seed box.
        const odd = boxes.filter((b) => Math.abs(b.h - byId.seed.h) >= 0.5);
        assert(odd.length === 0, `${w}: controls of another height than #seed (${byId.seed.h} px): ${JSON.stringify(odd)}`);
        await page.locator('.setup').screenshot({ path: path.join(ROOT, 'test-output', `train-controls-${w}.png`) });
      }
    },
  },
  {
    name: 'the training page trains in a worker, stays responsive and stops on request',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}train.html?data=mlp(hidden=16,n=1200)&o=gd(lr=0.3,batch=32)&o=adam(lr=0.01,batch=32)&o=lbfgs&epochs=8&seed=2`);
      await ready(page);
      await page.click('#start');
      // The main thread answers while the worker trains.
      const lag = await page.evaluate(() => new Promise((resolve) => { const t = performance.now(); setTimeout(() => resolve(performance.now() - t), 0); }));
      assert(lag < 100, `the page stays responsive (${lag} ms)`);
      await page.waitForFunction(() => document.body.dataset.training === 'idle', null, { timeout: 60000 });
      assert((await page.getAttribute('#progress', 'value')) === '1', 'the progress bar is full');
      const rows = await page.$$eval('#table tbody tr', (trs) => trs.map((tr) => Array.from(tr.cells, (c) => c.textContent)));
      assert(rows.length === 3, `three runs: ${JSON.stringify(rows)}`);
      for (const r of rows) {
        assert(r[2] === 'done' && r[3] === '8', `each run did its 8 epochs: ${r}`);
        assert(/^epoch \d+:/.test(r[6]), `early stopping is reported: ${r[6]}`);
      }
      const curves = await page.evaluate(() => window.saddleTrain.runs().map((r) => r.records.map((x) => x.val_error)));
      for (const c of curves) assert(c[c.length - 1] < c[0], `every run lowers the validation error: ${c}`);
      assert(Math.min(...curves.map((c) => c[c.length - 1])) < 0.3, 'and the best one reaches below 30%');
      assert((await canvasColours(page, 'loss-chart')) > 5 && (await canvasColours(page, 'error-chart')) > 5, 'both charts are drawn');
      await shot('trained');
      // A long run, stopped.
      await page.fill('#epochs', '1000');
      await page.press('#epochs', 'Enter');
      await page.click('#start');
      await page.waitForTimeout(800);
      await page.click('#stop');
      await page.waitForFunction(() => document.body.dataset.training === 'idle', null, { timeout: 10000 });
      const statuses = await page.$$eval('#table tbody tr', (trs) => trs.map((tr) => tr.cells[2].textContent));
      // On a loaded machine Stop may land inside one long iteration: the page
      // then ends the worker and says so ("stopped (during an iteration: …)").
      assert(statuses.every((s) => s === 'stopped' || s.startsWith('stopped (during an iteration')), `the stop button stops every run: ${statuses}`);
      assert(page.url().includes('epochs=1000'), 'the link follows the settings');
    },
  },
  {
    name: 'the training page reads its link through the core and reports a bad link, method or data in place',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}train.html?data=mlp(hidden=8)&o=warp&o=adam(lr=-1)&o=gd(lr=0.1,batch=8)&epochs=2&seed=18446744073709551615&zzz=1`);
      await ready(page);
      const notices = await page.textContent('#notices');
      for (const s of ["unknown method 'warp'", 'lr = -1 is out of range', "unknown key 'zzz'"]) assert(notices.includes(s), `a notice says ${s}: ${notices}`);
      const scene = await page.evaluate(() => window.saddleTrain.scene());
      assert(JSON.stringify(scene.lanes) === '["gd(lr=0.1,batch=8)"]', `the good method stays: ${JSON.stringify(scene.lanes)}`);
      assert((await page.inputValue('#seed')) === '18446744073709551615', 'a seed above 2^53 is kept exactly');
      assert(page.url().endsWith('?data=mlp(hidden=8)&o=gd(lr=0.1,batch=8)&epochs=2&seed=18446744073709551615'), `the core writes the link: ${page.url()}`);
      // A bad method typed into its box: the error shows under it and nothing changes.
      await page.fill('input[aria-label="method 1"]', 'adam(lr=-1)');
      await page.press('input[aria-label="method 1"]', 'Enter');
      await page.waitForFunction(() => /out of range/.test(document.querySelector('#methods .param-error').textContent));
      assert(page.url().includes('o=gd(lr=0.1,batch=8)'), `the link keeps the last good method: ${page.url()}`);
      await page.fill('input[aria-label="method 1"]', 'gd(noise=0.5)');
      await page.press('input[aria-label="method 1"]', 'Enter');
      await page.waitForFunction(() => /gradient noise/.test(document.querySelector('#methods .param-error').textContent));
      // Bad data, and epochs beyond the one limit (clamped, with a notice).
      await page.fill('#train-data', 'mlp(hidden=8-8-8-8-8-8-8)');
      await page.press('#train-data', 'Enter');
      await page.waitForFunction(() => /hidden takes 1 to 6/.test(document.getElementById('setup-error').textContent));
      await page.fill('#epochs', '1e9');
      await page.press('#epochs', 'Enter');
      await page.waitForFunction(() => /using 100000/.test(document.getElementById('setup-error').textContent));
      assert((await page.inputValue('#epochs')) === '100000', 'the box shows the clamped value');
      await shot('bad-input');
      // The big seed trains: it reaches the worker exactly, as text.
      await page.fill('#epochs', '1');
      await page.press('#epochs', 'Enter');
      await page.click('#start');
      await page.waitForFunction(() => document.body.dataset.training === 'idle', null, { timeout: 20000 });
      const rows = await page.$$eval('#table tbody tr', (trs) => trs.map((tr) => tr.cells[2].textContent));
      assert(rows.length === 1 && rows[0] === 'done', `one run, done: ${rows}`);
    },
  },
  {
    name: 'the training page is built from the core: palette, method limit, link round trip',
    fn: async ({ page, base }) => {
      await page.goto(`${base}train.html`);
      await ready(page);
      const { palette, limits } = await page.evaluate(async () => {
        const m = await import('./pkg-train/saddle.js');
        return m.catalog();
      });
      const colours = await page.$$eval('#methods li', (lis) => lis.map((li) => li.style.getPropertyValue('--lane')));
      assert(colours.length === 4 && colours.every((c, k) => c === palette[k]), `lane colours are the core's palette: ${colours}`);
      while (!(await page.isDisabled('#add-method'))) await page.click('#add-method');
      assert((await page.locator('#methods li').count()) === limits.lanes, `at most ${limits.lanes} methods, the core's limit`);
      const url = page.url();
      await page.goto(url);
      await ready(page);
      assert((await page.locator('#methods li').count()) === limits.lanes && page.url() === url, 'the link reopens the same page');
      assert((await page.textContent('#notices')) === '', 'with no notices');
    },
  },
];
