//! [`Graph`]: a typed function compiled once into the computational graph of
//! section 4.4, then evaluated and differentiated many times.
//!
//! Indices in this API are 0-based: input j is θ_{j+1} and node k is
//! a_{k+1} as the book prints them.

use std::sync::atomic::{AtomicU64, Ordering};

use super::compile::compile;
use super::error::{ErrorKind, ParseError, Span};
use super::ir::{Node, Ref};
use super::names::{natural_cmp, variable_problem};
use super::parser::parse;
use super::program::{Out, Program, Workspace, copy_short, take_short};
use super::scalar::Scalar;
use crate::expr::dual::Dual;

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A function g : R^d → R^m compiled once into its computational graph.
#[derive(Clone, Debug)]
pub struct Graph {
    source: String,
    span: Span,
    var_names: Vec<String>,
    nodes: Vec<Node>,
    outputs: Vec<Ref>,
    pub(crate) prog: Program,
    pub(crate) id: u64,
}

impl Graph {
    /// Parses and compiles typed text. The variables are every name that is
    /// not a function or a constant, in natural order (x < y < z, t1 < t2 <
    /// t10), so `y^2 + x` has θ1 = x, θ2 = y.
    pub fn parse(src: &str) -> Result<Graph, ParseError> {
        let parsed = parse(src)?;
        let mut vars: Vec<String> = Vec::new();
        for (name, _) in &parsed.variables {
            if !vars.contains(name) {
                vars.push(name.clone());
            }
        }
        crate::order::sort_by(&mut vars, |a, b| natural_cmp(a, b));
        Ok(Graph::build(src, parsed.span, &parsed.outputs, vars))
    }

    /// Parses and compiles typed text over the variables `vars`, in that
    /// order. A variable of the text not in the list is an error with its
    /// span; list entries the text does not use are inputs with zero derivative.
    pub fn parse_with_vars(src: &str, vars: &[&str]) -> Result<Graph, ParseError> {
        for (k, v) in vars.iter().enumerate() {
            let reason = variable_problem(v).or_else(|| vars[..k].contains(v).then(|| "it is listed twice".into()));
            if let Some(reason) = reason {
                return Err(ParseError::new(
                    ErrorKind::InvalidVariable {
                        name: v.to_string(),
                        reason,
                    },
                    Span::at(0),
                ));
            }
        }
        let parsed = parse(src)?;
        if let Some((name, span)) = parsed.variables.iter().find(|(n, _)| !vars.contains(&n.as_str())) {
            let allowed = vars.iter().map(|v| v.to_string()).collect();
            return Err(ParseError::new(
                ErrorKind::UnknownVariable {
                    name: name.clone(),
                    allowed,
                },
                *span,
            ));
        }
        let vars = vars.iter().map(|v| v.to_string()).collect();
        Ok(Graph::build(src, parsed.span, &parsed.outputs, vars))
    }

