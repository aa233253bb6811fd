// The training page's Web Worker: it fetches the digits file (from the
// page's own origin, once), hands its bytes to the core, and runs the core's
// TrainWork in short calls: every method and seed of the training link, then
// the landscape slice. Between calls it posts what changed and lets a stop
// message in. Everything it computes is the core's; this file only loops.
import init, { TrainWork, lastPanic, digitsPath } from '../../pkg-train/saddle.js';

const ready = init();
let digits = null; // the digits file's bytes
let preview = null; // a TrainWork for the link being edited: summary, images, cost
let work = null; // the TrainWork being trained (and sliced)
let stopTraining = false;
let stopSlice = false;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const post = (msg) => self.postMessage(msg);

async function build(msg) {
  await ready;
  if (msg.digits && !digits) {
    const url = new URL(`../../${digitsPath()}`, import.meta.url);
    const r = await fetch(url);
    if (!r.ok) throw new Error(`the digits file ${digitsPath()} could not be loaded (${r.status} ${r.statusText})`);
    digits = new Uint8Array(await r.arrayBuffer());
  }
  return new TrainWork(msg.query, msg.digits ? digits : undefined);
}

async function prepare(msg) {
  preview?.free();
  preview = null;
  preview = await build(msg);
  post({ type: 'info', query: msg.query, info: preview.info(), cost: preview.cost(msg.res) });
}

async function train(msg) {
  stopTraining = false;
  stopSlice = true;
  work?.free();
  work = null;
  work = await build(msg);
  post({ type: 'started', info: work.info() });
  post({ type: 'progress', report: work.report() }); // every run, waiting
  let last = performance.now();
  while (!stopTraining) {
    const t = performance.now();
    const more = work.work(12);
    const now = performance.now();
    if (!more) break;
    // A long call (one iteration of a big model) is reported at once, so a
    // Stop that has to end the worker loses nothing that was finished.
    if (now - last > 120 || now - t > 40) {
      post({ type: 'progress', report: work.report() });
      last = now;
    }
    await tick();
  }
  if (stopTraining) work.stop();
  post({ type: 'done', report: work.report(), cost: work.cost(msg.res) });
}

async function slice(msg) {
  if (!work) throw new Error('train first: the slice goes through the trained weights');
  stopSlice = false;
  work.sliceStart(msg.query);
  post({ type: 'slice', report: work.sliceReport(), running: true });
  let last = performance.now();
  while (!stopSlice) {
    const more = work.sliceWork(15);
    if (!more) break;
    if (performance.now() - last > 150) {
      post({ type: 'slice', report: work.sliceReport(), running: true });
      last = performance.now();
    }
    await tick();
  }
  work.sliceStop();
  post({ type: 'slice', report: work.sliceReport(), running: false, stopped: stopSlice });
}

self.onmessage = async (e) => {
  const msg = e.data;
  if (msg.cmd === 'stop') { stopTraining = true; return; }
  if (msg.cmd === 'slice-stop') { stopSlice = true; return; }
  try {
    if (msg.cmd === 'prepare') await prepare(msg);
    else if (msg.cmd === 'cost') post({ type: 'cost', cost: (work || preview)?.cost(msg.res) ?? null });
    else if (msg.cmd === 'start') await train(msg);
    else if (msg.cmd === 'slice') await slice(msg);
  } catch (err) {
    const panic = err instanceof WebAssembly.RuntimeError;
    post({ type: panic ? 'panic' : 'error', cmd: msg.cmd, message: (panic && lastPanic()) || String(err.message || err) });
  }
};
