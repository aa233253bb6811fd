//! Where a function is defined: a start point inside its domain (`log(x)`
//! must not start every lane at x < 0), and a refusal for functions that are
//! not a number anywhere (`0/0 + x + y`).

use crate::math::all_finite;
use crate::objective::Objective;
use crate::view::View;

/// Coordinates tried along each axis when looking for the domain beyond the
/// view: from −10⁶ to 10⁶.
const WIDE: [f64; 21] = [
    0.0, 1e-3, -1e-3, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0, 5.0, -5.0, 10.0, -10.0, 100.0, -100.0, 1e3, -1e3,
    1e6, -1e6,
];

/// Points per axis of the grid searched inside a view.
const GRID: usize = 13;

/// Whether C and ∇C are finite numbers at θ.
pub fn defined(objective: &dyn Objective, theta: &[f64]) -> bool {
    let mut g = vec![0.0; theta.len()];
    let value = objective.gradient(theta, &mut g);
    value.is_finite() && all_finite(&g)
}

/// Points of `view` (a `GRID`-point grid, only x for one variable), nearest
/// to `near` first.
fn grid(view: &View, dim: usize, near: &[f64]) -> Vec<Vec<f64>> {
    let at = |k: usize, lo: f64, hi: f64| lo + (k as f64 + 0.5) / GRID as f64 * (hi - lo);
    let mut points: Vec<Vec<f64>> = if dim == 1 {
        (0..4 * GRID)
            .map(|i| vec![view.x0 + (i as f64 + 0.5) / (4 * GRID) as f64 * view.width()])
            .collect()
    } else {
        (0..GRID * GRID)
            .map(|k| vec![at(k % GRID, view.x0, view.x1), at(k / GRID, view.y0, view.y1)])
            .collect()
    };
    let scale = [
        view.width().max(f64::MIN_POSITIVE),
        view.height().max(f64::MIN_POSITIVE),
    ];
    let far = |p: &[f64]| -> f64 {
        p.iter()
            .zip(near)
            .zip(scale)
            .map(|((a, b), s)| {
                let t = (a - b) / s;
                t * t
            })
            .sum()
    };
    crate::order::sort_by(&mut points, |a, b| far(a).total_cmp(&far(b)));
    points
}

/// `near` if C is defined there, else the nearest point of a grid over
/// `view` where it is; `None` when it is defined nowhere on that grid.
pub fn start_in(objective: &dyn Objective, view: &View, near: &[f64]) -> Option<Vec<f64>> {
    if defined(objective, near) {
        return Some(near.to_vec());
    }
    grid(view, near.len(), near).into_iter().find(|p| defined(objective, p))
}

/// A point where C is defined: on a grid over `view`, else anywhere on a
/// wide grid from −10⁶ to 10⁶ (nearest the view's centre first).
pub fn somewhere(objective: &dyn Objective, view: &View) -> Option<Vec<f64>> {
    let d = objective.dim();
    let centre = [(view.x0 + view.x1) / 2.0, (view.y0 + view.y1) / 2.0];
    if let Some(p) = grid(view, d, &centre[..d]).into_iter().find(|p| defined(objective, p)) {
        return Some(p);
    }
    let mut wide: Vec<Vec<f64>> = if d == 1 {
        WIDE.iter().map(|&x| vec![x]).collect()
    } else {
        WIDE.iter()
            .flat_map(|&y| WIDE.iter().map(move |&x| vec![x, y]))
            .collect()
    };
    crate::order::sort_by(&mut wide, |a, b| {
        let far = |p: &[f64]| p.iter().zip(&centre).map(|(a, c)| (a - c).abs()).fold(0.0, f64::max);
        far(a).total_cmp(&far(b))
    });
    wide.into_iter().find(|p| defined(objective, p))
}

/// How many points [`somewhere`] tries at most, for messages.
pub fn tried(dim: usize) -> usize {
    if dim == 1 {
        4 * GRID + WIDE.len()
    } else {
        GRID * GRID + WIDE.len() * WIDE.len()
    }
}
