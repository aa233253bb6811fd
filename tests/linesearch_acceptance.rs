//! Line-search acceptance as data (for the "Along the ray" chart): every
//! method that searches exposes, through `Optimizer::acceptance`, φ(0), φ'(0),
//! the Armijo constant c1 of (4.48), c2 and the kind of curvature condition
//! ((4.49) or (4.50)), and for each probe whether it was accepted and which
//! condition it failed. Checked here against the conditions recomputed from
//! the chapter's inequalities and against the step the method took.

use std::rc::Rc;

use saddle::expr::builtin_objective;
use saddle::math::dot;
use saddle::objective::catalog::function;
use saddle::objective::{Objective, Rosenbrock};
use saddle::optim::linesearch::{Failed, Kind};
use saddle::optim::{Optimizer, Problem, build, method};

fn optimizer(id: &str, set: &[(&str, &str)], x0: &[f64]) -> Box<dyn Optimizer> {
    let mut p = method(id).unwrap().defaults();
    for (k, v) in set {
        p.set_text(k, v).unwrap();
    }
    build(id, &p, x0).unwrap()
}

/// Steps `opt` `n` times on `f` from its start, checking every step's acceptance data.
fn check_steps(what: &str, opt: &mut dyn Optimizer, f: Rc<dyn Objective>, n: usize, kind: Kind) -> Vec<Failed> {
    let mut problem = Problem::new(Rc::clone(&f));
    let mut seen = vec![];
    for t in 0..n {
        let before = opt.theta().to_vec();
        let mut g = vec![0.0; before.len()];
        let phi0 = f.gradient(&before, &mut g);
        opt.step(&mut problem);
        let Some(acc) = opt.acceptance() else {
            panic!("{what}, step {t}: no acceptance data");
        };
        let c = acc.conditions;
        assert_eq!(c.kind, kind, "{what}");
        assert_eq!(c.phi0, phi0, "{what}, step {t}: φ(0) = C(θ^(t))");
        let d = opt.direction().unwrap();
        assert_eq!(c.slope0, dot(&g, d), "{what}, step {t}: φ'(0) = ∇C(θ^(t))ᵀθ_d");
        assert!(c.slope0 < 0.0);
        assert_eq!(acc.probes.len(), opt.probes().len());
        let accepted: Vec<_> = acc.probes.iter().filter(|v| v.accepted).collect();
        assert!(!accepted.is_empty(), "{what}, step {t}: one probe is the step taken");
        let alpha = acc.alpha.unwrap();
        // The step taken is θ^(t) + α θ_d with the accepted α.
        for i in 0..before.len() {
            assert!(
                (opt.theta()[i] - (before[i] + alpha * d[i])).abs() <= 1e-12 * (1.0 + before[i].abs()),
                "{what}"
            );
        }
        for v in &acc.probes {
            // The verdicts are the chapter's inequalities, recomputed here.
            let armijo = c.c1.is_none_or(|c1| v.value <= c.phi0 + c1 * v.alpha * c.slope0); // (4.48)
            let curvature = match (c.c2, v.slope) {
                (Some(c2), Some(s)) if kind == Kind::StrongWolfe => s.abs() <= c2 * c.slope0.abs(), // (4.50)
                (Some(c2), Some(s)) => s >= c2 * c.slope0,                                          // (4.49)
                _ => true,
            };
            if v.accepted {
                assert!(v.failed.is_none() && v.alpha == alpha);
                assert!(
                    armijo && curvature,
                    "{what}, step {t}: the accepted α meets the conditions"
                );
            } else {
                let failed = v.failed.expect("a rejected probe says why");
                match failed {
                    Failed::Armijo => assert!(!armijo),
                    Failed::Curvature => assert!(armijo && !curvature),
                    Failed::Superseded => assert!(armijo && curvature),
                    Failed::NotMinimizer => assert_eq!(kind, Kind::Exact),
                    Failed::NotFinite => assert!(!v.value.is_finite()),
                }
                seen.push(failed);
            }
            if let Some(line) = c.armijo_line(v.alpha) {
                assert_eq!(armijo, v.value <= line, "the Armijo line is the one tested");
            }
        }
    }
    seen
}

