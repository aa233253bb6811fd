//! The playground's one critical-point search per function
//! (`CriticalSearch`): the same points as a fresh search in a family's own
//! view however the work is sliced, pans that reuse the seeds already run,
//! and frames that never wait for it.

use std::cell::Cell;

use saddle::expr::builtin_objective;
use saddle::landscape::View;
use saddle::math::dist;
use saddle::objective::catalog::{FUNCTIONS, function};
use saddle::objective::critical::{CriticalPoint, CriticalSearch, critical_points};
use saddle::playground::Playground;

/// Runs `search` on `view` in slices of `slice` seeds until complete.
fn sliced(
    search: &mut CriticalSearch,
    f: &dyn saddle::objective::Objective,
    view: &View,
    slice: usize,
) -> Vec<CriticalPoint> {
    for _ in 0..100_000 {
        let left = Cell::new(slice);
        let (found, complete) = search.points(f, view, &mut || {
            let n = left.get();
            left.set(n.saturating_sub(1));
            n > 0
        });
        if complete {
            return found;
        }
    }
    panic!("the search never completed");
}

#[test]
fn every_builtin_default_view_gets_the_points_of_a_fresh_search_however_sliced() {
    for info in FUNCTIONS {
        let Ok(f) = builtin_objective(info) else { continue };
        let seeds = if f.dim() == 1 { 60 } else { 28 };
        let fresh = critical_points(f.as_ref(), &info.view, seeds, 400);
        for slice in [1, 97] {
            let mut search = CriticalSearch::new(seeds, 400);
            assert_eq!(
                sliced(&mut search, f.as_ref(), &info.view, slice),
                fresh,
                "{} in slices of {slice}",
                info.id
            );
        }
    }
}

/// Points equal up to the search's own tolerance (1e-6 of the view's size).
fn same_points(a: &[CriticalPoint], b: &[CriticalPoint], size: f64) -> bool {
    a.len() == b.len()
        && a.iter().all(|p| {
            b.iter()
                .any(|q| p.kind == q.kind && dist(&p.point, &q.point) < 1e-6 * size)
        })
}

#[test]
fn a_pan_runs_only_the_seeds_it_uncovers_and_finds_every_point_in_view() {
    let info = function("peaks").unwrap();
    let f = builtin_objective(info).unwrap();
    let v = info.view;
    let mut search = CriticalSearch::new(28, 400);
    search.points(f.as_ref(), &v, &mut || true);
    // Idle work: the margin around the view.
    let mut slices = 0;
    while search.work(f.as_ref(), &v, &mut || true).1 {
        slices += 1;
        assert!(slices < 10);
    }
    assert!(!search.pending(&v));
    let panned = View::new(
        v.x0 + 0.3 * v.width(),
        v.x1 + 0.3 * v.width(),
        v.y0 - 0.2 * v.height(),
        v.y1 - 0.2 * v.height(),
    );
    assert!(search.complete(&panned), "the margin covers a pan of 30%");
    let runs = Cell::new(0);
    let (found, complete) = search.points(f.as_ref(), &panned, &mut || {
        runs.set(runs.get() + 1);
        true
    });
    assert!(complete);
    assert_eq!(runs.get(), 0, "no seed runs again");
    // Every critical point of peaks in the panned view, as a fresh search finds them.
    let size = v.width().hypot(v.height());
    let fresh = critical_points(f.as_ref(), &panned, 28, 400);
    assert!(!fresh.is_empty());
    assert!(
        same_points(&found, &fresh, size),
        "{found:?}\nvs a fresh search\n{fresh:?}"
    );
    // A zoom by a little keeps the family; by a lot starts a new one, which
    // answers with the old family's points until its seeds have run.
    let zoomed = v.zoom(0.0, 0.0, 1.2);
    assert!(
        search.complete(&zoomed),
        "a zoom out by 1.2 stays in the family, inside the margin already run"
    );
    let far = v.zoom(0.0, 0.0, 3.0);
    let (shown, complete) = search.points(f.as_ref(), &far, &mut || false);
    assert!(!complete);
    assert!(
        same_points(&shown, &critical_points(f.as_ref(), &v, 28, 400), size),
        "the old points while the new search runs"
    );
    let done = sliced(&mut search, f.as_ref(), &far, 50);
    assert_eq!(
        done,
        critical_points(f.as_ref(), &far, 28, 400),
        "the new family's own view"
    );
}

thread_local! {
    static NOW: Cell<f64> = const { Cell::new(0.0) };
}

/// A clock that advances 0.05 ms each time it is read: deterministic time.
fn ticking() -> f64 {
    NOW.with(|t| {
        t.set(t.get() + 0.05);
        t.get()
    })
}

#[test]
fn a_frame_on_a_new_view_shows_points_at_once_and_idle_slices_complete_them() {
    let (mut pg, _) = Playground::open("f=peaks");
    pg.set_layout(640, 560, 1.0);
    pg.defer_critical(ticking);
    let first: Vec<CriticalPoint> = pg.critical().to_vec();
    assert!(
        !first.is_empty(),
        "the first frame waits for its points (there is nothing else to show)"
    );
    let view = pg.fitted_view();
    assert_eq!(first, critical_points(pg.objective().as_ref(), &view, 28, 400));
    // A zoom out by 4: the frame runs seeds for at most FRAME_MS by the clock.
    for _ in 0..4 {
        pg.zoom(320.0, 280.0, 1.5);
    }
    let before = NOW.with(Cell::get);
    let shown = pg.critical().to_vec();
    let spent = NOW.with(Cell::get) - before;
    assert!(spent <= 3.0 + 0.2, "a frame spent {spent} ms on seeds");
    assert!(!shown.is_empty(), "it shows the points it had");
    let mut redraws = 0;
    for _ in 0..10_000 {
        if !pg.idle_pending() {
            break;
        }
        redraws += usize::from(pg.idle(6.0));
    }
    assert!(!pg.idle_pending());
    assert!(redraws > 0);
    let view = pg.fitted_view();
    let answer = pg.critical().to_vec();
    // The complete answer: what the lattice's seeds inside the view reach.
    let mut search = CriticalSearch::new(28, 400);
    let lattice_of_the_new_view = sliced(&mut search, pg.objective().as_ref(), &view, 1000);
    let size = view.width().hypot(view.height());
    assert!(
        same_points(&answer, &lattice_of_the_new_view, size),
        "{answer:?}\nvs\n{lattice_of_the_new_view:?}"
    );
}
