//! What a method that moves by line searches (GD with `ls=…`, nonlinear CG,
//! damped Newton, BFGS, L-BFGS) keeps from one iteration to the next: θ^(t),
//! C and ∇C there when known, the probes of its last search and the room
//! [`search`] writes θ^(t) + αθ_d into. Written once here, so every such
//! method evaluates, searches and moves in the same way.

use crate::math::all_finite;
use crate::optim::first_order::start;
use crate::optim::linesearch::{Found, LineSearch, search};
use crate::optim::{Outcome, Probe, Problem};

/// θ^(t), with C(θ^(t)) and ∇C(θ^(t)) once known, and a line search's scratch.
#[derive(Clone, Debug)]
pub(crate) struct SearchPoint {
    /// θ^(t).
    pub(crate) theta: Vec<f64>,
    /// C(θ^(t)), when `known`.
    pub(crate) f: f64,
    /// ∇C(θ^(t)), when `known`.
    pub(crate) g: Vec<f64>,
    /// Whether `f` and `g` hold C and ∇C at θ^(t) (the last search may have
    /// computed them already).
    pub(crate) known: bool,
    /// The evaluations of the last search, in order.
    pub(crate) probes: Vec<Probe>,
    /// θ^(t) + αθ_d and ∇C there, as the last search left them.
    pub(crate) x_new: Vec<f64>,
    pub(crate) g_new: Vec<f64>,
}

impl SearchPoint {
    /// θ^(0) = `x0` (non-empty and finite), with nothing known there yet.
    pub(crate) fn new(x0: &[f64]) -> Result<Self, String> {
        let theta = start(x0)?;
        let n = theta.len();
        Ok(SearchPoint {
            theta,
            f: f64::NAN,
            g: vec![0.0; n],
            known: false,
            probes: Vec::new(),
            x_new: vec![0.0; n],
            g_new: vec![0.0; n],
        })
    }

    /// Starts an iteration: forgets the last probes and makes sure `f` and
    /// `g` hold C(θ^(t)) and ∇C(θ^(t)), with one gradient evaluation unless
    /// the last search returned them.
    pub(crate) fn begin(&mut self, problem: &mut Problem) {
        self.probes.clear();
        if !self.known {
            self.f = problem.gradient(&self.theta, &mut self.g);
            self.known = true;
        }
    }

    /// Whether C(θ^(t)) and ∇C(θ^(t)) are finite.
    pub(crate) fn finite(&self) -> bool {
        self.f.is_finite() && all_finite(&self.g)
    }

    /// Searches along θ^(t) + αθ_d with `ls` (see [`search`]): on success
    /// `x_new` holds the accepted point; a failed search becomes the
    /// [`Outcome::Failed`] that ends the run.
    pub(crate) fn search(&mut self, ls: &LineSearch, problem: &mut Problem, d: &[f64]) -> Result<Found, Outcome> {
        search(
            ls,
            problem,
            &self.theta,
            self.f,
            &self.g,
            d,
            &mut self.x_new,
            &mut self.g_new,
            &mut self.probes,
        )
        .map_err(Outcome::Failed)
    }

    /// Moves to the point the search accepted, θ^(t+1) = θ^(t) + α^(t)θ_d,
    /// keeping C there and ∇C when the search computed it.
    pub(crate) fn accept(&mut self, found: Found) {
        self.theta.copy_from_slice(&self.x_new);
        self.f = found.value;
        self.known = found.gradient_known;
        if self.known {
            self.g.copy_from_slice(&self.g_new);
        }
    }
}
