// The playground at the widths people use it, in real Chromium: the race
// summary under the charts shows every column inside its box (a card per
// lane on a phone), and the "Along the ray" chart's legend hides neither the
// α marker, nor its label, nor a probe.
import path from 'node:path';
import { assert, OUT } from './harness.mjs';

const ready = (page) => page.waitForSelector('[data-ready="true"]');
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
async function settle(page, timeout = 60000) {
  await page.waitForFunction(() => document.getElementById('progress').hidden, null, { timeout });
  await frames(page);
}

/** The phone, the embed's 640 × 760 frame, a small and two large desktops. */
const SIZES = [[420, 800], [640, 760], [1024, 800], [1400, 900]];

/** Every cell of the race summary, where it is and whether its text fits it, and the box it sits in. */
const race = (page) => page.evaluate(() => {
  const wrap = document.querySelector('.race-wrap');
  const w = wrap.getBoundingClientRect();
  const cells = [...document.querySelectorAll('#race tbody td')].map((c) => {
    const r = c.getBoundingClientRect();
    return { text: c.textContent, left: r.left, right: r.right, clipped: c.scrollWidth > c.clientWidth + 1,
      label: getComputedStyle(c, '::before').content };
  });
  return { left: w.left, right: w.right, scroll: wrap.scrollWidth, client: wrap.clientWidth,
    page: document.scrollingElement.scrollWidth, inner: window.innerWidth, cells,
    headers: [...document.querySelectorAll('#race thead th')].map((h) => h.textContent) };
});

/**
 * Records what is drawn on the chart canvas since it was last cleared: the
 * legend's box (the translucent white rectangle), texts with their boxes,
 * vertical lines with their colour, and dots.
 */
