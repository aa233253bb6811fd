//! Objectives C : R^d -> R: the loss landscapes the optimizers walk on.
//!
//! An objective answers value, gradient and Hessian queries. Evaluation
//! counting is not its business: optimizers see objectives only through
//! [`crate::optim::Problem`], the one wrapper that counts every call.
//!
//! Finite-sum objectives (4.4), C(θ) = (1/n) Σ C_i(θ), also expose their
//! terms through [`FiniteSum`], which is what SGD (4.10) and mini-batches
//! (4.13) sample from.

/// A twice differentiable function C : R^d -> R.
pub trait Objective {
    /// The dimension d of θ.
    fn dim(&self) -> usize;

    /// C(θ).
    fn value(&self, x: &[f64]) -> f64;

    /// Writes ∇C(θ) into `g` (length d) and returns C(θ).
    fn gradient(&self, x: &[f64], g: &mut [f64]) -> f64;

    /// Writes the Hessian ∇²C(θ) into `h`, row-major, d×d.
    fn hessian(&self, x: &[f64], h: &mut [f64]);

    /// Hessian-vector product ∇²C(θ) v. The default forms the whole Hessian.
    fn hessian_vector(&self, x: &[f64], v: &[f64], out: &mut [f64]) {
        let d = self.dim();
        let mut h = vec![0.0; d * d];
        self.hessian(x, &mut h);
        for (i, o) in out.iter_mut().enumerate() {
            *o = crate::math::dot(&h[i * d..(i + 1) * d], v);
        }
    }

    /// Values at many points at once, for pictures only (landscapes). The
    /// points are given coordinate by coordinate: `coords[j][k]` is coordinate
    /// j of point k. Implementations may evaluate whole blocks at a time, and
    /// may use the approximate exp, sin and cos of [`crate::landscape::approx`]
    /// (within 1e-14 of libm); nothing an optimizer sees comes from here.
    fn values(&self, coords: &[&[f64]], out: &mut [f64]) {
        let d = self.dim();
        let mut x = vec![0.0; d];
        for (k, o) in out.iter_mut().enumerate() {
            for j in 0..d {
                x[j] = coords[j][k];
            }
            *o = self.value(&x);
        }
    }

    /// The finite-sum structure (4.4), when the objective has one.
    fn finite_sum(&self) -> Option<&dyn FiniteSum> {
        None
    }
}

pub mod catalog;
pub mod critical;
pub mod quadratic;
pub mod rosenbrock;

pub use quadratic::Quadratic;
pub use rosenbrock::Rosenbrock;

/// C(θ) = (1/n) Σ_i C_i(θ), equation (4.4).
pub trait FiniteSum {
    /// The number of terms n.
    fn terms(&self) -> usize;

    /// C_i(θ).
    fn term_value(&self, i: usize, x: &[f64]) -> f64;

    /// Adds ∇C_i(θ) to `g` and returns C_i(θ).
    fn add_term_gradient(&self, i: usize, x: &[f64], g: &mut [f64]) -> f64;

    /// Writes ∇C(θ) = (1/n) Σ_i ∇C_i(θ) into `g` and returns C(θ), summing
    /// the terms in order.
    fn mean_gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        g.fill(0.0);
        let mut value = 0.0;
        for i in 0..self.terms() {
            value += self.add_term_gradient(i, x, g);
        }
        let n = self.terms() as f64;
        for gj in g.iter_mut() {
            *gj /= n;
        }
        value / n
    }
}

/// An objective given by closures; handy in tests and for hand-written functions.
pub struct FnObjective<V, G, H>
where
    V: Fn(&[f64]) -> f64,
    G: Fn(&[f64], &mut [f64]) -> f64,
    H: Fn(&[f64], &mut [f64]),
{
    pub dim: usize,
    pub value: V,
    pub gradient: G,
    pub hessian: H,
}

impl<V, G, H> Objective for FnObjective<V, G, H>
where
    V: Fn(&[f64]) -> f64,
    G: Fn(&[f64], &mut [f64]) -> f64,
    H: Fn(&[f64], &mut [f64]),
{
    fn dim(&self) -> usize {
        self.dim
    }
    fn value(&self, x: &[f64]) -> f64 {
        (self.value)(x)
    }
    fn gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        (self.gradient)(x, g)
    }
    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        (self.hessian)(x, h)
    }
}
