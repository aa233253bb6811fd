//! The JIT's generated modules (`saddle::expr::jit`), run natively in a
//! WebAssembly interpreter (wasmi) with the crate's libm as their imports,
//! give the expression interpreter's values, gradients and landscape values
//! bit for bit, over many random expressions and points.

mod common;

use common::expr_tree::{VARS, case};
use proptest::prelude::*;
use saddle::expr::Graph;
use saddle::expr::jit::{self, Import};
use wasmi::{Engine, Linker, Memory, MemoryType, Module, Store, TypedFunc};

/// A generated module, instantiated: its three functions and the memory they use.
struct Loaded {
    store: Store<()>,
    memory: Memory,
    value: TypedFunc<i32, f64>,
    grad: TypedFunc<(i32, i32), f64>,
    values: TypedFunc<(i32, i32, i32), ()>,
}

fn load(graph: &Graph) -> Loaded {
    let bytes = jit::module(graph).expect("the graph fits");
    let engine = Engine::default();
    let module = Module::new(&engine, &bytes[..]).expect("a valid module");
    let mut store = Store::new(&engine, ());
    let memory = Memory::new(&mut store, MemoryType::new(4, None)).expect("memory");
    let mut linker = <Linker<()>>::new(&engine);
    linker.define(jit::MEMORY.0, jit::MEMORY.1, memory).unwrap();
    for f in Import::ALL {
        if f.arity() == 2 {
            linker
                .func_wrap(jit::MATH, f.name(), move |a: f64, b: f64| f.eval(a, b))
                .unwrap();
        } else {
            linker
                .func_wrap(jit::MATH, f.name(), move |a: f64| f.eval(a, 0.0))
                .unwrap();
        }
    }
    let instance = linker.instantiate_and_start(&mut store, &module).expect("instantiates");
    Loaded {
        value: instance.get_typed_func(&store, "value").unwrap(),
        grad: instance.get_typed_func(&store, "grad").unwrap(),
        values: instance.get_typed_func(&store, "values").unwrap(),
        store,
        memory,
    }
}

impl Loaded {
    fn write(&mut self, at: usize, xs: &[f64]) {
        let bytes: Vec<u8> = xs.iter().flat_map(|v| v.to_le_bytes()).collect();
        self.memory.write(&mut self.store, at, &bytes).unwrap();
    }
    fn read(&self, at: usize, n: usize) -> Vec<f64> {
        let data = &self.memory.data(&self.store)[at..at + 8 * n];
        data.chunks_exact(8)
            .map(|c| f64::from_le_bytes(c.try_into().unwrap()))
            .collect()
    }
    fn value(&mut self, x: &[f64]) -> f64 {
        self.write(0, x);
        self.value.call(&mut self.store, 0).unwrap()
    }
    fn grad(&mut self, x: &[f64]) -> (f64, Vec<f64>) {
        self.write(0, x);
        let v = self.grad.call(&mut self.store, (0, 1024)).unwrap();
        (v, self.read(1024, x.len()))
    }
    /// C at n points given coordinate by coordinate.
    fn values(&mut self, coords: &[Vec<f64>]) -> Vec<f64> {
        let n = coords[0].len();
        let mut ptrs = Vec::new();
        for (j, c) in coords.iter().enumerate() {
            let at = 4096 + j * 8 * n;
            self.write(at, c);
            ptrs.extend_from_slice(&(at as u32).to_le_bytes());
        }
        self.memory.write(&mut self.store, 2048, &ptrs).unwrap();
        let out = 4096 + coords.len() * 8 * n;
        self.values.call(&mut self.store, (2048, out as i32, n as i32)).unwrap();
        self.read(out, n)
    }
}

fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// The generated code against the interpreter at `points`.
fn check(src: &str, vars: &[&str], points: &[Vec<f64>]) -> Result<(), String> {
    let graph = Graph::parse_with_vars(src, vars).map_err(|e| e.to_string())?;
    let mut m = load(&graph);
    let d = vars.len();
    for x in points {
        let want = graph.value(x);
        let got = m.value(x);
        if !same(want, got) {
            return Err(format!("{src} at {x:?}: value {got:e}, interpreter {want:e}"));
        }
        let mut g = vec![0.0; d];
        let want = graph.gradient(x, &mut g);
        let (got, gg) = m.grad(x);
        if !same(want, got) || !g.iter().zip(&gg).all(|(a, b)| same(*a, *b)) {
            return Err(format!(
                "{src} at {x:?}: gradient {gg:?} ({got:e}), interpreter {g:?} ({want:e})"
            ));
        }
    }
    let coords: Vec<Vec<f64>> = (0..d).map(|j| points.iter().map(|x| x[j]).collect()).collect();
    let rows: Vec<&[f64]> = coords.iter().map(|c| &c[..]).collect();
    let mut want = vec![0.0; points.len()];
    graph.eval_batch(&rows, &mut want);
    let got = m.values(&coords);
    if let Some(k) = (0..points.len()).find(|&k| !same(want[k], got[k])) {
        return Err(format!("{src}: values[{k}] {} vs eval_batch {}", got[k], want[k]));
    }
    Ok(())
}

fn grid(d: usize) -> Vec<Vec<f64>> {
    let ticks = [-1.7, -0.3, 0.0, -0.0, 0.45, 1.2, 2.9];
    (0..ticks.len().pow(d.min(2) as u32))
        .map(|k| {
            (0..d)
                .map(|j| ticks[(k / ticks.len().pow(j.min(1) as u32) + j) % ticks.len()])
                .collect()
        })
        .collect()
}

#[test]
fn every_operation_of_the_table() {
    // Each elementary operation (sums with offsets and signs, scalings,
    // integer and real powers, c^u, u^v, and every function), zeros of both
    // signs, NaN and infinities.
    let cases = [
        "(1-x)^2+100*(y-x^2)^2",
        "x - y + 3 - x*y",
        "-x - y - 1.5",
        "2*x + y/3 + 4/x",
        "x^3 + y^-2 + x^7 + y^0 + x^65 + y^-70",
        "x^0.5 + y^1.5 + 2^x + x^y",
        "sin(x)*cos(y) + tan(x*y) + exp(x - y) + log(y*y + 1)",
        "sqrt(abs(x)) + abs(y) + tanh(x) + sigmoid(x*y) + softplus(y)",
        "sigmoid(-40*x) + softplus(50*y) + exp(800*x)",
        "log(x) + sqrt(y)",
        "0*x + y*0",
        "x",
        "3",
        "x/y/x/y",
        "abs(x)*abs(y - x)",
    ];
    let mut points = grid(2);
    points.extend([
        vec![f64::NAN, 1.0],
        vec![f64::INFINITY, -1.0],
        vec![0.0, f64::NEG_INFINITY],
        vec![-0.0, -0.0],
        vec![1e300, -1e-300],
    ]);
    for src in cases {
        check(src, &["x", "y"], &points).unwrap();
    }
}

#[test]
fn the_books_examples_in_three_variables() {
    let points = grid(3);
    check("sin(t1*t2) + exp(t2+t3) - 2*t3", &["t1", "t2", "t3"], &points).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_expressions_match_the_interpreter((d, e, x) in case()) {
        let src = e.render();
        let mut points = vec![x.clone()];
        points.extend(grid(d));
        check(&src, &VARS[..d], &points).map_err(TestCaseError::fail)?;
    }
}

#[test]
fn the_longest_expressions_fit_or_stay_interpreted() {
    // 10,000 characters: generated when the locals fit, never invalid.
    let mut s = String::new();
    let mut k = 1;
    while s.len() < 9_900 {
        if k > 1 {
            s.push('+');
        }
        s.push_str(&format!("sin({}*x)*cos(y/{})/{k}", k % 7 + 1, k % 5 + 1));
        k += 1;
    }
    let graph = Graph::parse_with_vars(&s, &["x", "y"]).unwrap();
    if jit::module(&graph).is_some() {
        check(&s, &["x", "y"], &grid(2)[..5]).unwrap();
    }
}
