// A link is the whole scene, in real Chromium: a property test edits a scene
// at random as a person would (lanes added, removed, restarted and given other
// methods, hyperparameters and labels changed mid-run, steps and play, the
// chart tab and x-axis, zoom and pan, the selected lane, the scrubber, the
// 3-D view and its rotation), copies the link, and checks that it reopens an
// identical page with identical iterates, and that the command line prints
// the same iterates for it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { assert, ROOT } from './harness.mjs';

const cli = path.join(ROOT, 'target', 'debug', 'saddle');
const ready = (page) => page.waitForSelector('[data-ready="true"]');
const settled = (page) => page.waitForFunction(() => window.saddle && window.saddle.ctx.target === 0, null, { timeout: 60000 });

/** A small seeded generator, so a failing case can be replayed. */
function rng(seed) {
  let s = seed >>> 0;
  return (n) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
}

const METHODS = ['gd', 'momentum', 'adam', 'nesterov', 'rmsprop', 'lbfgs', 'bfgs'];

/** Everything a person sees that a link must bring back. */
function state(page) {
  return page.evaluate(() => {
    const app = window.saddle.ctx.app;
    const lanes = app.lanes().map((l, k) => ({
      text: l.lane.text, label: l.lane.label, status: l.label,
      iters: Array.from(app.laneIters(k)), theta: Array.from(app.laneTheta(k)),
    }));
    const tab = document.querySelector('[data-chart][aria-selected="true"]').dataset.chart;
    return {
      query: app.query(), lanes, tab,
      axis: document.getElementById('x-axis').value,
      selected: app.selected(),
      selectedCard: [...document.querySelectorAll('#lanes li')].findIndex((li) => li.classList.contains('selected')),
      cursor: app.cursor(),
      timeline: document.getElementById('timeline').value,
      surface: !document.getElementById('surface').hidden,
      rotation: Array.from(app.rotation()),
      view: [[60, 60], [300, 200], [500, 400]].map(([x, y]) => Array.from(app.pointAt(x, y))),
      start: Array.from(app.start()),
    };
  });
}

/** One edit, as a person makes it; returns what it did (for the failure message). */
async function edit(page, r) {
  const lanes = await page.locator('#lanes li').count();
  const k = r(Math.max(1, lanes));
  const card = `#lanes li:nth-child(${k + 1})`;
  const map = await page.locator('#main').boundingBox();
  const surface = await page.isVisible('#surface');
  switch (r(16)) {
    case 0: case 1: {
      const n = 1 + r(4);
      for (let i = 0; i < n; i++) await page.click('#step');
      return `step ×${n}`;
    }
    case 2: {
      await page.click('#play');
      await page.waitForTimeout(120 + r(200));
      if ((await page.textContent('#play')).includes('Pause')) await page.click('#play');
      return 'play a moment';
    }
    case 3: {
      const box = page.locator(`${card} input[aria-label="lr"]`);
      if (!(await box.count())) return 'no lr';
      const v = String((1 + r(40)) / 1000);
      await box.fill(v);
      await box.press('Enter');
      return `lane ${k + 1} lr = ${v}`;
    }
    case 4: {
      if (lanes >= 6) return 'full';
      const m = METHODS[r(METHODS.length)];
      await page.selectOption('#add-lane', m);
      return `add ${m}`;
    }
    case 5: {
      if (lanes < 2) return 'one lane';
      await page.click(`${card} button.remove`);
      return `remove lane ${k + 1}`;
    }
    case 6: {
      const m = METHODS[r(METHODS.length)];
      await page.locator(`${card} select`).first().selectOption(m);
      return `lane ${k + 1} becomes ${m}`;
    }
    case 7: {
      await page.click(`${card} button[aria-label^="Restart"]`);
      return `restart lane ${k + 1}`;
    }
    case 8: {
      const tabs = await page.$$eval('[data-chart]', (bs) => bs.filter((b) => !b.hidden).map((b) => b.dataset.chart));
      const t = tabs[r(tabs.length)];
      await page.click(`[data-chart="${t}"]`);
      return `tab ${t}`;
    }
    case 9: {
      const a = ['iterations', 'evaluations'][r(2)];
      await page.selectOption('#x-axis', a);
      return `axis ${a}`;
    }
    case 10: {
      if (surface) return 'in 3-D';
      await page.locator('#main').focus();
      await page.mouse.move(map.x + map.width * (0.2 + r(6) / 10), map.y + map.height * (0.2 + r(6) / 10));
      await page.mouse.wheel(0, r(2) ? -300 : 250);
      return 'zoom';
    }
    case 11: {
      if (surface) {
        const s = await page.locator('#surface').boundingBox();
        await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
        await page.mouse.down();
        await page.mouse.move(s.x + s.width / 2 + 30 + r(60), s.y + s.height / 2 + r(30), { steps: 4 });
        await page.mouse.up();
        return 'rotate';
      }
      const x = map.x + map.width * (0.2 + r(6) / 10);
      const y = map.y + map.height * (0.2 + r(6) / 10);
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + 40 - r(80), y + 40 - r(80), { steps: 5 });
      await page.mouse.up();
      return 'drag on the map';
    }
    case 12: {
      await page.click(`${card} .lane-status`);
      return `select lane ${k + 1}`;
    }
    case 13: {
      const max = Number(await page.getAttribute('#timeline', 'max'));
      if (max < 2) return 'nothing to scrub';
      const t = 1 + r(max - 1);
      await page.locator('#timeline').evaluate((el, t) => { el.value = String(t); el.dispatchEvent(new Event('input', { bubbles: true })); }, t);
      return `scrub to ${t}`;
    }
    case 14: {
      const box = page.locator(`${card} input[aria-label="label"]`);
      const name = `run ${r(100)}`;
      await box.fill(name);
      await box.press('Enter');
      return `lane ${k + 1} label ${name}`;
    }
    default: {
      await page.click(surface ? '#view-map' : '#view-3d');
      return surface ? 'map' : '3-D';
    }
  }
}

