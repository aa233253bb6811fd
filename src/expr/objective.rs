//! [`ExprObjective`]: a typed scalar function as an optimizer's objective,
//! and the single place where the expression engine meets the catalog of
//! built-in functions ([`builtin_objective`], [`compile_objective`]).

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use super::error::ParseError;
use super::graph::Graph;
use super::jit::{self, Compiled};
use super::program::Workspace;
use crate::objective::catalog::FunctionInfo;
use crate::objective::{Objective, Rosenbrock};

/// C(θ) typed by a person, compiled once: value, gradient (backward mode),
/// exact Hessian and Hessian-vector products (forward-over-backward), and
/// batched values for landscapes. The workspace lives in a `RefCell`, so the
/// `&self` methods of [`Objective`] allocate nothing per call.
///
/// Where a JIT loader is installed (the page), value, gradient and batched
/// values run the expression compiled to WebAssembly ([`jit`]), loaded on
/// first use; value and gradient are the interpreter's bit for bit. Batched
/// values are for pictures: there (compiled or not) exp, sin and cos are the
/// polynomials of [`crate::landscape::approx`]. Hessians stay interpreted.
#[derive(Debug)]
pub struct ExprObjective {
    graph: Graph,
    ws: RefCell<Workspace>,
    jit: OnceCell<Option<Compiled>>,
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
        Ok(ExprObjective {
            graph,
            ws,
            jit: OnceCell::new(),
        })
    }

    /// The compiled code, loaded on first use (`None` without a loader).
    #[inline]
    fn compiled(&self) -> Option<&Compiled> {
        self.jit.get_or_init(|| jit::load(&self.graph)).as_ref()
    }

    /// Whether evaluations run compiled code rather than the interpreter.
    pub fn is_compiled(&self) -> bool {
        self.compiled().is_some()
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
        if let Some(c) = self.compiled()
            && x.len() == self.graph.dim()
        {
            // SAFETY: the loader guarantees the signature; x holds d numbers.
            return unsafe { (c.value)(x.as_ptr()) };
        }
        self.graph.value_with(&mut self.ws.borrow_mut(), x)
    }

    #[inline]
    fn gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        let d = self.graph.dim();
        if let Some(c) = self.compiled()
            && x.len() == d
            && g.len() == d
        {
            // SAFETY: as in `value`; g has room for d numbers.
            return unsafe { (c.grad)(x.as_ptr(), g.as_mut_ptr()) };
        }
        self.graph.gradient_with(&mut self.ws.borrow_mut(), x, g)
    }

    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        self.graph.hessian_with(&mut self.ws.borrow_mut(), x, h)
    }

    fn hessian_vector(&self, x: &[f64], v: &[f64], out: &mut [f64]) {
        self.graph.hessian_vector_with(&mut self.ws.borrow_mut(), x, v, out);
    }

    fn values(&self, coords: &[&[f64]], out: &mut [f64]) {
        let n = out.len();
        if let Some(c) = self.compiled()
            && coords.len() == self.graph.dim()
            && coords.iter().all(|c| c.len() >= n)
            && n <= u32::MAX as usize
        {
            let rows: Vec<*const f64> = coords.iter().map(|c| c.as_ptr()).collect();
            // SAFETY: as in `value`; every row holds at least n numbers, and
            // `out` has room for n.
            unsafe { (c.values)(rows.as_ptr(), out.as_mut_ptr(), n as u32) };
            return;
        }
        self.graph.eval_pixels(coords, out)
    }
}

/// Builds the objective for a built-in: Rosenbrock by hand, every other one
/// from its formula.
pub fn builtin_objective(info: &FunctionInfo) -> Result<Rc<dyn Objective>, String> {
    match info.id {
        "rosenbrock" => Ok(Rc::new(Rosenbrock::default())),
        _ => compile_objective(info.formula, Some(info.vars)),
    }
}

/// Compiles a typed expression into an objective (over `vars`, in that
/// order, or its variables in natural order).
pub fn compile_objective(formula: &str, vars: Option<&[&str]>) -> Result<Rc<dyn Objective>, String> {
    let f = match vars {
        Some(vars) => ExprObjective::with_vars(formula, vars),
        None => ExprObjective::new(formula),
    };
    f.map(|f| Rc::new(f) as Rc<dyn Objective>).map_err(|e| e.to_string())
}
