//! The teaching view of one evaluation: Tables 4.1–4.3 for any typed function.
//!
//! A [`Trace`] records, per node, the primal a_i (Table 4.1), the tangent ȧ_i
//! of forward mode for a direction v (Table 4.2, v = e_j), and the adjoint
//! ζ_i of backward mode seeded with u (Table 4.3, u = 1 for a scalar
//! function), with the local partials used and the iteration groups. The
//! numbers come from the same sweeps as [`Graph::gradient`], [`Graph::jvp`]
//! and [`Graph::vjp`].

use serde::Serialize;

use super::graph::Graph;
use super::ir::Ref;
use super::program::Out;

/// One term ∂a_c/∂u_k · ζ_c of a sum (4.31) or (4.32).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Term {
    /// The consuming node c (0-based index into [`Graph::nodes`]).
    pub node: usize,
    /// Which operand of that node (0-based position).
    pub operand: usize,
    /// The local partial ∂a_c/∂u_k at this point.
    pub partial: f64,
    /// Its general expression, e.g. `cos(a1)`.
    pub label: String,
}

/// What a trace shows for one node a_i.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeTrace {
    /// a_i (Table 4.1).
    pub primal: f64,
    /// ȧ_i for the direction v (Table 4.2).
    pub tangent: f64,
    /// ζ_i for the seed u (Table 4.3).
    pub adjoint: f64,
    /// The local partials ∂a_i/∂u_k, one per operand.
    pub partials: Vec<f64>,
    /// The seed added to ζ_i because the node is an output (Σ of u over the
    /// outputs it is); 0 for inner nodes.
    pub seed: f64,
    /// ζ_i = seed + Σ terms, over the nodes that consume a_i, in node order (4.31).
    pub terms: Vec<Term>,
    /// The backward iteration in which ζ_i becomes available (0 = start).
    pub backward_iteration: usize,
}

/// The final backward iteration for one input: ∂(uᵀg)/∂θ_j by (4.32).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InputTrace {
    /// θ_j.
    pub value: f64,
    /// θ̇_j = v_j.
    pub tangent: f64,
    /// The derivative Σ terms (+ seed): entry j of uᵀ J.
    pub derivative: f64,
    /// The seed when the input is itself an output (e.g. `(x, y)`); usually 0.
    pub seed: f64,
    /// One term per node that takes θ_j as an operand, in node order.
    pub terms: Vec<Term>,
}

/// Tables 4.1–4.3 for one point θ, one direction v and one seed u.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trace {
    /// The point θ.
    pub x: Vec<f64>,
    /// The tangent direction v (θ̇).
    pub direction: Vec<f64>,
    /// The adjoint seed u, one entry per output.
    pub seed: Vec<f64>,
    /// g(θ).
    pub outputs: Vec<f64>,
    /// J_g(θ) v (forward mode).
    pub output_tangents: Vec<f64>,
    /// Per node, in node order.
    pub nodes: Vec<NodeTrace>,
    /// `forward_iterations[k]`: the nodes computed in iteration k + 1 (Table 4.1).
    pub forward_iterations: Vec<Vec<usize>>,
    /// `backward_iterations[0]`: the start (the output nodes, seeded);
    /// `backward_iterations[k]`: the adjoints computed in iteration k
    /// (Table 4.3). The gradient follows in iteration
    /// `backward_iterations.len()`.
    pub backward_iterations: Vec<Vec<usize>>,
    /// The final backward iteration: uᵀ J entry by entry (4.32).
    pub inputs: Vec<InputTrace>,
}

impl Trace {
    /// The gradient (uᵀ J) as a vector.
    pub fn gradient(&self) -> Vec<f64> {
        self.inputs.iter().map(|i| i.derivative).collect()
    }
}

