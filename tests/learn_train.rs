//! `Trainer`: epochs of mini-batches or full-batch steps, the per-epoch
//! record of Figure 4.4 (training loss, validation loss and error, time),
//! early stopping, chunked stepping for a Web Worker, reproducibility, and
//! the `saddle train` command line.

use std::cell::Cell;
use std::rc::Rc;

use saddle::learn::trainer::{Batch, TrainConfig, TrainStatus, Trainer, no_clock};
use saddle::learn::{DataSpec, Learning};
use saddle::optim::Sampling;
use saddle::scene::Lane;

fn learning(text: &str) -> Learning {
    DataSpec::parse(text).unwrap().build().unwrap()
}

fn config(id: &str, lr: f64, batch: Batch, epochs: u32) -> TrainConfig {
    let mut c = TrainConfig::new(id).unwrap();
    if c.params.has("lr") {
        c.params.set("lr", lr).unwrap();
    }
    c.batch = batch;
    c.epochs = epochs;
    c
}

/// Adam with mini-batches cuts the MLP's training loss well below its start
/// within a few epochs, and the validation error with it.
#[test]
fn adam_on_the_mlp_reduces_training_loss_substantially() {
    let l = learning("mlp");
    assert!(l.dim() >= 100, "hundreds of parameters: {}", l.dim());
    let mut t = Trainer::new(&l, &config("adam", 0.01, Batch::Size { size: 32 }, 5), no_clock()).unwrap();
    assert_eq!(*t.run(), TrainStatus::Done);
    let h = t.history();
    assert_eq!(h.len(), 6, "epoch 0 and five epochs");
    let (first, last) = (&h[0], &h[5]);
    assert!(
        last.train_loss < 0.5 * first.train_loss,
        "training loss {} → {}",
        first.train_loss,
        last.train_loss
    );
    assert!(last.val_error.unwrap() < 0.5 * first.val_error.unwrap());
    assert!(
        h.windows(2)
            .all(|w| w[1].iterations > w[0].iterations && w[1].epoch == w[0].epoch + 1)
    );
}

/// Epochs are passes over the training data: ⌈n/n_b⌉ iterations (footnote 10),
/// one iteration with full batches; passes count the data touched.
#[test]
fn an_epoch_is_one_pass_over_the_training_data() {
    let l = learning("mlp(n=1000)"); // 800 training points
    for (batch, sampling, per_epoch) in [
        (Batch::Size { size: 32 }, Sampling::Shuffle, 25),
        (Batch::Size { size: 30 }, Sampling::Shuffle, 27),
        (Batch::Size { size: 30 }, Sampling::Replacement, 27),
        (Batch::Size { size: 1 }, Sampling::Shuffle, 800),
        (Batch::Size { size: 5000 }, Sampling::Shuffle, 1),
        (Batch::Full, Sampling::Shuffle, 1),
    ] {
        let mut c = config("momentum", 0.05, batch, 3);
        c.sampling = sampling;
        let mut t = Trainer::new(&l, &c, no_clock()).unwrap();
        assert_eq!(t.iterations_per_epoch(), per_epoch, "{batch:?}");
        t.run_epoch();
        assert_eq!(t.epoch(), 1);
        assert_eq!(t.iterations(), per_epoch);
        let r = t.last();
        match (batch, sampling) {
            (Batch::Size { size }, Sampling::Replacement) => {
                assert_eq!(t.counts().terms, per_epoch * size as u64);
            }
            (Batch::Full, _) => {
                assert_eq!(t.counts().g, 1);
                assert_eq!(r.passes, 1.0);
            }
            _ => {
                assert_eq!(t.counts().terms, 800, "{batch:?}: every training point once");
                assert_eq!(r.passes, 1.0);
            }
        }
    }
}

