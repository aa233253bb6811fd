//! [`Sym`]: a [`Scalar`] that writes code instead of computing.
//!
//! The sweeps of [`super::super::program::Program`] are generic over
//! [`Scalar`]. Run on `Sym`, each arithmetic operation, elementary function
//! or comparison they perform appends its WebAssembly instructions to a tape
//! (one new local per result) in the order the sweep performs it, with the
//! operands in the order the sweep gives them. The generated code therefore
//! performs the interpreter's IEEE operations in the interpreter's order, and
//! calls the same libm functions, so its results are the interpreter's bit
//! for bit: no derivative rule is written a second time.
//!
//! Only operations on two constants are folded (computed here, in f64,
//! which rounds exactly as the generated code would); nothing else is
//! simplified, not even `0 + x`, whose sign of zero can differ from `x`.

use std::cell::RefCell;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub};

use super::super::scalar::{Scalar, elementary, powi_by_squaring, sign};
use crate::math;

/// A value of the traced computation: a local of the generated function, or
/// a constant known while tracing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Sym {
    Local(u32),
    Const(f64),
}

/// One instruction of the tape.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ins {
    Get(u32),
    Set(u32),
    Const(f64),
    Add,
    Sub,
    Mul,
    Div,
    Neg,
    Sqrt,
    Abs,
    Lt,
    Gt,
    Select,
    Call(Import),
}

/// The functions a generated module imports from the main module (its own
/// libm, so the bits are those of the interpreter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Import {
    Exp,
    Sin,
    Cos,
    Tan,
    Log,
    Tanh,
    Sigmoid,
    Softplus,
    Pow,
}

impl Import {
    /// Every import, in the order of the module's function indices.
    pub const ALL: [Import; 9] = [
        Import::Exp,
        Import::Sin,
        Import::Cos,
        Import::Tan,
        Import::Log,
        Import::Tanh,
        Import::Sigmoid,
        Import::Softplus,
        Import::Pow,
    ];

    /// The import's field name in the generated module.
    pub fn name(self) -> &'static str {
        match self {
            Import::Exp => "exp",
            Import::Sin => "sin",
            Import::Cos => "cos",
            Import::Tan => "tan",
            Import::Log => "log",
            Import::Tanh => "tanh",
            Import::Sigmoid => "sigmoid",
            Import::Softplus => "softplus",
            Import::Pow => "pow",
        }
    }

    /// Its function index in the generated module.
    pub fn index(self) -> u32 {
        Import::ALL.iter().position(|&i| i == self).unwrap_or(0) as u32
    }

    /// Number of f64 arguments.
    pub fn arity(self) -> usize {
        if self == Import::Pow { 2 } else { 1 }
    }

    /// The function itself (what the main module exports under this name).
    pub fn eval(self, a: f64, b: f64) -> f64 {
        match self {
            Import::Exp => math::exp(a),
            Import::Sin => math::sin(a),
            Import::Cos => math::cos(a),
            Import::Tan => math::tan(a),
            Import::Log => math::ln(a),
            Import::Tanh => math::tanh(a),
            Import::Sigmoid => math::sigmoid(a),
            Import::Softplus => math::softplus(a),
            Import::Pow => math::pow(a, b),
        }
    }
}

/// The instructions traced so far and the next free local.
#[derive(Debug, Default)]
pub struct Tape {
    pub code: Vec<Ins>,
    /// The first local the tape may use, and how many it has used.
    pub first: u32,
    pub used: u32,
}

thread_local! {
    static TAPE: RefCell<Option<Tape>> = const { RefCell::new(None) };
}

/// Runs `f` with a fresh tape whose locals start at `first`; returns what
/// `f` returned and the tape. Tapes do not nest.
pub fn trace<R>(first: u32, f: impl FnOnce() -> R) -> (R, Tape) {
    TAPE.with(|t| {
        *t.borrow_mut() = Some(Tape {
            first,
            ..Tape::default()
        })
    });
    let r = f();
    let tape = TAPE.with(|t| t.borrow_mut().take()).unwrap_or_default();
    (r, tape)
}

fn with_tape<R>(f: impl FnOnce(&mut Tape) -> R) -> R {
    TAPE.with(|t| {
        let mut t = t.borrow_mut();
        let tape = t.get_or_insert_with(Tape::default);
        f(tape)
    })
}

impl Tape {
    fn push(&mut self, a: Sym) {
        self.code.push(match a {
            Sym::Local(l) => Ins::Get(l),
            Sym::Const(c) => Ins::Const(c),
        });
    }

