//! Typed expressions compiled to WebAssembly at run time.
//!
//! [`module`] turns a scalar [`Graph`] into a small WebAssembly module of
//! straight-line code that exports three functions over the main module's
//! memory (pointers are byte addresses of f64 arrays):
//!
//! - `value(x) -> C(x)`;
//! - `grad(x, g) -> C(x)`, writing ∇C(x) to `g`;
//! - `values(coords, out, n)`: C at n points, coordinate j of point k at
//!   `coords[j][k]` (`coords` is an array of d pointers), for landscapes.
//!
//! The code is traced from the interpreter's own sweeps run on [`Sym`]
//! ([`sym`]), and imports `exp`, `sin`, `log`, … ([`Import`]) from the main
//! module's libm, so the numbers are the interpreter's bit for bit: the page
//! and the command line keep the same iterates. The page instantiates the
//! module once per expression and calls it through the function table
//! (`src/wasm/jit.rs`), wasm to wasm; natively the interpreter runs, and the
//! tests run the generated modules in a WebAssembly interpreter.
//!
//! This file is pure: it only writes bytes. Who loads them is set once with
//! [`set_loader`]; without a loader every expression is interpreted.

pub mod sym;

use std::sync::OnceLock;

use wasm_encoder::{
    BlockType, CodeSection, EntityType, ExportKind, ExportSection, Function, FunctionSection, ImportSection,
    InstructionSink, MemArg, MemoryType, Module, TypeSection, ValType,
};

use super::graph::Graph;
use super::program::Out;
pub use sym::{Import, Ins, Sym};

/// The generated module's import module for [`Import`] functions.
pub const MATH: &str = "m";
/// Where the generated module imports the main module's memory from.
pub const MEMORY: (&str, &str) = ("env", "memory");

/// Generated functions may use at most this many locals (engines accept
/// 50,000); longer expressions stay interpreted.
pub const MAX_LOCALS: u32 = 40_000;

/// The functions of a loaded module, callable from the core.
///
/// # Safety
/// Whoever builds one (the wasm layer) guarantees that each pointer is a
/// function of the generated module with the signature written here, and
/// that it stays callable until `release` runs.
pub struct Compiled {
    pub value: unsafe extern "C" fn(*const f64) -> f64,
    pub grad: unsafe extern "C" fn(*const f64, *mut f64) -> f64,
    pub values: unsafe extern "C" fn(*const *const f64, *mut f64, u32),
    /// Frees what the loader holds for this module (its table slots).
    pub release: Option<Box<dyn FnOnce()>>,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Compiled")
    }
}

impl Drop for Compiled {
    fn drop(&mut self) {
        if let Some(release) = self.release.take() {
            release();
        }
    }
}

/// Loads a generated module into callable functions, or `None` when it cannot.
pub type Loader = fn(&[u8]) -> Option<Compiled>;

static LOADER: OnceLock<Loader> = OnceLock::new();

/// Sets the loader (once; the wasm layer does it at start).
pub fn set_loader(loader: Loader) {
    let _ = LOADER.set(loader);
}

/// Compiles and loads `graph`, when a loader is set and the graph fits.
pub fn load(graph: &Graph) -> Option<Compiled> {
    let loader = LOADER.get()?;
    let bytes = module(graph)?;
    loader(&bytes)
}

const F64: MemArg = MemArg {
    offset: 0,
    align: 3,
    memory_index: 0,
};

fn at(offset: u64, align: u32) -> MemArg {
    MemArg {
        offset,
        align,
        memory_index: 0,
    }
}

/// Type indices of the generated module.
const T_UNARY: u32 = 0;
const T_BINARY: u32 = 1;
const T_GRAD: u32 = 2;
const T_VALUE: u32 = 3;
const T_VALUES: u32 = 4;

/// The module for a scalar graph: `value`, `grad` and `values`, or `None`
/// when the graph is not scalar or its code would need too many locals.
pub fn module(graph: &Graph) -> Option<Vec<u8>> {
    if graph.outputs() != 1 {
        return None;
    }
    let value = value_fn(graph)?;
    let grad = grad_fn(graph)?;
    let values = values_fn(graph)?;

    let mut types = TypeSection::new();
    types.ty().function([ValType::F64], [ValType::F64]);
    types.ty().function([ValType::F64, ValType::F64], [ValType::F64]);
    types.ty().function([ValType::I32, ValType::I32], [ValType::F64]);
    types.ty().function([ValType::I32], [ValType::F64]);
    types.ty().function([ValType::I32, ValType::I32, ValType::I32], []);

    let mut imports = ImportSection::new();
    imports.import(
        MEMORY.0,
        MEMORY.1,
        EntityType::Memory(MemoryType {
            minimum: 1,
            maximum: None,
            memory64: false,
            shared: false,
            page_size_log2: None,
        }),
    );
    for f in Import::ALL {
        let ty = if f.arity() == 2 { T_BINARY } else { T_UNARY };
        imports.import(MATH, f.name(), EntityType::Function(ty));
    }
    let base = Import::ALL.len() as u32;

    let mut functions = FunctionSection::new();
    functions.function(T_VALUE);
    functions.function(T_GRAD);
    functions.function(T_VALUES);

    let mut exports = ExportSection::new();
    exports.export("value", ExportKind::Func, base);
    exports.export("grad", ExportKind::Func, base + 1);
    exports.export("values", ExportKind::Func, base + 2);

    let mut code = CodeSection::new();
    code.function(&value);
    code.function(&grad);
    code.function(&values);

    let mut m = Module::new();
    m.section(&types);
    m.section(&imports);
    m.section(&functions);
    m.section(&exports);
    m.section(&code);
    Some(m.finish())
}

