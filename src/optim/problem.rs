//! [`Problem`]: the objective as an optimizer sees it.
//!
//! This is the one place where evaluations are counted and where noisy
//! gradients come from. Optimizers never touch an [`Objective`] directly.
//!
//! It also remembers the last exact gradient it computed (θ, C(θ), ∇C(θ)),
//! so that the runner's measurement at a new iterate and the method's
//! gradient at the start of its next step cost one evaluation between them.
//! An objective is a pure function of θ, so an answer from the memo has the
//! bits a fresh evaluation would have; the counts stay exactly what the
//! method asked for.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::objective::Objective;
use crate::rng::Rng;

/// How first-order methods obtain their gradient (section 4.2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum GradientSource {
    /// The exact gradient ∇C(θ).
    #[default]
    Full,
    /// The mini-batch estimate (4.13) over `size` terms of a finite sum;
    /// `size` = 1 is stochastic gradient descent (4.10).
    MiniBatch { size: usize, sampling: Sampling },
    /// ∇C(θ) plus independent N(0, σ²) noise in every coordinate: a stand-in for
    /// SGD on objectives that are not finite sums.
    Noise { sigma: f64 },
}

/// How mini-batch indices are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Sampling {
    /// Shuffle the indices at the start of every epoch and take them in order.
    #[default]
    Shuffle,
    /// Draw every index independently and uniformly, with replacement.
    Replacement,
}

/// Evaluation counts. Optimizer steps report the difference of two of these.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Function evaluations C(θ).
    pub f: u64,
    /// Full gradient evaluations ∇C(θ) (each also yields C(θ)).
    pub g: u64,
    /// Hessian or Hessian-vector evaluations.
    pub h: u64,
    /// Single-term gradients ∇C_i(θ) spent on stochastic estimates.
    pub terms: u64,
}

impl Counts {
    /// `self - earlier`, entry by entry.
    pub fn since(&self, earlier: &Counts) -> Counts {
        Counts {
            f: self.f - earlier.f,
            g: self.g - earlier.g,
            h: self.h - earlier.h,
            terms: self.terms - earlier.terms,
        }
    }
}

/// The last exact gradient evaluation: θ, C(θ) and ∇C(θ).
#[derive(Clone, Debug, Default)]
struct Memo {
    /// Whether `theta`, `value` and `grad` hold an evaluation.
    valid: bool,
    theta: Vec<f64>,
    value: f64,
    grad: Vec<f64>,
}

impl Memo {
    /// Whether the memo holds ∇C at exactly `x` (bit for bit, so −0 and 0
    /// differ and NaN never matches by accident of `==`).
    #[inline]
    fn holds(&self, x: &[f64]) -> bool {
        self.valid && self.theta.len() == x.len() && self.theta.iter().zip(x).all(|(a, b)| a.to_bits() == b.to_bits())
    }

    /// C(θ) and ∇C(θ) into `g` from the memo (which must hold `x`).
    #[inline]
    fn answer(&self, g: &mut [f64]) -> f64 {
        copy_small(g, &self.grad);
        self.value
    }

    /// Keeps an evaluation at `x` whose gradient is already in `self.grad`.
    #[inline]
    fn keep(&mut self, x: &[f64], value: f64) {
        copy_small(&mut self.theta, x);
        self.value = value;
        self.valid = true;
    }
}

/// `dst = src` for equally long slices; for the two or three numbers of a
/// picture's θ a `memcpy` call costs more than the copy.
#[inline(always)]
pub(crate) fn copy_small(dst: &mut [f64], src: &[f64]) {
    match (dst, src) {
        ([d0, d1], [s0, s1]) => {
            set(d0, s0);
            set(d1, s1);
        }
        ([d0], [s0]) => set(d0, s0),
        ([d0, d1, d2], [s0, s1, s2]) => {
            set(d0, s0);
            set(d1, s1);
            set(d2, s2);
        }
        (dst, src) => dst.copy_from_slice(src),
    }
}

