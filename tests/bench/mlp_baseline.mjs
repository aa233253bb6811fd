// A hand-written JavaScript baseline for the Figure 4.4 network on the digits
// (run by `cargo bench --bench learn`, which prints its figures beside the
// Rust core's): the same file, the same 64 → 32 → 32 → 32 → 10 ReLU network
// with a softmax cross-entropy, the same work per epoch (1,000 training
// images in mini-batches of 10 with plain SGD, then the training loss and
// the validation error on 500 images), and the same 41×41 slice (one full
// training-loss evaluation per point). Typed arrays, one forward and one
// backward pass per sample, no libraries: what a person would write by hand.
//
//   node tests/bench/mlp_baseline.mjs [www/data/digits.bin] [epochs] [resolution]
//
// Prints one JSON line: {"epochs_per_s", "train_epochs_per_s", "slice_seconds", …}.

import { readFileSync } from "node:fs";

const [file = "www/data/digits.bin", epochsArg = "20", resArg = "41"] = process.argv.slice(2);
const EPOCHS = Number(epochsArg);
const RES = Number(resArg);
const SIZES = [64, 32, 32, 32, 10];
const LR = 0.01;
const BATCH = 10;

// --- the file (format in src/learn/digits.rs) ---
function parseDigits(bytes) {
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic !== "SDIG" || bytes[4] !== 1) throw new Error("not a digits file");
  const n = bytes[8] | (bytes[9] << 8);
  const labels = bytes.subarray(16, 16 + n);
  const x = new Float64Array(n * 64);
  let k = 0;
  for (let i = 0; i < n; i++) {
    let acc = 0, bits = 0;
    const base = 16 + n + 40 * i;
    for (let j = 0; j < 40; j++) {
      acc = ((acc << 8) | bytes[base + j]) & 0xffff;
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        x[k++] = ((acc >> bits) & 31) / 16;
      }
    }
  }
  return { n, labels, x };
}

const digits = parseDigits(new Uint8Array(readFileSync(file)));

// A seeded shuffle (mulberry32) for the split and the mini-batches.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(1);
function shuffle(a) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
}
const order = Array.from({ length: digits.n }, (_, i) => i);
shuffle(order);
const trainIdx = order.slice(0, 1000);
const validIdx = order.slice(1000, 1500);

