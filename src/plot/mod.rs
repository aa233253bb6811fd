//! Everything the page draws besides the landscape bitmap: the overlay on the
//! landscape (axes, critical points, trajectories, line-search probes,
//! velocity arrows, local quadratic models), the charts, the one-dimensional
//! curve, the 3-D surface, their legends and axes, and the figure that puts
//! a map, a chart and a legend together for a slide.
//!
//! Each drawing function takes a plotters drawing area, so the page draws on
//! an HTML canvas (plotters-canvas) and native tests draw the same pictures
//! into SVG. Inputs are plain data prepared by [`crate::playground`].

pub mod axis;
pub mod chart;
pub mod curve;
pub mod data;
pub mod frame;
pub mod layout;
pub mod legend;
pub mod overlay;
pub mod palette;
pub mod surface;
pub mod svg;

pub use layout::{Layout, Theme};
pub use legend::LegendEntry;

/// Errors from plotters, as text.
pub fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing failed: {e:?}")
}
