//! The legend: each lane's colour and its name (its label, or its method and
//! the hyperparameters that differ from their defaults), in a box placed
//! where it hides nothing that must stay in sight (markers, their labels,
//! single dots) and the fewest of the drawn curves' points: a corner when
//! one will do, else a place along an edge or inside the plot; a chart
//! with no such place gives the legend a strip above its plot
//! ([`strip_size`]).

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

/// How the entries are laid out: in a box at most `w`×`h` (one column, or
/// two when one would be too tall), or in a strip `w` wide (as many columns
/// as the whole texts leave room for, in as few rows as that allows).
#[derive(Clone, Copy)]
enum Room {
    Box { w: i32, h: i32 },
    Strip { w: i32 },
}

/// Measures the entries for `room`; texts too wide are cut with "…".
fn fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    entries: &[LegendEntry],
    room: Room,
) -> Result<Fitted, String> {
    let font = layout.font(11.0);
    let (pad, swatch, gap) = (layout.px(6.0), layout.px(18.0), layout.px(6.0));
    let row_h = (font as f64 * 1.4).round() as i32;
    let ts = style(layout);
    let width = |t: &str| area.estimate_text_size(t, &ts).map(|(w, _)| w as i32).map_err(err);
    let n = entries.len().max(1);
    let (max_w, columns) = match room {
        Room::Box { w, h } => (w, if n > 1 && n as i32 * row_h + 2 * pad > h { 2 } else { 1 }),
        Room::Strip { w } => {
            let mut natural = 0;
            for e in entries {
                natural = natural.max(width(e.shown())?);
            }
            let per = (w - 2 * pad) / (swatch + 2 * gap + natural).max(1);
            // Balanced: 4 entries that 3 columns would hold take 2 rows of 2.
            let rows = n.div_ceil((per.max(1) as usize).min(n));
            (w, n.div_ceil(rows))
        }
    };
    let room = ((max_w - 2 * pad) / columns as i32 - swatch - 2 * gap).max(font * 3);
    let mut rows = Vec::new();
    let mut widest = 0;
    for e in entries {
        let mut text = e.shown().to_string();
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
    Ok(fit(area, layout, entries, Room::Box { w: max_w, h: max_h })?.size())
}

/// The size in pixels a legend of `entries` takes in a strip `max_w` wide
/// (above a plot that has no room for it inside).
pub fn strip_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    entries: &[LegendEntry],
    max_w: i32,
) -> Result<(i32, i32), String> {
    if entries.is_empty() {
        return Ok((0, 0));
    }
    Ok(fit(area, layout, entries, Room::Strip { w: max_w })?.size())
}

/// Draws the legend laid out as [`strip_size`] measured it, its top-left
/// corner at (x, y) of `area`.
pub fn draw_strip_at<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    entries: &[LegendEntry],
    (x, y): (i32, i32),
    max_w: i32,
) -> Result<(), String> {
    if entries.is_empty() {
        return Ok(());
    }
    let f = fit(area, layout, entries, Room::Strip { w: max_w })?;
    paint(area, layout, &f, (x, y))
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
    let f = fit(area, layout, entries, Room::Box { w: max.0, h: max.1 })?;
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

/// Where a legend box goes inside a plot, and whether that place is clear
/// of everything it must not hide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spot {
    /// The box's top-left corner.
    pub at: (i32, i32),
    /// It overlaps none of the rectangles to keep in sight.
    pub clear: bool,
}

