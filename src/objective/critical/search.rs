//! One critical-point search per function, shared by every view of a family.
//!
//! The seeds of a search sit on a lattice fixed by the first view it was asked
//! about (the family's view): seed (i, j) is at
//! `x0 + (i + ½)/n · w, y0 + (j + ½)/n · h`, for every integer i, j, where n is
//! the number of seeds per side and w × h the family view's size. A view is
//! answered with the points reached from the seeds inside it that land inside
//! it, which for the family's own view is exactly the search over that view
//! (the same seeds, in the same order). Each seed's outcome is kept, so a pan
//! only runs the seeds it uncovers, a zoom by less than [`FAMILY`] runs none or
//! a ring, and the seeds around the view (a [`MARGIN`] on each side) can be run
//! ahead, in idle time, before a pan needs them.
//!
//! How much is run at a time is the caller's choice (`more` is asked before
//! every seed): the outcome of each seed does not depend on when it runs, so
//! the points of a view, once all its seeds have run, are the same however
//! the work was sliced.

use std::collections::HashMap;

use super::{CriticalPoint, converge, rank_and_cut};
use crate::math::dist;
use crate::objective::Objective;
use crate::view::View;

/// A view stays in a family while its width (and height) is within this
/// factor of the family view's; beyond it a new family (a new lattice) starts.
pub const FAMILY: f64 = 1.5;

/// The seeds run ahead around the view, as a fraction of its size on each side.
pub const MARGIN: f64 = 0.5;

/// Lattice indices farther than this from the family's view start a new family.
const FAR: f64 = 1e6;

/// The seeds of one lattice and what each reached.
#[derive(Clone, Debug)]
struct Family {
    view: View,
    /// Newton's range and the distance under which two points are one.
    size: f64,
    /// Seed (i, j) → index into `points`, or `None` where Newton failed.
    outcome: HashMap<(i64, i64), Option<usize>>,
    points: Vec<CriticalPoint>,
}

/// The critical points of one objective, searched once per family of views.
#[derive(Clone, Debug)]
pub struct CriticalSearch {
    seeds: usize,
    max_points: usize,
    dim: usize,
    family: Option<Family>,
    /// The family before the last change of scale, answered while the new
    /// one is not yet complete on the view.
    previous: Option<Family>,
}

impl CriticalSearch {
    /// A search with `seeds` seeds per side of a family's view (at most 200),
    /// answering at most `max_points` points per view.
    pub fn new(seeds: usize, max_points: usize) -> CriticalSearch {
        CriticalSearch {
            seeds: seeds.min(200),
            max_points,
            dim: 0,
            family: None,
            previous: None,
        }
    }

    /// Seeds per side of a family's view.
    pub fn seeds(&self) -> usize {
        self.seeds
    }

    /// The critical points in `view`, running the view's seeds that have not
    /// run yet while `more()` says so; and whether the answer is complete
    /// (every seed of the view has run). An incomplete answer is the previous
    /// family's points in the view when there is one, else what has been
    /// found so far.
    pub fn points(
        &mut self,
        objective: &dyn Objective,
        view: &View,
        more: &mut dyn FnMut() -> bool,
    ) -> (Vec<CriticalPoint>, bool) {
        if !self.usable(objective, view) {
            return (Vec::new(), true);
        }
        self.adopt(view);
        let complete = self.run(objective, view, more);
        let family = self.family.as_ref().expect("adopted");
        if complete {
            self.previous = None;
            return (self.collect(family, view), true);
        }
        let shown = self.previous.as_ref().unwrap_or(family);
        (self.collect(shown, view), false)
    }

    /// Whether an answer for `view` is at hand without running Newton: its
    /// family is current and every seed of the view has run.
    pub fn complete(&self, view: &View) -> bool {
        self.family
            .as_ref()
            .is_some_and(|f| self.fits(f, view) && self.missing(f, view).next().is_none())
    }

    /// Runs seeds ahead while `more()` says so: first those of `view`, then
    /// those of the margin around it. Returns (whether a seed of the view ran,
    /// whether work is left).
    pub fn work(&mut self, objective: &dyn Objective, view: &View, more: &mut dyn FnMut() -> bool) -> (bool, bool) {
        if !self.usable(objective, view) {
            return (false, false);
        }
        self.adopt(view);
        let family = self.family.as_ref().expect("adopted");
        let in_view = self.missing(family, view).next().is_some();
        if in_view && !self.run(objective, view, more) {
            return (true, true);
        }
        let around = self.around(view);
        let done = self.run(objective, &around, more);
        (in_view, !done)
    }

    /// Whether seeds of `view` or of its margin are still to run.
    pub fn pending(&self, view: &View) -> bool {
        match &self.family {
            Some(f) if self.fits(f, view) => self.missing(f, &self.around(view)).next().is_some(),
            Some(_) => true,
            None => true,
        }
    }

    /// Forgets everything (a new function).
    pub fn clear(&mut self) {
        self.family = None;
        self.previous = None;
    }

    fn usable(&mut self, objective: &dyn Objective, view: &View) -> bool {
        let d = objective.dim();
        if self.dim != d {
            self.clear();
            self.dim = d;
        }
        (d == 1 || d == 2) && view.check().is_ok() && self.seeds > 0
    }

