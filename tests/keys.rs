//! The key tables: every key of every surface (scene link, training link,
//! explorer link, lane keys, method hyperparameters, data options) reads a
//! value other than its default, writes it back, and reads the same again,
//! with no notice; bad values give a notice and change nothing; the percent
//! codec round-trips anything.

use saddle::keys::table::{self, Notice};
use saddle::keys::{ParamInfo, ParamKind, percent};
use saddle::lane::{self, Lane};
use saddle::learn::spec::{OPTIONS, options_for};
use saddle::learn::{DataSpec, ModelKind};
use saddle::optim::METHODS;
use saddle::rng::Rng;
use saddle::scene::train::{self, TrainScene};
use saddle::scene::{Scene, url};

/// A valid value of `info` that is not its default: the midpoint of a range,
/// the last choice, two set members. Text keys need a sample of their own.
fn sample(info: &ParamInfo, texts: &[(&str, &str)]) -> String {
    let own = texts.iter().find(|(k, _)| *k == info.key).map(|(_, v)| v.to_string());
    match info.kind {
        ParamKind::Real { min, max, .. } => {
            let v = if info.default == max { min } else { max };
            saddle::keys::fmt_num(if v.is_finite() { v } else { info.default + 1.0 })
        }
        ParamKind::Int { min, max } | ParamKind::IntOr { min, max, .. } => {
            let v = if info.default as i64 == max {
                min
            } else {
                max.min(min + 3)
            };
            v.to_string()
        }
        ParamKind::Bool => (if info.default == 0.0 { "on" } else { "off" }).into(),
        ParamKind::Choice(names) => names[if info.default == 0.0 { names.len() - 1 } else { 0 }].into(),
        ParamKind::Seed => "18446744073709551615".into(),
        ParamKind::Set(names) => format!("{},{}", names[0], names[1]),
        ParamKind::Ints { min, max, len } => (0..len)
            .map(|k| (min + k as i64).min(max).to_string())
            .collect::<Vec<_>>()
            .join("-"),
        ParamKind::Reals { len: 4, .. } => "-1,2,-3,4".into(),
        ParamKind::Reals { .. } | ParamKind::Text { .. } | ParamKind::Points { .. } => {
            own.unwrap_or_else(|| panic!("add a sample for the key '{}' to this test", info.key))
        }
    }
}

const SCENE_TEXTS: &[(&str, &str)] = &[
    ("preset", "fig4.9"),
    ("f", "peaks"),
    ("expr", "x^2 + 3*y^2"),
    ("data", "linreg(n=20,loss=huber)"),
    ("start", "0.5,-0.25"),
    ("o", "adam(lr=0.02,beta=0.8)"),
    ("surface", "0.8,0.5"),
    ("origin", "https://notes.example"),
];

#[test]
fn every_scene_key_round_trips_through_the_link() {
    for row in url::KEYS {
        let key = row.info.key;
        if key == "v" {
            continue; // the version is read, never written
        }
        let value = sample(&row.info, SCENE_TEXTS);
        let query = format!("{key}={}", percent::encode(&value));
        let (scene, notices) = url::decode(&query);
        assert!(notices.is_empty(), "{query}: {notices:?}");
        assert_ne!(scene, Scene::default(), "{query} changes the scene");
        let written = url::encode(&scene);
        assert!(
            written.contains(&format!("{key}=")),
            "{query} is written back: {written}"
        );
        let (again, notices) = url::decode(&written);
        assert!(notices.is_empty(), "{written}: {notices:?}");
        assert_eq!(again, scene, "{query} → {written}");
        assert_eq!(url::encode(&again), written);
    }
}

#[test]
fn a_bad_value_of_any_scene_key_is_a_notice_and_changes_nothing() {
    for row in url::KEYS {
        let key = row.info.key;
        let bad = match row.info.kind {
            ParamKind::Text { max } if max <= 10_000 => "x".repeat(max + 1),
            ParamKind::Text { .. } => "(".into(),
            ParamKind::Set(_) => "nosuch".into(),
            ParamKind::Bool => "maybe".into(),
            _ => "not-a-value".into(),
        };
        let (scene, notices) = url::decode(&format!("{key}={bad}"));
        assert_eq!(notices.len(), 1, "{key}={bad}: {notices:?}");
        assert!(
            notices[0].contains(&format!("{key}=")),
            "{key}: the notice names the key: {notices:?}"
        );
        assert_eq!(scene, Scene::default(), "{key}={bad} leaves the default");
    }
    let (_, notices) = url::decode("zzz=1&seed=2&seed=3");
    assert_eq!(
        notices,
        [
            "ignored unknown key 'zzz'",
            "seed appears more than once; the last one is used"
        ]
    );
    let (s, notices) = url::decode("f=peaks&expr=x");
    assert!(
        s.function.text().0 == "expr" && notices == ["expr= replaces the function given by f="],
        "{notices:?}"
    );
}

