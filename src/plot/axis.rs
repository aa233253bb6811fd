//! Axes that never lie and never fail: a range that can always be drawn,
//! whatever numbers arrive (NaN, ±∞, 1e308, an empty or reversed range), and
//! tick labels over the whole of it: a label at every decade of a log axis
//! (or at every second, third, … decade when there are many), whole numbers
//! on an axis that counts, and "nice" steps of 1, 2 and 5 otherwise.
//!
//! [`Axis`] is a plotters coordinate ([`Ranged`]) of our own, so plotters
//! never computes a tick itself: its linear and logarithmic coordinates loop
//! forever on an infinite range and allocate without bound on a huge one.

use std::ops::Range;

use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};

use crate::math::{log10, pow};
use crate::text::superscript;

/// Linear coordinates are clamped to ±`BIG` (a quarter of the largest
/// float), so a range's width and its tick steps stay finite.
pub const BIG: f64 = 4e307;
/// The smallest positive value a log axis shows.
pub const TINY: f64 = 1e-300;
/// A pixel position never lies further than this many axis lengths outside
/// the axis (so it fits an `i32` and lines leave the plot at the right angle).
const REACH: f64 = 1e3;

/// One tick: where it is, and its label (`None`: a minor tick, a grid line only).
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub value: f64,
    pub label: Option<String>,
}

/// How values map to positions.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Linear,
    Log,
}

/// A drawable axis: a finite, increasing range (positive for a log axis) and
/// its ticks.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    lo: f64,
    hi: f64,
    kind: Kind,
    ticks: Vec<Tick>,
}

impl Axis {
    /// A linear axis over [lo, hi] with at most `labels` labelled ticks at
    /// steps of 1, 2 or 5 × 10^k; `integer`: steps of at least 1 (an axis
    /// that counts iterations).
    pub fn linear(lo: f64, hi: f64, labels: usize, integer: bool) -> Axis {
        let (lo, hi) = linear_range(lo, hi);
        let ticks = linear_ticks(lo, hi, labels.max(2), integer);
        Axis {
            lo,
            hi,
            kind: Kind::Linear,
            ticks,
        }
    }

    /// A linear axis over the data range [lo, hi] widened by `pad` of its
    /// width on each side.
    pub fn padded(lo: f64, hi: f64, pad: f64, labels: usize, integer: bool) -> Axis {
        let (lo, hi) = pad_range(lo, hi, pad);
        Axis::linear(lo, hi, labels, integer)
    }

    /// A log axis over whole decades covering [lo, hi], labelled at every
    /// decade, or at every s-th decade (s = 2, 3, 4, 5, 10, 20, 25, 50, …)
    /// when more than `labels` decades would be labelled.
    pub fn log(lo: f64, hi: f64, labels: usize) -> Axis {
        let (d0, d1, top) = decades(lo, hi);
        let ticks = log_ticks(d0, d1, labels.max(2));
        Axis {
            lo: pow10(d0),
            hi: top,
            kind: Kind::Log,
            ticks,
        }
    }

    /// A linear axis over [lo, hi] with ticks chosen by the caller (e.g. the
    /// 3-D view's height, whose positions are on a colour scale and whose
    /// labels are the values of C there). Ticks outside the range are dropped.
    pub fn custom(lo: f64, hi: f64, ticks: Vec<Tick>) -> Axis {
        let (lo, hi) = linear_range(lo, hi);
        let ticks = ticks
            .into_iter()
            .filter(|t| t.value.is_finite() && t.value >= lo && t.value <= hi)
            .collect();
        Axis {
            lo,
            hi,
            kind: Kind::Linear,
            ticks,
        }
    }

    /// The range drawn.
    pub fn bounds(&self) -> (f64, f64) {
        (self.lo, self.hi)
    }

    pub fn is_log(&self) -> bool {
        self.kind == Kind::Log
    }

    /// Every tick, labelled and minor, in increasing order.
    pub fn ticks(&self) -> &[Tick] {
        &self.ticks
    }

    /// The labels, bottom to top (or left to right).
    pub fn labels(&self) -> Vec<&str> {
        self.ticks.iter().filter_map(|t| t.label.as_deref()).collect()
    }

    /// Whether v lies in the range (boundary included; never for NaN).
    pub fn contains(&self, v: f64) -> bool {
        v >= self.lo && v <= self.hi
    }

    /// The position of v along the axis: 0 at `lo`, 1 at `hi`, clamped to a
    /// few axis lengths outside; NaN maps to 0, values ≤ 0 on a log axis far below.
    pub fn fraction(&self, v: f64) -> f64 {
        let t = match self.kind {
            Kind::Linear => (v - self.lo) / (self.hi - self.lo),
            Kind::Log if v > 0.0 => (log10(v) - log10(self.lo)) / (log10(self.hi) - log10(self.lo)),
            Kind::Log => -REACH,
        };
        if t.is_nan() { 0.0 } else { t.clamp(-REACH, REACH) }
    }

