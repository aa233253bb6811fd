//! The Rosenbrock function (4.9), written out by hand.
//!
//! The typed-expression engine produces the same numbers through autodiff;
//! this hand-written version is the yardstick the benchmark compares it with.

use super::Objective;

/// C(θ) = (a - θ1)² + b(θ2 - θ1²)², with the book's a = 1, b = 100.
#[derive(Clone, Debug)]
pub struct Rosenbrock {
    pub a: f64,
    pub b: f64,
}

impl Default for Rosenbrock {
    fn default() -> Self {
        Rosenbrock { a: 1.0, b: 100.0 }
    }
}

impl Objective for Rosenbrock {
    fn dim(&self) -> usize {
        2
    }

    fn value(&self, x: &[f64]) -> f64 {
        let (u, v) = (self.a - x[0], x[1] - x[0] * x[0]);
        u * u + self.b * v * v
    }

    fn gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        let (u, v) = (self.a - x[0], x[1] - x[0] * x[0]);
        g[0] = -2.0 * u - 4.0 * self.b * x[0] * v;
        g[1] = 2.0 * self.b * v;
        u * u + self.b * v * v
    }

    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        let b = self.b;
        h[0] = 2.0 - 4.0 * b * (x[1] - x[0] * x[0]) + 8.0 * b * x[0] * x[0];
        h[1] = -4.0 * b * x[0];
        h[2] = h[1];
        h[3] = 2.0 * b;
    }

    fn values(&self, coords: &[&[f64]], out: &mut [f64]) {
        let (xs, ys) = (coords[0], coords[1]);
        for ((o, &x), &y) in out.iter_mut().zip(xs).zip(ys) {
            let (u, v) = (self.a - x, y - x * x);
            *o = u * u + self.b * v * v;
        }
    }
}
