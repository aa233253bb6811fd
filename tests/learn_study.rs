//! The training page's core: the digits as a data model, the worker's
//! Study (runs × seeds in short calls, the slice), the page's Board (added-up
//! reports, lane-stable colours, honest progress, notes about what a chart
//! leaves out) and the agreement of the page's rows with `saddle train`.

use std::cell::Cell;
use std::rc::Rc;

use saddle::lane::Lane;
use saddle::learn::board::Board;
use saddle::learn::digits::{Digits, REPO_PATH};
use saddle::learn::report::{Axis, Metric, epoch_csv};
use saddle::learn::snapshots::Snapshots;
use saddle::learn::spec::Sources;
use saddle::learn::study::{Around, PlaneChoice, SliceSettings, Study};
use saddle::learn::trainer::{TrainConfig, Trainer, no_clock};
use saddle::learn::{DataSpec, Learning};
use saddle::plot::palette;
use saddle::scene::train::TrainScene;

fn digits() -> Digits {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(REPO_PATH);
    Digits::parse(&std::fs::read(path).expect("the shipped file")).expect("parses")
}

fn build(text: &str, d: &Digits) -> Learning {
    DataSpec::parse(text)
        .unwrap()
        .build_from(Sources { digits: Some(d) })
        .unwrap()
}

/// A clock that advances by 1 ms per reading: deterministic chunking.
fn ticking() -> Rc<dyn Fn() -> f64> {
    let t = Rc::new(Cell::new(0.0));
    Rc::new(move || {
        t.set(t.get() + 1e-3);
        t.get()
    })
}

fn study(query: &str, d: Option<&Digits>) -> (TrainScene, Study) {
    let (scene, notices) = TrainScene::decode(query);
    assert!(notices.is_empty(), "{query}: {notices:?}");
    let learning = scene.data.build_from(Sources { digits: d }).unwrap();
    let s = Study::new(learning, &scene.lanes, scene.epochs, scene.seed, scene.seeds, ticking());
    (scene, s)
}

/// Works and reports until done, adding every report to a board.
fn run_to_end(s: &mut Study, board: &mut Board) {
    while s.work(0.01) {
        board.update(s.report());
    }
    board.update(s.report());
}

#[test]
fn the_digits_are_a_data_model_built_from_the_files_bytes() {
    let d = digits();
    let l = build("digits(flip=0.1)", &d);
    assert_eq!(l.sizes(), [64, 32, 32, 32, 10], "Figure 4.4's network is the default");
    assert_eq!(l.dim(), 4522);
    let info = l.digits().unwrap();
    assert_eq!((info.train, info.valid, info.test, info.flipped), (1000, 500, 297, 100));
    // One training image of each digit, then four flipped ones, with their pictures.
    let shown: Vec<usize> = info.examples.iter().take(10).map(|x| x.label).collect();
    assert_eq!(shown, (0..10).collect::<Vec<_>>());
    let flipped: Vec<_> = info.examples.iter().skip(10).collect();
    assert_eq!(flipped.len(), 4);
    assert!(flipped.iter().all(|x| x.flipped && x.label != x.shown));
    for x in &info.examples {
        assert_eq!(x.rgba.len(), 64 * 4);
        assert_eq!(x.label, d.label(x.index), "the true label");
        // Grey level 0 is white paper, 16 black ink.
        let level = d.image(x.index)[0] as u32;
        assert_eq!(x.rgba[0] as u32, 255 - level * 255 / 16);
    }
    assert!(l.validation_model().is_some() && l.test_model().is_some());
    assert_eq!(
        l.summary(),
        "8×8 handwritten digits, a 64→32→32→32→10 relu network, cross-entropy, 4522 parameters, \
         1000 training images (100 labels flipped) + 500 validation + 297 test"
    );
    // The clean data, other sizes, and what is refused, with a reason.
    let clean = build("digits(train=300,valid=200,hidden=16,act=tanh)", &d);
    assert_eq!(clean.digits().unwrap().flipped, 0);
    assert_eq!(clean.digits().unwrap().test, 1297);
    assert_eq!(clean.sizes(), [64, 16, 10]);
    let err = DataSpec::parse("digits").unwrap().build().err().unwrap();
    assert!(err.contains("digits file (data/digits.bin)"), "{err}");
    let err = DataSpec::parse("digits(flip=0.9)").unwrap_err();
    assert!(err.contains("flip=0.9 does not suit digits (use 0 … 0.8)"), "{err}");
    let err = DataSpec::parse("digits(train=1500,valid=750)")
        .unwrap()
        .build_from(Sources { digits: Some(&d) })
        .err()
        .unwrap();
    assert!(err.contains("leave no test images"), "{err}");
    let (_, notes) = DataSpec::parse_with_notices("digits(hidden=100000-8)").unwrap();
    assert_eq!(notes, ["hidden = 100000 is out of range [1, 256]; using 256"]);
    assert!(
        DataSpec::parse("digits(n=10)")
            .unwrap_err()
            .contains("'n' does not apply to digits")
    );
    // Six hidden layers are a spec now (the network takes them).
    let deep = build("digits(train=100,valid=50,hidden=8-8-8-8-8-8)", &d);
    assert_eq!(deep.sizes().len(), 8);
}