/// The early-stopping record: on a small noisy problem a large network
/// over-trains (the training loss keeps falling while the validation loss
/// rises, Figure 4.4); the best epoch is the first one with the smallest
/// validation error, and the parameters stored there reproduce it.
#[test]
fn early_stopping_points_at_the_best_validation_epoch() {
    let l = learning("mlp(n=400,shape=blobs,noise=1.5,dim=6,hidden=32-32)");
    let mut t = Trainer::new(&l, &config("adam", 0.01, Batch::Size { size: 10 }, 40), no_clock()).unwrap();
    t.run();
    let h = t.history();
    let best = t.best().unwrap();
    let errors: Vec<f64> = h.iter().map(|r| r.val_error.unwrap()).collect();
    let min = errors.iter().copied().fold(f64::INFINITY, f64::min);
    let first = errors.iter().position(|&e| e == min).unwrap();
    assert_eq!(best.epoch as usize, first, "validation errors {errors:?}");
    assert_eq!(best.metric, min);
    let v = l.validation_model().unwrap();
    assert_eq!(
        v.performance(&best.theta),
        min,
        "the stored θ has the recorded validation error"
    );
    assert_eq!(l.evaluate(&best.theta).val_error, Some(min));
    // Over-training happened after the best epoch.
    let last = h.last().unwrap();
    assert!(best.epoch < last.epoch);
    assert!(last.train_loss < h[best.epoch as usize].train_loss);
    let best_val_loss = h.iter().map(|r| r.val_loss.unwrap()).fold(f64::INFINITY, f64::min);
    assert!(
        last.val_loss.unwrap() > 1.5 * best_val_loss,
        "validation loss rises: {best_val_loss} → {:?}",
        last.val_loss
    );
    // With patience the run stops early, and remembers the same best epoch.
    let mut c = config("adam", 0.01, Batch::Size { size: 10 }, 40);
    c.patience = Some(5);
    let mut p = Trainer::new(&l, &c, no_clock()).unwrap();
    assert_eq!(*p.run(), TrainStatus::EarlyStopped { epoch: best.epoch });
    assert_eq!(p.epoch(), best.epoch + 5);
    assert_eq!(p.best(), Some(best));
}

/// Same seed, same run, bit for bit; chunked stepping (a Web Worker calling
/// `run_for` with small chunks) gives the same run as one call.
#[test]
fn training_is_reproducible_and_chunkable() {
    let l = learning("mlp(n=600,hidden=16)");
    let c = config("adam", 0.01, Batch::Size { size: 16 }, 4);
    let mut a = Trainer::new(&l, &c, no_clock()).unwrap();
    a.run();
    let mut b = Trainer::new(&l, &c, no_clock()).unwrap();
    let mut calls = 0;
    let mut progress = 0.0;
    while b.status().is_running() {
        b.run_for(7);
        calls += 1;
        assert!(b.progress() >= progress);
        progress = b.progress();
    }
    assert_eq!(
        calls,
        a.iterations().div_ceil(7),
        "chunks of 7 iterations run across epoch ends"
    );
    assert_eq!(progress, 1.0);
    assert_eq!(a.history(), b.history());
    let bits = |t: &Trainer| t.theta().iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&a), bits(&b));
    assert_eq!(a.best(), b.best());
    // Another seed: another initialization and batch order.
    let mut c2 = c.clone();
    c2.seed = 2;
    let mut d = Trainer::new(&l, &c2, no_clock()).unwrap();
    d.run();
    assert_ne!(bits(&a), bits(&d));
    // The same data and seed rebuilt from the text form: still the same run.
    let l2 = learning(&l.spec().to_text());
    let mut e = Trainer::new(&l2, &c, no_clock()).unwrap();
    e.run();
    assert_eq!(bits(&a), bits(&e));
}

/// Time comes from the caller's clock and excludes the per-epoch evaluations.
#[test]
fn time_comes_from_the_callers_clock() {
    let l = learning("logreg");
    let ticks = Rc::new(Cell::new(0.0));
    let clock_ticks = Rc::clone(&ticks);
    // Every reading advances the clock by one second.
    let clock = Box::new(move || {
        clock_ticks.set(clock_ticks.get() + 1.0);
        clock_ticks.get()
    });
    let mut t = Trainer::new(&l, &config("gd", 0.5, Batch::Size { size: 8 }, 3), clock).unwrap();
    t.run();
    let secs: Vec<f64> = t.history().iter().map(|r| r.seconds).collect();
    assert_eq!(secs[0], 0.0);
    assert!(secs.windows(2).all(|w| w[1] > w[0]), "{secs:?}");
    assert_eq!(t.seconds(), *secs.last().unwrap());
    assert!(ticks.get() > 0.0);
}

