//! The legend: each lane's colour and its name (its label, or its method and
//! the hyperparameters that differ from their defaults), in a box placed in
//! the corner of the plot that hides the fewest of the drawn points.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Layout, err, palette};

/// One line of a legend.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LegendEntry {
    pub color: (u8, u8, u8),
    /// What the lane is: "Momentum α=0.01, β=0.9".
    pub text: String,
    /// A person's own name for the lane, shown instead of `text` when set.
    pub label: Option<String>,
    /// The lane diverged or failed (drawn with a cross).
    pub failed: bool,
}

impl LegendEntry {
    /// What the legend shows: the label, else the description.
    pub fn shown(&self) -> &str {
        self.label.as_deref().filter(|l| !l.is_empty()).unwrap_or(&self.text)
    }
}

/// A rectangle in pixels of a drawing area: left, top, right, bottom.
pub type Rect = (i32, i32, i32, i32);

/// The legend's measured rows, ready to draw.
struct Fitted {
    rows: Vec<(LegendEntry, String)>,
    columns: usize,
    col_w: i32,
    row_h: i32,
    pad: i32,
    swatch: i32,
    font: i32,
}

impl Fitted {
    fn size(&self) -> (i32, i32) {
        let per_col = self.rows.len().div_ceil(self.columns) as i32;
        (
            self.columns as i32 * self.col_w + 2 * self.pad,
            per_col * self.row_h + 2 * self.pad - (self.row_h - self.font),
        )
    }
}

fn style<'a>(layout: &Layout) -> TextStyle<'a> {
    (FontFamily::SansSerif, layout.font(11.0))
        .into_font()
        .color(&palette::INK)
}

/// Measures the entries for a box at most `max_w`×`max_h`: one column, or
/// two when one would be too tall; texts too wide are cut with "…".
fn fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    entries: &[LegendEntry],
    max_w: i32,
    max_h: i32,
) -> Result<Fitted, String> {
    let font = layout.font(11.0);
    let (pad, swatch, gap) = (layout.px(6.0), layout.px(18.0), layout.px(6.0));
    let row_h = (font as f64 * 1.4).round() as i32;
    let ts = style(layout);
    let columns = if entries.len() > 1 && entries.len() as i32 * row_h + 2 * pad > max_h {
        2
    } else {
        1
    };
    let room = ((max_w - 2 * pad) / columns as i32 - swatch - 2 * gap).max(font * 3);
    let mut rows = Vec::new();
    let mut widest = 0;
    for e in entries {
        let mut text = e.shown().to_string();
        let width = |t: &str| area.estimate_text_size(t, &ts).map(|(w, _)| w as i32).map_err(err);
        let mut w = width(&text)?;
        // Cut a character at a time (at most the text's length), then add "…".
        let mut chars: Vec<char> = text.chars().collect();
        while w > room && chars.len() > 1 {
            chars.pop();
            text = chars.iter().collect::<String>() + "…";
            w = width(&text)?;
        }
        widest = widest.max(w);
        rows.push((e.clone(), text));
    }
    Ok(Fitted {
        rows,
        columns,
        col_w: swatch + 2 * gap + widest,
        row_h,
        pad,
        swatch,
        font,
    })
}

/// The size in pixels a legend of `entries` takes when it may be at most `max_w`×`max_h`.
pub fn size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    entries: &[LegendEntry],
    max_w: i32,
    max_h: i32,
) -> Result<(i32, i32), String> {
    if entries.is_empty() {
        return Ok((0, 0));
    }
    Ok(fit(area, layout, entries, max_w, max_h)?.size())
}

/// Draws the legend with its top-left corner at (x, y) of `area`.
pub fn draw_at<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    entries: &[LegendEntry],
    (x, y): (i32, i32),
    max: (i32, i32),
) -> Result<(), String> {
    if entries.is_empty() {
        return Ok(());
    }
    let f = fit(area, layout, entries, max.0, max.1)?;
    paint(area, layout, &f, (x, y))
}

