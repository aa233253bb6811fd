// Figures as a teacher and a student see them, in real Chromium: legends on
// the map and the charts (and in embed mode), log axes labelled over their
// whole range, exports decoded, the exported CSV against the command line,
// the hover readout and the race summary; links that used to panic or freeze;
// and every page under the strict Content-Security-Policy.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { assert, ROOT } from './harness.mjs';

const ready = (page) => page.waitForSelector('[data-ready="true"]');

/** Records every text drawn on a canvas (what a person reads on it) and every CSP violation. */
async function record(page) {
  await page.addInitScript(() => {
    window.__texts = [];
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`));
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
      const t = this.getTransform();
      window.__texts.push({ text: String(text), canvas: this.canvas.id, x: t.a * x + t.c * y + t.e, y: t.b * x + t.d * y + t.f, align: this.textAlign, width: this.canvas.width });
      return fill.call(this, text, x, y, ...rest);
    };
  });
}

/** Texts drawn on canvas `id` since the last clear. */
const drawn = (page, id) => page.evaluate((id) => window.__texts.filter((t) => t.canvas === id), id);
const clearTexts = (page) => page.evaluate(() => { window.__texts.length = 0; });

/** Waits until the page has redrawn (two animation frames). */
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Waits until a link's steps have run. */
async function settle(page) {
  await page.waitForFunction(() => document.getElementById('progress').hidden, null, { timeout: 30000 });
  await frames(page);
}

/** The exponent of a decade label (10⁻⁶, 0.01, 1000), or null. */
function decade(label) {
  const sup = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const m = /^10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(label);
  if (m) return Number([...m[1]].map((c) => (c === '⁻' ? '-' : sup.indexOf(c))).join(''));
  if (/^10*$/.test(label)) return label.length - 1;
  if (/^0\.0*1$/.test(label)) return -(label.length - 2);
  return null;
}

/** Width, height and RGBA pixels of an 8-bit RGBA or RGB PNG. */
function decodePng(buf) {
  assert(buf.subarray(1, 4).toString() === 'PNG', 'a PNG signature');
  let pos = 8;
  let width = 0; let height = 0; let type = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const kind = buf.subarray(pos + 4, pos + 8).toString();
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (kind === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); type = data[9]; assert(data[8] === 8, '8-bit'); }
    if (kind === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const bpp = type === 6 ? 4 : 3;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = Buffer.alloc(width * height * 4, 255);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? line[i - bpp] : 0; const b = prev[i]; const c = i >= bpp ? prev[i - bpp] : 0;
      const p = a + b - c; const pa = Math.abs(p - a); const pb = Math.abs(p - b); const pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][f];
      line[i] = (line[i] + pred) & 255;
    }
    for (let x = 0; x < width; x++) for (let k = 0; k < bpp; k++) out[(y * width + x) * 4 + k] = line[x * bpp + k];
    prev = line;
  }
  return { width, height, pixels: out };
}

/** Clicks an export button and returns the downloaded file's name and bytes. */
async function download(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(await d.path()) };
}

const FOUR = '?f=rosenbrock&o=gd(lr=0.0005)&o=momentum(lr=0.0005,beta=0.5)&o=adam(lr=0.02)&o=lbfgs&steps=300';
const NAMES = ['Gradient descent α=0.0005', 'Momentum α=0.0005, β=0.5', 'Adam α=0.02', 'L-BFGS'];

export const tests = [
  {
    name: 'the legend names four lanes on the map and every chart, and in embed mode',
    fn: async ({ page, base, shot }) => {
      await record(page);
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(`${base}${FOUR}`);
      await ready(page);
      await settle(page);
      const names = await page.evaluate(() => window.saddle.ctx.app.legend().map((e) => e.text));
      assert(JSON.stringify(names) === JSON.stringify(NAMES), `the core's legend: ${names}`);
      for (const tab of ['loss', 'grad', 'distance']) {
        await clearTexts(page);
        await page.click(`[data-chart="${tab}"]`);
        await frames(page);
        const chart = (await drawn(page, 'chart')).map((t) => t.text);
        for (const n of NAMES) assert(chart.includes(n), `the ${tab} chart's legend shows ${n}: ${chart}`);
      }
      await clearTexts(page);
      await page.evaluate(() => window.saddle.ctx.changed(false));
      await frames(page);
      const map = (await drawn(page, 'main')).map((t) => t.text);
      for (const n of NAMES) assert(map.includes(n), `the map's legend shows ${n}: ${map}`);
      for (const t of ['θ₁', 'θ₂']) assert(map.includes(t), `the map's axes are titled: ${t}`);
      await shot('legend-1400');
      await page.setViewportSize({ width: 640, height: 760 });
      await clearTexts(page);
      await page.goto(`${base}${FOUR}&embed=1`);
      await ready(page);
      await settle(page);
      const embed = [...await drawn(page, 'main'), ...await drawn(page, 'chart')].map((t) => t.text);
      for (const n of NAMES) assert(embed.includes(n), `embed mode's legend shows ${n}: ${embed}`);
      await shot('legend-embed-640x760');
      await page.setViewportSize({ width: 420, height: 800 });
      await page.goto(`${base}${FOUR}`);
      await ready(page);
      await settle(page);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= 420, `nothing wider than a 420 px phone (${width}px)`);
      await shot('legend-420');
    },
  },
  {
    name: 'a loss chart from 1e2 to 1e-20 has a label at every decade or at a regular step',
    fn: async ({ page, base, shot }) => {
      await record(page);
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(`${base}?expr=x%5E2%2By%5E2&start=7,0&o=gd(lr=0.1)&tol=0&steps=120`);
      await ready(page);
      await settle(page);
      const loss = await page.evaluate(() => Array.from(window.saddle.ctx.app.laneLoss(0)));
      const [top, bottom] = [Math.max(...loss), Math.min(...loss.filter((v) => v > 0))];
      assert(top > 10 && bottom < 1e-19, `the loss spans 1e2 to 1e-20: ${top} … ${bottom}`);
      await clearTexts(page);
      await page.evaluate(() => window.saddle.ctx.changed(false));
      await frames(page);
      const labels = (await drawn(page, 'chart')).filter((t) => t.align === 'end').map((t) => t.text);
      const exps = [...new Set(labels.map(decade).filter((e) => e !== null))].sort((a, b) => a - b);
      assert(exps.length >= 4, `decades labelled: ${labels}`);
      const step = exps[1] - exps[0];
      assert(exps.every((e, i) => i === 0 || e - exps[i - 1] === step), `a regular step: ${exps}`);
      assert(exps[0] - step < Math.log10(bottom) && exps.at(-1) + step > Math.log10(top), `over the whole range: ${exps}`);
      const x = (await drawn(page, 'chart')).filter((t) => t.align === 'center').map((t) => t.text);
      assert(x.filter((t) => /^\d+$/.test(t)).length >= 3 && !x.some((t) => /^\d+\.\d+$/.test(t)), `whole iterations on the x-axis: ${x}`);
      await page.locator('#chart').scrollIntoViewIfNeeded();
      await shot('log-axis');
    },
  },
  {
    name: 'exported PNG and SVG of the map, a chart, the 3-D view and the figure decode to the right size and content',
    fn: async ({ page, base, shot }) => {
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(`${base}${FOUR}`);
      await ready(page);
      await settle(page);
      const dpr = await page.evaluate(() => window.devicePixelRatio);
      const box = async (sel) => page.evaluate((sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; }, sel);
      for (const [part, sel] of [['map', '#canvas-wrap'], ['chart', '#chart'], ['surface', '#canvas-wrap'], ['figure', null]]) {
        await page.selectOption('#export-part', part);
        const css = sel ? await box(sel) : [1600, 900];
        const png = await download(page, '#export-png');
        assert(png.name === `saddle-${part === 'chart' ? 'chart-loss' : part}.png`, png.name);
        const img = decodePng(png.bytes);
        assert(img.width === css[0] * 2 * dpr && img.height === css[1] * 2 * dpr, `${part}: PNG at twice the screen's resolution: ${img.width}×${img.height} for ${css}`);
        const colours = new Set();
        for (let i = 0; i < img.pixels.length; i += 4 * 13) colours.add((img.pixels[i] << 16) | (img.pixels[i + 1] << 8) | img.pixels[i + 2]);
        assert(colours.size > (part === 'chart' ? 20 : 200), `${part}: the PNG is a picture (${colours.size} colours)`);
        fs.writeFileSync(path.join(ROOT, 'test-output', `figures-export-${part}.png`), png.bytes);
        const svg = (await download(page, '#export-svg')).bytes.toString();
        const size = /<svg width="(\d+)" height="(\d+)" viewBox="0 0 (\d+) (\d+)"/.exec(svg);
        assert(size && +size[1] === css[0] && +size[2] === css[1] && +size[3] === css[0] * 2 * dpr, `${part}: SVG size ${size && size.slice(1)}`);
        const texts = [...svg.matchAll(/<text[^>]*>\s*([^<]*?)\s*<\/text>/g)].map((m) => m[1]);
        if (part !== 'surface') for (const n of NAMES) assert(texts.includes(n), `${part}: the SVG's legend shows ${n}`);
        if (part === 'map' || part === 'figure') {
          assert(/<image [^>]*href="data:image\/png;base64,[A-Za-z0-9+/=]{1000,}"/.test(svg), `${part}: the landscape is embedded`);
          assert(texts.includes('θ₁') && texts.includes('θ₂'), `${part}: axis titles`);
        }
        if (part === 'surface') assert(texts.some((t) => /C/.test(t)), 'the 3-D view titles its height');
        fs.writeFileSync(path.join(ROOT, 'test-output', `figures-export-${part}.svg`), svg);
      }
      await shot('exports');
    },
  },
  {
    name: "an exported CSV is the command line's output for the same link; the JSON carries the race summary",
    fn: async ({ page, base }) => {
      const q = 'f=rosenbrock&o=adam(lr=0.05)&o=lbfgs&o=gd(lr=0.001,noise=0.1)&seed=7&steps=250';
      await page.goto(`${base}?${q}`);
      await ready(page);
      await settle(page);
      const csv = (await download(page, '#export-csv')).bytes.toString();
      const cli = execFileSync(path.join(ROOT, 'target/debug/saddle'), ['run', '--url', q], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      assert(csv.split('\n')[0].startsWith('lane,method,iter,theta1,theta2,loss,grad_norm,f_evals,g_evals,h_evals,terms'), csv.slice(0, 100));
      assert(csv === cli, `the page's CSV equals saddle run --url (${csv.length} vs ${cli.length} bytes)`);
      const json = JSON.parse((await download(page, '#export-json')).bytes.toString());
      assert(json.lanes.length === 3 && json.summary.length === 3, 'every lane and its summary');
      assert(json.summary[1].status === 'converged' && json.summary[1].time_to_tol_ms >= 0, `L-BFGS reached the tolerance: ${JSON.stringify(json.summary[1])}`);
    },
  },
  {
    name: 'the hover readout gives each lane its value; the race summary counts evaluations and time to tolerance',
    fn: async ({ page, base, shot }) => {
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(`${base}${FOUR}`);
      await ready(page);
      await settle(page);
      await page.locator('#chart').scrollIntoViewIfNeeded();
      const box = await page.locator('#chart').boundingBox();
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
      await page.waitForFunction(() => document.getElementById('chart-readout').textContent.includes('t ='));
      const text = await page.textContent('#chart-readout');
      for (const n of NAMES) assert(text.includes(`${n}:`), `the readout has ${n}: ${text}`);
      const rows = await page.$$eval('#race tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
      assert(rows.length === 4, `a row per lane: ${JSON.stringify(rows)}`);
      assert(rows[3][0] === 'L-BFGS' && rows[3][8] === 'converged' && !/not reached/.test(rows[3][6]), `L-BFGS: ${rows[3]}`);
      assert(rows[0][6] === 'not reached' && rows[0][1] === '300', `slow GD: ${rows[0]}`);
      const counts = await page.evaluate(() => window.saddle.ctx.app.summary()[3]);
      assert(rows[3][1] === String(counts.iterations) && rows[3][2] === String(counts.f_evals) && rows[3][3] === String(counts.g_evals), 'the table shows the counts');
      await page.locator('#race').scrollIntoViewIfNeeded();
      await shot('hover-summary');
      // Mini-batch lanes on the evaluations axis are charged b/n, so SGD is no longer at x = 0.
      await page.goto(`${base}?preset=minibatch&data=linreg(n=200)&o=gd(lr=0.05,batch=1)&o=gd(lr=0.05,batch=16)&o=gd(lr=0.05)&steps=600`);
      await ready(page);
      await settle(page);
      await page.selectOption('#x-axis', 'evaluations');
      await frames(page);
      const note = await page.textContent('#chart-note');
      assert(/b\/n/.test(note) && await page.isVisible('#chart-note'), `the convention is stated: ${note}`);
      const at = await page.evaluate(() => window.saddle.ctx.app.chartHover(1e9));
      assert(at === null || at.values.length >= 0, 'hover outside the plot is harmless');
      await page.locator('#chart').scrollIntoViewIfNeeded();
      await shot('evaluations-axis');
    },
  },
  {
    name: 'links that used to panic or freeze keep the page alive and say what happened',
    fn: async ({ page, base, shot, errors }) => {
      const links = [
        'expr=exp(x)%2By%5E2&start=709.5,0',
        'expr=1e308*x',
        'expr=softplus(1e308*x)',
        'data=linreg(points=-1e308:0;1e308:1)',
        'data=linreg(points=0:-1e308;1:1e308)',
      ];
      for (const q of links) {
        const t0 = Date.now();
        await page.goto(`${base}?${q}&steps=50`);
        await ready(page);
        await settle(page);
        assert(Date.now() - t0 < 20000, `${q}: loads and runs in ${Date.now() - t0} ms`);
        assert(await page.isHidden('#banner'), `${q}: no banner: ${await page.textContent('#banner')}`);
        if (q.includes('0:-1e308')) {
          const said = await page.textContent('#notices');
          assert(/cannot be drawn/.test(said), `${q}: a notice says the data's extent was replaced: ${said}`);
        }
        const before = await page.evaluate(() => window.saddle.ctx.app.maxIter());
        await page.click('#reset');
        await page.click('#step');
        await frames(page);
        const status = await page.$$eval('#lanes .lane-status', (els) => els.map((e) => e.textContent.trim()));
        assert(status.length > 0 && status.every((s) => s.length > 3), `${q}: every lane says where it is: ${status}`);
        assert(before >= 0, `${q}: the core answers`);
        await shot(`alive-${q.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`);
      }
      // A NaN pan from a script, then the 3-D view: the view is kept and the surface draws.
      await page.goto(`${base}?f=himmelblau`);
      await ready(page);
      await page.evaluate(() => { window.saddle.ctx.app.pan(NaN, 0); window.saddle.ctx.app.setRotation(NaN, Infinity); });
      await page.click('#view-3d');
      await frames(page);
      assert(await page.isHidden('#banner'), 'no panic after pan(NaN, 0) and drawSurface');
      // An error inside a frame shows a message and the loop goes on.
      await page.click('#view-map');
      await page.evaluate(() => { const app = window.saddle.ctx.app; app.drawChart = () => { throw new Error('a broken chart'); }; window.saddle.ctx.changed(false); });
      await page.waitForSelector('#banner:not([hidden])');
      assert(/could not be drawn/.test(await page.textContent('#banner')) && /a broken chart/.test(await page.textContent('#banner-text')), 'the message is shown');
      const counted = await page.evaluate(() => new Promise((r) => { let n = 0; const tick = () => { if (++n === 5) r(n); else requestAnimationFrame(tick); }; requestAnimationFrame(tick); }));
      assert(counted === 5, 'the animation loop is still running');
      await page.evaluate(() => { delete window.saddle.ctx.app.drawChart; });
      await page.click('#step');
      await frames(page);
      assert(Number(await page.textContent('#iter')) >= 1, 'Step still works');
      await shot('frame-error');
      errors.length = 0; // the deliberate errors above are expected in the console
    },
  },
  {
    name: 'Reset after a panic returns to the last scene that drew, not to the link that panicked',
    fn: async ({ page, base, errors }) => {
      await page.goto(`${base}?f=himmelblau&o=adam(lr=0.1)`);
      await ready(page);
      await frames(page);
      await page.selectOption('#function', 'bowl');
      await frames(page);
      await page.evaluate(() => window.saddle.debugPanic());
      await page.waitForSelector('#banner:not([hidden])');
      await Promise.all([page.waitForNavigation(), page.click('#banner-reset')]);
      await ready(page);
      await frames(page);
      assert(page.url().includes('f=bowl'), `back to the last scene that drew: ${page.url()}`);
      assert(await page.isHidden('#banner'), 'and it works');
      // A panic before anything drew: Reset opens the default scene.
      await page.evaluate(() => { window.saddle.ctx.lastGoodQuery = null; window.saddle.debugPanic(); });
      await page.waitForSelector('#banner:not([hidden])');
      await Promise.all([page.waitForNavigation(), page.click('#banner-reset')]);
      await ready(page);
      assert(new URL(page.url()).search === '' || !page.url().includes('f=bowl'), `the default scene: ${page.url()}`);
      errors.length = 0;
    },
  },
  {
    name: 'every page runs under the strict Content-Security-Policy with no violation, and labels sit where they belong',
    fn: async ({ page, base, shot }) => {
      await record(page);
      const policy = async (p) => {
        const r = await page.goto(`${base}${p}`);
        return r.headers()['content-security-policy'];
      };
      assert(/default-src 'self'/.test(await policy('')), 'the server sends the policy');
      const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assert(/style-src 'self'/.test(meta), 'the page carries it in a meta tag');
      await ready(page);
      await page.click('#view-3d');
      await frames(page);
      await page.click('#view-map');
      for (const tab of ['grad', 'ray', 'loss']) await page.click(`[data-chart="${tab}"]`);
      await page.click('#play');
      await page.waitForTimeout(400);
      await page.click('#play');
      await page.selectOption('#export-part', 'figure');
      await download(page, '#export-svg');
      let csp = await page.evaluate(() => window.__csp);
      assert(csp.length === 0, `no violation on the playground: ${csp}`);
      await page.goto(`${base}autodiff.html`);
      await ready(page);
      await page.locator('#check-chart').scrollIntoViewIfNeeded();
      await frames(page);
      const label = (await drawn(page, 'check-chart')).find((t) => /^h = 1e/.test(t.text));
      assert(label, 'the gradient check marks h');
      assert(label.x > label.width * 0.3 && label.x < label.width * 0.9, `the h label is beside its line, not at the left edge: x = ${label.x} of ${label.width}`);
      csp = await page.evaluate(() => window.__csp);
      assert(csp.length === 0, `no violation on the explorer: ${csp}`);
      await shot('csp-autodiff');
      await page.goto(`${base}train.html?data=linreg&o=gd(lr=0.1,batch=8)&epochs=5`);
      await page.waitForSelector('[data-ready="true"]');
      await page.click('#start');
      await page.waitForTimeout(1500);
      csp = await page.evaluate(() => window.__csp);
      assert(csp.length === 0, `no violation on the training page: ${csp}`);
      await shot('csp-train');
    },
  },
];
