//! Fuzzing the decoders (issue 10): random links built from every key of
//! every table (the scene link, lanes, data options, the training link, the
//! explorer link) with hostile values: huge, tiny and non-finite numbers,
//! seeds beyond 2⁶⁴, broken percent escapes, long and non-ASCII text,
//! repeated and conflicting keys. Whatever comes in:
//!
//! - no decoder panics;
//! - the link the core writes back is a fixed point: it decodes with no
//!   notice at all, to the same scene, and is written back unchanged;
//! - the scene opens and runs, and everything the page reads from it is
//!   JSON a browser can hold exactly (no integer beyond 2⁵³).
//!
//! The run is seeded (`PROPTEST_RNG_SEED` in `./build.sh test`) and bounded;
//! `tests/fuzz/wasm.mjs` drives the same through the wasm in node.

use proptest::prelude::*;
use proptest::sample::select;
use saddle::explorer::Explorer;
use saddle::keys::{Call, ParamKind, Row};
use saddle::lane::Lane;
use saddle::learn::DataSpec;
use saddle::learn::spec::OPTIONS;
use saddle::objective::catalog::FUNCTIONS;
use saddle::optim::METHODS;
use saddle::scene::train::TrainScene;
use saddle::scene::{Session, url};

/// Numbers as a hostile link writes them.
fn number() -> BoxedStrategy<String> {
    prop_oneof![
        select(vec![
            "0",
            "-0",
            "1",
            "-1",
            "2",
            "0.5",
            "1e308",
            "-1e308",
            "1e309",
            "-1e309",
            "1e-320",
            "5e-324",
            "NaN",
            "nan",
            "inf",
            "-inf",
            "Infinity",
            "+1",
            "1e",
            "0x10",
            "1_000",
            "",
            " ",
            "9007199254740993",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775809",
            "1e9",
            "1e12",
            "999999999999",
            "100000",
            "100001",
            "0.0001",
            "1e-10",
            "3.0",
            "2.5",
        ])
        .prop_map(str::to_string),
        any::<f64>().prop_map(|v| format!("{v}")),
        any::<f64>().prop_map(|v| format!("{v:e}")),
        any::<u64>().prop_map(|v| v.to_string()),
        (-5i64..200).prop_map(|v| v.to_string()),
    ]
    .boxed()
}

/// Comma-separated numbers (starts, views, hidden widths).
fn numbers() -> BoxedStrategy<String> {
    prop_oneof![
        prop::collection::vec(number(), 0..6).prop_map(|v| v.join(",")),
        prop::collection::vec(number(), 1..4).prop_map(|v| format!("({})", v.join(","))),
        prop::collection::vec(number(), 1..4).prop_map(|v| v.join("-")),
    ]
    .boxed()
}

/// Text a stranger might paste: non-ASCII, control characters, broken
/// escapes, delimiters of every grammar, long runs.
fn junk() -> BoxedStrategy<String> {
    prop_oneof![
        "\\PC{0,40}",
        select(vec![
            "%", "%2", "%zz", "%+1", "%00", "%C3%28", "%FF%FE", "(", ")", "((", "))", "=", ",", ";", ":", "&", "#",
            "+", "θ", "∞", "\u{0}", "\u{202e}", "<script>", "\"'", "a(b=c", "a(b)", "a()", "a(=)", "a(b=)",
        ])
        .prop_map(str::to_string),
        (select(vec!["x", "(", "1,", "%2B", "a=b&"]), 100usize..3000).prop_map(|(s, n)| s.repeat(n)),
    ]
    .boxed()
}

/// A random typed expression: grammar-aware, with hostile constants.
fn expression() -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        select(vec!["x", "y", "t1", "t2", "t3", "w", "pi", "e", "z"]).prop_map(str::to_string),
        number().prop_filter("a number", |n| !n.is_empty() && !n.contains(' ')),
    ];
    leaf.prop_recursive(5, 40, 3, |inner| {
        let f = select(vec![
            "sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sigmoid", "softplus", "nope",
        ]);
        prop_oneof![
            (inner.clone(), select(vec!["+", "-", "*", "/", "^"]), inner.clone())
                .prop_map(|(a, op, b)| format!("({a}{op}{b})")),
            (f, inner.clone()).prop_map(|(f, a)| format!("{f}({a})")),
            inner.clone().prop_map(|a| format!("-{a}")),
            prop::collection::vec(inner, 2..4).prop_map(|v| format!("({})", v.join(","))),
        ]
    })
    .boxed()
}