#[test]
fn every_searching_method_says_what_its_probes_met() {
    let rosenbrock: Rc<dyn Objective> = Rc::new(Rosenbrock::default());
    let x0 = [-1.2, 1.0];
    type Case = (&'static str, &'static [(&'static str, &'static str)], Kind);
    let cases: &[Case] = &[
        ("gd", &[("ls", "armijo")], Kind::Armijo),
        ("gd", &[("ls", "wolfe")], Kind::Wolfe),
        ("gd", &[("ls", "strong-wolfe")], Kind::StrongWolfe),
        ("gd", &[("ls", "exact")], Kind::Exact),
        ("ncg", &[], Kind::StrongWolfe),
        ("newton", &[("ls", "armijo"), ("safeguard", "shift")], Kind::Armijo),
        ("bfgs", &[], Kind::StrongWolfe),
        ("bfgs", &[("ls", "wolfe")], Kind::Wolfe),
        ("lbfgs", &[], Kind::StrongWolfe),
    ];
    let mut all = vec![];
    for (id, set, kind) in cases {
        let what = format!("{id} {set:?}");
        let mut opt = optimizer(id, set, &x0);
        all.extend(check_steps(&what, &mut *opt, Rc::clone(&rosenbrock), 12, *kind));
    }
    // BFGS's first trial α = 1 along −∇C at (−1.2, 1) overshoots far above the Armijo line.
    let mut bfgs = optimizer("bfgs", &[], &x0);
    let mut problem = Problem::new(Rc::clone(&rosenbrock));
    bfgs.step(&mut problem);
    let acc = bfgs.acceptance().unwrap();
    assert_eq!(acc.probes[0].alpha, 1.0);
    assert_eq!(acc.probes[0].failed, Some(Failed::Armijo));
    assert!(acc.probes.last().unwrap().accepted);
    assert_eq!(acc.conditions.c1, Some(1e-4));
    assert_eq!(acc.conditions.c2, Some(0.9));
    // The strong Wolfe band is [c2 φ'(0), −c2 φ'(0)].
    let (lo, hi) = acc.conditions.band().unwrap();
    assert_eq!((lo, hi), (0.9 * acc.conditions.slope0, -0.9 * acc.conditions.slope0));
    assert!(all.contains(&Failed::Armijo), "{all:?}");
    assert!(all.contains(&Failed::NotMinimizer), "{all:?}");

    // A first trial far too short meets Armijo but not the curvature condition: the search extrapolates.
    let bowl = builtin_objective(function("bowl").unwrap()).unwrap();
    for (ls, kind) in [("wolfe", Kind::Wolfe), ("strong-wolfe", Kind::StrongWolfe)] {
        let mut gd = optimizer("gd", &[("ls", ls), ("alpha0", "1e-6")], &[1.0, 1.0]);
        let failed = check_steps(&format!("gd ls={ls} alpha0=1e-6"), &mut *gd, Rc::clone(&bowl), 1, kind);
        assert_eq!(failed.first(), Some(&Failed::Curvature), "{ls}: {failed:?}");
    }
    // Linear CG's step is the exact search on the quadratic, one probe.
    let quad = builtin_objective(function("elongated").unwrap()).unwrap();
    let mut cg = optimizer("cg", &[], &[1.0, 1.0]);
    check_steps("cg", &mut *cg, quad, 2, Kind::Exact);
}

#[test]
fn steps_without_a_search_have_no_acceptance() {
    let rosenbrock: Rc<dyn Objective> = Rc::new(Rosenbrock::default());
    for (id, set) in [
        ("gd", &[][..]),
        ("adam", &[]),
        ("momentum", &[]),
        ("newton", &[]),
        ("secant", &[]),
    ] {
        let x0: &[f64] = if id == "secant" { &[1.5] } else { &[-1.2, 1.0] };
        let f = if id == "secant" {
            builtin_objective(function("cubic").unwrap()).unwrap()
        } else {
            Rc::clone(&rosenbrock)
        };
        let mut opt = optimizer(id, set, x0);
        assert!(opt.acceptance().is_none(), "{id} before any step");
        let mut problem = Problem::new(f);
        opt.step(&mut problem);
        assert!(opt.acceptance().is_none(), "{id}: no line search");
    }
    // Switching GD's search off mid-run forgets the last search.
    let mut p = method("gd").unwrap().defaults();
    p.set_text("ls", "exact").unwrap();
    let mut gd = build("gd", &p, &[-1.2, 1.0]).unwrap();
    let mut problem = Problem::new(Rc::clone(&rosenbrock));
    gd.step(&mut problem);
    assert!(gd.acceptance().is_some());
    p.set_text("ls", "none").unwrap();
    gd.configure(&p).unwrap();
    assert!(gd.acceptance().is_none());
}

#[test]
fn acceptance_serializes_for_the_page() {
    let mut opt = optimizer("lbfgs", &[], &[-1.2, 1.0]);
    let mut problem = Problem::new(Rc::new(Rosenbrock::default()));
    opt.step(&mut problem);
    let json = serde_json::to_value(opt.acceptance().unwrap()).unwrap();
    assert_eq!(json["conditions"]["kind"], "strong-wolfe");
    assert!(json["conditions"]["phi0"].is_number() && json["conditions"]["slope0"].is_number());
    assert_eq!(json["probes"][0]["failed"], "armijo");
    assert_eq!(json["probes"].as_array().unwrap().last().unwrap()["accepted"], true);
}
