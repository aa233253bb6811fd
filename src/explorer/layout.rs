//! Where each part of the computational graph sits (Figure 4.7): the inputs
//! θ_j in the first column, node a_i in column i's forward iteration, the
//! outputs in the last column; edges run left to right.
//!
//! Positions are in grid units: column c is at x = c; down a column, each
//! part takes a slot one unit high (`row` is the top of the slot). An edge
//! that skips columns (θ3 → a6, or an input used late) runs through small
//! waypoint slots ([`WAYPOINT`] units high) in the columns it crosses, one
//! chain per source shared by all its long edges, so edges pass between the
//! nodes instead of over them. Within each column the slots are ordered to
//! cross as few edges as possible (barycentre sweeps, then swaps of
//! neighbours, keeping the best order), which keeps expressions of about 40
//! nodes readable. Slots never overlap, and [`Geometry`] draws each part
//! inside its slot, so parts never overlap either.

use serde::Serialize;

use crate::expr::{Graph, Ref};

/// The height of a waypoint slot, in units (a part's slot is 1).
pub const WAYPOINT: f64 = 0.3;

/// A part of the drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum Part {
    /// θ_{j+1}.
    Input(usize),
    /// a_{i+1}.
    Node(usize),
    /// The output g_{k+1} (C for a scalar function).
    Output(usize),
}

/// A part and its grid position.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Placed {
    pub part: Part,
    pub column: usize,
    /// The top of its slot, in units (0 at the top of the drawing).
    pub row: f64,
}

/// An edge from `from` to `to` (indices into [`GraphLayout::parts`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// The centres of the waypoints it passes, one per column in between, in units.
    pub via: Vec<f64>,
}

/// The laid-out graph.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GraphLayout {
    /// Columns: inputs, the iterations 1..=K, outputs.
    pub columns: usize,
    /// The height of the tallest column, in units.
    pub height: f64,
    pub parts: Vec<Placed>,
    pub edges: Vec<Edge>,
    /// Edge crossings of the chosen order, and of the first order tried
    /// (node order, waypoints by their source).
    pub crossings: usize,
    pub crossings_before: usize,
}

/// A slot of the ordering: a part, or the waypoint of a source's chain in a column.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Slot {
    Part(usize),
    Way(usize),
}

/// The ordering problem: slots per column and the edges between neighbouring columns.
struct Grid {
    order: Vec<Vec<usize>>,
    slots: Vec<(Slot, usize)>,
    /// Edges between slots of neighbouring columns (left, right).
    links: Vec<(usize, usize)>,
    pos: Vec<f64>,
    /// Columns whose order is fixed (inputs, outputs).
    fixed: Vec<bool>,
}

impl Grid {
    fn size(&self, slot: usize) -> f64 {
        match self.slots[slot].0 {
            Slot::Part(_) => 1.0,
            Slot::Way(_) => WAYPOINT,
        }
    }

    /// Column totals, then each slot's top, every column centred on the tallest.
    fn place(&mut self) -> f64 {
        let totals: Vec<f64> = self
            .order
            .iter()
            .map(|c| c.iter().map(|&s| self.size(s)).sum())
            .collect();
        let height = totals.iter().copied().fold(0.0, f64::max).max(1.0);
        for (c, col) in self.order.iter().enumerate() {
            let mut y = (height - totals[c]) / 2.0;
            for &s in col {
                let size = match self.slots[s].0 {
                    Slot::Part(_) => 1.0,
                    Slot::Way(_) => WAYPOINT,
                };
                self.pos[s] = y;
                y += size;
            }
        }
        height
    }

    /// The centre of a slot.
    fn centre(&self, s: usize) -> f64 {
        self.pos[s] + self.size(s) / 2.0
    }

    /// Crossings between neighbouring columns: pairs of links whose ends are in opposite orders.
    fn crossings(&self) -> usize {
        let mut rank = vec![0usize; self.slots.len()];
        for col in &self.order {
            for (k, &s) in col.iter().enumerate() {
                rank[s] = k;
            }
        }
        let mut by_col: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.order.len()];
        for &(a, b) in &self.links {
            by_col[self.slots[a].1].push((rank[a], rank[b]));
        }
        by_col
            .iter()
            .map(|ls| {
                let mut n = 0;
                for (k, &(a1, b1)) in ls.iter().enumerate() {
                    for &(a2, b2) in &ls[k + 1..] {
                        if (a1 < a2 && b1 > b2) || (a1 > a2 && b1 < b2) {
                            n += 1;
                        }
                    }
                }
                n
            })
            .sum()
    }

    /// Orders column `c` by the mean centre of each slot's neighbours on one side.
    fn sort_by_neighbours(&mut self, c: usize, left: bool) {
        let mut keyed: Vec<(f64, usize, usize)> = self.order[c]
            .iter()
            .enumerate()
            .map(|(k, &s)| {
                let ys: Vec<f64> = self
                    .links
                    .iter()
                    .filter_map(|&(a, b)| match left {
                        true if b == s => Some(self.centre(a)),
                        false if a == s => Some(self.centre(b)),
                        _ => None,
                    })
                    .collect();
                let key = if ys.is_empty() {
                    self.centre(s)
                } else {
                    ys.iter().sum::<f64>() / ys.len() as f64
                };
                (key, k, s)
            })
            .collect();
        crate::order::sort_by(&mut keyed, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        self.order[c] = keyed.into_iter().map(|(_, _, s)| s).collect();
        self.place();
    }

    /// Swaps neighbours in free columns while that removes crossings.
    fn transpose(&mut self, budget: &mut usize) {
        let mut best = self.crossings();
        let mut improved = true;
        while improved && *budget > 0 {
            improved = false;
            for c in 0..self.order.len() {
                if self.fixed[c] {
                    continue;
                }
                for k in 0..self.order[c].len().saturating_sub(1) {
                    if *budget == 0 {
                        return;
                    }
                    *budget -= 1;
                    self.order[c].swap(k, k + 1);
                    let x = self.crossings();
                    if x < best {
                        best = x;
                        improved = true;
                    } else {
                        self.order[c].swap(k, k + 1);
                    }
                }
            }
        }
        self.place();
    }
}

