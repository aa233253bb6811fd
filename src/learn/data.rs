//! Data sets D = {(x^(1), y^(1)), …, (x^(n), y^(n))} of Algorithm 4.1, with a
//! training part (the finite sum (4.4) runs over it) and a held-out
//! validation part (where the performance P(θ) of section 4.2 is measured).
//!
//! Data come from a seeded generator (every random number from
//! [`crate::rng::Rng`], so a seed gives the same points natively and in the
//! browser) or from a person's own points, validated with clear errors.
//!
//! The split is by index: point i is held out when ⌊(i+1)v⌋ > ⌊iv⌋ for the
//! validation fraction v. Generated points are independent draws, so this is
//! a random split; for a person's points it is stable when points are dragged
//! or appended. Point 0 always trains, so the training part is never empty.

use serde::{Deserialize, Serialize};

use crate::math::{cos, sin};
use crate::rng::Rng;

/// At most this many points, generated or given.
pub const MAX_POINTS: usize = 100_000;
/// At most this many input dimensions p.
pub const MAX_INPUTS: usize = 16;
/// At most this many classes K.
pub const MAX_CLASSES: usize = 10;
/// The largest validation fraction.
pub const MAX_VALIDATION: f64 = 0.9;

/// What the targets y are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Task {
    /// Real-valued targets.
    Regression,
    /// Labels 0 and 1.
    Binary,
    /// Labels 0, …, k−1 (stored as f64).
    Classes { k: usize },
}

impl Task {
    /// Whether the targets are class labels.
    pub fn is_classification(&self) -> bool {
        !matches!(self, Task::Regression)
    }
}

/// The shape of a generated multi-class data set (in the first two inputs;
/// further inputs are independent N(0, 1) nuisance features).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// K Gaussian blobs with centres evenly spaced on a circle of radius `sep`.
    Blobs,
    /// K concentric rings of radii sep, 2·sep, …
    Rings,
    /// K interleaved spiral arms, one turn each, scaled by `sep`.
    Spirals,
}

impl Shape {
    pub const ALL: &'static [(Shape, &'static str)] = &[
        (Shape::Blobs, "blobs"),
        (Shape::Rings, "rings"),
        (Shape::Spirals, "spirals"),
    ];

    pub fn name(self) -> &'static str {
        crate::keys::names::name(Shape::ALL, &self)
    }

    pub fn parse(text: &str) -> Option<Shape> {
        crate::keys::names::parse(Shape::ALL, text)
    }
}

/// Inputs and targets laid out for a model: n rows of p inputs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Samples {
    /// The input dimension p.
    pub p: usize,
    /// x^(1), …, x^(n), row-major n×p.
    pub x: Vec<f64>,
    /// y^(1), …, y^(n).
    pub y: Vec<f64>,
}

impl Samples {
    /// n.
    pub fn len(&self) -> usize {
        self.y.len()
    }

    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }

    /// x^(i).
    pub fn input(&self, i: usize) -> &[f64] {
        &self.x[i * self.p..(i + 1) * self.p]
    }
}

/// A data set with its train/validation split.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dataset {
    /// The input dimension p.
    pub p: usize,
    pub task: Task,
    /// All inputs, row-major n×p, in their original order.
    pub x: Vec<f64>,
    /// All targets.
    pub y: Vec<f64>,
    /// `validation[i]`: point i is held out.
    pub validation: Vec<bool>,
}

/// Whether point `i` is held out for a validation fraction `v` (see the module docs).
pub fn is_validation(i: usize, v: f64) -> bool {
    let v = v.clamp(0.0, MAX_VALIDATION);
    ((i + 1) as f64 * v).floor() > (i as f64 * v).floor()
}

