//! saddle: the optimizers, automatic differentiation and loss landscapes of
//! chapter 4, "Optimization Algorithms", as a plain Rust library.
//!
//! The core is pure: nothing here touches the browser. The `wasm` module is
//! the one thin `#[wasm_bindgen]` surface over it, and `src/bin/saddle.rs` is
//! the command line.
//!
//! - [`expr`]: typed expressions compiled to a computational graph, with
//!   forward and backward mode automatic differentiation (section 4.4).
//! - [`objective`]: loss functions C(θ), built in or typed.
//! - [`optim`]: every method of the chapter, one iteration at a time.
//! - [`run`]: the loop, the termination conditions and the trajectory.
//! - [`export`]: a session's runs as CSV and JSON (the CLI's `run` output and
//!   the page's download).
//! - [`keys`]: the one key-table mechanism behind every text surface.
//! - [`text`]: superscript exponents and the words for NaN, ±∞ and 0.

pub mod catalog;
pub mod explorer;
pub mod export;
pub mod expr;
pub mod keys;
pub mod landscape;
pub mod lane;
pub mod learn;
pub mod math;
pub mod objective;
pub mod optim;
pub mod order;
pub mod playground;
pub mod plot;
pub mod rng;
pub mod run;
pub mod scene;
pub mod text;
pub mod view;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
