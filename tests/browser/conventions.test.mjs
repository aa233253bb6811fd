// Issue 14 on the page, in real Chromium: the stopping rules of section 4.1
// in their panel and in each lane's status (against the command line), the
// Armijo line and the Wolfe band on the "Along the ray" chart, read from its
// legend, and the per-lane "convention: book | torch" switch.
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { assert, ROOT } from './harness.mjs';

const cli = path.join(ROOT, 'target', 'debug', 'saddle');
const ready = (page) => page.waitForSelector('[data-ready="true"]');
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
async function settle(page) {
  await page.waitForFunction(() => document.getElementById('progress').hidden, null, { timeout: 30000 });
  await frames(page);
}
/** Badge and status text of each lane card, as a person reads them. */
const cards = (page) => page.$$eval('#lanes li.lane', (lis) => lis.map((li) => ({
  badge: li.querySelector('.badge').textContent,
  text: li.querySelector('.lane-status').textContent,
  values: li.querySelector('.lane-values').textContent,
})));
/** Each lane's status line from `saddle run --url` (its stderr). */
function cliStatuses(query) {
  const out = execFileSync(cli, ['run', '--url', query, '--format', 'json'], { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out.toString()).lanes.map((l) => l.status_text);
}

/** Records every text drawn on a canvas. */
async function record(page) {
  await page.addInitScript(() => {
    window.__texts = [];
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
      window.__texts.push({ text: String(text), canvas: this.canvas.id });
      return fill.call(this, text, ...rest);
    };
  });
}
const chartTexts = (page) => page.evaluate(() => window.__texts.filter((t) => t.canvas === 'chart').map((t) => t.text));

