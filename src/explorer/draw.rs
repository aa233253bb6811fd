//! The computational graph as Figure 4.7 draws it, lit up step by step.
//!
//! [`picture`] turns the graph, a trace and the step state into plain data
//! (what each part says and how it is coloured); [`draw`] paints that on any
//! plotters drawing area (the page's canvas, SVG in native tests).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

use super::format::num;
use super::layout::{Geometry, GraphLayout, Part};
use super::steps::{Item, Mode, Progress};
use crate::expr::{Graph, Op, Ref, Trace};
use crate::plot::{err, palette};

/// How a part or an edge is coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// Nothing computed yet.
    Idle,
    /// Known from the start (the inputs θ).
    Given,
    /// Primal (and tangent) known: forward colour.
    Forward,
    /// Adjoint (or gradient entry) known: backward colour.
    Backward,
}

/// What one part shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Shape {
    pub part: Part,
    /// Inside the shape: `a4`, `θ1`, `C`.
    pub name: String,
    /// Under the name, inside: the operation (`sin`, `×`, `+`) or the variable name.
    pub sub: String,
    /// Up to two lines under the shape: the values known so far.
    pub lines: Vec<String>,
    pub tone: Tone,
    /// Computed by the last step.
    pub current: bool,
}

/// What one edge shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    /// The index of the edge in [`GraphLayout::edges`].
    pub edge: usize,
    pub from: usize,
    pub to: usize,
    pub tone: Tone,
    /// Used by the last step.
    pub current: bool,
}

/// Everything drawn.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Picture {
    pub shapes: Vec<Shape>,
    pub lines: Vec<Line>,
}

impl Picture {
    /// Nodes a_i lit in the current pass (forward: primals; backward pass: adjoints).
    pub fn lit_nodes(&self, tone: Tone) -> usize {
        self.shapes
            .iter()
            .filter(|s| matches!(s.part, Part::Node(_)) && s.tone == tone)
            .count()
    }
}

/// The short symbol of an operation for the inside of a node.
pub fn symbol(op: Op) -> String {
    use crate::expr::op::num as c;
    use crate::text::superscript;
    match op {
        Op::Sum { .. } => "+".into(),
        Op::Mul => "×".into(),
        Op::Div => "÷".into(),
        Op::Pow => "^".into(),
        Op::Scale { c: k } => format!("×{}", c(k)),
        Op::DivBy { c: k } => format!("÷{}", c(k)),
        Op::Over { c: k } => format!("{}÷", c(k)),
        Op::Square => "x²".into(),
        Op::Powi { n } => format!("x{}", superscript(n.into())),
        Op::Powf { c: k } => format!("x^{}", c(k)),
        Op::Base { c: k } => format!("{}^x", c(k)),
        Op::Sin => "sin".into(),
        Op::Cos => "cos".into(),
        Op::Tan => "tan".into(),
        Op::Exp => "exp".into(),
        Op::Log => "log".into(),
        Op::Sqrt => "√".into(),
        Op::Abs => "abs".into(),
        Op::Tanh => "tanh".into(),
        Op::Sigmoid => "σ".into(),
        Op::Softplus => "softplus".into(),
    }
}

