//! The critical-point finder on functions whose critical points are known.

use saddle::landscape::View;
use saddle::objective::FnObjective;
use saddle::objective::critical::{Kind, classify, critical_points};

#[test]
fn cubic_has_a_minimum_and_a_saddle() {
    // C = x³ − 3x + y² − 2y: ∇C = (3x² − 3, 2y − 2) vanishes at (±1, 1).
    let f = FnObjective {
        dim: 2,
        value: |x: &[f64]| x[0].powi(3) - 3.0 * x[0] + x[1] * x[1] - 2.0 * x[1],
        gradient: |x: &[f64], g: &mut [f64]| {
            g[0] = 3.0 * x[0] * x[0] - 3.0;
            g[1] = 2.0 * x[1] - 2.0;
            x[0].powi(3) - 3.0 * x[0] + x[1] * x[1] - 2.0 * x[1]
        },
        hessian: |x: &[f64], h: &mut [f64]| h.copy_from_slice(&[6.0 * x[0], 0.0, 0.0, 2.0]),
    };
    let found = critical_points(&f, &View::new(-2.0, 2.0, -2.0, 3.0), 12, 50);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].kind, Kind::Minimum);
    assert!((found[0].point[0] - 1.0).abs() < 1e-9 && (found[0].point[1] - 1.0).abs() < 1e-9);
    assert!((found[0].value - (-3.0)).abs() < 1e-12);
    assert_eq!(found[1].kind, Kind::Saddle);
    assert!((found[1].point[0] + 1.0).abs() < 1e-9 && (found[1].point[1] - 1.0).abs() < 1e-9);
    assert_eq!(found[1].eigenvalues, vec![-6.0, 2.0]);
}

#[test]
fn points_outside_the_view_are_left_out() {
    let f = FnObjective {
        dim: 2,
        value: |x: &[f64]| (x[0] - 5.0).powi(2) + x[1] * x[1],
        gradient: |x: &[f64], g: &mut [f64]| {
            g[0] = 2.0 * (x[0] - 5.0);
            g[1] = 2.0 * x[1];
            (x[0] - 5.0).powi(2) + x[1] * x[1]
        },
        hessian: |_: &[f64], h: &mut [f64]| h.copy_from_slice(&[2.0, 0.0, 0.0, 2.0]),
    };
    assert!(critical_points(&f, &View::new(-1.0, 1.0, -1.0, 1.0), 8, 50).is_empty());
    assert_eq!(critical_points(&f, &View::new(-1.0, 6.0, -1.0, 1.0), 8, 50).len(), 1);
}

#[test]
fn univariate_maximum_and_minimum_of_the_books_cubic() {
    // (4.52): C(θ) = (θ − 3)²(θ + 3) has a local maximum at −1 and a local minimum at 3.
    let f = FnObjective {
        dim: 1,
        value: |x: &[f64]| (x[0] - 3.0).powi(2) * (x[0] + 3.0),
        gradient: |x: &[f64], g: &mut [f64]| {
            g[0] = 3.0 * (x[0] - 3.0) * (x[0] + 1.0);
            (x[0] - 3.0).powi(2) * (x[0] + 3.0)
        },
        hessian: |x: &[f64], h: &mut [f64]| h[0] = 6.0 * (x[0] - 1.0),
    };
    let found = critical_points(&f, &View::new(-5.0, 7.0, 0.0, 1.0), 30, 10);
    let kinds: Vec<(Kind, f64)> = found.iter().map(|c| (c.kind, c.point[0])).collect();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    assert_eq!(kinds[0].0, Kind::Minimum);
    assert!((kinds[0].1 - 3.0).abs() < 1e-9);
    assert_eq!(kinds[1].0, Kind::Maximum);
    assert!((kinds[1].1 + 1.0).abs() < 1e-9);
}

#[test]
fn classification_follows_the_hessian_eigenvalues() {
    assert_eq!(classify(&[1.0, 2.0]), Kind::Minimum);
    assert_eq!(classify(&[-1.0, -2.0]), Kind::Maximum);
    assert_eq!(classify(&[-1.0, 2.0]), Kind::Saddle);
    assert_eq!(classify(&[0.0, 2.0]), Kind::Degenerate);
}
