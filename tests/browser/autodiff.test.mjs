// The autodiff explorer (autodiff.html) in real Chromium: the chapter's
// numbers read from the page's tables, stepping, vector functions, typos,
// the gradient check, links from the playground, hostile links and panics.
import { assert, canvasColours } from './harness.mjs';

const ready = (page) => page.waitForSelector('[data-ready="true"]');
const open = async (page, base, query = '') => {
  await page.goto(`${base}autodiff.html${query}`);
  await ready(page);
};

const SQRT3_2 = Math.sqrt(3) / 2;
const E7 = Math.exp(7);
const PI = Math.PI;

/** The number at the end of a line as the page prints it (true minus, 7 digits). */
function lastNumber(text) {
  const m = /(-?[0-9.]+(?:e-?[0-9]+)?)\s*\)?\s*$/.exec(text.replace(/−/g, '-'));
  assert(m, `a number at the end of '${text}'`);
  return Number(m[1]);
}

/** The numbers of a vector as printed, `(1, −7, 5)`. */
function vector(text) {
  const m = /\(([^()]*)\)\s*$/.exec(text.replace(/−/g, '-'));
  assert(m, `a vector at the end of '${text}'`);
  return m[1].split(',').map(Number);
}

/** Agreement to the seven significant digits the page prints. */
function close(a, b, what) {
  assert(Math.abs(a - b) <= 6e-7 * Math.max(1, Math.abs(b)), `${what}: the page shows ${a}, the book ${b}`);
}

/** The value lines of a row of a table. */
async function valueLines(page, table, attr, value) {
  return page.$$eval(`[data-table="${table}"] tr[${attr}="${value}"] td.value div`, (ds) => ds.map((d) => (d.querySelector('.num') ?? d).textContent));
}

/** Rows of a table that have been computed (done or current). */
const litRows = (page, table) => page.$$eval(`[data-table="${table}"] tr[data-node].done, [data-table="${table}"] tr[data-node].current`, (r) => r.length);

/** Pixels of a canvas near an RGB colour. */
async function countColour(page, id, [r, g, b], tol = 12) {
  return page.evaluate(({ id, r, g, b, tol }) => {
    const c = document.getElementById(id);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < tol) n++;
    }
    return n;
  }, { id, r, g, b, tol });
}

/** Every third pixel's colour counted (the harness's canvasColours). */
const distinctColours = (page, id) => canvasColours(page, id, 3);

const FORWARD_FILL = [226, 239, 249];
const BACKWARD_FILL = [252, 232, 214];

