//! Typed expressions, the computational graph, and forward and backward mode
//! automatic differentiation (section 4.4).
//!
//! A person types a function, e.g. `sin(t1*t2) + exp(t2+t3) - 2*t3` (4.27) or
//! the vector function `(t1 - 7*t2 + 5*t3, t2*t3)`. [`Graph::parse`] parses
//! it and compiles it once into the computational graph of Figure 4.7: an SSA
//! list of elementary operations a_1..a_N numbered in the book's iteration
//! order. The graph is then evaluated and differentiated many times:
//!
//! - values ([`Graph::value`], [`Graph::eval`]) and landscapes ([`Graph::eval_batch`],
//!   [`Graph::gradient_batch`]);
//! - backward mode ([`Graph::gradient`], [`Graph::vjp`]), (4.30)–(4.32);
//! - forward mode ([`Graph::jvp`], [`Graph::partial_derivative`]), (4.28)–(4.29);
//! - [`Graph::jacobian`], and exact Hessians by forward-over-backward
//!   ([`Graph::hessian`], [`Graph::hessian_vector`]);
//! - the teaching view of Tables 4.1–4.3 ([`Graph::trace`]);
//! - [`ExprObjective`], the typed function as an [`crate::objective::Objective`].
//!
//! Every elementary operation's value and local partial derivatives are
//! written once, in [`op`], generically over [`Scalar`] (f64 and [`Dual`]).
//!
//! Files: `lexer` and `parser` (text to [`ast`]), `names` (functions,
//! constants, natural variable order), `ir` (the nodes and what operands
//! refer to), `compile` (tree to numbered nodes), `graph` (the public graph),
//! `program` (the flat sweeps and the [`Workspace`]), `batch`, `trace`,
//! `objective`.

pub mod ast;
mod batch;
mod compile;
pub mod dual;
pub mod error;
mod graph;
mod ir;
pub mod jit;
pub mod lexer;
pub mod names;
mod objective;
pub mod op;
pub mod parser;
mod program;
pub mod scalar;
mod trace;

pub use batch::BLOCK;
pub use dual::Dual;
pub use error::{ErrorKind, ParseError, Span};
pub use graph::Graph;
pub use ir::{Node, Ref};
pub use lexer::MAX_CHARS;
pub use objective::{ExprObjective, builtin_objective, compile_objective};
pub use op::Op;
pub use parser::MAX_DEPTH;
pub use program::Workspace;
pub use scalar::Scalar;
pub use trace::{InputTrace, NodeTrace, Term, Trace};