#[test]
fn snapshots_keep_a_strided_path_within_their_cap_and_end_at_the_latest() {
    let mut s = Snapshots::new(2, 6);
    for e in 0..=100u32 {
        s.offer(e, &[e as f64, -(e as f64)]);
        assert!(s.len() <= 6, "epoch {e}: {} kept", s.len());
        assert_eq!(*s.epochs().last().unwrap(), e, "the latest is always kept");
        assert_eq!(s.epochs()[0], 0, "the start is always kept");
        let stride = s.stride();
        let on: Vec<u32> = s.epochs()[..s.len() - 1].to_vec();
        assert!(
            on.iter().all(|k| k % stride == 0),
            "epoch {e}: {on:?} on stride {stride}"
        );
        assert!(on.windows(2).all(|w| w[1] - w[0] == stride), "evenly spaced: {on:?}");
    }
    assert_eq!(s.stride(), 32);
    assert_eq!(s.epochs(), [0, 32, 64, 96, 100]);
    assert_eq!(s.theta(4), [100.0, -100.0]);
    assert_eq!(s.thetas().len(), 2 * s.len());
    // Wrong sizes and epochs out of order are ignored.
    s.offer(101, &[1.0]);
    s.offer(50, &[1.0, 2.0]);
    assert_eq!(*s.epochs().last().unwrap(), 100);
    // A short run keeps every epoch.
    let mut short = Snapshots::new(1, 400);
    (0..=200).for_each(|e| short.offer(e, &[e as f64]));
    assert_eq!(short.len(), 201);
}

#[test]
fn the_study_gives_every_method_and_seed_the_runs_a_trainer_gives() {
    let d = digits();
    let query = "data=digits(flip=0.1,train=120,valid=60,hidden=8)&o=gd(lr=0.05,batch=10)&o=adam(lr=0.01,batch=10)&epochs=4&seed=3&seeds=2";
    let (scene, mut s) = study(query, Some(&d));
    let mut board = Board::new();
    run_to_end(&mut s, &mut board);
    assert_eq!(board.runs().len(), 4, "2 methods × 2 seeds");
    let learning = scene.data.build_from(Sources { digits: Some(&d) }).unwrap();
    for r in board.runs() {
        // The same run, trained directly: the same numbers, bit for bit.
        let lane: &Lane = &scene.lanes[r.lane];
        let config = TrainConfig::from_lane(lane, 4, 3 + r.seed_index as u64).unwrap();
        let mut t = Trainer::new(&learning, &config, no_clock()).unwrap();
        t.run();
        let losses = |recs: &[saddle::learn::EpochRecord]| -> Vec<(u32, f64, Option<f64>)> {
            recs.iter().map(|x| (x.epoch, x.train_loss, x.val_error)).collect()
        };
        assert_eq!(
            losses(&r.records),
            losses(t.history()),
            "lane {} seed {}",
            r.lane,
            r.seed_index
        );
        assert_eq!(r.state, "done");
        let best = r.best.as_ref().unwrap();
        assert_eq!(best.epoch, t.best().unwrap().epoch);
        let test = learning.test_model().unwrap();
        assert_eq!(best.test_error, Some(test.performance(&t.best().unwrap().theta)));
    }
    // Different seeds, different runs; the table has one row per method, with ranges.
    assert_ne!(
        board.runs()[0].records[4].train_loss,
        board.runs()[1].records[4].train_loss
    );
    let rows = board.rows();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].cells[1], "2 seeds: done");
    assert!(rows[0].cells[3].contains("(median "), "{:?}", rows[0].cells);
    assert!(rows[0].cells[6].starts_with("test "), "{:?}", rows[0].cells);
    // With several seeds the charts are bands: an area and a median per method.
    let chart = board.chart(Metric::TrainLoss, Axis::Epochs);
    assert_eq!(chart.series.len(), 4);
    assert!(chart.series[0].area && !chart.series[1].area);
    assert!(
        board
            .notes(Metric::ValError)
            .iter()
            .any(|n| n.contains("range of 2 seeds"))
    );
    assert_eq!(board.progress().text, "done");
    assert_eq!(board.progress().fraction, 1.0);
}

