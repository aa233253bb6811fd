//! Softmax regression and small multilayer perceptrons: the problems "too big
//! to draw" of section 4.2, with hundreds to thousands of parameters.
//!
//! Layers l = 1, …, L map a^(0) = x through z^(l) = W^(l) a^(l−1) + b^(l) and
//! a^(l) = act(z^(l)) (tanh or ReLU) for the hidden layers; the last layer's
//! z^(L) are the logits of a softmax over K classes, and the per-sample loss
//! is the cross-entropy (4.8),
//!
//! C_i(θ) = log Σ_j e^{z_j} − z_{y_i}.
//!
//! With no hidden layer this is softmax (multinomial) regression, which is
//! convex (section 4.1). Gradients are hand-written backward-mode automatic
//! differentiation (section 4.4): one forward pass storing the activations,
//! then one backward pass δ^(L) = softmax(z^(L)) − e_{y}, δ^(l) =
//! (W^(l+1)ᵀ δ^(l+1)) ⊙ act'(z^(l)), accumulating ∇_W = δ a^(l−1)ᵀ and
//! ∇_b = δ. Buffers are reused between samples, so a mini-batch gradient
//! (4.13) allocates nothing.
//!
//! θ layout: layer by layer, W^(l) row-major (out × in) followed by b^(l).

use std::cell::RefCell;

use serde::{Deserialize, Serialize};

use super::data::Samples;
use super::model::Model;
use crate::math::{exp, ln, sqrt, tanh};
use crate::objective::{FiniteSum, Objective};
use crate::rng::Rng;

/// At most this many hidden layers in a network (Figure 4.4's is five layers deep).
pub const MAX_HIDDEN: usize = 6;
/// At most this many hidden layers in the `hidden` key of a data spec (its
/// range, read by `spec/options.rs`): all the network takes.
pub const MAX_LAYERS: usize = MAX_HIDDEN;
/// At most this many units in a hidden layer.
pub const MAX_WIDTH: usize = 256;

/// The activation of the hidden layers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    Tanh,
    Relu,
}

impl Activation {
    pub const ALL: &'static [(Activation, &'static str)] = &[(Activation::Tanh, "tanh"), (Activation::Relu, "relu")];

    pub fn name(self) -> &'static str {
        crate::keys::names::name(Activation::ALL, &self)
    }

    pub fn parse(text: &str) -> Option<Activation> {
        crate::keys::names::parse(Activation::ALL, text)
    }
}

/// Where one layer's parameters sit in θ: W^(l) (outputs × inputs,
/// row-major, so row j is unit j's incoming weights) at `w`, then b^(l) at `b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layer {
    pub inputs: usize,
    pub outputs: usize,
    /// Offset of W.
    pub w: usize,
    /// Offset of b (= w + inputs · outputs).
    pub b: usize,
}

/// The layers of a network with widths `sizes` = (p, h_1, …, K), in θ order.
pub fn layers(sizes: &[usize]) -> Vec<Layer> {
    let mut out = Vec::new();
    let mut offset = 0;
    for w in sizes.windows(2) {
        let (inputs, outputs) = (w[0], w[1]);
        out.push(Layer {
            inputs,
            outputs,
            w: offset,
            b: offset + inputs * outputs,
        });
        offset += (inputs + 1) * outputs;
    }
    out
}

/// Reused per-sample buffers: activations (logits for the last layer) and δs.
#[derive(Clone, Debug)]
struct Scratch {
    acts: Vec<Vec<f64>>,
    deltas: Vec<Vec<f64>>,
}

/// A softmax classifier with zero to [`MAX_HIDDEN`] hidden layers, over a sample set.
#[derive(Debug)]
pub struct Mlp {
    sizes: Vec<usize>,
    act: Activation,
    layers: Vec<Layer>,
    dim: usize,
    x: Vec<f64>,
    labels: Vec<usize>,
    scratch: RefCell<Scratch>,
}

