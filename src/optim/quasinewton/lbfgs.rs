//! L-BFGS: Algorithm 4.3 with B_t replaced by the limited-memory B̃_t of (4.69).
//!
//! Only the latest m pairs (θ_s^(k), g_s^(k)) of (4.62) are kept, in a queue
//! (step 8 pushes the new pair and drops the oldest). The product B̃_t∇C(θ^(t))
//! of step 5 is computed by the two-loop recursion (Nocedal & Wright,
//! *Numerical Optimization*, Algorithm 7.4), which evaluates (4.69) with
//! (4.67) using O(md) operations and no matrix:
//!
//! q ← ∇C;  for k = newest … oldest: a_k = ρ_k θ_s^(k)ᵀq, q ← q − a_k g_s^(k);
//! r ← B_init^(t) q with B_init^(t) = (g_s^(t−1)ᵀθ_s^(t−1) / g_s^(t−1)ᵀg_s^(t−1)) I;
//! for k = oldest … newest: b = ρ_k g_s^(k)ᵀr, r ← r + (a_k − b) θ_s^(k);
//!
//! and θ_d = −r. With no pair yet (the first iteration) θ_d = −∇C, steepest
//! descent. Line search defaults as for BFGS (strong Wolfe, c1 = 10⁻⁴,
//! c2 = 0.9, α0 = 1); pairs violating the curvature condition (4.64) are not stored.

use std::collections::VecDeque;

use crate::math::{all_finite, dot};
use crate::optim::linesearch::{self, ALPHA0, C1, C2, LS_WOLFE, LineSearch, SHRINK};
use crate::optim::params::int;
use crate::optim::quasinewton::bfgs::{MODEL_MAX_DIM, curvature_holds, spd_inverse};
use crate::optim::{
    MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Probe, Problem, QuadModel, StateValue, StateVar,
};

/// The parameter table.
pub const PARAMS: &[ParamInfo] = &[
    int("m", "m", 10, 1, 100, "memory: how many pairs (θ_s, g_s) are kept"),
    LS_WOLFE,
    ALPHA0,
    SHRINK,
    C1,
    C2,
];

/// Hyperparameters of L-BFGS.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LbfgsConfig {
    /// The memory m.
    pub m: usize,
    pub ls: LineSearch,
}

impl Default for LbfgsConfig {
    fn default() -> Self {
        LbfgsConfig {
            m: 10,
            ls: LineSearch::StrongWolfe {
                alpha0: 1.0,
                c1: 1e-4,
                c2: 0.9,
            },
        }
    }
}

impl LbfgsConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        if !std::ptr::eq(p.info(), PARAMS) {
            return Err("these parameters do not belong to L-BFGS".into());
        }
        Ok(LbfgsConfig {
            m: p.get("m") as usize,
            ls: LineSearch::from_params(p)?
                .ok_or("L-BFGS needs a line search (Algorithm 4.3, step 6): ls cannot be none")?,
        })
    }
}

/// One stored pair θ_s, g_s and ρ = 1/(g_sᵀθ_s).
#[derive(Clone, Debug)]
struct Pair {
    s: Vec<f64>,
    y: Vec<f64>,
    rho: f64,
}

/// q ← B̃ q by the two-loop recursion over `pairs` (oldest first); `a` is scratch of length ≥ pairs.len().
fn two_loop<'a>(pairs: impl DoubleEndedIterator<Item = &'a Pair> + Clone, q: &mut [f64], a: &mut [f64]) {
    let mut k = 0;
    for (p, ak) in pairs.clone().rev().zip(a.iter_mut()) {
        *ak = p.rho * dot(&p.s, q);
        for (qi, yi) in q.iter_mut().zip(&p.y) {
            *qi -= *ak * yi;
        }
        k += 1;
    }
    if let Some(newest) = pairs.clone().next_back() {
        let gamma = 1.0 / (newest.rho * dot(&newest.y, &newest.y));
        q.iter_mut().for_each(|v| *v *= gamma);
    }
    for (p, ak) in pairs.zip(a[..k].iter().rev()) {
        let b = p.rho * dot(&p.y, q);
        for (qi, si) in q.iter_mut().zip(&p.s) {
            *qi += (ak - b) * si;
        }
    }
}

