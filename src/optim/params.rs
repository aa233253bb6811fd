//! Hyperparameters, described by one table per method.
//!
//! Each method file declares its parameters once, as a `&'static [ParamInfo]`
//! (key, symbol, default, range, help). That table drives validation, the
//! sliders on the page, the URL format, the CLI's `--help` and its flags, so
//! a parameter is added in exactly one place. The mechanism itself lives in
//! [`crate::keys`], which every other text surface uses too.

pub use crate::keys::{Clamp, ParamError, ParamInfo, ParamKind, Params, Value, choice, flag, fmt_num, int, real};
