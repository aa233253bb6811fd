//! The loader of the JIT (`crate::expr::jit`): instantiates a generated
//! module with this module's memory and libm, puts its functions into this
//! module's function table and hands the core their indices as function
//! pointers. Calls then go wasm to wasm through `call_indirect`, with no JS
//! in between.
//!
//! The table must be growable: `./build.sh wasm` links with
//! `--growable-table`. Where it is not (or anything else fails), the loader
//! answers `None` and the expression stays interpreted.

use std::cell::{Cell, RefCell};

use js_sys::{Function, Object, Reflect, Uint8Array, WebAssembly};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::expr::jit::{self, Compiled, Import};

// The functions a generated module imports: this module's own libm, so the
// compiled code rounds exactly as the interpreter (and the command line) do.
// A wasm export imported by another module must have the import's exact type.
macro_rules! export_unary {
    ($($name:ident => $f:expr),* $(,)?) => {
        $(
            #[unsafe(no_mangle)]
            pub extern "C" fn $name(a: f64) -> f64 {
                $f.eval(a, 0.0)
            }
        )*
    };
}

export_unary! {
    saddle_jit_exp => Import::Exp,
    saddle_jit_sin => Import::Sin,
    saddle_jit_cos => Import::Cos,
    saddle_jit_tan => Import::Tan,
    saddle_jit_log => Import::Log,
    saddle_jit_tanh => Import::Tanh,
    saddle_jit_sigmoid => Import::Sigmoid,
    saddle_jit_softplus => Import::Softplus,
}

// For pictures only: the `values` function (landscape rows) runs in a second
// instance of the module whose exp, sin and cos are these polynomials
// (`crate::landscape::approx`); value and gradient keep libm.
#[unsafe(no_mangle)]
pub extern "C" fn saddle_px_exp(a: f64) -> f64 {
    crate::landscape::approx::exp(a)
}

#[unsafe(no_mangle)]
pub extern "C" fn saddle_px_sin(a: f64) -> f64 {
    crate::landscape::approx::sin(a)
}

#[unsafe(no_mangle)]
pub extern "C" fn saddle_px_cos(a: f64) -> f64 {
    crate::landscape::approx::cos(a)
}

#[unsafe(no_mangle)]
pub extern "C" fn saddle_jit_pow(a: f64, b: f64) -> f64 {
    Import::Pow.eval(a, b)
}

thread_local! {
    /// Table slots (blocks of three) freed by dropped expressions.
    static FREE: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
    static LOADED: Cell<u32> = const { Cell::new(0) };
}

/// Installs the loader (at start).
pub(crate) fn install() {
    jit::set_loader(load);
}

/// How many generated modules the page has loaded (the browser tests check
/// that a typed expression takes the compiled path).
#[wasm_bindgen(js_name = jitModules)]
pub fn jit_modules() -> u32 {
    LOADED.with(Cell::get)
}

fn set(target: &Object, key: &str, value: &JsValue) -> Option<()> {
    Reflect::set(target, &key.into(), value).ok().map(|_| ())
}

fn load(bytes: &[u8]) -> Option<Compiled> {
    let module = WebAssembly::Module::new(&Uint8Array::from(bytes).into()).ok()?;
    let ours = wasm_bindgen::exports();
    let math = Object::new();
    for f in Import::ALL {
        let export = Reflect::get(&ours, &format!("saddle_jit_{}", f.name()).into()).ok()?;
        set(&math, f.name(), &export)?;
    }
    let env = Object::new();
    set(&env, jit::MEMORY.1, &wasm_bindgen::memory())?;
    let imports = Object::new();
    set(&imports, jit::MEMORY.0, &env)?;
    set(&imports, jit::MATH, &math)?;
    let instance = WebAssembly::Instance::new(&module, &imports).ok()?;
    let func = |instance: &WebAssembly::Instance, name: &str| -> Option<Function> {
        Reflect::get(&instance.exports(), &name.into()).ok()?.dyn_into().ok()
    };
    let (value, grad) = (func(&instance, "value")?, func(&instance, "grad")?);
    // The picture's instance: the same code with the approximate exp, sin, cos.
    for (name, fast) in [
        ("exp", "saddle_px_exp"),
        ("sin", "saddle_px_sin"),
        ("cos", "saddle_px_cos"),
    ] {
        set(&math, name, &Reflect::get(&ours, &fast.into()).ok()?)?;
    }
    let pixels = WebAssembly::Instance::new(&module, &imports).ok()?;
    let values = func(&pixels, "values")?;
    let table: WebAssembly::Table = wasm_bindgen::function_table().dyn_into().ok()?;
    let base = match FREE.with(|f| f.borrow_mut().pop()) {
        Some(b) => b,
        None => table.grow(3).ok()?,
    };
    for (k, f) in [&value, &grad, &values].into_iter().enumerate() {
        if table.set(base + k as u32, f).is_err() {
            FREE.with(|free| free.borrow_mut().push(base));
            return None;
        }
    }
    LOADED.with(|n| n.set(n.get() + 1));
    // SAFETY: on wasm32 a function pointer is an index into this module's
    // function table, and these slots hold the generated functions, whose
    // types are the ones written here (`call_indirect` checks them anyway).
    unsafe {
        Some(Compiled {
            value: std::mem::transmute::<usize, unsafe extern "C" fn(*const f64) -> f64>(base as usize),
            grad: std::mem::transmute::<usize, unsafe extern "C" fn(*const f64, *mut f64) -> f64>(base as usize + 1),
            values: std::mem::transmute::<usize, unsafe extern "C" fn(*const *const f64, *mut f64, u32)>(
                base as usize + 2,
            ),
            release: Some(Box::new(move || FREE.with(|f| f.borrow_mut().push(base)))),
        })
    }
}
