//! The link corpus: every link in `tests/corpus/links.txt` must keep opening
//! the same scene with the same iterates. `tests/corpus/expected.txt` was
//! captured before the text surfaces were rebuilt on one key table (issue 11);
//! any change to it is a change a person who shared a link would see.
//!
//! For a playground link the record is the canonical link the core writes back,
//! each lane's text form and its first 25 iterates (θ, C) printed exactly
//! (`{:?}` round-trips f64). For a training-page link (`train:`) it is the data
//! spec and, per method, the first 3 epoch records. For an explorer link
//! (`autodiff:`) it is the canonical link and the point.
//!
//! Regenerate (only when a change is meant to alter links) with
//! `SADDLE_BLESS=1 cargo test --test link_corpus`.

use std::fmt::Write as _;

use saddle::explorer::Explorer;
use saddle::learn::{TrainConfig, Trainer, trainer::no_clock};
use saddle::scene::train::TrainScene;
use saddle::scene::{Session, url};

const STEPS: u64 = 25;

fn record_playground(query: &str, out: &mut String) {
    let (scene, _notices) = url::decode(query);
    let _ = writeln!(out, "canonical {}", url::encode(&scene));
    let mut session = match Session::new(scene) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(out, "error {e}");
            return;
        }
    };
    session.run_to(STEPS);
    for (k, lane) in session.lanes().iter().enumerate() {
        let _ = writeln!(out, "lane {k} {} status {}", lane.lane.to_text(), lane.status());
        let Some(r) = &lane.runner else { continue };
        let t = r.trajectory();
        for i in 0..t.len() {
            let _ = writeln!(out, "  {} {:?} {:?}", t.iter[i], t.point(i), t.loss[i]);
        }
    }
}

fn record_training(query: &str, out: &mut String) {
    // The training page's link, read by the core as the page reads it.
    let (scene, _notices) = TrainScene::decode(query);
    let _ = writeln!(out, "data {}", scene.data.to_text());
    let learning = scene.data.build().expect("corpus data builds");
    for lane in &scene.lanes {
        let config = TrainConfig::from_lane(lane, 3, scene.seed).expect("corpus lanes train");
        let mut trainer = Trainer::new(&learning, &config, no_clock()).expect("trainer");
        trainer.run();
        let _ = writeln!(out, "method {}", lane.to_text());
        for r in trainer.history() {
            let _ = writeln!(
                out,
                "  {} {} {:?} {:?} {:?}",
                r.epoch, r.iterations, r.train_loss, r.val_loss, r.val_error
            );
        }
    }
}

fn record_explorer(query: &str, out: &mut String) {
    let (ex, _notices) = Explorer::open(query);
    let _ = writeln!(out, "canonical {}", ex.query());
    let _ = writeln!(out, "point {:?}", ex.point());
}

fn corpus() -> String {
    let links = include_str!("corpus/links.txt");
    let mut out = String::new();
    for line in links.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let _ = writeln!(out, "link {line}");
        if let Some(q) = line.strip_prefix("train:") {
            record_training(q, &mut out);
        } else if let Some(q) = line.strip_prefix("autodiff:") {
            record_explorer(q, &mut out);
        } else {
            record_playground(line, &mut out);
        }
    }
    out
}

#[test]
fn every_corpus_link_opens_the_same_scene_with_the_same_iterates() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/expected.txt");
    let got = corpus();
    if std::env::var_os("SADDLE_BLESS").is_some() {
        std::fs::write(path, &got).expect("write the corpus");
        return;
    }
    let want = std::fs::read_to_string(path).expect("tests/corpus/expected.txt (SADDLE_BLESS=1 writes it)");
    for (k, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        assert_eq!(g, w, "line {} of tests/corpus/expected.txt differs", k + 1);
    }
    assert_eq!(
        got.lines().count(),
        want.lines().count(),
        "the corpus has a different length"
    );
}