    fn around(&self, view: &View) -> View {
        let (mx, my) = (MARGIN * view.width(), MARGIN * view.height());
        let my = if self.dim == 1 { 0.0 } else { my };
        View {
            x0: view.x0 - mx,
            x1: view.x1 + mx,
            y0: view.y0 - my,
            y1: view.y1 + my,
        }
    }

    /// Whether `view` belongs to family `f`: about the same scale, not far off.
    fn fits(&self, f: &Family, view: &View) -> bool {
        let within = |a: f64, b: f64| a <= b * FAMILY && b <= a * FAMILY;
        let near = |a: f64, lo: f64, w: f64| ((a - lo) / w * self.seeds as f64).abs() < FAR;
        within(view.width(), f.view.width())
            && (self.dim == 1 || within(view.height(), f.view.height()))
            && near(view.x0, f.view.x0, f.view.width())
            && near(view.x1, f.view.x0, f.view.width())
            && (self.dim == 1
                || (near(view.y0, f.view.y0, f.view.height()) && near(view.y1, f.view.y0, f.view.height())))
    }

    /// Makes the family of `view` current, starting one if needed.
    fn adopt(&mut self, view: &View) {
        if self.family.as_ref().is_some_and(|f| self.fits(f, view)) {
            return;
        }
        let size = if self.dim == 1 {
            view.width()
        } else {
            view.width().hypot(view.height())
        };
        let old = self.family.replace(Family {
            view: *view,
            size,
            outcome: HashMap::new(),
            points: Vec::new(),
        });
        // The replaced family answers until the new one covers the view.
        if old.as_ref().is_some_and(|f| !f.outcome.is_empty()) {
            self.previous = old;
        }
    }

    /// Seed (i, j)'s position.
    fn seed(&self, f: &Family, i: i64, j: i64) -> Vec<f64> {
        let n = self.seeds as f64;
        let at = |k: i64, lo: f64, w: f64| lo + (k as f64 + 0.5) / n * w;
        let x = at(i, f.view.x0, f.view.x1 - f.view.x0);
        if self.dim == 1 {
            vec![x]
        } else {
            vec![x, at(j, f.view.y0, f.view.y1 - f.view.y0)]
        }
    }

    /// The lattice indices of the seeds inside `view`, row by row.
    fn indices(&self, f: &Family, view: &View) -> impl Iterator<Item = (i64, i64)> + use<> {
        let n = self.seeds as f64;
        let range = |a: f64, b: f64, lo: f64, w: f64| {
            let first = ((a - lo) / w * n - 0.5).ceil().clamp(-FAR, FAR) as i64;
            let last = ((b - lo) / w * n - 0.5).floor().clamp(-FAR, FAR) as i64;
            first..=last
        };
        let xs = range(view.x0, view.x1, f.view.x0, f.view.x1 - f.view.x0);
        let ys = if self.dim == 1 {
            0..=0
        } else {
            range(view.y0, view.y1, f.view.y0, f.view.y1 - f.view.y0)
        };
        ys.flat_map(move |j| xs.clone().map(move |i| (i, j)))
    }

    fn missing<'a>(&'a self, f: &'a Family, view: &View) -> impl Iterator<Item = (i64, i64)> + 'a {
        self.indices(f, view).filter(|k| !f.outcome.contains_key(k))
    }

    /// Runs the missing seeds of `view` in the current family while `more()`;
    /// returns whether none is left.
    fn run(&mut self, objective: &dyn Objective, view: &View, more: &mut dyn FnMut() -> bool) -> bool {
        let family = self.family.as_ref().expect("adopted");
        let todo: Vec<(i64, i64)> = self.missing(family, view).collect();
        for (i, j) in todo {
            if !more() {
                return false;
            }
            let family = self.family.as_ref().expect("adopted");
            let start = self.seed(family, i, j);
            let reached = converge(objective, start, family.size);
            let family = self.family.as_mut().expect("adopted");
            let index = reached.map(|c| {
                match family
                    .points
                    .iter()
                    .position(|p| dist(&p.point, &c.point) < 1e-6 * family.size)
                {
                    Some(known) => known,
                    None => {
                        family.points.push(c);
                        family.points.len() - 1
                    }
                }
            });
            family.outcome.insert((i, j), index);
        }
        true
    }

    /// The points of family `f` reached from seeds inside `view` that lie
    /// inside it, in the order the seeds first reach them, ranked.
    fn collect(&self, f: &Family, view: &View) -> Vec<CriticalPoint> {
        let mut seen = vec![false; f.points.len()];
        let mut found = Vec::new();
        for k in self.indices(f, view) {
            let Some(&Some(p)) = f.outcome.get(&k) else {
                continue;
            };
            let x = &f.points[p].point;
            let inside = if self.dim == 1 {
                x[0] >= view.x0 && x[0] <= view.x1
            } else {
                view.contains(x[0], x[1])
            };
            if inside && !seen[p] {
                seen[p] = true;
                found.push(f.points[p].clone());
            }
        }
        rank_and_cut(&mut found, self.max_points);
        found
    }
}
