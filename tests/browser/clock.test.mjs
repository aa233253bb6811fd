// The session's clock in real Chromium: it ends at 10⁶ steps (what a link
// carries), and then every lane, one added mid-run too, says it stopped.
import path from 'node:path';
import { assert, OUT } from './harness.mjs';

const ready = (page) => page.waitForSelector('[data-ready="true"]');
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
async function settle(page, timeout = 60000) {
  await page.waitForFunction(() => document.getElementById('progress').hidden, null, { timeout });
  await frames(page);
}

export const tests = [
  {
    name: 'a lane added mid-run reads "stopped" when the clock reaches 10⁶ steps, and Play stops',
    fn: async ({ page, base }) => {
      await page.setViewportSize({ width: 1400, height: 900 });
      // The first lane joined 10 steps before the clock stands (so opening is quick); 1000 steps are left.
      await page.goto(`${base}?f=rosenbrock&start=-1.2,1&tol=0&o=gd(lr=0.0001,from=998990)&steps=999000&speed=50`);
      await ready(page);
      await settle(page);
      await page.selectOption('#add-lane', 'momentum');
      await frames(page);
      assert((await page.$$('#lanes li.lane')).length === 2, 'the lane was added');
      await page.click('#play');
      await page.waitForFunction(() => window.saddle.ctx.app.clock() === 1000000, null, { timeout: 30000 });
      // Play gives up by itself: nothing can run any more.
      await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false', null, { timeout: 5000 });
      await page.waitForTimeout(300);
      const cards = await page.$$eval('#lanes li.lane', (lis) => lis.map((li) => ({
        badge: li.querySelector('.badge').textContent, text: li.querySelector('.lane-status').textContent,
      })));
      for (const [k, c] of cards.entries()) {
        assert(c.badge === 'stopped', `lane ${k}'s badge: ${c.badge} (${c.text})`);
        assert(/iteration limit \(\d+ iterations\)/.test(c.text), `lane ${k}'s status: ${c.text}`);
      }
      assert(/\(1010 iterations\)/.test(cards[0].text) && /\(1000 iterations\)/.test(cards[1].text), `each lane ran to the clock's end: ${cards.map((c) => c.text)}`);
      const status = await page.$$eval('#race tbody tr', (trs) => trs.map((tr) => tr.cells[8].textContent));
      assert(status.every((s) => s === 'stopped'), `the race summary: ${status}`);
      await page.locator('.side').screenshot({ path: path.join(OUT, 'clock-stopped-lanes.png') });
    },
  },
];
