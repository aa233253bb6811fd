//! Statuses and silent states (issue 10, item 8): every reproduction of the
//! issue, natively. A lane's status says what happened, the same in the page
//! (`Playground::lanes`) and on the command line (`Session`'s lanes and the
//! CLI's stderr), and nothing a link or a typed function does is decided
//! without a notice.

use saddle::objective::critical::Kind;
use saddle::playground::Playground;
use saddle::run::{Criterion, Status, Trajectory};
use saddle::scene::{Function, Session, url};

#[path = "common/cli.rs"]
mod cli;
use cli::saddle;

#[test]
fn a_stalled_lane_stays_stalled_after_its_trajectory_is_thinned() {
    // GD on the bowl reaches C = 0 exactly and stays there: stalled, since
    // tol=0 never stops it. The trajectory is thinned at 2^17 entries.
    let (mut p, notices) = Playground::open("f=bowl&tol=0&o=gd(lr=0.1)");
    assert!(notices.is_empty(), "{notices:?}");
    p.step(5_000);
    assert_eq!(p.lanes()[0].label, "stalled", "{}", p.lanes()[0].status);
    let past = Trajectory::CAPACITY as u64 + 10_000;
    let mut labels = Vec::new();
    while p.max_iter() < past {
        p.step(9_973);
        labels.push((p.max_iter(), p.lanes()[0].label));
    }
    let stride = p.session().lanes()[0].runner.as_ref().unwrap().trajectory().stride;
    assert!(stride > 1, "the trajectory was thinned (stride {stride})");
    for (t, label) in labels {
        assert_eq!(label, "stalled", "at t = {t}");
    }
}

#[test]
fn a_typed_function_starts_every_lane_inside_its_domain() {
    for (link, inside) in [
        ("expr=log(x)", (|t: &[f64]| t[0] > 0.0) as fn(&[f64]) -> bool),
        ("expr=sqrt(x)%2By^2", |t| t[0] > 0.0),
        ("expr=log(x-y)", |t| t[0] > t[1]),
        ("expr=log(y)%2Bx^2", |t| t[1] > 0.0),
    ] {
        let (p, notices) = Playground::open(link);
        assert!(notices.is_empty(), "{link}: {notices:?}");
        let start = p.session().start().to_vec();
        assert!(inside(&start), "{link}: θ⁽⁰⁾ = {start:?} is outside the domain");
        for lane in p.lanes() {
            assert_eq!(lane.label, "running", "{link}: {}", lane.status);
            assert!(lane.loss.is_finite(), "{link}");
        }
        let view = p.scene().view_or_default();
        assert!(
            view.x0 <= start[0] && start[0] <= view.x1,
            "{link}: the start is in the view"
        );
    }
    // A typed function whose domain is outside [−3, 3]² gets a view around it.
    let f = Function::expr("log(x - 10) + y^2").unwrap();
    let (v, s) = (f.default_view(), f.default_start());
    assert!(s[0] > 10.0 && v.x0 <= s[0] && s[0] <= v.x1, "{v:?} {s:?}");
    // The command line starts where the page starts.
    let (code, out, _) = saddle(&["run", "--expr", "log(x)", "--steps", "0"]);
    assert_eq!(code, 0);
    let row: Vec<&str> = out.lines().nth(1).unwrap().split(',').collect();
    assert!(row[3].parse::<f64>().unwrap() > 0.0, "{out}");
    assert!(row[4].parse::<f64>().unwrap().is_finite(), "{out}");
}

