//! The two loops every MLP pass spends its time in: a dot product with four
//! partial sums (the forward pass, and the principal components' Gram
//! matrix) and y ← y + a·x (the backward pass).
//!
//! In the browser they use WebAssembly's 128-bit SIMD (two f64 lanes): the
//! same multiplications and additions in the same order, lane by lane (no
//! fused multiply-add), so the page computes bit for bit what the command
//! line computes. Every engine that runs the page (Chromium 91, Firefox 89,
//! Safari 16.4 and later) has SIMD; one without it refuses the whole module
//! when it loads, so the code never runs without it.

/// Σ a_i b_i over the common length, with four partial sums s_l (terms
/// k ≡ l mod 4 in index order), then (s_0 + s_1) + (s_2 + s_3) + the tail.
#[inline(always)]
pub fn dot4(a: &[f64], b: &[f64]) -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        simd::dot4(a, b)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let n = a.len().min(b.len());
        let (a, b) = (&a[..n], &b[..n]);
        let mut s = [0.0; 4];
        let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
        let (ta, tb) = (ca.remainder(), cb.remainder());
        for (x, y) in ca.zip(cb) {
            s[0] += x[0] * y[0];
            s[1] += x[1] * y[1];
            s[2] += x[2] * y[2];
            s[3] += x[3] * y[3];
        }
        let mut tail = 0.0;
        for (x, y) in ta.iter().zip(tb) {
            tail += x * y;
        }
        (s[0] + s[1]) + (s[2] + s[3]) + tail
    }
}

/// y_k ← y_k + a·x_k over the common length.
#[inline(always)]
pub fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
    #[cfg(target_arch = "wasm32")]
    {
        simd::axpy(a, x, y)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        for (yi, xi) in y.iter_mut().zip(x) {
            *yi += a * xi;
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod simd {
    use core::arch::wasm32::{f64x2_add, f64x2_extract_lane, f64x2_mul, f64x2_splat, v128, v128_load, v128_store};

    /// Lanes (0, 1) and (2, 3) of the partial sums in two vectors.
    #[target_feature(enable = "simd128")]
    pub fn dot4(a: &[f64], b: &[f64]) -> f64 {
        let n = a.len().min(b.len());
        let (a, b) = (&a[..n], &b[..n]);
        let (mut s01, mut s23) = (f64x2_splat(0.0), f64x2_splat(0.0));
        let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
        let (ta, tb) = (ca.remainder(), cb.remainder());
        for (x, y) in ca.zip(cb) {
            // SAFETY: x and y hold exactly four f64s: both 16-byte loads at
            // offsets 0 and 2 are inside them (wasm loads need no alignment).
            let (x01, x23, y01, y23) = unsafe {
                (
                    v128_load(x.as_ptr() as *const v128),
                    v128_load(x.as_ptr().add(2) as *const v128),
                    v128_load(y.as_ptr() as *const v128),
                    v128_load(y.as_ptr().add(2) as *const v128),
                )
            };
            s01 = f64x2_add(s01, f64x2_mul(x01, y01));
            s23 = f64x2_add(s23, f64x2_mul(x23, y23));
        }
        let mut tail = 0.0;
        for (x, y) in ta.iter().zip(tb) {
            tail += x * y;
        }
        (f64x2_extract_lane::<0>(s01) + f64x2_extract_lane::<1>(s01))
            + (f64x2_extract_lane::<0>(s23) + f64x2_extract_lane::<1>(s23))
            + tail
    }

    /// Two elements at a time, then the odd one.
    #[target_feature(enable = "simd128")]
    pub fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
        let n = x.len().min(y.len());
        let av = f64x2_splat(a);
        for p in (0..n / 2).map(|k| 2 * k) {
            // SAFETY: p + 1 < n ≤ len(x), len(y): both 16-byte accesses are in bounds.
            unsafe {
                let xv = v128_load(x.as_ptr().add(p) as *const v128);
                let yv = v128_load(y.as_ptr().add(p) as *const v128);
                v128_store(y.as_mut_ptr().add(p) as *mut v128, f64x2_add(yv, f64x2_mul(av, xv)));
            }
        }
        if n % 2 == 1 {
            y[n - 1] += a * x[n - 1];
        }
    }
}
