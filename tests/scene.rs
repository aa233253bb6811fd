//! Scenes and their URL form: round trips, the gallery, hostile links, and the
//! same numbers through every door.

use saddle::keys::percent::{decode as decode_component, encode as encode_component};
use saddle::scene::url::{decode, encode};
use saddle::scene::{FunctionSpec, Lane, MAX_LANES, MAX_STEPS, PRESETS, Scene, Session};

#[test]
fn the_issue_example_reads_as_written() {
    let (s, notices) =
        decode("?f=rosenbrock&start=0.2,-0.2&o=gd(lr=0.001)&o=gd(lr=0.001,schedule=exp,decay=0.99)&steps=100000");
    assert!(notices.is_empty(), "{notices:?}");
    assert!(matches!(s.function.spec(), FunctionSpec::Builtin(f) if f.id == "rosenbrock"));
    assert_eq!(s.start, Some(vec![0.2, -0.2]));
    assert_eq!(s.lanes.len(), 2);
    assert_eq!(s.lanes[0].method.id, "gd");
    assert_eq!(s.lanes[0].params.get("lr"), 0.001);
    assert_eq!(s.lanes[1].params.choice("schedule"), "exp");
    assert_eq!(s.lanes[1].params.get("decay"), 0.99);
    assert_eq!(s.steps, 100_000);
    // Written back: short (defaults left out), and read again the same.
    let q = encode(&s);
    assert!(q.contains("&o=gd&o=gd(schedule=exp)&"), "defaults are left out: {q}");
    assert_eq!(decode(&q).0, s);
}

#[test]
fn every_preset_opens_cleanly_and_round_trips() {
    let mut ids = std::collections::HashSet::new();
    for p in PRESETS {
        assert!(ids.insert(p.id), "duplicate preset {}", p.id);
        let (scene, notices) = decode(p.query);
        assert!(notices.is_empty(), "{}: {notices:?}", p.id);
        assert_eq!(scene.preset.as_deref(), Some(p.id));
        assert!(!scene.lanes.is_empty(), "{} has lanes", p.id);
        assert_eq!(decode(&encode(&scene)).0, scene, "{} round-trips", p.id);
        let session = Session::new(scene).unwrap_or_else(|e| panic!("{}: {e}", p.id));
        for lane in session.lanes() {
            assert!(
                lane.error.is_none(),
                "{}: lane {} cannot start: {:?}",
                p.id,
                lane.lane.to_text(),
                lane.error
            );
        }
        assert!(
            p.caption.len() > 60 && p.title.len() > 8,
            "{} has a title and a caption",
            p.id
        );
    }
    for fig in [
        "fig4.1a", "fig4.1b", "fig4.2a", "fig4.2b", "fig4.6", "fig4.8", "fig4.9", "fig4.10a", "fig4.10b",
    ] {
        assert!(ids.contains(fig), "the gallery has {fig}");
    }
}

#[test]
fn unknown_keys_and_bad_values_fall_back_with_notices() {
    let (s, notices) =
        decode("f=nosuch&start=a,b&o=adam(lr=-3)&o=warp&seed=x&steps=-4&view=1,0,0,1&zzz=1&hide=charts,nope&tol=7");
    let d = Scene::default();
    assert_eq!(s.function, d.function);
    assert_eq!(s.start, None);
    assert_eq!(s.seed, d.seed);
    assert_eq!(s.steps, 0);
    assert_eq!(s.view, None);
    assert_eq!(s.hide, vec!["charts".to_string()]);
    assert_eq!(s.tol, d.tol);
    let all = notices.join("\n");
    for expected in [
        "f=nosuch",
        "lr = -3 is out of range",
        "unknown method 'warp'",
        "seed=x",
        "steps=-4",
        "view=1,0,0,1",
        "unknown key 'zzz'",
        "ignored hide=nope: not one of",
        "tol=7",
        "start=a,b",
    ] {
        assert!(all.contains(expected), "a notice mentions {expected}:\n{all}");
    }
    // Every lane of the link was refused: like any bad value, they fall back
    // to the default lanes (never to none).
    assert_eq!(s.lanes, d.lanes);
}

#[test]
fn absurd_sizes_are_clamped_with_a_notice() {
    let (s, notices) = decode("steps=1e12&speed=1e9");
    assert_eq!(s.steps, MAX_STEPS);
    assert!(
        notices
            .iter()
            .any(|n| n.contains("steps = 1e12 is out of range [0, 1000000]; using 1000000")),
        "{notices:?}"
    );
    assert!(notices.iter().any(|n| n.contains("speed = 1e9")), "{notices:?}");

    let many = vec!["o=gd"; 1000].join("&");
    let (s, notices) = decode(&many);
    assert_eq!(s.lanes.len(), MAX_LANES);
    assert!(notices.iter().any(|n| n.contains("ignored 992 more")), "{notices:?}");

    let huge = format!("expr={}", "x+".repeat(500_000));
    let t = std::time::Instant::now();
    let (s, notices) = decode(&huge);
    assert!(t.elapsed().as_secs_f64() < 2.0, "a 1 MB link is handled quickly");
    assert_eq!(s.function, Scene::default().function);
    assert!(!notices.is_empty());
}

#[test]
fn components_encode_and_decode() {
    for text in ["x^2 + 3*y^2", "sin(x)/(1+e)", "a&b=c#d", "θ1·θ2", "100%"] {
        assert_eq!(decode_component(&encode_component(text)), text);
    }
    assert_eq!(decode_component("1+2"), "1 2", "+ is a space in queries");
    assert_eq!(decode_component("%zz%4"), "%zz%4", "broken escapes stay text");
    assert_eq!(
        decode_component("%+1"),
        "% 1",
        "an escape is two hex digits, never a sign"
    );
    assert_eq!(encode_component("x^2 + 1"), "x%5E2+%2B+1", "a space is +, a + is %2B");
    assert_eq!(
        encode_component("adam(lr=0.01,beta=0.9)"),
        "adam(lr=0.01,beta=0.9)",
        "lanes stay readable"
    );
}

