//! [`ExprObjective`]: a typed scalar function as an optimizer's objective.

use std::cell::RefCell;

use super::error::ParseError;
use super::graph::Graph;
use super::program::Workspace;
use crate::objective::Objective;

/// C(θ) typed by a person, compiled once: value, gradient (backward mode),
/// exact Hessian and Hessian-vector products (forward-over-backward), and
/// batched values for landscapes. The workspace lives in a `RefCell`, so the
/// `&self` methods of [`Objective`] allocate nothing per call.
#[derive(Debug)]
pub struct ExprObjective {
    graph: Graph,
    ws: RefCell<Workspace>,
}

impl ExprObjective {
    /// Compiles `src` with its variables in natural order (x < y, t1 < t2 < t10).
    pub fn new(src: &str) -> Result<Self, ParseError> {
        Self::from_graph(Graph::parse(src)?)
    }

    /// Compiles `src` over the variables `vars`, in that order.
    pub fn with_vars(src: &str, vars: &[&str]) -> Result<Self, ParseError> {
        Self::from_graph(Graph::parse_with_vars(src, vars)?)
    }

    /// Wraps a compiled graph; an error unless it has exactly one output.
    pub fn from_graph(graph: Graph) -> Result<Self, ParseError> {
        graph.require_scalar()?;
        let ws = RefCell::new(graph.workspace());
        Ok(ExprObjective { graph, ws })
    }

    /// The computational graph (for the teaching views).
    pub fn graph(&self) -> &Graph {
        &self.graph
    }
}

impl Objective for ExprObjective {
    fn dim(&self) -> usize {
        self.graph.dim()
    }

    fn value(&self, x: &[f64]) -> f64 {
        self.graph.value_with(&mut self.ws.borrow_mut(), x)
    }

    fn gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        self.graph.gradient_with(&mut self.ws.borrow_mut(), x, g)
    }

    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        self.graph.hessian_with(&mut self.ws.borrow_mut(), x, h)
    }

    fn hessian_vector(&self, x: &[f64], v: &[f64], out: &mut [f64]) {
        self.graph.hessian_vector_with(&mut self.ws.borrow_mut(), x, v, out);
    }

    fn values(&self, coords: &[&[f64]], out: &mut [f64]) {
        self.graph.eval_batch(coords, out)
    }
}
