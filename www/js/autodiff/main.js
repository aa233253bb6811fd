// The autodiff explorer's entry point: loads the core, opens the state in the
// URL and shows what the core computes. Everything shown comes from the core
// (www/pkg-explorer, built from src/explorer); this file only wires events to it.
import init, { Explorer, version, lastPanic, debugPanic, explorerPresets } from '../../pkg-explorer/saddle.js';
import { $, guarded, showNotices as listNotices, copyText, mountBars } from '../shell.js';
import { Inputs } from './inputs.js';
import { renderTables, renderResults, renderCheck } from './tables.js';

mountBars('Reload');
await init();
$('version').textContent = version();

const ctx = {
  ex: null,
  broken: false,
  lastGoodQuery: location.search.slice(1),
  /** Runs a call into the core; a panic inside shows the banner instead of vanishing. */
  guard: null,
  /** Opens a query string (a preset or a link). */
  open(query) {
    const ex = ctx.guard(() => new Explorer(query), null);
    if (!ex) return;
    if (ctx.ex) ctx.ex.free();
    ctx.ex = ex;
    showNotices(ctx.guard(() => ex.notices(), []));
    ctx.changed();
  },
  /** Something changed: show it and update the address bar. */
  changed() {
    render();
    const q = ctx.guard(() => ctx.ex.query(), null);
    if (q === null) return;
    ctx.lastGoodQuery = q;
    history.replaceState(null, '', `${location.pathname}?${q}`);
  },
};

ctx.guard = guarded(ctx, lastPanic);
const showNotices = (notices) => listNotices($('notices'), notices);

$('banner-reset').addEventListener('click', () => location.replace(`${location.pathname}?${ctx.lastGoodQuery}`));
$('copy-link').addEventListener('click', () => copyText(location.href, $('copy-link'), 'Copy link'));

const graph = $('graph');
const scroll = $('graph-scroll');
const chart = $('check-chart');

function drawGraph() {
  const dpr = window.devicePixelRatio || 1;
  const size = ctx.guard(() => ctx.ex.graphSize(scroll.clientWidth - 2), null);
  if (!size) return;
  const [w, h] = size;
  graph.style.width = `${w}px`;
  graph.style.height = `${h}px`;
  const W = Math.round(w * dpr);
  const H = Math.round(h * dpr);
  if (graph.width !== W || graph.height !== H) { graph.width = W; graph.height = H; }
  ctx.guard(() => ctx.ex.drawGraph(graph, dpr));
}

function drawChart() {
  const dpr = window.devicePixelRatio || 1;
  const r = chart.getBoundingClientRect();
  const W = Math.max(64, Math.round(r.width * dpr));
  const H = Math.max(64, Math.round(r.height * dpr));
  if (chart.width !== W || chart.height !== H) { chart.width = W; chart.height = H; }
  ctx.guard(() => ctx.ex.drawCheck(chart, dpr));
}

let inputs = null;
function render() {
  const view = ctx.guard(() => ctx.ex.view(), null);
  if (!view) return;
  inputs.show(view);
  renderTables($('tables'), view);
  renderResults($('results'), view);
  renderCheck($('check-table'), $('check-note'), view);
  drawGraph();
  drawChart();
}

ctx.ex = ctx.guard(() => new Explorer(location.search.slice(1)), null);
inputs = new Inputs(ctx, ctx.guard(() => explorerPresets(), []));
if (ctx.ex) {
  showNotices(ctx.guard(() => ctx.ex.notices(), []));
  ctx.changed();
}

let pending = 0;
const redraw = () => { cancelAnimationFrame(pending); pending = requestAnimationFrame(() => { if (!ctx.broken) { drawGraph(); drawChart(); } }); };
new ResizeObserver(redraw).observe(scroll);
new ResizeObserver(redraw).observe(chart);

// A handle for course authors' scripts and for the browser tests.
window.autodiff = { ctx, debugPanic: () => ctx.guard(() => debugPanic()) };
document.body.dataset.ready = 'true';