#[test]
fn lanes_parse_with_clear_errors() {
    assert_eq!(Lane::parse("adam").unwrap().to_text(), "adam");
    assert_eq!(
        Lane::parse(" adam( lr = 0.01 , beta=0.8 ) ").unwrap().to_text(),
        "adam(lr=0.01,beta=0.8)"
    );
    assert_eq!(
        Lane::parse("gd(batch=8,sampling=replacement)").unwrap().to_text(),
        "gd(batch=8,sampling=replacement)"
    );
    assert_eq!(Lane::parse("gd(noise=0.5)").unwrap().to_text(), "gd(noise=0.5)");
    for (bad, says) in [
        ("adam(lr=0.01", "expected ')'"),
        ("adam(lr)", "expected key=value"),
        ("adam(foo=1)", "unknown parameter 'foo'"),
        ("adam(lr=abc)", "lr must be a number"),
        ("gd(ls=nope)", "ls must be one of"),
        ("gd(batch=0.5)", "batch must be"),
        ("nope", "unknown method 'nope'"),
    ] {
        let e = Lane::parse(bad).unwrap_err();
        assert!(e.contains(says), "{bad}: {e}");
    }
}

#[test]
fn a_session_runs_the_same_numbers_as_the_runner_it_wraps() {
    // Two sessions from the same link agree to the bit, including noisy lanes.
    let q = "f=rosenbrock&start=-1,1.5&o=adam(lr=0.02)&o=gd(lr=0.001,noise=0.5)&o=lbfgs&seed=7";
    let run = || {
        let mut s = Session::new(decode(q).0).unwrap();
        s.run_to(500);
        s.lanes()
            .iter()
            .map(|l| l.runner.as_ref().unwrap().theta().to_vec())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(), run());
    // A different seed changes only the noisy lane.
    let mut s = Session::new(decode(&q.replace("seed=7", "seed=8")).0).unwrap();
    s.run_to(500);
    let other: Vec<Vec<f64>> = s
        .lanes()
        .iter()
        .map(|l| l.runner.as_ref().unwrap().theta().to_vec())
        .collect();
    let first = run();
    assert_eq!(other[0], first[0]);
    assert_ne!(other[1], first[1]);
    assert_eq!(other[2], first[2]);
}

#[test]
fn changing_a_hyperparameter_continues_and_changing_method_restarts() {
    let mut s = Session::new(decode("f=rosenbrock&o=adam(lr=0.01)").0).unwrap();
    s.run_to(100);
    let theta = s.lanes()[0].runner.as_ref().unwrap().theta().to_vec();
    s.set_lane(0, Lane::parse("adam(lr=0.02)").unwrap()).unwrap();
    let r = s.lanes()[0].runner.as_ref().unwrap();
    assert_eq!(r.iter(), 100);
    assert_eq!(r.theta(), &theta[..]);
    s.set_lane(0, Lane::parse("momentum").unwrap()).unwrap();
    assert_eq!(s.lanes()[0].runner.as_ref().unwrap().iter(), 0);
    // A method that cannot work on this function says why instead of starting.
    s.set_lane(0, Lane::parse("secant").unwrap()).unwrap();
    assert!(s.lanes()[0].error.as_deref().unwrap().contains("one variable"));
}

#[test]
fn a_typed_function_is_compiled_once_and_its_error_keeps_its_span() {
    use saddle::playground::Playground;
    use std::rc::Rc;
    // The link's expression is compiled while the link is read; the session
    // runs that very objective (no second compile for the start point or the lanes).
    let (scene, notices) = decode("expr=x%5E2%2B3*y%5E2&start=1,1&o=gd(lr=0.1)");
    assert!(notices.is_empty(), "{notices:?}");
    let compiled = Rc::clone(scene.function.objective());
    let session = Session::new(scene).unwrap();
    assert!(
        Rc::ptr_eq(&compiled, session.objective()),
        "the session runs the scene's objective"
    );
    // The same in the playground, and a parse error's span arrives typed.
    let (mut pg, _) = Playground::open("f=bowl");
    pg.set_expr("x^2 + y").unwrap();
    let objective = Rc::clone(pg.objective());
    assert!(Rc::ptr_eq(&objective, pg.scene().function.objective()));
    let err = pg.set_expr("sin(x) + cos(y").unwrap_err();
    assert_eq!((err.start, err.end), (14, 14), "{err:?}");
    assert!(err.message.starts_with("expected ')'"), "{err:?}");
    let err = pg.set_expr("sinn(x) + y^2").unwrap_err();
    assert_eq!((err.start, err.end), (0, 4), "{err:?}");
    let err = pg.set_expr("t1 + t2 + t3").unwrap_err();
    assert_eq!(
        (err.start, err.end, err.message.contains("1 or 2 variables")),
        (0, 0, true)
    );
    assert!(
        Rc::ptr_eq(&objective, pg.objective()),
        "a bad expression changes nothing"
    );
}

#[test]
fn seeds_above_2_53_reach_the_page_as_text() {
    let (scene, notices) = decode("seed=18446744073709551615");
    assert!(notices.is_empty());
    assert_eq!(scene.seed, u64::MAX);
    let json = serde_json::to_value(&scene).unwrap();
    assert_eq!(json["seed"], "18446744073709551615");
    assert_eq!(encode(&scene), "f=rosenbrock&seed=18446744073709551615");
}