#[test]
fn every_lane_key_and_hyperparameter_round_trips() {
    for m in METHODS {
        for p in m.params {
            let value = sample(p, &[]);
            let mut lane = Lane::new(m.id).unwrap();
            lane.set(p.key, &value)
                .unwrap_or_else(|e| panic!("{}: {}={value}: {e}", m.id, p.key));
            let text = lane.to_text();
            assert!(text.contains(&format!("{}=", p.key)), "{}: {text}", m.id);
            assert_eq!(Lane::parse(&text).unwrap(), lane, "{text}");
        }
    }
    for row in lane::KEYS {
        let value = sample(&row.info, &[("label", "fast start")]);
        let mut lane = Lane::new("gd").unwrap();
        lane.set(row.info.key, &value).unwrap();
        let text = lane.to_text();
        assert!(text.contains(&format!("{}=", row.info.key)), "{text}");
        assert_eq!(Lane::parse(&text).unwrap(), lane, "{text}");
    }
    // The page's view of a lane: every key with its value and relevance.
    let lane = Lane::parse("gd(lr=0.01,batch=4)").unwrap();
    let keys = lane.keys(true);
    let find = |k: &str| keys.iter().find(|s| s.key == k).unwrap();
    assert!(find("lr").relevant && find("lr").value == "0.01");
    assert!(!find("decay").relevant, "decay matters only with schedule=exp");
    assert!(find("batch").relevant && find("batch").value == "4" && find("sampling").relevant);
    assert!(!find("noise").relevant, "noise is for functions without data");
    let keys = Lane::parse("gd(schedule=exp)").unwrap().keys(false);
    assert!(keys.iter().any(|s| s.key == "decay" && s.relevant));
    assert!(keys.iter().any(|s| s.key == "noise" && s.relevant && s.value == "0"));
    let lbfgs = Lane::parse("lbfgs").unwrap().keys(true);
    assert!(
        lbfgs
            .iter()
            .filter(|s| s.lane_key && s.relevant)
            .map(|s| s.key)
            .eq(["label"]),
        "L-BFGS's only lane key on the page is its label"
    );
}

#[test]
fn every_data_option_round_trips_for_every_model_that_takes_it() {
    let texts = [("points", "0:1;1:3;2:0")];
    for &(model, id, _) in ModelKind::ALL {
        for opt in options_for(model) {
            let mut info = opt.info_for(model);
            // A sample other than this model's default.
            let default = info.write(&DataSpec::new(model).value(info.key));
            if let ParamKind::Choice(names) = info.kind {
                info.default = names.iter().position(|n| *n == default).unwrap_or(0) as f64;
            }
            let mut value = sample(&info, &texts);
            if value == default
                && let ParamKind::Int { min, .. } = info.kind
            {
                value = (min + 1).to_string();
            }
            if info.key == "points" && model != ModelKind::Linreg && model != ModelKind::Sum412 {
                value = "0:1;1:0;2:1".into();
            }
            let mut spec = DataSpec::new(model);
            let notes = spec
                .set(info.key, &value)
                .unwrap_or_else(|e| panic!("{id}({}={value}): {e}", info.key));
            assert!(notes.is_empty(), "{id}({}={value}): {notes:?}", info.key);
            let text = spec.to_text();
            assert!(
                text.contains(&format!("{}=", info.key)),
                "{id}: {}={value}: {text}",
                info.key
            );
            let (back, notes) = DataSpec::parse_with_notices(&text).unwrap();
            assert!(notes.is_empty());
            assert_eq!(back, spec, "{text}");
            assert_eq!(back.to_text(), text);
            let row = spec.rows().into_iter().find(|r| r.entry.key == info.key).unwrap();
            assert!(
                row.set && row.value == info.write(&spec.value(info.key)),
                "{id}: the page's row for {}",
                info.key
            );
        }
    }
    assert!(OPTIONS.iter().all(|o| !o.models.is_empty() && !o.info.help.is_empty()));
}

