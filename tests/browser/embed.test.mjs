// The playground inside course notes, in real Chromium: embed mode fits any
// iframe from 320×480 up without scrolling, the notes example drives its
// embed through every command of the postMessage protocol and hears every
// event, messages of the wrong shape change nothing, and on a phone a swipe
// over the sleeping map scrolls the notes while a pinch zooms the awake one.
import fs from 'node:fs';
import path from 'node:path';
import { assert, OUT } from './harness.mjs';

const SCENE = 'f=rosenbrock&o=adam(lr=0.05)&o=gd(lr=0.001)&o=momentum(lr=0.001)';

/** A plain page of notes with the scene in an iframe of w×h CSS pixels. */
const notesPage = (base, w, h) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Notes</title></head>
<body style="margin:0;padding:16px;font-family:serif"><h1>Some notes</h1><p>Text before the scene.</p>
<iframe id="scene" title="saddle" src="${base}?${SCENE}&embed=1" width="${w}" height="${h}" style="border:0"></iframe>
<p>Text after the scene.</p></body></html>`;

/** Opens a plain notes page (served at base/fit-notes.html) and returns the embed's frame once ready. */
async function embedIn(page, base, w, h) {
  await page.route(`${base}fit-notes.html`, (route) => route.fulfill({ contentType: 'text/html', body: notesPage(base, w, h) }));
  await page.goto(`${base}fit-notes.html`);
  const frame = await (await page.waitForSelector('#scene')).contentFrame();
  await frame.waitForSelector('[data-ready="true"]');
  await frame.waitForTimeout(300);
  return frame;
}

/** What the embed shows, measured from its DOM: every part inside its viewport, no scrolling. */
function measure(frame) {
  return frame.evaluate(() => {
    const vw = innerWidth;
    const vh = innerHeight;
    const parts = {};
    for (const [name, sel] of Object.entries({ map: '#canvas-wrap', play: '#play', step: '#step', reset: '#reset', iter: '.iter', chart: '#chart', open: '#open-full' })) {
      const el = document.querySelector(sel);
      const r = el.getBoundingClientRect();
      const shown = el.checkVisibility() && r.width > 0 && r.height > 0;
      parts[name] = { shown, inside: r.left >= -0.5 && r.top >= -0.5 && r.right <= vw + 0.5 && r.bottom <= vh + 0.5, w: Math.round(r.width), h: Math.round(r.height), top: Math.round(r.top), left: Math.round(r.left), right: Math.round(r.right) };
    }
    const doc = document.documentElement;
    return { vw, vh, scrollW: doc.scrollWidth, scrollH: doc.scrollHeight, parts };
  });
}

function assertFits(m, what) {
  assert(m.scrollH <= m.vh && m.scrollW <= m.vw, `${what}: no scrolling (content ${m.scrollW}×${m.scrollH} in ${m.vw}×${m.vh})`);
  for (const [name, p] of Object.entries(m.parts)) {
    assert(p.shown && p.inside, `${what}: ${name} shows inside the frame: ${JSON.stringify(p)}`);
  }
  assert(m.parts.map.h >= 120 && m.parts.map.w >= 200, `${what}: the map has room (${m.parts.map.w}×${m.parts.map.h})`);
  assert(m.parts.chart.h >= 100 && m.parts.chart.w >= 200, `${what}: the chart has room (${m.parts.chart.w}×${m.parts.chart.h})`);
}

/** Every message the notes example received from its embed. */
const received = (page, event) => page.evaluate((event) => window.notesLog.filter((m) => m.event === event), event);
const reply = (page, to, id) => page.waitForFunction(({ to, id }) => window.notesLog.find((m) => m.event === 'reply' && m.to === to && (id === undefined || m.id === id)), { to, id });

/** The embedded app's state, read inside the frame. */
const state = (frame) => frame.evaluate(() => {
  const app = window.saddle.ctx.app;
  return { query: app.query(), t: app.maxIter(), cursor: app.cursor(), playing: window.saddle.ctx.playing, lanes: app.lanes().map((l) => l.lane.text), theta: app.lanes().map((l) => l.theta) };
});

async function openNotes(page, base) {
  await page.goto(`${base}examples/notes.html`);
  await page.waitForFunction(() => window.notesLog?.some((m) => m.event === 'ready'), null, { timeout: 20000 });
  const frame = await (await page.$('#scene')).contentFrame();
  return frame;
}

/** Real touch input through the browser's input pipeline (CDP). */
async function touch(cdp, type, points) {
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 4, radiusY: 4, force: 1 })) });
}

async function swipe(cdp, from, to, steps = 10) {
  await touch(cdp, 'touchStart', [from]);
  for (let i = 1; i <= steps; i++) {
    await touch(cdp, 'touchMove', [[from[0] + ((to[0] - from[0]) * i) / steps, from[1] + ((to[1] - from[1]) * i) / steps]]);
    await new Promise((r) => setTimeout(r, 16));
  }
  await touch(cdp, 'touchEnd', []);
}

async function tap(cdp, at) {
  await touch(cdp, 'touchStart', [at]);
  await new Promise((r) => setTimeout(r, 40));
  await touch(cdp, 'touchEnd', []);
}

/** A screenshot through CDP, which keeps the phone's emulated metrics (page.screenshot resets them). */
async function phoneShot(cdp, name) {
  const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
  fs.writeFileSync(path.join(OUT, `embed-${name}.png`), Buffer.from(data, 'base64'));
}

/** A phone: 420×800 CSS pixels at device pixel ratio 2, with touch. */
async function phone(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 420, height: 800, deviceScaleFactor: 2, mobile: true });
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
  return cdp;
}

export const tests = [
  {
    name: 'embed mode shows map, controls and chart without scrolling at 640×760 and 320×480 (the legends, drawn on them by the core, come with them)',
    fn: async ({ page, base, shot }) => {
      await page.setViewportSize({ width: 1000, height: 900 });
      for (const [w, h, layout] of [[640, 760, 'stacked'], [320, 480, 'stacked']]) {
        const frame = await embedIn(page, base, w, h);
        const m = await measure(frame);
        assert(m.vw === w && m.vh === h, `the frame is ${w}×${h}: ${m.vw}×${m.vh}`);
        assertFits(m, `${w}×${h}`);
        assert(layout !== 'stacked' || m.parts.chart.top >= m.parts.map.top + m.parts.map.h, `${w}×${h}: stacked`);
        await frame.click('#play');
        await frame.waitForTimeout(600);
        await frame.click('#play');
        await page.locator('#scene').screenshot({ path: path.join(OUT, `embed-fit-${w}x${h}.png`) });
        await shot(`notes-${w}x${h}`);
      }
    },
  },
  {
    name: 'embed mode fits every iframe size from 320×480 up, side by side when wide',
    fn: async ({ page, base }) => {
      await page.setViewportSize({ width: 1400, height: 1000 });
      for (const [w, h] of [[320, 480], [360, 640], [420, 520], [480, 640], [560, 480], [700, 560], [900, 520], [1200, 700], [640, 1000]]) {
        const frame = await embedIn(page, base, w, h);
        const m = await measure(frame);
        assertFits(m, `${w}×${h}`);
        const side = m.parts.chart.left >= m.parts.map.right;
        assert(side === (w / h >= 1.2 && w >= 600), `${w}×${h}: ${side ? 'side by side' : 'stacked'}`);
      }
    },
  },
  {
    name: 'the Embed dialog offers sizes and previews the snippet',
    fn: async ({ page, base, shot }) => {
      await page.goto(`${base}?${SCENE}`);
      await page.waitForSelector('[data-ready="true"]');
      await page.click('#embed-open');
      const code = await page.inputValue('#embed-code');
      assert(code.includes('width="640" height="760"') && code.includes('embed=1'), code);
      const preview = await (await page.waitForSelector('#embed-frame iframe')).contentFrame();
      await preview.waitForSelector('[data-ready="true"]');
      assert(await preview.evaluate(() => document.body.classList.contains('embed')), 'the preview is the embed');
      await page.check('input[name="embed-size"][value="320x480"]');
      const small = await page.inputValue('#embed-code');
      assert(small.includes('width="320" height="480"'), small);
      const frame = await (await page.waitForSelector('#embed-frame iframe[width="320"]')).contentFrame();
      await frame.waitForSelector('[data-ready="true"]');
      assertFits(await measure(frame), 'the 320×480 preview');
      await page.check('input[name="embed-size"][value="fluid"]');
      assert((await page.inputValue('#embed-code')).includes('width:100%;height:760px'), 'full width');
      await shot('embed-dialog');
    },
  },
  {
    name: '"open in saddle" opens the full playground on the same scene',
    fn: async ({ page, base }) => {
      const frame = await embedIn(page, base, 640, 760);
      await frame.click('#step');
      await frame.click('#step');
      const href = await frame.getAttribute('#open-full', 'href');
      assert(!href.includes('embed='), `the full page: ${href}`);
      assert((await frame.getAttribute('#open-full', 'target')) === '_blank', 'in a new tab');
      const full = await page.context().newPage();
      await full.goto(new URL(href, frame.url()).href);
      await full.waitForSelector('[data-ready="true"]');
      assert(await full.isVisible('.side'), 'the lanes panel shows');
      const lanes = await full.evaluate(() => window.saddle.ctx.app.lanes().map((l) => l.lane.text));
      assert(JSON.stringify(lanes) === JSON.stringify((await state(frame)).lanes), `same lanes: ${lanes}`);
      await full.close();
    },
  },
  {
    name: 'the wheel scrolls the notes past a sleeping map and zooms it once clicked',
    fn: async ({ page, base }) => {
      await page.setViewportSize({ width: 800, height: 600 });
      const frame = await embedIn(page, base, 640, 760);
      const probe = () => frame.evaluate(() => Array.from(window.saddle.ctx.app.pointAt(100, 100)));
      const p0 = await probe();
      const box = await page.locator('#scene').boundingBox();
      await page.mouse.move(box.x + 300, box.y + 250);
      await page.mouse.wheel(0, 300);
      await page.waitForTimeout(300);
      assert((await page.evaluate(() => scrollY)) > 0, 'the notes page scrolled');
      assert(JSON.stringify(await probe()) === JSON.stringify(p0), 'the map did not zoom');
      assert(await frame.isVisible('#map-hint'), 'the hint says how to zoom');
      assert(/Click the map/.test(await frame.textContent('#map-hint')), 'it says so');
      await frame.locator('#main').focus();
      const y = await page.evaluate(() => scrollY);
      const b = await page.locator('#scene').boundingBox();
      await page.mouse.move(b.x + 300, b.y + 250);
      await page.mouse.wheel(0, -300);
      await page.waitForTimeout(300);
      assert(JSON.stringify(await probe()) !== JSON.stringify(p0), 'the awake map zooms');
      assert((await page.evaluate(() => scrollY)) === y, 'and the notes stay put');
    },
  },
  {
    name: 'the notes example drives its embed through every command and hears every event',
    fn: async ({ page, base, shot }) => {
      const frame = await openNotes(page, base);
      const ready = (await received(page, 'ready'))[0];
      assert(ready.protocol === 1 && ready.link.includes('f=elongated') && ready.t === 0, JSON.stringify(ready));
      await page.waitForFunction(() => window.notesLog.some((m) => m.event === 'resize'));
      const resize = (await received(page, 'resize'))[0];
      assert(resize.width > 300 && resize.height > 400, `resize: ${JSON.stringify(resize)}`);
      // step {n}
      await page.click('#run10');
      await reply(page, 'step');
      assert((await state(frame)).t === 10, 'run 10 steps');
      await page.waitForFunction(() => window.notesLog.some((m) => m.event === 'step' && m.t === 10));
      // get
      await page.click('#where');
      const got = await (await reply(page, 'get')).jsonValue();
      assert(got.t === 10 && got.lanes.length === 1 && got.lanes[0].iter === 10 && got.lanes[0].status === 'running', JSON.stringify(got));
      assert(got.lanes[0].theta.length === 2 && Number.isFinite(got.lanes[0].loss) && got.link === (await state(frame)).query, 'θ, loss and link');
      assert((await page.textContent('#answer')).startsWith('t = 10:'), 'the notes show it');
      // set {query}: a new β continues the run
      const before = await state(frame);
      await page.click('#beta99');
      await reply(page, 'set');
      const after = await state(frame);
      assert(after.lanes[0] === 'momentum(lr=0.01,beta=0.99)' && after.t === 10, `β changed mid-run: ${JSON.stringify(after)}`);
      assert(JSON.stringify(after.theta) === JSON.stringify(before.theta), 'from where it was');
      assert(await frame.evaluate(() => document.querySelector('#lanes li [aria-label="beta"]').value) === '0.99', 'the page shows it');
      await page.click('#run10');
      await page.waitForFunction(() => window.notesLog.filter((m) => m.to === 'step').length === 2);
      // seek {t}
      await page.click('#back5');
      await reply(page, 'seek');
      assert((await state(frame)).cursor === 5, 'looking back at t = 5');
      await page.click('#where');
      await page.waitForFunction(() => window.notesLog.filter((m) => m.to === 'get').length === 2);
      const back = (await page.evaluate(() => window.notesLog.filter((m) => m.to === 'get')))[1];
      assert(back.cursor === 5 && back.lanes[0].iter === 5 && back.lanes[0].status === 'history', JSON.stringify(back.lanes[0]));
      // compare with Adam: set, reset, play
      await page.click('#adam');
      await reply(page, 'play');
      const racing = await state(frame);
      assert(racing.lanes.length === 2 && racing.lanes[1] === 'adam(lr=0.05)' && racing.playing, JSON.stringify(racing));
      assert(await page.evaluate(() => window.notesLog.some((m) => m.to === 'reset' && m.ok)), 'reset answered');
      await page.waitForFunction(() => window.notesLog.some((m) => m.event === 'step' && m.playing && m.t > 5));
      // pause
      await page.click('#pause');
      await reply(page, 'pause');
      assert(!(await state(frame)).playing, 'paused');
      // status: a lane converges; a big step runs a slice per frame and answers when done
      const id = await page.evaluate(() => { document.getElementById('scene').contentWindow.postMessage({ saddle: 1, command: 'step', n: 20000, id: 'far' }, '*'); return 'far'; });
      const far = await (await reply(page, 'step', id)).jsonValue();
      const lanes = await frame.evaluate(() => window.saddle.ctx.app.lanes().map((l) => l.label));
      assert(far.ok && far.t > 20 && (far.t >= 20000 || lanes.every((l) => l !== 'running')), `ran to 20 000 or until every lane stopped: ${JSON.stringify(far)} ${lanes}`);
      await page.waitForFunction(() => window.notesLog.some((m) => m.event === 'status' && m.status === 'converged'));
      const status = (await received(page, 'status')).find((m) => m.status === 'converged');
      assert(status.name && status.message.startsWith('converged') && status.iter > 0, JSON.stringify(status));
      // reset
      await page.click('#reset');
      await page.waitForFunction(() => window.notesLog.filter((m) => m.to === 'reset').length === 2);
      assert((await state(frame)).t === 0, 'start over');
      await page.waitForFunction(() => window.notesLog.some((m) => m.event === 'status' && m.status === 'running'), null, { timeout: 3000 });
      await shot('notes-driven');
    },
  },
  {
    name: 'a message of the wrong shape, or from another window, changes nothing',
    fn: async ({ page, base }) => {
      const frame = await openNotes(page, base);
      await page.click('#run10');
      await reply(page, 'step');
      const before = await state(frame);
      const count = await page.evaluate(() => window.notesLog.length);
      await page.evaluate(() => {
        const w = document.getElementById('scene').contentWindow;
        const bad = [
          'step', ['step'], 42, null, { command: 'step', n: 3 }, { saddle: 2, command: 'step', n: 3 }, { saddle: '1', command: 'step' },
          { saddle: 1, command: 'step', n: '3' }, { saddle: 1, command: 'step', n: 3.5 }, { saddle: 1, command: 'step', n: 0 },
          { saddle: 1, command: 'step', n: 1e9 }, { saddle: 1, command: 'step', n: 3, extra: true }, { saddle: 1, command: 'step', id: { x: 1 } },
          { saddle: 1, command: 'seek' }, { saddle: 1, command: 'seek', t: -1 }, { saddle: 1, command: 'set' }, { saddle: 1, command: 'set', query: 5 },
          { saddle: 1, command: 'set', query: 'f=bowl', steps: 3 }, { saddle: 1, command: 'eval', code: 'window.parent.__pwned = 1' },
          { saddle: 1, command: 'toString' }, { saddle: 1, command: '__proto__' }, { saddle: 1, command: 'constructor' }, { saddle: 1, command: 'reset', n: 1 },
          { saddle: 1, command: 'play', then: 'pause' }, JSON.stringify({ saddle: 1, command: 'reset' }), new Date(0), new Map([['saddle', 1]]),
        ];
        for (const m of bad) w.postMessage(m, '*');
        // A sibling frame (driven below) is not the parent.
        const other = document.createElement('iframe');
        other.name = 'sibling';
        document.body.append(other);
      });
      // Its commands are ignored too. (Run through DevTools: the notes' own
      // Content-Security-Policy rightly refuses an inline script in it.)
      await page.waitForFunction(() => document.querySelector('iframe[name=sibling]').contentWindow);
      const sibling = page.frames().find((f) => f.name() === 'sibling');
      assert(sibling, 'the sibling frame exists');
      await sibling.evaluate(() => {
        parent.frames[0].postMessage({ saddle: 1, command: 'reset' }, '*');
        parent.frames[0].postMessage({ saddle: 1, command: 'step', n: 5 }, '*');
      });
      await page.waitForTimeout(800);
      const after = await state(frame);
      assert(JSON.stringify(after) === JSON.stringify(before), `nothing changed: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      const replies = await page.evaluate((n) => window.notesLog.slice(n).filter((m) => m.event === 'reply'), count);
      assert(replies.length === 0, `no replies: ${JSON.stringify(replies)}`);
      assert(await page.evaluate(() => window.__pwned === undefined), 'nothing evaluated');
      // The right shape still works.
      await page.click('#run10');
      await page.waitForFunction(() => window.notesLog.filter((m) => m.to === 'step').length === 2);
      assert((await state(frame)).t === 20, 'a good message after the bad ones');
    },
  },
  {
    name: 'origin= in the link lets only that parent drive the embed, and only it hears the events',
    fn: async ({ page, base }) => {
      const own = new URL(base).origin;
      for (const [origin, drives] of [['http://notes.example', false], [own, true]]) {
        const host = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Notes</title></head><body>
<iframe id="scene" title="saddle" src="${base}?f=bowl&o=gd(lr=0.1)&embed=1&origin=${encodeURIComponent(origin)}" width="640" height="760"></iframe>
<script>window.heard = []; addEventListener('message', (e) => window.heard.push(e.data));</script></body></html>`;
        await page.route(`${base}origin-notes.html`, (route) => route.fulfill({ contentType: 'text/html', body: host }));
        await page.goto(`${base}origin-notes.html`);
        const frame = await (await page.waitForSelector('#scene')).contentFrame();
        await frame.waitForSelector('[data-ready="true"]');
        await page.waitForTimeout(300);
        assert((await frame.evaluate(() => window.saddle.ctx.app.scene().origin)) === origin, 'the scene reads origin=');
        await page.evaluate(() => document.getElementById('scene').contentWindow.postMessage({ saddle: 1, command: 'step', n: 7, id: 1 }, '*'));
        await page.waitForTimeout(400);
        const t = await frame.evaluate(() => window.saddle.ctx.app.maxIter());
        const heard = await page.evaluate(() => window.heard.filter((m) => m && m.saddle === 1).map((m) => m.event));
        if (drives) {
          assert(t === 7 && heard.includes('ready') && heard.includes('reply'), `its own origin drives it: t = ${t}, heard ${heard}`);
        } else {
          assert(t === 0, `a page of another origin cannot drive it (t = ${t})`);
          assert(heard.length === 0, `nor hear it: ${heard}`);
        }
        await page.unroute(`${base}origin-notes.html`);
      }
    },
  },
  {
    name: 'phone: a swipe over the sleeping map scrolls the notes, a tap wakes it, a pinch zooms it, two fingers pan, a tap sets the start',
    fn: async ({ page, base }) => {
      const cdp = await phone(page);
      const frame = await openNotes(page, base);
      await frame.waitForTimeout(300);
      await page.evaluate(() => window.scrollTo(0, 0));
      const frameBox = await page.locator('#scene').boundingBox();
      const mapIn = await frame.evaluate(() => { const r = document.getElementById('main').getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
      const at = (fx, fy) => [frameBox.x + mapIn.x + mapIn.w * fx, frameBox.y + mapIn.y + mapIn.h * fy];
      const probe = () => frame.evaluate(() => Array.from(window.saddle.ctx.app.pointAt(300, 300)));
      const start0 = await frame.evaluate(() => Array.from(window.saddle.ctx.app.start()));
      const p0 = await probe();
      const width = () => frame.evaluate(() => { const a = window.saddle.ctx.app; return a.pointAt(400, 100)[0] - a.pointAt(100, 100)[0]; });
      // One finger over the sleeping map: the notes scroll, the map stays.
      await swipe(cdp, at(0.5, 0.8), at(0.5, 0.2));
      await page.waitForTimeout(400);
      const scrolled = await page.evaluate(() => scrollY);
      assert(scrolled > 50, `the notes page scrolled (${scrolled}px)`);
      assert(JSON.stringify(await probe()) === JSON.stringify(p0), 'the map did not pan');
      assert(JSON.stringify(await frame.evaluate(() => Array.from(window.saddle.ctx.app.start()))) === JSON.stringify(start0), 'nor move the start');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(200);
      // A tap wakes it (and does nothing else).
      await tap(cdp, at(0.5, 0.5));
      await frame.waitForFunction(() => document.getElementById('canvas-wrap').classList.contains('active'));
      assert(JSON.stringify(await frame.evaluate(() => Array.from(window.saddle.ctx.app.start()))) === JSON.stringify(start0), 'the waking tap keeps the start');
      assert(/pinch zooms/.test(await frame.textContent('#map-hint')), 'the hint says what it does now');
      await phoneShot(cdp, 'phone-awake');
      // Pinch: two fingers apart zoom in about their midpoint.
      const w0 = await width();
      const c = at(0.5, 0.5);
      const d = mapIn.w * 0.1;
      await touch(cdp, 'touchStart', [[c[0] - d, c[1]], [c[0] + d, c[1]]]);
      for (let i = 1; i <= 8; i++) {
        await touch(cdp, 'touchMove', [[c[0] - d - (i * d) / 4, c[1]], [c[0] + d + (i * d) / 4, c[1]]]);
        await new Promise((r) => setTimeout(r, 16));
      }
      await touch(cdp, 'touchEnd', []);
      await page.waitForTimeout(200);
      const p1 = await probe();
      const w1 = await width();
      assert(w1 < w0 * 0.8, `the pinch zoomed in: 300 pixels span ${w0} → ${w1}`);
      assert((await page.evaluate(() => scrollY)) < 5, 'the notes did not scroll');
      // Two fingers together pan.
      await touch(cdp, 'touchStart', [[c[0] - d, c[1]], [c[0] + d, c[1]]]);
      for (let i = 1; i <= 6; i++) {
        await touch(cdp, 'touchMove', [[c[0] - d + i * 10, c[1]], [c[0] + d + i * 10, c[1]]]);
        await new Promise((r) => setTimeout(r, 16));
      }
      await touch(cdp, 'touchEnd', []);
      await page.waitForTimeout(200);
      const p2 = await probe();
      assert(p2[0] < p1[0] && Math.abs(p2[1] - p1[1]) < 1e-6, `two fingers panned right: ${p1} → ${p2}`);
      // A tap on the awake map sets the start there.
      const spot = at(0.7, 0.3);
      await tap(cdp, spot);
      await page.waitForTimeout(200);
      const start1 = await frame.evaluate(() => Array.from(window.saddle.ctx.app.start()));
      assert(JSON.stringify(start1) !== JSON.stringify(start0), `the tap set the start: ${start1}`);
      assert(start1.every((v) => String(v).length <= 8), `a short number: ${start1}`);
      await phoneShot(cdp, 'phone-notes');
    },
  },
  {
    name: 'phone: every control of the playground, its embed and the notes is at least a 40×40 target',
    fn: async ({ page, base }) => {
      const cdp = await phone(page);
      const small = () => page.evaluate(() => {
        const out = [];
        const targets = document.querySelectorAll('button, select, input, textarea, a[href], [role="tab"], summary');
        for (const el of targets) {
          if (!el.checkVisibility() || el.closest('[hidden]')) continue;
          // A box or radio inside its label is as large as the label.
          const t = (el.type === 'checkbox' || el.type === 'radio') && el.closest('label') ? el.closest('label') : el;
          const r = t.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          if (r.width < 40 - 0.5 || r.height < 40 - 0.5) out.push(`${el.tagName.toLowerCase()}#${el.id || ''}.${el.className || ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
        }
        return out;
      });
      for (const url of [`${base}?f=rosenbrock`, `${base}?data=linreg(n=20)&o=gd(lr=0.05,batch=4)`, `${base}?${SCENE}&embed=1`, `${base}train.html`, `${base}autodiff.html`]) {
        await page.goto(url);
        await page.waitForSelector('[data-ready="true"]');
        await page.waitForTimeout(200);
        const bad = await small();
        assert(bad.length === 0, `${url}: targets under 40 px:\n  ${bad.join('\n  ')}`);
      }
      await page.goto(`${base}?f=rosenbrock`);
      await page.waitForSelector('[data-ready="true"]');
      await phoneShot(cdp, 'phone-playground');
      const frame = await openNotes(page, base);
      const inside = await frame.evaluate(() => [...document.querySelectorAll('button, a[href]')].filter((e) => e.checkVisibility()).map((e) => e.getBoundingClientRect()).filter((r) => r.width < 39.5 || r.height < 39.5).length);
      assert(inside === 0, `the embed's controls are 40 px targets (${inside} smaller)`);
      assert((await small()).length === 0, `the notes' buttons: ${await small()}`);
    },
  },
];
