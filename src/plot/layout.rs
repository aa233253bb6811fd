//! Where the plot sits on a canvas, the mapping between θ and pixels, and
//! the look (standard, or the projector theme's larger text and heavier lines).

use serde::Serialize;

use crate::landscape::View;

/// How pictures look: the standard theme, or a high-contrast one with larger
/// text and heavier lines for a projector in class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Standard,
    Projector,
}

impl Theme {
    /// From its name (`standard`, `projector`).
    pub fn parse(name: &str) -> Option<Theme> {
        match name {
            "standard" => Some(Theme::Standard),
            "projector" => Some(Theme::Projector),
            _ => None,
        }
    }

    /// Text size relative to the standard theme.
    pub fn text(self) -> f64 {
        match self {
            Theme::Standard => 1.0,
            Theme::Projector => 1.4,
        }
    }

    /// Line widths relative to the standard theme.
    pub fn stroke(self) -> f64 {
        match self {
            Theme::Standard => 1.0,
            Theme::Projector => 1.6,
        }
    }
}

/// A canvas of `width`×`height` device pixels with room for axis labels; the
/// plotting rectangle starts at (`left`, `top`) and is `plot_w`×`plot_h`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Layout {
    pub width: u32,
    pub height: u32,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    pub left: u32,
    pub top: u32,
    pub plot_w: u32,
    pub plot_h: u32,
    pub theme: Theme,
}

/// Label areas (tick labels and the axis title) and margins in CSS pixels,
/// at the standard text size.
pub const LEFT: f64 = 56.0;
pub const BOTTOM: f64 = 40.0;
pub const TOP: f64 = 8.0;
pub const RIGHT: f64 = 10.0;

impl Layout {
    /// The layout of a `width`×`height` canvas at `dpr` device pixels per CSS pixel.
    pub fn new(width: u32, height: u32, dpr: f64) -> Layout {
        Layout::themed(width, height, dpr, Theme::Standard)
    }

    /// [`Layout::new`] in a theme (the label areas grow with its text).
    pub fn themed(width: u32, height: u32, dpr: f64, theme: Theme) -> Layout {
        let dpr = if dpr.is_finite() && dpr > 0.25 {
            dpr.min(8.0)
        } else {
            1.0
        };
        let px = |css: f64| (css * dpr * theme.text()).round() as u32;
        let (left, top) = (px(LEFT), px(TOP));
        let plot_w = width.saturating_sub(left + px(RIGHT)).max(1);
        let plot_h = height.saturating_sub(top + px(BOTTOM)).max(1);
        Layout {
            width,
            height,
            dpr,
            left,
            top,
            plot_w,
            plot_h,
            theme,
        }
    }

    /// A CSS size in device pixels.
    pub fn px(&self, css: f64) -> i32 {
        (css * self.dpr).round() as i32
    }

    /// A CSS text size in device pixels, in the theme's text size (at least 8).
    pub fn font(&self, css: f64) -> i32 {
        ((css * self.dpr * self.theme.text()).round() as i32).max(8)
    }

    /// A CSS line width in device pixels, in the theme's weight (at least 1).
    pub fn stroke(&self, css: f64) -> u32 {
        ((css * self.dpr * self.theme.stroke()).round() as u32).max(1)
    }

    /// `view` widened along one axis so that a unit is as long across as up
    /// and down: circles stay round and orthogonal steps look orthogonal.
    pub fn fit(&self, view: &View) -> View {
        let (cx, cy) = ((view.x0 + view.x1) / 2.0, (view.y0 + view.y1) / 2.0);
        let aspect = self.plot_w as f64 / self.plot_h as f64;
        let (mut w, mut h) = (view.width(), view.height());
        if w / h < aspect {
            w = h * aspect;
        } else {
            h = w / aspect;
        }
        View::new(cx - w / 2.0, cx + w / 2.0, cy - h / 2.0, cy + h / 2.0)
    }

    /// The θ-coordinates under canvas pixel (px, py), for a fitted view.
    pub fn to_point(&self, view: &View, px: f64, py: f64) -> (f64, f64) {
        let x = view.x0 + (px - self.left as f64) / self.plot_w as f64 * view.width();
        let y = view.y1 - (py - self.top as f64) / self.plot_h as f64 * view.height();
        (x, y)
    }

    /// The canvas pixel of θ = (x, y), for a fitted view.
    pub fn to_pixel(&self, view: &View, x: f64, y: f64) -> (f64, f64) {
        let px = self.left as f64 + (x - view.x0) / view.width() * self.plot_w as f64;
        let py = self.top as f64 + (view.y1 - y) / view.height() * self.plot_h as f64;
        (px, py)
    }

    /// The plotting rectangle as left, top, right, bottom pixels.
    pub fn plot_rect(&self) -> (i32, i32, i32, i32) {
        (
            self.left as i32,
            self.top as i32,
            (self.left + self.plot_w) as i32,
            (self.top + self.plot_h) as i32,
        )
    }

    /// Whether canvas pixel (px, py) is inside the plotting rectangle.
    pub fn inside(&self, px: f64, py: f64) -> bool {
        px >= self.left as f64
            && py >= self.top as f64
            && px <= (self.left + self.plot_w) as f64
            && py <= (self.top + self.plot_h) as f64
    }
}
