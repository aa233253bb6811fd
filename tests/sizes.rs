//! Sizes the page can honour (issue 10, items 3, 5 and 9): links and typed
//! functions larger than the page can draw at interactive speed are clamped
//! or refused with a notice that states the limit, seeds travel exactly, and
//! the command line never writes a link the page refuses.

use saddle::explorer::Explorer;
use saddle::explorer::limits::{MAX_NODES, MAX_OUTPUTS, MAX_VARS};
use saddle::learn::ModelKind;
use saddle::playground::Playground;
use saddle::scene::limits::{MAX_EXPR_WORK, expr_work, max_points};
use saddle::scene::train::TrainScene;
use saddle::scene::{Function, Scene, url};

#[path = "common/cli.rs"]
mod cli;
use cli::saddle;

#[test]
fn a_huge_data_link_is_clamped_to_what_the_playground_draws() {
    let (scene, notices) = url::decode("data=linreg(n=1e9)");
    let spec = scene.function.data_spec().unwrap();
    assert_eq!(spec.n(), max_points(ModelKind::Linreg));
    assert_eq!(notices.len(), 1, "one notice, not one per clamp: {notices:?}");
    assert!(
        notices[0].contains("n = 1e9 is more than the playground draws at interactive speed")
            && notices[0].contains("using 1500"),
        "{notices:?}"
    );
    // The link the page writes back opens without a notice.
    let again = url::encode(&scene);
    assert_eq!(again, "data=linreg(n=1500)");
    assert!(url::decode(&again).1.is_empty());
    // Every model of the playground, at and beyond its limit.
    for model in ["sum412", "linreg", "logreg", "signet"] {
        let max = max_points(ModelKind::parse(model).unwrap());
        let (scene, notices) = url::decode(&format!("data={model}(n={max})"));
        assert!(notices.is_empty(), "{model}: {notices:?}");
        assert_eq!(scene.function.data_spec().unwrap().n(), max);
        let (scene, notices) = url::decode(&format!("data={model}(n={})", max + 1));
        assert_eq!(scene.function.data_spec().unwrap().n(), max, "{model}");
        assert_eq!(notices.len(), 1, "{model}: {notices:?}");
    }
    // A person's own points beyond the limit are refused, with the limit.
    let points: Vec<String> = (0..200).map(|k| format!("{k}:{}", k % 2)).collect();
    let (scene, notices) = url::decode(&format!("data=logreg(points={})", points.join(";")));
    assert_eq!(scene.function, Function::default());
    assert!(notices[0].contains("at most 120 for logreg"), "{notices:?}");
    // The page's own edits go through the same limit.
    let (mut p, _) = Playground::open("data=linreg");
    let n = p.set_data_key("n", "100000").unwrap();
    assert!(n[0].contains("using 1500"), "{n:?}");
    assert_eq!(p.scene().function.data_spec().unwrap().n(), 1500);
    let n = p.set_data("signet(n=5000)").unwrap();
    assert!(n[0].contains("at most 100 points for signet"), "{n:?}");
    let many: Vec<[f64; 2]> = (0..2000).map(|k| [k as f64, 1.0]).collect();
    assert!(p.set_data_points(&many).unwrap_err().contains("at most 100 for signet"));
    // The training page draws no landscape: it keeps its own limit.
    let (train, notices) = TrainScene::decode("data=linreg(n=100000)");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(train.data.n(), 100_000);
}

/// `count` distinct terms of `term` (with `{}` replaced by 1, 2, …) joined by `+`.
fn sum_of(term: &str, count: usize) -> String {
    (1..=count)
        .map(|k| term.replace("{}", &k.to_string()))
        .collect::<Vec<_>>()
        .join("+")
}

#[test]
fn a_typed_function_is_refused_when_one_evaluation_costs_more_than_the_page_draws() {
    // About 10 000 characters of distinct powers: the slow render.
    let heavy = sum_of("(x*x+{})^(y/3)", 600);
    assert!(heavy.len() < 10_000);
    let err = Function::expr(&heavy).unwrap_err().to_string();
    assert!(
        err.contains("too large to draw at interactive speed") && err.contains("the limit is 1000"),
        "{err}"
    );
    let (scene, notices) = url::decode(&format!("expr={}", url::encode_component(&heavy)));
    assert_eq!(scene.function, Function::default());
    assert!(notices[0].contains("too large to draw"), "{notices:?}");
    let (code, _, err) = saddle(&["url", "--expr", &heavy]);
    assert_eq!(code, 2);
    assert!(err.contains("too large to draw"), "{err}");
    // 10 000 characters that cost little are accepted: the work counts, not the length.
    let long = format!("{}x^2 + 3*y^2", " ".repeat(9_980));
    assert!(long.len() > 9_990);
    assert!(Function::expr(&long).is_ok());
    let cost = expr_work(&saddle::expr::Graph::parse(&long).unwrap());
    assert!(cost < 10.0, "{cost}");
    // Just under the limit is accepted; the work is what the notice says.
    let fits = sum_of("sin(x*{}+y)", 50);
    let g = saddle::expr::Graph::parse(&fits).unwrap();
    assert!(expr_work(&g) <= MAX_EXPR_WORK, "{}", expr_work(&g));
    assert!(Function::expr(&fits).is_ok());
    // Beyond 10 000 characters nothing is even parsed.
    let err = Function::expr(&"x+".repeat(6000)).unwrap_err().to_string();
    assert!(err.contains("the limit is 10000"), "{err}");
}