/// The pixels of a polyline every `step` pixels along it (its vertices and
/// points between them), for [`draw_in`] to avoid lines and not only their
/// vertices. Non-finite coordinates break the line.
pub fn along(line: &[(f64, f64)], step: f64) -> Vec<(i32, i32)> {
    let mut out = Vec::new();
    let ok = |p: &(f64, f64)| p.0.is_finite() && p.1.is_finite() && p.0.abs() < 1e7 && p.1.abs() < 1e7;
    for (k, p) in line.iter().enumerate() {
        if !ok(p) {
            continue;
        }
        if k > 0 && ok(&line[k - 1]) {
            let q = line[k - 1];
            let n = ((p.0 - q.0).hypot(p.1 - q.1) / step.max(1.0)).ceil().min(2000.0) as usize;
            for i in 1..n {
                let t = i as f64 / n as f64;
                out.push(((q.0 + t * (p.0 - q.0)) as i32, (q.1 + t * (p.1 - q.1)) as i32));
            }
        }
        out.push((p.0 as i32, p.1 as i32));
    }
    out
}

/// Draws the legend inside `plot` (a rectangle of `area`), in the corner
/// that covers the fewest of `avoid` (pixels of the drawn points); returns
/// the rectangle it took.
pub fn draw_in<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    entries: &[LegendEntry],
    plot: Rect,
    avoid: &[(i32, i32)],
) -> Result<Option<Rect>, String> {
    if entries.is_empty() {
        return Ok(None);
    }
    let (pw, ph) = (plot.2 - plot.0, plot.3 - plot.1);
    let f = fit(area, layout, entries, pw * 3 / 4, ph * 3 / 4)?;
    let (w, h) = f.size();
    let inset = layout.px(6.0);
    let (l, r) = (plot.0 + inset, plot.2 - inset - w);
    let (t, b) = (plot.1 + inset, plot.3 - inset - h);
    // Top right first: where curves that fall and paths that converge leave room.
    let corners = [(r, t), (l, t), (r, b), (l, b)];
    let hidden = |&(x, y): &(i32, i32)| {
        let m = layout.px(4.0);
        avoid
            .iter()
            .filter(|p| p.0 >= x - m && p.0 <= x + w + m && p.1 >= y - m && p.1 <= y + h + m)
            .count()
    };
    let best = corners
        .iter()
        .enumerate()
        .min_by_key(|(i, c)| (hidden(c), *i))
        .map(|(_, c)| *c)
        .unwrap_or((r, t));
    paint(area, layout, &f, best)?;
    Ok(Some((best.0, best.1, best.0 + w, best.1 + h)))
}

fn paint<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    f: &Fitted,
    (x, y): (i32, i32),
) -> Result<(), String> {
    let (w, h) = f.size();
    area.draw(&Rectangle::new([(x, y), (x + w, y + h)], WHITE.mix(0.88).filled()))
        .map_err(err)?;
    area.draw(&Rectangle::new(
        [(x, y), (x + w, y + h)],
        palette::FAINT.mix(0.8).stroke_width(1),
    ))
    .map_err(err)?;
    let per_col = f.rows.len().div_ceil(f.columns);
    let ts = style(layout);
    let gap = layout.px(6.0);
    for (i, (entry, text)) in f.rows.iter().enumerate() {
        let (col, row) = (i / per_col, i % per_col);
        let x0 = x + f.pad + col as i32 * f.col_w;
        let y0 = y + f.pad + row as i32 * f.row_h;
        let mid = y0 + f.font / 2;
        let c = RGBColor(entry.color.0, entry.color.1, entry.color.2);
        area.draw(&PathElement::new(
            vec![(x0, mid), (x0 + f.swatch, mid)],
            c.stroke_width(layout.stroke(2.5)),
        ))
        .map_err(err)?;
        let r = layout.px(3.5);
        if entry.failed {
            let s = c.stroke_width(layout.stroke(2.0));
            let cx = x0 + f.swatch / 2;
            area.draw(&PathElement::new(vec![(cx - r, mid - r), (cx + r, mid + r)], s))
                .map_err(err)?;
            area.draw(&PathElement::new(vec![(cx - r, mid + r), (cx + r, mid - r)], s))
                .map_err(err)?;
        } else {
            area.draw(&Circle::new((x0 + f.swatch / 2, mid), r, c.filled()))
                .map_err(err)?;
        }
        area.draw(&Text::new(text.clone(), (x0 + f.swatch + gap, y0), ts.clone()))
            .map_err(err)?;
    }
    Ok(())
}
