//! The playground's progressive landscapes: a costly landscape shows a
//! coarse preview first and is refined in small calls to exactly the picture
//! one call draws; a change abandons it; a cheap one is drawn at once; and
//! linear regression's squared loss is drawn from its closed form.

use std::sync::atomic::{AtomicU64, Ordering};

use saddle::playground::Playground;

/// A clock that advances 10 ms at every reading: every landscape looks costly.
fn slow_clock() -> f64 {
    static T: AtomicU64 = AtomicU64::new(0);
    T.fetch_add(10, Ordering::Relaxed) as f64
}

fn open(query: &str, slow: bool) -> Playground {
    let (mut pg, notices) = Playground::open(query);
    assert!(notices.is_empty(), "{notices:?}");
    pg.set_layout(260, 240, 1.0);
    if slow {
        pg.set_clock(slow_clock);
    }
    pg
}

#[test]
fn a_costly_landscape_is_refined_to_the_one_call_picture() {
    let q = "data=signet(n=40)&o=gd";
    let mut pg = open(q, true);
    let preview = pg.picture().unwrap();
    let (w, h) = (preview.width, preview.height);
    assert!(preview.levels.is_empty(), "the preview has no contours yet");
    assert!(
        preview.grid.values.len() <= 1100,
        "the preview samples about 1024 points, not {}",
        w * h
    );
    assert!(pg.refining() && pg.refine_progress() == 0.0);
    let mut calls = 0;
    while pg.refine(5.0) {
        calls += 1;
        assert!(pg.refining());
        let p = pg.picture().unwrap();
        assert_eq!((p.width, p.height), (w, h), "every picture meanwhile is full size");
    }
    assert!(calls > 10, "refined in many small calls ({calls})");
    assert!(!pg.refining() && pg.refine_progress() == 1.0);
    assert!(!pg.refine(5.0), "nothing left to do");
    let got = pg.picture().unwrap().clone();
    // A playground without a clock draws in one call.
    let mut once = Playground::open(q).0;
    once.set_layout(260, 240, 1.0);
    let want = once.landscape().unwrap();
    assert_eq!(got.rgba, want.rgba, "pixel for pixel");
    assert_eq!(
        (got.levels.clone(), got.min, got.max),
        (want.levels.clone(), want.min, want.max)
    );
    assert_eq!(got.levels.len(), 14);
}

#[test]
fn a_change_abandons_the_refinement_and_a_new_start_does_not() {
    let mut pg = open("data=logreg(n=50)&o=gd", true);
    pg.picture().unwrap();
    for _ in 0..5 {
        pg.refine(5.0);
    }
    let p = pg.refine_progress();
    assert!(p > 0.0 && p < 1.0, "part way: {p}");
    // Setting θ⁽⁰⁾ (a click on the map) restarts the lanes, not the landscape.
    pg.set_start(vec![1.0, -1.0]).unwrap();
    assert_eq!(pg.refine_progress(), p, "the refinement goes on");
    assert!(pg.refining());
    // A pan abandons it: nothing to refine until the page draws again.
    pg.pan(12.0, 0.0);
    assert!(!pg.refining() && !pg.refine(5.0));
    pg.picture().unwrap();
    assert!(
        pg.refining() && pg.refine_progress() == 0.0,
        "a fresh refinement of the new view"
    );
    // `landscape` (exports, the gallery) completes it in one call.
    let levels = pg.landscape().unwrap().levels.len();
    assert!(!pg.refining() && levels == 14);
}

#[test]
fn a_cheap_landscape_is_drawn_at_once() {
    // A clock that says the preview cost nothing: the whole is drawn in the first call.
    fn instant() -> f64 {
        0.0
    }
    let (mut pg, _) = Playground::open("f=rosenbrock");
    pg.set_layout(300, 300, 1.0);
    pg.set_clock(instant);
    let levels = pg.picture().unwrap().levels.len();
    assert_eq!(levels, 14, "the finished picture, contours and all");
    assert!(!pg.refining());
}

#[test]
fn linear_regression_landscapes_take_the_closed_form_up_to_rounding() {
    for (q, closed) in [
        ("data=linreg(n=1500,noise=2)", true),
        ("data=linreg(n=300,loss=huber)", false),
        ("data=linreg(n=300,loss=absolute)", false),
    ] {
        let (pg, _) = Playground::open(q);
        let f = pg.objective();
        let a: Vec<f64> = (0..41).map(|i| -6.0 + 0.3 * i as f64).collect();
        for b in [-4.0, -1.0, 0.0, 0.5, 2.0, 5.0] {
            let bs = vec![b; a.len()];
            let mut out = vec![0.0; a.len()];
            f.values(&[&a, &bs], &mut out);
            for (k, &v) in out.iter().enumerate() {
                let sum = f.value(&[a[k], b]);
                if closed {
                    assert!(
                        (v - sum).abs() <= 1e-11 * sum.abs().max(1.0),
                        "{q} at ({}, {b}): {v} vs {sum}",
                        a[k]
                    );
                } else {
                    assert_eq!(v.to_bits(), sum.to_bits(), "{q}: the summed loss");
                }
            }
        }
    }
}
