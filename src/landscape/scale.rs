//! How values map to [0, 1] for colour and contour levels.

use serde::Serialize;

use crate::math::{exp, ln};

/// A monotone map from values of C to [0, 1].
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scale {
    /// u = (v − lo)/(hi − lo).
    Linear { lo: f64, hi: f64 },
    /// u = (ln(v − lo + δ) − ln δ)/(ln(hi − lo + δ) − ln δ): for landscapes whose
    /// values span decades, like Rosenbrock's valley inside walls of 10^3.
    Log { lo: f64, hi: f64, delta: f64 },
}

impl Scale {
    /// Chooses a scale from the values: the range runs from the minimum to the
    /// 99th percentile (so a few huge values do not wash out the picture), and
    /// the scale is logarithmic when most values crowd near the bottom of that
    /// range (the median sits in its lowest 8%), or when `log` forces it.
    pub fn auto(values: &[f64], log: Option<bool>) -> Scale {
        let step = (values.len() / 8192).max(1);
        let mut sample: Vec<f64> = values.iter().step_by(step).copied().filter(|v| v.is_finite()).collect();
        if sample.is_empty() {
            return Scale::Linear { lo: 0.0, hi: 1.0 };
        }
        sample.sort_by(f64::total_cmp);
        let lo = values
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .fold(f64::INFINITY, f64::min);
        let q = |p: f64| sample[((sample.len() - 1) as f64 * p).round() as usize];
        let hi = q(0.99).max(lo);
        if hi - lo <= f64::EPSILON * lo.abs().max(1.0) {
            return Scale::Linear {
                lo: lo - 0.5,
                hi: lo + 0.5,
            };
        }
        let median = q(0.5);
        let use_log = log.unwrap_or((median - lo) < 0.08 * (hi - lo));
        if use_log {
            Scale::Log {
                lo,
                hi,
                delta: (hi - lo) * 1e-5,
            }
        } else {
            Scale::Linear { lo, hi }
        }
    }

    /// u ∈ [0, 1] for a value (clamped); NaN for NaN.
    pub fn unit(&self, v: f64) -> f64 {
        match *self {
            Scale::Linear { lo, hi } => ((v - lo) / (hi - lo)).clamp(0.0, 1.0),
            Scale::Log { lo, hi, delta } => {
                let top = ln((hi - lo + delta) / delta);
                (ln(((v - lo).max(0.0) + delta) / delta) / top).clamp(0.0, 1.0)
            }
        }
    }

    /// The value whose unit position is u: the inverse of [`Scale::unit`].
    pub fn value_at(&self, u: f64) -> f64 {
        match *self {
            Scale::Linear { lo, hi } => lo + u * (hi - lo),
            Scale::Log { lo, hi, delta } => {
                let top = ln((hi - lo + delta) / delta);
                lo + delta * exp(u * top) - delta
            }
        }
    }

    /// `n` contour levels evenly spaced in unit position (so log-spaced on a log scale).
    pub fn levels(&self, n: usize) -> Vec<f64> {
        (1..=n).map(|k| self.value_at(k as f64 / (n + 1) as f64)).collect()
    }
}