export const tests = [
  {
    name: 'Table 4.1, Table 4.3 and the gradient of (4.27) at (π/6, 2, 5)',
    fn: async ({ page, base, shot }) => {
      await open(page, base, '?mode=backward');
      assert((await page.inputValue('#expr')) === 'sin(t1*t2) + exp(t2+t3) - 2*t3', 'the chapter\'s (4.27) is the default');
      const caption = await page.textContent('[data-table="primals"] figcaption');
      assert(caption.includes('Table 4.1'), caption);
      const primals = [PI / 3, 7, -10, SQRT3_2, E7, SQRT3_2 + E7 - 10];
      for (let i = 1; i <= 6; i++) {
        const [line] = await valueLines(page, 'primals', 'data-node', i);
        close(lastNumber(line), primals[i - 1], `a${i}`);
      }
      const [out] = await valueLines(page, 'primals', 'data-node', 6);
      assert(out.startsWith('a6 = C(θ) = '), `the output row: ${out}`);
      const groups = await page.$$eval('[data-table="primals"] tbody th', (t) => t.map((x) => x.textContent).filter(Boolean));
      assert(JSON.stringify(groups) === JSON.stringify(['Input', 'Iteration 1', 'Iteration 2', 'Iteration 3 (output)']), `groups ${groups}`);

      // Table 4.3: ζ6 = 1; ζ4 = ζ5 = ζ3 = 1; ζ1 = 1/2; ζ2 = e^7 in that order.
      const order = await page.$$eval('[data-table="adjoints"] tr[data-node]', (r) => r.map((x) => Number(x.dataset.node)));
      assert(JSON.stringify(order) === '[6,4,5,3,1,2]', `adjoints in the book's order: ${order}`);
      const zeta = { 6: 1, 4: 1, 5: 1, 3: 1, 1: 0.5, 2: E7 };
      for (const [i, z] of Object.entries(zeta)) {
        const [line] = await valueLines(page, 'adjoints', 'data-node', i);
        close(lastNumber(line), z, `ζ${i}`);
      }
      const general = await page.textContent('[data-table="adjoints"] tr[data-node="1"] td.general');
      assert(general === 'ζ1 = ∂a4/∂a1 ζ4 = cos(a1) ζ4', general);
      const grad = [1, PI / 12 + E7, E7 - 2];
      for (let j = 1; j <= 3; j++) {
        const [line] = await valueLines(page, 'adjoints', 'data-input', j);
        close(lastNumber(line), grad[j - 1], `∂C/∂θ${j}`);
      }
      const g = vector(await page.textContent('[data-table="adjoints"] tr.gradient td.value .num'));
      g.forEach((x, j) => close(x, grad[j], `∇C(θ)_${j + 1}`));
      // The Hessian of a scalar function is there too.
      const h = await page.$$eval('#hessian tbody tr', (rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => Number(td.title))));
      assert(h.length === 3 && h[1][2] === h[2][1] && Math.abs(h[2][2] - E7) < 1e-9 * E7, `Hessian ${JSON.stringify(h)}`);
      await shot('backward');
    },
  },
  {
    name: 'Tables 4.1–4.3 print the closed forms beside the decimals: a₁ = π/3, C = √3/2 + e⁷ − 10, ∇C = (1, π/12 + e⁷, e⁷ − 2)',
    fn: async ({ page, base, shot }) => {
      await open(page, base, '?mode=backward');
      /** The closed form beside a row's value line k ('' when there is none). */
      const exact = (table, attr, value, k = 0) => page.$$eval(`[data-table="${table}"] tr[${attr}="${value}"] td.value div`,
        (ds, k) => (ds[k]?.querySelector('.exact')?.textContent ?? '').replace(/^ = /, ''), k);
      const primals = [];
      for (let i = 1; i <= 6; i++) primals.push(await exact('primals', 'data-node', i));
      assert(JSON.stringify(primals) === JSON.stringify(['π/3', '', '', '√3/2', 'e⁷', '√3/2 + e⁷ − 10']), `Table 4.1: ${primals}`);
      const line = await page.textContent('[data-table="primals"] tr[data-node="6"] td.value div');
      assert(line === 'a6 = C(θ) = 1087.499 = √3/2 + e⁷ − 10', `the decimal, then the form: ${line}`);
      assert((await exact('primals', 'data-group', 'Input')) === '(π/6, 2, 5)', 'θ as typed');
      assert((await exact('adjoints', 'data-node', 1)) === '1/2', 'ζ1 = cos(π/3) = 1/2');
      assert((await exact('adjoints', 'data-input', 2)) === 'π/12 + e⁷', '∂C/∂θ2');
      assert((await exact('adjoints', 'data-input', 3)) === 'e⁷ − 2', '∂C/∂θ3');
      const grad = await page.$eval('[data-table="adjoints"] tr.gradient td.value .exact', (e) => e.textContent);
      assert(grad === ' = (1, π/12 + e⁷, e⁷ − 2)', `∇C: ${grad}`);
      await shot('exact-backward');
      // Table 4.2 (forward mode, j = 2): ȧ6 = π/12 + e⁷.
      await page.click('[data-mode="forward"]');
      await page.waitForSelector('[data-table="tangents"]');
      assert((await exact('tangents', 'data-node', 6, 1)) === 'π/12 + e⁷', 'ȧ6');
      assert((await exact('tangents', 'data-node', 1, 1)) === 'π/6', 'ȧ1');
      await shot('exact-forward');
      // A point typed with all its digits is not taken for exact: the decimals stand alone.
      await open(page, base, '?mode=backward&at=0.5235987755982988,2,5');
      assert((await exact('primals', 'data-node', 1)) === '' && (await exact('primals', 'data-node', 6)) === '', 'no form for what depends on θ1');
      assert((await exact('primals', 'data-node', 5)) === 'e⁷', 'θ2 and θ3 are still exact: a5 = e⁷');
    },
  },
  {
    name: 'Table 4.2: forward mode for j = 2 ends in π/12 + e^7',
    fn: async ({ page, base, shot }) => {
      await open(page, base);
      assert((await page.getAttribute('[data-mode="forward"]', 'aria-pressed')) === 'true', 'forward mode first, as the book');
      assert((await page.inputValue('#input')) === '2', 'j = 2 as in Table 4.2');
      const head = await page.textContent('[data-table="tangents"] thead');
      assert(head.includes('for j = 2'), head);
      const start = await valueLines(page, 'tangents', 'data-group', 'Start');
      assert(start[1] === 'θ̇ = (0, 1, 0)', `θ̇ = e2: ${start}`);
      const primals = [PI / 3, 7, -10, SQRT3_2, E7, SQRT3_2 + E7 - 10];
      const tangents = [PI / 6, 1, 0, PI / 12, E7, PI / 12 + E7];
      for (let i = 1; i <= 6; i++) {
        const [a, t] = await valueLines(page, 'tangents', 'data-node', i);
        close(lastNumber(a), primals[i - 1], `a${i}`);
        close(lastNumber(t), tangents[i - 1], `ȧ${i}`);
      }
      const last = await page.textContent('[data-table="tangents"] tr[data-node="6"] td.general');
      assert(last.includes('ȧ6 = ȧ4 + ȧ5 + ȧ3 = ∂C(θ)/∂θ2'), last);
      // Choosing j = 3 gives ∂C/∂θ3 = e^7 − 2, and the address bar follows.
      await page.selectOption('#input', '3');
      await page.waitForFunction(() => location.search.includes('j=3'));
      const [, t6] = await valueLines(page, 'tangents', 'data-node', 6);
      close(lastNumber(t6), E7 - 2, 'ȧ6 for j = 3');
      // Any direction v: the directional derivative.
      await page.selectOption('#input', 'v');
      await page.fill('#direction', '1, 1, 1');
      await page.press('#direction', 'Enter');
      await page.waitForFunction(() => location.search.includes('v=1'));
      const [, tv] = await valueLines(page, 'tangents', 'data-node', 6);
      close(lastNumber(tv), 1 + PI / 12 + E7 + E7 - 2, 'ȧ6 for v = (1, 1, 1)');
      await shot('forward');
    },
  },
  {
    name: 'the Step button advances node by node and lights the graph',
    fn: async ({ page, base, shot }) => {
      await open(page, base);
      await page.click('#reset');
      assert(await litRows(page, 'tangents') === 0, 'nothing computed after Reset');
      assert(await page.isDisabled('#reset'), 'Reset is done');
      const pending = await valueLines(page, 'tangents', 'data-node', 1);
      assert(JSON.stringify(pending) === '["…","…"]', `values wait for their step: ${pending}`);
      const fills = [await countColour(page, 'graph', FORWARD_FILL)];
      for (let k = 1; k <= 6; k++) {
        await page.click('#step');
        assert(await litRows(page, 'tangents') === k, `${k} rows after ${k} steps`);
        const current = await page.$$eval('[data-table="tangents"] tr.current', (r) => r.map((x) => x.dataset.node));
        assert(JSON.stringify(current) === JSON.stringify([String(k)]), `a${k} is the current row: ${current}`);
        assert(Number(await page.getAttribute('#progress', 'data-lit')) === k, 'the status counts lit nodes');
        fills.push(await countColour(page, 'graph', FORWARD_FILL));
        assert(fills[k] > fills[k - 1] + 50, `node a${k} lit in the graph (${fills})`);
        if (k === 3) await shot('forward-step-3');
        const caption = await page.textContent('#caption');
        assert(caption.includes(`a${k} = `), `the caption tells what step ${k} computed: ${caption}`);
      }
      assert(await page.isDisabled('#step'), 'no step after the last');
      assert((await page.textContent('#caption')).includes('ȧ6 = ȧ4 + ȧ5 + ȧ3'), 'the last step is a6');

      // Backward mode: six primals, then the adjoints, then the gradient.
      await page.click('[data-mode="backward"]');
      await page.click('#reset');
      for (let k = 1; k <= 9; k++) await page.click('#step');
      assert(await litRows(page, 'primals') === 6, 'the forward pass is complete');
      assert(await litRows(page, 'adjoints') === 3, 'ζ6, ζ4, ζ5 after 9 steps');
      assert(Number(await page.getAttribute('#progress', 'data-lit')) === 3, 'three adjoints lit');
      assert(await countColour(page, 'graph', BACKWARD_FILL) > 500, 'adjoints glow in the graph');
      const gradient = await page.textContent('[data-table="adjoints"] tr.gradient td.value');
      assert(gradient === '…', 'the gradient comes last');
      assert(page.url().includes('step=9'), `the step is in the link: ${page.url()}`);
      await shot('backward-step-9');
      await page.click('#run');
      const g = vector(await page.textContent('[data-table="adjoints"] tr.gradient td.value .num'));
      close(g[1], PI / 12 + E7, 'the gradient after Run to the end');
    },
  },
  {
    name: 'the vector function g: Jacobian, jvp with e2, vjp with e1',
    fn: async ({ page, base, shot }) => {
      await open(page, base);
      const option = await page.$$eval('#preset option', (os) => os.find((o) => o.textContent.startsWith('g(θ)')).value);
      await page.selectOption('#preset', option);
      await page.waitForFunction(() => location.search.includes('2.1'));
      assert((await page.inputValue('#expr')) === '(t1 - 7*t2 + 5*t3, t2*t3)', 'the chapter\'s g');
      const jac = await page.$$eval('#jacobian tbody tr', (rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => Number(td.textContent.replace(/−/g, '-')))));
      assert(JSON.stringify(jac) === '[[1,-7,5],[0,1.4,2.1]]', `Jacobian ${JSON.stringify(jac)}`);
      assert(JSON.stringify(vector(await page.textContent('#jvp'))) === '[-7,1.4]', 'jvp with v = e2');
      assert(JSON.stringify(vector(await page.textContent('#vjp'))) === '[1,-7,5]', 'vjp with u = e1');
      assert(!(await page.isHidden('#seed-box')), 'u can be chosen for a vector function');
      // The backward tables use u; the last row is uᵀJ.
      const g = vector(await page.textContent('[data-table="adjoints"] tr.gradient td.value .num'));
      assert(JSON.stringify(g) === '[1,-7,5]', `uᵀJ = ${g}`);
      await page.fill('#seed', '0, 1');
      await page.press('#seed', 'Enter');
      await page.waitForFunction(() => location.search.includes('u=0'));
      assert(JSON.stringify(vector(await page.textContent('#vjp'))) === '[0,1.4,2.1]', 'vjp with u = e2 is the second row');
      await shot('vector-g');
    },
  },
  {
    name: 'a typo shows in place with its position; the last graph stays',
    fn: async ({ page, base, shot }) => {
      await open(page, base);
      await page.fill('#expr', 'sin(t1*t2) + exq(t2)');
      await page.press('#expr', 'Enter');
      await page.waitForSelector('#expr-error:not([hidden])');
      const msg = await page.textContent('#expr-error .msg');
      assert(msg === "unknown function 'exq' at 13..16", msg);
      const caret = await page.textContent('#expr-error .caret');
      assert(caret === `${' '.repeat(13)}^^^`, `the caret is under 'exq': '${caret}'`);
      assert(await page.getAttribute('#expr', 'aria-invalid') === 'true', 'the box is marked');
      assert(await page.$('[data-table="tangents"] tr[data-node="6"]'), 'the last valid graph stays');
      await shot('typo');
      // A bad coordinate: in place too.
      await page.fill('[data-j="1"]', 'pi/');
      await page.press('[data-j="1"]', 'Enter');
      await page.waitForSelector('#point-error:not([hidden])');
      assert((await page.textContent('#point-error .msg')).startsWith('θ1: missing operand'), 'the point says what is wrong');
      // Fixing it clears the errors.
      await page.fill('[data-j="1"]', 'pi/3');
      await page.press('[data-j="1"]', 'Enter');
      await page.waitForSelector('#point-error', { state: 'hidden' });
      await page.fill('#expr', 'sin(t1*t2) + exp(t2)');
      await page.press('#expr', 'Enter');
      await page.waitForSelector('#expr-error', { state: 'hidden' });
      const [a1] = await valueLines(page, 'tangents', 'data-node', 1);
      close(lastNumber(a1), 2 * PI / 3, 'a1 = θ1 θ2 at θ1 = π/3');
      assert(page.url().includes('at=pi/3,2&'), `the typed point is in the link: ${page.url()}`);
    },
  },
  {
    name: 'the gradient check: small errors in the table, the chart is drawn',
    fn: async ({ page, base, shot }) => {
      await open(page, base);
      const errs = await page.$$eval('#check-table tbody td.err.ctr', (tds) => tds.map((td) => Number(td.title)));
      assert(errs.length === 3 && errs.every((e) => e < 1e-8), `central differences agree at h = 1e-6: ${errs}`);
      const fwd = await page.$$eval('#check-table tbody td.err.fwd', (tds) => tds.map((td) => Number(td.title)));
      assert(fwd.every((e) => e < 1e-5), `forward differences too: ${fwd}`);
      assert(await distinctColours(page, 'check-chart') > 20, 'the chart is not blank');
      const blue = await countColour(page, 'check-chart', [0, 114, 178], 30);
      const red = await countColour(page, 'check-chart', [213, 94, 0], 30);
      assert(blue > 200 && red > 200, `both curves are drawn (${blue}, ${red})`);
      // A large step: truncation error.
      await page.selectOption('#h', { label: '0.1' });
      await page.waitForFunction(() => location.search.includes('h=0.1'));
      const big = await page.$$eval('#check-table tfoot td.err.fwd', (tds) => Number(tds[0].title));
      assert(big > 1e-3, `forward difference at h = 0.1: ${big}`);
      await page.locator('.check-card').scrollIntoViewIfNeeded();
      await shot('gradient-check');
    },
  },
  {
    name: "the playground's link opens the explorer on x^2 + y^2 at (1, 2)",
    fn: async ({ page, base, shot }) => {
      await open(page, base, '?expr=x^2%2By^2&at=1,2');
      assert((await page.inputValue('#expr')) === 'x^2+y^2', 'the function');
      const names = await page.$$eval('#point .coord .name', (s) => s.map((x) => x.textContent));
      assert(JSON.stringify(names) === '["θ1 = x =","θ2 = y ="]', `the playground's variable names: ${names}`);
      assert((await page.inputValue('[data-j="2"]')) === '2', 'the point');
      assert(await page.isHidden('#notices'), 'nothing was ignored');
      const jac = await page.$$eval('#jacobian td', (tds) => tds.map((td) => Number(td.textContent)));
      assert(JSON.stringify(jac) === '[2,4]', `∇C(1, 2) = ${jac}`);
      assert(page.url().includes('expr=x%5E2%2By%5E2&at=1,2'), `the one percent codec writes it back: ${page.url()}`);
      // A function of x alone from the playground keeps θ = (x, y).
      await open(page, base, '?expr=x^2&at=3,4');
      const jac2 = await page.$$eval('#jacobian td', (tds) => tds.map((td) => Number(td.textContent)));
      assert(JSON.stringify(jac2) === '[6,0]', `∇(x²) at (3, 4) = ${jac2}`);
      await shot('playground-link');
      // The header links back.
      assert((await page.getAttribute('#back', 'href')) === './', 'a link back to the playground');
    },
  },
  {
    name: 'hostile links are never inserted as HTML and fall back to defaults',
    fn: async ({ page, base, shot }) => {
      await open(page, base, '?expr=%3Cimg%20src%3Dx%20onerror%3Dwindow.hacked%3D1%3E&at=%3Cb%3E1%3C/b%3E&mode=%3Cscript%3E&j=1e9&h=NaN');
      assert(await page.evaluate(() => window.hacked === undefined), 'no handler ran');
      assert(!(await page.isHidden('#notices')), 'the notices say what was ignored');
      assert(await page.$$eval('#notices img, #notices b, #notices script', (x) => x.length) === 0, 'no element from the link');
      const text = await page.textContent('#notices');
      assert(text.includes('<img src=x'), `shown as text: ${text}`);
      assert((await page.inputValue('#expr')) === 'sin(t1*t2) + exp(t2+t3) - 2*t3', 'the default function');
      await shot('hostile');
    },
  },
  {
    name: 'a panic inside the core shows in the page',
    fn: async ({ page, base, shot }) => {
      await open(page, base);
      await page.evaluate(() => window.autodiff.debugPanic());
      await page.waitForSelector('#banner:not([hidden])');
      const text = await page.textContent('#banner-text');
      assert(text.includes('deliberate panic'), `the banner shows the panic: ${text}`);
      await shot('panic');
    },
  },
  {
    name: 'a narrow iframe and a ~40-node graph stay readable',
    fn: async ({ page, base, shot }) => {
      await page.setViewportSize({ width: 380, height: 800 });
      await open(page, base);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 1, `no sideways scrolling of the page (${overflow}px)`);
      await shot('narrow');
      await page.setViewportSize({ width: 1280, height: 860 });
      const option = await page.$$eval('#preset option', (os) => os.find((o) => o.textContent.includes('40 nodes')).value);
      await page.selectOption('#preset', option);
      await page.waitForFunction(() => location.search.includes('tanh'));
      const nodes = await page.$$eval('[data-table="adjoints"] tr[data-node]', (r) => r.length);
      assert(nodes >= 20, `a big graph (${nodes} nodes)`);
      const size = await page.evaluate(() => { const c = document.getElementById('graph'); return [c.clientWidth, c.clientHeight]; });
      assert(size[1] >= 9 * 80, `the canvas grows with the graph: ${size}`);
      await shot('network');
    },
  },
];
