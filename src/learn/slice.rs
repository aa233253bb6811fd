//! The landscape of a trained network, drawn the only way it can be: a
//! two-dimensional slice C(θ* + a·δ₁ + b·δ₂) through parameter space around
//! the final (or best) weights θ*, as in Li, Xu, Taylor, Studer and
//! Goldstein, "Visualizing the Loss Landscape of Neural Nets" (NeurIPS
//! 2018). A slice, not the whole landscape: every other direction is held
//! at θ*.
//!
//! Two ways to choose the directions, both following the paper and its code
//! (github.com/tomgoldstein/loss-landscape):
//!
//! - [`Plane::pca`]: the first two principal components of the optimization
//!   path(s). The rows θ_k − θ* of every snapshot of every path (several
//!   methods from the same initial weights share one plane) are centred on
//!   their mean and their two leading principal directions taken, as
//!   `sklearn.decomposition.PCA(n_components=2)` does in `projection.py`;
//!   each direction has unit norm and, as in scikit-learn, its entry of
//!   largest magnitude positive. [`Plane::explained`] is the share of the
//!   paths' variance each explains (`explained_variance_ratio_`). The paths
//!   lie close to this plane, so their projections are faithful.
//! - [`Plane::random`]: two Gaussian directions normalised filter by filter
//!   (`normalize_directions_for_weights(…, norm='filter')`): for a fully
//!   connected layer a filter is one unit's incoming weight vector (a row of
//!   W), rescaled to the norm of the same row of θ*, so that the slice's
//!   scale means the same in every layer. Biases, as in the paper's code:
//!   [`Biases::Zero`] (its `ignore='biasbn'`, the setting of all its
//!   figures) or [`Biases::Copy`] (the direction equals θ*'s biases).
//!
//! A path is projected on the plane by least squares, (a, b) minimising
//! ‖θ_k − θ* − a·δ₁ − b·δ₂‖ (the paper's `lstsq`; for orthonormal PCA
//! directions it is its `cos` projection (θ_k − θ*)·δ).
//!
//! The grid ([`Slice`]) costs one full loss evaluation per point, so it is
//! computed a few points at a time ([`Slice::step`]): a worker reports
//! progress between calls and can stop; [`Slice::cost`] says what it will
//! cost before it starts.

use std::ops::Range;

use nalgebra::DMatrix;

use super::mlp::{Layer, dot4};
use crate::landscape::Grid;
use crate::math::{dot, norm, sqrt};
use crate::objective::Objective;
use crate::rng::Rng;
use crate::view::View;

/// The default grid resolution (points per side).
pub const DEFAULT_RESOLUTION: usize = 41;
/// The largest grid resolution.
pub const MAX_RESOLUTION: usize = 101;
/// At most this many snapshots (all paths together) for the principal
/// components: the m×m Gram matrix and its eigen-decomposition.
pub const MAX_SNAPSHOTS: usize = 2000;

/// What random directions do with the biases (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Biases {
    /// Zero in both directions: biases stay at θ* over the whole slice.
    Zero,
    /// The direction's biases equal θ*'s biases.
    Copy,
}

/// Which entries of θ form filters (rows of weight matrices) and which are biases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filters {
    pub filters: Vec<Range<usize>>,
    pub biases: Vec<Range<usize>>,
}

impl Filters {
    /// The filters of a fully connected network: each unit's incoming
    /// weights (one row of W^(l)) is a filter, each b^(l) a bias block.
    pub fn mlp(layers: &[Layer]) -> Filters {
        let mut filters = Vec::new();
        let mut biases = Vec::new();
        for l in layers {
            filters.extend((0..l.outputs).map(|j| l.w + j * l.inputs..l.w + (j + 1) * l.inputs));
            biases.push(l.b..l.b + l.outputs);
        }
        Filters { filters, biases }
    }