impl Mlp {
    /// A network p → hidden… → K over `samples` (labels 0, …, K−1).
    pub fn new(samples: &Samples, classes: usize, hidden: &[usize], act: Activation) -> Result<Mlp, String> {
        let p = samples.p;
        if p == 0 {
            return Err("inputs must have at least one dimension".into());
        }
        if classes < 2 {
            return Err(format!("a softmax needs at least 2 classes, not {classes}"));
        }
        if hidden.len() > MAX_HIDDEN {
            return Err(format!("at most {MAX_HIDDEN} hidden layers, not {}", hidden.len()));
        }
        if let Some(h) = hidden.iter().find(|&&h| h == 0 || h > MAX_WIDTH) {
            return Err(format!("a hidden layer must have 1 to {MAX_WIDTH} units, not {h}"));
        }
        if samples.is_empty() {
            return Err("the training set is empty".into());
        }
        let mut labels = Vec::with_capacity(samples.len());
        for (i, &y) in samples.y.iter().enumerate() {
            if !(y.fract() == 0.0 && y >= 0.0 && y < classes as f64) {
                return Err(format!(
                    "sample {} has label {y}: labels must be 0 to {}",
                    i + 1,
                    classes - 1
                ));
            }
            labels.push(y as usize);
        }
        let mut sizes = vec![p];
        sizes.extend_from_slice(hidden);
        sizes.push(classes);
        let layers = layers(&sizes);
        let dim = layers.last().map_or(0, |l| l.b + l.outputs);
        let scratch = Scratch {
            acts: sizes[1..].iter().map(|&s| vec![0.0; s]).collect(),
            deltas: sizes[1..].iter().map(|&s| vec![0.0; s]).collect(),
        };
        Ok(Mlp {
            sizes,
            act,
            layers,
            dim,
            x: samples.x.clone(),
            labels,
            scratch: RefCell::new(scratch),
        })
    }

    /// The number of parameters of a p → hidden… → K network.
    pub fn param_count(p: usize, hidden: &[usize], classes: usize) -> usize {
        let mut sizes = vec![p];
        sizes.extend_from_slice(hidden);
        sizes.push(classes);
        sizes.windows(2).map(|w| (w[0] + 1) * w[1]).sum()
    }