impl Graph {
    /// Tables 4.1–4.3 at θ = `x`, with tangent direction `v` (e_j for the
    /// derivative with respect to θ_j) and adjoint seed `u` (one entry per
    /// output; `[1.0]` for a scalar function).
    pub fn trace(&self, x: &[f64], v: &[f64], u: &[f64]) -> Trace {
        let (d, n, m) = (self.dim(), self.nodes().len(), self.outputs());
        assert!(
            x.len() == d && v.len() == d && u.len() == m,
            "x, v have d entries and u has m"
        );
        let mut ws = self.workspace();
        let mut outputs = vec![0.0; m];
        let mut output_tangents = vec![0.0; m];
        let mut grad = vec![0.0; d];
        // The same sweeps as vjp and jvp: forward with partials, backward, tangents.
        self.vjp_with(&mut ws, x, u, &mut grad);
        self.eval_with(&mut ws.clone(), x, &mut outputs);
        let mut tws = ws.clone();
        self.jvp_with(&mut tws, x, v, &mut output_tangents);

        let p = &self.prog;
        let nodes = self.nodes();
        let mut seeds = vec![0.0; p.slots()];
        for (i, o) in p.outputs.iter().enumerate() {
            if let Out::Slot(s) = o {
                seeds[*s as usize] += u[i];
            }
        }
        // Consumers of each slot, in node order.
        let mut terms: Vec<Vec<Term>> = vec![Vec::new(); p.slots()];
        for (c, node) in nodes.iter().enumerate() {
            let e0 = p.instrs[c].e as usize;
            for (k, r) in node.operands.iter().enumerate() {
                let s = match r {
                    Ref::Input(j) => *j,
                    Ref::Node(i) => d + i,
                    Ref::Const(_) => continue,
                };
                terms[s].push(Term {
                    node: c,
                    operand: k,
                    partial: ws.w[e0 + k],
                    label: node.partial_labels.get(k).cloned().unwrap_or_default(),
                });
            }
        }
        // Backward iterations: available one iteration after all consumers.
        let mut level = vec![0usize; n];
        for i in (0..n).rev() {
            level[i] = terms[d + i].iter().map(|t| level[t.node] + 1).max().unwrap_or(0);
        }
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut placed = vec![false; n];
        let mut start = Vec::new();
        for o in self.output_refs() {
            if let Ref::Node(i) = o
                && level[*i] == 0
                && !placed[*i]
            {
                placed[*i] = true;
                start.push(*i);
            }
        }
        groups.push(start);
        while let Some(last) = groups.last() {
            let k = groups.len();
            let mut next = Vec::new();
            for &c in last {
                for r in &nodes[c].operands {
                    if let Ref::Node(i) = r
                        && level[*i] == k
                        && !placed[*i]
                    {
                        placed[*i] = true;
                        next.push(*i);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            groups.push(next);
        }

        let mut forward_iterations: Vec<Vec<usize>> = vec![Vec::new(); self.iterations()];
        for (i, node) in nodes.iter().enumerate() {
            forward_iterations[node.iteration - 1].push(i);
        }
        let node_traces = (0..n)
            .map(|i| {
                let ins = &p.instrs[i];
                NodeTrace {
                    primal: ws.vals[d + i],
                    tangent: tws.tan[d + i],
                    adjoint: ws.adj[d + i],
                    partials: ws.w[ins.e as usize..(ins.e + ins.n) as usize].to_vec(),
                    seed: seeds[d + i],
                    terms: std::mem::take(&mut terms[d + i]),
                    backward_iteration: level[i],
                }
            })
            .collect();
        let inputs = (0..d)
            .map(|j| InputTrace {
                value: x[j],
                tangent: v[j],
                derivative: grad[j],
                seed: seeds[j],
                terms: std::mem::take(&mut terms[j]),
            })
            .collect();
        Trace {
            x: x.to_vec(),
            direction: v.to_vec(),
            seed: u.to_vec(),
            outputs,
            output_tangents,
            nodes: node_traces,
            forward_iterations,
            backward_iterations: groups,
            inputs,
        }
    }
}