    /// Checks that the groups tile 0..dim exactly once.
    fn check(&self, dim: usize) -> Result<(), String> {
        let mut seen = vec![false; dim];
        for r in self.filters.iter().chain(&self.biases) {
            if r.end > dim {
                return Err(format!("a filter ends at {}, past the {dim} parameters", r.end));
            }
            for s in &mut seen[r.clone()] {
                if *s {
                    return Err("filters and biases overlap".into());
                }
                *s = true;
            }
        }
        match seen.iter().position(|s| !s) {
            Some(i) => Err(format!("parameter {i} is in no filter and no bias")),
            None => Ok(()),
        }
    }
}

/// How the plane's directions were chosen.
#[derive(Clone, Debug, PartialEq)]
pub enum PlaneKind {
    /// Principal components of `snapshots` path points; `explained` is the
    /// share of their variance along δ₁ and δ₂.
    Pca { snapshots: usize, explained: [f64; 2] },
    /// Filter-normalised Gaussian directions from `seed`.
    Random { seed: u64, biases: Biases },
}

/// The plane θ* + a·δ₁ + b·δ₂.
#[derive(Clone, Debug, PartialEq)]
pub struct Plane {
    center: Vec<f64>,
    d1: Vec<f64>,
    d2: Vec<f64>,
    kind: PlaneKind,
    /// The 2×2 Gram matrix [δᵢ·δⱼ] and its determinant, for projections.
    gram: [f64; 3],
    det: f64,
}

/// Snapshots θ_0, θ_1, … of one path, flattened (`dim` numbers each).
pub type Path<'a> = &'a [f64];

impl Plane {
    fn new(center: &[f64], d1: Vec<f64>, d2: Vec<f64>, kind: PlaneKind) -> Result<Plane, String> {
        let gram = [dot(&d1, &d1), dot(&d1, &d2), dot(&d2, &d2)];
        let det = gram[0] * gram[2] - gram[1] * gram[1];
        if !(det.is_finite() && det > 1e-12 * gram[0] * gram[2]) {
            return Err("the two directions are (nearly) parallel or zero: they span no plane".into());
        }
        Ok(Plane {
            center: center.to_vec(),
            d1,
            d2,
            kind,
            gram,
            det,
        })
    }

    /// The plane through `center` spanned by the first two principal
    /// components of the snapshots of `paths` (each flattened, a multiple of
    /// `center.len()` long).
    pub fn pca(center: &[f64], paths: &[Path]) -> Result<Plane, String> {
        let d = center.len();
        if d < 2 {
            return Err("a plane needs at least two parameters".into());
        }
        if let Some(k) = paths.iter().position(|p| p.len() % d != 0) {
            return Err(format!(
                "path {} has {} numbers, not a whole number of {d}-parameter snapshots",
                k + 1,
                paths[k].len()
            ));
        }
        let m: usize = paths.iter().map(|p| p.len() / d).sum();
        if m < 3 {
            return Err(format!("principal components need at least 3 snapshots, not {m}"));
        }
        if m > MAX_SNAPSHOTS {
            return Err(format!(
                "{m} snapshots are more than the {MAX_SNAPSHOTS} a plane is fitted to: keep every k-th epoch"
            ));
        }
        // Rows θ_k − θ*, then centred on their mean (as scikit-learn's PCA).
        let mut rows: Vec<f64> = Vec::with_capacity(m * d);
        for p in paths {
            for snap in p.chunks_exact(d) {
                rows.extend(snap.iter().zip(center).map(|(t, c)| t - c));
            }
        }
        if !crate::math::all_finite(&rows) {
            return Err("a path holds a non-finite parameter".into());
        }
        let mut mean = vec![0.0; d];
        for r in rows.chunks_exact(d) {
            mean.iter_mut().zip(r).for_each(|(s, v)| *s += v);
        }
        mean.iter_mut().for_each(|s| *s /= m as f64);
        for r in rows.chunks_exact_mut(d) {
            r.iter_mut().zip(&mean).for_each(|(v, mu)| *v -= mu);
        }
        // The m×m Gram matrix X Xᵀ shares the nonzero eigenvalues of XᵀX, and
        // Xᵀu is the principal direction for its eigenvector u.
        let mut gram = DMatrix::<f64>::zeros(m, m);
        for i in 0..m {
            let ri = &rows[i * d..(i + 1) * d];
            for j in 0..=i {
                let v = dot4(ri, &rows[j * d..(j + 1) * d]);
                gram[(i, j)] = v;
                gram[(j, i)] = v;
            }
        }
        let total: f64 = (0..m).map(|i| gram[(i, i)]).sum();
        if total.is_nan() || total <= 0.0 {
            return Err("the paths do not move: every snapshot is the same point".into());
        }
        let eig = gram.symmetric_eigen();
        let mut order: Vec<usize> = (0..m).collect();
        crate::order::sort_by(&mut order, |&a, &b| eig.eigenvalues[b].total_cmp(&eig.eigenvalues[a]));
        let mut dirs = Vec::with_capacity(2);
        let mut explained = [0.0; 2];
        for (k, &c) in order.iter().take(2).enumerate() {
            let lambda = eig.eigenvalues[c];
            if lambda.is_nan() || lambda <= 1e-14 * total {
                return Err("the paths move along a single line: they span no plane".into());
            }
            let mut v = vec![0.0; d];
            for i in 0..m {
                crate::math::axpy(eig.eigenvectors[(i, c)], &rows[i * d..(i + 1) * d], &mut v);
            }
            let len = norm(&v);
            v.iter_mut().for_each(|x| *x /= len);
            // scikit-learn's sign: the entry of largest magnitude is positive.
            let big = v.iter().fold(0.0f64, |b, &x| if x.abs() > b.abs() { x } else { b });
            if big < 0.0 {
                v.iter_mut().for_each(|x| *x = -*x);
            }
            explained[k] = lambda / total;
            dirs.push(v);
        }
        let d2 = dirs.pop().expect("two directions");
        let d1 = dirs.pop().expect("two directions");
        Plane::new(
            center,
            d1,
            d2,
            PlaneKind::Pca {
                snapshots: m,
                explained,
            },
        )
    }