/**
 * The command line's iterates for a link: every lane's iterations and
 * flattened θ. `--steps` says the link's own steps, also when it has none
 * (a scene at t = 0), where the command line would otherwise run 1000.
 */
function cliPaths(query, steps) {
  const out = JSON.parse(execFileSync(cli, ['run', '--url', query, '--steps', String(steps), '--format', 'json'], { maxBuffer: 1 << 28 }).toString());
  return out.lanes.map((l) => ({ iters: l.iter, theta: l.theta.flat() }));
}

function same(a, b, what) {
  assert(a.length === b.length, `${what}: ${a.length} vs ${b.length} entries`);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) throw new Error(`${what}: entry ${i} differs: ${a[i]} vs ${b[i]}`);
  }
}

export const tests = [
  {
    name: 'a property test: a scene edited at random reopens from its link identical, iterate for iterate, and the command line agrees',
    fn: async ({ page, base, shot, errors }) => {
      const starts = [
        '?f=himmelblau&start=-1.8,2.4&o=gd(lr=0.01)&o=adam(lr=0.05)&o=momentum(lr=0.01)',
        '?f=rosenbrock&start=-1.2,1&o=gd(lr=0.001)&o=gd(lr=0.001,noise=0.5)&o=lbfgs',
        '?data=linreg(n=30)&o=gd(lr=0.05,batch=4)&o=adam(lr=0.05,batch=1)&o=gd(lr=0.05)',
      ];
      const trials = Number(process.env.LINK_TRIALS || starts.length * 2);
      for (let trial = 0; trial < trials; trial++) {
        const r = rng(1000 + trial);
        await page.goto(`${base}${starts[trial % starts.length]}`);
        await ready(page);
        const done = [];
        for (let i = 0; i < 12; i++) {
          done.push(await edit(page, r));
          await page.waitForTimeout(30);
        }
        await page.click('#copy-link');
        await page.waitForFunction(() => document.getElementById('copy-link').dataset.copied !== undefined);
        const link = page.url();
        const before = await state(page);
        assert(link.endsWith(`?${before.query}`), `the address bar is the link: ${link} vs ${before.query}`);
        const what = `trial ${trial} (${done.join(', ')}): ${link}`;
        const other = await page.context().newPage();
        await other.goto(link);
        await ready(other);
        await settled(other);
        await other.waitForTimeout(100);
        const after = await state(other);
        for (const key of ['query', 'tab', 'axis', 'selected', 'selectedCard', 'cursor', 'timeline', 'surface', 'rotation', 'view', 'start']) {
          assert(JSON.stringify(after[key]) === JSON.stringify(before[key]), `${what}: ${key} ${JSON.stringify(before[key])} reopened as ${JSON.stringify(after[key])}`);
        }
        assert(after.lanes.length === before.lanes.length, `${what}: lanes`);
        before.lanes.forEach((l, k) => {
          assert(after.lanes[k].text === l.text && after.lanes[k].label === l.label && after.lanes[k].status === l.status, `${what}: lane ${k + 1}: ${l.text} ${l.status} vs ${after.lanes[k].text} ${after.lanes[k].status}`);
          same(after.lanes[k].iters, l.iters, `${what}: lane ${k + 1} iterations`);
          same(after.lanes[k].theta, l.theta, `${what}: lane ${k + 1} θ`);
        });
        const cliLanes = cliPaths(before.query, await page.evaluate(() => window.saddle.ctx.app.clock()));
        assert(cliLanes.length === before.lanes.length, `${what}: the command line has every lane`);
        cliLanes.forEach((l, k) => {
          same(l.iters, before.lanes[k].iters, `${what}: lane ${k + 1} iterations on the command line`);
          same(l.theta, before.lanes[k].theta, `${what}: lane ${k + 1} θ on the command line`);
        });
        if (trial === 0) await shot('edited');
        if (trial === 0) await other.screenshot({ path: path.join(ROOT, 'test-output', 'links-reopened.png'), fullPage: true });
        await other.close();
      }
      errors.length = 0; // alerts of refused edits are not errors of the page
    },
  },
];
