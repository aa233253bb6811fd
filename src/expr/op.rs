//! The elementary operations: the one table of values and local partial
//! derivatives (and the labels that print them).
//!
//! A node of the computational graph computes a_i = f_i(u_1, …, u_ℓ) from its
//! operands. For every operation, [`Op::value`] gives f_i and
//! [`Op::partials`] gives ∂f_i/∂u_k, generically over [`Scalar`]. Everything
//! else is built on these two functions: the value, the tangents of forward
//! mode (4.29), the adjoints of backward mode (4.31)–(4.32), the batched
//! landscape, and (through [`super::dual::Dual`]) the exact Hessian. The
//! labels are written next to the formulas they describe.

use serde::Serialize;

use super::scalar::Scalar;
use crate::text::superscript;

/// An elementary operation of the computational graph.
///
/// Constants never appear as operands: they are folded into the operation
/// (`Scale { c: -2.0 }` is the node a3 = −2 θ3 of Table 4.1).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// n-ary sum Σ_k s_k u_k + offset with signs s_k = ±1 (the signs live in
    /// the node). `offset_first` only says where the label prints the offset.
    Sum {
        offset: f64,
        offset_first: bool,
    },
    /// u1 u2.
    Mul,
    /// u1 / u2.
    Div,
    /// u1 ^ u2 (both variable).
    Pow,
    /// c u.
    Scale {
        c: f64,
    },
    /// u / c.
    DivBy {
        c: f64,
    },
    /// c / u.
    Over {
        c: f64,
    },
    /// u².
    Square,
    /// u^n for an integer n (power rule, correct for negative u).
    Powi {
        n: i32,
    },
    /// u^c for a constant c.
    Powf {
        c: f64,
    },
    /// c^u for a constant base c.
    Base {
        c: f64,
    },
    Sin,
    Cos,
    Tan,
    Exp,
    /// Natural logarithm.
    Log,
    Sqrt,
    Abs,
    Tanh,
    Sigmoid,
    Softplus,
}

/// How many operands an operation takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arity {
    Unary,
    Binary,
    /// A sum, with any number of operands.
    Nary,
}

impl Op {
    pub fn arity(self) -> Arity {
        match self {
            Op::Sum { .. } => Arity::Nary,
            Op::Mul | Op::Div | Op::Pow => Arity::Binary,
            _ => Arity::Unary,
        }
    }

    /// The value f(a, b). Unary operations ignore `b`. For a sum this is the
    /// two-operand step `a + b` of [`sum_value`] (operands already signed).
    #[inline(always)]
    pub fn value<S: Scalar>(self, a: S, b: S) -> S {
        match self {
            Op::Sum { .. } => a + b,
            Op::Mul => a * b,
            Op::Div => a / b,
            Op::Pow => a.pow(b),
            Op::Scale { c } => a.scale(c),
            Op::DivBy { c } => a / S::cst(c),
            Op::Over { c } => S::cst(c) / a,
            Op::Square => a * a,
            Op::Powi { n } => a.powi(n),
            Op::Powf { c } => a.powf(c),
            Op::Base { c } => a.base_pow(c),
            Op::Sin => a.sin(),
            Op::Cos => a.cos(),
            Op::Tan => a.tan(),
            Op::Exp => a.exp(),
            Op::Log => a.ln(),
            Op::Sqrt => a.sqrt(),
            Op::Abs => a.abs(),
            Op::Tanh => a.tanh(),
            Op::Sigmoid => a.sigmoid(),
            Op::Softplus => a.softplus(),
        }
    }

    /// The local partial derivatives (∂f/∂a, ∂f/∂b) at (a, b), given the
    /// value v = f(a, b). Unary operations return their derivative first and
    /// ignore the second entry. A sum's partial with respect to each operand
    /// is its sign ([`sum_partial`]); here (1, 1) for the step `a + b`.
    #[inline(always)]
    pub fn partials<S: Scalar>(self, a: S, b: S, v: S) -> (S, S) {
        let one = S::cst(1.0);
        let zero = S::cst(0.0);
        match self {
            Op::Sum { .. } => (one, one),
            Op::Mul => (b, a),
            Op::Div => (one / b, -(v / b)),
            Op::Pow => (b * a.pow(b - one), v * a.ln()),
            Op::Scale { c } => (S::cst(c), zero),
            Op::DivBy { c } => (S::cst(1.0 / c), zero),
            Op::Over { c } => (-(S::cst(c) / (a * a)), zero),
            Op::Square => (a.scale(2.0), zero),
            Op::Powi { n } => (a.powi(n.saturating_sub(1)).scale(n as f64), zero),
            Op::Powf { c } => (a.powf(c - 1.0).scale(c), zero),
            Op::Base { c } => (v.scale(crate::math::ln(c)), zero),
            Op::Sin => (a.cos(), zero),
            Op::Cos => (-a.sin(), zero),
            Op::Tan => (one + v * v, zero),
            Op::Exp => (v, zero),
            Op::Log => (one / a, zero),
            Op::Sqrt => (S::cst(0.5) / v, zero),
            Op::Abs => (a.sign(), zero),
            Op::Tanh => (one - v * v, zero),
            Op::Sigmoid => (v * (one - v), zero),
            Op::Softplus => (a.sigmoid(), zero),
        }
    }