    /// The plane through `center` spanned by two Gaussian directions (drawn
    /// from [`Rng::new`]`(seed)`, δ₁ entirely before δ₂), normalised filter
    /// by filter to the norms of `center`'s filters.
    pub fn random(center: &[f64], filters: &Filters, biases: Biases, seed: u64) -> Result<Plane, String> {
        filters.check(center.len())?;
        let mut rng = Rng::new(seed);
        let mut draw = || {
            let mut v: Vec<f64> = (0..center.len()).map(|_| rng.normal()).collect();
            filter_normalize(&mut v, center, filters, biases);
            v
        };
        let d1 = draw();
        let d2 = draw();
        Plane::new(center, d1, d2, PlaneKind::Random { seed, biases })
    }

    /// The number of parameters d.
    pub fn dim(&self) -> usize {
        self.center.len()
    }

    /// θ*, where a = b = 0.
    pub fn center(&self) -> &[f64] {
        &self.center
    }

    /// δ₁ and δ₂.
    pub fn directions(&self) -> (&[f64], &[f64]) {
        (&self.d1, &self.d2)
    }

    pub fn kind(&self) -> &PlaneKind {
        &self.kind
    }

    /// The share of the paths' variance along δ₁ and δ₂ (principal components only).
    pub fn explained(&self) -> Option<[f64; 2]> {
        match self.kind {
            PlaneKind::Pca { explained, .. } => Some(explained),
            PlaneKind::Random { .. } => None,
        }
    }

    /// Writes θ* + a·δ₁ + b·δ₂ into `out`.
    pub fn point(&self, a: f64, b: f64, out: &mut [f64]) {
        for (k, o) in out.iter_mut().enumerate() {
            *o = self.center[k] + a * self.d1[k] + b * self.d2[k];
        }
    }

    /// The least-squares coordinates (a, b) of θ on the plane.
    pub fn project(&self, theta: &[f64]) -> (f64, f64) {
        let (mut p1, mut p2) = (0.0, 0.0);
        for (k, (t, c)) in theta.iter().zip(&self.center).enumerate() {
            let r = t - c;
            p1 += r * self.d1[k];
            p2 += r * self.d2[k];
        }
        let [g11, g12, g22] = self.gram;
        ((g22 * p1 - g12 * p2) / self.det, (g11 * p2 - g12 * p1) / self.det)
    }