impl Dataset {
    /// A data set from its parts, validated: shapes agree, every value is
    /// finite, labels suit the task, n ≤ [`MAX_POINTS`], and at least one point.
    pub fn new(p: usize, task: Task, x: Vec<f64>, y: Vec<f64>, val: f64) -> Result<Dataset, String> {
        let n = y.len();
        if p == 0 || p > MAX_INPUTS {
            return Err(format!("inputs must have 1 to {MAX_INPUTS} dimensions, not {p}"));
        }
        if n == 0 {
            return Err("the data set is empty: at least one point is needed".into());
        }
        if n > MAX_POINTS {
            return Err(format!("too many points: {n} (the limit is {MAX_POINTS})"));
        }
        if x.len() != n * p {
            return Err(format!("{} input values for {n} points of dimension {p}", x.len()));
        }
        if !(val.is_finite() && (0.0..=MAX_VALIDATION).contains(&val)) {
            return Err(format!(
                "the validation fraction must be in [0, {MAX_VALIDATION}], not {val}"
            ));
        }
        if let Some(i) = (0..n).find(|&i| !x[i * p..(i + 1) * p].iter().all(|v| v.is_finite())) {
            return Err(format!("point {} has a non-finite input", i + 1));
        }
        if let Some(i) = y.iter().position(|v| !v.is_finite()) {
            return Err(format!("point {} has a non-finite target", i + 1));
        }
        match task {
            Task::Regression => {}
            Task::Binary => {
                if let Some(i) = y.iter().position(|&v| v != 0.0 && v != 1.0) {
                    return Err(format!(
                        "point {} has label {}: two-class labels must be 0 or 1",
                        i + 1,
                        y[i]
                    ));
                }
            }
            Task::Classes { k } => {
                if !(2..=MAX_CLASSES).contains(&k) {
                    return Err(format!("the number of classes must be 2 to {MAX_CLASSES}, not {k}"));
                }
                if let Some(i) = y.iter().position(|&v| !(v.fract() == 0.0 && v >= 0.0 && v < k as f64)) {
                    return Err(format!(
                        "point {} has label {}: labels must be 0 to {}",
                        i + 1,
                        y[i],
                        k - 1
                    ));
                }
            }
        }
        let validation = (0..n).map(|i| is_validation(i, val)).collect();
        Ok(Dataset {
            p,
            task,
            x,
            y,
            validation,
        })
    }

    /// A person's own one-dimensional points (x, y): targets for regression,
    /// labels 0/1 for [`Task::Binary`].
    pub fn from_points(task: Task, points: &[[f64; 2]], val: f64) -> Result<Dataset, String> {
        if points.len() > MAX_POINTS {
            return Err(format!("too many points: {} (the limit is {MAX_POINTS})", points.len()));
        }
        if let Task::Classes { .. } = task {
            return Err("own points are one-dimensional: (x, y) for regression or (x, label) for two classes".into());
        }
        let x = points.iter().map(|p| p[0]).collect();
        let y = points.iter().map(|p| p[1]).collect();
        Dataset::new(1, task, x, y, val)
    }

    /// n, training and validation points together.
    pub fn n(&self) -> usize {
        self.y.len()
    }

    /// Points held out for validation.
    pub fn n_valid(&self) -> usize {
        self.validation.iter().filter(|v| **v).count()
    }

    /// Points in the training set.
    pub fn n_train(&self) -> usize {
        self.n() - self.n_valid()
    }

    /// x^(i).
    pub fn input(&self, i: usize) -> &[f64] {
        &self.x[i * self.p..(i + 1) * self.p]
    }

    /// The training part (`validation = false`) or the validation part.
    pub fn part(&self, validation: bool) -> Samples {
        let mut s = Samples {
            p: self.p,
            x: Vec::new(),
            y: Vec::new(),
        };
        for i in (0..self.n()).filter(|&i| self.validation[i] == validation) {
            s.x.extend_from_slice(self.input(i));
            s.y.push(self.y[i]);
        }
        s
    }

    /// The training samples: the finite sum (4.4) runs over these.
    pub fn train(&self) -> Samples {
        self.part(false)
    }

    /// The validation samples.
    pub fn valid(&self) -> Samples {
        self.part(true)
    }

    /// Smallest and largest value of input coordinate `j`.
    pub fn range(&self, j: usize) -> (f64, f64) {
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        for i in 0..self.n() {
            let v = self.x[i * self.p + j];
            lo = lo.min(v);
            hi = hi.max(v);
        }
        (lo, hi)
    }