/// The scene's own defaults and its keys' defaults agree: a default scene
/// writes none of its numeric keys, and a numeric key given at its default
/// leaves the default scene as it is.
#[test]
fn the_default_scenes_and_their_keys_defaults_agree() {
    let numeric = |info: &ParamInfo| {
        matches!(
            info.kind,
            ParamKind::Real { .. } | ParamKind::Int { .. } | ParamKind::Seed
        )
    };
    let written = url::encode(&Scene::default());
    let train_written = TrainScene::default().encode();
    // `at=0` scrubs to iteration 0, which is not the same as no scrubbing.
    for info in url::KEYS
        .iter()
        .map(|r| &r.info)
        .filter(|i| numeric(i) && i.key != "at")
    {
        assert!(!written.contains(&format!("{}=", info.key)), "{}: {written}", info.key);
        let query = format!("{}={}", info.key, info.format(info.default));
        let (scene, notices) = url::decode(&query);
        assert!(notices.is_empty() && scene == Scene::default(), "{query}: {notices:?}");
    }
    for info in train::KEYS
        .iter()
        .map(|r| &r.info)
        .filter(|i| numeric(i) && i.key != "center")
    {
        assert!(
            !train_written.contains(&format!("{}=", info.key)),
            "{}: {train_written}",
            info.key
        );
        let query = format!("{}={}", info.key, info.format(info.default));
        let (scene, notices) = TrainScene::decode(&query);
        assert!(
            notices.is_empty() && scene == TrainScene::default(),
            "{query}: {notices:?}"
        );
    }
}

#[test]
fn every_training_key_round_trips_and_the_core_writes_the_training_link() {
    let texts = [
        ("data", "softmax(classes=4)"),
        ("o", "adam(lr=0.02,batch=16)"),
        ("preset", "fig4.4"),
    ];
    for row in train::KEYS {
        let value = sample(&row.info, &texts);
        let query = format!("{}={}", row.info.key, percent::encode(&value));
        let (scene, notices) = TrainScene::decode(&query);
        assert!(notices.is_empty(), "{query}: {notices:?}");
        assert_ne!(scene, TrainScene::default(), "{query}");
        let written = scene.encode();
        assert!(written.contains(&format!("{}=", row.info.key)), "{written}");
        let (again, notices) = TrainScene::decode(&written);
        assert!(notices.is_empty() && again == scene, "{written}");
    }
    // The page's own link, read by the core as the page used to read it.
    let (scene, notices) = TrainScene::decode(
        "data=mlp(hidden=16,n=1200)&o=gd(lr=0.3,batch=32)&o=adam(lr=0.01,batch=32)&o=lbfgs&epochs=8&seed=2",
    );
    assert!(notices.is_empty());
    assert_eq!(scene.data.to_text(), "mlp(n=1200,hidden=16)");
    assert_eq!((scene.lanes.len(), scene.epochs, scene.seed), (3, 8, 2));
    assert_eq!(
        scene.encode(),
        "data=mlp(n=1200,hidden=16)&o=gd(lr=0.3,batch=32)&o=adam(lr=0.01,batch=32)&o=lbfgs&epochs=8&seed=2"
    );
    // Defaults: four methods, 40 epochs; the one limit on epochs, with a notice.
    let (scene, notices) = TrainScene::decode("epochs=1e9&o=gd(noise=1)");
    assert_eq!(scene.epochs, saddle::learn::trainer::MAX_EPOCHS);
    assert_eq!(
        scene.lanes,
        TrainScene::default().lanes,
        "a noise lane cannot train: the default methods stay"
    );
    let text = table::sentences(&notices).join("\n");
    assert!(
        text.contains("epochs = 1e9 is out of range [1, 100000]; using 100000"),
        "{text}"
    );
    assert!(text.contains("gradient noise"), "{text}");
    assert_eq!(TrainScene::default().lanes.len(), 4);
    assert_eq!(TrainScene::decode("").0.encode(), "data=mlp");
    // Edits through the same rows.
    let mut scene = TrainScene::default();
    assert!(scene.set("epochs", "0").is_err() && scene.epochs == 40);
    assert_eq!(
        scene.set("epochs", "200000").unwrap(),
        ["epochs = 200000 is out of range [1, 100000]; using 100000"]
    );
    assert!(
        scene
            .set("data", "mlp(hidden=8-8-8-8-8-8-8)")
            .unwrap_err()
            .contains("hidden takes 1 to 6")
    );
    assert!(scene.set_lane(0, "warp").is_err());
    for _ in 0..4 {
        scene.add_lane(None).unwrap();
    }
    assert!(scene.add_lane(None).unwrap_err().contains("at most 8"));
}

