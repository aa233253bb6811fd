use super::Found;
use crate::optim::{Probe, Problem};

/// (Strong) Wolfe line search (4.48)-(4.50): not implemented yet.
#[allow(clippy::too_many_arguments)]
pub fn search(
    _problem: &mut Problem,
    _x: &[f64],
    _f0: f64,
    _slope0: f64,
    _d: &[f64],
    _alpha0: f64,
    _c1: f64,
    _c2: f64,
    _strong: bool,
    _x_new: &mut [f64],
    _g_new: &mut [f64],
    _probes: &mut Vec<Probe>,
) -> Result<Found, String> {
    Err("Wolfe line search: not implemented yet".into())
}