    /// Layer widths p, h_1, …, K.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// Where each layer's W and b sit in θ.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    pub fn activation(&self) -> Activation {
        self.act
    }

    /// K.
    pub fn classes(&self) -> usize {
        *self.sizes.last().unwrap_or(&0)
    }

    /// n.
    pub fn n(&self) -> usize {
        self.labels.len()
    }

    fn p(&self) -> usize {
        self.sizes[0]
    }

    fn input(&self, i: usize) -> &[f64] {
        let p = self.p();
        &self.x[i * p..(i + 1) * p]
    }

    /// Initial parameters for this network (see [`init_weights`]).
    pub fn init(&self, seed: u64) -> Vec<f64> {
        init_weights(&self.sizes, self.act, seed)
    }

    /// The forward pass: fills `acts` (hidden activations, then logits).
    fn forward(&self, theta: &[f64], input: &[f64], acts: &mut [Vec<f64>]) {
        let last = self.layers.len() - 1;
        for (l, layer) in self.layers.iter().enumerate() {
            let (before, rest) = acts.split_at_mut(l);
            let inp: &[f64] = if l == 0 { input } else { &before[l - 1] };
            let out = &mut rest[0];
            let w = &theta[layer.w..layer.b];
            let b = &theta[layer.b..layer.b + layer.outputs];
            for (j, o) in out.iter_mut().enumerate() {
                *o = b[j] + dot4(&w[j * layer.inputs..(j + 1) * layer.inputs], inp);
            }
            if l < last {
                match self.act {
                    Activation::Tanh => out.iter_mut().for_each(|v| *v = tanh(*v)),
                    // max(v, 0) as libm's fmax gives it (NaN → 0, −0 → +0), without
                    // the call to fmax that `f64::max` becomes in wasm.
                    Activation::Relu => out.iter_mut().for_each(|v| *v = if *v > 0.0 { *v } else { 0.0 }),
                }
            }
        }
    }

    /// Cross-entropy of the logits for `label`; with `delta`, writes
    /// softmax(z) − e_label into it.
    fn softmax_loss(logits: &[f64], label: usize, delta: Option<&mut [f64]>) -> f64 {
        let m = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mut s = 0.0;
        match delta {
            Some(d) => {
                for (dk, &z) in d.iter_mut().zip(logits) {
                    *dk = exp(z - m);
                    s += *dk;
                }
                for dk in d.iter_mut() {
                    *dk /= s;
                }
                d[label] -= 1.0;
            }
            None => {
                for &z in logits {
                    s += exp(z - m);
                }
            }
        }
        m + ln(s) - logits[label]
    }

    /// C_i and, with `g`, adds ∇C_i to it (one forward and one backward pass).
    fn term(&self, i: usize, theta: &[f64], g: Option<&mut [f64]>) -> f64 {
        let mut guard = self.scratch.borrow_mut();
        let Scratch { acts, deltas } = &mut *guard;
        let input = self.input(i);
        self.forward(theta, input, acts);
        let last = self.layers.len() - 1;
        let Some(g) = g else {
            return Mlp::softmax_loss(&acts[last], self.labels[i], None);
        };
        let loss = Mlp::softmax_loss(&acts[last], self.labels[i], Some(&mut deltas[last]));
        for l in (0..=last).rev() {
            let layer = self.layers[l];
            let (below, here) = deltas.split_at_mut(l);
            let d = &here[0];
            let inp: &[f64] = if l == 0 { input } else { &acts[l - 1] };
            let (gw, gb) = g[layer.w..layer.b + layer.outputs].split_at_mut(layer.b - layer.w);
            for (j, &dj) in d.iter().enumerate() {
                if dj != 0.0 {
                    axpy(dj, inp, &mut gw[j * layer.inputs..(j + 1) * layer.inputs]);
                }
                gb[j] += dj;
            }
            if l > 0 {
                let prev = &mut below[l - 1];
                prev.iter_mut().for_each(|v| *v = 0.0);
                let w = &theta[layer.w..layer.b];
                for (j, &dj) in d.iter().enumerate() {
                    if dj != 0.0 {
                        axpy(dj, &w[j * layer.inputs..(j + 1) * layer.inputs], prev);
                    }
                }
                let a = &acts[l - 1];
                match self.act {
                    Activation::Tanh => {
                        for (pv, &av) in prev.iter_mut().zip(a) {
                            *pv *= 1.0 - av * av;
                        }
                    }
                    Activation::Relu => {
                        for (pv, &av) in prev.iter_mut().zip(a) {
                            if av <= 0.0 {
                                *pv = 0.0;
                            }
                        }
                    }
                }
            }
        }
        loss
    }

    /// The logits z^(L) for one input.
    pub fn logits(&self, theta: &[f64], input: &[f64]) -> Vec<f64> {
        let mut acts: Vec<Vec<f64>> = self.sizes[1..].iter().map(|&s| vec![0.0; s]).collect();
        self.forward(theta, input, &mut acts);
        acts.pop().unwrap_or_default()
    }

    /// The exact Hessian of softmax regression: per sample
    /// (diag(p) − ppᵀ) ⊗ x̃x̃ᵀ with x̃ = (x, 1) in this θ layout.
    fn softmax_hessian(&self, theta: &[f64], h: &mut [f64]) {
        let (p, k, d) = (self.p(), self.classes(), self.dim);
        h.iter_mut().for_each(|v| *v = 0.0);
        // Index of W[c][j] (j < p) or b[c] (j = p).
        let idx = |c: usize, j: usize| if j < p { c * p + j } else { k * p + c };
        let mut prob = vec![0.0; k];
        for i in 0..self.n() {
            let z = self.logits(theta, self.input(i));
            let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let s: f64 = z.iter().map(|&v| exp(v - m)).sum();
            for (pc, &zc) in prob.iter_mut().zip(&z) {
                *pc = exp(zc - m) / s;
            }
            let x = self.input(i);
            let xt = |j: usize| if j < p { x[j] } else { 1.0 };
            for c in 0..k {
                for c2 in 0..k {
                    let pc = if c == c2 { prob[c] } else { 0.0 } - prob[c] * prob[c2];
                    if pc == 0.0 {
                        continue;
                    }
                    for j in 0..=p {
                        let r = idx(c, j);
                        for j2 in 0..=p {
                            h[r * d + idx(c2, j2)] += pc * xt(j) * xt(j2);
                        }
                    }
                }
            }
        }
        let n = self.n() as f64;
        h.iter_mut().for_each(|v| *v /= n);
    }
}

/// Initial parameters of a network with layer widths `sizes` = (p, h_1, …, K):
/// zeros for softmax regression (no hidden layer); otherwise, layer by layer,
/// W ~ N(0, g/fan_in) with g = 1 for tanh and 2 for ReLU (He) and b = 0.
pub fn init_weights(sizes: &[usize], act: Activation, seed: u64) -> Vec<f64> {
    let dim: usize = sizes.windows(2).map(|w| (w[0] + 1) * w[1]).sum();
    let mut theta = vec![0.0; dim];
    if sizes.len() <= 2 {
        return theta;
    }
    let mut rng = Rng::new(seed);
    let gain = match act {
        Activation::Tanh => 1.0,
        Activation::Relu => 2.0,
    };
    let mut offset = 0;
    for w in sizes.windows(2) {
        let (inputs, outputs) = (w[0], w[1]);
        let scale = sqrt(gain / inputs as f64);
        for v in &mut theta[offset..offset + inputs * outputs] {
            *v = scale * rng.normal();
        }
        offset += (inputs + 1) * outputs;
    }
    theta
}

use super::kernels::axpy;
pub(super) use super::kernels::dot4;

impl FiniteSum for Mlp {
    fn terms(&self) -> usize {
        self.n()
    }