#[test]
fn colours_and_numbers_follow_lanes_whatever_fails() {
    // Issue 10's link: lane 1 diverges; lane 2 cannot start (the secant
    // method works in one dimension only); lane 3 trains.
    let query = "data=linreg&o=gd(lr=10,batch=1)&o=secant&o=adam(lr=0.01,batch=32)&epochs=20";
    let (_, mut s) = study(query, None);
    let mut board = Board::new();
    run_to_end(&mut s, &mut board);
    let states: Vec<&str> = board.runs().iter().map(|r| r.state.as_str()).collect();
    assert_eq!(states, ["diverged", "error", "done"]);
    let hex = |k: usize| palette::hex(palette::lane(k));
    let rows = board.rows();
    for (k, row) in rows.iter().enumerate() {
        assert_eq!(
            (row.lane, row.color.clone()),
            (k, hex(k)),
            "row {k} keeps its lane's colour"
        );
    }
    assert!(
        rows[1].cells[1].starts_with("error: ") && rows[1].cells[1].contains("one dimension"),
        "{:?}",
        rows[1].cells
    );
    let legend = board.legend();
    assert_eq!(
        legend.iter().map(|l| l.color.clone()).collect::<Vec<_>>(),
        [hex(0), hex(1), hex(2)]
    );
    // The chart: the failed run has no curve, the others keep their colours and numbers.
    let chart = board.chart(Metric::ValError, Axis::Epochs);
    let colour = |k: usize| {
        let c = palette::lane(k);
        (c.0, c.1, c.2)
    };
    assert_eq!(
        chart.series.iter().map(|s| s.color).collect::<Vec<_>>(),
        [colour(0), colour(2)]
    );
    assert!(
        chart.markers.iter().any(|(_, label)| label.contains("early stop 3")),
        "{:?}",
        chart.markers
    );
    assert!(!chart.markers.iter().any(|(_, label)| label.contains("early stop 2")));
    // The diverged run's non-finite losses are not drawn, and the page says so.
    let notes = board.notes(Metric::TrainLoss);
    assert!(
        notes.iter().any(|n| n.starts_with("method 1 (gd(lr=10,batch=1)):") && n.contains("non-finite training loss not drawn")),
        "{notes:?}"
    );
    // Both charts draw, with the non-finite values among the points (issue 10).
    use plotters::prelude::{IntoDrawingArea, SVGBackend};
    for metric in [Metric::TrainLoss, Metric::ValError] {
        let chart = board.chart(metric, Axis::Epochs);
        assert!(chart.series[0].points.iter().any(|p| !p.1.is_finite()) || metric == Metric::ValError);
        let mut svg = String::new();
        let layout = saddle::plot::Layout::new(600, 300, 1.0);
        saddle::plot::chart::draw(
            &SVGBackend::with_string(&mut svg, (600, 300)).into_drawing_area(),
            &layout,
            &chart,
        )
        .unwrap();
        assert!(svg.contains("<polyline"), "curves are drawn");
    }
}

#[test]
fn progress_is_honest_after_stop() {
    let (_, mut s) = study(
        "data=mlp(hidden=8,n=400)&o=gd(lr=0.1,batch=4)&o=lbfgs&epochs=1000",
        None,
    );
    let mut board = Board::new();
    for _ in 0..5 {
        s.work(0.01);
        board.update(s.report());
    }
    assert!(board.progress().running);
    s.stop();
    board.update(s.report());
    let p = board.progress();
    assert!(!p.running && p.fraction > 0.0 && p.fraction < 0.5, "{p:?}");
    assert_eq!(p.text, format!("stopped at {} %", (100.0 * p.fraction).floor()));
    assert!(board.runs().iter().all(|r| r.state == "stopped"), "{:?}", board.runs());
    // A worker ended in the middle of an iteration: the runs stop where they were reported.
    let (_, mut s) = study("data=mlp(hidden=8,n=400)&o=gd(lr=0.1,batch=4)&epochs=1000", None);
    let mut board = Board::new();
    s.work(0.01);
    board.update(s.report());
    let before = board.runs()[0].records.len();
    board.end();
    assert!(board.ended() && !board.running());
    assert!(board.runs()[0].status.contains("the worker was ended"));
    assert_eq!(board.runs()[0].records.len(), before);
    assert!(board.progress().text.starts_with("stopped at"));
}

