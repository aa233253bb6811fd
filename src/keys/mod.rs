//! One key-table mechanism for every text surface: method hyperparameters,
//! lane keys, data options, the scene link, the training link, the explorer
//! link and the command line.
//!
//! A key is declared once, as a [`ParamInfo`] (key, symbol, [`ParamKind`]
//! with its range, default, help); a surface is a table of [`Row`]s that bind
//! keys to a typed target. Text exists only at the edges: [`table::decode`]
//! reads `key=value` pairs into typed values (leniently, with a [`Notice`]
//! for everything it could not use; the command line treats a notice as an
//! error), [`table::encode`] writes them back, [`table::usage`] prints the
//! command line's help, and `catalog()` hands the same tables to the page.
//!
//! - [`info`]: [`ParamInfo`], [`ParamKind`]: one key, and writing its values;
//!   [`read`]: reading, checking and clamping its text; [`value`]: [`Value`].
//! - [`params`]: [`Params`], the values of one method's table.
//! - [`table`]: [`Row`], [`Notice`] and the decode and encode loops.
//! - [`call`]: the `id(key=value,…)` grammar of lanes and data specs.
//! - [`percent`]: the one percent codec of links.
//! - [`names`]: an enum's `(value, name)` table, looked up both ways.
//!
//! This module depends on nothing else in the crate, so every layer can use it.

pub mod call;
pub mod info;
pub mod names;
pub mod params;
pub mod percent;
pub mod read;
pub mod table;
pub mod value;

pub use call::Call;
pub use info::{Clamp, ParamInfo, ParamKind, choice, flag, fmt_num, int, key, real, short, text};
pub use params::Params;
pub use read::{ParamError, Read, parse_points};
pub use table::{Notice, Row};
pub use value::{Value, format_points};