/// The picture of `graph` after the steps of `progress`.
pub fn picture(graph: &Graph, trace: &Trace, progress: &Progress, layout: &GraphLayout) -> Picture {
    let scalar = graph.outputs() == 1;
    let forward = progress.mode == Mode::Forward;
    let current = progress.current;
    let shapes: Vec<Shape> = layout
        .parts
        .iter()
        .map(|p| match p.part {
            Part::Input(j) => {
                let inp = &trace.inputs[j];
                let mut lines = vec![format!("θ{} = {}", j + 1, num(inp.value))];
                let mut tone = Tone::Given;
                if forward {
                    lines.push(format!("θ̇{} = {}", j + 1, num(inp.tangent)));
                } else if progress.derivative[j] {
                    lines.push(format!("∂/∂θ{} = {}", j + 1, num(inp.derivative)));
                    tone = Tone::Backward;
                }
                Shape {
                    part: p.part,
                    name: format!("θ{}", j + 1),
                    sub: graph.var_names()[j].clone(),
                    lines,
                    tone,
                    current: current == Some(Item::Derivative(j)),
                }
            }
            Part::Node(i) => {
                let t = &trace.nodes[i];
                let mut lines = Vec::new();
                let mut tone = Tone::Idle;
                if progress.primal[i] {
                    lines.push(format!("a = {}", num(t.primal)));
                    tone = Tone::Forward;
                    if forward {
                        lines.push(format!("ȧ = {}", num(t.tangent)));
                    }
                }
                if progress.adjoint[i] {
                    lines.push(format!("ζ = {}", num(t.adjoint)));
                    tone = Tone::Backward;
                }
                Shape {
                    part: p.part,
                    name: format!("a{}", i + 1),
                    sub: symbol(graph.nodes()[i].op),
                    lines,
                    tone,
                    current: current == Some(Item::Primal(i)) || current == Some(Item::Adjoint(i)),
                }
            }
            Part::Output(k) => {
                let known = match graph.output_refs()[k] {
                    Ref::Node(i) => progress.primal[i],
                    _ => true,
                };
                let mut lines = Vec::new();
                if known {
                    lines.push(format!("= {}", num(trace.outputs[k])));
                    if forward {
                        lines.push(format!("J v = {}", num(trace.output_tangents[k])));
                    }
                }
                let seeded = !forward && progress.step > trace.nodes.len();
                if seeded && !scalar {
                    lines.push(format!("u{} = {}", k + 1, num(trace.seed[k])));
                }
                Shape {
                    part: p.part,
                    name: if scalar { "C".into() } else { format!("g{}", k + 1) },
                    sub: String::new(),
                    lines,
                    tone: if seeded {
                        Tone::Backward
                    } else if known {
                        Tone::Forward
                    } else {
                        Tone::Idle
                    },
                    current: false,
                }
            }
        })
        .collect();
    let lines = layout
        .edges
        .iter()
        .enumerate()
        .map(|(k, e)| {
            let (from, to) = (layout.parts[e.from].part, layout.parts[e.to].part);
            // Forward: the value has flowed once the target is computed.
            // Backward: the adjoint has flowed once the source's adjoint (or
            // gradient entry) is known.
            let into_known = match to {
                Part::Node(i) => progress.primal[i],
                Part::Output(_) => shapes[e.to].tone != Tone::Idle,
                Part::Input(_) => false,
            };
            let back_known = match from {
                Part::Node(i) => progress.adjoint[i],
                Part::Input(j) => progress.derivative[j],
                Part::Output(_) => false,
            } || (matches!(to, Part::Output(_)) && shapes[e.to].tone == Tone::Backward);
            let tone = if back_known {
                Tone::Backward
            } else if into_known {
                Tone::Forward
            } else {
                Tone::Idle
            };
            let current = match current {
                Some(Item::Primal(i)) => to == Part::Node(i),
                Some(Item::Adjoint(i)) => from == Part::Node(i),
                Some(Item::Derivative(j)) => from == Part::Input(j),
                None => false,
            };
            Line {
                edge: k,
                from: e.from,
                to: e.to,
                tone,
                current,
            }
        })
        .collect();
    Picture { shapes, lines }
}

/// The forward colour (Okabe–Ito blue) and the backward colour (vermillion).
pub const FORWARD: RGBColor = RGBColor(0, 114, 178);
pub const BACKWARD: RGBColor = RGBColor(213, 94, 0);
const FORWARD_FILL: RGBColor = RGBColor(226, 239, 249);
const BACKWARD_FILL: RGBColor = RGBColor(252, 232, 214);
const GIVEN_FILL: RGBColor = RGBColor(238, 238, 242);
const IDLE_EDGE: RGBColor = RGBColor(190, 191, 200);

fn stroke(t: Tone) -> RGBColor {
    match t {
        Tone::Idle => palette::FAINT,
        Tone::Given => palette::INK,
        Tone::Forward => FORWARD,
        Tone::Backward => BACKWARD,
    }
}

fn fill(t: Tone) -> RGBColor {
    match t {
        Tone::Idle => WHITE,
        Tone::Given => GIVEN_FILL,
        Tone::Forward => FORWARD_FILL,
        Tone::Backward => BACKWARD_FILL,
    }
}