#[test]
fn the_slice_shares_one_plane_and_every_path_starts_at_the_common_start() {
    let d = digits();
    let query = "data=digits(flip=0.1,train=150,valid=50,hidden=10)&o=gd(lr=0.05,batch=10)&o=momentum(lr=0.05,beta=0.9,batch=10)&o=adam(lr=0.01,batch=10)&epochs=6&seed=2";
    let (scene, mut s) = study(query, Some(&d));
    let mut board = Board::new();
    run_to_end(&mut s, &mut board);
    let settings = SliceSettings { res: 5, ..scene.slice };
    assert_eq!(
        (settings.plane, settings.around, settings.center),
        (PlaneChoice::Pca, Around::Final, 0)
    );
    let cost = s.cost(5);
    assert_eq!((cost.evaluations, cost.sample_passes), (25, 25 * 150));
    assert!(cost.seconds > 0.0);
    let report = s.slice_start(&settings).unwrap().clone();
    assert_eq!(report.paths.len(), 3, "one plane for the three methods");
    let start = report.paths[0].points[0];
    for p in &report.paths {
        assert_eq!(p.epochs, (0..=6).collect::<Vec<_>>());
        let q = p.points[0];
        assert!(
            (q[0] - start[0]).abs() < 1e-9 && (q[1] - start[1]).abs() < 1e-9,
            "{q:?} vs {start:?}"
        );
        assert!(p.off_plane >= 0.0 && p.off_plane < 1.0);
    }
    let end = report.paths[0].points.last().unwrap();
    assert!(
        end[0].abs() < 1e-9 && end[1].abs() < 1e-9,
        "lane 1 ends at θ* = (0, 0): {end:?}"
    );
    let e = report.explained.unwrap();
    assert!(e[0] >= e[1] && e[0] + e[1] <= 1.0 + 1e-12 && e[1] > 0.0);
    assert!(
        report
            .title
            .starts_with("principal components of 3 paths (21 snapshots)"),
        "{}",
        report.title
    );
    let [a0, a1, b0, b1] = report.window;
    assert!((a1 - a0 - (b1 - b0)).abs() < 1e-12, "a square window");
    for p in &report.paths {
        assert!(
            p.points
                .iter()
                .all(|q| q[0] >= a0 && q[0] <= a1 && q[1] >= b0 && q[1] <= b1)
        );
    }
    // Filled a few points at a time; every value is the training loss there.
    let mut calls = 0;
    while s.slice_work(1e-9) {
        calls += 1;
    }
    assert_eq!(calls, 24, "one point per call at this budget");
    let done = s.slice_report().unwrap().clone();
    assert_eq!(done.done, 25);
    let slice = s.slice().unwrap();
    let objective = s.learning().objective();
    let mut theta = vec![0.0; objective.dim()];
    for j in 0..5 {
        for i in 0..5 {
            slice.plane().point(slice.a(i), slice.b(j), &mut theta);
            assert_eq!(done.values[j * 5 + i], objective.value(&theta));
        }
    }
    // The page's copy draws it: exact at the grid points, and the same CSV as the slice's.
    board.set_slice(done.clone());
    let view = board.slice().unwrap();
    for j in 0..5 {
        for i in 0..5 {
            let v = saddle::objective::Objective::value(view.surface_objective(), &[slice.a(i), slice.b(j)]);
            assert!((v - done.values[j * 5 + i]).abs() <= 1e-12 * v.abs(), "({i}, {j})");
        }
    }
    assert_eq!(view.csv(), slice.to_csv());
    let overlay = view.overlay();
    assert_eq!(overlay.lanes.len(), 3);
    assert_eq!(overlay.start, Some((start[0], start[1])), "θ⁽⁰⁾ is the start marker");
    assert_eq!(
        overlay.lanes[0].marks,
        [(0.0, 0.0)],
        "θ* is marked on the centre's lane"
    );
    let c = palette::lane(2);
    assert_eq!(overlay.lanes[2].color, (c.0, c.1, c.2));
    let surface = view.surface();
    assert_eq!((surface.xs.len(), surface.ys.len(), surface.heights.len()), (5, 5, 25));
    assert_eq!(surface.paths.len(), 3);
    // Around the early-stopping weights of lane 3; random directions need no path.
    let best = SliceSettings {
        around: Around::Best,
        center: 2,
        ..settings
    };
    let r = s.slice_start(&best).unwrap();
    let lane3 = &r.paths[2];
    let at = lane3.epochs.iter().position(|&e| e == r.center_epoch).unwrap();
    let q = lane3.points[at];
    assert!(
        q[0].abs() < 1e-9 && q[1].abs() < 1e-9,
        "lane 3 passes θ* at its best epoch: {q:?}"
    );
    let random = SliceSettings {
        plane: PlaneChoice::Random,
        ..settings
    };
    let r = s.slice_start(&random).unwrap();
    assert!(r.explained.is_none() && r.title.starts_with("random directions normalised filter by filter"));
    let [a0, a1, b0, b1] = r.window;
    assert!(
        a0 <= -1.0 && a1 >= 1.0 && b0 <= -1.0 && b1 >= 1.0,
        "at least the paper's [−1, 1]²"
    );
    let err = s.slice_start(&SliceSettings { center: 5, ..settings }).unwrap_err();
    assert_eq!(err, "method 6 has not been trained");
}

