//! What the playground can draw at interactive speed today, and how much
//! work a function costs.
//!
//! The landscape evaluates C at every pixel of the canvas on the page's main
//! thread, so the work of one evaluation bounds how long a picture takes:
//! about 345 000 pixels for a 640×640 canvas. Two limits keep that bounded,
//! each measured in Chromium (see the README's "Links"):
//!
//! - a typed function may cost at most [`MAX_EXPR_WORK`] units per evaluation
//!   ([`expr_work`]: one unit is about one addition), so that its landscape
//!   takes about half a second of CPU at 640×640;
//! - a loss built from data may have at most [`max_points`] points for its
//!   model, so that no data landscape costs more than the gallery's own
//!   Figure 4.5 (the sigmoid network on 100 points, about 3 s of CPU at
//!   640×640 today; the training page, which runs in a worker, takes up to
//!   100 000).
//!
//! Moving landscapes off the main thread (the speed issue) will let these rise.

use crate::expr::{Graph, Op};
use crate::learn::ModelKind;

/// The most work one evaluation of a typed function may cost, in the units of
/// [`expr_work`].
pub const MAX_EXPR_WORK: f64 = 1000.0;

/// The work of one operation, in units of about one addition, as measured
/// per pixel of a landscape in Chromium: arithmetic, `abs`, `sqrt` and small
/// whole powers 1; `exp`, `log`, `tanh` 6; `sin`, `cos`, `tan`, `sigmoid` 12;
/// `softplus` and powers with a variable, fractional or large exponent 25.
pub fn op_work(op: &Op, operands: usize) -> f64 {
    match op {
        Op::Sum { .. } => operands.max(1) as f64,
        Op::Mul | Op::Div | Op::Scale { .. } | Op::DivBy { .. } | Op::Over { .. } | Op::Square | Op::Abs => 1.0,
        Op::Sqrt => 2.0,
        Op::Powi { n } if n.unsigned_abs() <= 64 => 1.0 + f64::from(n.unsigned_abs().max(1).ilog2()),
        Op::Exp | Op::Log | Op::Tanh => 6.0,
        Op::Sin | Op::Cos | Op::Tan | Op::Sigmoid => 12.0,
        Op::Softplus | Op::Pow | Op::Powf { .. } | Op::Base { .. } | Op::Powi { .. } => 25.0,
    }
}

/// The work of one evaluation of a compiled function: the sum of
/// [`op_work`] over its nodes (repeated parts are merged when compiling, so
/// they count once).
pub fn expr_work(graph: &Graph) -> f64 {
    graph.nodes().iter().map(|n| op_work(&n.op, n.operands.len())).sum()
}

/// The most points the playground draws the loss of, per model (generated
/// `n=` or a person's `points=`): sum (4.12) 3000, linear regression 1500,
/// logistic regression 120, the sigmoid network 100.
pub fn max_points(model: ModelKind) -> usize {
    match model {
        ModelKind::Sum412 => 3000,
        ModelKind::Linreg => 1500,
        ModelKind::Logreg => 120,
        ModelKind::Signet => 100,
        // Not drawn in the playground: the training page's own limit.
        ModelKind::Softmax | ModelKind::Mlp | ModelKind::Digits => crate::learn::data::MAX_POINTS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_counts_each_operation_once() {
        let g = Graph::parse("x + y").unwrap();
        assert_eq!(expr_work(&g), 2.0);
        let g = Graph::parse("sin(x) + sin(x)").unwrap();
        assert_eq!(expr_work(&g), 12.0 + 2.0, "the repeated sin is merged");
        let g = Graph::parse("x^y").unwrap();
        assert_eq!(expr_work(&g), 25.0);
        let g = Graph::parse("x^8").unwrap();
        assert_eq!(expr_work(&g), 4.0);
    }
}
