//! The intermediate form of a compiled expression: the nodes of the
//! computational graph (Figure 4.7) and what their operands refer to.
//!
//! `compile` writes these, `program` turns them into flat sweeps and `graph`
//! hands them out; they depend on nothing but the operation table.

use serde::Serialize;

use super::op::{Op, num};

/// What an operand or an output refers to.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum Ref {
    /// The input θ_{j+1} (0-based j).
    Input(usize),
    /// The node a_{k+1} (0-based index k into [`Graph::nodes`](super::Graph::nodes)).
    Node(usize),
    /// A constant (only as an output, e.g. of the expression `2`: constants
    /// inside the graph are folded into the operations).
    Const(f64),
}

impl Ref {
    /// The book's name: `θ1`, `a4`, or the constant.
    pub fn name(&self) -> String {
        match self {
            Ref::Input(j) => format!("θ{}", j + 1),
            Ref::Node(k) => format!("a{}", k + 1),
            Ref::Const(c) => num(*c),
        }
    }
}

/// A node of the computational graph (Figure 4.7): a_i = f_i(u_1, …, u_ℓ).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Node {
    /// The book's number i of a_i: 1-based, in iteration order.
    pub number: usize,
    /// The elementary operation f_i.
    pub op: Op,
    /// The operands u_1, …, u_ℓ (inputs or earlier nodes), in order.
    pub operands: Vec<Ref>,
    /// For a sum: the sign ±1 of each operand. Empty otherwise.
    pub signs: Vec<f64>,
    /// The forward iteration: 1 + the largest iteration of the operands
    /// (inputs are at 0), as in Table 4.1.
    pub iteration: usize,
    /// The general expression, e.g. `θ1 θ2`, `−2 θ3`, `sin(a1)`, `a4 + a5 + a3`.
    pub label: String,
    /// The general expression of each local partial ∂f_i/∂u_k, e.g. `cos(a1)`.
    pub partial_labels: Vec<String>,
}

impl Node {
    pub(crate) fn new(index: usize, op: Op, operands: Vec<Ref>, signs: Vec<f64>, iteration: usize) -> Node {
        let names: Vec<String> = operands.iter().map(Ref::name).collect();
        Node {
            number: index + 1,
            op,
            label: op.label(&names, &signs),
            partial_labels: op.partial_labels(&names, &signs),
            operands,
            signs,
            iteration,
        }
    }
}
