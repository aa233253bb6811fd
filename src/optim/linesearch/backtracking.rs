use super::Found;
use crate::optim::{Probe, Problem};

/// Backtracking with the Armijo condition (4.48): not implemented yet.
#[allow(clippy::too_many_arguments)]
pub fn search(
    _problem: &mut Problem,
    _x: &[f64],
    _f0: f64,
    _slope0: f64,
    _d: &[f64],
    _alpha0: f64,
    _shrink: f64,
    _c1: f64,
    _x_new: &mut [f64],
    _probes: &mut Vec<Probe>,
) -> Result<Found, String> {
    Err("backtracking line search: not implemented yet".into())
}