/// `*d = *s` as one 8-byte load and store. Left to itself the compiler
/// merges the copies of [`copy_small`] into one 16-byte SIMD load and store
/// (the wasm has simd128 on); a 16-byte load of two numbers that were just
/// written by two 8-byte stores (θ by the method, ∇C by the objective)
/// cannot be forwarded from those stores and waits for them to reach the
/// cache, about 15 cycles on every step of a run.
#[inline(always)]
fn set(d: &mut f64, s: &f64) {
    // SAFETY: both are references, so valid, aligned and not overlapping.
    unsafe { std::ptr::write_volatile(d, std::ptr::read_volatile(s)) }
}

/// An objective wrapped with evaluation counters and a gradient source.
pub struct Problem {
    objective: Rc<dyn Objective>,
    /// d, asked once.
    dim: usize,
    source: GradientSource,
    memo: Memo,
    rng: Rng,
    /// Current epoch's shuffled order and position in it.
    order: Vec<usize>,
    cursor: usize,
    /// What has been spent so far.
    pub counts: Counts,
    /// The loss that came with the last [`Problem::sample_gradient`]: the
    /// mini-batch loss for mini-batches (the noisy curve of section 4.2).
    pub last_sample_loss: Option<f64>,
}

impl Problem {
    /// A problem with exact gradients.
    pub fn new(objective: Rc<dyn Objective>) -> Self {
        let dim = objective.dim();
        Problem {
            objective,
            dim,
            source: GradientSource::Full,
            memo: Memo {
                valid: false,
                theta: vec![0.0; dim],
                value: f64::NAN,
                grad: vec![0.0; dim],
            },
            rng: Rng::new(0),
            order: Vec::new(),
            cursor: 0,
            counts: Counts::default(),
            last_sample_loss: None,
        }
    }

    /// A problem whose first-order gradients come from `source`, seeded by `seed`.
    pub fn with_source(objective: Rc<dyn Objective>, source: GradientSource, seed: u64) -> Result<Self, String> {
        match &source {
            GradientSource::Full => {}
            GradientSource::MiniBatch { size, .. } => {
                let Some(sum) = objective.finite_sum() else {
                    return Err(
                        "mini-batches need a finite-sum objective (a data set); use noise=σ for this function".into(),
                    );
                };
                let n = sum.terms();
                if *size == 0 || *size > n {
                    return Err(format!("batch size {size} is out of range 1..={n}"));
                }
            }
            GradientSource::Noise { sigma } => {
                if !(sigma.is_finite() && *sigma >= 0.0) {
                    return Err(format!("noise σ = {sigma} must be a finite number ≥ 0"));
                }
            }
        }
        let mut p = Problem::new(objective);
        p.source = source;
        p.rng = Rng::new(seed);
        Ok(p)
    }

    /// The wrapped objective.
    pub fn objective(&self) -> &Rc<dyn Objective> {
        &self.objective
    }

    /// The gradient source used by [`Problem::sample_gradient`].
    pub fn source(&self) -> &GradientSource {
        &self.source
    }

    /// d.
    #[inline]
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// C(θ), counted as one function evaluation.
    pub fn value(&mut self, x: &[f64]) -> f64 {
        self.counts.f += 1;
        self.objective.value(x)
    }

    /// Exact ∇C(θ) into `g`; returns C(θ). Counted as one gradient evaluation
    /// (also when the answer comes from the memo).
    #[inline]
    pub fn gradient(&mut self, x: &[f64], g: &mut [f64]) -> f64 {
        self.counts.g += 1;
        self.exact_gradient(x, g)
    }

    /// ∇C(θ) into `g` and C(θ), not counted: the runner's measurement at every
    /// new iterate, which the method's next gradient there then reuses.
    #[inline]
    pub fn measure(&mut self, x: &[f64], g: &mut [f64]) -> f64 {
        self.exact_gradient(x, g)
    }