/// L-BFGS: its configuration and state.
pub struct Lbfgs {
    config: LbfgsConfig,
    theta: Vec<f64>,
    f: f64,
    g: Vec<f64>,
    known: bool,
    /// The last m pairs, oldest first.
    pairs: VecDeque<Pair>,
    /// What the last step changed in `pairs`, so that its model can be rebuilt:
    /// whether it pushed a pair, and the pair it dropped.
    pushed: bool,
    dropped: Option<Pair>,
    spare: Option<Pair>,
    center: Vec<f64>,
    center_f: f64,
    center_g: Vec<f64>,
    d: Vec<f64>,
    a: Vec<f64>,
    stepped: bool,
    probes: Vec<Probe>,
    x_new: Vec<f64>,
    g_new: Vec<f64>,
}

impl Lbfgs {
    /// L-BFGS at θ^(0) = `x0`.
    pub fn new(config: LbfgsConfig, x0: &[f64]) -> Result<Self, String> {
        if x0.is_empty() || !all_finite(x0) {
            return Err("the start point must be finite and non-empty".into());
        }
        if config.m == 0 {
            return Err("the memory m must be at least 1".into());
        }
        let n = x0.len();
        Ok(Lbfgs {
            config,
            theta: x0.to_vec(),
            f: f64::NAN,
            g: vec![0.0; n],
            known: false,
            pairs: VecDeque::with_capacity(config.m),
            pushed: false,
            dropped: None,
            spare: None,
            center: vec![0.0; n],
            center_f: f64::NAN,
            center_g: vec![0.0; n],
            d: vec![0.0; n],
            a: vec![0.0; config.m],
            stepped: false,
            probes: Vec::new(),
            x_new: vec![0.0; n],
            g_new: vec![0.0; n],
        })
    }

    /// How many pairs are stored.
    pub fn memory_used(&self) -> usize {
        self.pairs.len()
    }

    /// The scale of B_init^(t) = γI for the next step (1 with no pairs).
    pub fn gamma(&self) -> f64 {
        self.pairs
            .back()
            .map(|p| 1.0 / (p.rho * dot(&p.y, &p.y)))
            .unwrap_or(1.0)
    }

    /// Drops the oldest pairs beyond the memory m.
    fn trim(&mut self) {
        while self.pairs.len() > self.config.m {
            self.pairs.pop_front();
        }
        if self.a.len() < self.config.m {
            self.a.resize(self.config.m, 0.0);
        }
    }
}

