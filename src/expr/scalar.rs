//! The number types the elementary-operation table is written over.
//!
//! [`Scalar`] is implemented by `f64` (values, tangents, adjoints) and by
//! [`super::dual::Dual`] (the same sweeps differentiated once more, for exact
//! Hessian-vector products). The table in [`super::op`] is generic over it, so
//! each operation's value and local partial derivatives are written once.

use std::fmt::Debug;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub};

use crate::math;

/// A number the elementary operations can be evaluated on.
pub trait Scalar:
    Copy
    + Debug
    + PartialEq
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
{
    /// The constant `c` (zero derivative part).
    fn cst(c: f64) -> Self;
    /// `c * self` for a plain constant `c`.
    fn scale(self, c: f64) -> Self;
    fn sin(self) -> Self;
    fn cos(self) -> Self;
    fn tan(self) -> Self;
    fn exp(self) -> Self;
    /// Natural logarithm.
    fn ln(self) -> Self;
    fn sqrt(self) -> Self;
    fn abs(self) -> Self;
    /// −1, 0 or 1 (0 at 0, unlike `f64::signum`); the derivative of `abs`.
    fn sign(self) -> Self;
    fn tanh(self) -> Self;
    fn sigmoid(self) -> Self;
    fn softplus(self) -> Self;
    /// `self^n` for an integer n (correct for a negative base).
    fn powi(self, n: i32) -> Self;
    /// `self^c` for a constant exponent.
    fn powf(self, c: f64) -> Self;
    /// `c^self` for a constant base.
    fn base_pow(self, c: f64) -> Self;
    /// `self^e`.
    fn pow(self, e: Self) -> Self;
}

/// The sign of `x`: −1, 0 or 1, and NaN for NaN.
pub fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        x * 0.0
    }
}

/// The one-argument methods of a [`Scalar`] impl that each hand `self` to
/// one function: `elementary!(inline: sin => math::sin, …)` writes
/// `fn sin(self) -> Self { math::sin(self) }` (inlined), and
/// `elementary!(self.unary: sin => Op::Sin, …)` writes
/// `fn sin(self) -> Self { self.unary(Op::Sin) }`.
macro_rules! elementary {
    (inline: $($f:ident => $g:path),* $(,)?) => {
        $(
            #[inline(always)]
            fn $f(self) -> Self {
                $g(self)
            }
        )*
    };
    (self.$method:ident: $($f:ident => $arg:expr),* $(,)?) => {
        $(
            fn $f(self) -> Self {
                self.$method($arg)
            }
        )*
    };
}
pub(crate) use elementary;

/// `x^n` for |n| ≤ 64 by repeated squaring: a few IEEE multiplications (so
/// the same bits on every platform) instead of a general pow, which costs
/// ~10x more. Written once for every [`Scalar`], so code that traces the
/// operations (the JIT) multiplies in exactly this order.
#[inline(always)]
pub(crate) fn powi_by_squaring<S: Scalar>(x: S, n: i32) -> S {
    let mut base = x;
    let mut e = n.unsigned_abs();
    let mut acc = S::cst(1.0);
    while e > 0 {
        if e & 1 == 1 {
            acc = acc * base;
        }
        e >>= 1;
        if e > 0 {
            base = base * base;
        }
    }
    if n < 0 { S::cst(1.0) / acc } else { acc }
}

impl Scalar for f64 {
    #[inline(always)]
    fn cst(c: f64) -> Self {
        c
    }
    #[inline(always)]
    fn scale(self, c: f64) -> Self {
        c * self
    }
    elementary!(inline:
        sin => math::sin,
        cos => math::cos,
        tan => math::tan,
        exp => math::exp,
        ln => math::ln,
        sqrt => math::sqrt,
        abs => math::abs,
        sign => sign,
        tanh => math::tanh,
        sigmoid => math::sigmoid,
        softplus => math::softplus,
    );
    #[inline(always)]
    fn powi(self, n: i32) -> Self {
        if n.unsigned_abs() > 64 {
            return math::pow(self, n as f64);
        }
        powi_by_squaring(self, n)
    }
    #[inline(always)]
    fn powf(self, c: f64) -> Self {
        math::pow(self, c)
    }
    #[inline(always)]
    fn base_pow(self, c: f64) -> Self {
        math::pow(c, self)
    }
    #[inline(always)]
    fn pow(self, e: Self) -> Self {
        math::pow(self, e)
    }
}