    /// The value at position t (0 at `lo`, 1 at `hi`): the inverse of [`Axis::fraction`].
    pub fn value_at(&self, t: f64) -> f64 {
        match self.kind {
            Kind::Linear => self.lo + t * (self.hi - self.lo),
            Kind::Log => pow(10.0, log10(self.lo) + t * (log10(self.hi) - log10(self.lo))),
        }
    }

    /// The label of the tick at v (exactly a tick value), or a label for v.
    pub fn label(&self, v: f64) -> String {
        if let Some(t) = self.ticks.iter().find(|t| t.value == v)
            && let Some(l) = &t.label
        {
            return l.clone();
        }
        number(v)
    }
}

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let t = self.fraction(*value);
        let px = limit.0 as f64 + t * (limit.1 - limit.0) as f64;
        px.round() as i32
    }

    /// The labelled ticks for bold lines and labels; every tick for light lines.
    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        let light = hint.weight().allow_light_points();
        self.ticks
            .iter()
            .filter(|t| light || t.label.is_some())
            .map(|t| t.value)
            .collect()
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

impl ValueFormatter<f64> for Axis {
    fn format_ext(&self, value: &f64) -> String {
        self.label(*value)
    }
}

/// 10^k.
fn pow10(k: i32) -> f64 {
    pow(10.0, k as f64)
}

/// A finite, increasing range with a width that is neither zero nor
/// infinite: NaN ends become 0 and 1, infinities ±BIG, a reversed range is
/// swapped and an empty one widened about its middle.
pub fn linear_range(lo: f64, hi: f64) -> (f64, f64) {
    let clean = |v: f64| if v.is_nan() { None } else { Some(v.clamp(-BIG, BIG)) };
    let (mut lo, mut hi) = match (clean(lo), clean(hi)) {
        (Some(a), Some(b)) => (a.min(b), a.max(b)),
        (Some(a), None) | (None, Some(a)) => (a, a),
        (None, None) => (0.0, 1.0),
    };
    let mid = lo / 2.0 + hi / 2.0;
    // Narrower than a few hundred rounding steps of its position: a constant.
    if hi - lo < (mid.abs() * 1e-13).max(1e-300) {
        // A constant: ±5 % about it (±0.5 about 0), so its digits stay readable.
        let half = if mid.abs() < 1e-300 { 0.5 } else { mid.abs() * 0.05 };
        (lo, hi) = (mid - half, mid + half);
        if hi > BIG {
            (lo, hi) = (BIG - 2.0 * half, BIG);
        } else if lo < -BIG {
            (lo, hi) = (-BIG, -BIG + 2.0 * half);
        }
    }
    (lo, hi)
}

/// [`linear_range`] of [lo, hi] widened by `pad` of its width each side (clamped to ±BIG).
pub fn pad_range(lo: f64, hi: f64, pad: f64) -> (f64, f64) {
    let (lo, hi) = linear_range(lo, hi);
    let p = (hi - lo) * pad.clamp(0.0, 10.0);
    ((lo - p).max(-BIG), (hi + p).min(BIG))
}

/// The whole decades 10^d0 ≤ lo and hi ≤ 10^d1 (at least one decade), and
/// the top of the axis: 10^d1, or the largest float when hi is above 1e308.
fn decades(lo: f64, hi: f64) -> (i32, i32, f64) {
    let clean = |v: f64| {
        if v.is_nan() || v <= 0.0 {
            None
        } else {
            Some(v.clamp(TINY, f64::MAX))
        }
    };
    let (lo, hi) = match (clean(lo), clean(hi)) {
        (Some(a), Some(b)) => (a.min(b), a.max(b)),
        (Some(a), None) | (None, Some(a)) => (a, a),
        (None, None) => (0.1, 10.0),
    };
    let d0 = (log10(lo).floor() as i32).clamp(-300, 307);
    let mut d1 = (log10(hi).ceil() as i32).clamp(-299, 308);
    if d1 <= d0 {
        d1 = d0 + 1;
    }
    let top = if hi > 1e308 { f64::MAX } else { pow10(d1) };
    (d0, d1, top)
}

/// Labels at every s-th decade (the smallest regular s that keeps at most
/// `labels` of them), minor ticks at 2…9 × 10^k when few decades are shown,
/// and at the unlabelled decades otherwise.
fn log_ticks(d0: i32, d1: i32, labels: usize) -> Vec<Tick> {
    let span = (d1 - d0) as usize;
    let s = decade_step(span, labels);
    let plain = s == 1 && d0 >= -3 && d1 <= 4;
    let mut ticks = Vec::new();
    for k in d0..=d1 {
        let v = pow10(k);
        let labelled = k.rem_euclid(s as i32) == 0;
        ticks.push(Tick {
            value: v,
            label: labelled.then(|| decade_label(k, plain)),
        });
        if span <= 4 && k < d1 {
            for m in 2..=9 {
                ticks.push(Tick {
                    value: m as f64 * v,
                    label: None,
                });
            }
        }
    }
    ticks
}

