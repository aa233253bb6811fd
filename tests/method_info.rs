//! The facts each method's catalog entry carries (issue 11): equation lines
//! with the chapter's numbers and the conditions under which they apply, and
//! the flags the page and the trainer use instead of looking methods up by id
//! (velocity arrow, dense matrix, Hessian, line search), each checked against
//! what the method's code actually does.

use std::rc::Rc;

use saddle::catalog::Catalog;
use saddle::objective::Rosenbrock;
use saddle::optim::{METHODS, MethodInfo, Params, Problem, StateValue, build, method};

fn params(info: &MethodInfo, set: &[(&str, &str)]) -> Params {
    let mut p = info.defaults();
    for (k, v) in set {
        p.set_text(k, v).unwrap();
    }
    p
}

fn numbers(info: &MethodInfo, p: &Params) -> Vec<&'static str> {
    info.lines_for(p).map(|e| e.number).collect()
}

#[test]
fn every_equation_line_names_real_parameters_and_values() {
    for info in METHODS {
        assert!(!info.lines.is_empty(), "{}: no equation lines", info.id);
        assert!(
            info.lines_for(&info.defaults()).next().is_some(),
            "{}: no line for the defaults",
            info.id
        );
        for line in info.all_lines() {
            assert!(!line.tex.is_empty() && !line.number.is_empty(), "{}", info.id);
            for c in line.when {
                // The schedule's shared lines say "not under a line search" (ls=none), which
                // holds for tables without `ls`; every other key must be the table's own.
                let Some(p) = info.params.iter().find(|p| p.key == c.key) else {
                    assert_eq!(c.key, "ls", "{}: condition on unknown key {}", info.id, c.key);
                    continue;
                };
                for v in c.values {
                    assert!(
                        p.parse(v).is_ok(),
                        "{}: {}={v} is not a value of the table",
                        info.id,
                        c.key
                    );
                }
            }
        }
    }
}

#[test]
fn equation_lines_follow_the_parameters() {
    let gd = method("gd").unwrap();
    let fixed = numbers(gd, &gd.defaults());
    assert!(fixed.iter().any(|n| n.starts_with("Alg. 4.1")), "{fixed:?}");
    assert!(!fixed.iter().any(|n| n.starts_with("(4.43)")), "{fixed:?}");
    let exact = numbers(gd, &params(gd, &[("ls", "exact")]));
    assert!(exact.iter().any(|n| n.starts_with("(4.43)")), "{exact:?}");
    assert!(!exact.iter().any(|n| n.starts_with("Alg. 4.1")), "{exact:?}");
    let decay = numbers(gd, &params(gd, &[("schedule", "exp")]));
    assert!(decay.iter().any(|n| n.contains("Fig. 4.2b")), "{decay:?}");
    let wolfe = numbers(gd, &params(gd, &[("ls", "strong-wolfe")]));
    assert!(
        wolfe.contains(&"(4.48), Armijo") && wolfe.contains(&"(4.50), strong Wolfe"),
        "{wolfe:?}"
    );

    let momentum = method("momentum").unwrap();
    assert_eq!(numbers(momentum, &momentum.defaults()), ["(4.16)", "(4.17)"]);
    assert_eq!(
        numbers(momentum, &params(momentum, &[("form", "classic")])),
        ["footnote 15", "(4.17)"]
    );
    let adam = method("adam").unwrap();
    assert!(numbers(adam, &adam.defaults()).contains(&"(4.24)"));
    assert!(!numbers(adam, &params(adam, &[("bias_correction", "off")])).contains(&"(4.24)"));
}

/// Runs `steps` iterations of `info` with `p` on Rosenbrock from (−1.2, 1);
/// returns the optimizer and whether any step had probes.
fn probe_run(info: &MethodInfo, p: &Params, steps: usize) -> (Box<dyn saddle::optim::Optimizer>, bool) {
    let x0: &[f64] = if info.needs.univariate { &[1.5] } else { &[-1.2, 1.0] };
    let objective: Rc<dyn saddle::objective::Objective> = if info.needs.univariate {
        saddle::expr::builtin_objective(saddle::objective::catalog::function("cubic").unwrap()).unwrap()
    } else {
        Rc::new(Rosenbrock::default())
    };
    let mut problem = Problem::new(objective);
    let mut opt = build(info.id, p, x0).unwrap();
    let mut probed = false;
    for _ in 0..steps {
        opt.step(&mut problem);
        probed |= !opt.probes().is_empty();
    }
    (opt, probed)
}

