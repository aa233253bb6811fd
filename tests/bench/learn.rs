//! Training speed on the problems too big to draw (`cargo bench --bench learn`).
//!
//! Epochs per second natively for SGD, momentum and Adam with mini-batches
//! of 32, and for L-BFGS with full batches, on the default MLP problem
//! (3000 spiral points, 2 → 32 → 3, tanh) and on a larger network
//! (2 → 64 → 64 → 3, about 4,500 parameters). Each figure is the best of a
//! few runs of a few epochs, measured by the trainer's own clock (training
//! time without the per-epoch evaluations) and by the wall clock around the
//! whole run (evaluations included).

use std::time::Instant;

use saddle::learn::trainer::{Batch, TrainConfig, Trainer};
use saddle::learn::{DataSpec, Learning};

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
