//! The playground's canvas: the layout, theme and colour map, the
//! visible region (zoom, pan, reset), what is under the mouse, and the cached
//! landscape and critical points of the view.

use super::summary::Clock;
use super::{Playground, Readout, drawable};
use crate::landscape::colormap::Colormap;
use crate::landscape::refine::COARSE_POINTS;
use crate::landscape::{Landscape, Refinement, RenderOptions, View};
use crate::objective::critical::{CriticalPoint, CriticalSearch};
use crate::plot::{Layout, Theme};
use crate::scene::url;

/// The first picture after a change samples for at most this long after
/// its preview: a landscape sampled by then is drawn in that call, a
/// costlier one is refined progressively.
pub const AT_ONCE_MS: f64 = 20.0;

/// The step in which a browser's clock reads (`performance.now()`).
const CLOCK_STEP_MS: f64 = 0.1;

/// One slice of refinement: sampling in chunks of about a quarter of `ms`
/// by the cost per point measured so far, until `ms` have passed by the
/// clock (so a slice stays short when the machine is busy), measuring that
/// cost again; or, once every pixel is sampled, the finished picture's
/// paint. Returns whether the picture is finished.
fn slice(r: &mut Refinement, objective: &dyn crate::objective::Objective, clock: Option<Clock>, ms: f64) -> bool {
    let Some(c) = clock else {
        return r.work(objective, r.budget(ms));
    };
    if r.remaining() == 0 {
        return r.work(objective, 1);
    }
    let chunk = r.budget(ms / 4.0);
    let (t0, before) = (c(), r.remaining());
    while r.remaining() > 0 {
        r.work(objective, chunk.min(r.remaining()));
        if c() - t0 >= ms {
            break;
        }
    }
    // The newest measure counts most: the machine's load changes.
    let per = (c() - t0).max(0.0) / (before - r.remaining()) as f64;
    r.point_ms = if r.point_ms > 0.0 {
        0.5 * (r.point_ms + per)
    } else {
        per
    };
    false
}

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

    /// The heat map for the current view and layout, finished (a refinement
    /// in progress is completed in this call; rendered on demand, cached).
    pub fn landscape(&mut self) -> Result<&Landscape, String> {
        self.start_landscape(false)?;
        let objective = self.objective().clone();
        let r = self.landscape.as_mut().expect("just started");
        Ok(r.finish(objective.as_ref()))
    }

    /// The best heat map for the current view and layout now: the finished
    /// one, or while a costly one is refined ([`Playground::refine`]), its
    /// coarse preview with the rows sampled so far. The first call after a
    /// change samples the full grid for up to half of [`AT_ONCE_MS`]: a
    /// landscape sampled by then is finished in this call; a costlier one gets
    /// a preview (about [`COARSE_POINTS`] points) and is sampled on until
    /// [`AT_ONCE_MS`].
    pub fn picture(&mut self) -> Result<&Landscape, String> {
        self.start_landscape(true)?;
        Ok(self
            .landscape
            .as_ref()
            .and_then(Refinement::picture)
            .expect("a started landscape has a picture"))
    }

    /// Works on the landscape being refined for about `ms` milliseconds
    /// (by the cost per point measured so far; the last call also paints the
    /// finished picture's colours and contours). Returns whether more work
    /// is left; false when there is nothing to refine (no landscape started
    /// since the last change, or it is finished).
    pub fn refine(&mut self, ms: f64) -> bool {
        let objective = self.objective().clone();
        let clock = self.clock;
        match self.landscape.as_mut() {
            Some(r) if !r.is_finished() => !slice(r, objective.as_ref(), clock, ms),
            _ => false,
        }
    }

    /// What identifies the heat map [`Playground::picture`] shows now (none
    /// before one is started): unchanged while its pixels are.
    pub fn picture_stamp(&self) -> Option<(u64, usize, bool)> {
        self.landscape.as_ref().map(Refinement::stamp)
    }

    /// Whether the landscape shown is still being refined.
    pub fn refining(&self) -> bool {
        self.landscape.as_ref().is_some_and(|r| !r.is_finished())
    }

    /// The share of the landscape being refined that is sampled (1 when finished).
    pub fn refine_progress(&self) -> f64 {
        self.landscape.as_ref().map_or(1.0, Refinement::progress)
    }

    /// Starts the landscape of the current view and layout if there is
    /// none. When `preview` is asked for and a clock measures it, the full
    /// grid is sampled first and a preview is added only if that does not
    /// finish within half of [`AT_ONCE_MS`]; otherwise it is finished at once.
    fn start_landscape(&mut self, preview: bool) -> Result<(), String> {
        if self.dim() != 2 {
            return Err("one-dimensional functions have no landscape".into());
        }
        if self.landscape.is_some() {
            return Ok(());
        }
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
        let objective = self.objective().clone();
        let total = opts.width * opts.height;
        let clock = self.clock.filter(|_| preview && total > 4 * COARSE_POINTS);
        let Some(c) = clock else {
            let mut r = Refinement::new(objective.as_ref(), &view, &opts, 0)?;
            r.finish(objective.as_ref());
            self.landscape = Some(r);
            return Ok(());
        };
        // The full grid first, a row at a time: a landscape sampled within
        // half of AT_ONCE_MS is drawn at once, with no preview to paint and
        // scale up (a pan frame on a cheap function pays for nothing else).
        let t0 = c();
        let mut r = Refinement::new(objective.as_ref(), &view, &opts, 0)?;
        let mut chunk = opts.width;
        while r.remaining() > 0 && c() - t0 < AT_ONCE_MS / 2.0 {
            let before = r.remaining();
            r.work(objective.as_ref(), chunk.min(before));
            let sampled = total - r.remaining();
            r.point_ms = (c() - t0).max(CLOCK_STEP_MS) / sampled as f64;
            chunk = chunk.max(r.budget(AT_ONCE_MS / 8.0));
            debug_assert!(r.remaining() < before);
        }
        if r.remaining() > 0 {
            // Costly: a coarse preview now, then sampling on while there is time.
            let tp = c();
            r.add_preview(objective.as_ref(), COARSE_POINTS)?;
            if r.point_ms <= 0.0 {
                // Not a row sampled yet: the preview's cost per point is the measure
                // (a clock reads in steps: at most one step over its points).
                let coarse = r.picture().map_or(1, |p| p.grid.values.len());
                r.point_ms = (c() - tp).max(CLOCK_STEP_MS) / coarse as f64;
            }
            while r.remaining() > 0 && c() - t0 < AT_ONCE_MS {
                slice(&mut r, objective.as_ref(), clock, AT_ONCE_MS / 4.0);
            }
        }
        if r.remaining() == 0 {
            r.finish(objective.as_ref());
        }
        self.landscape = Some(r);
        Ok(())
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
