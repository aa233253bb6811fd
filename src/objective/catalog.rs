//! The built-in functions: each with its formula, the view it is best seen
//! in, a default start and its known minima.
//!
//! Every built-in is defined by its formula in the same syntax a person types
//! (so the page can show it and the autodiff explorer can open it); Rosenbrock
//! additionally has a hand-written implementation, checked against the formula.
//! [`crate::expr::builtin_objective`] builds them.

use crate::view::View;

/// A built-in function.
#[derive(Clone, Copy, Debug)]
pub struct FunctionInfo {
    /// Stable id used in URLs and on the command line.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// The formula, in the expression syntax, of `x, y` (or `t` in one dimension).
    pub formula: &'static str,
    /// The variables, in order (θ1, θ2).
    pub vars: &'static [&'static str],
    /// The default view: x0, x1, y0, y1 (for d = 1 only x0, x1 matter).
    pub view: View,
    /// Default start θ^(0).
    pub start: &'static [f64],
    /// Known global (and notable local) minima.
    pub minima: &'static [&'static [f64]],
    /// Force a log (true) or linear (false) colour scale; None lets the data decide.
    pub log: Option<bool>,
    /// Where it comes from and what to notice, in one or two sentences.
    pub about: &'static str,
}

impl FunctionInfo {
    /// The dimension d.
    pub fn dim(&self) -> usize {
        self.vars.len()
    }
}

const XY: &[&str] = &["x", "y"];
const T: &[&str] = &["t"];

