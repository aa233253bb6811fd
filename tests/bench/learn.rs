//! Training speed on the problems too big to draw (`cargo bench --bench learn`).
//!
//! Epochs per second natively for SGD, momentum and Adam with mini-batches
//! of 32, and for L-BFGS with full batches, on the default MLP problem
//! (3000 spiral points, 2 → 32 → 3, tanh) and on a larger network
//! (2 → 64 → 64 → 3, about 4,500 parameters). Each figure is the best of a
//! few runs of a few epochs, measured by the trainer's own clock (training
//! time without the per-epoch evaluations) and by the wall clock around the
//! whole run (evaluations included).
//!
//! Then Figure 4.4 on the shipped digits (issue 15), the training page's
//! `preset=fig4.4` trained by the page's own trainer: the 64 → 32 → 32 → 32
//! → 10 ReLU network, SGD with mini-batches of 10 and α = 0.01, 1,000
//! training images (10 % of their labels flipped) and 500 for validation. Printed:
//! epochs per second (training alone, and with the per-epoch evaluations of
//! the training loss and validation error), the 200-epoch curve of three
//! seeds (early-stopping epoch, validation error there and at epoch 200,
//! test accuracy of the best model), the time of the principal plane and of
//! a 41×41 slice, and the same work done by a hand-written JavaScript
//! forward and backward pass (`tests/bench/mlp_baseline.mjs`, run with node
//! in the same run) as a baseline.

use std::process::Command;
use std::time::Instant;

use saddle::learn::digits::{Digits, REPO_PATH};
use saddle::learn::slice::{DEFAULT_RESOLUTION, Plane, Slice, Window};
use saddle::learn::spec::Sources;
use saddle::learn::trainer::{Batch, TrainConfig, Trainer};
use saddle::learn::{DataSpec, Learning};
use saddle::scene::train::TrainScene;

const REPEATS: usize = 3;

fn config(id: &str, lr: Option<f64>, batch: Batch, epochs: u32) -> TrainConfig {
    let mut c = TrainConfig::new(id).expect("in the catalog");
    if let Some(lr) = lr {
        c.params.set("lr", lr).expect("a valid learning rate");
    }
    c.batch = batch;
    c.epochs = epochs;
    c
}

/// (training epochs/s, wall epochs/s, final training loss), best of REPEATS.
fn measure(learning: &Learning, c: &TrainConfig) -> Result<(f64, f64, f64), String> {
    let mut best: Option<(f64, f64, f64)> = None;
    for _ in 0..REPEATS {
        let start = Instant::now();
        let clock = Box::new(move || start.elapsed().as_secs_f64());
        let mut t = Trainer::new(learning, c, clock)?;
        t.run();
        let wall = start.elapsed().as_secs_f64();
        let epochs = t.epoch() as f64;
        let r = (epochs / t.seconds(), epochs / wall, t.last().train_loss);
        if best.is_none_or(|b| r.0 > b.0) {
            best = Some(r);
        }
    }
    Ok(best.expect("REPEATS > 0"))
}

fn main() {
    generated();
    figure_4_4();
}

fn generated() {
    for text in ["mlp", "mlp(hidden=64-64)"] {
        let learning = DataSpec::parse(text).expect("a valid spec").build().expect("builds");
        println!("{} — {}", learning.spec().to_text(), learning.summary());
        let runs = [
            (
                "SGD (gd), n_b = 32",
                config("gd", Some(0.1), Batch::Size { size: 32 }, 5),
            ),
            (
                "momentum, n_b = 32",
                config("momentum", Some(0.05), Batch::Size { size: 32 }, 5),
            ),
            (
                "Adam, n_b = 32",
                config("adam", Some(0.01), Batch::Size { size: 32 }, 5),
            ),
            ("L-BFGS, full batch", config("lbfgs", None, Batch::Full, 20)),
        ];
        for (name, c) in runs {
            match measure(&learning, &c) {
                Ok((train, wall, loss)) => println!(
                    "  {name:<22} {train:>9.1} epochs/s training  {wall:>9.1} epochs/s with evaluations  (loss after {} epochs {loss:.4})",
                    c.epochs
                ),
                Err(e) => println!("  {name:<22} unavailable: {e}"),
            }
        }
    }
}

/// The Figure 4.4 preset on the digits: the training page's own link.
const FIGURE: &str = "preset=fig4.4";

/// One run of the preset: per-epoch (training loss, validation error), the
/// best epoch, the test accuracy of its weights, θ after every epoch, and
/// the training seconds (evaluations excluded).
struct Curve {
    train_loss: Vec<f64>,
    val_error: Vec<f64>,
    best: usize,
    test_accuracy: f64,
    path: Vec<f64>,
    train_seconds: f64,
    wall_seconds: f64,
}

/// The preset's scene with `epochs` and `seed`, and its data built from the file.
fn figure(digits: &Digits, seed: u64, epochs: u32) -> (TrainScene, Learning) {
    let (scene, notices) = TrainScene::decode(&format!(
        "{FIGURE}&epochs={epochs}&seed={seed}&data=digits(flip=0.1,seed={seed})"
    ));
    assert!(notices.is_empty(), "{notices:?}");
    let learning = scene.data.build_from(Sources { digits: Some(digits) }).expect("builds");
    (scene, learning)
}