    fn build(src: &str, span: Span, outputs: &[super::ast::Ast], var_names: Vec<String>) -> Graph {
        let (nodes, outputs) = compile(outputs, &var_names);
        let prog = Program::new(var_names.len(), &nodes, &outputs);
        Graph {
            source: src.to_string(),
            span,
            var_names,
            nodes,
            outputs,
            prog,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// An error unless this is a scalar function (one output).
    pub fn require_scalar(&self) -> Result<(), ParseError> {
        if self.outputs.len() == 1 {
            Ok(())
        } else {
            Err(ParseError::new(
                ErrorKind::NotScalar {
                    outputs: self.outputs.len(),
                },
                self.span,
            ))
        }
    }

    /// The text it was compiled from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// d, the number of inputs.
    pub fn dim(&self) -> usize {
        self.var_names.len()
    }

    /// m, the number of outputs.
    pub fn outputs(&self) -> usize {
        self.outputs.len()
    }

    /// What each output is (a node, an input or a constant).
    pub fn output_refs(&self) -> &[Ref] {
        &self.outputs
    }

    /// The variable name of each input θ_{j+1}.
    pub fn var_names(&self) -> &[String] {
        &self.var_names
    }

    /// The nodes a_1..a_N in the book's order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The number of forward iterations (the last node's iteration; 0 without nodes).
    pub fn iterations(&self) -> usize {
        self.nodes.last().map_or(0, |n| n.iteration)
    }

    /// Reusable buffers for the `_with` methods.
    pub fn workspace(&self) -> Workspace {
        let mut ws = Workspace::default();
        ws.prepare(self.id, &self.prog);
        ws
    }

    fn check(&self, x: &[f64]) {
        assert_eq!(
            x.len(),
            self.dim(),
            "θ has {} entries, the function takes {}",
            x.len(),
            self.dim()
        );
    }

    // ----- values --------------------------------------------------------

    /// The value of output 0 at θ.
    pub fn value(&self, x: &[f64]) -> f64 {
        self.value_with(&mut self.workspace(), x)
    }

    /// The value of output 0 at θ, using `ws`.
    #[inline]
    pub fn value_with(&self, ws: &mut Workspace, x: &[f64]) -> f64 {
        self.check(x);
        ws.prepare(self.id, &self.prog);
        copy_short(&mut ws.vals, x);
        self.prog.forward_values(&mut ws.vals);
        self.prog.output(&ws.vals, 0)
    }

    /// All outputs g(θ) into `out` (length m).
    pub fn eval(&self, x: &[f64], out: &mut [f64]) {
        self.eval_with(&mut self.workspace(), x, out)
    }

    pub fn eval_with(&self, ws: &mut Workspace, x: &[f64], out: &mut [f64]) {
        self.check(x);
        ws.prepare(self.id, &self.prog);
        copy_short(&mut ws.vals, x);
        self.prog.forward_values(&mut ws.vals);
        for (i, o) in out.iter_mut().enumerate().take(self.outputs()) {
            *o = self.prog.output(&ws.vals, i);
        }
    }

    // ----- backward mode ----------------------------------------------------

    /// Forward sweep with local partials (values and edge weights in `ws`).
    #[inline]
    fn forward(&self, ws: &mut Workspace, x: &[f64]) {
        self.check(x);
        ws.prepare(self.id, &self.prog);
        copy_short(&mut ws.vals, x);
        self.prog.forward(&mut ws.vals, &mut ws.w);
    }

    /// Backward sweep from the current forward sweep, seeded with `u`.
    #[inline]
    fn backward(&self, ws: &mut Workspace, u: impl Fn(usize) -> f64) {
        ws.adj.fill(0.0);
        for (i, out) in self.prog.outputs.iter().enumerate() {
            if let Out::Slot(s) = out {
                ws.adj[*s as usize] += u(i);
            }
        }
        self.prog.backward(&ws.w, &mut ws.adj, false);
        ws.adj_clean = false;
    }

    /// ∇g_1(θ) into `g` by backward mode (one forward and one backward sweep);
    /// returns g_1(θ).
    pub fn gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        self.gradient_with(&mut self.workspace(), x, g)
    }

    /// [`Graph::gradient`] using `ws`: allocates nothing.
    #[inline]
    pub fn gradient_with(&self, ws: &mut Workspace, x: &[f64], g: &mut [f64]) -> f64 {
        assert_eq!(g.len(), self.dim(), "g has one entry per input");
        self.forward(ws, x);
        // The adjoints are left at zero by the previous gradient: the backward
        // sweep resets each node's, and taking the gradient out resets the inputs'.
        if !ws.adj_clean {
            ws.adj.fill(0.0);
        }
        if let Out::Slot(s) = self.prog.outputs[0] {
            ws.adj[s as usize] = 1.0;
        }
        self.prog.backward(&ws.w, &mut ws.adj, true);
        take_short(g, &mut ws.adj);
        ws.adj_clean = true;
        self.prog.output(&ws.vals, 0)
    }

    /// The vector-Jacobian product uᵀ J_g(θ) into `out` (length d), by backward mode.
    pub fn vjp(&self, x: &[f64], u: &[f64], out: &mut [f64]) {
        self.vjp_with(&mut self.workspace(), x, u, out)
    }

    pub fn vjp_with(&self, ws: &mut Workspace, x: &[f64], u: &[f64], out: &mut [f64]) {
        assert_eq!(u.len(), self.outputs(), "u must have one entry per output");
        self.forward(ws, x);
        self.backward(ws, |i| u[i]);
        out.copy_from_slice(&ws.adj[..self.dim()]);
    }

    // ----- forward mode -----------------------------------------------------

    /// The Jacobian-vector product J_g(θ) v into `out` (length m), by forward mode (4.29).
    pub fn jvp(&self, x: &[f64], v: &[f64], out: &mut [f64]) {
        self.jvp_with(&mut self.workspace(), x, v, out)
    }

    pub fn jvp_with(&self, ws: &mut Workspace, x: &[f64], v: &[f64], out: &mut [f64]) {
        assert_eq!(v.len(), self.dim(), "v must have one entry per input");
        self.forward(ws, x);
        self.push_tangents(ws, v, out);
    }

    /// Tangents from the current forward sweep; the outputs' tangents into `out`.
    fn push_tangents(&self, ws: &mut Workspace, v: &[f64], out: &mut [f64]) {
        ws.tan[..self.dim()].copy_from_slice(v);
        self.prog.tangents(&ws.w, &mut ws.tan);
        for (i, o) in out.iter_mut().enumerate().take(self.outputs()) {
            *o = match self.prog.outputs[i] {
                Out::Slot(s) => ws.tan[s as usize],
                Out::Const(_) => 0.0,
            };
        }
    }

    /// The m×d Jacobian J_g(θ), row-major: m backward sweeps when m ≤ d,
    /// d forward sweeps otherwise (both after one forward sweep of partials).
    pub fn jacobian(&self, x: &[f64]) -> Vec<f64> {
        let mut jac = vec![0.0; self.outputs() * self.dim()];
        self.jacobian_with(&mut self.workspace(), x, &mut jac);
        jac
    }

    pub fn jacobian_with(&self, ws: &mut Workspace, x: &[f64], jac: &mut [f64]) {
        let (m, d) = (self.outputs(), self.dim());
        assert_eq!(jac.len(), m * d, "the Jacobian is m×d");
        self.forward(ws, x);
        if m <= d {
            for i in 0..m {
                self.backward(ws, |k| if k == i { 1.0 } else { 0.0 });
                jac[i * d..(i + 1) * d].copy_from_slice(&ws.adj[..d]);
            }
        } else {
            let (mut v, mut col) = ws.take_scratch(d, m);
            for j in 0..d {
                v.fill(0.0);
                v[j] = 1.0;
                self.push_tangents(ws, &v, &mut col);
                for i in 0..m {
                    jac[i * d + j] = col[i];
                }
            }
            ws.put_scratch(v, col);
        }
    }

    /// ∂g_i/∂θ_j at θ (0-based i, j), as the book builds it: the i-th entry of
    /// the jvp with v = e_j.
    pub fn partial_derivative(&self, x: &[f64], i: usize, j: usize) -> f64 {
        let mut v = vec![0.0; self.dim()];
        v[j] = 1.0;
        let mut out = vec![0.0; self.outputs()];
        self.jvp(x, &v, &mut out);
        out[i]
    }

    // ----- second order -----------------------------------------------------

    /// ∇²g_1(θ) v into `out`: forward-over-backward, dual numbers pushed
    /// through both sweeps. Exact, no finite differences. Returns g_1(θ).
    pub fn hessian_vector(&self, x: &[f64], v: &[f64], out: &mut [f64]) -> f64 {
        self.hessian_vector_with(&mut self.workspace(), x, v, out)
    }

    pub fn hessian_vector_with(&self, ws: &mut Workspace, x: &[f64], v: &[f64], out: &mut [f64]) -> f64 {
        self.check(x);
        assert_eq!(v.len(), self.dim(), "v must have one entry per input");
        ws.prepare_dual(self.id, &self.prog);
        for j in 0..self.dim() {
            ws.dvals[j] = Dual::new(x[j], v[j]);
        }
        self.prog.forward(&mut ws.dvals, &mut ws.dw);
        ws.dadj.fill(Dual::cst(0.0));
        if let Out::Slot(s) = self.prog.outputs[0] {
            ws.dadj[s as usize] = Dual::cst(1.0);
        }
        self.prog.backward(&ws.dw, &mut ws.dadj, false);
        for (o, a) in out.iter_mut().zip(&ws.dadj[..self.dim()]) {
            *o = a.eps;
        }
        self.prog.output(&ws.dvals, 0).re
    }

    /// The d×d Hessian ∇²g_1(θ), row-major: one Hessian-vector product per
    /// direction e_j (column j).
    pub fn hessian(&self, x: &[f64], h: &mut [f64]) {
        self.hessian_with(&mut self.workspace(), x, h)
    }

    pub fn hessian_with(&self, ws: &mut Workspace, x: &[f64], h: &mut [f64]) {
        let d = self.dim();
        assert_eq!(h.len(), d * d, "the Hessian is d×d");
        let (mut v, mut col) = ws.take_scratch(d, d);
        for j in 0..d {
            v.fill(0.0);
            v[j] = 1.0;
            self.hessian_vector_with(ws, x, &v, &mut col);
            for i in 0..d {
                h[i * d + j] = col[i];
            }
        }
        ws.put_scratch(v, col);
    }
}
