//! Dual numbers a + ȧ ε with ε² = 0: forward mode carried in the number type.
//!
//! A dual number knows only the chain rule. Every elementary function's value
//! and derivative come from the one table in [`super::op`], evaluated on
//! `f64`: `f(a + ȧ ε) = f(a) + f'(a) ȧ ε`. Pushing duals through the forward
//! *and* the backward sweep (forward-over-backward) differentiates the
//! gradient in a direction v, which gives the Hessian-vector product ∇²C(θ) v
//! exactly, with no finite differences.

use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub};

use serde::Serialize;

use super::op::Op;
use super::scalar::{Scalar, elementary, sign};

/// A number `re + eps ε` with ε² = 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Dual {
    /// The value.
    pub re: f64,
    /// The derivative part (the tangent).
    pub eps: f64,
}

impl Dual {
    pub const fn new(re: f64, eps: f64) -> Self {
        Dual { re, eps }
    }

    /// f(self) for a unary operation of the table: the value and f'(re) · eps.
    #[inline(always)]
    fn unary(self, op: Op) -> Self {
        let v = op.value(self.re, self.re);
        let (d, _) = op.partials(self.re, self.re, v);
        Dual::new(v, d * self.eps)
    }

    /// f(self, other) for a binary operation of the table.
    #[inline(always)]
    fn binary(self, op: Op, other: Self) -> Self {
        let v = op.value(self.re, other.re);
        let (da, db) = op.partials(self.re, other.re, v);
        Dual::new(v, da * self.eps + db * other.eps)
    }
}

impl Add for Dual {
    type Output = Dual;
    #[inline(always)]
    fn add(self, o: Dual) -> Dual {
        Dual::new(self.re + o.re, self.eps + o.eps)
    }
}

impl Sub for Dual {
    type Output = Dual;
    #[inline(always)]
    fn sub(self, o: Dual) -> Dual {
        Dual::new(self.re - o.re, self.eps - o.eps)
    }
}

impl Neg for Dual {
    type Output = Dual;
    #[inline(always)]
    fn neg(self) -> Dual {
        Dual::new(-self.re, -self.eps)
    }
}

impl AddAssign for Dual {
    #[inline(always)]
    fn add_assign(&mut self, o: Dual) {
        *self = *self + o;
    }
}

impl Mul for Dual {
    type Output = Dual;
    #[inline(always)]
    fn mul(self, o: Dual) -> Dual {
        self.binary(Op::Mul, o)
    }
}

impl Div for Dual {
    type Output = Dual;
    #[inline(always)]
    fn div(self, o: Dual) -> Dual {
        self.binary(Op::Div, o)
    }
}

impl Scalar for Dual {
    fn cst(c: f64) -> Self {
        Dual::new(c, 0.0)
    }
    fn scale(self, c: f64) -> Self {
        self.unary(Op::Scale { c })
    }
    elementary!(self.unary:
        sin => Op::Sin,
        cos => Op::Cos,
        tan => Op::Tan,
        exp => Op::Exp,
        ln => Op::Log,
        sqrt => Op::Sqrt,
        abs => Op::Abs,
        tanh => Op::Tanh,
        sigmoid => Op::Sigmoid,
        softplus => Op::Softplus,
    );
    fn sign(self) -> Self {
        // Piecewise constant: derivative zero (where it exists).
        Dual::new(sign(self.re), 0.0)
    }
    fn powi(self, n: i32) -> Self {
        self.unary(Op::Powi { n })
    }
    fn powf(self, c: f64) -> Self {
        self.unary(Op::Powf { c })
    }
    fn base_pow(self, c: f64) -> Self {
        self.unary(Op::Base { c })
    }
    fn pow(self, e: Self) -> Self {
        self.binary(Op::Pow, e)
    }
}
