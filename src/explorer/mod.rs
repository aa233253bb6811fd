//! The autodiff explorer (section 4.4 at work): a person types any function
//! and watches the computational graph of Figure 4.7, forward mode
//! (Table 4.2) and backward mode (Tables 4.1 and 4.3) step by step, the
//! Jacobian, jvp, vjp and Hessian, and a gradient check against finite
//! differences (4.26).
//!
//! Everything here is plain data and drawing functions over [`crate::expr`];
//! the page (`www/autodiff.html`) only shows it, through the thin
//! `wasm::explorer` adapter.
//!
//! - [`session`]: [`Explorer`], the page's state and its [`View`];
//! - [`steps`]: which values are known after k steps;
//! - [`tables`]: Tables 4.1–4.3 in the book's layout;
//! - [`layout`] and [`draw`]: the graph, laid out and drawn with plotters;
//! - [`check`]: the gradient check and its log-log chart;
//! - [`limits`]: how large a function the page shows;
//! - [`point`]: typed numbers (`pi/6`); [`format`]: printed numbers;
//! - [`url`]: the query string and the presets.

pub mod check;
pub mod draw;
pub mod exact;
pub mod exact_trace;
pub mod format;
pub mod layout;
pub mod limits;
pub mod point;
pub mod session;
pub mod steps;
pub mod tables;
pub mod url;
pub mod view;

pub use layout::{Geometry, GraphLayout, Part};
pub use point::InputError;
pub use session::{Direction, Explorer, View};
pub use steps::{Item, Mode, Progress};
pub use tables::{Row, RowState, Table};
pub use url::{KEYS, PRESETS, Preset};