/// Every built-in, in the order the page lists them.
pub static FUNCTIONS: &[FunctionInfo] = &[
    FunctionInfo {
        id: "rosenbrock",
        name: "Rosenbrock",
        formula: "(1 - x)^2 + 100*(y - x^2)^2",
        vars: XY,
        view: View::new(-2.0, 2.0, -1.0, 3.0),
        start: &[0.2, -0.2],
        minima: &[&[1.0, 1.0]],
        log: Some(true),
        about: "Equation (4.9): non-convex, with a unique minimum at (1, 1) at the end of a long curved valley where gradient descent crawls (Figure 4.2).",
    },
    FunctionInfo {
        id: "bowl",
        name: "Convex bowl",
        formula: "x^2 + y^2",
        vars: XY,
        view: View::new(-2.0, 2.0, -2.0, 2.0),
        start: &[-1.5, 1.2],
        minima: &[&[0.0, 0.0]],
        log: Some(false),
        about: "Figure 4.1(a): C(θ) = θ1² + θ2² is strictly convex with a unique global minimum; every method finds it.",
    },
    FunctionInfo {
        id: "elongated",
        name: "Elongated quadratic",
        formula: "x^2 + 20*y^2",
        vars: XY,
        view: View::new(-3.0, 3.0, -1.5, 1.5),
        start: &[-2.5, 1.0],
        minima: &[&[0.0, 0.0]],
        log: Some(false),
        about: "A narrow elliptical valley (condition number 20): gradient descent zig-zags across it, momentum and Newton do not.",
    },
    FunctionInfo {
        id: "peaks",
        name: "Peaks",
        formula: "3*(1 - x)^2*exp(-x^2 - (y + 1)^2) - 10*(x/5 - x^3 - y^5)*exp(-x^2 - y^2) - exp(-(x + 1)^2 - y^2)/3",
        vars: XY,
        view: View::new(-3.0, 3.0, -3.0, 3.0),
        start: &[-0.5, 1.5],
        minima: &[&[0.228_278_920_556_369_1, -1.625_534_957_499_996_7]],
        log: Some(false),
        about: "Figure 4.1(b): the 'peaks' function, with several local minima, local maxima and saddle points.",
    },
    FunctionInfo {
        id: "saddle",
        name: "Saddle",
        formula: "x^2 - y^2",
        vars: XY,
        view: View::new(-2.0, 2.0, -2.0, 2.0),
        start: &[-1.8, 0.0],
        minima: &[],
        log: Some(false),
        about: "A saddle point at the origin: the gradient vanishes but the Hessian has eigenvalues 2 and −2. Unbounded below.",
    },
    FunctionInfo {
        id: "double-well",
        name: "Saddle between two wells",
        formula: "x^2 + y^4/4 - y^2/2",
        vars: XY,
        view: View::new(-2.0, 2.0, -2.0, 2.0),
        start: &[-1.8, 0.0],
        minima: &[&[0.0, 1.0], &[0.0, -1.0]],
        log: Some(false),
        about: "A saddle at the origin between minima at (0, ±1): gradient descent started on the axis stops at the saddle, noise escapes it.",
    },
    FunctionInfo {
        id: "beale",
        name: "Beale",
        formula: "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
        vars: XY,
        view: View::new(-4.5, 4.5, -4.5, 4.5),
        start: &[1.0, 1.5],
        minima: &[&[3.0, 0.5]],
        log: Some(true),
        about: "Flat plateaus and sharp ridges; the minimum (3, 0.5) sits in a narrow curved valley.",
    },
    FunctionInfo {
        id: "himmelblau",
        name: "Himmelblau",
        formula: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        vars: XY,
        view: View::new(-5.0, 5.0, -5.0, 5.0),
        start: &[0.0, 0.0],
        minima: &[
            &[3.0, 2.0],
            &[-2.805_118_086_952_745, 3.131_312_518_250_573],
            &[-3.779_310_253_377_747, -3.283_185_991_286_17],
            &[3.584_428_340_330_492, -1.848_126_526_964_404],
        ],
        log: Some(true),
        about: "Four equal minima: which one a method reaches depends on where it starts and how it moves.",
    },
    FunctionInfo {
        id: "booth",
        name: "Booth",
        formula: "(x + 2*y - 7)^2 + (2*x + y - 5)^2",
        vars: XY,
        view: View::new(-10.0, 10.0, -10.0, 10.0),
        start: &[-8.0, -8.0],
        minima: &[&[1.0, 3.0]],
        log: None,
        about: "A convex quadratic with a tilted valley; Newton solves it in one step.",
    },
    FunctionInfo {
        id: "matyas",
        name: "Matyas",
        formula: "0.26*(x^2 + y^2) - 0.48*x*y",
        vars: XY,
        view: View::new(-10.0, 10.0, -10.0, 10.0),
        start: &[-8.0, 6.0],
        minima: &[&[0.0, 0.0]],
        log: None,
        about: "A flat, ill-conditioned convex quadratic (eigenvalues 0.04 and 1): progress along the diagonal is slow for fixed steps.",
    },
    FunctionInfo {
        id: "three-hump-camel",
        name: "Three-hump camel",
        formula: "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2",
        vars: XY,
        view: View::new(-3.0, 3.0, -3.0, 3.0),
        start: &[-2.5, 2.0],
        minima: &[&[0.0, 0.0]],
        log: Some(true),
        about: "A global minimum at the origin and two local minima beside it.",
    },
    FunctionInfo {
        id: "six-hump-camel",
        name: "Six-hump camel",
        formula: "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2",
        vars: XY,
        view: View::new(-2.0, 2.0, -1.2, 1.2),
        start: &[-1.5, 1.0],
        minima: &[
            &[0.089_842_008_935_272_6, -0.712_656_403_020_559_8],
            &[-0.089_842_008_935_272_6, 0.712_656_403_020_559_8],
        ],
        log: None,
        about: "Six local minima, two of them global.",
    },
    FunctionInfo {
        id: "goldstein-price",
        name: "Goldstein–Price",
        formula: "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))*(30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))",
        vars: XY,
        view: View::new(-2.0, 2.0, -2.0, 2.0),
        start: &[-1.5, 1.5],
        minima: &[&[0.0, -1.0]],
        log: Some(true),
        about: "Values span six decades; the global minimum C = 3 at (0, −1) shares the plane with several local ones.",
    },
    FunctionInfo {
        id: "styblinski-tang",
        name: "Styblinski–Tang",
        formula: "(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)/2",
        vars: XY,
        view: View::new(-5.0, 5.0, -5.0, 5.0),
        start: &[4.0, 4.5],
        minima: &[&[-2.903_534_027_771_177, -2.903_534_027_771_177]],
        log: None,
        about: "Four basins of different depths: the deepest is at (−2.9035, −2.9035).",
    },
    FunctionInfo {
        id: "ackley",
        name: "Ackley",
        formula: "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20",
        vars: XY,
        view: View::new(-4.0, 4.0, -4.0, 4.0),
        start: &[-3.2, 2.7],
        minima: &[&[0.0, 0.0]],
        log: None,
        about: "A funnel covered in ripples: countless local minima around the global one at the origin, which is a cusp where the gradient is undefined.",
    },
    FunctionInfo {
        id: "rastrigin",
        name: "Rastrigin",
        formula: "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)",
        vars: XY,
        view: View::new(-5.12, 5.12, -5.12, 5.12),
        start: &[-4.3, 3.6],
        minima: &[&[0.0, 0.0]],
        log: None,
        about: "A regular grid of local minima; local methods stop in the nearest one.",
    },
    FunctionInfo {
        id: "cubic",
        name: "Newton's overshoot (4.52)",
        formula: "(t - 3)^2*(t + 3)",
        vars: T,
        view: View::new(-5.0, 7.0, -40.0, 60.0),
        start: &[1.5],
        minima: &[&[3.0]],
        log: Some(false),
        about: "Equation (4.52): a local maximum at −1, an inflection point at 1, a local minimum at 3. Newton from 1.5 overshoots to 5.25 (Figure 4.10).",
    },
    FunctionInfo {
        id: "quartic",
        name: "Newton's oscillation",
        formula: "-t^4/4 + 5*t^2/2",
        vars: T,
        view: View::new(-3.5, 3.5, -4.0, 8.0),
        start: &[1.0],
        minima: &[&[0.0]],
        log: Some(false),
        about: "C(θ) = −θ⁴/4 + 5θ²/2: pure Newton from θ = 1 oscillates 1, −1, 1, … forever.",
    },
];

/// Looks a built-in up by id.
pub fn function(id: &str) -> Option<&'static FunctionInfo> {
    FUNCTIONS.iter().find(|f| f.id == id)
}