/// Stop button, more epochs, divergence, refused settings.
#[test]
fn stop_resume_divergence_and_errors() {
    let l = learning("linreg");
    let mut t = Trainer::new(&l, &config("gd", 0.05, Batch::Size { size: 4 }, 100), no_clock()).unwrap();
    t.run_for(25);
    t.stop();
    assert_eq!(*t.status(), TrainStatus::Stopped);
    // Honest after Stop: 25 of 100 epochs × 10 mini-batches of 4 (40 training points).
    assert_eq!(t.iterations_per_epoch(), 10);
    assert!((t.progress() - 0.025).abs() < 1e-12, "{}", t.progress());
    let iters = t.iterations();
    t.run_for(10);
    assert_eq!(t.iterations(), iters, "a stopped run does not move");
    t.set_epochs(200);
    assert!(t.status().is_running());
    t.run();
    assert_eq!(t.epoch(), 200);
    // Linear regression with squared loss converges to the normal-equations line.
    let m = l.minimum().unwrap();
    assert!(saddle::math::dist(&t.best().unwrap().theta, &m) < 0.2);

    let mut big = Trainer::new(&l, &config("gd", 10.0, Batch::Full, 500), no_clock()).unwrap();
    match big.run() {
        TrainStatus::Diverged { reason } => assert!(reason.contains("finite"), "{reason}"),
        other => panic!("expected divergence, got {other:?}"),
    }
    let c = config("gd", 0.1, Batch::Full, 0);
    assert!(
        Trainer::new(&l, &c, no_clock())
            .err()
            .unwrap()
            .contains("epochs must be 1")
    );
    let c = config("gd", 0.1, Batch::Full, 5);
    assert!(
        Trainer::with_start(&l, &c, &[0.0; 3], no_clock())
            .err()
            .unwrap()
            .contains("3 coordinates")
    );
    assert!(
        TrainConfig::new("sgd9")
            .err()
            .unwrap()
            .contains("unknown method 'sgd9'")
    );
    // Dense d×d methods are refused on thousands of parameters (Newton and
    // linear CG by their need of the Hessian, once they are implemented).
    let big = learning("mlp(n=100,hidden=64-64)");
    let err = Trainer::new(&big, &config("bfgs", 0.1, Batch::Full, 5), no_clock())
        .err()
        .unwrap();
    assert!(err.contains("4547×4547") && err.contains("L-BFGS"), "{err}");
    for id in ["newton", "cg"] {
        let err = Trainer::new(&big, &config(id, 0.1, Batch::Full, 5), no_clock())
            .err()
            .unwrap();
        assert!(err.contains("L-BFGS") || err.contains("not implemented"), "{id}: {err}");
    }
    let lane = Lane::parse("adam(lr=0.02,batch=16,sampling=replacement)").unwrap();
    let c = TrainConfig::from_lane(&lane, 3, 9).unwrap();
    assert_eq!(c.batch, Batch::Size { size: 16 });
    assert_eq!(c.sampling, Sampling::Replacement);
    assert_eq!(c.params.get("lr"), 0.02);
    assert!(c.uses_batches());
    let lane = Lane::parse("gd(noise=0.5)").unwrap();
    assert!(TrainConfig::from_lane(&lane, 3, 9).err().unwrap().contains("noise"));
}

/// Methods that are not first-order ignore the batch size and run
/// full-batch: L-BFGS here. Until L-BFGS is implemented in this build the
/// trainer reports the catalog's error instead of panicking.
#[test]
fn lbfgs_runs_full_batch() {
    let l = learning("softmax(n=1000)");
    let c = config("lbfgs", 0.0, Batch::Size { size: 32 }, 10);
    assert!(!c.uses_batches(), "L-BFGS is not a first-order method");
    match Trainer::new(&l, &c, no_clock()) {
        Ok(mut t) => {
            assert_eq!(t.iterations_per_epoch(), 1);
            t.run();
            assert_eq!(t.counts().terms, 0, "no mini-batch gradients");
            let h = t.history();
            assert!(h.last().unwrap().train_loss < 0.5 * h[0].train_loss, "{:?}", h.last());
            assert!(h.last().unwrap().passes >= t.iterations() as f64);
        }
        Err(e) => assert!(e.contains("not implemented"), "{e}"),
    }
}