/// The step between labelled decades when `span` decades are shown and at
/// most `labels` labels fit: 1, 2, 3, 4, 5, 10, 20, 50, 100, …
pub fn decade_step(span: usize, labels: usize) -> usize {
    let fits = |s: usize| span / s < labels;
    for s in [1, 2, 3, 4, 5] {
        if fits(s) {
            return s;
        }
    }
    let mut base = 10;
    loop {
        for m in [1, 2, 5] {
            if fits(m * base) {
                return m * base;
            }
        }
        if base > 1000 {
            return 1000;
        }
        base *= 10;
    }
}

/// 10^k as a person writes it: 0.01, 1, 1000 on a short axis (`plain`); 10⁻⁶, 10¹² otherwise.
pub fn decade_label(k: i32, plain: bool) -> String {
    if plain {
        if k >= 0 {
            format!("1{}", "0".repeat(k as usize))
        } else {
            format!("0.{}1", "0".repeat((-k - 1) as usize))
        }
    } else {
        format!("10{}", superscript(k.into()))
    }
}

/// Ticks at multiples of a step of 1, 2 or 5 × 10^k, at most `labels` of them.
fn linear_ticks(lo: f64, hi: f64, labels: usize, integer: bool) -> Vec<Tick> {
    let width = hi - lo;
    let raw = width / (labels - 1).max(1) as f64;
    let mut e = log10(raw).floor();
    if integer {
        e = e.max(0.0);
    }
    let mut step = pow(10.0, e);
    for m in [1.0, 2.0, 5.0, 10.0, 20.0] {
        let s = m * pow(10.0, e);
        if (integer && s < 1.0) || (width / s).floor() + 1.0 > labels as f64 {
            continue;
        }
        step = s;
        break;
    }
    if (width / step).floor() + 1.0 > labels as f64 {
        step *= 10.0;
    }
    let first = (lo / step).ceil();
    let mut ticks = Vec::new();
    // At most `labels` + 1 ticks whatever rounding does: no unbounded loop.
    for i in 0..=labels {
        let v = (first + i as f64) * step;
        if v > hi + step * 1e-9 {
            break;
        }
        let v = if v.abs() < step * 1e-9 { 0.0 } else { v };
        ticks.push(Tick {
            value: v.min(hi).max(lo),
            label: Some(step_label(v, step)),
        });
    }
    ticks
}

/// A tick value written to the precision its step needs: 0.25, 1500, 2.5×10⁵
/// is "2.5e5", −0.001; a true minus sign; no floating-point noise.
fn step_label(v: f64, step: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let e = log10(v.abs()).floor() as i32;
    let se = log10(step).floor() as i32;
    if !(-3..5).contains(&e) {
        let digits = (e - se).clamp(0, 15) as usize;
        let m = v / pow10(e);
        let mantissa = format!("{m:.digits$}");
        let mantissa = trim_zeros(&mantissa);
        return minus(&format!("{mantissa}e{e}"));
    }
    let decimals = (-se).clamp(0, 17) as usize;
    minus(trim_zeros(&format!("{v:.decimals$}")))
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// ASCII hyphens as true minus signs.
fn minus(s: &str) -> String {
    let s = s.replace('-', "−");
    if s == "−0" { "0".into() } else { s }
}

/// A number as a label, short and without floating-point noise: 0.0042,
/// 1500, 2.5e7, −3; "∞" and "NaN" spelled out.
pub fn number(v: f64) -> String {
    if let Some(word) = crate::text::special(v) {
        return word.into();
    }
    let a = v.abs();
    if !(1e-3..1e5).contains(&a) {
        let s = format!("{v:.1e}");
        return minus(&s.replace(".0e", "e"));
    }
    minus(trim_zeros(&format!("{v:.4}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decade_steps_are_regular() {
        assert_eq!(decade_step(3, 8), 1);
        // 1e2 down to 1e-20: 23 decades, at most 8 labels: every third.
        assert_eq!(decade_step(22, 8), 3);
        assert_eq!(decade_step(22, 6), 4);
        assert_eq!(decade_step(600, 6), 200);
    }

    #[test]
    fn labels_are_written_as_a_person_would() {
        assert_eq!(step_label(-0.5, 0.5), "−0.5");
        assert_eq!(step_label(1500.0, 500.0), "1500");
        assert_eq!(step_label(250000.0, 50000.0), "2.5e5");
        assert_eq!(step_label(0.0004, 0.0002), "4e−4");
        assert_eq!(decade_label(-2, true), "0.01");
        assert_eq!(decade_label(3, true), "1000");
        assert_eq!(decade_label(-12, false), "10⁻¹²");
    }
}