    /// Stores the value on top of the stack in a new local.
    fn result(&mut self) -> Sym {
        let l = self.first + self.used;
        self.used += 1;
        self.code.push(Ins::Set(l));
        Sym::Local(l)
    }
}

impl Sym {
    fn binary(self, b: Sym, ins: Ins, fold: fn(f64, f64) -> f64) -> Sym {
        if let (Sym::Const(x), Sym::Const(y)) = (self, b) {
            return Sym::Const(fold(x, y));
        }
        with_tape(|t| {
            t.push(self);
            t.push(b);
            t.code.push(ins);
            t.result()
        })
    }

    fn unary(self, ins: Ins, fold: fn(f64) -> f64) -> Sym {
        if let Sym::Const(x) = self {
            return Sym::Const(fold(x));
        }
        with_tape(|t| {
            t.push(self);
            t.code.push(ins);
            t.result()
        })
    }

    fn call(self, f: Import) -> Sym {
        if let Sym::Const(x) = self {
            return Sym::Const(f.eval(x, 0.0));
        }
        with_tape(|t| {
            t.push(self);
            t.code.push(Ins::Call(f));
            t.result()
        })
    }

    fn pow_of(self, e: Sym) -> Sym {
        if let (Sym::Const(x), Sym::Const(y)) = (self, e) {
            return Sym::Const(math::pow(x, y));
        }
        with_tape(|t| {
            t.push(self);
            t.push(e);
            t.code.push(Ins::Call(Import::Pow));
            t.result()
        })
    }
}

impl Add for Sym {
    type Output = Sym;
    fn add(self, b: Sym) -> Sym {
        self.binary(b, Ins::Add, |x, y| x + y)
    }
}

impl Sub for Sym {
    type Output = Sym;
    fn sub(self, b: Sym) -> Sym {
        self.binary(b, Ins::Sub, |x, y| x - y)
    }
}

impl Mul for Sym {
    type Output = Sym;
    fn mul(self, b: Sym) -> Sym {
        self.binary(b, Ins::Mul, |x, y| x * y)
    }
}

impl Div for Sym {
    type Output = Sym;
    fn div(self, b: Sym) -> Sym {
        self.binary(b, Ins::Div, |x, y| x / y)
    }
}

impl Neg for Sym {
    type Output = Sym;
    fn neg(self) -> Sym {
        self.unary(Ins::Neg, |x| -x)
    }
}

impl AddAssign for Sym {
    fn add_assign(&mut self, b: Sym) {
        *self = *self + b;
    }
}

impl Scalar for Sym {
    fn cst(c: f64) -> Self {
        Sym::Const(c)
    }
    fn scale(self, c: f64) -> Self {
        // f64's `scale` is `c * self`: the same operand order.
        Sym::Const(c) * self
    }
    elementary!(self.call:
        sin => Import::Sin,
        cos => Import::Cos,
        tan => Import::Tan,
        exp => Import::Exp,
        ln => Import::Log,
        tanh => Import::Tanh,
        sigmoid => Import::Sigmoid,
        softplus => Import::Softplus,
    );
    fn sqrt(self) -> Self {
        // `f64.sqrt` is correctly rounded, like `math::sqrt`.
        self.unary(Ins::Sqrt, math::sqrt)
    }
    fn abs(self) -> Self {
        self.unary(Ins::Abs, math::abs)
    }
    fn sign(self) -> Self {
        // `sign`: 1 if x > 0, else −1 if x < 0, else x·0 (0, −0 or NaN).
        if let Sym::Const(x) = self {
            return Sym::Const(sign(x));
        }
        with_tape(|t| {
            t.code.push(Ins::Const(1.0));
            t.code.push(Ins::Const(-1.0));
            t.push(self);
            t.code.push(Ins::Const(0.0));
            t.code.push(Ins::Mul);
            t.push(self);
            t.code.push(Ins::Const(0.0));
            t.code.push(Ins::Lt);
            t.code.push(Ins::Select);
            t.push(self);
            t.code.push(Ins::Const(0.0));
            t.code.push(Ins::Gt);
            t.code.push(Ins::Select);
            t.result()
        })
    }
    fn powi(self, n: i32) -> Self {
        // As f64's `powi`: a general pow beyond |n| = 64, else repeated squaring.
        if n.unsigned_abs() > 64 {
            return self.pow_of(Sym::Const(n as f64));
        }
        powi_by_squaring(self, n)
    }
    fn powf(self, c: f64) -> Self {
        self.pow_of(Sym::Const(c))
    }
    fn base_pow(self, c: f64) -> Self {
        Sym::Const(c).pow_of(self)
    }
    fn pow(self, e: Self) -> Self {
        self.pow_of(e)
    }
}
