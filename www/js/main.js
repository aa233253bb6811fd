// The playground's entry point: loads the core, opens the scene in the URL,
// wires the parts of the page together and runs the animation loop.
import init, { App, catalog, version, lastPanic, debugPanic } from '../pkg/saddle.js';
import { $, guarded, showNotices, mountBars } from './shell.js';
import { Stage } from './stage.js';
import { Lanes } from './lanes.js';
import { Charts } from './charts.js';
import { Controls } from './controls.js';
import { FunctionPicker } from './picker.js';
import { Sheets } from './sheets.js';
import { showEquations } from './equations.js';
import { DataPanel } from './data.js';
import { History } from './history.js';
import { Announcer, ChartTable } from './access.js';
import { Embed } from './embed.js';
import { Messages } from './messages.js';
import { Figures } from './figures.js';
import { Stopping } from './stopping.js';
import { setProp } from './dom.js';

mountBars();
await init();
$('version').textContent = version();

/** Shows the banner: `title` and a message; Reset goes back to a scene that drew. */
function banner(title, message) {
  document.querySelector('#banner strong').textContent = title;
  $('banner-text').textContent = message; // never inserted as HTML
  $('banner').hidden = false;
}

const ctx = {
  app: null,
  catalog: catalog(),
  playing: false,
  dirty: true,
  broken: false,
  /** The last link that drew without a panic (null: none yet, Reset opens the default scene). */
  lastGoodQuery: null,
  /** Runs a call into the core; a panic inside shows the banner instead of vanishing. */
  guard: null,
  /** Something changed: redraw, and (unless `urlToo` is false) update the address bar. */
  changed(urlToo = true) {
    ctx.dirty = true;
    if (urlToo) ctx.syncUrl();
  },
  syncUrl() {
    const q = ctx.guard(() => ctx.app.query(), null);
    if (q === null) return;
    ctx.lastGoodQuery = q;
    ctx.history.record(q); // a discrete edit pushes a Back step, others replace
  },
  /** Opens another link in place (Back, Forward, the notes' `set`): refreshes every part. */
  reopen(query) {
    const notices = ctx.guard(() => ctx.app.reopen(query), []);
    showScene(notices);
    ctx.refresh();
  },
  /** After the scene changed under the page: every part shows it afresh. */
  refresh() {
    fresh();
    showDisplay();
  },
  /** Hooks run after each frame is drawn (embed link, notes events, announcements). */
  afterFrame: [],
  /** Listeners told when a lane's status changes ({ lane, name, status, message, iter }). */
  onStatus: [],
};
ctx.history = new History(ctx);

// A panic marks the page broken and says so (an error the core reports for
// bad input is thrown on: the caller says where).
ctx.guard = guarded(ctx, lastPanic, () => {
  ctx.playing = false;
  document.querySelector('#banner strong').textContent = 'Something broke inside the core:';
});

// Reset never reopens the link that broke: the last one that drew, or the default scene.
$('banner-reset').addEventListener('click', () => {
  const embed = document.body.classList.contains('embed') ? 'embed=1' : '';
  const q = ctx.lastGoodQuery ?? embed;
  location.replace(q ? `${location.pathname}?${q}` : location.pathname);
});

ctx.app = new App(location.search.slice(1));

/** Shows what the scene says about the page: embed mode, hidden panels, notices, caption. */
function showScene(notices) {
  const scene = ctx.app.scene();
  document.body.classList.toggle('embed', scene.embed);
  for (const el of document.querySelectorAll('[data-panel]')) el.classList.toggle('hidden-panel', scene.hide.includes(el.dataset.panel));
  showNotices($('notices'), notices); // never inserted as HTML
  const preset = scene.preset && ctx.catalog.presets.find((p) => p.id === scene.preset);
  $('caption').hidden = !preset;
  if (preset) {
    $('caption-title').textContent = preset.title;
    $('caption-text').textContent = preset.caption;
  }
  // A link may ask to run some steps: run them a few milliseconds per frame so
  // the page never freezes, whatever the number.
  ctx.target = scene.steps;
}
showScene(ctx.app.notices());

/** Shows what the link says the page shows: the chart tab, its x-axis and the 3-D view. */
function showDisplay() {
  const shown = ctx.guard(() => ctx.app.linkScene(), null);
  if (!shown) return;
  charts.select(shown.chart);
  $('x-axis').value = shown.axis;
  stage.set3d(shown.surface !== null);
}