/// Places a `size` box inside `plot`, `inset` from its edges: of the
/// places that overlap none of `keep` (markers, their labels, single dots:
/// what a box would hide whole), the one that covers the fewest of `avoid`
/// (points along the curves); ties go to the corners (top right first:
/// where curves that fall and paths that converge leave room), then to
/// places along the edges, then inside. When every place overlaps some of
/// `keep`, the one that overlaps the fewest, `clear` false. When the place
/// is a corner, `soft` (points worth seeing but not drawn over it: the
/// landscape's low ground) breaks the tie between the corners that hide as
/// little: the one over the fewest of them.
pub fn place(
    plot: Rect,
    (w, h): (i32, i32),
    inset: i32,
    margin: i32,
    avoid: &[(i32, i32)],
    keep: &[Rect],
    soft: &[(i32, i32)],
) -> Spot {
    let spots = candidates(plot, (w, h), inset);
    let m = margin;
    let overlaps = |&(x, y): &(i32, i32)| {
        keep.iter()
            .filter(|k| k.0 < x + w + m && x - m < k.2 && k.1 < y + h + m && y - m < k.3)
            .count()
    };
    // The points a box at (x, y) hides, counted only up to `limit` (a place
    // that hides as many as the best so far cannot win: ties go to the
    // earlier place).
    let under = |points: &[(i32, i32)], &(x, y): &(i32, i32), limit: usize| {
        points
            .iter()
            .filter(|p| p.0 >= x - m && p.0 <= x + w + m && p.1 >= y - m && p.1 <= y + h + m)
            .take(limit)
            .count()
    };
    let hidden = |c: &(i32, i32), limit: usize| under(avoid, c, limit);
    // The least (overlaps, hidden, order) over the places, as `min_by_key`
    // would find it, without counting every curve point under every place: a
    // legend is placed each frame while lanes run, over thousands of points.
    let mut best: Option<(usize, usize, (i32, i32))> = None;
    for c in &spots {
        let o = overlaps(c);
        let limit = match best {
            Some((bo, _, _)) if o > bo => continue,
            Some((bo, bh, _)) if o == bo => bh,
            _ => usize::MAX,
        };
        let h = hidden(c, limit);
        if h < limit {
            best = Some((o, h, *c));
            if (o, h) == (0, 0) {
                break; // nothing later can do better
            }
        }
    }
    let (o, h, at) = best.unwrap_or((0, 0, spots[0]));
    let corners = &spots[..4];
    let at = if !soft.is_empty() && corners.contains(&at) {
        corners
            .iter()
            .filter(|c| **c == at || (overlaps(c) == o && hidden(c, h + 1) == h))
            .min_by_key(|c| under(soft, c, usize::MAX))
            .copied()
            .unwrap_or(at)
    } else {
        at
    };
    Spot { at, clear: o == 0 }
}

/// The places [`place`] tries for a `size` box inside `plot`, in order of
/// preference: the corners (top right first), along the edges, inside.
fn candidates(plot: Rect, (w, h): (i32, i32), inset: i32) -> Vec<(i32, i32)> {
    let (l, r) = (plot.0 + inset, (plot.2 - inset - w).max(plot.0 + inset));
    let (t, b) = (plot.1 + inset, (plot.3 - inset - h).max(plot.1 + inset));
    const ACROSS: i32 = 8;
    const DOWN: i32 = 6;
    let xs: Vec<i32> = (0..=ACROSS).map(|i| l + (r - l) * i / ACROSS).collect();
    let ys: Vec<i32> = (0..=DOWN).map(|i| t + (b - t) * i / DOWN).collect();
    let mut spots = vec![(r, t), (l, t), (r, b), (l, b)];
    spots.extend(xs.iter().rev().flat_map(|&x| [(x, t), (x, b)]));
    spots.extend(ys.iter().flat_map(|&y| [(r, y), (l, y)]));
    spots.extend(ys.iter().flat_map(|&y| xs.iter().rev().map(move |&x| (x, y))));
    spots
}