async function recordChart(page) {
  await page.addInitScript(() => {
    const P = CanvasRenderingContext2D.prototype;
    const log = { boxes: [], texts: [], lines: [], dots: [] };
    window.__chart = log;
    let legendDrawn = false;
    const mine = (ctx) => ctx.canvas.id === 'chart';
    const fillRect = P.fillRect;
    P.fillRect = function (x, y, w, h) {
      if (mine(this)) {
        if (x === 0 && y === 0 && w === this.canvas.width && h === this.canvas.height) {
          for (const k of Object.keys(log)) log[k].length = 0;
          legendDrawn = false;
        } else if (/^rgba\(255, 255, 255, 0\.8/.test(String(this.fillStyle)) || /^rgba\(255,255,255,0\.8/.test(String(this.fillStyle))) {
          log.boxes.push([x, y, x + w, y + h]);
          legendDrawn = true; // the legend comes last: its swatches are not probes
        }
      }
      return fillRect.call(this, x, y, w, h);
    };
    const fillText = P.fillText;
    P.fillText = function (text, x, y, ...rest) {
      if (mine(this)) {
        const m = this.measureText(text);
        // plotters-canvas draws with textBaseline "top" unless it anchors otherwise.
        log.texts.push({ text: String(text), x, y, w: m.width, h: m.fontBoundingBoxAscent + m.fontBoundingBoxDescent, baseline: this.textBaseline, align: this.textAlign });
      }
      return fillText.call(this, text, x, y, ...rest);
    };
    let from = null;
    const moveTo = P.moveTo;
    P.moveTo = function (x, y) { from = [x, y]; return moveTo.call(this, x, y); };
    const lineTo = P.lineTo;
    P.lineTo = function (x, y) {
      if (mine(this) && from && Math.abs(from[0] - x) < 0.5 && Math.abs(from[1] - y) > 40) {
        log.lines.push({ x, top: Math.min(from[1], y), bottom: Math.max(from[1], y), style: null, ctx: this });
      }
      from = [x, y];
      return lineTo.call(this, x, y);
    };
    const stroke = P.stroke;
    P.stroke = function (...a) {
      if (mine(this)) for (const l of log.lines) if (l.ctx === this && l.style === null) { l.style = String(this.strokeStyle); delete l.ctx; }
      return stroke.call(this, ...a);
    };
    const arc = P.arc;
    P.arc = function (x, y, r, ...rest) {
      if (mine(this) && !legendDrawn) log.dots.push({ x, y, r });
      return arc.call(this, x, y, r, ...rest);
    };
  });
}

/** The chart's last drawing: legend boxes, the α label's box, the marker lines, the dots. */
const drawn = (page) => page.evaluate(() => {
  const log = window.__chart;
  const label = log.texts.find((t) => t.text.startsWith('α = '));
  return {
    boxes: log.boxes,
    label: label && [label.x, label.y, label.x + label.w, label.y + label.h],
    legend: log.texts.filter((t) => /C along the ray|accepted probe|rejected probes|Armijo line|Wolfe band/.test(t.text)).map((t) => t.text),
    // The α marker: darker than the grid (ink at 60 %).
    markers: log.lines.filter((l) => /0\.6\)$/.test(l.style || '')).map((l) => [l.x - 1, l.top, l.x + 1, l.bottom]),
    dots: log.dots.map((d) => [d.x - d.r, d.y - d.r, d.x + d.r, d.y + d.r]),
  };
});

const overlap = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

export const tests = [
  {
    name: 'the race summary shows every column inside its box at 420, 640, 1024 and 1400 px, a card per lane when narrow',
    fn: async ({ page, base }) => {
      // Long runs, long counts (seven digits) and a long label: the widest rows the table gets.
      const q = 'f=rosenbrock&start=-1.2,1&tol=0&o=gd(lr=0.0001)&o=gd(ls=armijo,label=a very long label for a lane)&o=adam&steps=1000000';
      for (const [w, h] of SIZES) {
        await page.setViewportSize({ width: w, height: h });
        await page.goto(`${base}?${q}`);
        await ready(page);
        await settle(page, 120000);
        await page.waitForTimeout(300); // the summary redraws at most four times a second
        const t = await race(page);
        assert(t.page <= t.inner, `${w}: the page is ${t.page} px wide in a ${t.inner} px window`);
        assert(t.cells.length === 27, `${w}: 3 lanes × 9 cells: ${t.cells.length}`);
        assert(t.cells.some((c) => c.text === '1000000'), `${w}: the seven-digit count is there`);
        assert(t.scroll <= t.client + 1, `${w}: nothing hidden to scroll to (${t.scroll} px in a ${t.client} px box)`);
        for (const c of t.cells) {
          assert(c.left >= t.left - 0.5 && c.right <= t.right + 0.5, `${w}: "${c.text}" at ${c.left}–${c.right} is outside the box ${t.left}–${t.right}`);
          assert(!c.clipped, `${w}: "${c.text}" is cut in its cell`);
        }
        const cards = t.cells[1].label !== 'none' && t.cells[1].label !== 'normal';
        if (w === 420) {
          // A card per lane: each figure under its own label, as the header names it.
          assert(cards, `420: the cells carry their labels: ${t.cells[1].label}`);
          const labels = t.cells.slice(1, 9).map((c) => c.label);
          assert(/iterations/.test(labels[0]) && /time to tolerance/.test(labels[5]) && /status/.test(labels[7]), `420: labels ${labels}`);
          // The terse headers (C, ∇C, ∇²C) get their card labels from data-label.
          assert(/"C evals"/.test(labels[1]) && /"∇C evals"/.test(labels[2]) && /"∇²C evals"/.test(labels[3]), `420: count labels ${labels}`);
        }
        if (w >= 1400) assert(!cards, `${w}: a plain table`);
        // For screen readers it is the same table, with its nine column headers.
        assert((await page.getByRole('columnheader').count()) === 9, `${w}: nine column headers`);
        assert((await page.getByRole('cell', { name: 'a very long label for a lane' }).count()) === 1, `${w}: the lane is a cell`);
        await page.locator('.charts').screenshot({ path: path.join(OUT, `narrow-race-${w}.png`) });
      }
    },
  },
  {
    name: "the ray chart's legend hides neither the α marker, nor its label, nor a probe, at every page width",
    fn: async ({ page, base }) => {
      await recordChart(page);
      for (const lane of ['gd(ls=armijo)', 'lbfgs']) {
        for (const [w, h] of SIZES) {
          await page.setViewportSize({ width: w, height: h });
          await page.goto(`${base}?f=rosenbrock&start=0.8,0&o=${lane}&steps=1&chart=ray`);
          await ready(page);
          await settle(page);
          await page.waitForFunction(() => window.__chart.texts.some((t) => t.text.startsWith('α = ')), null, { timeout: 10000 });
          const d = await drawn(page);
          const at = `${lane} at ${w}×${h}`;
          assert(d.boxes.length === 1, `${at}: one legend box: ${JSON.stringify(d.boxes)}`);
          assert(d.legend.length >= 4, `${at}: the legend's lines: ${d.legend}`);
          assert(d.label, `${at}: the α label is drawn`);
          assert(d.markers.length === 1, `${at}: the α marker line is drawn: ${JSON.stringify(d.markers)}`);
          assert(d.dots.length >= 1, `${at}: the probes are drawn`);
          const box = d.boxes[0];
          for (const [what, r] of [['the α label', d.label], ['the α marker', d.markers[0]], ...d.dots.map((r) => ['a probe', r])]) {
            assert(!overlap(box, r), `${at}: the legend ${box.map(Math.round)} covers ${what} ${r.map(Math.round)}`);
          }
          await page.locator('#chart').screenshot({ path: path.join(OUT, `narrow-ray-${lane.replace(/[^a-z]+/g, '-').replace(/-$/, '')}-${w}.png`) });
        }
      }
    },
  },
];