    /// The general expression of a node, e.g. `θ1 θ2`, `−2 θ3`, `sin(a1)`,
    /// `a4 + a5 + a3`, given its operands' names and (for a sum) signs.
    pub fn label(self, args: &[String], signs: &[f64]) -> String {
        let a = args.first().map(String::as_str).unwrap_or("?");
        let b = args.get(1).map(String::as_str).unwrap_or("?");
        match self {
            Op::Sum { offset, offset_first } => {
                let mut s = String::new();
                if offset != 0.0 && offset_first {
                    s.push_str(&num(offset));
                }
                for (k, name) in args.iter().enumerate() {
                    let negative = signs.get(k).is_some_and(|&x| x < 0.0);
                    match (s.is_empty(), negative) {
                        (true, false) => {}
                        (true, true) => s.push('−'),
                        (false, false) => s.push_str(" + "),
                        (false, true) => s.push_str(" − "),
                    }
                    s.push_str(name);
                }
                if offset != 0.0 && !offset_first {
                    s.push_str(if offset < 0.0 { " − " } else { " + " });
                    s.push_str(&num(offset.abs()));
                }
                s
            }
            Op::Mul => format!("{a} {b}"),
            Op::Div => format!("{a} / {b}"),
            Op::Pow => format!("{a}^{b}"),
            Op::Scale { c: -1.0 } => format!("−{a}"),
            Op::Scale { c } => format!("{} {a}", num(c)),
            Op::DivBy { c } => format!("{a} / {}", num(c)),
            Op::Over { c } => format!("{} / {a}", num(c)),
            Op::Square => format!("{a}²"),
            Op::Powi { n } => format!("{a}{}", superscript(n.into())),
            Op::Powf { c } => format!("{a}^{}", num(c)),
            Op::Base { c } => format!("{}^{a}", num(c)),
            Op::Sin => format!("sin({a})"),
            Op::Cos => format!("cos({a})"),
            Op::Tan => format!("tan({a})"),
            Op::Exp => format!("exp({a})"),
            Op::Log => format!("log({a})"),
            Op::Sqrt => format!("sqrt({a})"),
            Op::Abs => format!("abs({a})"),
            Op::Tanh => format!("tanh({a})"),
            Op::Sigmoid => format!("sigmoid({a})"),
            Op::Softplus => format!("softplus({a})"),
        }
    }

    /// The general expression of each local partial ∂f/∂u_k, e.g. `cos(a1)`,
    /// `exp(a2)`, `1`, `θ2`, one per operand.
    pub fn partial_labels(self, args: &[String], signs: &[f64]) -> Vec<String> {
        let a = args.first().map(String::as_str).unwrap_or("?");
        let b = args.get(1).map(String::as_str).unwrap_or("?");
        let one = |s: String| vec![s];
        match self {
            Op::Sum { .. } => signs.iter().map(|&s| num(s)).collect(),
            Op::Mul => vec![b.to_string(), a.to_string()],
            Op::Div => vec![format!("1 / {b}"), format!("−{a} / {b}²")],
            Op::Pow => vec![format!("{b} {a}^({b} − 1)"), format!("{a}^{b} log({a})")],
            Op::Scale { c } => one(num(c)),
            Op::DivBy { c } => one(format!("1 / {}", num(c))),
            Op::Over { c } => one(format!("{} / {a}²", num(-c))),
            Op::Square => one(format!("2 {a}")),
            Op::Powi { n } => one(match n.saturating_sub(1) {
                0 => num(n as f64),
                1 => format!("{} {a}", num(n as f64)),
                m => format!("{} {a}{}", num(n as f64), superscript(m.into())),
            }),
            Op::Powf { c } => one(format!("{} {a}^{}", num(c), num(c - 1.0))),
            Op::Base { c } => one(format!("log({}) {}^{a}", num(c), num(c))),
            Op::Sin => one(format!("cos({a})")),
            Op::Cos => one(format!("−sin({a})")),
            Op::Tan => one(format!("1 + tan({a})²")),
            Op::Exp => one(format!("exp({a})")),
            Op::Log => one(format!("1 / {a}")),
            Op::Sqrt => one(format!("1 / (2 sqrt({a}))")),
            Op::Abs => one(format!("sign({a})")),
            Op::Tanh => one(format!("1 − tanh({a})²")),
            Op::Sigmoid => one(format!("sigmoid({a}) (1 − sigmoid({a}))")),
            Op::Softplus => one(format!("sigmoid({a})")),
        }
    }
}

