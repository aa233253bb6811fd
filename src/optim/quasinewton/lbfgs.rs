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
use crate::optim::first_order::{matrix, own_table, scalar};
use crate::optim::info::{eq, eq_when};
use crate::optim::linesearch::{
    self, ALPHA0, C1, C2, FIRST_STEP, LS_WOLFE, LineSearch, ModelCenter, SHRINK, SearchPoint,
};
use crate::optim::params::{flag, int};
use crate::optim::quasinewton::bfgs::{MODEL_MAX_DIM, curvature_holds, spd_inverse};
use crate::optim::{
    Cond, MethodInfo, Optimizer, Outcome, ParamInfo, Params, Problem, QuadModel, Searches, StateVar, Torch,
};

/// The parameter table.
pub const PARAMS: &[ParamInfo] = &[
    int("m", "m", 10, 1, 100, "memory: how many pairs (θ_s, g_s) are kept"),
    LS_WOLFE,
    ALPHA0,
    SHRINK,
    C1,
    C2,
    FIRST_STEP,
    flag(
        "scale_init",
        "",
        true,
        "B_init^(t) = (g_sᵀθ_s / g_sᵀg_s) I from the newest pair, as after (4.69) (off: B_init = I)",
    ),
];

/// Hyperparameters of L-BFGS.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LbfgsConfig {
    /// The memory m.
    pub m: usize,
    pub ls: LineSearch,
    /// Scale the first trial step of steepest-descent iterations (torch's first step).
    pub scaled_first_step: bool,
    /// B_init^(t) = γI from the newest pair (the book's); off: B_init = I.
    pub scale_init: bool,
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
            scaled_first_step: false,
            scale_init: true,
        }
    }
}

