//! How values map to [0, 1] for colour and contour levels.

use serde::Serialize;

use crate::math::{exp, ln};

/// [`Scale::unit_fast`] with its constants precomputed.
#[derive(Clone, Copy, Debug)]
pub struct FastUnit {
    lo: f64,
    inv: f64,
    log: bool,
    delta: f64,
    base: f64,
    table: &'static [f64; 257],
}

/// `x` clamped to [lo, hi] by comparisons: in wasm, `f64::min`/`max` are
/// calls (their NaN rules differ from the instructions'), too slow per pixel.
#[inline(always)]
pub(crate) fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}

impl FastUnit {
    /// u ∈ [0, 1] for a finite value, to about 1e-6.
    #[inline]
    pub fn unit(&self, v: f64) -> f64 {
        let u = if self.log {
            let d = v - self.lo;
            let d = if d > 0.0 { d } else { 0.0 };
            (ln_with(self.table, d + self.delta) - self.base) * self.inv
        } else {
            (v - self.lo) * self.inv
        };
        clamp(u, 0.0, 1.0)
    }
}

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
        Scale::auto_above(values, finite_range(values).0, log)
    }

    /// [`Scale::auto`] when the smallest finite value `lo` is already known.
    /// The two quantiles come from selection, not a sort: the same numbers
    /// (an order statistic does not depend on how it is found) in O(n).
    pub fn auto_above(values: &[f64], lo: f64, log: Option<bool>) -> Scale {
        let step = (values.len() / 8192).max(1);
        let mut sample: Vec<f64> = values.iter().step_by(step).copied().filter(|v| v.is_finite()).collect();
        if sample.is_empty() {
            return Scale::Linear { lo: 0.0, hi: 1.0 };
        }
        let rank = |p: f64| ((sample.len() - 1) as f64 * p).round() as usize;
        let (k99, k50) = (rank(0.99), rank(0.5));
        let (below, &mut q99, _) = sample.select_nth_unstable_by(k99, f64::total_cmp);
        let median = if k50 == k99 {
            q99
        } else {
            *below.select_nth_unstable_by(k50, f64::total_cmp).1
        };
        let hi = if q99 > lo { q99 } else { lo };
        if hi - lo <= f64::EPSILON * lo.abs().max(1.0) {
            return Scale::Linear {
                lo: lo - 0.5,
                hi: lo + 0.5,
            };
        }
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

    /// [`Scale::unit`] to about 1e-6, without libm: for colouring pixels,
    /// where a logarithm per pixel would dominate the cost of a picture.
    #[inline]
    pub fn unit_fast(&self, v: f64) -> f64 {
        self.fast().unit(v)
    }

    /// A mapper with the constants of [`Scale::unit_fast`] worked out once,
    /// for a loop over many pixels.
    pub fn fast(&self) -> FastUnit {
        match *self {
            Scale::Linear { lo, hi } => FastUnit {
                lo,
                inv: 1.0 / (hi - lo),
                log: false,
                delta: 0.0,
                base: 0.0,
                table: ln_table(),
            },
            Scale::Log { lo, hi, delta } => {
                let base = fast_ln(delta);
                FastUnit {
                    lo,
                    inv: 1.0 / (fast_ln(hi - lo + delta) - base),
                    log: true,
                    delta,
                    base,
                    table: ln_table(),
                }
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

/// ln(x) for finite positive x to about 2e-6 absolute, without libm or
/// divisions: the exponent from the bits, and ln of the mantissa m ∈ [1, 2)
/// interpolated linearly in a 256-entry table. Ample for 256 colours.
#[inline]
fn fast_ln(x: f64) -> f64 {
    ln_with(ln_table(), x)
}

/// [`fast_ln`] with the table at hand (looked up once per picture).
#[inline(always)]
fn ln_with(table: &[f64; 257], x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NEG_INFINITY;
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mantissa = bits & 0x000f_ffff_ffff_ffff;
    let k = (mantissa >> 44) as usize;
    let frac = (mantissa & ((1 << 44) - 1)) as f64 * (1.0 / (1u64 << 44) as f64);
    let (a, b) = (table[k], table[k + 1]);
    exponent as f64 * std::f64::consts::LN_2 + a + (b - a) * frac
}

/// The smallest and largest finite values (∞ and −∞ when there are none),
/// by comparisons (see [`clamp`]).
pub fn finite_range(values: &[f64]) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &v in values {
        if v.is_finite() {
            if v < lo {
                lo = v;
            }
            if v > hi {
                hi = v;
            }
        }
    }
    (lo, hi)
}

/// ln(1 + k/256) for k = 0..=256.
fn ln_table() -> &'static [f64; 257] {
    static TABLE: std::sync::OnceLock<[f64; 257]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0.0; 257];
        for (k, v) in t.iter_mut().enumerate() {
            *v = ln(1.0 + k as f64 / 256.0);
        }
        t
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_ln_is_close_to_ln() {
        for &x in &[1e-300, 1e-5, 0.3, 1.0, 1.5, 2.0, 3.25, 1e5, 1e300] {
            let (a, b) = (fast_ln(x), ln(x));
            assert!((a - b).abs() <= 2e-6, "{x}: {a} vs {b}");
        }
    }
}