/// The value of an n-ary sum Σ_k s_k u_k + offset: the signed operands
/// `term(k) = (s_k, u_k)` added in order, then the offset (when nonzero).
/// Every evaluation path (single point, batch, trace) adds in this order, so
/// they agree bit for bit. A sign −1 subtracts, which is exactly adding
/// (−1)·u in IEEE arithmetic.
#[inline(always)]
pub fn sum_value<S: Scalar>(offset: f64, n: usize, mut term: impl FnMut(usize) -> (f64, S)) -> S {
    let signed = |(s, u): (f64, S)| if s < 0.0 { -u } else { u };
    let add = |acc: S, (s, u): (f64, S)| if s < 0.0 { acc - u } else { acc + u };
    let acc = match n {
        0 => return S::cst(offset),
        1 => signed(term(0)),
        2 => {
            let first = signed(term(0));
            add(first, term(1))
        }
        _ => {
            let mut acc = signed(term(0));
            for k in 1..n {
                acc = add(acc, term(k));
            }
            acc
        }
    };
    if offset != 0.0 { acc + S::cst(offset) } else { acc }
}

/// The local partial of a sum with respect to an operand of sign `s`.
#[inline(always)]
pub fn sum_partial(sign: f64) -> f64 {
    sign
}

/// A constant as the labels print it: integers without a decimal point,
/// π and e by name, a true minus sign.
pub fn num(c: f64) -> String {
    use std::f64::consts::{E, PI};
    let body = match c.abs() {
        x if x == PI => "π".to_string(),
        x if x == E => "e".to_string(),
        x if x.fract() == 0.0 && x < 1e15 => format!("{}", x as i64),
        x => format!("{x}"),
    };
    if c < 0.0 { format!("−{body}") } else { body }
}

#[cfg(test)]
mod tests {
    use super::super::dual::Dual;
    use super::*;

    /// Each derivative in the table against a central difference of the value.
    #[test]
    fn partials_match_differences() {
        let unary = [
            Op::Scale { c: -2.0 },
            Op::DivBy { c: 3.0 },
            Op::Over { c: 2.0 },
            Op::Square,
            Op::Powi { n: 3 },
            Op::Powi { n: -2 },
            Op::Powf { c: 0.5 },
            Op::Base { c: 2.0 },
            Op::Sin,
            Op::Cos,
            Op::Tan,
            Op::Exp,
            Op::Log,
            Op::Sqrt,
            Op::Abs,
            Op::Tanh,
            Op::Sigmoid,
            Op::Softplus,
        ];
        let h = 1e-6;
        for op in unary {
            for x in [0.3, 0.7, 1.9] {
                let v = op.value(x, x);
                let (d, _) = op.partials(x, x, v);
                let fd = (op.value(x + h, x + h) - op.value(x - h, x - h)) / (2.0 * h);
                assert!((d - fd).abs() < 1e-6 * (1.0 + d.abs()), "{op:?} at {x}: {d} vs {fd}");
                // Second derivative through the dual numbers, against differences of the first.
                let dd = op.partials(
                    Dual::new(x, 1.0),
                    Dual::new(x, 1.0),
                    op.value(Dual::new(x, 1.0), Dual::new(x, 1.0)),
                );
                let d1 = |y: f64| op.partials(y, y, op.value(y, y)).0;
                let fdd = (d1(x + h) - d1(x - h)) / (2.0 * h);
                assert!(
                    (dd.0.eps - fdd).abs() < 1e-5 * (1.0 + fdd.abs()),
                    "{op:?}'' at {x}: {} vs {fdd}",
                    dd.0.eps
                );
            }
        }
        for op in [Op::Mul, Op::Div, Op::Pow] {
            let (a, b) = (1.3, 0.7);
            let v = op.value(a, b);
            let (da, db) = op.partials(a, b, v);
            let fa = (op.value(a + h, b) - op.value(a - h, b)) / (2.0 * h);
            let fb = (op.value(a, b + h) - op.value(a, b - h)) / (2.0 * h);
            assert!((da - fa).abs() < 1e-6 && (db - fb).abs() < 1e-6, "{op:?}");
        }
    }

    #[test]
    fn labels() {
        let n = |s: &str| s.to_string();
        assert_eq!(Op::Mul.label(&[n("θ1"), n("θ2")], &[]), "θ1 θ2");
        assert_eq!(Op::Scale { c: -2.0 }.label(&[n("θ3")], &[]), "−2 θ3");
        assert_eq!(Op::Sin.label(&[n("a1")], &[]), "sin(a1)");
        let sum = Op::Sum {
            offset: 0.0,
            offset_first: false,
        };
        assert_eq!(
            sum.label(&[n("a4"), n("a5"), n("a3")], &[1.0, 1.0, 1.0]),
            "a4 + a5 + a3"
        );
        let one_minus = Op::Sum {
            offset: 1.0,
            offset_first: true,
        };
        assert_eq!(one_minus.label(&[n("θ1")], &[-1.0]), "1 − θ1");
        assert_eq!(Op::Sin.partial_labels(&[n("a1")], &[]), ["cos(a1)"]);
        assert_eq!(Op::Mul.partial_labels(&[n("θ1"), n("θ2")], &[]), ["θ2", "θ1"]);
        assert_eq!(superscript(-12), "⁻¹²");
        assert_eq!(num(std::f64::consts::PI), "π");
        assert_eq!(num(0.5), "0.5");
    }
}