impl GraphLayout {
    /// Lays out `graph`.
    pub fn new(graph: &Graph) -> GraphLayout {
        let (d, n, m) = (graph.dim(), graph.nodes().len(), graph.outputs());
        let last = graph.iterations() + 1;
        let columns = last + 1;
        let mut parts: Vec<Placed> = Vec::with_capacity(d + n + m);
        parts.extend((0..d).map(|j| Placed {
            part: Part::Input(j),
            column: 0,
            row: 0.0,
        }));
        parts.extend(graph.nodes().iter().enumerate().map(|(i, node)| Placed {
            part: Part::Node(i),
            column: node.iteration,
            row: 0.0,
        }));
        parts.extend((0..m).map(|k| Placed {
            part: Part::Output(k),
            column: last,
            row: 0.0,
        }));
        let index = |r: &Ref| match r {
            Ref::Input(j) => Some(*j),
            Ref::Node(i) => Some(d + i),
            Ref::Const(_) => None,
        };
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for (i, node) in graph.nodes().iter().enumerate() {
            for r in &node.operands {
                if let Some(from) = index(r)
                    && !pairs.contains(&(from, d + i))
                {
                    pairs.push((from, d + i));
                }
            }
        }
        for (k, r) in graph.output_refs().iter().enumerate() {
            if let Some(from) = index(r) {
                pairs.push((from, d + n + k));
            }
        }

        // Slots: every part, and one waypoint chain per source with long edges.
        let mut slots: Vec<(Slot, usize)> = (0..parts.len()).map(|p| (Slot::Part(p), parts[p].column)).collect();
        let mut reach = vec![0usize; parts.len()];
        for &(a, b) in &pairs {
            reach[a] = reach[a].max(parts[b].column);
        }
        let mut way: Vec<Vec<Option<usize>>> = vec![vec![None; columns]; parts.len()];
        for (p, (placed, chain)) in parts.iter().zip(way.iter_mut()).enumerate() {
            for (c, w) in chain.iter_mut().enumerate().take(reach[p]).skip(placed.column + 1) {
                *w = Some(slots.len());
                slots.push((Slot::Way(p), c));
            }
        }
        let mut links: Vec<(usize, usize)> = Vec::new();
        let link = |a: usize, b: usize, links: &mut Vec<(usize, usize)>| {
            if !links.contains(&(a, b)) {
                links.push((a, b));
            }
        };
        for (p, chain) in way.iter().enumerate() {
            let mut prev = p;
            for w in chain.iter().flatten() {
                link(prev, *w, &mut links);
                prev = *w;
            }
        }
        for &(a, b) in &pairs {
            let cb = parts[b].column;
            let from = if cb == parts[a].column + 1 {
                a
            } else {
                way[a][cb - 1].expect("a waypoint in the column before")
            };
            link(from, b, &mut links);
        }

        let mut order: Vec<Vec<usize>> = vec![Vec::new(); columns];
        for (s, &(_, c)) in slots.iter().enumerate() {
            order[c].push(s);
        }
        let mut fixed = vec![false; columns];
        fixed[0] = true;
        fixed[last] = true;
        let mut grid = Grid {
            order,
            pos: vec![0.0; slots.len()],
            slots,
            links,
            fixed,
        };
        grid.place();
        // The first order: each column by its left neighbours, in node order for ties.
        for c in 1..last {
            grid.sort_by_neighbours(c, true);
        }
        let before = grid.crossings();
        let mut best = (before, grid.order.clone());
        for sweep in 0..12 {
            let down = sweep % 2 == 0;
            let cols: Vec<usize> = if down {
                (1..last).collect()
            } else {
                (1..last).rev().collect()
            };
            for c in cols {
                grid.sort_by_neighbours(c, down);
            }
            let x = grid.crossings();
            if x < best.0 {
                best = (x, grid.order.clone());
            }
        }
        grid.order = best.1;
        grid.place();
        // Neighbour swaps, with a bounded amount of work for huge graphs.
        let mut budget = 200_000 / grid.links.len().max(1);
        grid.transpose(&mut budget);
        let crossings = grid.crossings();
        let height = grid.place();
        for (s, &(slot, _)) in grid.slots.iter().enumerate() {
            if let Slot::Part(p) = slot {
                parts[p].row = grid.pos[s];
            }
        }
        let edges = pairs
            .iter()
            .map(|&(a, b)| Edge {
                from: a,
                to: b,
                via: (parts[a].column + 1..parts[b].column)
                    .map(|c| grid.centre(way[a][c].expect("a waypoint")))
                    .collect(),
            })
            .collect();
        GraphLayout {
            columns,
            height,
            parts,
            edges,
            crossings,
            crossings_before: before,
        }
    }

