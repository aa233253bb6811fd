//! The built-in functions: formulas compile, starts lie in their views, listed
//! minima are minima, and the critical-point finder sees them.

use saddle::expr::{ExprObjective, builtin_objective};
use saddle::math::norm;
use saddle::objective::catalog::{FUNCTIONS, function};
use saddle::objective::critical::{Kind, classify, critical_points, symmetric_eigenvalues};
use saddle::objective::{Objective, Rosenbrock};
use saddle::rng::Rng;

#[test]
fn every_builtin_builds_and_its_minima_are_minima() {
    for info in FUNCTIONS {
        let f = builtin_objective(info).unwrap_or_else(|e| panic!("{}: {e}", info.id));
        let d = info.dim();
        assert_eq!(f.dim(), d, "{}", info.id);
        assert_eq!(info.start.len(), d, "{}", info.id);
        let v = info.view;
        assert!(
            v.check().is_ok() && info.start[0] >= v.x0 && info.start[0] <= v.x1,
            "{}: start in view",
            info.id
        );
        if d == 2 {
            assert!(
                info.start[1] >= v.y0 && info.start[1] <= v.y1,
                "{}: start in view",
                info.id
            );
        }
        assert!(f.value(info.start).is_finite(), "{}", info.id);
        for m in info.minima {
            let mut g = vec![0.0; d];
            let value = f.gradient(m, &mut g);
            if !g.iter().all(|v| v.is_finite()) {
                // A cusp (Ackley's origin): lower than every neighbour instead.
                for k in 0..16 {
                    let a = k as f64 * std::f64::consts::TAU / 16.0;
                    let p: Vec<f64> = (0..d)
                        .map(|j| m[j] + 1e-3 * if j == 0 { a.cos() } else { a.sin() })
                        .collect();
                    assert!(f.value(&p) > value, "{}: {m:?} is lower than its neighbours", info.id);
                }
                continue;
            }
            let mut h = vec![0.0; d * d];
            f.hessian(m, &mut h);
            let scale = h.iter().fold(1.0f64, |a, b| a.max(b.abs()));
            assert!(
                norm(&g) < 1e-8 * scale.max(1.0) * (1.0 + value.abs()),
                "{} at {m:?}: ‖∇C‖ = {}",
                info.id,
                norm(&g)
            );
            assert_eq!(
                classify(&symmetric_eigenvalues(&h, d)),
                Kind::Minimum,
                "{} at {m:?}",
                info.id
            );
        }
        let found = critical_points(f.as_ref(), &v, if d == 1 { 60 } else { 28 }, 500);
        for m in info.minima.iter().filter(|m| {
            let mut g = vec![0.0; d];
            f.gradient(m, &mut g);
            g.iter().all(|v| v.is_finite())
        }) {
            assert!(
                found
                    .iter()
                    .any(|c| c.kind == Kind::Minimum && saddle::math::dist(&c.point, m) < 1e-6),
                "{}: the finder sees the minimum {m:?}",
                info.id
            );
        }
    }
}

#[test]
fn the_hand_written_rosenbrock_matches_its_formula() {
    let info = function("rosenbrock").unwrap();
    let typed = ExprObjective::with_vars(info.formula, info.vars).unwrap();
    let hand = Rosenbrock::default();
    let mut rng = Rng::new(3);
    for _ in 0..200 {
        let x = [rng.uniform_in(-3.0, 3.0), rng.uniform_in(-3.0, 3.0)];
        let (mut g1, mut g2, mut h1, mut h2) = ([0.0; 2], [0.0; 2], [0.0; 4], [0.0; 4]);
        let v1 = hand.gradient(&x, &mut g1);
        let v2 = typed.gradient(&x, &mut g2);
        hand.hessian(&x, &mut h1);
        typed.hessian(&x, &mut h2);
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * (1.0 + a.abs().max(b.abs()));
        assert!(close(v1, v2), "value at {x:?}: {v1} vs {v2}");
        assert!(
            g1.iter().zip(&g2).all(|(a, b)| close(*a, *b)),
            "gradient at {x:?}: {g1:?} vs {g2:?}"
        );
        assert!(
            h1.iter().zip(&h2).all(|(a, b)| close(*a, *b)),
            "Hessian at {x:?}: {h1:?} vs {h2:?}"
        );
    }
}

#[test]
fn peaks_has_minima_maxima_and_saddles() {
    // Figure 4.1(b).
    let f = builtin_objective(function("peaks").unwrap()).unwrap();
    let found = critical_points(f.as_ref(), &function("peaks").unwrap().view, 28, 100);
    let count = |k| found.iter().filter(|c| c.kind == k).count();
    assert!(count(Kind::Minimum) >= 2, "{found:?}");
    assert!(count(Kind::Maximum) >= 2, "{found:?}");
    assert!(count(Kind::Saddle) >= 2, "{found:?}");
    // The global minimum C ≈ −6.5511 at (0.2283, −1.6255).
    let best = found
        .iter()
        .filter(|c| c.kind == Kind::Minimum)
        .min_by(|a, b| a.value.total_cmp(&b.value))
        .unwrap();
    assert!((best.value + 6.5511).abs() < 1e-4, "{best:?}");
}
