// Trains the runs of the training page off the main thread: every run gets
// slices of a few milliseconds in turn, and the histories are posted back.
import init, { Training, lastPanic } from '../../pkg/saddle.js';

const ready = init();
let stopRequested = false;

self.onmessage = async (e) => {
  const msg = e.data;
  if (msg.cmd === 'stop') { stopRequested = true; return; }
  if (msg.cmd !== 'start') return;
  await ready;
  stopRequested = false;
  const runs = [];
  for (const lane of msg.lanes) {
    try {
      runs.push({ lane, training: new Training(msg.data, lane, msg.epochs, BigInt(msg.seed)), error: null, chunk: 1 });
    } catch (err) {
      runs.push({ lane, training: null, error: String(err.message || err) });
    }
  }
  const summary = runs.find((r) => r.training)?.training.summary() ?? '';
  const report = (type) => {
    self.postMessage({
      type,
      summary,
      runs: runs.map((r) => (r.training
        ? { lane: r.lane, history: r.training.history(), status: r.training.statusText(), progress: r.training.progress(), running: r.training.running() }
        : { lane: r.lane, error: r.error, progress: 1, running: false })),
    });
  };
  try {
    let last = 0;
    while (!stopRequested && runs.some((r) => r.training && r.training.running())) {
      for (const r of runs) {
        if (!r.training || !r.training.running()) continue;
        // About 8 ms per slice, whatever the size of the problem.
        const t = performance.now();
        r.training.runFor(r.chunk);
        const ms = performance.now() - t;
        r.chunk = Math.max(1, Math.min(1 << 16, Math.round(r.chunk * (ms < 4 ? 2 : ms > 16 ? 0.5 : 1))));
      }
      if (performance.now() - last > 120) {
        report('progress');
        last = performance.now();
      }
      await new Promise((resolve) => setTimeout(resolve, 0)); // lets a stop message in
    }
    if (stopRequested) for (const r of runs) r.training?.stop();
    report('done');
  } catch (err) {
    self.postMessage({ type: 'panic', message: lastPanic() || String(err.message || err) });
  }
};
