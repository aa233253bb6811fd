//! [`Trajectory`]: what a [`super::Runner`] records of a run, iterate by
//! iterate, thinned to a memory budget.

use serde::Serialize;

use crate::optim::Counts;
use crate::optim::problem::copy_small;

/// Everything recorded about a run, iterate by iterate (entry 0 is θ^(0)).
///
/// Long runs are thinned to stay within a memory budget: once `capacity`
/// entries are held, every other one is dropped (never θ^(0) or the latest)
/// and from then on only every `stride`-th iterate is kept. `iter` says which
/// iteration each entry is.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Trajectory {
    pub dim: usize,
    /// The iteration number t of each entry.
    pub iter: Vec<u64>,
    /// θ^(0), θ^(1), … flattened: entry t occupies `theta[t*dim..(t+1)*dim]`.
    pub theta: Vec<f64>,
    /// C(θ^(t)).
    pub loss: Vec<f64>,
    /// ‖∇C(θ^(t))‖.
    pub grad_norm: Vec<f64>,
    /// The loss of the gradient sample step t used (the mini-batch loss for
    /// mini-batches); NaN where the step sampled none (entry 0, second-order steps).
    pub sample_loss: Vec<f64>,
    /// Evaluations spent up to and including iteration t.
    pub evals: Vec<Counts>,
    /// Keep every `stride`-th iterate (1 until the first thinning).
    pub stride: u64,
    /// Entries held before thinning (0 = unlimited).
    pub capacity: usize,
}

impl Trajectory {
    /// Entries a recorded run keeps before thinning: 2^17 iterates.
    pub const CAPACITY: usize = 1 << 17;

    /// Number of recorded iterates.
    pub fn len(&self) -> usize {
        self.loss.len()
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.loss.is_empty()
    }

    /// θ^(t).
    pub fn point(&self, t: usize) -> &[f64] {
        &self.theta[t * self.dim..(t + 1) * self.dim]
    }

    /// Makes room for the entries of `steps` more iterations (at most up to
    /// the capacity), so that recording a call's steps grows every column
    /// once instead of doubling it again and again inside the loop (never
    /// more than [`Trajectory::CAPACITY`] entries at a time).
    pub(super) fn reserve(&mut self, steps: u64) {
        let cap = match self.capacity {
            0 => Trajectory::CAPACITY,
            cap => cap.min(Trajectory::CAPACITY),
        };
        let n = cap
            .saturating_sub(self.len())
            .min(usize::try_from(steps).unwrap_or(usize::MAX));
        if self.loss.capacity() - self.loss.len() >= n {
            return;
        }
        self.iter.reserve(n);
        self.theta.reserve(n.saturating_mul(self.dim));
        self.loss.reserve(n);
        self.grad_norm.reserve(n);
        self.sample_loss.reserve(n);
        self.evals.reserve(n);
    }

    /// Records iterate `iter`. Entries off the stride are kept only while
    /// they are the latest, so the current iterate is always present: an
    /// off-stride latest entry is overwritten in place by the next one.
    #[inline]
    pub(super) fn push(
        &mut self,
        iter: u64,
        theta: &[f64],
        loss: f64,
        grad_norm: f64,
        sample_loss: f64,
        evals: Counts,
    ) {
        // The stride is a power of two (1, doubled by every thinning).
        let mask = self.stride.max(1) - 1;
        if let Some(&last) = self.iter.last()
            && last & mask != 0
        {
            let k = self.iter.len() - 1;
            self.iter[k] = iter;
            copy_small(&mut self.theta[k * self.dim..], theta);
            self.loss[k] = loss;
            self.grad_norm[k] = grad_norm;
            self.sample_loss[k] = sample_loss;
            self.evals[k] = evals;
            return;
        }
        if self.capacity > 0 && self.len() >= self.capacity {
            self.thin();
        }
        self.iter.push(iter);
        match *theta {
            [a, b] => {
                self.theta.push(a);
                self.theta.push(b);
            }
            _ => self.theta.extend_from_slice(theta),
        }
        self.loss.push(loss);
        self.grad_norm.push(grad_norm);
        self.sample_loss.push(sample_loss);
        self.evals.push(evals);
    }

    /// Doubles the stride: drops the entries whose iteration is not a
    /// multiple of the new stride, except the latest.
    fn thin(&mut self) {
        let stride = self.stride.max(1) * 2;
        let n = self.len();
        let keep: Vec<bool> = self
            .iter
            .iter()
            .enumerate()
            .map(|(k, &t)| t % stride == 0 || k + 1 == n)
            .collect();
        let d = self.dim;
        let mut kept = 0;
        for (k, &keep) in keep.iter().enumerate() {
            if keep {
                self.iter[kept] = self.iter[k];
                self.loss[kept] = self.loss[k];
                self.grad_norm[kept] = self.grad_norm[k];
                self.sample_loss[kept] = self.sample_loss[k];
                self.evals[kept] = self.evals[k];
                self.theta.copy_within(k * d..(k + 1) * d, kept * d);
                kept += 1;
            }
        }
        self.iter.truncate(kept);
        self.loss.truncate(kept);
        self.grad_norm.truncate(kept);
        self.sample_loss.truncate(kept);
        self.evals.truncate(kept);
        self.theta.truncate(kept * d);
        self.stride = stride;
    }
}
