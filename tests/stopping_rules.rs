//! The stopping rules of section 4.1 (absolute and relative improvement of
//! C, step size, gradient norm, iteration limit) through the three doors:
//! the link's keys round-trip, the command line takes them as flags with the
//! same checks and writes the same link, and a run stops at the first
//! iteration where the chapter's inequality holds, recomputed here from the
//! printed trajectory, with a status that names the rule (issue 14).

use saddle::run::Termination;
use saddle::scene::{Session, url};

#[path = "common/cli.rs"]
mod cli;
use cli::saddle;

const RULES: &str = "tol=1e-6&step_tol=1e-8&abs_tol=0.5&rel_tol=1e-7&max_iter=500";

#[test]
fn the_rules_round_trip_through_the_link() {
    let query = format!("f=bowl&o=gd&{RULES}");
    let (scene, notices) = url::decode(&query);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(
        (scene.tol, scene.step_tol, scene.abs_tol, scene.rel_tol, scene.max_iter),
        (1e-6, 1e-8, 0.5, 1e-7, 500)
    );
    assert_eq!(url::encode(&scene), query, "the page writes the same link back");
    assert_eq!(
        scene.termination(),
        Termination {
            max_iter: Some(500),
            grad_norm: Some(1e-6),
            step_size: Some(1e-8),
            abs_improvement: Some(0.5),
            rel_improvement: Some(1e-7),
            ..Termination::default()
        }
    );
    // The defaults: only ‖∇C‖ < 1e-10, as every link without these keys has always meant.
    let (plain, _) = url::decode("f=bowl");
    assert_eq!(plain.termination(), Termination::default());
    assert_eq!(url::encode(&plain), "f=bowl");
    // 0 switches a rule off, and is what the link leaves out (tol=0 is written: its default is 1e-10).
    let (off, _) = url::decode("f=bowl&tol=0&step_tol=0&max_iter=0");
    assert_eq!(off.termination().grad_norm, None);
    assert_eq!(url::encode(&off), "f=bowl&tol=0");
    // Out of range: a notice, the default stays.
    let (bad, notices) = url::decode("f=bowl&rel_tol=2&step_tol=-1&max_iter=2000000");
    assert_eq!((bad.rel_tol, bad.step_tol, bad.max_iter), (0.0, 0.0, 1_000_000));
    assert_eq!(notices.len(), 3, "{notices:?}");
}

#[test]
fn the_rules_round_trip_through_the_command_line() {
    let flags = [
        "url",
        "--function",
        "bowl",
        "--optimizer",
        "gd",
        "--tol",
        "1e-6",
        "--step_tol",
        "1e-8",
        "--abs_tol",
        "0.5",
        "--rel_tol",
        "1e-7",
        "--max_iter",
        "500",
    ];
    let (code, out, err) = saddle(&flags);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), format!("?f=bowl&o=gd&{RULES}"));
    // And back: --url reads them, flags after it replace one.
    let (code, out, err) = saddle(&["url", "--url", out.trim(), "--max_iter", "7"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), format!("?f=bowl&o=gd&{}", RULES.replace("500", "7")));
    for (args, says) in [
        (
            ["url", "--rel_tol", "2"],
            "--rel_tol 2: rel_tol = 2 is out of range [0, 1]",
        ),
        (["url", "--step_tol", "x"], "--step_tol x:"),
        (
            ["url", "--max_iter", "-1"],
            "--max_iter -1: max_iter must be a whole number ≥ 0",
        ),
        (
            ["url", "--abs_tol", "1e7"],
            "--abs_tol 1e7: abs_tol = 1e7 is out of range [0, 1000000]",
        ),
    ] {
        let (code, _, err) = saddle(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(says), "{args:?}: expected '{says}' in {err}");
    }
    let (_, help, _) = saddle(&["help"]);
    for (key, _) in url::STOPPING {
        assert!(help.contains(&format!("--{key} ")), "saddle help lists --{key}");
    }
}

/// One printed iterate: (iteration, loss, ‖∇C‖, θ).
type Row = (u64, f64, f64, Vec<f64>);