    /// ∇C(θ) from the memo when it holds θ, else evaluated and remembered.
    #[inline]
    fn exact_gradient(&mut self, x: &[f64], g: &mut [f64]) -> f64 {
        if self.memo.holds(x) {
            return self.memo.answer(g);
        }
        if g.len() != self.dim || x.len() != self.dim {
            return self.objective.gradient(x, g);
        }
        // Evaluated into the memo and copied out, so that the method's next
        // step reads ∇C one copy after the objective wrote it.
        let value = self.objective.gradient(x, &mut self.memo.grad);
        self.memo.keep(x, value);
        self.memo.answer(g)
    }

    /// ∇²C(θ) into `h` (row-major). Counted as one Hessian evaluation.
    pub fn hessian(&mut self, x: &[f64], h: &mut [f64]) {
        self.counts.h += 1;
        self.objective.hessian(x, h)
    }

    /// ∇²C(θ) v. Counted as one Hessian evaluation.
    pub fn hessian_vector(&mut self, x: &[f64], v: &[f64], out: &mut [f64]) {
        self.counts.h += 1;
        self.objective.hessian_vector(x, v, out)
    }

    /// The gradient a first-order method uses: exact, a mini-batch estimate
    /// (4.13), or exact plus noise, depending on the source. Returns the loss
    /// that comes with it (the batch loss for mini-batches).
    #[inline]
    pub fn sample_gradient(&mut self, x: &[f64], g: &mut [f64]) -> f64 {
        let loss = self.sample(x, g);
        self.last_sample_loss = Some(loss);
        loss
    }

    #[inline]
    fn sample(&mut self, x: &[f64], g: &mut [f64]) -> f64 {
        match self.source {
            GradientSource::Full => self.gradient(x, g),
            GradientSource::Noise { sigma } => {
                let value = self.gradient(x, g);
                for gi in g.iter_mut() {
                    *gi += sigma * self.rng.normal();
                }
                value
            }
            GradientSource::MiniBatch { size, sampling } => self.batch_gradient(x, g, size, sampling),
        }
    }

    /// The mini-batch estimate (4.13). With shuffling, each epoch is one pass
    /// over a fresh permutation cut into ⌈n/n_b⌉ batches, the last one possibly
    /// smaller (footnote 10); with replacement, every index is drawn afresh.
    #[inline(never)]
    fn batch_gradient(&mut self, x: &[f64], g: &mut [f64], size: usize, sampling: Sampling) -> f64 {
        let objective = Rc::clone(&self.objective);
        let sum = objective.finite_sum().expect("checked in with_source");
        let n = sum.terms();
        g.iter_mut().for_each(|v| *v = 0.0);
        let mut loss = 0.0;
        let taken = match sampling {
            Sampling::Replacement => {
                for _ in 0..size {
                    let i = self.rng.index(n);
                    loss += sum.add_term_gradient(i, x, g);
                }
                size
            }
            Sampling::Shuffle => {
                if self.order.len() != n {
                    self.order = (0..n).collect();
                    self.rng.shuffle(&mut self.order);
                    self.cursor = 0;
                }
                let end = (self.cursor + size).min(n);
                for &i in &self.order[self.cursor..end] {
                    loss += sum.add_term_gradient(i, x, g);
                }
                let taken = end - self.cursor;
                self.cursor = end;
                if self.cursor == n {
                    self.cursor = 0;
                    self.rng.shuffle(&mut self.order);
                }
                taken
            }
        };
        self.counts.terms += taken as u64;
        let scale = 1.0 / taken as f64;
        g.iter_mut().for_each(|v| *v *= scale);
        loss * scale
    }

    /// Epochs of data consumed so far by mini-batch gradients (fractional).
    pub fn epochs(&self) -> f64 {
        match (&self.source, self.objective.finite_sum()) {
            (GradientSource::MiniBatch { .. }, Some(sum)) => self.counts.terms as f64 / sum.terms() as f64,
            _ => 0.0,
        }
    }
}
