//! The playground's canvas: the layout, theme and colour map, the
//! visible region (zoom, pan, reset), what is under the mouse, and the cached
//! landscape and critical points of the view.

use super::Clock;
use super::{Playground, Readout, drawable};
use crate::landscape::colormap::Colormap;
use crate::landscape::{Landscape, RenderOptions, View, render};
use crate::objective::critical::{CriticalPoint, CriticalSearch};
use crate::plot::{Layout, Theme};
use crate::scene::url;

impl Playground {
    /// Sets the main canvas size in device pixels.
    pub fn set_layout(&mut self, width: u32, height: u32, dpr: f64) {
        let layout = Layout::themed(width.clamp(64, 8192), height.clamp(64, 8192), dpr, self.layout.theme);
        if layout != self.layout {
            self.layout = layout;
            self.landscape = None;
        }
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The layout of another canvas (a chart, an export) in the current theme.
    pub fn layout_for(&self, width: u32, height: u32, dpr: f64) -> Layout {
        Layout::themed(width.clamp(16, 8192), height.clamp(16, 8192), dpr, self.layout.theme)
    }

    /// The standard look, or the projector's larger text and heavier lines.
    pub fn set_theme(&mut self, theme: Theme) {
        let l = self.layout;
        self.layout = Layout::themed(l.width, l.height, l.dpr, theme);
        self.landscape = None;
    }

    pub fn theme(&self) -> Theme {
        self.layout.theme
    }

    /// The colour map of the landscape and the 3-D view.
    pub fn set_colormap(&mut self, colormap: Colormap) {
        if colormap != self.colormap {
            self.colormap = colormap;
            self.landscape = None;
        }
    }

    pub fn colormap(&self) -> Colormap {
        self.colormap
    }

    /// The visible view, fitted to the canvas (equal scales in 2-D).
    pub fn fitted_view(&self) -> View {
        if self.dim() == 2 {
            self.layout.fit(&self.view)
        } else {
            self.view
        }
    }

    /// Zooms by `factor` (< 1 in) about canvas pixel (px, py).
    pub fn zoom(&mut self, px: f64, py: f64, factor: f64) {
        if !(factor.is_finite() && factor > 0.0) {
            return;
        }
        let v = self.fitted_view();
        let (cx, cy) = self.layout.to_point(&v, px, py);
        let cy = if self.dim() == 1 { (v.y0 + v.y1) / 2.0 } else { cy };
        let z = v.zoom(cx, cy, factor.clamp(0.2, 5.0));
        if url::carries(&z) && z.width() > 1e-9 && z.width() < 1e9 {
            self.view = z;
            self.landscape = None;
        }
    }

    /// Pans by (dx, dy) canvas pixels; a pan that would leave a view that
    /// cannot be drawn (NaN, infinite, absurdly far) is ignored.
    pub fn pan(&mut self, dx: f64, dy: f64) {
        let v = self.fitted_view();
        let ux = v.width() / self.layout.plot_w as f64;
        let uy = v.height() / self.layout.plot_h as f64;
        let dy = if self.dim() == 1 { 0.0 } else { dy };
        // A pan beyond what the link can carry (or to NaN) is ignored.
        let panned = v.pan(-dx * ux, dy * uy);
        if url::carries(&panned) {
            self.view = panned;
            self.landscape = None;
        }
    }

    /// Back to the function's default view.
    pub fn reset_view(&mut self) {
        self.view = drawable(self.session.default_view());
        self.landscape = None;
    }

    /// θ under canvas pixel (px, py) (θ1 only in one dimension).
    pub fn point_at(&self, px: f64, py: f64) -> Vec<f64> {
        let (x, y) = self.layout.to_point(&self.fitted_view(), px, py);
        if self.dim() == 1 { vec![x] } else { vec![x, y] }
    }

    /// Value and gradient under the mouse.
    pub fn readout(&self, theta: &[f64]) -> Option<Readout> {
        if theta.len() != self.dim() || !crate::math::all_finite(theta) {
            return None;
        }
        let mut g = vec![0.0; theta.len()];
        let value = self.objective().gradient(theta, &mut g);
        Some(Readout {
            theta: theta.to_vec(),
            value,
            gradient: g,
        })
    }

    /// The heat map for the current view and layout (rendered on demand, cached).
    pub fn landscape(&mut self) -> Result<&Landscape, String> {
        if self.dim() != 2 {
            return Err("one-dimensional functions have no landscape".into());
        }
        if self.landscape.is_none() {
            let view = self.fitted_view();
            let log = self.session.scene().function.info().and_then(|f| f.log);
            let opts = RenderOptions {
                width: self.layout.plot_w as usize,
                height: self.layout.plot_h as usize,
                log,
                contours: 14,
                line_width: self.layout.dpr as f32,
                colormap: self.colormap,
            };
            self.landscape = Some(render(self.objective().as_ref(), &view, &opts)?);
        }
        Ok(self.landscape.as_ref().expect("just rendered"))
    }

    /// Critical points in the fitted view. One search serves every view of
    /// a family (`CriticalSearch`): a pan or a small zoom runs only the seeds
    /// it uncovers, if any. With a clock ([`Playground::defer_critical`]) a
    /// frame runs new seeds for at most [`FRAME_MS`] (or all of them when
    /// nothing could be shown otherwise) and shows the points found so far;
    /// [`Playground::idle`] completes the view and runs ahead around it.
    pub fn critical(&mut self) -> &[CriticalPoint] {
        self.fit_search();
        let view = self.fitted_view();
        let fresh = self
            .critical
            .as_ref()
            .is_some_and(|(v, _, complete)| *v == view && *complete);
        if !fresh {
            let objective = self.objective().clone();
            let (found, complete) = match self.defer {
                Some(clock) if self.critical.is_some() => {
                    let end = clock() + FRAME_MS;
                    self.search.points(objective.as_ref(), &view, &mut || clock() < end)
                }
                _ => self.search.points(objective.as_ref(), &view, &mut || true),
            };
            self.critical = Some((view, found, complete));
        }
        &self.critical.as_ref().expect("just computed").1
    }

    /// Lets frames leave critical-point seeds to [`Playground::idle`], timed by `clock` (ms).
    pub fn defer_critical(&mut self, clock: Clock) {
        self.defer = Some(clock);
    }

    /// Work for a frame that draws nothing: runs critical-point seeds for at
    /// most `ms` milliseconds by the deferring clock (natively, without one,
    /// at most `ms` seeds), those of the view first, then those around it.
    /// Returns whether the picture should be drawn again (the points of the
    /// view may have changed).
    pub fn idle(&mut self, ms: f64) -> bool {
        if !self.show_critical || self.surface {
            return false;
        }
        self.fit_search();
        let view = self.fitted_view();
        if !self.search.pending(&view) {
            return false;
        }
        let objective = self.objective().clone();
        let (in_view, _) = match self.defer {
            Some(clock) => {
                let end = clock() + ms;
                self.search.work(objective.as_ref(), &view, &mut || clock() < end)
            }
            None => {
                let mut left = ms.max(0.0) as usize;
                self.search.work(objective.as_ref(), &view, &mut || {
                    left = left.saturating_sub(1);
                    left > 0
                })
            }
        };
        let stale = matches!(&self.critical, Some((v, _, false)) if *v == view);
        if !(in_view || stale) {
            return false;
        }
        // The answer with what has run now (running no seed).
        let answer = self.search.points(objective.as_ref(), &view, &mut || false);
        self.critical = Some((view, answer.0, answer.1));
        true
    }

    /// Whether [`Playground::idle`] has critical-point seeds left to run.
    pub fn idle_pending(&self) -> bool {
        self.show_critical && !self.surface && self.search.pending(&self.fitted_view())
    }
}

impl Playground {
    /// The search for the function's dimension: 28 seeds per side in two
    /// dimensions, 60 in one.
    fn fit_search(&mut self) {
        let seeds = if self.dim() == 1 { 60 } else { 28 };
        if self.search.seeds() != seeds {
            self.search = CriticalSearch::new(seeds, 400);
            self.critical = None;
        }
    }
}

/// Milliseconds a frame spends on new critical-point seeds at most.
pub const FRAME_MS: f64 = 3.0;

/// The playground's critical-point search before it knows the dimension.
pub(super) fn search() -> CriticalSearch {
    CriticalSearch::new(28, 400)
}
