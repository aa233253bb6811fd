//! The one source of randomness: a seeded ChaCha8 generator.
//!
//! Every random choice in saddle (SGD indices, mini-batch shuffles, gradient
//! noise, generated data sets) draws from a [`Rng`] built from the scene's
//! seed, so the same seed gives the same numbers natively and in the browser.

use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A seeded, reproducible random number generator.
#[derive(Clone, Debug)]
pub struct Rng(ChaCha8Rng);

impl Rng {
    /// A generator whose whole stream is determined by `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(ChaCha8Rng::seed_from_u64(seed))
    }

    /// Uniform on [0, 1).
    pub fn uniform(&mut self) -> f64 {
        self.0.random::<f64>()
    }

    /// Uniform on [lo, hi).
    pub fn uniform_in(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.uniform()
    }

    /// Uniform on {0, …, n-1}; `n` must be positive.
    pub fn index(&mut self, n: usize) -> usize {
        self.0.random_range(0..n)
    }

    /// A standard normal variate (Box–Muller, through libm for reproducibility).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform(); // in (0, 1]
        let u2 = self.uniform();
        crate::math::sqrt(-2.0 * crate::math::ln(u1)) * crate::math::cos(std::f64::consts::TAU * u2)
    }

    /// Shuffles a slice uniformly at random.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        items.shuffle(&mut self.0);
    }
}
