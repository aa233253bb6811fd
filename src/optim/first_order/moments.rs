//! What the momentum and adaptive rules share: exponential smoothing
//! (4.16)/(4.22) and the running powers β^t of the bias corrections (4.24).
//! Every rule works coordinate by coordinate and performs the book's
//! operations in the book's order, so the iterates are bit for bit those of
//! the equations as written.

/// b·m + (1 − b)·x: the exponential smoothing of the momentum update (4.16)
/// (m = v, b = β, x = g) and of the second moment (4.22) (m = s, b = γ,
/// x = g ⊙ g).
#[inline(always)]
pub(crate) fn ema(m: f64, b: f64, x: f64) -> f64 {
    b * m + (1.0 - b) * x
}

/// b^t for the bias corrections (4.24), kept as a running product: one
/// multiplication per iteration instead of a `pow`. Changing the base
/// mid-run recomputes b^t for the new base, so the correction stays that of
/// the current hyperparameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Power {
    base: f64,
    /// base^t.
    value: f64,
}

impl Power {
    /// b^0 = 1.
    pub(crate) fn new(base: f64) -> Self {
        Power { base, value: 1.0 }
    }

    /// b^(t+1) given b^t, without changing the stored power.
    pub(crate) fn next(&self) -> f64 {
        self.value * self.base
    }

    /// Moves from b^t to b^(t+1). Values below 1e-300 become 0 (1 − b^t is 1
    /// by then anyway), so long runs never multiply subnormal numbers.
    pub(crate) fn advance(&mut self) {
        let v = self.next();
        self.value = if v < 1e-300 { 0.0 } else { v };
    }

    /// Sets a new base at iteration `t` (b^t recomputed; unchanged if the base is the same).
    pub(crate) fn rebase(&mut self, base: f64, t: u64) {
        if base != self.base {
            self.base = base;
            self.value = crate::math::pow(base, t as f64);
        }
    }
}