/// Draws the legend inside `plot` (a rectangle of `area`) where it covers
/// the fewest of `avoid` (pixels of the drawn points, see [`place`]), in a
/// corner over the fewest of `soft` when corners tie; returns the
/// rectangle it took.
pub fn draw_in<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    entries: &[LegendEntry],
    plot: Rect,
    avoid: &[(i32, i32)],
    soft: &[(i32, i32)],
) -> Result<Option<Rect>, String> {
    if entries.is_empty() {
        return Ok(None);
    }
    let (pw, ph) = (plot.2 - plot.0, plot.3 - plot.1);
    let f = fit(
        area,
        layout,
        entries,
        Room::Box {
            w: pw * 3 / 4,
            h: ph * 3 / 4,
        },
    )?;
    let (w, h) = f.size();
    let spot = place(plot, (w, h), layout.px(6.0), layout.px(4.0), avoid, &[], soft);
    let (x, y) = spot.at;
    paint(area, layout, &f, (x, y))?;
    Ok(Some((x, y, x + w, y + h)))
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

#[cfg(test)]
mod tests {
    use super::{Rect, candidates, place};
    use crate::rng::Rng;

    /// The search with its shortcuts finds the place a full count over every
    /// candidate finds: the least (rectangles overlapped, points hidden, order).
    #[test]
    fn the_search_finds_what_counting_everything_finds() {
        let mut rng = Rng::new(7);
        let within = |rng: &mut Rng, lo: i32, hi: i32| lo + rng.index((hi - lo) as usize) as i32;
        for case in 0..300 {
            let n = [0, 3, 40, 400][case % 4];
            let avoid: Vec<(i32, i32)> = (0..n)
                .map(|_| (within(&mut rng, 40, 460), within(&mut rng, 0, 220)))
                .collect();
            let keep: Vec<Rect> = (0..case % 3)
                .map(|_| {
                    let (x, y) = (within(&mut rng, 50, 430), within(&mut rng, 10, 190));
                    (x, y, x + 20, y + 12)
                })
                .collect();
            let m = 4;
            let key = |&(x, y): &(i32, i32)| {
                let o = keep
                    .iter()
                    .filter(|k| k.0 < x + SIZE.0 + m && x - m < k.2 && k.1 < y + SIZE.1 + m && y - m < k.3)
                    .count();
                let h = avoid
                    .iter()
                    .filter(|p| p.0 >= x - m && p.0 <= x + SIZE.0 + m && p.1 >= y - m && p.1 <= y + SIZE.1 + m)
                    .count();
                (o, h)
            };
            let spots = candidates(PLOT, SIZE, 6);
            let (i, want) = spots.iter().enumerate().min_by_key(|(i, c)| (key(c), *i)).unwrap();
            let got = place(PLOT, SIZE, 6, m, &avoid, &keep, &[]);
            assert_eq!(got.at, *want, "case {case}: place {i}");
            assert_eq!(got.clear, key(want).0 == 0, "case {case}");
        }
    }

    /// A 400×200 plot at (50, 10); the legend is 150×60, inset 6, margin 4.
    const PLOT: Rect = (50, 10, 450, 210);
    const SIZE: (i32, i32) = (150, 60);

    fn overlaps(a: Rect, b: Rect) -> bool {
        a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
    }

    fn boxed(at: (i32, i32)) -> Rect {
        (at.0, at.1, at.0 + SIZE.0, at.1 + SIZE.1)
    }

    #[test]
    fn an_empty_plot_puts_the_legend_top_right() {
        let s = place(PLOT, SIZE, 6, 4, &[], &[], &[]);
        assert_eq!(s.at, (450 - 6 - 150, 16));
        assert!(s.clear);
    }

    #[test]
    fn of_the_clear_corners_the_legend_takes_the_one_over_the_least_low_ground() {
        // Corners: top right (294, 16), top left (56, 16), bottom right
        // (294, 144), bottom left (56, 144).
        let (tr, tl, br, bl) = ((294, 16), (56, 16), (294, 144), (56, 144));
        let ground =
            |corners: &[(i32, i32)]| -> Vec<(i32, i32)> { corners.iter().map(|&(x, y)| (x + 70, y + 30)).collect() };
        assert_eq!(place(PLOT, SIZE, 6, 4, &[], &[], &ground(&[tr])).at, tl);
        assert_eq!(place(PLOT, SIZE, 6, 4, &[], &[], &ground(&[tr, tl])).at, br);
        assert_eq!(place(PLOT, SIZE, 6, 4, &[], &[], &ground(&[tr, tl, br])).at, bl);
        // Low ground everywhere: the first corner, as without it.
        assert_eq!(place(PLOT, SIZE, 6, 4, &[], &[], &ground(&[tr, tl, br, bl])).at, tr);
        // A path through the bottom left comes first: the legend stays off
        // it, though no low ground is there, and of the other corners takes
        // the first with the least (the top right has twice the others').
        let path = ground(&[bl]);
        let low = ground(&[tr, tr, tl, br]);
        assert_eq!(place(PLOT, SIZE, 6, 4, &path, &[], &low).at, tl);
        // A place off the corners is not moved by it.
        let s = place(PLOT, SIZE, 6, 4, &ground(&[tr, tl, br, bl]), &[], &ground(&[tr]));
        assert!(![tr, tl, br, bl].contains(&s.at), "{:?}", s.at);
    }

    #[test]
    fn a_marker_and_its_label_in_the_top_right_corner_send_the_legend_to_a_clear_corner() {
        // A vertical marker line at x = 400 with its label right of it at the top,
        // and a curve along the bottom: the top-left corner is free.
        let keep = [(399, 10, 401, 210), (404, 14, 446, 28)];
        let curve: Vec<(i32, i32)> = (50..450).step_by(5).map(|x| (x, 190)).collect();
        let s = place(PLOT, SIZE, 6, 4, &curve, &keep, &[]);
        assert!(s.clear);
        assert_eq!(s.at, (56, 16), "top left");
        assert!(keep.iter().all(|&k| !overlaps(boxed(s.at), k)));
    }

    #[test]
    fn a_marker_is_kept_in_sight_even_where_that_covers_more_of_the_curves() {
        // The marker at x = 200 leaves no room left of it; curves fill the
        // whole plot right of it, none on the left. The legend covers curve
        // points rather than the marker.
        let keep = [(199, 10, 201, 210), (204, 14, 250, 28)];
        let curve: Vec<(i32, i32)> = (260..450)
            .step_by(5)
            .flat_map(|x| (10..210).step_by(10).map(move |y| (x, y)))
            .collect();
        let s = place(PLOT, SIZE, 6, 4, &curve, &keep, &[]);
        assert!(s.clear, "{s:?}");
        let b = boxed(s.at);
        assert!(
            curve
                .iter()
                .any(|p| p.0 >= b.0 && p.0 <= b.2 && p.1 >= b.1 && p.1 <= b.3)
        );
        assert!(keep.iter().all(|&k| !overlaps(boxed(s.at), k)), "{s:?}");
        assert!(s.at.0 - 4 >= 201, "right of the marker line: {s:?}");
    }

    #[test]
    fn when_every_corner_hides_a_curve_a_place_along_an_edge_that_hides_none_is_taken() {
        // Curves down both sides and along the bottom: the top middle is free.
        let mut curve: Vec<(i32, i32)> = Vec::new();
        for y in (10..210).step_by(4) {
            curve.extend([(60, y), (100, y), (440, y), (400, y)]);
        }
        curve.extend((50..450).step_by(4).map(|x| (x, 200)));
        let s = place(PLOT, SIZE, 6, 4, &curve, &[], &[]);
        let b = boxed(s.at);
        assert!(
            curve
                .iter()
                .all(|p| !(p.0 >= b.0 - 4 && p.0 <= b.2 + 4 && p.1 >= b.1 - 4 && p.1 <= b.3 + 4)),
            "{s:?}"
        );
        assert_eq!(s.at.1, 16, "along the top edge: {s:?}");
    }

    #[test]
    fn with_no_place_clear_of_the_markers_it_says_so() {
        // Markers every 100 px: no 150 px wide box fits between them.
        let keep: Vec<Rect> = (0..5).map(|i| (50 + 100 * i - 1, 10, 50 + 100 * i + 1, 210)).collect();
        let s = place(PLOT, SIZE, 6, 4, &[], &keep, &[]);
        assert!(!s.clear);
    }
}
