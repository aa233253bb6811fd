//! The syntax tree of a typed expression, as the parser produces it.
//!
//! Sums and products are n-ary (a chain `a + b - c` is one [`AstKind::Sum`]),
//! so a long chain never makes the tree deep; only parentheses, calls,
//! powers and signs nest, and the parser bounds that nesting.

use super::error::Span;
use super::op::Op;

#[derive(Clone, Debug, PartialEq)]
pub struct Ast {
    pub kind: AstKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AstKind {
    /// A literal number.
    Num(f64),
    /// A named constant (`pi`, `π`, `e`) and its value.
    Const(f64),
    /// A variable θ_j, by name.
    Var(String),
    /// Unary minus.
    Neg(Box<Ast>),
    /// `t1 ± t2 ± …`: each term with its sign (+1 or −1), in typed order.
    Sum(Vec<(f64, Ast)>),
    /// `f1 * f2 / f3 …`: each factor with `true` when it divides, in typed order.
    /// The first factor never divides.
    Product(Vec<(bool, Ast)>),
    /// `base ^ exponent`.
    Pow(Box<Ast>, Box<Ast>),
    /// A function of one argument.
    Call(Op, Box<Ast>),
    /// `(a, b, …)`: the outputs of a vector-valued function; only at the top.
    List(Vec<Ast>),
}

impl Ast {
    pub fn new(kind: AstKind, span: Span) -> Self {
        Ast { kind, span }
    }

    /// Does the tree mention no variable (so it folds to a constant)?
    pub fn is_constant(&self) -> bool {
        match &self.kind {
            AstKind::Num(_) | AstKind::Const(_) => true,
            AstKind::Var(_) => false,
            AstKind::Neg(a) | AstKind::Call(_, a) => a.is_constant(),
            AstKind::Sum(terms) => terms.iter().all(|(_, t)| t.is_constant()),
            AstKind::Product(factors) => factors.iter().all(|(_, f)| f.is_constant()),
            AstKind::Pow(a, b) => a.is_constant() && b.is_constant(),
            AstKind::List(items) => items.iter().all(Ast::is_constant),
        }
    }
}