/// A value suited to a key of kind `kind` (or not: a third are junk).
fn value_for(kind: ParamKind) -> BoxedStrategy<String> {
    let typed = match kind {
        ParamKind::Real { .. } | ParamKind::Int { .. } | ParamKind::IntOr { .. } | ParamKind::Seed => number(),
        ParamKind::Reals { .. } | ParamKind::Ints { .. } => numbers(),
        ParamKind::Bool => select(vec!["on", "off", "1", "0", "yes", "true", "maybe", ""])
            .prop_map(str::to_string)
            .boxed(),
        ParamKind::Choice(names) | ParamKind::Set(names) => prop::collection::vec(select(names.to_vec()), 1..3)
            .prop_map(|v| v.join(","))
            .boxed(),
        ParamKind::Points { .. } => prop::collection::vec((number(), number()), 0..8)
            .prop_map(|v| v.iter().map(|(x, y)| format!("{x}:{y}")).collect::<Vec<_>>().join(";"))
            .boxed(),
        ParamKind::Text { .. } => expression(),
    };
    prop_oneof![3 => typed, 1 => junk()].boxed()
}

/// `id(key=value,…)` over a method's hyperparameters and the lane keys.
fn lane_text() -> BoxedStrategy<String> {
    let ids: Vec<&'static str> = METHODS.iter().map(|m| m.id).collect();
    (select(ids), prop::collection::vec((0usize..64, number()), 0..4))
        .prop_map(|(id, pairs)| {
            let m = METHODS.iter().find(|m| m.id == id).unwrap();
            let mut keys: Vec<&str> = m.params.iter().map(|p| p.key).collect();
            keys.extend(saddle::lane::KEYS.iter().map(|r| r.info.key));
            keys.push("bogus");
            let pairs: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{}={v}", keys[k % keys.len()]))
                .collect();
            if pairs.is_empty() {
                id.to_string()
            } else {
                format!("{id}({})", pairs.join(","))
            }
        })
        .boxed()
}

/// `model(key=value,…)` over the data options.
fn data_text() -> BoxedStrategy<String> {
    let models = vec!["sum412", "linreg", "logreg", "signet", "softmax", "mlp", "cnn"];
    let options: Vec<usize> = (0..OPTIONS.len()).collect();
    let pair = select(options).prop_flat_map(|k| value_for(OPTIONS[k].info.kind).prop_map(move |v| (k, v)));
    (select(models), prop::collection::vec(pair, 0..4))
        .prop_map(|(model, pairs)| {
            let pairs: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{}={}", OPTIONS[*k].info.key, v.replace([',', ')'], "")))
                .collect();
            if pairs.is_empty() {
                model.to_string()
            } else {
                format!("{model}({})", pairs.join(","))
            }
        })
        .boxed()
}

/// One `key=value` pair for a table: a key of its rows (or an alias, or an
/// unknown key) and a value for its kind; `o` and `data` get lanes and specs.
fn pair<T: 'static>(rows: &'static [Row<T>]) -> BoxedStrategy<(String, String)> {
    let mut keys: Vec<(&'static str, ParamKind)> = Vec::new();
    for r in rows {
        keys.push((r.info.key, r.info.kind));
        keys.extend(r.aliases.iter().map(|a| (*a, r.info.kind)));
    }
    keys.push(("zzz", ParamKind::Text { max: 10 }));
    keys.push(("", ParamKind::Text { max: 10 }));
    select(keys)
        .prop_flat_map(|(key, kind)| {
            let value = match key {
                "o" => prop_oneof![4 => lane_text(), 1 => junk()].boxed(),
                "data" => prop_oneof![4 => data_text(), 1 => junk()].boxed(),
                "f" => prop_oneof![
                    4 => select(FUNCTIONS.iter().map(|f| f.id).collect::<Vec<_>>()).prop_map(str::to_string),
                    1 => junk()
                ]
                .boxed(),
                _ => value_for(kind),
            };
            value.prop_map(move |v| (key.to_string(), v))
        })
        .boxed()
}

/// A query string of up to 10 pairs (repeats and conflicts included), each
/// value percent-encoded or raw.
fn link<T: 'static>(rows: &'static [Row<T>]) -> BoxedStrategy<String> {
    (prop::collection::vec((pair(rows), any::<bool>()), 0..10), any::<bool>())
        .prop_map(|(pairs, question)| {
            let body = pairs
                .iter()
                .map(|((k, v), encode)| {
                    let v = if *encode { url::encode_component(v) } else { v.clone() };
                    if k.is_empty() { v } else { format!("{k}={v}") }
                })
                .collect::<Vec<_>>()
                .join("&");
            if question { format!("?{body}") } else { body }
        })
        .boxed()
}