/// Lane 0's iterates from `saddle run`'s CSV, and its status line.
fn run(args: &[&str]) -> (Vec<Row>, String) {
    let (code, out, err) = saddle(&[&["run", "--function", "rosenbrock", "--start", "-1.2,1"], args].concat());
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let (it, loss, grad) = (col("iter"), col("loss"), col("grad_norm"));
    let rows = lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|r| r[0] == "0")
        .map(|r| {
            let theta = r[it + 1..loss].iter().map(|v| v.parse().unwrap()).collect();
            (
                r[it].parse().unwrap(),
                r[loss].parse().unwrap(),
                r[grad].parse().unwrap(),
                theta,
            )
        })
        .collect();
    (rows, err.lines().next().unwrap_or("").to_string())
}

/// The first t ≥ 1 at which `holds(t)` (the chapter's inequality between θ⁽ᵗ⁻¹⁾ and θ⁽ᵗ⁾).
fn first(rows: &[Row], holds: impl Fn(usize) -> bool) -> u64 {
    (1..rows.len())
        .find(|&t| holds(t))
        .map(|t| rows[t].0)
        .expect("the rule fires")
}

#[test]
fn each_rule_stops_a_run_where_its_inequality_first_holds_and_is_named() {
    // Book's gradient descent on Rosenbrock: slow, so each rule fires at its own iteration.
    let gd = ["--optimizer", "gd(lr=0.001)", "--steps", "100000"];
    let (all, _) = run(&[&gd[..], &["--tol", "0", "--max_iter", "20000"]].concat());
    assert_eq!(all.last().unwrap().0, 20000);
    let step = |t: usize| {
        let (a, b) = (&all[t - 1].3, &all[t].3);
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
    };
    let cases: [(&str, &str, u64, &str); 5] = [
        (
            "--tol",
            "0.05",
            first(&all, |t| all[t].2 < 0.05),
            "converged: gradient norm ‖∇C‖ < 0.05",
        ),
        (
            "--step_tol",
            "1e-5",
            first(&all, |t| step(t) < 1e-5),
            "stopped: step size ‖θ_s‖ < 1e-5",
        ),
        (
            "--abs_tol",
            "1e-5",
            first(&all, |t| (all[t - 1].1 - all[t].1).abs() < 1e-5),
            "stopped: absolute improvement |ΔC| < 1e-5",
        ),
        (
            "--rel_tol",
            "0.001",
            first(&all, |t| (all[t - 1].1 - all[t].1).abs() / all[t - 1].1.abs() < 1e-3),
            "stopped: relative improvement |ΔC|/|C| < 0.001",
        ),
        ("--max_iter", "321", 321, "stopped: iteration limit (321 iterations)"),
    ];
    let mut seen = vec![];
    for (flag, value, at, says) in cases {
        assert!(at < 20000, "{flag}: fires within the reference run");
        let rule = [flag, value];
        let only = if flag == "--tol" {
            &rule[..]
        } else {
            &[flag, value, "--tol", "0"][..]
        };
        let (rows, status) = run(&[&gd[..], only].concat());
        assert_eq!(
            rows.last().unwrap().0,
            at,
            "{flag} {value} stops at the first t where it holds"
        );
        assert!(status.ends_with(says), "{flag}: '{status}' names the rule as '{says}'");
        assert_eq!(rows[..], all[..rows.len()], "{flag}: the same iterates up to there");
        seen.push(at);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 5, "the rules fire at different iterations: {seen:?}");
}

#[test]
fn the_session_runs_every_lane_under_the_scenes_rules() {
    let (scene, _) = url::decode("f=bowl&start=1,1&o=gd(lr=0.01)&o=adam&max_iter=40&tol=0");
    let mut s = Session::new(scene).unwrap();
    s.run_to(1000);
    for lane in s.lanes() {
        let r = lane.runner.as_ref().unwrap();
        assert_eq!(r.iter(), 40);
        assert_eq!(r.status().label(), "stopped");
    }
}
