//! The rectangle of the θ-plane (or the θ-interval, in one dimension) on screen.

use serde::{Deserialize, Serialize};

/// An axis-aligned box [x0, x1] × [y0, y1] in parameter space. In one
/// dimension only [x0, x1] is used.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct View {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
}

impl View {
    pub const fn new(x0: f64, x1: f64, y0: f64, y1: f64) -> Self {
        View { x0, x1, y0, y1 }
    }

    /// Checks that the box is finite, non-empty and not absurdly large or small.
    pub fn check(&self) -> Result<(), String> {
        let ok = |a: f64, b: f64| a.is_finite() && b.is_finite() && b > a && b - a > 1e-12 && b - a < 1e12;
        if !ok(self.x0, self.x1) {
            return Err(format!(
                "view x-range [{}, {}] must be finite and increasing",
                self.x0, self.x1
            ));
        }
        if !ok(self.y0, self.y1) {
            return Err(format!(
                "view y-range [{}, {}] must be finite and increasing",
                self.y0, self.y1
            ));
        }
        Ok(())
    }

    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    /// Whether (x, y) lies inside (boundary included).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }

    /// The θ-coordinates of the centre of pixel (i, j) on a w×h raster whose
    /// row 0 is the top (y = y1).
    pub fn pixel_to_point(&self, i: f64, j: f64, w: usize, h: usize) -> (f64, f64) {
        let x = self.x0 + (i + 0.5) / w as f64 * self.width();
        let y = self.y1 - (j + 0.5) / h as f64 * self.height();
        (x, y)
    }

    /// The pixel coordinates (fractional) of θ = (x, y) on a w×h raster.
    pub fn point_to_pixel(&self, x: f64, y: f64, w: usize, h: usize) -> (f64, f64) {
        let i = (x - self.x0) / self.width() * w as f64 - 0.5;
        let j = (self.y1 - y) / self.height() * h as f64 - 0.5;
        (i, j)
    }

    /// Zooms by `factor` (< 1 zooms in) keeping (cx, cy) fixed on screen.
    pub fn zoom(&self, cx: f64, cy: f64, factor: f64) -> View {
        View {
            x0: cx + (self.x0 - cx) * factor,
            x1: cx + (self.x1 - cx) * factor,
            y0: cy + (self.y0 - cy) * factor,
            y1: cy + (self.y1 - cy) * factor,
        }
    }

    /// Shifts by (dx, dy) in θ units.
    pub fn pan(&self, dx: f64, dy: f64) -> View {
        View {
            x0: self.x0 + dx,
            x1: self.x1 + dx,
            y0: self.y0 + dy,
            y1: self.y1 + dy,
        }
    }
}
