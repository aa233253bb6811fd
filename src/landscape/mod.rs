//! Loss landscapes as pictures: sampling C(θ) over a view, mapping values to
//! colours (linear or log scale), and contour lines by marching squares.
//!
//! Everything here works on plain buffers: the page puts the RGBA result on a
//! canvas in one call. A costly landscape is refined progressively
//! ([`refine`]): a coarse preview first, then the full grid in small calls.

pub mod approx;
pub mod colormap;
pub mod contour;
pub mod grid;
pub mod refine;
pub mod render;
pub mod scale;

pub use crate::view::View;
pub use grid::Grid;
pub use refine::Refinement;
pub use render::{Landscape, RenderOptions, paint, render};
pub use scale::{FastUnit, Scale};
