//! Forward and backward mode one value at a time: which nodes have their
//! primal, tangent and adjoint after k steps.
//!
//! - Forward mode (Table 4.2): step i computes (a_i, ȧ_i) by (4.29), in node
//!   order, which is the order of the iterations.
//! - Backward mode: first the forward pass (Table 4.1), one primal a_i per
//!   step; then the backward pass (Table 4.3), one adjoint ζ_i per step by
//!   (4.31), iteration by iteration from the output; then the last
//!   iteration, one gradient entry ∂C/∂θ_j per step by (4.32).

use serde::Serialize;

use crate::expr::Trace;

/// Which automatic differentiation the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Forward mode: primals and tangents together (Table 4.2).
    Forward,
    /// Backward mode: the forward pass (Table 4.1), then the adjoints (Table 4.3).
    Backward,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Forward => "forward",
            Mode::Backward => "backward",
        }
    }

    pub fn from_name(s: &str) -> Option<Mode> {
        match s {
            "forward" => Some(Mode::Forward),
            "backward" | "reverse" => Some(Mode::Backward),
            _ => None,
        }
    }
}

/// What one step computes (0-based indices).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum Item {
    /// The primal a_{i+1} (and, in forward mode, the tangent ȧ_{i+1}).
    Primal(usize),
    /// The adjoint ζ_{i+1} (4.31).
    Adjoint(usize),
    /// The gradient entry ∂C/∂θ_{j+1} (4.32).
    Derivative(usize),
}

/// The steps of a mode, in order.
pub fn sequence(mode: Mode, trace: &Trace) -> Vec<Item> {
    let primals = trace.forward_iterations.iter().flatten().map(|&i| Item::Primal(i));
    match mode {
        Mode::Forward => primals.collect(),
        Mode::Backward => primals
            .chain(trace.backward_iterations.iter().flatten().map(|&i| Item::Adjoint(i)))
            .chain((0..trace.inputs.len()).map(Item::Derivative))
            .collect(),
    }
}

/// The state after some steps: what is known, and what was just computed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Progress {
    pub mode: Mode,
    /// Steps taken, 0..=total.
    pub step: usize,
    pub total: usize,
    /// Per node: a_i is known (with ȧ_i in forward mode).
    pub primal: Vec<bool>,
    /// Per node: ζ_i is known.
    pub adjoint: Vec<bool>,
    /// Per input: ∂C/∂θ_j is known.
    pub derivative: Vec<bool>,
    /// What the last step computed.
    pub current: Option<Item>,
    /// The nodes that hold a value computed in this mode's current pass:
    /// primals in forward mode and in the forward pass, adjoints in the
    /// backward pass.
    pub lit: usize,
    /// `forward pass`, `backward pass`, `done` or `start`, for the status line.
    pub phase: &'static str,
}

impl Progress {
    /// The state after `step` steps (clamped to the total).
    pub fn at(mode: Mode, trace: &Trace, step: usize) -> Progress {
        let seq = sequence(mode, trace);
        let (n, d) = (trace.nodes.len(), trace.inputs.len());
        let step = step.min(seq.len());
        let mut p = Progress {
            mode,
            step,
            total: seq.len(),
            primal: vec![false; n],
            adjoint: vec![false; n],
            derivative: vec![false; d],
            current: step.checked_sub(1).map(|k| seq[k]),
            lit: 0,
            phase: "start",
        };
        for item in &seq[..step] {
            match *item {
                Item::Primal(i) => p.primal[i] = true,
                Item::Adjoint(i) => p.adjoint[i] = true,
                Item::Derivative(j) => p.derivative[j] = true,
            }
        }
        let adjoints = p.adjoint.iter().filter(|&&b| b).count();
        p.lit = if adjoints > 0 {
            adjoints
        } else {
            p.primal.iter().filter(|&&b| b).count()
        };
        p.phase = if step == seq.len() {
            "done"
        } else {
            match p.current {
                None => "start",
                Some(Item::Primal(_)) => "forward pass",
                Some(_) => "backward pass",
            }
        };
        p
    }

    /// Whether ȧ_i is known (forward mode only).
    pub fn tangent(&self, i: usize) -> bool {
        self.mode == Mode::Forward && self.primal[i]
    }

    /// Whether the whole computation is shown.
    pub fn done(&self) -> bool {
        self.step == self.total
    }
}
