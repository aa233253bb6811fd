//! What a method that moves by line searches (GD with `ls=…`, nonlinear CG,
//! damped Newton, BFGS, L-BFGS) keeps from one iteration to the next: θ^(t),
//! C and ∇C there when known, the probes of its last search and the room
//! [`search`] writes θ^(t) + αθ_d into. Written once here, so every such
//! method evaluates, searches and moves in the same way.

use crate::math::{all_finite, dot};
use crate::optim::first_order::start;
use crate::optim::linesearch::{Acceptance, Conditions, Found, LineSearch, search};
use crate::optim::{Outcome, Probe, Problem, QuadModel};

/// The [`crate::optim::Optimizer`] methods of a method that keeps its
/// iterate in a [`SearchPoint`] field `at`: θ^(t) and the last search's probes.
macro_rules! at_search_point {
    () => {
        fn theta(&self) -> &[f64] {
            &self.at.theta
        }

        fn probes(&self) -> &[crate::optim::Probe] {
            &self.at.probes
        }

        fn acceptance(&self) -> Option<crate::optim::linesearch::Acceptance> {
            self.at.acceptance()
        }
    };
}
pub(crate) use at_search_point;

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
    /// The conditions of the last search and the α it accepted.
    last: Option<(Conditions, Option<f64>)>,
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
            last: None,
        })
    }

    /// Starts an iteration: forgets the last probes and makes sure `f` and
    /// `g` hold C(θ^(t)) and ∇C(θ^(t)), with one gradient evaluation unless
    /// the last search returned them.
    pub(crate) fn begin(&mut self, problem: &mut Problem) {
        self.probes.clear();
        self.last = None;
        if !self.known {
            self.f = problem.gradient(&self.theta, &mut self.g);
            self.known = true;
        }
    }

    /// Whether C(θ^(t)) and ∇C(θ^(t)) are finite.
    pub(crate) fn finite(&self) -> bool {
        self.f.is_finite() && all_finite(&self.g)
    }

    /// [`SearchPoint::begin`], then `Err(Failed)` when C(θ^(t)) or
    /// ∇C(θ^(t)) is not finite: there is nothing to search from.
    pub(crate) fn begin_finite(&mut self, problem: &mut Problem) -> Result<(), Outcome> {
        self.begin(problem);
        if self.finite() {
            Ok(())
        } else {
            Err(Outcome::Failed("C or its gradient is not finite at θ".into()))
        }
    }

    /// Whether ∇C(θ^(t)) = 0 exactly: a stationary point, with no descent
    /// direction to search along.
    pub(crate) fn stationary(&self) -> bool {
        self.g.iter().all(|&v| v == 0.0)
    }

    /// Searches along θ^(t) + αθ_d with `ls` (see [`search`]): on success
    /// `x_new` holds the accepted point; a failed search becomes the
    /// [`Outcome::Failed`] that ends the run.
    pub(crate) fn search(&mut self, ls: &LineSearch, problem: &mut Problem, d: &[f64]) -> Result<Found, Outcome> {
        let conditions = Conditions::of(ls, self.f, dot(&self.g, d));
        let found = search(
            ls,
            problem,
            &self.theta,
            self.f,
            &self.g,
            d,
            &mut self.x_new,
            &mut self.g_new,
            &mut self.probes,
        );
        self.last = Some((conditions, found.as_ref().ok().map(|f| f.alpha)));
        found.map_err(Outcome::Failed)
    }

    /// The last search's conditions with its probes judged by them (`None`
    /// when the last step made no search).
    pub(crate) fn acceptance(&self) -> Option<Acceptance> {
        let (conditions, alpha) = self.last.filter(|_| !self.probes.is_empty())?;
        Some(Acceptance::judge(conditions, &self.probes, alpha))
    }

    /// Forgets the last search (a step without one, such as GD's fixed step after `ls=none`).
    pub(crate) fn forget_search(&mut self) {
        self.probes.clear();
        self.last = None;
    }

    /// A quasi-Newton method's search: [`SearchPoint::search`], then ∇C at
    /// the accepted point (evaluated when the search did not) and the pair
    /// (4.62) written into `s` and `y`: θ_s = θ^(t+1) − θ^(t) and
    /// g_s = ∇C(θ^(t+1)) − ∇C(θ^(t)).
    pub(crate) fn search_pair(
        &mut self,
        ls: &LineSearch,
        problem: &mut Problem,
        d: &[f64],
        s: &mut [f64],
        y: &mut [f64],
    ) -> Result<Found, Outcome> {
        let found = self.search(ls, problem, d)?;
        if !found.gradient_known {
            problem.gradient(&self.x_new, &mut self.g_new);
        }
        for i in 0..self.theta.len() {
            s[i] = self.x_new[i] - self.theta[i];
            y[i] = self.g_new[i] - self.g[i];
        }
        Ok(Found {
            gradient_known: true,
            ..found
        })
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

/// Where the last step built its quadratic model, (4.55) for Newton and
/// (4.58) for quasi-Newton methods: θ^(t), C(θ^(t)) and ∇C(θ^(t)).
#[derive(Clone, Debug)]
pub(crate) struct ModelCenter {
    theta: Vec<f64>,
    f: f64,
    g: Vec<f64>,
}

impl ModelCenter {
    /// A centre in `n` dimensions, to be set by [`ModelCenter::set`].
    pub(crate) fn new(n: usize) -> Self {
        ModelCenter {
            theta: vec![0.0; n],
            f: f64::NAN,
            g: vec![0.0; n],
        }
    }

    /// Centres the model at `at`: its θ, C and ∇C (which must be known).
    pub(crate) fn set(&mut self, at: &SearchPoint) {
        self.theta.copy_from_slice(&at.theta);
        self.f = at.f;
        self.g.copy_from_slice(&at.g);
    }

    /// Q(θ) = C + ∇Cᵀ(θ − θ^(t)) + ½(θ − θ^(t))ᵀH(θ − θ^(t)) with the given H (row-major).
    pub(crate) fn model(&self, hessian: Vec<f64>) -> QuadModel {
        QuadModel {
            center: self.theta.clone(),
            value: self.f,
            gradient: self.g.clone(),
            hessian,
        }
    }
}