#[test]
fn a_grid_surface_interpolates_bilinearly_and_knows_its_derivatives() {
    use saddle::learn::slice_view::GridSurface;
    use saddle::objective::Objective;
    // C = 1 + 2a − 3b + 0.5ab on a 3×3 grid over [−1, 1]²: bilinear, so exact everywhere.
    let f = |a: f64, b: f64| 1.0 + 2.0 * a - 3.0 * b + 0.5 * a * b;
    let mut values = Vec::new();
    for j in 0..3 {
        for i in 0..3 {
            values.push(f(-1.0 + i as f64, 1.0 - j as f64)); // rows from the top
        }
    }
    let g = GridSurface::new([-1.0, 1.0, -1.0, 1.0], 3, values);
    for (a, b) in [(0.3, -0.7), (-1.0, 1.0), (0.999, 0.001), (0.5, 0.5)] {
        assert!((g.value(&[a, b]) - f(a, b)).abs() < 1e-12, "({a}, {b})");
        let mut grad = [0.0; 2];
        g.gradient(&[a, b], &mut grad);
        assert!((grad[0] - (2.0 + 0.5 * b)).abs() < 1e-12 && (grad[1] - (-3.0 + 0.5 * a)).abs() < 1e-12);
        let mut h = [0.0; 4];
        g.hessian(&[a, b], &mut h);
        assert!((h[1] - 0.5).abs() < 1e-12 && h[0] == 0.0 && h[3] == 0.0 && h[1] == h[2]);
    }
    assert!(g.value(&[1.5, 0.0]).is_nan(), "off the grid");
    assert_eq!(g.nearest(0.4, -0.6), Some((1, 0, f(0.0, -1.0))));
    let mut partial = g.clone();
    partial.values[0] = f64::NAN; // the top-left point not computed yet
    assert!(partial.value(&[-0.5, 0.5]).is_nan() && partial.value(&[0.5, 0.5]).is_finite());
}

#[test]
fn the_page_and_the_command_line_print_the_same_rows() {
    let d = digits();
    let query = "preset=fig4.4&epochs=2&seed=5";
    let (_, mut s) = study(query, Some(&d));
    let mut board = Board::new();
    run_to_end(&mut s, &mut board);
    let page = board.csv(0, 0);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_saddle"))
        .args(["train", "--url", &format!("train.html?{query}")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let cli = String::from_utf8(out.stdout).unwrap();
    let strip = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.rsplit_once(',').map_or(l, |x| x.0).to_string())
            .collect()
    };
    assert_eq!(strip(&page), strip(&cli));
    assert_eq!(strip(&page).len(), 4, "a header and epochs 0, 1, 2");
    assert_eq!(page, epoch_csv(&board.runs()[0].records));
    // The preset through --preset, with the slice written as CSV.
    let dir = std::env::temp_dir().join(format!("saddle-slice-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("slice.csv");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_saddle"))
        .args([
            "train", "--preset", "fig4.4", "--epochs", "2", "--seed", "5", "--res", "3",
        ])
        .arg("--slice")
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        strip(&String::from_utf8(out.stdout).unwrap()),
        strip(&page),
        "the same run"
    );
    let csv = std::fs::read_to_string(&file).unwrap();
    assert_eq!(csv.lines().count(), 1 + 9);
    assert!(csv.starts_with("a,b,loss\n"));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("slicing 3×3 (9 loss evaluations): principal components of 1 path (3 snapshots)"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