const stage = new Stage(ctx);
ctx.stage = stage; // the benchmark times its refinement slices
const lanes = new Lanes(ctx, () => showEquations(ctx));
const charts = new Charts(ctx);
const figures = new Figures(ctx, charts);
const controls = new Controls(ctx);
const stopping = new Stopping(ctx);
// After the function (or its data) changed: refresh everything that depends on it.
const fresh = () => { stage.fresh(); lanes.rebuild(); charts.fresh(); data.fresh(); picker.show(); controls.fresh(); stopping.fresh(); showEquations(ctx); ctx.changed(); };
const data = new DataPanel(ctx, fresh);
const picker = new FunctionPicker(ctx, fresh);
charts.fresh();
showDisplay();
new Sheets(ctx);
showEquations(ctx);
ctx.announcer = new Announcer();
ChartTable.charts(ctx);
ChartTable.data(ctx);
ctx.onStatus.push((c) => { if (c.status !== 'running') ctx.announcer.say(`Lane ${c.lane + 1}, ${c.name}: ${c.message}`); });
ctx.afterFrame.push(() => {
  for (const c of ctx.guard(() => ctx.app.statusChanges(), [])) for (const f of ctx.onStatus) f(c);
});
const embed = new Embed(ctx);
new Messages(ctx, controls, embed);
ctx.syncUrl();

let chunk = 64;
function catchUp() {
  const t0 = performance.now();
  let done = false;
  while (!done && performance.now() - t0 < 14) {
    const s = performance.now();
    done = ctx.guard(() => ctx.app.advanceTo(ctx.target, chunk), true);
    if (performance.now() - s < 4) chunk = Math.min(chunk * 2, 1 << 20);
  }
  const p = $('progress');
  if (done) { ctx.target = 0; p.hidden = true; }
  else {
    p.hidden = false;
    p.textContent = `running to t = ${ctx.target}: ${Math.floor((100 * ctx.app.maxIter()) / ctx.target)}%`;
  }
  // With reduced motion the pictures jump to the end instead of sweeping there.
  if (done || !controls.reducedMotion()) ctx.dirty = true;
  else controls.update();
}

/** Keeps the Autodiff link (written by the core) on the current function at the selected lane's point. */
function updateAutodiffLink() {
  const link = $('autodiff-link');
  const q = ctx.guard(() => ctx.app.autodiffQuery(), '');
  setProp(link, 'hidden', !q);
  const href = `autodiff.html?${q}`;
  if (q && link.getAttribute('href') !== href) link.setAttribute('href', href);
}

let problem = null;
function frame() {
  // The loop never stops: whatever goes wrong in one frame is shown, and the next frame comes.
  requestAnimationFrame(frame);
  try {
    if (ctx.target > 0 && !ctx.broken) catchUp();
    else if (ctx.playing && !ctx.broken) {
      const n = controls.stepsThisFrame(); // with reduced motion: a jump once a second
      if (n > 0) {
        const running = ctx.guard(() => ctx.app.step(n), false);
        if (!running) controls.pause();
        ctx.dirty = true;
      }
    }
    // A frame with nothing to draw finishes what earlier frames left (the
    // critical points of a new view) and looks ahead around the view.
    if (!ctx.dirty && !ctx.broken && !ctx.playing) ctx.dirty = ctx.guard(() => ctx.app.idle(6), false);
    if (ctx.dirty && !ctx.broken) {
      ctx.dirty = false;
      stage.draw();
      charts.draw();
      data.draw();
      figures.draw(!ctx.playing && !(ctx.target > 0));
      lanes.update();
      controls.update();
      updateAutodiffLink();
      // It drew without a panic: this is the scene Reset comes back to.
      if (!ctx.broken) ctx.lastGoodQuery = ctx.guard(() => ctx.app.query(), ctx.lastGoodQuery);
      for (const f of ctx.afterFrame) f();
    }
    if (!ctx.broken) stage.frame(); // a landscape being refined shows its progress
  } catch (e) {
    const message = String((e && e.message) || e);
    if (message !== problem) {
      problem = message;
      console.warn('saddle: a frame could not be drawn:', message);
      banner('This scene could not be drawn:', message);
    }
    ctx.playing = false;
  }
}
requestAnimationFrame(frame);

// A handle for course authors' scripts and for the browser tests.
window.saddle = { ctx, App, catalog: ctx.catalog, debugPanic: () => ctx.guard(() => debugPanic()) };
window.saddle.readyAt = performance.now();
document.body.dataset.ready = 'true';