// --- the network: θ layer by layer, W row-major (out × in), then b ---
const layers = [];
let dim = 0;
for (let l = 0; l + 1 < SIZES.length; l++) {
  layers.push({ inputs: SIZES[l], outputs: SIZES[l + 1], w: dim, b: dim + SIZES[l] * SIZES[l + 1] });
  dim += (SIZES[l] + 1) * SIZES[l + 1];
}
const theta = new Float64Array(dim);
for (const L of layers) {
  const s = Math.sqrt(2 / L.inputs);
  for (let k = 0; k < L.inputs * L.outputs; k++) {
    const u1 = 1 - random(), u2 = random();
    theta[L.w + k] = s * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
const acts = layers.map((L) => new Float64Array(L.outputs));
const deltas = layers.map((L) => new Float64Array(L.outputs));
const grad = new Float64Array(dim);

// Module bindings are read into locals first: V8 keeps locals in registers.
function forward(th, xs, off) {
  const layers_ = layers, acts_ = acts;
  for (let l = 0; l < layers_.length; l++) {
    const { inputs, outputs, w, b } = layers_[l];
    const out = acts_[l];
    const inp = l === 0 ? xs : acts_[l - 1];
    const o0 = l === 0 ? off : 0;
    const relu = l + 1 < layers_.length;
    for (let j = 0; j < outputs; j++) {
      let s = th[b + j];
      const row = w + j * inputs;
      for (let i = 0; i < inputs; i++) s += th[row + i] * inp[o0 + i];
      out[j] = relu && s < 0 ? 0 : s;
    }
  }
  return acts_[layers_.length - 1];
}

// Cross-entropy of sample i; with `g`, adds its gradient.
function term(th, i, g) {
  const X = digits.x, layers_ = layers, acts_ = acts, deltas_ = deltas;
  const y = digits.labels[i];
  const z = forward(th, X, 64 * i);
  let m = -Infinity;
  for (let k = 0; k < z.length; k++) if (z[k] > m) m = z[k];
  let s = 0;
  for (let k = 0; k < z.length; k++) s += Math.exp(z[k] - m);
  const loss = m + Math.log(s) - z[y];
  if (!g) return loss;
  const last = layers_.length - 1;
  for (let k = 0; k < z.length; k++) deltas_[last][k] = Math.exp(z[k] - m) / s;
  deltas_[last][y] -= 1;
  for (let l = last; l >= 0; l--) {
    const { inputs, outputs, w, b } = layers_[l];
    const d = deltas_[l];
    const inp = l === 0 ? X : acts_[l - 1];
    const o0 = l === 0 ? 64 * i : 0;
    for (let j = 0; j < outputs; j++) {
      const dj = d[j];
      if (dj === 0) continue;
      const row = w + j * inputs;
      for (let k = 0; k < inputs; k++) g[row + k] += dj * inp[o0 + k];
      g[b + j] += dj;
    }
    if (l > 0) {
      const prev = deltas_[l - 1], a = acts_[l - 1];
      prev.fill(0);
      for (let j = 0; j < outputs; j++) {
        const dj = d[j];
        if (dj === 0) continue;
        const row = w + j * inputs;
        for (let k = 0; k < inputs; k++) prev[k] += dj * th[row + k];
      }
      for (let k = 0; k < prev.length; k++) if (a[k] <= 0) prev[k] = 0;
    }
  }
  return loss;
}

function loss(th, idx) {
  let s = 0;
  for (const i of idx) s += term(th, i, null);
  return s / idx.length;
}

function error(th, idx) {
  let wrong = 0;
  for (const i of idx) {
    const z = forward(th, digits.x, 64 * i);
    let best = 0;
    for (let k = 1; k < z.length; k++) if (z[k] > z[best]) best = k;
    if (best !== digits.labels[i]) wrong++;
  }
  return wrong / idx.length;
}

// --- training: epochs of mini-batch SGD with the per-epoch evaluations ---
let trainSeconds = 0;
const t0 = performance.now();
let last = {};
for (let e = 0; e < EPOCHS; e++) {
  const te = performance.now();
  shuffle(trainIdx);
  for (let start = 0; start < trainIdx.length; start += BATCH) {
    grad.fill(0);
    const end = Math.min(start + BATCH, trainIdx.length);
    for (let k = start; k < end; k++) term(theta, trainIdx[k], grad);
    const scale = LR / (end - start);
    for (let k = 0; k < dim; k++) theta[k] -= scale * grad[k];
  }
  trainSeconds += (performance.now() - te) / 1000;
  last = { train_loss: loss(theta, trainIdx), val_error: error(theta, validIdx) };
}
const wall = (performance.now() - t0) / 1000;

// --- the slice: one full training-loss evaluation per grid point ---
const d1 = new Float64Array(dim), d2 = new Float64Array(dim);
for (let k = 0; k < dim; k++) {
  d1[k] = random() - 0.5;
  d2[k] = random() - 0.5;
}
const point = new Float64Array(dim);
const ts = performance.now();
let checksum = 0;
for (let j = 0; j < RES; j++) {
  for (let i = 0; i < RES; i++) {
    const a = -1 + (2 * i) / (RES - 1), b = 1 - (2 * j) / (RES - 1);
    for (let k = 0; k < dim; k++) point[k] = theta[k] + a * d1[k] + b * d2[k];
    checksum += loss(point, trainIdx);
  }
}
const sliceSeconds = (performance.now() - ts) / 1000;

console.log(
  JSON.stringify({
    dim,
    epochs: EPOCHS,
    epochs_per_s: EPOCHS / wall,
    train_epochs_per_s: EPOCHS / trainSeconds,
    resolution: RES,
    slice_seconds: sliceSeconds,
    ...last,
    slice_checksum: checksum,
  }),
);
