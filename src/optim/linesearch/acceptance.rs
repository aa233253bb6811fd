//! The acceptance conditions of a line search as data: the Armijo condition
//! (4.48) with its line φ(0) + c1 α φ'(0), the second Wolfe condition (4.49)
//! and the strong Wolfe condition (4.50) with their bands of accepted slopes,
//! and for every probe of the last search whether it was accepted and which
//! condition it failed. The searches test their trials with these same
//! functions, so what is drawn is what decided.

use serde::Serialize;

use super::LineSearch;
use crate::optim::Probe;

/// Which test the search applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The minimizer along the ray (4.43): no condition, the search settles on one α.
    Exact,
    /// Sufficient decrease (4.48) only.
    Armijo,
    /// (4.48) and the second Wolfe condition (4.49).
    Wolfe,
    /// (4.48) and the strong Wolfe condition (4.50).
    StrongWolfe,
}

/// The conditions of one search along θ + αθ_d, with φ(α) = C(θ + αθ_d).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Conditions {
    pub kind: Kind,
    /// φ(0) = C(θ).
    pub phi0: f64,
    /// φ'(0) = ∇C(θ)ᵀθ_d < 0.
    pub slope0: f64,
    /// β of (4.48) (`c1`), for every kind but the exact search.
    pub c1: Option<f64>,
    /// γ of (4.49)/(4.50) (`c2`), for the Wolfe searches.
    pub c2: Option<f64>,
}

impl Conditions {
    /// The conditions `ls` tests from φ(0) = `phi0` and φ'(0) = `slope0`.
    pub fn of(ls: &LineSearch, phi0: f64, slope0: f64) -> Conditions {
        let (kind, c1, c2) = match *ls {
            LineSearch::Exact => (Kind::Exact, None, None),
            LineSearch::Armijo { c1, .. } => (Kind::Armijo, Some(c1), None),
            LineSearch::Wolfe { c1, c2, .. } => (Kind::Wolfe, Some(c1), Some(c2)),
            LineSearch::StrongWolfe { c1, c2, .. } => (Kind::StrongWolfe, Some(c1), Some(c2)),
        };
        Conditions {
            kind,
            phi0,
            slope0,
            c1,
            c2,
        }
    }

    /// The Armijo line φ(0) + c1 α φ'(0) of (4.48) at α (`None` for the exact search).
    pub fn armijo_line(&self, alpha: f64) -> Option<f64> {
        self.c1.map(|c1| self.phi0 + c1 * alpha * self.slope0)
    }

    /// (4.48): φ(α) ≤ φ(0) + c1 α φ'(0). NaN values fail. True for the exact search.
    #[inline]
    pub fn armijo(&self, alpha: f64, value: f64) -> bool {
        match self.c1 {
            Some(c1) => value <= self.phi0 + c1 * alpha * self.slope0,
            None => true,
        }
    }

    /// The slopes φ'(α) the curvature condition accepts: [c2 φ'(0), ∞) for
    /// (4.49), [c2 φ'(0), −c2 φ'(0)] for (4.50); `None` without one.
    pub fn band(&self) -> Option<(f64, f64)> {
        let c2 = self.c2?;
        Some(match self.kind {
            Kind::StrongWolfe => (c2 * self.slope0, -c2 * self.slope0),
            _ => (c2 * self.slope0, f64::INFINITY),
        })
    }

    /// The curvature condition (4.49), or (4.50) for the strong search; true without one.
    #[inline]
    pub fn curvature(&self, slope: f64) -> bool {
        match (self.kind, self.c2) {
            (Kind::StrongWolfe, Some(c2)) => slope.abs() <= -c2 * self.slope0,
            (_, Some(c2)) => slope >= c2 * self.slope0,
            _ => true,
        }
    }
}

/// Why a probe was not the accepted step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Failed {
    /// φ or φ' was NaN or infinite there.
    NotFinite,
    /// It lies above the Armijo line (4.48).
    Armijo,
    /// It meets (4.48) but its slope is outside the band of (4.49)/(4.50).
    Curvature,
    /// It meets the conditions, but the search had a lower point and went on.
    Superseded,
    /// The exact search: not the minimizer it settled on.
    NotMinimizer,
}

/// One probe of the last search, judged.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Verdict {
    pub alpha: f64,
    pub value: f64,
    pub slope: Option<f64>,
    /// The step the search returned.
    pub accepted: bool,
    /// The first condition it failed, when not accepted.
    pub failed: Option<Failed>,
}

/// The last search of a step: its conditions and every probe judged by them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Acceptance {
    pub conditions: Conditions,
    pub probes: Vec<Verdict>,
    /// The accepted α (`None` when the search failed).
    pub alpha: Option<f64>,
}

impl Acceptance {
    /// Judges `probes` by `conditions`; `accepted` is the α the search returned.
    pub fn judge(conditions: Conditions, probes: &[Probe], accepted: Option<f64>) -> Acceptance {
        let verdict = |p: &Probe| {
            let finite = p.value.is_finite() && p.slope.is_none_or(f64::is_finite);
            let accepted = accepted == Some(p.alpha) && finite;
            let failed = if accepted {
                None
            } else if !finite {
                Some(Failed::NotFinite)
            } else if conditions.kind == Kind::Exact {
                Some(Failed::NotMinimizer)
            } else if !conditions.armijo(p.alpha, p.value) {
                Some(Failed::Armijo)
            } else if p.slope.is_some_and(|s| !conditions.curvature(s)) {
                Some(Failed::Curvature)
            } else {
                Some(Failed::Superseded)
            };
            Verdict {
                alpha: p.alpha,
                value: p.value,
                slope: p.slope,
                accepted,
                failed,
            }
        };
        Acceptance {
            conditions,
            probes: probes.iter().map(verdict).collect(),
            alpha: accepted,
        }
    }
}
