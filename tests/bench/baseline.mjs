// The hand-written JavaScript that `./build.sh bench` measures saddle against
// (the speed issue): the plain loops that peer pages (Distill, fmin, …) ship.
// Loaded by tests/browser/bench.mjs in Chromium and in node, in the same
// process as the wasm it is compared with.
//
// - `adam`: Adam (Algorithm 4.2, the book's defaults) on Rosenbrock (4.9) with
//   a hand-coded gradient, storing every iterate θ and its loss in typed
//   arrays. It performs the book's operations in the book's order, so its
//   iterates are bit for bit those of the core: the bench checks that, which
//   shows that both sides do the same work.
// - `picture`: a 512×512 picture of Rosenbrock with a log colour map
//   (min to max, 256 viridis colours), no contours, into an RGBA buffer.

/** Adam on Rosenbrock from (x, y) for `steps` steps; returns the stored iterates. */
export function adam(steps, x, y, lr = 0.001, beta = 0.9, gamma = 0.999, eps = 1e-8) {
  const theta = new Float64Array(2 * (steps + 1));
  const loss = new Float64Array(steps + 1);
  let vx = 0, vy = 0, sx = 0, sy = 0, bt = 1, gt = 1;
  theta[0] = x; theta[1] = y;
  for (let t = 0; t < steps; t++) {
    const u = 1 - x, w = y - x * x;
    const gx = -2 * u - 4 * 100 * x * w, gy = 2 * 100 * w;
    loss[t] = u * u + 100 * w * w;
    vx = beta * vx + (1 - beta) * gx;
    vy = beta * vy + (1 - beta) * gy;
    sx = gamma * sx + (1 - gamma) * (gx * gx);
    sy = gamma * sy + (1 - gamma) * (gy * gy);
    const c1 = 1 - bt * beta, c2 = 1 - gt * gamma;
    // The running powers β^t and γ^t, flushed to 0 below 1e-300 (as the core
    // does) so that no step multiplies subnormal numbers.
    bt *= beta; gt *= gamma;
    if (bt < 1e-300) bt = 0;
    if (gt < 1e-300) gt = 0;
    x += -lr * ((vx / c1) / (Math.sqrt(sx / c2) + eps));
    y += -lr * ((vy / c1) / (Math.sqrt(sy / c2) + eps));
    theta[2 * t + 2] = x; theta[2 * t + 3] = y;
  }
  const u = 1 - x, w = y - x * x;
  loss[steps] = u * u + 100 * w * w;
  return { theta, loss };
}

/** 256 viridis colours (the degree-6 polynomial fit), as RGB bytes. */
function viridis() {
  const C = [
    [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
    [0.1050930431085774, 1.404613529898575, 1.384590162594685],
    [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
    [-4.634230498983486, -5.799100973351585, -19.33244095627987],
    [6.228269936347081, 14.17993336680509, 56.69055260068105],
    [4.776384997670288, -13.74514537774601, -65.35303263337234],
    [-5.435455855934631, 4.645852612178535, 26.3124352495832],
  ];
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    for (let k = 0; k < 3; k++) {
      let v = C[6][k];
      for (let j = 5; j >= 0; j--) v = C[j][k] + t * v;
      lut[3 * i + k] = Math.round(Math.min(1, Math.max(0, v)) * 255);
    }
  }
  return lut;
}
const LUT = viridis();

/** Rosenbrock over [x0, x1] × [y0, y1] on a w×h raster, log colour map, into `rgba`. */
export function picture(rgba, w, h, x0 = -2, x1 = 2, y0 = -1, y1 = 3, values = new Float64Array(w * h)) {
  let lo = Infinity, hi = -Infinity;
  for (let j = 0; j < h; j++) {
    const y = y1 - ((j + 0.5) / h) * (y1 - y0);
    for (let i = 0; i < w; i++) {
      const x = x0 + ((i + 0.5) / w) * (x1 - x0);
      const u = 1 - x, v = y - x * x;
      const c = u * u + 100 * v * v;
      values[j * w + i] = c;
      if (c < lo) lo = c;
      if (c > hi) hi = c;
    }
  }
  const delta = (hi - lo) * 1e-5;
  const base = Math.log(delta);
  const inv = 255 / (Math.log(hi - lo + delta) - base);
  for (let p = 0; p < w * h; p++) {
    const k = 3 * Math.round((Math.log(values[p] - lo + delta) - base) * inv);
    rgba[4 * p] = LUT[k];
    rgba[4 * p + 1] = LUT[k + 1];
    rgba[4 * p + 2] = LUT[k + 2];
    rgba[4 * p + 3] = 255;
  }
  return rgba;
}
