//! Random expression trees for property tests (tests/expr_props.rs,
//! tests/jit.rs): every operation and function in 2–4 variables, evaluated
//! independently of the crate and typed out as text.

#![allow(dead_code)] // each test file uses part of it

use proptest::prelude::*;
use proptest::sample::select;
use saddle::math;

pub const VARS: [&str; 4] = ["x", "y", "z", "w"];
pub const FUNCTIONS: [&str; 10] = [
    "sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sigmoid", "softplus",
];

/// A random expression tree, evaluated here independently of the crate.
#[derive(Clone, Debug)]
pub enum E {
    Var(usize),
    Num(f64),
    Neg(Box<E>),
    Add(Box<E>, Box<E>),
    Sub(Box<E>, Box<E>),
    Mul(Box<E>, Box<E>),
    Div(Box<E>, Box<E>),
    Pow(Box<E>, Box<E>),
    PowC(Box<E>, f64),
    Fun(&'static str, Box<E>),
}

impl E {
    pub fn eval(&self, x: &[f64]) -> f64 {
        match self {
            E::Var(j) => x[*j],
            E::Num(c) => *c,
            E::Neg(a) => -a.eval(x),
            E::Add(a, b) => a.eval(x) + b.eval(x),
            E::Sub(a, b) => a.eval(x) - b.eval(x),
            E::Mul(a, b) => a.eval(x) * b.eval(x),
            E::Div(a, b) => a.eval(x) / b.eval(x),
            E::Pow(a, b) => math::pow(a.eval(x), b.eval(x)),
            E::PowC(a, c) => math::pow(a.eval(x), *c),
            E::Fun(f, a) => {
                let u = a.eval(x);
                match *f {
                    "sin" => math::sin(u),
                    "cos" => math::cos(u),
                    "tan" => math::tan(u),
                    "exp" => math::exp(u),
                    "log" => math::ln(u),
                    "sqrt" => math::sqrt(u),
                    "abs" => math::abs(u),
                    "tanh" => math::tanh(u),
                    "sigmoid" => math::sigmoid(u),
                    _ => math::softplus(u),
                }
            }
        }
    }

    /// Text a person might type: sums and products without parentheses
    /// where none are needed, everything else parenthesised.
    pub fn render(&self) -> String {
        let atomic = |e: &E| matches!(e, E::Var(_) | E::Num(_) | E::Fun(..));
        let wrap = |e: &E| {
            if atomic(e) {
                e.render()
            } else {
                format!("({})", e.render())
            }
        };
        let term = |e: &E| match e {
            E::Mul(..) | E::Div(..) | E::Pow(..) | E::PowC(..) => e.render(),
            _ => wrap(e),
        };
        match self {
            E::Var(j) => VARS[*j].to_string(),
            E::Num(c) => format!("{c}"),
            E::Neg(a) => format!("-{}", wrap(a)),
            // Sums chain to the left without parentheses: one n-ary sum node.
            E::Add(a, b) => format!(
                "{} + {}",
                if matches!(**a, E::Add(..) | E::Sub(..)) {
                    a.render()
                } else {
                    term(a)
                },
                term(b)
            ),
            E::Sub(a, b) => format!(
                "{} - {}",
                if matches!(**a, E::Add(..) | E::Sub(..)) {
                    a.render()
                } else {
                    term(a)
                },
                term(b)
            ),
            E::Mul(a, b) => format!(
                "{}*{}",
                if matches!(**a, E::Mul(..)) { a.render() } else { wrap(a) },
                wrap(b)
            ),
            E::Div(a, b) => format!("{} / {}", wrap(a), wrap(b)),
            E::Pow(a, b) => format!("{}^{}", wrap(a), wrap(b)),
            E::PowC(a, c) if *c < 0.0 => format!("{}^({c})", wrap(a)),
            E::PowC(a, c) => format!("{}^{c}", wrap(a)),
            E::Fun(f, a) => format!("{f}({})", a.render()),
        }
    }
}

/// Trees up to `depth` levels: a leaf with probability 1/6 above the bottom.
pub fn tree_of_depth(vars: usize, depth: u32) -> BoxedStrategy<E> {
    let leaf = prop_oneof![
        3 => (0..vars).prop_map(E::Var),
        1 => select(vec![0.5, 1.0, 2.0, 3.0, 0.25, 1.5]).prop_map(E::Num),
    ];
    if depth == 0 {
        return leaf.boxed();
    }
    let inner = tree_of_depth(vars, depth - 1);
    let b =
        |f: fn(Box<E>, Box<E>) -> E| (inner.clone(), inner.clone()).prop_map(move |(a, b)| f(Box::new(a), Box::new(b)));
    prop_oneof![
        3 => leaf,
        1 => inner.clone().prop_map(|a| E::Neg(Box::new(a))),
        3 => b(E::Add),
        2 => b(E::Sub),
        3 => b(E::Mul),
        1 => b(E::Div),
        1 => b(E::Pow),
        2 => (inner.clone(), select(vec![2.0, 3.0, -1.0, -2.0, 0.5, 1.5, 4.0]))
            .prop_map(|(a, c)| E::PowC(Box::new(a), c)),
        3 => (select(FUNCTIONS.to_vec()), inner.clone()).prop_map(|(f, a)| E::Fun(f, Box::new(a))),
    ]
    .boxed()
}

pub fn tree(vars: usize) -> BoxedStrategy<E> {
    tree_of_depth(vars, 5)
}

/// A scalar case: the number of variables, the tree, and a point.
pub fn case() -> impl Strategy<Value = (usize, E, Vec<f64>)> {
    (2usize..=4).prop_flat_map(|d| (Just(d), tree(d), prop::collection::vec(-2.0f64..2.0, d)))
}