/// Fails when a JSON value holds an integer a JavaScript number cannot hold
/// exactly (the page would get `null` for the whole value).
fn assert_js_safe(v: &serde_json::Value, what: &str) {
    const SAFE: u64 = (1 << 53) - 1;
    match v {
        serde_json::Value::Number(n) => {
            let big = n.as_u64().is_some_and(|u| u > SAFE) || n.as_i64().is_some_and(|i| i.unsigned_abs() > SAFE);
            assert!(!big, "{what}: {n} cannot reach the page exactly");
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| assert_js_safe(i, what)),
        serde_json::Value::Object(map) => map.values().for_each(|i| assert_js_safe(i, what)),
        _ => {}
    }
}

/// Cases per property: 200, or `SADDLE_FUZZ_CASES` for a longer campaign.
fn cases() -> u32 {
    std::env::var("SADDLE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn scene_links_decode_to_a_fixed_point_that_opens_and_runs(q in link(url::KEYS)) {
        let (scene, _notices) = url::decode(&q);
        let canonical = url::encode(&scene);
        let (again, notices) = url::decode(&canonical);
        prop_assert!(notices.is_empty(), "{q} → {canonical} → {notices:?}");
        prop_assert_eq!(&again, &scene, "{} → {}", q, canonical);
        prop_assert_eq!(url::encode(&again), canonical.clone());
        assert_js_safe(&serde_json::to_value(&scene).unwrap(), &q);
        let mut session = Session::new(scene).unwrap();
        session.run_to(5);
        for lane in session.lanes() {
            let _ = lane.status().to_string();
            assert_js_safe(&serde_json::to_value(lane.status()).unwrap(), &q);
        }
    }

    #[test]
    fn training_links_decode_to_a_fixed_point(q in link(saddle::scene::train::KEYS)) {
        let (scene, _) = TrainScene::decode(&q);
        let canonical = scene.encode();
        let (again, notices) = TrainScene::decode(&canonical);
        prop_assert!(notices.is_empty(), "{q} → {canonical} → {notices:?}");
        prop_assert_eq!(&again, &scene);
        prop_assert_eq!(again.encode(), canonical);
        assert_js_safe(&serde_json::to_value(&scene).unwrap(), &q);
    }

    #[test]
    fn explorer_links_open_and_write_back_a_fixed_point(q in link(saddle::explorer::url::KEYS)) {
        let (e, _) = Explorer::open(&q);
        let canonical = e.query();
        let (again, notices) = Explorer::open(&canonical);
        prop_assert!(notices.is_empty(), "{q} → {canonical} → {notices:?}");
        prop_assert_eq!(again.query(), canonical);
        assert_js_safe(&serde_json::to_value(e.view()).unwrap(), &q);
    }

    #[test]
    fn lanes_and_data_specs_read_back_what_they_write(lane in lane_text(), data in data_text(), text in junk()) {
        for t in [&lane, &text] {
            if let Ok(l) = Lane::parse(t) {
                let again = Lane::parse(&l.to_text());
                prop_assert!(again.as_ref().is_ok_and(|a| *a == l), "{t} → {} → {again:?}", l.to_text());
            }
            let _ = Call::parse(t).map(|c| c.pairs().map(|p| p.len()));
        }
        for t in [&data, &text] {
            if let Ok((spec, _)) = DataSpec::parse_with_notices(t) {
                let written = spec.to_text();
                let again = DataSpec::parse_with_notices(&written);
                prop_assert!(
                    again.as_ref().is_ok_and(|(a, n)| *a == spec && n.is_empty()),
                    "{t} → {written} → {again:?}"
                );
                assert_js_safe(&serde_json::to_value(spec.rows()).unwrap(), t);
            }
        }
    }
}