    fn term_value(&self, i: usize, theta: &[f64]) -> f64 {
        self.term(i, theta, None)
    }

    fn add_term_gradient(&self, i: usize, theta: &[f64], g: &mut [f64]) -> f64 {
        self.term(i, theta, Some(g))
    }
}

impl Objective for Mlp {
    fn dim(&self) -> usize {
        self.dim
    }

    fn value(&self, theta: &[f64]) -> f64 {
        let sum: f64 = (0..self.n()).map(|i| self.term(i, theta, None)).sum();
        sum / self.n() as f64
    }

    fn gradient(&self, theta: &[f64], g: &mut [f64]) -> f64 {
        g.iter_mut().for_each(|v| *v = 0.0);
        let mut value = 0.0;
        for i in 0..self.n() {
            value += self.term(i, theta, Some(g));
        }
        let n = self.n() as f64;
        g.iter_mut().for_each(|v| *v /= n);
        value / n
    }

    /// Exact for softmax regression. With hidden layers, central differences
    /// of the exact gradient, column by column (2d gradient evaluations; the
    /// result is symmetrized): second-order methods are not meant for these
    /// networks (section 4.6), this only keeps the interface total.
    fn hessian(&self, theta: &[f64], h: &mut [f64]) {
        if self.layers.len() == 1 {
            return self.softmax_hessian(theta, h);
        }
        let d = self.dim;
        let mut x = theta.to_vec();
        let (mut gp, mut gm) = (vec![0.0; d], vec![0.0; d]);
        for j in 0..d {
            let step = 1e-5 * (1.0 + theta[j].abs());
            x[j] = theta[j] + step;
            self.gradient(&x, &mut gp);
            x[j] = theta[j] - step;
            self.gradient(&x, &mut gm);
            x[j] = theta[j];
            for r in 0..d {
                h[r * d + j] = (gp[r] - gm[r]) / (2.0 * step);
            }
        }
        for r in 0..d {
            for c in 0..r {
                let v = 0.5 * (h[r * d + c] + h[c * d + r]);
                h[r * d + c] = v;
                h[c * d + r] = v;
            }
        }
    }

    /// A central difference of the exact gradient along v (two gradient
    /// evaluations), exact up to O(h²).
    fn hessian_vector(&self, theta: &[f64], v: &[f64], out: &mut [f64]) {
        let norm = crate::math::norm(v);
        if norm == 0.0 {
            out.iter_mut().for_each(|o| *o = 0.0);
            return;
        }
        let step = 1e-5 * (1.0 + crate::math::norm(theta)) / norm;
        let xp: Vec<f64> = theta.iter().zip(v).map(|(t, vi)| t + step * vi).collect();
        let xm: Vec<f64> = theta.iter().zip(v).map(|(t, vi)| t - step * vi).collect();
        let mut gm = vec![0.0; self.dim];
        self.gradient(&xp, out);
        self.gradient(&xm, &mut gm);
        for (o, m) in out.iter_mut().zip(&gm) {
            *o = (*o - m) / (2.0 * step);
        }
    }

    fn finite_sum(&self) -> Option<&dyn FiniteSum> {
        Some(self)
    }
}

impl Model for Mlp {
    fn outputs(&self) -> usize {
        self.classes()
    }

    /// The class probabilities softmax(z^(L)).
    fn predict(&self, theta: &[f64], input: &[f64], out: &mut [f64]) {
        let z = self.logits(theta, input);
        let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mut s = 0.0;
        for (o, &zc) in out.iter_mut().zip(&z) {
            *o = exp(zc - m);
            s += *o;
        }
        out.iter_mut().for_each(|o| *o /= s);
    }

    /// The error rate: the fraction of samples whose largest logit is not their label.
    fn performance(&self, theta: &[f64]) -> f64 {
        self.loss_and_performance(theta).1
    }

    /// Cross-entropy and error rate from the same forward passes.
    fn loss_and_performance(&self, theta: &[f64]) -> (f64, f64) {
        let mut guard = self.scratch.borrow_mut();
        let last = self.layers.len() - 1;
        let mut wrong = 0usize;
        let mut loss = 0.0;
        for i in 0..self.n() {
            self.forward(theta, self.input(i), &mut guard.acts);
            let z = &guard.acts[last];
            loss += Mlp::softmax_loss(z, self.labels[i], None);
            let best = (0..z.len()).fold(0, |b, c| if z[c] > z[b] { c } else { b });
            if best != self.labels[i] {
                wrong += 1;
            }
        }
        let n = self.n() as f64;
        (loss / n, wrong as f64 / n)
    }

    fn is_classifier(&self) -> bool {
        true
    }
}