#[test]
fn a_function_that_is_not_a_number_anywhere_is_refused_with_a_notice() {
    for src in ["0/0+x+y", "sqrt(-1-x^2-y^2)", "log(-x^2-1) + y"] {
        let err = Function::expr(src).unwrap_err().to_string();
        assert!(err.contains("not a number anywhere"), "{src}: {err}");
        let (scene, notices) = url::decode(&format!("expr={}", url::encode_component(src)));
        assert_eq!(scene.function, Function::default(), "{src}: the default function stays");
        assert_eq!(notices.len(), 1, "{src}: {notices:?}");
        assert!(notices[0].contains("not a number anywhere"), "{notices:?}");
        let (mut p, _) = Playground::open("f=bowl");
        let e = p.set_expr(src).unwrap_err();
        assert!(e.message.contains("not a number anywhere"), "{}", e.message);
        assert_eq!(
            p.scene().function,
            Function::builtin("bowl").unwrap(),
            "nothing changes"
        );
    }
    let (code, _, err) = saddle(&["url", "--expr", "0/0+x+y"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a number anywhere"), "{err}");
    // Defined somewhere, even only far away or only on a line, is accepted.
    for src in ["log(x - 500)", "sqrt(1 - x^2 - y^2)", "1/x + y"] {
        assert!(Function::expr(src).is_ok(), "{src}");
    }
}

#[test]
fn conflicting_and_repeated_keys_give_notices() {
    let (scene, notices) = url::decode("f=peaks&expr=x");
    assert_eq!(scene.function, Function::expr("x").unwrap());
    assert_eq!(notices, ["expr= replaces the function given by f="]);
    let (scene, notices) = url::decode("expr=x&f=peaks");
    assert_eq!(scene.function, Function::expr("x").unwrap());
    assert_eq!(notices.len(), 1);
    assert!(notices[0].contains("the function is given by expr="), "{notices:?}");
    let (scene, notices) = url::decode("data=sum412&f=peaks");
    assert!(scene.function.learning().is_some());
    assert!(notices[0].contains("given by data="), "{notices:?}");
    let (scene, notices) = url::decode("seed=1&seed=2&tol=0.1&tol=0.2");
    assert_eq!((scene.seed, scene.tol), (2, 0.2), "the last one counts");
    assert_eq!(
        notices,
        [
            "seed appears more than once; the last one is used",
            "tol appears more than once; the last one is used"
        ]
    );
    // o= is meant to repeat, and hide= adds panels: no notice.
    let (_, notices) = url::decode("o=gd&o=adam&hide=charts&hide=lanes");
    assert!(notices.is_empty(), "{notices:?}");
}

#[test]
fn leaving_the_domain_is_reported_as_leaving_the_domain_not_as_divergence() {
    // GD with a big step jumps from x = 0.5 to x < 0, where log is not defined.
    let (mut p, _) = Playground::open("expr=log(x)%2Bx^2%2By^2&start=0.5,1&o=gd(lr=2)");
    p.step(10);
    let lane = &p.lanes()[0];
    assert_eq!(lane.label, "undefined", "{}", lane.status);
    assert!(
        lane.status
            .starts_with("outside the domain: C is not defined at θ = (-"),
        "{}",
        lane.status
    );
    // A start outside the domain says so at t = 0.
    let (p, _) = Playground::open("expr=sqrt(x)%2By^2&start=-1,1");
    let lane = &p.lanes()[0];
    assert_eq!(lane.label, "undefined");
    assert_eq!(
        lane.status,
        "outside the domain: C is not defined at the start θ⁽⁰⁾ = (-1, 1)"
    );
    // Overflowing is still divergence.
    let (mut p, _) = Playground::open("expr=exp(x)&start=709&o=gd(lr=1)");
    p.step(3);
    assert_eq!(p.lanes()[0].label, "diverged", "{}", p.lanes()[0].status);
    // The command line prints the same.
    let (_, _, err) = saddle(&[
        "run",
        "--expr",
        "log(x)+x^2+y^2",
        "--start",
        "0.5,1",
        "--optimizer",
        "gd(lr=2)",
        "--steps",
        "10",
    ]);
    assert!(
        err.contains("lane 0 gd(lr=2): outside the domain: C is not defined at θ"),
        "{err}"
    );
}

#[test]
fn newton_converging_to_a_maximum_says_so_in_the_page_and_on_the_command_line() {
    let link = "f=peaks&start=0.25,1.3&o=newton&steps=20";
    let (scene, _) = url::decode(link);
    let mut session = Session::new(scene).unwrap();
    session.run_to(20);
    let status = session.lanes()[0].status();
    assert!(
        matches!(
            status,
            Status::Converged {
                criterion: Criterion::GradNorm,
                point: Some(Kind::Maximum),
                ..
            }
        ),
        "{status:?}"
    );
    let (mut p, _) = Playground::open(link);
    p.step(20);
    assert_eq!(
        p.lanes()[0].status,
        status.to_string(),
        "the page reads the same status"
    );
    assert!(status.to_string().starts_with("converged to a local maximum: "));
    let (code, out, err) = saddle(&["run", "--url", link, "--format", "json"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("lane 0 newton: converged to a local maximum: gradient norm"),
        "{err}"
    );
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["lanes"][0]["status"]["point"], "maximum");
    // A minimum is plain "converged".
    let (_, _, err) = saddle(&["run", "--function", "bowl", "--optimizer", "newton", "--steps", "5"]);
    assert!(err.contains("lane 0 newton: converged: gradient norm"), "{err}");
}