/// Trains the preset with the page's trainer, keeping θ at every epoch end.
fn train(digits: &Digits, seed: u64, epochs: u32) -> Curve {
    let (scene, learning) = figure(digits, seed, epochs);
    let config = TrainConfig::from_lane(&scene.lanes[0], epochs, seed).expect("a valid lane");
    let start = Instant::now();
    let mut t = Trainer::new(&learning, &config, Box::new(move || start.elapsed().as_secs_f64())).expect("trains");
    t.keep_path(epochs as usize + 1);
    t.run();
    let wall_seconds = start.elapsed().as_secs_f64();
    let h = t.history();
    let best = t.best().expect("a best epoch");
    let test = learning.test_model().expect("a test set");
    Curve {
        train_loss: h.iter().map(|r| r.train_loss).collect(),
        val_error: h.iter().map(|r| r.val_error.unwrap_or(f64::NAN)).collect(),
        best: best.epoch as usize,
        test_accuracy: 1.0 - test.performance(&best.theta),
        path: t.path().expect("kept").thetas().to_vec(),
        train_seconds: t.seconds(),
        wall_seconds,
    }
}

/// The JavaScript baseline's figures (one JSON line from node).
fn javascript(epochs: usize, resolution: usize) -> Result<serde_json::Value, String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new("node")
        .current_dir(root)
        .args([
            "tests/bench/mlp_baseline.mjs",
            REPO_PATH,
            &epochs.to_string(),
            &resolution.to_string(),
        ])
        .output()
        .map_err(|e| format!("node did not run: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("unreadable output: {e}"))
}

fn figure_4_4() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(REPO_PATH);
    let digits = match std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|b| Digits::parse(&b))
    {
        Ok(d) => d,
        Err(e) => return println!("Figure 4.4 on the digits unavailable: {}: {e}", path.display()),
    };
    let (scene, learning) = figure(&digits, 1, 20);
    let info = learning.digits().expect("the digits");
    println!(
        "\nFigure 4.4 on the digits ({FIGURE}): {}, {}, {} training images ({} labels flipped), {} validation, {} test",
        learning.summary().split(", ").nth(1).unwrap_or(""),
        scene.lanes[0].to_text(),
        info.train,
        info.flipped,
        info.valid,
        info.test
    );
    // Speed: the best of a few 20-epoch runs.
    let epochs = 20;
    let (mut train_rate, mut wall_rate) = (0.0f64, 0.0f64);
    for _ in 0..REPEATS {
        let c = train(&digits, 1, epochs);
        train_rate = train_rate.max(epochs as f64 / c.train_seconds);
        wall_rate = wall_rate.max(epochs as f64 / c.wall_seconds);
    }
    println!("  native: {train_rate:>7.1} epochs/s training  {wall_rate:>7.1} epochs/s with evaluations");
    // The curves.
    let mut first = None;
    for seed in [1, 2, 3] {
        let c = train(&digits, seed, 200);
        println!(
            "  seed {seed}: early stop at epoch {:>3} with validation error {:>4.1} %; epoch 200: {:>4.1} % (training loss {:.3}); test accuracy of the best model {:.1} %",
            c.best,
            100.0 * c.val_error[c.best],
            100.0 * c.val_error[200],
            c.train_loss[200],
            100.0 * c.test_accuracy
        );
        first.get_or_insert(c);
    }
    let c = first.expect("three seeds ran");
    // The landscape around the final weights, on the path's principal plane.
    let (_, learning) = figure(&digits, 1, 200);
    let objective = learning.objective();
    let d = learning.dim();
    let center = c.path[c.path.len() - d..].to_vec();
    let t = Instant::now();
    let plane = Plane::pca(&center, &[&c.path]).expect("the path spans a plane");
    let pca_seconds = t.elapsed().as_secs_f64();
    let explained = plane.explained().expect("principal components");
    let projected = plane.project_path(&c.path);
    let res = DEFAULT_RESOLUTION;
    let mut slice = Slice::new(plane, Window::around(&projected, 0.2).squared(), res).expect("a valid slice");
    let cost = Slice::cost(res, objective.as_ref());
    let t = Instant::now();
    while !slice.is_done() {
        slice.step(objective.as_ref(), 64);
    }
    let slice_seconds = t.elapsed().as_secs_f64();
    let finite = slice.values().iter().filter(|v| v.is_finite()).count();
    println!(
        "  principal plane of 201 snapshots: {:.2} s, explains {:.1} % + {:.1} % of the path's variance",
        pca_seconds,
        100.0 * explained[0],
        100.0 * explained[1]
    );
    println!(
        "  {res}×{res} slice ({} loss evaluations, {} sample passes): {slice_seconds:.2} s native ({finite} finite values)",
        cost.evaluations, cost.sample_passes
    );
    match javascript(epochs as usize, res) {
        Ok(js) => {
            let num = |k: &str| js[k].as_f64().unwrap_or(f64::NAN);
            let (js_train, js_wall, js_slice) = (num("train_epochs_per_s"), num("epochs_per_s"), num("slice_seconds"));
            println!(
                "  hand-written JS (node): {js_train:>7.1} epochs/s training  {js_wall:>7.1} epochs/s with evaluations; {res}×{res} slice {js_slice:.2} s"
            );
            println!(
                "  native / JS: {:.1}× training, {:.1}× with evaluations, {:.1}× the slice",
                train_rate / js_train,
                wall_rate / js_wall,
                js_slice / slice_seconds
            );
        }
        Err(e) => println!("  hand-written JS baseline unavailable: {e}"),
    }
}
