//! How large a function the explorer shows: its page lays out every node of
//! the graph, writes a row per node in Tables 4.1–4.3 and a cell per entry of
//! the Jacobian and the Hessian, all on the main thread. Measured in
//! Chromium, a function at these limits opens in about a second; one with
//! 1 500 outputs took 67 s before they existed.

use crate::expr::Graph;

/// At most this many variables θ1, θ2, … (the Hessian has d² cells).
pub const MAX_VARS: usize = 32;
/// At most this many outputs of a vector function (the Jacobian has m·d cells).
pub const MAX_OUTPUTS: usize = 32;
/// At most this many nodes a_i in the graph (a row each in the tables).
pub const MAX_NODES: usize = 200;

/// Whether the explorer shows `graph`; the error says which limit it passes.
pub fn check(graph: &Graph) -> Result<(), String> {
    let (d, m, n) = (graph.dim(), graph.outputs(), graph.nodes().len());
    let over = |what: &str, count: usize, max: usize| {
        Err(format!(
            "it has {count} {what}, and the explorer shows at most {max} (at most {MAX_VARS} variables, \
             {MAX_OUTPUTS} outputs and {MAX_NODES} nodes)"
        ))
    };
    if d > MAX_VARS {
        return over("variables", d, MAX_VARS);
    }
    if m > MAX_OUTPUTS {
        return over("outputs", m, MAX_OUTPUTS);
    }
    if n > MAX_NODES {
        return over("nodes", n, MAX_NODES);
    }
    Ok(())
}
