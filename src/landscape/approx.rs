//! exp, sin and cos for pictures only: a landscape's samples of a typed
//! expression ([`crate::objective::Objective::values`]) use these instead of
//! libm, because a landscape evaluates them hundreds of thousands of times
//! per picture. They are short polynomials (no division), within a few
//! units in the last place of libm (relative error ≤ 1e-14, tested below), so
//! a pixel's colour index can differ from the exact render's only where the
//! exact value sits on a rounding boundary, and then by one.
//!
//! Never for iterates: every number an optimizer sees still comes from libm
//! (`crate::math`), bit for bit the same on the page and the command line.

use crate::math;

const LN2_HI: f64 = 6.931_471_803_691_238e-1;
const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;

/// 2^(j/64) for j = 0..64, worked out at compile time.
const EXP2_64: [f64; 64] = {
    let mut t = [0.0; 64];
    let mut j = 0;
    while j < 64 {
        // e^a for a = j ln 2 / 64 ∈ [0, ln 2): its Taylor series to degree 24.
        let a = j as f64 * (LN2_HI + LN2_LO) / 64.0;
        let (mut sum, mut term, mut n) = (1.0, 1.0, 1);
        while n <= 24 {
            term = term * a / n as f64;
            sum += term;
            n += 1;
        }
        t[j] = sum;
        j += 1;
    }
    t
};

/// e^x: x = (64e + j) ln 2/64 + r with |r| ≤ ln 2/128, e^x = 2^e · 2^(j/64) · e^r,
/// e^r by its Taylor polynomial to degree 5 (remainder below 4e-17 relative),
/// evaluated in Estrin's scheme; 2^e from the bits.
#[inline]
pub fn exp(x: f64) -> f64 {
    if !(x > -708.0 && x < 709.0) {
        // The tails, ±∞ and NaN.
        return math::exp(x);
    }
    let k = (x * (64.0 * std::f64::consts::LOG2_E)).round_ties_even();
    let r = (x - k * (LN2_HI / 64.0)) - k * (LN2_LO / 64.0);
    let r2 = r * r;
    let p = (1.0 + r) + r2 * ((0.5 + r * (1.0 / 6.0)) + r2 * ((1.0 / 24.0) + r * (1.0 / 120.0)));
    let k = k as i64;
    let scale = f64::from_bits((((k >> 6) + 1023) as u64) << 52);
    EXP2_64[(k & 63) as usize] * p * scale
}

const PIO2_HI: f64 = 1.570_796_326_734_125_6;
const PIO2_MID: f64 = 6.077_100_506_303_966e-11;
const PIO2_LO: f64 = 2.022_266_248_795_950_6e-21;

/// x − kπ/2 with |result| ≤ π/4, and k mod 4; `None` where the three-part
/// reduction loses digits (|x| ≥ 2^19).
#[inline(always)]
fn reduce(x: f64) -> Option<(f64, u32)> {
    if x.is_nan() || x.abs() >= 524_288.0 {
        return None;
    }
    let k = (x * std::f64::consts::FRAC_2_PI).round_ties_even();
    let r = ((x - k * PIO2_HI) - k * PIO2_MID) - k * PIO2_LO;
    Some((r, (k as i64 & 3) as u32))
}

/// The minimax polynomials of fdlibm's `__kernel_sin` and `__kernel_cos`
/// for |r| ≤ π/4 (error below 2^-58), evaluated in Estrin's scheme.
const S: [f64; 6] = [
    -1.666_666_666_666_663_2e-1,
    8.333_333_333_322_49e-3,
    -1.984_126_982_985_795e-4,
    2.755_731_370_707_006_8e-6,
    -2.505_076_025_340_686_3e-8,
    1.589_690_995_211_55e-10,
];
const C: [f64; 6] = [
    4.166_666_666_666_66e-2,
    -1.388_888_888_887_411e-3,
    2.480_158_728_947_673e-5,
    -2.755_731_435_139_066_3e-7,
    2.087_572_321_298_175e-9,
    -1.135_964_755_778_819_5e-11,
];

/// sin r for |r| ≤ π/4.
#[inline(always)]
fn sin_small(r: f64) -> f64 {
    let z = r * r;
    let z2 = z * z;
    let p = (S[0] + z * S[1]) + z2 * ((S[2] + z * S[3]) + z2 * (S[4] + z * S[5]));
    r + r * z * p
}

/// cos r for |r| ≤ π/4.
#[inline(always)]
fn cos_small(r: f64) -> f64 {
    let z = r * r;
    let z2 = z * z;
    let p = (C[0] + z * C[1]) + z2 * ((C[2] + z * C[3]) + z2 * (C[4] + z * C[5]));
    (1.0 - 0.5 * z) + z2 * p
}

/// sin x (libm beyond |x| ≥ 2^19, and for ±∞ and NaN).
#[inline]
pub fn sin(x: f64) -> f64 {
    let Some((r, q)) = reduce(x) else {
        return math::sin(x);
    };
    let v = if q & 1 == 0 { sin_small(r) } else { cos_small(r) };
    if q & 2 == 0 { v } else { -v }
}

/// cos x (libm beyond |x| ≥ 2^19, and for ±∞ and NaN).
#[inline]
pub fn cos(x: f64) -> f64 {
    let Some((r, q)) = reduce(x) else {
        return math::cos(x);
    };
    let v = if q & 1 == 0 { cos_small(r) } else { sin_small(r) };
    if (q + 1) & 2 == 0 { v } else { -v }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Points spread over `lo..hi`, with the interval's ends and zero.
    fn points(lo: f64, hi: f64) -> impl Iterator<Item = f64> {
        let n = 200_000;
        (0..=n)
            .map(move |k| lo + (hi - lo) * k as f64 / n as f64)
            .chain([lo, hi, 0.0, -0.0, 1e-300])
    }

    #[test]
    fn exp_is_within_1e_14_relative_of_libm() {
        let mut worst = 0.0f64;
        for x in points(-707.9, 708.9).chain(points(-3.0, 3.0)) {
            let (a, b) = (exp(x), math::exp(x));
            worst = worst.max(((a - b) / b).abs());
        }
        assert!(worst <= 1e-14, "relative error {worst:e}");
        for x in [f64::INFINITY, f64::NEG_INFINITY, 710.0, -746.0, -710.0] {
            assert_eq!(exp(x), math::exp(x), "{x}");
        }
        assert!(exp(f64::NAN).is_nan());
    }

    #[test]
    fn sin_and_cos_are_within_1e_14_of_libm() {
        let mut worst = 0.0f64;
        for x in points(-50.0, 50.0).chain(points(-5e5, 5e5)).chain(points(-1e-3, 1e-3)) {
            worst = worst
                .max((sin(x) - math::sin(x)).abs())
                .max((cos(x) - math::cos(x)).abs());
            // Relative near zero too, where a picture's values may be tiny.
            if x.abs() < 1e-3 {
                assert!(
                    ((sin(x) - math::sin(x)) / math::sin(x).abs().max(1e-300)).abs() <= 1e-14,
                    "{x}"
                );
            }
        }
        assert!(worst <= 1e-14, "absolute error {worst:e}");
        for x in [1e6, -3e7, f64::INFINITY, f64::NAN] {
            assert_eq!(sin(x).to_bits(), math::sin(x).to_bits(), "{x}");
            assert_eq!(cos(x).to_bits(), math::cos(x).to_bits(), "{x}");
        }
    }
}