    /// ‖θ − (θ* + a·δ₁ + b·δ₂)‖ at θ's projection: how far θ is from the plane.
    pub fn distance(&self, theta: &[f64]) -> f64 {
        let (a, b) = self.project(theta);
        let mut s = 0.0;
        for (k, (t, c)) in theta.iter().zip(&self.center).enumerate() {
            let r = t - c - a * self.d1[k] - b * self.d2[k];
            s += r * r;
        }
        sqrt(s)
    }

    /// Every snapshot of a path, projected.
    pub fn project_path(&self, path: Path) -> Vec<(f64, f64)> {
        path.chunks_exact(self.dim()).map(|t| self.project(t)).collect()
    }
}

/// Li et al.'s filter normalisation of a direction `v` for weights `theta`:
/// every filter f becomes v_f · ‖θ_f‖ / ‖v_f‖; biases per `biases`.
pub fn filter_normalize(v: &mut [f64], theta: &[f64], filters: &Filters, biases: Biases) {
    for r in &filters.filters {
        let (vn, tn) = (norm(&v[r.clone()]), norm(&theta[r.clone()]));
        let scale = if vn > 0.0 { tn / vn } else { 0.0 };
        v[r.clone()].iter_mut().for_each(|x| *x *= scale);
    }
    for r in &filters.biases {
        match biases {
            Biases::Zero => v[r.clone()].iter_mut().for_each(|x| *x = 0.0),
            Biases::Copy => v[r.clone()].copy_from_slice(&theta[r.clone()]),
        }
    }
}

/// The rectangle [a0, a1] × [b0, b1] of plane coordinates the grid covers
/// (its first and last points sit on the edges).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub a0: f64,
    pub a1: f64,
    pub b0: f64,
    pub b1: f64,
}

impl Window {
    /// [−1, 1]², the window of the paper's random-direction plots.
    pub const UNIT: Window = Window {
        a0: -1.0,
        a1: 1.0,
        b0: -1.0,
        b1: 1.0,
    };

    /// The bounding box of θ* (the origin) and `points`, widened by
    /// `margin` times its size on every side (each side at least 10⁻⁶).
    pub fn around(points: &[(f64, f64)], margin: f64) -> Window {
        let (mut a0, mut a1, mut b0, mut b1) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
        for &(a, b) in points.iter().filter(|(a, b)| a.is_finite() && b.is_finite()) {
            (a0, a1, b0, b1) = (a0.min(a), a1.max(a), b0.min(b), b1.max(b));
        }
        let pad = |lo: f64, hi: f64| {
            let extra = (margin.max(0.0) * (hi - lo)).max(1e-6);
            (lo - extra, hi + extra)
        };
        let ((a0, a1), (b0, b1)) = (pad(a0, a1), pad(b0, b1));
        Window { a0, a1, b0, b1 }
    }

    /// The square with the same centre whose side is the longer side: on
    /// orthonormal directions, a picture with equal units along a and b
    /// that fills a square plot.
    pub fn squared(&self) -> Window {
        let side = (self.a1 - self.a0).max(self.b1 - self.b0);
        let (ca, cb) = ((self.a0 + self.a1) / 2.0, (self.b0 + self.b1) / 2.0);
        Window {
            a0: ca - side / 2.0,
            a1: ca + side / 2.0,
            b0: cb - side / 2.0,
            b1: cb + side / 2.0,
        }
    }

    fn check(&self) -> Result<(), String> {
        View::new(self.a0, self.a1, self.b0, self.b1)
            .check()
            .map_err(|e| format!("slice window: {e}"))
    }
}

/// What a slice will cost, known before it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cost {
    /// Grid points: resolution².
    pub points: usize,
    /// Full loss evaluations, one per point.
    pub evaluations: usize,
    /// Per-sample forward passes: evaluations × the number of training samples.
    pub sample_passes: u64,
}

impl Cost {
    /// Seconds at `seconds_per_evaluation` (time one `objective.value` call).
    pub fn seconds(&self, seconds_per_evaluation: f64) -> f64 {
        self.evaluations as f64 * seconds_per_evaluation
    }
}