/// Paints `pic` laid out by `geo` (white background).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &GraphLayout,
    geo: &Geometry,
    pic: &Picture,
) -> Result<(), String> {
    area.fill(&WHITE).map_err(err)?;
    let px = |css: f64| (css * geo.dpr).round().max(1.0) as u32;
    let r = geo.radius;
    let p = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
    // Edges first, so the parts sit on top of them; the current ones last.
    let mut order: Vec<&Line> = pic.lines.iter().collect();
    crate::order::sort_by_key(&mut order, |l| (l.current, l.tone != Tone::Idle));
    for l in order {
        let b = geo.centers[l.to];
        let color = match l.tone {
            Tone::Idle => IDLE_EDGE,
            t => stroke(t),
        };
        let width = if l.current {
            px(3.0)
        } else if l.tone == Tone::Idle {
            px(1.2)
        } else {
            px(1.8)
        };
        // Cubic pieces leaving and entering every point horizontally; the
        // last one stops short of the arrowhead.
        let mut way = geo.path(layout, &layout.edges[l.edge]);
        if let Some(last) = way.last_mut() {
            last.0 -= px(2.0) as f64;
        }
        let mut pts: Vec<(i32, i32)> = vec![p(way[0].0, way[0].1)];
        for w in way.windows(2) {
            let (s, e) = (w[0], w[1]);
            let dx = (e.0 - s.0) * 0.5;
            pts.extend((1..=16).map(|k| {
                let t = k as f64 / 16.0;
                let u = 1.0 - t;
                let x = u * u * u * s.0 + 3.0 * u * u * t * (s.0 + dx) + 3.0 * u * t * t * (e.0 - dx) + t * t * t * e.0;
                let y = u * u * u * s.1 + 3.0 * u * u * t * s.1 + 3.0 * u * t * t * e.1 + t * t * t * e.1;
                p(x, y)
            }));
        }
        area.draw(&PathElement::new(pts, color.stroke_width(width)))
            .map_err(err)?;
        let h = (r * 0.32).max(px(4.0) as f64);
        let tip = (b.0 - r, b.1);
        area.draw(&Polygon::new(
            vec![
                p(tip.0, tip.1),
                p(tip.0 - h, tip.1 - h * 0.55),
                p(tip.0 - h, tip.1 + h * 0.55),
            ],
            color.filled(),
        ))
        .map_err(err)?;
    }
    // Font sizes between a readable floor and a ceiling that grows with the
    // pixel ratio (never below the floor: at dpr 0.5, 12.5·dpr < 7).
    let size = |v: f64, lo: f64, hi: f64| if v.is_finite() { v.min(hi).max(lo) } else { lo };
    let name_size = size(r * 0.62, 8.0, 20.0 * geo.dpr);
    let sub_size = size(r * 0.46, 7.0, 14.0 * geo.dpr);
    let line_size = size(geo.text.1 / 2.6, 7.0, 12.5 * geo.dpr);
    let center = Pos::new(HPos::Center, VPos::Center);
    let top = Pos::new(HPos::Center, VPos::Top);
    for (k, s) in pic.shapes.iter().enumerate() {
        let (x, y) = geo.centers[k];
        let ink = if s.tone == Tone::Idle {
            palette::FAINT
        } else {
            palette::INK
        };
        let border = stroke(s.tone);
        let bw = if s.current { px(3.5) } else { px(1.6) };
        match s.part {
            Part::Node(_) => {
                if s.current {
                    area.draw(&Circle::new(
                        p(x, y),
                        (r + px(4.0) as f64) as i32,
                        border.mix(0.25).filled(),
                    ))
                    .map_err(err)?;
                }
                area.draw(&Circle::new(p(x, y), r as i32, fill(s.tone).filled()))
                    .map_err(err)?;
                area.draw(&Circle::new(p(x, y), r as i32, border.stroke_width(bw)))
                    .map_err(err)?;
            }
            Part::Input(_) | Part::Output(_) => {
                let h = r * 0.9;
                let w = if matches!(s.part, Part::Output(_)) {
                    r * 0.9
                } else {
                    r * 1.15
                };
                let rect = [p(x - w, y - h), p(x + w, y + h)];
                if s.current {
                    let g = px(4.0) as f64;
                    area.draw(&Rectangle::new(
                        [p(x - w - g, y - h - g), p(x + w + g, y + h + g)],
                        border.mix(0.25).filled(),
                    ))
                    .map_err(err)?;
                }
                area.draw(&Rectangle::new(rect, fill(s.tone).filled())).map_err(err)?;
                area.draw(&Rectangle::new(rect, border.stroke_width(bw))).map_err(err)?;
            }
        }
        let has_sub = !s.sub.is_empty();
        let name_y = if has_sub { y - r * 0.22 } else { y };
        let font = (FontFamily::SansSerif, name_size).into_font().color(&ink).pos(center);
        area.draw(&Text::new(s.name.clone(), p(x, name_y), font)).map_err(err)?;
        if has_sub {
            let sub: String = if s.sub.chars().count() > 8 {
                format!("{}…", s.sub.chars().take(7).collect::<String>())
            } else {
                s.sub.clone()
            };
            let font = (FontFamily::SansSerif, sub_size).into_font().color(&ink).pos(center);
            area.draw(&Text::new(sub, p(x, y + r * 0.38), font)).map_err(err)?;
        }
        for (n, line) in s.lines.iter().take(2).enumerate() {
            let color = if s.tone == Tone::Idle {
                palette::FAINT
            } else if ["ȧ", "θ̇", "J v"].iter().any(|p| line.starts_with(p)) {
                FORWARD
            } else if ["ζ", "∂", "u"].iter().any(|p| line.starts_with(p)) {
                BACKWARD
            } else {
                palette::INK
            };
            let font = (FontFamily::SansSerif, line_size).into_font().color(&color).pos(top);
            let ly = y + r + px(3.0) as f64 + n as f64 * line_size * 1.15;
            // A white band behind the text keeps it readable over passing edges.
            let half = (line.chars().count() as f64 * line_size * 0.29).min(geo.text.0 / 2.0);
            area.draw(&Rectangle::new(
                [p(x - half, ly - 1.0), p(x + half, ly + line_size * 1.1)],
                WHITE.mix(0.85).filled(),
            ))
            .map_err(err)?;
            area.draw(&Text::new(line.clone(), p(x, ly), font)).map_err(err)?;
        }
    }
    Ok(())
}