#[test]
fn every_explorer_key_round_trips() {
    use saddle::explorer::url::{KEYS, decode, encode};
    let texts = [
        ("expr", "(t1 - 7*t2 + 5*t3, t2*t3)"),
        ("vars", "t1,t2,t3"),
        ("at", "pi/6,2,5"),
        ("mode", "forward"),
        ("j", "2"),
        ("v", "1,0,0"),
        ("u", "1,0"),
        ("h", "0.001"),
        ("step", "3"),
    ];
    let query = table::join(
        &KEYS
            .iter()
            .map(|r| (r.info.key, sample(&r.info, &texts)))
            .collect::<Vec<_>>(),
    );
    let (q, notices) = decode(&query);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(encode(&q), query);
    let (aliased, _) = decode("f=x*y&theta=1,2");
    assert_eq!(encode(&aliased), "expr=x*y&at=1,2");
}

#[test]
fn the_percent_codec_round_trips_anything() {
    let mut rng = Rng::new(11);
    let alphabet: Vec<char> = "ax Z09+%&=#?/()^*,;:~!'\"θ∇é\u{1F600}\t\n".chars().collect();
    for _ in 0..2000 {
        let n = (rng.uniform() * 24.0) as usize;
        let s: String = (0..n)
            .map(|_| alphabet[(rng.uniform() * alphabet.len() as f64) as usize % alphabet.len()])
            .collect();
        let e = percent::encode(&s);
        assert!(
            !e.contains(['&', '#', ' ', '+', '%'].as_ref()) || e.contains('%') || e.contains('+'),
            "{e}"
        );
        assert!(!e.contains('&') && !e.contains('#') && !e.contains(' '), "{s:?} → {e}");
        assert_eq!(percent::decode(&e), s, "{s:?} → {e}");
    }
    assert_eq!(percent::decode("%4"), "%4");
    assert_eq!(percent::decode("%e9%"), "\u{FFFD}%", "invalid UTF-8 becomes U+FFFD");
}

#[test]
fn strict_reading_turns_the_first_notice_into_an_error() {
    let mut notices = Vec::new();
    let pairs = table::split("tol=5&seed=x", 1000, &mut notices);
    let (_, notices) = url::decode_pairs(Scene::default(), &pairs);
    assert_eq!(notices.len(), 2);
    assert!(matches!(&notices[0], Notice::Ignored { key, .. } if key == "tol"));
    assert_eq!(
        table::strict(&notices).unwrap_err(),
        "ignored tol=5: tol = 5 is out of range [0, 1]"
    );
    assert_eq!(notices[0].as_flag("tol"), "--tol 5: tol = 5 is out of range [0, 1]");
}

#[test]
fn the_readme_lists_every_key_of_every_link() {
    let readme = include_str!("../README.md");
    for row in url::KEYS {
        assert!(
            readme.contains(&format!("| `{}` |", row.info.key)),
            "README's link table has `{}`",
            row.info.key
        );
    }
    let training = &readme[readme
        .find("The training page takes")
        .expect("the training link is documented")..];
    for row in train::KEYS {
        assert!(
            training.contains(&format!("`{}`", row.info.key)),
            "README names the training key `{}`",
            row.info.key
        );
    }
    for row in saddle::explorer::url::KEYS {
        assert!(
            readme.contains(&format!("`{}`", row.info.key)),
            "README names the explorer key `{}`",
            row.info.key
        );
    }
    for row in lane::KEYS {
        assert!(
            readme.contains(&format!("`{}` (", row.info.key)),
            "README explains the lane key `{}`",
            row.info.key
        );
    }
}
