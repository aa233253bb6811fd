//! The gradient check of the lecture note: the autodiff gradient against
//! numerical differentiation, the forward difference (4.26)
//!
//!   ∂C/∂θ_j ≈ (C(θ + h e_j) − C(θ)) / h,
//!
//! and the central difference (C(θ + h e_j) − C(θ − h e_j)) / (2h), with the
//! relative error |a − n| / max(|a|, |n|). Sweeping h shows the two errors
//! the chapter warns about: truncation error falls with h (like h for the
//! forward difference, h² for the central one) while round-off error grows
//! like ε/h, so neither difference is good for every h (footnote 19).

use serde::Serialize;

use super::format::sig;
use crate::math;
use crate::plot::chart::{Chart, Series};

/// The relative error |a − b| / max(|a|, |b|); 0 when both are 0.
pub fn relative_error(a: f64, b: f64) -> f64 {
    let scale = a.abs().max(b.abs());
    if scale == 0.0 { 0.0 } else { (a - b).abs() / scale }
}

/// The norm-wise relative error ‖a − b‖ / max(‖a‖, ‖b‖) of two vectors.
pub fn relative_error_vec(a: &[f64], b: &[f64]) -> f64 {
    let diff: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - y).collect();
    let scale = math::norm(a).max(math::norm(b));
    if scale == 0.0 { 0.0 } else { math::norm(&diff) / scale }
}

/// The forward difference (4.26) for every input.
pub fn forward_differences(f: &dyn Fn(&[f64]) -> f64, x: &[f64], h: f64) -> Vec<f64> {
    let c = f(x);
    let mut y = x.to_vec();
    (0..x.len())
        .map(|j| {
            y[j] = x[j] + h;
            let up = f(&y);
            y[j] = x[j];
            (up - c) / h
        })
        .collect()
}

/// The central difference for every input.
pub fn central_differences(f: &dyn Fn(&[f64]) -> f64, x: &[f64], h: f64) -> Vec<f64> {
    let mut y = x.to_vec();
    (0..x.len())
        .map(|j| {
            y[j] = x[j] + h;
            let up = f(&y);
            y[j] = x[j] - h;
            let down = f(&y);
            y[j] = x[j];
            (up - down) / (2.0 * h)
        })
        .collect()
}

/// One input's row of the check.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckRow {
    /// 1-based j of θ_j.
    pub input: usize,
    pub autodiff: f64,
    pub forward: f64,
    pub central: f64,
    pub forward_error: f64,
    pub central_error: f64,
}

/// The check at one step h.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Check {
    pub h: f64,
    pub rows: Vec<CheckRow>,
    /// Norm-wise relative errors of the whole gradient.
    pub forward_error: f64,
    pub central_error: f64,
}

/// Checks the gradient `grad` of `f` at `x` with step `h`.
pub fn check(f: &dyn Fn(&[f64]) -> f64, grad: &[f64], x: &[f64], h: f64) -> Check {
    let fd = forward_differences(f, x, h);
    let cd = central_differences(f, x, h);
    let rows = (0..x.len())
        .map(|j| CheckRow {
            input: j + 1,
            autodiff: grad[j],
            forward: fd[j],
            central: cd[j],
            forward_error: relative_error(grad[j], fd[j]),
            central_error: relative_error(grad[j], cd[j]),
        })
        .collect();
    Check {
        h,
        rows,
        forward_error: relative_error_vec(grad, &fd),
        central_error: relative_error_vec(grad, &cd),
    }
}

/// The steps of the sweep: 10^(−k/4) for k = 4..=60, from 1e−1 down to 1e−15.
pub fn steps() -> Vec<f64> {
    (4..=60).map(|k| math::pow(10.0, -(k as f64) / 4.0)).collect()
}

/// The errors over [`steps`]: (h, forward error, central error), norm-wise.
pub fn sweep(f: &dyn Fn(&[f64]) -> f64, grad: &[f64], x: &[f64]) -> Vec<(f64, f64, f64)> {
    steps()
        .into_iter()
        .map(|h| {
            let c = check(f, grad, x, h);
            (h, c.forward_error, c.central_error)
        })
        .collect()
}

/// The colours of the two curves (Okabe–Ito blue and vermillion).
pub const FORWARD_COLOR: (u8, u8, u8) = (0, 114, 178);
pub const CENTRAL_COLOR: (u8, u8, u8) = (213, 94, 0);

/// The log-log chart of the sweep, with a marker at the step `h` of the table.
/// Errors that are exactly 0 have no place on a log axis and are left out.
pub fn chart(sweep: &[(f64, f64, f64)], h: f64) -> Chart {
    let floor = |e: f64| if e > 0.0 { e } else { f64::NAN };
    // The two error sources, as guides: round-off ε/h (faint dashes).
    let guide: Vec<(f64, f64)> = sweep.iter().map(|&(h, _, _)| (h, f64::EPSILON / h)).collect();
    // One difference's errors against h, dotted.
    let errors = |color, error: fn(&(f64, f64, f64)) -> f64| Series {
        color,
        points: sweep.iter().map(|s| (s.0, floor(error(s)))).collect(),
        dots: true,
        ..Series::default()
    };
    Chart {
        x_label: "step h".into(),
        y_label: "relative error".into(),
        log_y: true,
        log_x: true,
        series: vec![
            Series {
                color: (150, 150, 160),
                points: guide,
                faint: true,
                dots: false,
                ..Series::default()
            },
            errors(FORWARD_COLOR, |&(_, f, _)| f),
            errors(CENTRAL_COLOR, |&(_, _, c)| c),
        ],
        markers: vec![(h, format!("h = {}", sig(h, 3)))],
        // Room on the right for the marker's label at h = 0.1.
        x_range: Some((1e-16, 10.0)),
        ..Chart::default()
    }
}

/// The steps h the page offers for the table.
pub const H_CHOICES: [f64; 15] = [
    1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12, 1e-13, 1e-14, 1e-15,
];
