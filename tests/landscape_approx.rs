//! Pictures of typed expressions use approximate exp, sin and cos
//! (`saddle::landscape::approx`); this compares them with the exact render
//! (libm at every pixel): colour indices differ by at most one, only at a few
//! pixels, and the contours are the same lines.

use std::rc::Rc;

use saddle::expr::{builtin_objective, compile_objective};
use saddle::landscape::{RenderOptions, View, render};
use saddle::objective::Objective;
use saddle::objective::catalog::function;

/// The same function with `values` point by point through libm.
struct Exact(Rc<dyn Objective>);

impl Objective for Exact {
    fn dim(&self) -> usize {
        self.0.dim()
    }
    fn value(&self, x: &[f64]) -> f64 {
        self.0.value(x)
    }
    fn gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        self.0.gradient(x, g)
    }
    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        self.0.hessian(x, h)
    }
}

fn compare(name: &str, f: Rc<dyn Objective>, view: View) {
    let opts = RenderOptions::default();
    let fast = render(f.as_ref(), &view, &opts).unwrap();
    let exact = render(&Exact(f.clone()), &view, &opts).unwrap();
    // Values: within 1e-13 relative (the polynomials are within 1e-14 of libm).
    for (a, b) in fast.grid.values.iter().zip(&exact.grid.values) {
        assert!((a - b).abs() <= 1e-13 * b.abs().max(1.0), "{name}: {a} vs {b}");
    }
    assert_eq!(fast.levels.len(), exact.levels.len());
    for (a, b) in fast.levels.iter().zip(&exact.levels) {
        assert!((a - b).abs() <= 1e-12 * b.abs().max(1.0), "{name}: level {a} vs {b}");
    }
    // Colour indices on the exact render's scale: at most one apart.
    let (uf, ue) = (exact.scale.fast(), exact.scale.fast());
    let index = |u: f64| (u * 255.0 + 0.5) as i32;
    let mut moved = 0;
    for (a, b) in fast.grid.values.iter().zip(&exact.grid.values) {
        let d = (index(uf.unit(*a)) - index(ue.unit(*b))).abs();
        assert!(d <= 1, "{name}: colour index moved by {d}");
        moved += usize::from(d == 1);
    }
    assert!(
        moved * 1000 <= fast.grid.values.len(),
        "{name}: {moved} pixels changed colour"
    );
    // The pictures: the same pixels but for a handful, each by a shade.
    let (mut differ, mut worst) = (0, 0);
    for (a, b) in fast.rgba.chunks_exact(4).zip(exact.rgba.chunks_exact(4)) {
        let d = a.iter().zip(b).map(|(x, y)| x.abs_diff(*y)).max().unwrap();
        differ += usize::from(d > 0);
        worst = worst.max(d);
    }
    assert!(differ * 1000 <= fast.rgba.len() / 4, "{name}: {differ} pixels differ");
    assert!(worst <= 8, "{name}: a pixel moved by {worst}");
}

#[test]
fn peaks_within_a_colour_index_of_the_exact_picture() {
    let info = function("peaks").unwrap();
    compare("peaks", builtin_objective(info).unwrap(), info.view);
}

#[test]
fn sines_and_cosines_within_a_colour_index_of_the_exact_picture() {
    let f = compile_objective("sin(x)*cos(y)+0.1*(x^2+y^2)", Some(&["x", "y"])).unwrap();
    compare("sin cos", f, View::new(-6.0, 6.0, -6.0, 6.0));
    let f = compile_objective("exp(-x^2/4)*sin(3*y)+cos(x*y)/(1+exp(y))", Some(&["x", "y"])).unwrap();
    compare("mixed", f, View::new(-4.0, 4.0, -3.0, 3.0));
}
