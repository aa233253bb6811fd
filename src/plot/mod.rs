//! Everything the page draws besides the landscape bitmap: the overlay on the
//! landscape (axes, critical points, trajectories, line-search probes,
//! velocity arrows, local quadratic models), the charts, the one-dimensional
//! curve and the 3-D surface.
//!
//! Each drawing function takes a plotters drawing area, so the page draws on
//! an HTML canvas (plotters-canvas) and native tests draw the same pictures
//! into SVG. Inputs are plain data prepared by [`crate::playground`].

pub mod chart;
pub mod curve;
pub mod data;
pub mod layout;
pub mod overlay;
pub mod palette;
pub mod surface;

pub use layout::Layout;

/// Errors from plotters, as text.
pub fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing failed: {e:?}")
}
