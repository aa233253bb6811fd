//! Quadratic objectives C(θ) = ½ θᵀAθ - bᵀθ, equation (4.46), of any dimension.

use super::Objective;
use crate::math::dot;

/// ½ θᵀAθ - bᵀθ with a symmetric d×d matrix A (row-major) and b ∈ R^d.
/// When A is positive definite the unique minimizer is θ* = A⁻¹b (4.47).
#[derive(Clone, Debug)]
pub struct Quadratic {
    a: Vec<f64>,
    b: Vec<f64>,
}

impl Quadratic {
    /// Builds the quadratic, checking shapes and symmetry.
    pub fn new(a: Vec<f64>, b: Vec<f64>) -> Result<Self, String> {
        let d = b.len();
        if d == 0 {
            return Err("a quadratic needs at least one dimension".into());
        }
        if a.len() != d * d {
            return Err(format!("A has {} entries, expected {}×{} = {}", a.len(), d, d, d * d));
        }
        if !a.iter().chain(&b).all(|v| v.is_finite()) {
            return Err("A and b must be finite".into());
        }
        for i in 0..d {
            for j in 0..i {
                let (x, y) = (a[i * d + j], a[j * d + i]);
                if (x - y).abs() > 1e-12 * (1.0 + x.abs().max(y.abs())) {
                    return Err(format!("A is not symmetric: A[{i}][{j}] = {x} but A[{j}][{i}] = {y}"));
                }
            }
        }
        Ok(Quadratic { a, b })
    }

    /// The matrix A, row-major.
    pub fn a(&self) -> &[f64] {
        &self.a
    }

    /// The vector b.
    pub fn b(&self) -> &[f64] {
        &self.b
    }

    fn mul_a(&self, x: &[f64], out: &mut [f64]) {
        let d = self.b.len();
        for (i, o) in out.iter_mut().enumerate() {
            *o = dot(&self.a[i * d..(i + 1) * d], x);
        }
    }
}

impl Objective for Quadratic {
    fn dim(&self) -> usize {
        self.b.len()
    }

    fn value(&self, x: &[f64]) -> f64 {
        let mut ax = vec![0.0; x.len()];
        self.mul_a(x, &mut ax);
        0.5 * dot(x, &ax) - dot(&self.b, x)
    }

    fn gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        self.mul_a(x, g);
        let value = 0.5 * dot(x, g) - dot(&self.b, x);
        for (gi, bi) in g.iter_mut().zip(&self.b) {
            *gi -= bi;
        }
        value
    }

    fn hessian(&self, _x: &[f64], h: &mut [f64]) {
        h.copy_from_slice(&self.a);
    }

    fn hessian_vector(&self, _x: &[f64], v: &[f64], out: &mut [f64]) {
        self.mul_a(v, out);
    }
}