#[test]
fn the_explorer_refuses_functions_larger_than_its_page_shows() {
    let vector = |n: usize| format!("({})", (1..=n).map(|k| format!("t{k}")).collect::<Vec<_>>().join(","));
    let (e, notices) = Explorer::open(&format!("expr={}", url::encode_component(&vector(1500))));
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].contains("is too large: it has 1500 variables") && notices[0].contains("showing (4.27)"),
        "{notices:?}"
    );
    assert_eq!(e.query(), Explorer::default().query(), "the chapter's (4.27) is shown");
    // At the limits it opens without a notice.
    let (e, notices) = Explorer::open(&format!("expr={}", url::encode_component(&vector(MAX_VARS))));
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(e.view().outputs, MAX_VARS);
    let outputs = format!(
        "({})",
        (1..=MAX_OUTPUTS + 1)
            .map(|k| format!("t1*{k}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let (_, notices) = Explorer::open(&format!("expr={}", url::encode_component(&outputs)));
    assert!(notices[0].contains("33 outputs"), "{notices:?}");
    let nodes = sum_of("sin(t1*{}+t2)", MAX_NODES);
    let (_, notices) = Explorer::open(&format!("expr={}", url::encode_component(&nodes)));
    assert!(notices[0].contains("nodes"), "{notices:?}");
    // Typing it changes nothing and says why.
    let mut e = Explorer::default();
    let err = e.set_expr(&vector(100)).unwrap_err();
    assert!(err.message.contains("100 variables"), "{}", err.message);
    assert_eq!(e.query(), Explorer::default().query());
}

#[test]
fn seeds_above_2_to_the_53_travel_exactly_through_every_door() {
    for seed in [9_007_199_254_740_993_u64, u64::MAX] {
        let (scene, notices) = url::decode(&format!("seed={seed}"));
        assert!(notices.is_empty());
        assert_eq!(scene.seed, seed);
        assert_eq!(url::encode(&scene), format!("f=rosenbrock&seed={seed}"));
        // The page reads the scene as JSON: the seed is text, exact.
        let json = serde_json::to_value(&scene).unwrap();
        assert_eq!(json["seed"], seed.to_string());
        let (p, _) = Playground::open(&format!("seed={seed}&data=sum412&o=gd(batch=1)"));
        assert_eq!(p.scene().seed, seed);
        assert!(p.query().contains(&format!("seed={seed}")));
        // A data spec's own seed too.
        let (scene, notices) = url::decode(&format!("data=linreg(seed={seed})"));
        assert!(notices.is_empty(), "{notices:?}");
        let json = serde_json::to_value(&scene).unwrap();
        let rows = json["function"]["rows"].as_array().unwrap();
        let row = rows.iter().find(|r| r["entry"]["key"] == "seed").unwrap();
        assert_eq!(row["value"], seed.to_string());
        // The training link.
        let (train, notices) = TrainScene::decode(&format!("seed={seed}"));
        assert!(notices.is_empty());
        assert_eq!(serde_json::to_value(&train).unwrap()["seed"], seed.to_string());
        // The command line writes it, and the page opens it without a notice.
        let (code, out, _) = saddle(&["url", "--seed", &seed.to_string()]);
        assert_eq!(code, 0);
        let (scene, notices) = url::decode(out.trim());
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(scene.seed, seed);
    }
    let (_, notices) = url::decode("seed=18446744073709551616");
    assert!(notices[0].contains("seed must be a whole number from 0 to 18446744073709551615"));
}

#[test]
fn the_command_line_never_writes_a_link_the_page_refuses() {
    // The two: the command line refuses them instead of writing them.
    for (args, says) in [
        (vec!["url", "--tol", "5"], "--tol 5: tol = 5 is out of range [0, 1]"),
        (
            vec!["url", "--start", "1e300,1e300"],
            "--start 1e300,1e300: start must be finite numbers of magnitude below 1e12",
        ),
        (vec!["url", "--data", "linreg(n=1e9)"], "more than the playground draws"),
        (vec!["url", "--seed", "18446744073709551616"], "--seed"),
    ] {
        let (code, out, err) = saddle(&args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    // What it accepts at the edges of every range opens without a notice.
    for args in [
        vec!["url", "--tol", "1", "--start", "999999999999,-999999999999"],
        vec!["url", "--data", "linreg(n=1500)", "--seed", "18446744073709551615"],
        vec!["url", "--expr", "log(x)"],
    ] {
        let (code, out, err) = saddle(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        let (scene, notices) = url::decode(out.trim());
        assert!(notices.is_empty(), "{args:?}: {notices:?}");
        assert_eq!(url::encode(&scene), out.trim()[1..]);
    }
    assert_eq!(Scene::default().seed, 1);
}