export const tests = [
  {
    name: 'each lane names the stopping rule that stopped it, and the panel sets the rules in the link',
    fn: async ({ page, base, shot }) => {
      const q = 'f=rosenbrock&start=-1.2,1&o=gd(lr=0.001)&o=adam(lr=0.02)&steps=100&max_iter=60';
      await page.goto(`${base}?${q}`);
      await ready(page);
      await settle(page);
      let c = await cards(page);
      for (const k of [0, 1]) {
        assert(c[k].badge === 'stopped' && c[k].text.includes('iteration limit (60 iterations)'), `lane ${k + 1}: ${JSON.stringify(c[k])}`);
        assert(c[k].values.startsWith('t = 60 '), `lane ${k + 1} stopped at t = 60: ${c[k].values}`);
      }
      // The panel shows every rule from the core's table, the iteration limit at 60.
      await page.click('#stopping summary');
      const keys = await page.$$eval('#stopping input', (els) => els.map((e) => [e.getAttribute('aria-label'), e.value]));
      assert(JSON.stringify(keys) === JSON.stringify([['tol', '1e-10'], ['step_tol', '0'], ['abs_tol', '0'], ['rel_tol', '0'], ['max_iter', '60']]), `the panel's rules: ${JSON.stringify(keys)}`);
      // A refused value says why under its row and changes nothing.
      await page.fill('#stop-rel_tol', '2');
      await page.press('#stop-rel_tol', 'Enter');
      const err = await page.textContent('#stopping .param-error:not([hidden])');
      assert(/rel_tol = 2 is out of range \[0, 1\]/.test(err), `the error names the range: ${err}`);
      // Relative improvement below 0.001: both lanes stop early, at their own iterations.
      await page.fill('#stop-rel_tol', '0.001');
      await page.press('#stop-rel_tol', 'Enter');
      await settle(page);
      const link = await page.evaluate(() => window.saddle.ctx.app.query());
      assert(link.includes('rel_tol=0.001') && link.includes('max_iter=60') && link.includes('steps=100'), `the link carries the rules: ${link}`);
      assert(new URL(page.url()).search.includes('rel_tol=0.001'), `the address bar too: ${page.url()}`);
      c = await cards(page);
      const cliStatus = cliStatuses(link);
      for (const k of [0, 1]) {
        const page_ = `${c[k].badge}: ${c[k].text.replace(c[k].badge, '')}`.replace(/\s+/g, ' ');
        assert(page_.replace(/ /g, '').includes(cliStatus[k].replace(/^\w+: /, '').replace(/ /g, '')), `lane ${k + 1}: the page's "${page_}" is the command line's "${cliStatus[k]}"`);
      }
      assert(c[0].badge === 'stopped' && c[0].text.includes('relative improvement |ΔC|/|C| < 0.001'), `GD names the rule: ${JSON.stringify(c[0])}`);
      assert(c[1].badge === 'stopped', `Adam stops by a rule too: ${JSON.stringify(c[1])}`);
      assert(cliStatus[0] === 'stopped: relative improvement |ΔC|/|C| < 0.001', cliStatus[0]);
      const summary = await page.textContent('#stopping summary');
      assert(summary.includes('< 0.001') && summary.includes('t = 60'), `the summary lists the rules in force: ${summary}`);
      await shot('stopping-panel');
      // The gradient norm rule converges, and says so.
      await page.goto(`${base}?f=bowl&o=gd(lr=0.1)&steps=400&tol=1e-6`);
      await ready(page);
      await settle(page);
      c = await cards(page);
      assert(c[0].badge === 'converged' && c[0].text.includes('gradient norm ‖∇C‖ < 1e-6'), JSON.stringify(c[0]));
      // With every rule off, the summary says where lanes still stop: the clock's last step.
      await page.goto(`${base}?f=bowl&o=gd(lr=0.1)&tol=0`);
      await ready(page);
      const none = await page.textContent('#stopping summary');
      assert(none.includes('none: lanes run to t = 1,000,000 or until they fail'), `no rule in force: ${none}`);
    },
  },
  {
    name: 'the ray chart draws the Armijo line and the Wolfe band, named in its legend',
    fn: async ({ page, base, shot }) => {
      await record(page);
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(`${base}?f=rosenbrock&start=0.8,0&o=lbfgs&steps=1&chart=ray`);
      await ready(page);
      await settle(page);
      let texts = await chartTexts(page);
      for (const t of ['Armijo line (4.48), c1 = 1e-4', 'strong Wolfe band (4.50), c2 = 0.9', 'accepted probe: the step taken', 'C along the ray']) {
        assert(texts.includes(t), `the ray chart's legend shows "${t}": ${texts}`);
      }
      assert(texts.some((t) => /^α = /.test(t)), `the accepted α is marked: ${texts}`);
      // The chart's table names the same lines.
      const table = await page.evaluate(() => window.saddle.ctx.app.chartData('ray'));
      const names = table.series.map((s) => s.label);
      assert(names.includes('Armijo line (4.48)') && names.includes('α where (4.50) holds'), `the table: ${names}`);
      await shot('ray-lbfgs-1400');
      // Backtracking with (4.48) alone: the line, the rejected probes greyed, no band.
      await page.evaluate(() => { window.__texts.length = 0; });
      await page.goto(`${base}?f=rosenbrock&start=0.8,0&o=gd(ls=armijo)&steps=1&chart=ray`);
      await ready(page);
      await settle(page);
      texts = await chartTexts(page);
      assert(texts.some((t) => t.startsWith('Armijo line (4.48), c1 = ')), `Armijo: ${texts}`);
      assert(texts.some((t) => t.startsWith('rejected probes')), `the rejected probes are named: ${texts}`);
      assert(!texts.some((t) => t.includes('Wolfe')), `no Wolfe band without (4.49): ${texts}`);
      await shot('ray-armijo-1400');
      await page.setViewportSize({ width: 420, height: 800 });
      await frames(page);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= 420, `nothing wider than a 420 px phone (${width}px)`);
      await shot('ray-armijo-420');
    },
  },
  {
    name: 'switching a lane to torch puts torch\'s settings in its link and changes its iterates',
    fn: async ({ page, base, shot }) => {
      const q = 'f=rosenbrock&start=-1.2,1&o=rmsprop&o=adam&o=cg';
      await page.goto(`${base}?${q}`);
      await ready(page);
      await frames(page);
      const conv = await page.$$eval('#lanes li.lane .lane-convention', (els) => els.map((e) => e.textContent));
      assert(conv[0].includes('convention') && conv[1] === 'convention: book = torch.optim.Adam' && conv[2].includes('torch.optim has none'), `each lane shows its convention: ${conv}`);
      const select = '#lanes li:nth-child(1) select[aria-label="Lane 1 convention"]';
      assert((await page.inputValue(select)) === 'book', 'RMSprop starts with the book\'s settings');
      await page.selectOption(select, 'torch');
      await frames(page);
      const link = await page.evaluate(() => window.saddle.ctx.app.query());
      assert(link.includes('o=rmsprop(lr=0.01,gamma=0.99)&o=adam&o=cg'), `the link carries torch's settings as the lane's params: ${link}`);
      assert((await page.inputValue(select)) === 'torch', 'the lane says it follows torch');
      // Its iterates are torch's: the command line's for the same link, not the book's.
      const theta = await page.evaluate(() => { window.saddle.ctx.app.step(40); window.saddle.ctx.changed(false); return Array.from(window.saddle.ctx.app.laneTheta(0)); });
      const last = (query) => {
        const out = JSON.parse(execFileSync(cli, ['run', '--url', query, '--steps', '40', '--format', 'json'], { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] }).toString());
        return out.lanes[0].theta.at(-1);
      };
      const torch = last(link);
      const book = last(q);
      const lastTheta = theta.slice(-2);
      assert(lastTheta[0] === torch[0] && lastTheta[1] === torch[1], `the page's θ⁽⁴⁰⁾ ${lastTheta} is the command line's ${torch}`);
      assert(lastTheta[0] !== book[0] || lastTheta[1] !== book[1], `and not the book's ${book}`);
      await frames(page);
      await shot('convention-torch');
      // Back to the book, from iteration 40 on.
      await page.selectOption(select, 'book');
      await frames(page);
      const back = await page.evaluate(() => window.saddle.ctx.app.query());
      assert(back.includes('o=rmsprop(lr=0.01,gamma=0.99,lr@40=0.001,gamma@40=0.999)'), `the change is kept with its iteration: ${back}`);
    },
  },
];
