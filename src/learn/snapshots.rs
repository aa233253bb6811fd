//! [`Snapshots`]: the weights θ at the end of epochs, kept with a stride so
//! that a long run fits a fixed budget; what a slice through the landscape
//! needs to fit its plane to the path and to draw the path on it
//! ([`super::slice`]).
//!
//! Epoch 0 (the start) is always kept, then every `stride`-th epoch; when
//! more than `cap` would be kept, the stride doubles and the snapshots off the
//! new stride are dropped, so at most `cap` remain whatever the number of
//! epochs. The latest θ is kept too (as the last snapshot) even when it is
//! off the stride, so a path always ends where its run ended.

/// θ at some epoch ends of one run, flattened.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshots {
    dim: usize,
    cap: usize,
    stride: u32,
    epochs: Vec<u32>,
    thetas: Vec<f64>,
    /// Whether the last snapshot is off the stride (the latest θ only).
    loose: bool,
}

/// The smallest budget: the start, one on the stride and the latest.
pub const MIN_CAP: usize = 3;

impl Snapshots {
    /// Keeps at most `cap` (at least [`MIN_CAP`]) snapshots of `dim` parameters.
    pub fn new(dim: usize, cap: usize) -> Snapshots {
        Snapshots {
            dim,
            cap: cap.max(MIN_CAP),
            stride: 1,
            epochs: Vec::new(),
            thetas: Vec::new(),
            loose: false,
        }
    }

    /// Offers θ at the end of `epoch` (epochs arrive in increasing order).
    pub fn offer(&mut self, epoch: u32, theta: &[f64]) {
        if theta.len() != self.dim || self.epochs.last().is_some_and(|&e| e >= epoch) {
            return;
        }
        if self.loose {
            self.epochs.pop();
            self.thetas.truncate(self.epochs.len() * self.dim);
            self.loose = false;
        }
        if !epoch.is_multiple_of(self.stride) {
            self.push(epoch, theta);
            self.loose = true;
            return;
        }
        // Room for this one and a loose latest later; thinning may leave
        // this epoch itself off the new stride, and then it is the latest.
        while self.epochs.len() + 1 >= self.cap {
            self.thin();
        }
        self.push(epoch, theta);
        self.loose = !epoch.is_multiple_of(self.stride);
    }

    fn push(&mut self, epoch: u32, theta: &[f64]) {
        self.epochs.push(epoch);
        self.thetas.extend_from_slice(theta);
    }

    /// Doubles the stride, dropping the snapshots off it.
    fn thin(&mut self) {
        self.stride = self.stride.saturating_mul(2);
        let d = self.dim;
        let mut kept = 0;
        for k in 0..self.epochs.len() {
            if self.epochs[k].is_multiple_of(self.stride) {
                self.epochs[kept] = self.epochs[k];
                self.thetas.copy_within(k * d..(k + 1) * d, kept * d);
                kept += 1;
            }
        }
        self.epochs.truncate(kept);
        self.thetas.truncate(kept * d);
    }

    /// The number of parameters of each snapshot.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// How many snapshots are kept.
    pub fn len(&self) -> usize {
        self.epochs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.epochs.is_empty()
    }

    /// The epochs kept, increasing.
    pub fn epochs(&self) -> &[u32] {
        &self.epochs
    }

    /// Every kept θ, one after the other (a [`super::slice::Path`]).
    pub fn thetas(&self) -> &[f64] {
        &self.thetas
    }

    /// θ of snapshot k.
    pub fn theta(&self, k: usize) -> &[f64] {
        &self.thetas[k * self.dim..(k + 1) * self.dim]
    }

    /// Epochs between kept snapshots (apart from the latest).
    pub fn stride(&self) -> u32 {
        self.stride
    }
}
