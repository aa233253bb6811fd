//! The hypothetical finite sum (4.12) of section 4.2 (Figure 4.3):
//!
//! C_i(θ) = a_i(θ1 − u_{i,1})² + (θ2 − u_{i,2})²,   C(θ) = (1/n) Σ_i C_i(θ),
//!
//! with a_i > 0. Each C_i is convex with its unique minimizer at u_i, so C is
//! convex and its minimizer lies in the convex hull S of u_1, …, u_n: setting
//! ∇C = 0 gives θ1* = Σ a_i u_{i,1} / Σ a_i and θ2* = (1/n) Σ u_{i,2}.
//! Outside S every −∇C_i points towards S, which is why SGD (4.10) heads for
//! S like gradient descent and then fluctuates inside it.

use crate::objective::{FiniteSum, Objective};
use crate::rng::Rng;

use super::data::MAX_POINTS;
use super::hull::convex_hull;

/// The finite sum (4.12).
#[derive(Clone, Debug, PartialEq)]
pub struct Sum412 {
    a: Vec<f64>,
    u: Vec<[f64; 2]>,
}

impl Sum412 {
    /// The sum with weights a_i > 0 and minimizers u_i.
    pub fn new(a: Vec<f64>, u: Vec<[f64; 2]>) -> Result<Sum412, String> {
        if u.is_empty() {
            return Err("(4.12) needs at least one point u_i".into());
        }
        if u.len() > MAX_POINTS {
            return Err(format!("too many points: {} (the limit is {MAX_POINTS})", u.len()));
        }
        if a.len() != u.len() {
            return Err(format!("{} weights a_i for {} points u_i", a.len(), u.len()));
        }
        if let Some(i) = a.iter().position(|w| !(w.is_finite() && *w > 0.0)) {
            return Err(format!("weight a_{} = {} must be a positive number", i + 1, a[i]));
        }
        if let Some(i) = u.iter().position(|p| !(p[0].is_finite() && p[1].is_finite())) {
            return Err(format!("point u_{} is not finite", i + 1));
        }
        Ok(Sum412 { a, u })
    }

    /// n weights a_i, uniform on [0.5, 3], drawn from `rng`.
    pub fn random_weights(n: usize, rng: &mut Rng) -> Vec<f64> {
        (0..n).map(|_| rng.uniform_in(0.5, 3.0)).collect()
    }

    /// A seeded instance: n points u_i uniform on [−spread, spread]², or with
    /// `identical` one such point repeated n times (Figure 4.3(b)); the
    /// weights come after the points in the same random stream.
    pub fn generate(n: usize, spread: f64, identical: bool, seed: u64) -> Result<Sum412, String> {
        if !(spread.is_finite() && spread > 0.0) {
            return Err(format!("spread must be a positive number, not {spread}"));
        }
        let n = n.clamp(1, MAX_POINTS);
        let mut rng = Rng::new(seed);
        let draw = |rng: &mut Rng| [rng.uniform_in(-spread, spread), rng.uniform_in(-spread, spread)];
        let u = if identical {
            vec![draw(&mut rng); n]
        } else {
            (0..n).map(|_| draw(&mut rng)).collect()
        };
        let a = Sum412::random_weights(n, &mut rng);
        Sum412::new(a, u)
    }

    /// n.
    pub fn n(&self) -> usize {
        self.a.len()
    }

    /// The weights a_i.
    pub fn weights(&self) -> &[f64] {
        &self.a
    }

    /// The minimizers u_i of the C_i (the green dots of Figure 4.3).
    pub fn minimizers(&self) -> &[[f64; 2]] {
        &self.u
    }

    /// The convex hull S of the u_i, counter-clockwise.
    pub fn hull(&self) -> Vec<[f64; 2]> {
        convex_hull(&self.u)
    }

    /// The global minimizer θ* of C: (Σ a_i u_{i,1} / Σ a_i, mean of u_{i,2}).
    pub fn minimizer(&self) -> [f64; 2] {
        let sa: f64 = self.a.iter().sum();
        let t1 = self.a.iter().zip(&self.u).map(|(a, u)| a * u[0]).sum::<f64>() / sa;
        let t2 = self.u.iter().map(|u| u[1]).sum::<f64>() / self.n() as f64;
        [t1, t2]
    }
}

impl FiniteSum for Sum412 {
    fn terms(&self) -> usize {
        self.n()
    }

    fn term_value(&self, i: usize, x: &[f64]) -> f64 {
        let (d1, d2) = (x[0] - self.u[i][0], x[1] - self.u[i][1]);
        self.a[i] * d1 * d1 + d2 * d2
    }

    fn add_term_gradient(&self, i: usize, x: &[f64], g: &mut [f64]) -> f64 {
        let (d1, d2) = (x[0] - self.u[i][0], x[1] - self.u[i][1]);
        g[0] += 2.0 * self.a[i] * d1;
        g[1] += 2.0 * d2;
        self.a[i] * d1 * d1 + d2 * d2
    }
}

impl Objective for Sum412 {
    fn dim(&self) -> usize {
        2
    }

    fn value(&self, x: &[f64]) -> f64 {
        (0..self.n()).map(|i| self.term_value(i, x)).sum::<f64>() / self.n() as f64
    }

    fn gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        self.mean_gradient(x, g)
    }

    /// ∇²C = diag(2 mean(a), 2), the same everywhere.
    fn hessian(&self, _x: &[f64], h: &mut [f64]) {
        let mean_a = self.a.iter().sum::<f64>() / self.n() as f64;
        h.copy_from_slice(&[2.0 * mean_a, 0.0, 0.0, 2.0]);
    }

    fn finite_sum(&self) -> Option<&dyn FiniteSum> {
        Some(self)
    }
}