/// Pushes a traced value.
fn push(f: &mut InstructionSink<'_>, s: Sym) {
    match s {
        Sym::Local(l) => f.local_get(l),
        Sym::Const(c) => f.f64_const(c.into()),
    };
}

/// Writes the tape's instructions.
fn emit(f: &mut InstructionSink<'_>, code: &[Ins]) {
    for ins in code {
        match *ins {
            Ins::Get(l) => f.local_get(l),
            Ins::Set(l) => f.local_set(l),
            Ins::Const(c) => f.f64_const(c.into()),
            Ins::Add => f.f64_add(),
            Ins::Sub => f.f64_sub(),
            Ins::Mul => f.f64_mul(),
            Ins::Div => f.f64_div(),
            Ins::Neg => f.f64_neg(),
            Ins::Sqrt => f.f64_sqrt(),
            Ins::Abs => f.f64_abs(),
            Ins::Lt => f.f64_lt(),
            Ins::Gt => f.f64_gt(),
            Ins::Select => f.select(),
            Ins::Call(i) => f.call(i.index()),
        };
    }
}

/// The inputs θ_j as locals `first..first + d`, then the forward sweep of
/// values (the single-point and the batched value paths agree bit for bit).
fn trace_value(graph: &Graph, first: u32) -> (Sym, sym::Tape) {
    let d = graph.dim();
    let prog = &graph.prog;
    sym::trace(first + d as u32, || {
        let mut vals: Vec<Sym> = (0..prog.slots()).map(|_| Sym::Const(0.0)).collect();
        for (j, v) in vals.iter_mut().enumerate().take(d) {
            *v = Sym::Local(first + j as u32);
        }
        prog.forward_values(&mut vals);
        prog.output(&vals, 0)
    })
}

/// The f64 locals a body declares: the d inputs and the tape's results.
fn locals(d: usize, tape: &sym::Tape) -> Option<u32> {
    let n = d as u32 + tape.used;
    (n <= MAX_LOCALS).then_some(n)
}

fn value_fn(graph: &Graph) -> Option<Function> {
    let d = graph.dim();
    let first = 1; // param 0: x
    let (out, tape) = trace_value(graph, first);
    let mut func = Function::new([(locals(d, &tape)?, ValType::F64)]);
    let mut f = func.instructions();
    for j in 0..d {
        f.local_get(0).f64_load(at(8 * j as u64, 3)).local_set(first + j as u32);
    }
    emit(&mut f, &tape.code);
    push(&mut f, out);
    f.end();
    Some(func)
}

fn grad_fn(graph: &Graph) -> Option<Function> {
    let d = graph.dim();
    let prog = &graph.prog;
    let first = 2; // params 0: x, 1: g
    let ((value, grad), tape) = sym::trace(first + d as u32, || {
        let mut vals: Vec<Sym> = (0..prog.slots()).map(|_| Sym::Const(0.0)).collect();
        for (j, v) in vals.iter_mut().enumerate().take(d) {
            *v = Sym::Local(first + j as u32);
        }
        let mut w: Vec<Sym> = (0..prog.edges()).map(|_| Sym::Const(0.0)).collect();
        prog.init_weights(&mut w);
        // As `Graph::gradient_with`: the forward sweep with partials, the
        // adjoints zero but the output's 1, the backward sweep.
        prog.forward(&mut vals, &mut w);
        let mut adj: Vec<Sym> = (0..prog.slots()).map(|_| Sym::Const(0.0)).collect();
        if let Out::Slot(s) = prog.outputs[0] {
            adj[s as usize] = Sym::Const(1.0);
        }
        prog.backward(&w, &mut adj, true);
        (prog.output(&vals, 0), adj[..d].to_vec())
    });
    let mut func = Function::new([(locals(d, &tape)?, ValType::F64)]);
    let mut f = func.instructions();
    for j in 0..d {
        f.local_get(0).f64_load(at(8 * j as u64, 3)).local_set(first + j as u32);
    }
    emit(&mut f, &tape.code);
    for (j, g) in grad.iter().enumerate() {
        f.local_get(1);
        push(&mut f, *g);
        f.f64_store(at(8 * j as u64, 3));
    }
    push(&mut f, value);
    f.end();
    Some(func)
}

fn values_fn(graph: &Graph) -> Option<Function> {
    let d = graph.dim() as u32;
    // params 0: coords, 1: out, 2: n; i32 locals 3: k, 4..4+d: row pointers.
    let (k, rows) = (3, 4);
    let first = rows + d;
    let (out, tape) = trace_value(graph, first);
    let mut func = Function::new([(1 + d, ValType::I32), (locals(d as usize, &tape)?, ValType::F64)]);
    let mut f = func.instructions();
    for j in 0..d {
        f.local_get(0).i32_load(at(4 * j as u64, 2)).local_set(rows + j);
    }
    f.block(BlockType::Empty).loop_(BlockType::Empty);
    f.local_get(k).local_get(2).i32_ge_u().br_if(1);
    for j in 0..d {
        f.local_get(rows + j).f64_load(F64).local_set(first + j);
    }
    emit(&mut f, &tape.code);
    f.local_get(1);
    push(&mut f, out);
    f.f64_store(F64);
    f.local_get(1).i32_const(8).i32_add().local_set(1);
    for j in 0..d {
        f.local_get(rows + j).i32_const(8).i32_add().local_set(rows + j);
    }
    f.local_get(k).i32_const(1).i32_add().local_set(k);
    f.br(0).end().end().end();
    Some(func)
}