impl LbfgsConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        own_table(p, PARAMS, "L-BFGS")?;
        Ok(LbfgsConfig {
            m: p.get("m") as usize,
            ls: LineSearch::from_params(p)?
                .ok_or("L-BFGS needs a line search (Algorithm 4.3, step 6): ls cannot be none")?,
            scaled_first_step: p.choice(FIRST_STEP.key) == "scaled",
            scale_init: p.flag("scale_init"),
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

/// q ← B̃ q by the two-loop recursion over `pairs` (oldest first), with
/// B_init = γI from the newest pair when `scale`, else I; `a` is scratch of
/// length ≥ pairs.len().
fn two_loop<'a>(pairs: impl DoubleEndedIterator<Item = &'a Pair> + Clone, scale: bool, q: &mut [f64], a: &mut [f64]) {
    let mut k = 0;
    for (p, ak) in pairs.clone().rev().zip(a.iter_mut()) {
        *ak = p.rho * dot(&p.s, q);
        for (qi, yi) in q.iter_mut().zip(&p.y) {
            *qi -= *ak * yi;
        }
        k += 1;
    }
    if let Some(newest) = pairs.clone().next_back().filter(|_| scale) {
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
    /// θ^(t), C and ∇C there, and the line search's probes.
    at: SearchPoint,
    /// The last m pairs, oldest first.
    pairs: VecDeque<Pair>,
    /// What the last step changed in `pairs`, so that its model can be rebuilt:
    /// whether it pushed a pair, and the pair it dropped.
    pushed: bool,
    dropped: Option<Pair>,
    spare: Option<Pair>,
    /// θ^(t), C and ∇C of the last step, where its model (4.58) is centred.
    center: ModelCenter,
    d: Vec<f64>,
    a: Vec<f64>,
    stepped: bool,
}

impl Lbfgs {
    /// L-BFGS at θ^(0) = `x0`.
    pub fn new(config: LbfgsConfig, x0: &[f64]) -> Result<Self, String> {
        let at = SearchPoint::new(x0)?;
        if config.m == 0 {
            return Err("the memory m must be at least 1".into());
        }
        let n = at.theta.len();
        Ok(Lbfgs {
            config,
            at,
            pairs: VecDeque::with_capacity(config.m),
            pushed: false,
            dropped: None,
            spare: None,
            center: ModelCenter::new(n),
            d: vec![0.0; n],
            a: vec![0.0; config.m],
            stepped: false,
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
        let n = self.at.theta.len();
        if let Err(failed) = self.at.begin_finite(problem) {
            return failed;
        }
        let g = &self.at.g;
        // Step 5: θ_d = −B̃_t ∇C.
        self.d.copy_from_slice(g);
        two_loop(self.pairs.iter(), self.config.scale_init, &mut self.d, &mut self.a);
        self.d.iter_mut().for_each(|v| *v = -*v);
        let slope = dot(&self.d, g);
        if (slope.is_nan() || slope >= 0.0) && !self.at.stationary() {
            // Rounding spoiled B̃: forget the pairs and use steepest descent.
            self.pairs.clear();
            for (d, g) in self.d.iter_mut().zip(g) {
                *d = -g;
            }
        }
        self.center.set(&self.at);
        self.stepped = true;
        self.pushed = false;
        if let Some(p) = self.dropped.take() {
            self.spare = Some(p);
        }
        if self.at.stationary() {
            return Outcome::Continue;
        }
        // Step 6: the line search.
        let ls = linesearch::first_trial(
            self.config.ls,
            self.config.scaled_first_step && self.pairs.is_empty(),
            &self.at.g,
        );
        let mut pair = self.spare.take().unwrap_or_else(|| Pair {
            s: vec![0.0; n],
            y: vec![0.0; n],
            rho: 0.0,
        });
        let found = match self.at.search_pair(&ls, problem, &self.d, &mut pair.s, &mut pair.y) {
            Ok(found) => found,
            Err(failed) => {
                self.spare = Some(pair);
                return failed;
            }
        };
        // Step 8: push (θ_s, g_s) when (4.64) holds, dropping the oldest pair beyond m.
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
        self.at.accept(found);
        Outcome::Continue
    }

    linesearch::at_search_point!();

    fn direction(&self) -> Option<&[f64]> {
        self.stepped.then_some(&self.d[..])
    }

    fn state(&self) -> Vec<StateVar> {
        let n = self.at.theta.len();
        let k = self.pairs.len();
        let rows = |pick: fn(&Pair) -> &Vec<f64>| self.pairs.iter().flat_map(|p| pick(p).iter().copied()).collect();
        vec![
            matrix("pairs_s", "θ_s", k, n, rows(|p| &p.s)),
            matrix("pairs_y", "g_s", k, n, rows(|p| &p.y)),
            scalar("gamma", "γ", self.gamma()),
        ]
    }

    /// The model (4.58) of the last step with B̃_t⁻¹ in place of the Hessian,
    /// formed on demand (for d ≤ [`MODEL_MAX_DIM`]) from the pairs that step used.
    fn model(&self) -> Option<QuadModel> {
        let n = self.at.theta.len();
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
            two_loop(used.iter().copied(), self.config.scale_init, &mut col, &mut a);
            for i in 0..n {
                b[i * n + j] = col[i];
            }
        }
        Some(self.center.model(spd_inverse(&b, n)?))
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        self.config = LbfgsConfig::from_params(params)?;
        self.trim();
        Ok(())
    }
}

pub static INFO: MethodInfo = MethodInfo {
    id: "lbfgs",
    name: "L-BFGS",
    equations: "Algorithm 4.3, (4.62)–(4.69)",
    lines: &[
        &[
            eq("θ_{d} = −\\tilde{B}_{t} ∇C(θ(t))", "(4.59) with (4.69)"),
            eq_when(
                "B_{init}(t) = \\frac{g_{s}ᵀ θ_{s}}{g_{s}ᵀ g_{s}} I",
                "after (4.69)",
                &[Cond::is("scale_init", &["on"])],
            ),
            eq_when("B_{init} = I", "scale_init=off", &[Cond::is("scale_init", &["off"])]),
            linesearch::FIRST_STEP_LINE,
            eq(
                "\\text{two-loop recursion over the last m pairs} (θ_{s}, g_{s})",
                "O(md) per step",
            ),
        ],
        linesearch::LINES,
    ],
    summary: "BFGS from only the last m gradient-difference pairs (4.69), O(md) memory and work per step: the \
              quasi-Newton method that scales to many parameters and often finishes training started by SGD. Noisy \
              gradients spoil its pairs, and it needs a Wolfe line search.",
    params: PARAMS,
    torch: Torch::is(
        "torch.optim.LBFGS(line_search_fn='strong_wolfe')",
        &[("m", "100"), ("first_step", "scaled")],
        "torch keeps 100 pairs and, with its strong Wolfe search (c1 = 1e-4, c2 = 0.9 as here), brackets and \
         zooms in its own way, so the iterates agree in kind, not to the digit. Its default \
         line_search_fn=None takes fixed steps of lr = 1, which this method does not offer. torch stops when \
         max|∂C/∂θ_i| ≤ 1e-7.",
    ),
    line_search: Searches::Always,
    build: |p, x0| Ok(Box::new(Lbfgs::new(LbfgsConfig::from_params(p)?, x0)?)),
    ..MethodInfo::BASE
};
