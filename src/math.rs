//! Elementary functions and small vector helpers used throughout the core.
//!
//! Every transcendental function goes through the `libm` crate rather than the
//! platform's C library, so that native builds (tests, the CLI) and the
//! WebAssembly build produce bit-identical numbers for the same scene.

pub use libm::{atan2, cos, cosh, exp, log as ln, log10, pow, sin, sinh, tan, tanh};

/// √x. IEEE 754 requires square roots to be correctly rounded, so the
/// hardware instruction (native and `f64.sqrt` in wasm) gives the same bits
/// everywhere; libm's software fallback on wasm32 would only be slower.
#[inline]
pub fn sqrt(x: f64) -> f64 {
    x.sqrt()
}

/// |x| (exact everywhere).
#[inline]
pub fn abs(x: f64) -> f64 {
    x.abs()
}

/// The logistic sigmoid 1 / (1 + e^-x), computed without overflow.
pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + exp(-x))
    } else {
        let e = exp(x);
        e / (1.0 + e)
    }
}

/// softplus(x) = log(1 + e^x), computed without overflow.
pub fn softplus(x: f64) -> f64 {
    if x > 30.0 {
        x + libm::log1p(exp(-x))
    } else {
        libm::log1p(exp(x))
    }
}

/// Inner product of two equally long slices.
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    debug_assert_eq!(a.len(), b.len());
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Euclidean norm.
pub fn norm(a: &[f64]) -> f64 {
    sqrt(dot(a, a))
}

/// Euclidean distance between two points.
pub fn dist(a: &[f64], b: &[f64]) -> f64 {
    debug_assert_eq!(a.len(), b.len());
    sqrt(a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum())
}

/// y <- y + a x
pub fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
    debug_assert_eq!(x.len(), y.len());
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += a * xi;
    }
}

/// True when every entry is finite.
pub fn all_finite(a: &[f64]) -> bool {
    a.iter().all(|v| v.is_finite())
}