/// C over a res×res grid of the plane, filled a few points at a time.
///
/// Points are a_i = a0 + i·(a1 − a0)/(res − 1) and b_j likewise (both edges
/// included, so an odd resolution over a symmetric window has θ* at its
/// centre). They are computed and stored row by row from the top (b = b1)
/// down, the order of [`Grid`], so a partial slice can be drawn; points not
/// yet computed are NaN.
#[derive(Clone, Debug)]
pub struct Slice {
    plane: Plane,
    window: Window,
    res: usize,
    values: Vec<f64>,
    done: usize,
    scratch: Vec<f64>,
}

impl Slice {
    pub fn new(plane: Plane, window: Window, resolution: usize) -> Result<Slice, String> {
        if !(2..=MAX_RESOLUTION).contains(&resolution) {
            return Err(format!(
                "a slice has 2 to {MAX_RESOLUTION} points per side, not {resolution}"
            ));
        }
        window.check()?;
        let d = plane.dim();
        Ok(Slice {
            plane,
            window,
            res: resolution,
            values: vec![f64::NAN; resolution * resolution],
            done: 0,
            scratch: vec![0.0; d],
        })
    }

    /// The cost of a res×res slice of `objective` (n samples when it is a finite sum).
    pub fn cost(resolution: usize, objective: &dyn Objective) -> Cost {
        let points = resolution * resolution;
        let n = objective.finite_sum().map_or(1, |s| s.terms());
        Cost {
            points,
            evaluations: points,
            sample_passes: points as u64 * n as u64,
        }
    }

    pub fn plane(&self) -> &Plane {
        &self.plane
    }

    pub fn window(&self) -> Window {
        self.window
    }

    /// Points per side.
    pub fn resolution(&self) -> usize {
        self.res
    }

    /// a_i.
    pub fn a(&self, i: usize) -> f64 {
        let w = &self.window;
        w.a0 + i as f64 * (w.a1 - w.a0) / (self.res - 1) as f64
    }

    /// b of grid row j (row 0 is the top, b = b1).
    pub fn b(&self, j: usize) -> f64 {
        let w = &self.window;
        w.b1 - j as f64 * (w.b1 - w.b0) / (self.res - 1) as f64
    }

    /// Evaluates up to `points` more grid points; returns how many it did.
    pub fn step(&mut self, objective: &dyn Objective, points: usize) -> usize {
        let total = self.res * self.res;
        let end = (self.done + points).min(total);
        let start = self.done;
        for k in start..end {
            let (i, j) = (k % self.res, k / self.res);
            let (a, b) = (self.a(i), self.b(j));
            self.plane.point(a, b, &mut self.scratch);
            self.values[k] = objective.value(&self.scratch);
        }
        self.done = end;
        end - start
    }

    /// Points computed so far.
    pub fn done(&self) -> usize {
        self.done
    }

    /// Fraction computed, in [0, 1].
    pub fn progress(&self) -> f64 {
        self.done as f64 / (self.res * self.res) as f64
    }

    pub fn is_done(&self) -> bool {
        self.done == self.res * self.res
    }

    /// C at grid point (i, j), row-major from the top; NaN until computed.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The slice as a landscape [`Grid`] over (a, b): its pixel centres are
    /// the grid points (the view reaches half a cell past the window).
    pub fn grid(&self) -> Grid {
        let w = &self.window;
        let (ha, hb) = (
            0.5 * (w.a1 - w.a0) / (self.res - 1) as f64,
            0.5 * (w.b1 - w.b0) / (self.res - 1) as f64,
        );
        Grid {
            w: self.res,
            h: self.res,
            view: View::new(w.a0 - ha, w.a1 + ha, w.b0 - hb, w.b1 + hb),
            values: self.values.clone(),
        }
    }

    /// `a,b,loss` rows (a header, then one line per computed point, rows from the top).
    pub fn to_csv(&self) -> String {
        let mut out = String::from("a,b,loss\n");
        for k in 0..self.done {
            let (i, j) = (k % self.res, k / self.res);
            out.push_str(&format!("{},{},{}\n", self.a(i), self.b(j), self.values[k]));
        }
        out
    }
}
