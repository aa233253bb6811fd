//! Pictures for export, on any plotters backend (a canvas at twice the
//! screen's resolution for PNG, SVG): the map (or the 1-D curve), a chart,
//! the 3-D view, and the figure for a slide that puts the map, a chart and
//! one legend together under a title.
//!
//! The landscape itself is a bitmap: the caller places it (`putImageData`
//! on a canvas, an `<image>` in SVG) through the `heat` callback, before the
//! overlay is drawn over it.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{ChartKind, Playground};
use crate::landscape::Landscape;
use crate::plot::legend::{self, LegendEntry};
use crate::plot::{Layout, err, palette};

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The landscape with its overlay (the curve in one dimension).
    Map,
    Chart(ChartKind),
    Surface,
    /// Map, chart and legend in one picture, under a title.
    Figure(ChartKind),
}

impl Part {
    /// `map`, `surface`, `chart:loss`, `figure:loss`, … (`figure` alone: with the loss chart).
    pub fn parse(name: &str) -> Option<Part> {
        let (what, chart) = name.split_once(':').unwrap_or((name, "loss"));
        let kind = ChartKind::parse(chart)?;
        Some(match what {
            "map" => Part::Map,
            "surface" => Part::Surface,
            "chart" => Part::Chart(kind),
            "figure" => Part::Figure(kind),
            _ => return None,
        })
    }
}

/// Where a bitmap goes: left, top, width, height in pixels of the backend.
pub type Placement = (i32, i32, u32, u32);

/// The figure's size in CSS pixels: 16:9, for a slide.
pub const FIGURE: (u32, u32) = (1600, 900);

impl Playground {
    /// Draws `part` over `area`, whose size and look `layout` gives. For the
    /// map, `heat` is called first with the landscape rendered for that size
    /// and where it goes.
    pub fn draw_part<DB: DrawingBackend>(
        &mut self,
        area: &DrawingArea<DB, Shift>,
        layout: &Layout,
        part: Part,
        heat: &mut dyn FnMut(&Landscape, Placement) -> Result<(), String>,
    ) -> Result<(), String> {
        match part {
            Part::Map => self.draw_map(area, layout, true, heat),
            Part::Chart(kind) => crate::plot::chart::draw(area, layout, &self.chart(kind)),
            Part::Surface => {
                let scene = self.surface(64);
                crate::plot::surface::draw(area, layout, &scene)
            }
            Part::Figure(kind) => self.draw_figure(area, layout, kind, heat),
        }
    }

    /// The map at `layout` (its own size and resolution). `alone`: on its own
    /// white background with its legend; else inside a figure, which has
    /// both (so in SVG the landscape can go just above the one background).
    pub(super) fn draw_map<DB: DrawingBackend>(
        &mut self,
        area: &DrawingArea<DB, Shift>,
        layout: &Layout,
        alone: bool,
        heat: &mut dyn FnMut(&Landscape, Placement) -> Result<(), String>,
    ) -> Result<(), String> {
        // Every picture of the map reads the playground's layout: lend it the export's.
        let (saved_layout, saved_land) = (self.layout, self.landscape.take());
        self.layout = *layout;
        let result = (|| {
            if alone {
                area.fill(&WHITE).map_err(err)?;
            }
            if self.dim() == 2 {
                let land = self.landscape()?.clone();
                let (ox, oy) = area.get_base_pixel();
                let at = (
                    ox + layout.left as i32,
                    oy + layout.top as i32,
                    layout.plot_w,
                    layout.plot_h,
                );
                heat(&land, at)?;
                let view = self.fitted_view();
                let mut overlay = self.overlay();
                if !alone {
                    overlay.legend.clear();
                }
                crate::plot::overlay::draw(area, layout, &view, &overlay)
            } else {
                let mut scene = self.curve();
                if !alone {
                    scene.legend.clear();
                }
                crate::plot::curve::draw(area, layout, &scene)
            }
        })();
        self.layout = saved_layout;
        self.landscape = saved_land;
        result
    }

    /// Title on top; the map on the left; the chart and one legend on the right.
    fn draw_figure<DB: DrawingBackend>(
        &mut self,
        area: &DrawingArea<DB, Shift>,
        layout: &Layout,
        kind: ChartKind,
        heat: &mut dyn FnMut(&Landscape, Placement) -> Result<(), String>,
    ) -> Result<(), String> {
        area.fill(&WHITE).map_err(err)?;
        let (w, h) = area.dim_in_pixel();
        let (w, h) = (w as i32, h as i32);
        // Seen from the back of a room: everything half as large again as on screen.
        let layout = &Layout::themed(layout.width, layout.height, layout.dpr * 1.5, layout.theme);
        let pad = layout.px(16.0);
        let title_h = layout.font(22.0) * 2;
        let title = (FontFamily::SansSerif, layout.font(22.0))
            .into_font()
            .color(&palette::INK);
        area.draw(&Text::new(self.figure_title(), (pad, pad), title.into_text_style(area)))
            .map_err(err)?;
        let side = (h - title_h - pad).min(w * 11 / 20).max(64);
        let map_area = area.clone().shrink((0, title_h), (side as u32, side as u32));
        let map_layout = Layout::themed(side as u32, side as u32, layout.dpr, layout.theme);
        self.draw_map(&map_area, &map_layout, false, heat)?;
        let right_w = w - side - pad;
        let entries: Vec<LegendEntry> = self.legend();
        let (_, legend_h) = legend::size(area, layout, &entries, right_w - pad, h / 3)?;
        let chart_h = (h - title_h - legend_h - 3 * pad).max(64);
        let chart_area = area
            .clone()
            .shrink((side + pad / 2, title_h), (right_w as u32, chart_h as u32));
        let chart_layout = Layout::themed(right_w as u32, chart_h as u32, layout.dpr, layout.theme);
        let mut chart = self.chart(kind);
        chart.legend.clear();
        crate::plot::chart::draw(&chart_area, &chart_layout, &chart)?;
        legend::draw_at(
            area,
            layout,
            &entries,
            (side + pad, title_h + chart_h + pad),
            (right_w - pad, h / 3),
        )
    }

    /// What the scene is, for the figure's title: the gallery entry's title,
    /// or the function's name and formula.
    pub fn figure_title(&self) -> String {
        let scene = self.session.scene();
        if let Some(p) = scene.preset.as_deref().and_then(crate::scene::presets::preset) {
            return p.title.to_string();
        }
        match scene.function.spec() {
            crate::scene::FunctionSpec::Builtin(f) => format!("{}: C = {}", f.name, f.formula),
            crate::scene::FunctionSpec::Expr(e) => format!("C = {e}"),
            crate::scene::FunctionSpec::Data(d) => format!("C from data: {}", d.to_text()),
        }
    }
}
