//! The command line reads scenes through the link's own table, strictly: what
//! the page would only notice is an error (exit code 2), every link key is a
//! flag with the same checks, and every link it writes opens in the page's
//! decoder with no notice at all (issue 10, item 9).

use saddle::scene::url;

#[path = "common/cli.rs"]
mod cli;
use cli::saddle;

#[test]
fn strict_errors_name_the_option_and_exit_with_2() {
    for (args, says) in [
        (vec!["url", "--tol", "5"], "--tol 5: tol = 5 is out of range [0, 1]"),
        (vec!["run", "--tol", "-1"], "--tol -1: tol = -1 is out of range"),
        (
            vec!["url", "--start", "1e300,1e300"],
            "--start 1e300,1e300: start must be finite numbers of magnitude below 1e12",
        ),
        (
            vec!["url", "--start", "1,2,3"],
            "--start 1,2,3: expected 2 numbers for this function",
        ),
        (
            vec!["url", "--function", "cubic", "--start", "1,2"],
            "expected 1 number",
        ),
        (
            vec!["run", "--steps", "2000000"],
            "--steps 2000000: steps = 2000000 is out of range [0, 1000000]; using 1000000",
        ),
        (
            vec!["run", "--speed", "0"],
            "--speed 0: speed = 0 is out of range [1, 10000]",
        ),
        (
            vec!["url", "--seed", "-3"],
            "--seed -3: seed must be a whole number from 0 to 18446744073709551615",
        ),
        (
            vec!["url", "--function", "nope"],
            "--function nope: no such built-in function",
        ),
        (vec!["url", "--expr", "x^2+(y"], "--expr x^2+(y: expected ')'"),
        (
            vec!["url", "--hide", "charts,nope"],
            "--hide charts,nope: ignored hide=nope: not one of",
        ),
        (
            vec!["url", "--chart", "pie"],
            "--chart pie: chart must be one of loss, grad",
        ),
        (vec!["url", "--view", "1,0,0,1"], "--view 1,0,0,1:"),
        (
            vec!["url", "--optimizer", "warp"],
            "--optimizer warp: unknown method 'warp'",
        ),
        (
            vec!["url", "--optimizer", "adam", "--lr", "-1"],
            "--lr: adam: lr = -1 is out of range",
        ),
        (
            vec!["url", "--lr", "0.1"],
            "unknown option --lr (hyperparameters follow an --optimizer)",
        ),
        (
            vec!["url", "--optimizer", "adam", "--frobnicate", "1"],
            "--frobnicate: adam: unknown parameter 'frobnicate'",
        ),
        (
            vec!["url", "--seed", "1", "--seed", "2"],
            "--seed is given more than once",
        ),
        (
            vec!["url", "--expr", "x", "--function", "peaks"],
            "--function peaks: the function is given by expr=",
        ),
        (
            vec!["run", "--format", "xml"],
            "--format xml: format must be one of csv, json",
        ),
        (vec!["run", "--every", "0"], "--every 0: every = 0 is out of range"),
        (
            vec!["url", "--url", "?f=bowl&zzz=1"],
            "in --url: ignored unknown key 'zzz'",
        ),
        (vec!["url", "--steps"], "--steps needs a value"),
        (vec!["url", "steps"], "unexpected argument 'steps'"),
        (
            vec!["run", "f=rosenbrock&o=adam"],
            "unexpected argument 'f=rosenbrock&o=adam': a link or its query string goes after --url",
        ),
        (
            vec!["train", "?data=mlp&epochs=3"],
            "a link or its query string goes after --url",
        ),
    ] {
        let (code, out, err) = saddle(&args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
        assert!(err.contains(says), "{args:?}: expected '{says}' in: {err}");
    }
}

#[test]
fn every_link_the_command_line_writes_opens_in_the_page_without_a_notice() {
    for args in [
        vec!["url"],
        vec!["url", "--function", "peaks", "--optimizer", "newton"],
        vec!["url", "--tol", "1"],
        vec!["url", "--tol", "0"],
        vec![
            "url",
            "--start",
            "999999999999,-999999999999",
            "--view",
            "-1e11,1e11,-5,5",
        ],
        vec![
            "url",
            "--expr",
            "x^2 + 3*y^2",
            "--start",
            "1,1",
            "--optimizer",
            "adam",
            "--lr",
            "0.02",
        ],
        vec!["url", "--expr", "sin(x)/(1+e) + 0*y"],
        vec![
            "url",
            "--data",
            "linreg(n=20,loss=huber,points=0:1;1:3)",
            "--optimizer",
            "gd(batch=4,sampling=replacement)",
        ],
        vec![
            "url",
            "--data",
            "sum412(identical=on)",
            "--optimizer",
            "gd",
            "--noise",
            "0.3",
            "--seed",
            "18446744073709551615",
        ],
        vec![
            "url",
            "--steps",
            "1000000",
            "--speed",
            "10000",
            "--hide",
            "charts,lanes",
            "--chart",
            "ray",
            "--embed",
            "on",
        ],
        vec![
            "url",
            "--preset",
            "fig4.9",
            "--function",
            "rosenbrock",
            "--optimizer",
            "gd(ls=exact)",
            "--optimizer",
            "lbfgs",
            "--m",
            "5",
        ],
        vec![
            "url",
            "--url",
            "?f=himmelblau&view=-6,6,-6,6&start=0,0&o=gd(lr=0.01)&seed=3&steps=20&speed=4&tol=1e-6&hide=charts,equations&chart=grad",
            "--tol",
            "1e-3",
        ],
    ] {
        let (code, out, err) = saddle(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        let query = out.trim();
        assert!(query.starts_with('?'), "{args:?}: {query}");
        let (scene, notices) = url::decode(query);
        assert!(
            notices.is_empty(),
            "{args:?} wrote {query}, which the page reads with notices {notices:?}"
        );
        assert_eq!(
            url::encode(&scene),
            query[1..],
            "{args:?}: the page writes the same link back"
        );
    }
}

#[test]
fn flags_and_their_link_give_the_same_iterates() {
    let flags = [
        "--function",
        "rosenbrock",
        "--start",
        "-1.5,2",
        "--optimizer",
        "adam",
        "--lr",
        "0.05",
        "--optimizer",
        "gd(lr=0.001,noise=0.2)",
        "--seed",
        "7",
        "--steps",
        "40",
    ];
    let (_, link, _) = saddle(&[&["url"], &flags[..]].concat());
    let (code, direct, _) = saddle(&[&["run"], &flags[..]].concat());
    assert_eq!(code, 0);
    let (code, via_link, _) = saddle(&["run", "--url", link.trim()]);
    assert_eq!(code, 0);
    assert_eq!(direct, via_link, "the link carries the whole scene, steps included");
    assert_eq!(direct.lines().count(), 1 + 2 * 41);
    // --steps 0 runs nothing; without --steps a link without steps runs 1000.
    let (_, zero, _) = saddle(&["run", "--function", "bowl", "--optimizer", "gd", "--steps", "0"]);
    assert_eq!(zero.lines().count(), 2);
    let (_, thousand, _) = saddle(&[
        "run",
        "--function",
        "bowl",
        "--optimizer",
        "gd(lr=0.0001)",
        "--every",
        "100",
    ]);
    assert_eq!(thousand.lines().count(), 12);
}

#[test]
fn the_usage_text_is_the_link_table() {
    let (code, out, _) = saddle(&["help"]);
    assert_eq!(code, 0);
    for row in url::KEYS {
        let line = out
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("--{} ", row.flag_name())))
            .unwrap_or_else(|| panic!("--{} is in the usage text", row.flag_name()));
        assert!(line.contains(row.info.help), "{line}");
        assert!(line.contains(&row.info.range_text()) || line.contains("TEXT"), "{line}");
    }
    assert!(
        out.contains("--tol X") && out.contains("(0 … 1; default 1e-10)"),
        "--tol and tol= agree"
    );
    // No method hyperparameter or lane key is shadowed by a link key on the command line.
    for m in saddle::optim::METHODS {
        for p in m.params {
            assert!(
                saddle::keys::table::find_flag(url::KEYS, p.key).is_none(),
                "{}'s {} would be read as a scene option",
                m.id,
                p.key
            );
        }
    }
    for k in saddle::lane::KEYS {
        assert!(saddle::keys::table::find_flag(url::KEYS, k.info.key).is_none());
    }
}