    /// The index into [`GraphLayout::parts`] of a part.
    pub fn find(&self, part: Part) -> Option<usize> {
        self.parts.iter().position(|p| p.part == part)
    }
}

/// The size of the graph canvas a page should use, in CSS pixels: at least
/// [`COLUMN_CSS`] per column and [`ROW_CSS`] per unit of height, never less
/// than the space available, and at most [`MAX_CSS`] either way (a canvas
/// has a size limit; graphs that large are drawn smaller).
pub fn preferred_size(layout: &GraphLayout, available_width: f64) -> (f64, f64) {
    let available = if available_width.is_finite() {
        available_width
    } else {
        0.0
    };
    let w = (layout.columns as f64 * COLUMN_CSS).max(available.max(200.0));
    let h = (layout.height * ROW_CSS + 2.0 * MARGIN_CSS).max(220.0);
    (w.min(MAX_CSS).ceil(), h.min(MAX_CSS).ceil())
}

/// The largest canvas side, in CSS pixels.
pub const MAX_CSS: f64 = 8000.0;

/// Minimum width of a column, in CSS pixels.
pub const COLUMN_CSS: f64 = 120.0;
/// Minimum height of a row, in CSS pixels.
pub const ROW_CSS: f64 = 84.0;
/// Space above and below the graph, in CSS pixels.
pub const MARGIN_CSS: f64 = 12.0;

/// Pixel positions for a canvas: each part's centre and radius, and the box
/// its value text occupies below it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Geometry {
    /// Centre of each part, in device pixels.
    pub centers: Vec<(f64, f64)>,
    /// The radius of a node's circle.
    pub radius: f64,
    /// Width and height of the text block under a part.
    pub text: (f64, f64),
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    /// Pixels per column and per unit down a column, and the top margin.
    pub sx: f64,
    pub sy: f64,
    pub margin: f64,
}

impl Geometry {
    /// Fits `layout` into a `width`×`height` canvas (device pixels).
    pub fn new(layout: &GraphLayout, width: f64, height: f64, dpr: f64) -> Geometry {
        let dpr = if dpr.is_finite() && dpr > 0.25 {
            dpr.min(4.0)
        } else {
            1.0
        };
        let margin = MARGIN_CSS * dpr;
        let sx = width / layout.columns.max(1) as f64;
        let sy = ((height - 2.0 * margin) / layout.height.max(1.0)).max(1.0);
        // The circle takes the upper part of a slot, the text the lower part.
        let radius = (sy * 0.24).min(sx * 0.2).min(24.0 * dpr).max(4.0 * dpr.min(1.0));
        let text = ((sx * 0.9).min(150.0 * dpr), (sy - 2.0 * radius) * 0.85);
        let centers = layout
            .parts
            .iter()
            .map(|p| {
                let x = sx * (p.column as f64 + 0.5);
                let y = margin + sy * p.row + radius + (sy - 2.0 * radius - text.1) * 0.5;
                (x, y)
            })
            .collect();
        Geometry {
            centers,
            radius,
            text,
            dpr,
            sx,
            sy,
            margin,
        }
    }

    /// The pixel of a point `units` down column `column`.
    pub fn at(&self, column: usize, units: f64) -> (f64, f64) {
        (self.sx * (column as f64 + 0.5), self.margin + self.sy * units)
    }

    /// The points an edge passes: out of its source, through its waypoints, into its target.
    pub fn path(&self, layout: &GraphLayout, e: &Edge) -> Vec<(f64, f64)> {
        let (a, b) = (self.centers[e.from], self.centers[e.to]);
        let first = layout.parts[e.from].column + 1;
        let mut pts = vec![(a.0 + self.radius, a.1)];
        pts.extend(e.via.iter().enumerate().map(|(k, &y)| self.at(first + k, y)));
        pts.push((b.0 - self.radius, b.1));
        pts
    }

    /// The box (x0, y0, x1, y1) a part covers: its circle and the text below.
    pub fn bounds(&self, k: usize) -> (f64, f64, f64, f64) {
        let (x, y) = self.centers[k];
        let half = self.radius.max(self.text.0 / 2.0);
        (x - half, y - self.radius, x + half, y + self.radius + self.text.1)
    }
}