impl Optimizer for Lbfgs {
    fn id(&self) -> &'static str {
        INFO.id
    }

    /// Steps 4–8 of Algorithm 4.3 with the two-loop recursion for step 5.
    fn step(&mut self, problem: &mut Problem) -> Outcome {
        let n = self.theta.len();
        self.probes.clear();
        if !self.known {
            self.f = problem.gradient(&self.theta, &mut self.g);
            self.known = true;
        }
        if !self.f.is_finite() || !all_finite(&self.g) {
            return Outcome::Failed("C or its gradient is not finite at θ".into());
        }
        // Step 5: θ_d = −B̃_t ∇C.
        self.d.copy_from_slice(&self.g);
        two_loop(self.pairs.iter(), &mut self.d, &mut self.a);
        self.d.iter_mut().for_each(|v| *v = -*v);
        let slope = dot(&self.d, &self.g);
        if (slope.is_nan() || slope >= 0.0) && self.g.iter().any(|&v| v != 0.0) {
            // Rounding spoiled B̃: forget the pairs and use steepest descent.
            self.pairs.clear();
            for (d, g) in self.d.iter_mut().zip(&self.g) {
                *d = -g;
            }
        }
        self.center.copy_from_slice(&self.theta);
        self.center_f = self.f;
        self.center_g.copy_from_slice(&self.g);
        self.stepped = true;
        self.pushed = false;
        if let Some(p) = self.dropped.take() {
            self.spare = Some(p);
        }
        if self.g.iter().all(|&v| v == 0.0) {
            return Outcome::Continue;
        }
        // Step 6: the line search.
        let found = match linesearch::search(
            &self.config.ls,
            problem,
            &self.theta,
            self.f,
            &self.g,
            &self.d,
            &mut self.x_new,
            &mut self.g_new,
            &mut self.probes,
        ) {
            Ok(found) => found,
            Err(why) => return Outcome::Failed(why),
        };
        if !found.gradient_known {
            problem.gradient(&self.x_new, &mut self.g_new);
        }
        // Step 8: push (θ_s, g_s) when (4.64) holds, dropping the oldest pair beyond m.
        let mut pair = self.spare.take().unwrap_or_else(|| Pair {
            s: vec![0.0; n],
            y: vec![0.0; n],
            rho: 0.0,
        });
        for i in 0..n {
            pair.s[i] = self.x_new[i] - self.theta[i];
            pair.y[i] = self.g_new[i] - self.g[i];
        }
        let sy = dot(&pair.s, &pair.y);
        if curvature_holds(sy, &pair.s, &pair.y) && all_finite(&pair.y) {
            pair.rho = 1.0 / sy;
            if self.pairs.len() >= self.config.m {
                self.dropped = self.pairs.pop_front();
            }
            self.pairs.push_back(pair);
            self.pushed = true;
        } else {
            self.spare = Some(pair);
        }
        // Step 7.
        self.theta.copy_from_slice(&self.x_new);
        self.g.copy_from_slice(&self.g_new);
        self.f = found.value;
        Outcome::Continue
    }

    fn theta(&self) -> &[f64] {
        &self.theta
    }

    fn probes(&self) -> &[Probe] {
        &self.probes
    }

    fn direction(&self) -> Option<&[f64]> {
        self.stepped.then_some(&self.d[..])
    }

    fn state(&self) -> Vec<StateVar> {
        let n = self.theta.len();
        let k = self.pairs.len();
        let rows = |pick: fn(&Pair) -> &Vec<f64>| StateValue::Matrix {
            rows: k,
            cols: n,
            values: self.pairs.iter().flat_map(|p| pick(p).iter().copied()).collect(),
        };
        vec![
            StateVar {
                name: "pairs_s",
                symbol: "θ_s",
                value: rows(|p| &p.s),
            },
            StateVar {
                name: "pairs_y",
                symbol: "g_s",
                value: rows(|p| &p.y),
            },
            StateVar {
                name: "gamma",
                symbol: "γ",
                value: StateValue::Scalar { value: self.gamma() },
            },
        ]
    }

    /// The model (4.58) of the last step with B̃_t⁻¹ in place of the Hessian,
    /// formed on demand (for d ≤ [`MODEL_MAX_DIM`]) from the pairs that step used.
    fn model(&self) -> Option<QuadModel> {
        let n = self.theta.len();
        if !self.stepped || n > MODEL_MAX_DIM {
            return None;
        }
        let keep = self.pairs.len() - usize::from(self.pushed);
        let used: Vec<&Pair> = self.dropped.iter().chain(self.pairs.iter().take(keep)).collect();
        let mut b = vec![0.0; n * n];
        let mut col = vec![0.0; n];
        let mut a = vec![0.0; used.len()];
        for j in 0..n {
            col.iter_mut().for_each(|v| *v = 0.0);
            col[j] = 1.0;
            two_loop(used.iter().copied(), &mut col, &mut a);
            for i in 0..n {
                b[i * n + j] = col[i];
            }
        }
        Some(QuadModel {
            center: self.center.clone(),
            value: self.center_f,
            gradient: self.center_g.clone(),
            hessian: spd_inverse(&b, n)?,
        })
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        self.config = LbfgsConfig::from_params(params)?;
        self.trim();
        Ok(())
    }
}

fn build(p: &Params, x0: &[f64]) -> Result<Box<dyn Optimizer>, String> {
    Ok(Box::new(Lbfgs::new(LbfgsConfig::from_params(p)?, x0)?))
}

pub static INFO: MethodInfo = MethodInfo {
    id: "lbfgs",
    name: "L-BFGS",
    equations: "Algorithm 4.3, (4.62)–(4.69)",
    summary: "BFGS from only the last m gradient-difference pairs (4.69), O(md) memory and work per step: the \
              quasi-Newton method that scales to many parameters and often finishes training started by SGD. Noisy \
              gradients spoil its pairs, and it needs a Wolfe line search.",
    params: PARAMS,
    needs: Needs {
        hessian: false,
        univariate: false,
        first_order: false,
    },
    build,
};
