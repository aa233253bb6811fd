//! Critical points inside a view: minima, maxima and saddle points (section 4.1).
//!
//! Newton's method on ∇C(θ) = 0 is started from a grid of seeds over the view;
//! the points it converges to are deduplicated and classified by the
//! eigenvalues of the Hessian: all positive is a local minimum, all negative a
//! local maximum, both signs a saddle point (the book's definition: a point
//! with ∇C = 0 whose Hessian is neither positive nor negative semidefinite).

use nalgebra::{DMatrix, DVector};
use serde::{Deserialize, Serialize};

use super::Objective;
use crate::math::{dist, norm};

mod search;
use crate::view::View;
pub use search::CriticalSearch;

/// What kind of critical point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Minimum,
    Maximum,
    Saddle,
    /// A zero eigenvalue: the second-order test cannot tell.
    Degenerate,
}

/// A point where ∇C = 0.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriticalPoint {
    pub point: Vec<f64>,
    pub value: f64,
    pub kind: Kind,
    /// Eigenvalues of the Hessian there, ascending.
    pub eigenvalues: Vec<f64>,
}

/// Eigenvalues of a symmetric d×d matrix (row-major), ascending.
pub fn symmetric_eigenvalues(h: &[f64], d: usize) -> Vec<f64> {
    let m = DMatrix::from_row_slice(d, d, h);
    let mut ev: Vec<f64> = m.symmetric_eigenvalues().iter().copied().collect();
    crate::order::sort_by(&mut ev, f64::total_cmp);
    ev
}

/// Classifies by eigenvalues, treating those within `1e-7·max|λ|` of 0 as zero.
pub fn classify(eigenvalues: &[f64]) -> Kind {
    let scale = eigenvalues.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let tol = 1e-7 * scale.max(1e-300);
    let pos = eigenvalues.iter().filter(|&&v| v > tol).count();
    let neg = eigenvalues.iter().filter(|&&v| v < -tol).count();
    if pos > 0 && neg > 0 {
        Kind::Saddle
    } else if pos == eigenvalues.len() {
        Kind::Minimum
    } else if neg == eigenvalues.len() {
        Kind::Maximum
    } else {
        Kind::Degenerate
    }
}

/// Finds the critical points of a 1- or 2-dimensional objective inside `view`
/// (for d = 1, the interval [x0, x1]) from `seeds` × `seeds` starting points
/// (`seeds` points for d = 1). At most `max_points` are returned, minima first.
///
/// This is one complete [`CriticalSearch`] of the view; the playground keeps
/// one search per function, so that pans and zooms reuse its seeds.
pub fn critical_points(objective: &dyn Objective, view: &View, seeds: usize, max_points: usize) -> Vec<CriticalPoint> {
    let mut search = CriticalSearch::new(seeds, max_points);
    search.points(objective, view, &mut || true).0
}

/// The outcome of one Newton start: where it converged, or that it did not.
pub(super) fn converge(objective: &dyn Objective, start: Vec<f64>, size: f64) -> Option<CriticalPoint> {
    let x = newton_on_gradient(objective, start, size)?;
    let d = x.len();
    let mut h = vec![0.0; d * d];
    objective.hessian(&x, &mut h);
    if !crate::math::all_finite(&h) {
        return None;
    }
    let eigenvalues = symmetric_eigenvalues(&h, d);
    Some(CriticalPoint {
        value: objective.value(&x),
        kind: classify(&eigenvalues),
        eigenvalues,
        point: x,
    })
}

/// Minima first, then saddle points, maxima and degenerate points, each by
/// value (stable), at most `max_points`.
pub(super) fn rank_and_cut(found: &mut Vec<CriticalPoint>, max_points: usize) {
    let rank = |k: Kind| match k {
        Kind::Minimum => 0,
        Kind::Saddle => 1,
        Kind::Maximum => 2,
        Kind::Degenerate => 3,
    };
    crate::order::sort_by(found, |a, b| {
        rank(a.kind).cmp(&rank(b.kind)).then(a.value.total_cmp(&b.value))
    });
    found.truncate(max_points);
}

/// Newton's method on ∇C = 0: θ ← θ − H⁻¹∇C, solved by LU. Returns the point
/// when the gradient vanishes to working precision, `None` when it wanders off,
/// meets a singular Hessian or does not converge.
fn newton_on_gradient(objective: &dyn Objective, mut x: Vec<f64>, size: f64) -> Option<Vec<f64>> {
    let d = x.len();
    let mut g = vec![0.0; d];
    let mut h = vec![0.0; d * d];
    let origin = x.clone();
    for _ in 0..60 {
        objective.gradient(&x, &mut g);
        objective.hessian(&x, &mut h);
        if !crate::math::all_finite(&g) || !crate::math::all_finite(&h) {
            return None;
        }
        let hm = DMatrix::from_row_slice(d, d, &h);
        let step = hm.lu().solve(&(-DVector::from_column_slice(&g)))?;
        if !step.iter().all(|v| v.is_finite()) {
            return None;
        }
        for (xi, si) in x.iter_mut().zip(step.iter()) {
            *xi += si;
        }
        if dist(&x, &origin) > 2.0 * size {
            return None;
        }
        if step.norm() < 1e-11 * size {
            objective.gradient(&x, &mut g);
            let hscale = h.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1.0);
            return (norm(&g) < 1e-7 * hscale * size).then_some(x);
        }
    }
    None
}