    /// Regression data on a line: x uniform on [−3, 3] and
    /// y = a + b x + noise·ε with ε ~ N(0, 1). A fraction `outliers` of the
    /// points (each independently) is lifted by 6 to 10 units, to show what the
    /// absolute and Huber losses are robust to.
    pub fn line(n: usize, a: f64, b: f64, noise: f64, outliers: f64, val: f64, seed: u64) -> Result<Dataset, String> {
        let mut rng = Rng::new(seed);
        let n = n.clamp(1, MAX_POINTS);
        let mut x = Vec::with_capacity(n);
        let mut y = Vec::with_capacity(n);
        for _ in 0..n {
            let xi = rng.uniform_in(-3.0, 3.0);
            let mut yi = a + b * xi + noise * rng.normal();
            let u = rng.uniform();
            let lift = rng.uniform_in(6.0, 10.0);
            if u < outliers {
                yi += lift;
            }
            x.push(xi);
            y.push(yi);
        }
        Dataset::new(1, Task::Regression, x, y, val)
    }

    /// Two overlapping classes along x: labels 0/1 with probability ½ each and
    /// x = (y − ½)·sep + noise·ε, ε ~ N(0, 1); each label is then flipped with
    /// probability `flip`. The data of the logistic-regression example
    /// (Figure 3.4), reused for the sigmoid network of Figure 4.5.
    pub fn two_class(n: usize, sep: f64, noise: f64, flip: f64, val: f64, seed: u64) -> Result<Dataset, String> {
        let mut rng = Rng::new(seed);
        let n = n.clamp(1, MAX_POINTS);
        let mut x = Vec::with_capacity(n);
        let mut y = Vec::with_capacity(n);
        for _ in 0..n {
            let label = if rng.uniform() < 0.5 { 0.0 } else { 1.0 };
            x.push((label - 0.5) * sep + noise * rng.normal());
            let flipped = rng.uniform() < flip;
            y.push(if flipped { 1.0 - label } else { label });
        }
        Dataset::new(1, Task::Binary, x, y, val)
    }

    /// K classes in p ≥ 2 dimensions with the given shape in the first two
    /// inputs; every label is uniform on {0, …, K−1} and is replaced by
    /// another class with probability `flip` (label noise, so that long
    /// training over-fits and early stopping has something to catch).
    #[allow(clippy::too_many_arguments)]
    pub fn classes(
        shape: Shape,
        n: usize,
        p: usize,
        k: usize,
        noise: f64,
        sep: f64,
        flip: f64,
        val: f64,
        seed: u64,
    ) -> Result<Dataset, String> {
        if !(2..=MAX_INPUTS).contains(&p) {
            return Err(format!("multi-class data need 2 to {MAX_INPUTS} inputs, not {p}"));
        }
        if !(2..=MAX_CLASSES).contains(&k) {
            return Err(format!("the number of classes must be 2 to {MAX_CLASSES}, not {k}"));
        }
        let mut rng = Rng::new(seed);
        let n = n.clamp(1, MAX_POINTS);
        let tau = std::f64::consts::TAU;
        let mut x = Vec::with_capacity(n * p);
        let mut y = Vec::with_capacity(n);
        for _ in 0..n {
            let label = rng.index(k);
            let c = label as f64;
            let (x1, x2) = match shape {
                Shape::Blobs => {
                    let angle = tau * c / k as f64;
                    (
                        sep * cos(angle) + noise * rng.normal(),
                        sep * sin(angle) + noise * rng.normal(),
                    )
                }
                Shape::Rings => {
                    let angle = rng.uniform_in(0.0, tau);
                    let r = sep * (c + 1.0) + noise * rng.normal();
                    (r * cos(angle), r * sin(angle))
                }
                Shape::Spirals => {
                    let t = rng.uniform();
                    let angle = tau * (t + c / k as f64);
                    let r = sep * (0.2 + 2.8 * t);
                    (
                        r * cos(angle) + noise * rng.normal(),
                        r * sin(angle) + noise * rng.normal(),
                    )
                }
            };
            x.push(x1);
            x.push(x2);
            for _ in 2..p {
                x.push(rng.normal());
            }
            let flipped = rng.uniform() < flip;
            let other = (label + 1 + rng.index(k - 1)) % k;
            y.push(if flipped { other } else { label } as f64);
        }
        Dataset::new(p, Task::Classes { k }, x, y, val)
    }
}