#[test]
fn train_command_prints_csv_and_the_early_stopping_epoch() {
    const TRAIN: &[&str] = &[
        "train",
        "--model",
        "mlp",
        "--hidden",
        "8",
        "--n",
        "300",
        "--optimizer",
        "adam",
        "--lr",
        "0.01",
        "--batch",
        "32",
        "--epochs",
        "3",
        "--seed",
        "1",
    ];
    let (code, out, _) = saddle(TRAIN);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "epoch,train_loss,val_loss,val_error,seconds");
    assert_eq!(lines.len(), 6, "{out}");
    for (k, line) in lines[1..5].iter().enumerate() {
        let cols: Vec<&str> = line.split(',').collect();
        assert_eq!(cols.len(), 5);
        assert_eq!(cols[0], k.to_string());
        assert!(cols[1..].iter().all(|c| c.parse::<f64>().is_ok()), "{line}");
    }
    assert!(lines[5].starts_with("# early_stopping_epoch="), "{}", lines[5]);
    // The same command gives the same numbers (the time column aside).
    let (_, again, _) = saddle(TRAIN);
    let strip = |s: &str| {
        s.lines()
            .map(|l| l.rsplit_once(',').map_or(l, |x| x.0).to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&out), strip(&again));
    // JSON output and a full data spec.
    let (code, out, _) = saddle(&[
        "train",
        "--data",
        "linreg(loss=huber)",
        "--optimizer",
        "gd",
        "--epochs",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["history"].as_array().unwrap().len(), 3);
    assert_eq!(doc["data_text"], "linreg(loss=huber)");
    // Help, and one-line errors with exit code 2.
    let (code, out, _) = saddle(&["train", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("--batch N|full") && out.contains("--hidden"));
    for (args, msg) in [
        (vec!["train", "--model", "cnn"], "unknown model 'cnn'"),
        (
            vec!["train", "--epochs", "0"],
            "--epochs 0: epochs = 0 is out of range [1, 100000]",
        ),
        (
            vec!["train", "--batch", "-3"],
            "--batch -3: batch must be a whole number from 1",
        ),
        (vec!["train", "--frobnicate", "1"], "unknown option --frobnicate"),
        (
            vec!["train", "--model", "linreg", "--hidden", "3"],
            "unknown option --hidden",
        ),
        (vec!["train", "--optimizer", "nope"], "unknown method 'nope'"),
        (vec!["train", "--lr", "-1"], "--lr:"),
        (
            vec!["train", "--model", "mlp", "--hidden", "1,2,3,4,5,6,7"],
            "hidden takes 1 to 6 whole numbers",
        ),
    ] {
        let (code, _, err) = saddle(&args);
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(msg), "{args:?}: {err}");
    }
}
