//! Speed of landscapes (`cargo bench --bench landscape`): sampling, colour
//! and marching-squares contours of a 512×512 picture, natively. The browser
//! figures (targets: under 16 ms for a built-in, under 40 ms for a typed
//! expression, per render with contours) come from `tests/browser/bench.mjs`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use saddle::landscape::{RenderOptions, View, render};
use saddle::objective::Objective;
use saddle::objective::catalog::function;

fn best(mut run: impl FnMut()) -> Duration {
    (0..9)
        .map(|_| {
            let t0 = Instant::now();
            run();
            t0.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    let opts = RenderOptions {
        width: 512,
        height: 512,
        ..RenderOptions::default()
    };
    println!(
        "512×512 landscape with {} contour levels, native release, best of 9:",
        opts.contours
    );
    let cases: Vec<(&str, Box<dyn Objective>, View)> = vec![
        (
            "Rosenbrock, hand-written",
            Box::new(saddle::objective::Rosenbrock::default()),
            function("rosenbrock").unwrap().view,
        ),
        (
            "Rosenbrock, typed expression",
            owned(saddle::expr::compile_objective(
                "(1 - x)^2 + 100*(y - x^2)^2",
                Some(&["x", "y"]),
            )),
            function("rosenbrock").unwrap().view,
        ),
        (
            "peaks, typed expression",
            owned(saddle::expr::builtin_objective(function("peaks").unwrap())),
            function("peaks").unwrap().view,
        ),
        (
            "Goldstein–Price, typed expression",
            owned(saddle::expr::builtin_objective(function("goldstein-price").unwrap())),
            function("goldstein-price").unwrap().view,
        ),
    ];
    for (name, f, view) in &cases {
        let t = best(|| {
            black_box(render(f.as_ref(), view, &opts).unwrap());
        });
        println!("  {name:<36} {:7.2} ms", t.as_secs_f64() * 1e3);
    }
}

/// Turns a shared objective into a boxed one for the table above.
fn owned(f: Result<std::rc::Rc<dyn Objective>, String>) -> Box<dyn Objective> {
    struct Shared(std::rc::Rc<dyn Objective>);
    impl Objective for Shared {
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
        fn values(&self, coords: &[&[f64]], out: &mut [f64]) {
            self.0.values(coords, out)
        }
    }
    Box::new(Shared(f.unwrap()))
}