#[test]
fn the_line_search_flag_is_what_the_method_does() {
    for info in METHODS {
        let mut settings = vec![info.defaults()];
        if info.params.iter().any(|p| p.key == "ls") {
            for ls in ["none", "exact", "armijo", "wolfe", "strong-wolfe"] {
                let mut p = info.defaults();
                if p.set_text("ls", ls).is_ok() && saddle::optim::linesearch::LineSearch::from_params(&p).is_ok() {
                    settings.push(p);
                }
            }
        }
        for p in settings {
            let Ok(_) = build(info.id, &p, &[-1.2, 1.0]).or_else(|_| build(info.id, &p, &[1.5])) else {
                continue; // ls=none for a method that always searches
            };
            let (_, probed) = probe_run(info, &p, 5);
            assert_eq!(
                info.searches(&p),
                probed,
                "{} {:?}: searches() disagrees with the probes its steps leave",
                info.id,
                p.changed()
            );
        }
    }
    assert!(!method("gd").unwrap().searches(&method("gd").unwrap().defaults()));
    let gd = method("gd").unwrap();
    assert!(gd.searches(&params(gd, &[("ls", "exact")])));
}

#[test]
fn velocity_dense_and_hessian_flags() {
    let with = |f: fn(&MethodInfo) -> bool| -> Vec<&str> { METHODS.iter().filter(|m| f(m)).map(|m| m.id).collect() };
    assert_eq!(with(|m| m.velocity), ["momentum", "nesterov", "lookahead"]);
    assert_eq!(with(|m| m.dense), ["bfgs"]);
    assert_eq!(with(|m| m.needs.hessian), ["cg", "newton"]);
    for info in METHODS {
        let (opt, _) = probe_run(info, &info.defaults(), 3);
        let state = opt.state();
        if info.velocity {
            // The arrow −αv: the state has v, and for momentum and Nesterov the step is exactly −αv.
            let v = state
                .iter()
                .find(|s| s.name == "velocity")
                .expect("velocity in the state");
            let StateValue::Vector { values: v } = &v.value else {
                panic!()
            };
            if info.id != "lookahead" {
                let lr = info.defaults().get("lr");
                let step = opt.direction().unwrap();
                for (s, v) in step.iter().zip(v) {
                    assert_eq!(*s, -lr * v, "{}", info.id);
                }
            }
        }
        if info.dense {
            let d = opt.theta().len();
            assert!(
                state
                    .iter()
                    .any(|s| matches!(s.value, StateValue::Matrix { rows, cols, .. } if rows == d && cols == d)),
                "{}: a dense method keeps a d×d matrix",
                info.id
            );
        }
    }
}

#[test]
fn the_catalog_exports_the_facts() {
    let json = serde_json::to_value(Catalog::get()).unwrap();
    let methods = json["methods"].as_array().unwrap();
    assert_eq!(methods.len(), METHODS.len());
    for m in methods {
        assert!(m["lines"].as_array().is_some_and(|l| !l.is_empty()), "{}", m["id"]);
        assert!(m["velocity"].is_boolean() && m["dense"].is_boolean(), "{}", m["id"]);
        assert!(m["line_search"]["kind"].is_string(), "{}", m["id"]);
        assert!(m["torch"]["note"].is_string(), "{}", m["id"]);
    }
    let adadelta = methods.iter().find(|m| m["id"] == "adadelta").unwrap();
    assert_eq!(adadelta["torch"]["class"], "torch.optim.Adadelta");
    assert_eq!(
        adadelta["torch"]["settings"][2],
        serde_json::json!(["eps_inside", "on"])
    );
    let newton = methods.iter().find(|m| m["id"] == "newton").unwrap();
    assert!(newton["torch"]["settings"].is_null());
    let gd = methods.iter().find(|m| m["id"] == "gd").unwrap();
    assert_eq!(gd["line_search"]["kind"], "when");
    assert_eq!(gd["line_search"]["when"][0]["key"], "ls");
    assert_eq!(gd["line_search"]["when"][0]["not"], true);
}
