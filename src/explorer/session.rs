//! [`Explorer`]: the state of the autodiff page (a function, a point, a mode,
//! a direction or seed, how many steps are shown) and everything it shows,
//! as plain serializable data.

use super::check::{self, Check};
use super::draw::{self, Picture};
use super::exact::Exact;
use super::exact_trace;
use super::format::{num, vector as fmt_vector};
use super::layout::{Geometry, GraphLayout};
use super::limits;
use super::point::{self, InputError};
use super::steps::{Mode, Progress, sequence};
use super::tables::{self, Table};
use super::url::{self, PRESETS, Query, short};
use super::view::nums;
pub use super::view::{CheckRowView, CheckView, Num, Results, View};
use crate::expr::{Graph, Trace};
use crate::plot::chart::Chart;

/// The default value of θ_{j+1} when nothing else is known.
pub fn default_coordinate(j: usize) -> f64 {
    [1.0, 2.0, 0.5, 1.5, 2.5][j % 5]
}

/// The default step of the gradient check's table.
pub const DEFAULT_H: f64 = 1e-6;

/// Forward mode's direction: e_j, or any v.
#[derive(Clone, Debug, PartialEq)]
pub enum Direction {
    /// e_{j+1} (0-based j).
    Input(usize),
    /// v as typed.
    Vector(String),
}

/// The page's state.
#[derive(Clone, Debug)]
pub struct Explorer {
    graph: Graph,
    /// Variables fixed by the link (`vars=`), else the expression's own.
    vars: Option<Vec<String>>,
    layout: GraphLayout,
    at: Vec<String>,
    x: Vec<f64>,
    mode: Mode,
    direction: Direction,
    v: Vec<f64>,
    seed_text: String,
    u: Vec<f64>,
    h: f64,
    /// Steps shown; `None` shows everything.
    step: Option<usize>,
    trace: Trace,
}

impl Default for Explorer {
    fn default() -> Self {
        Explorer::open("").0
    }
}

fn join(texts: &[String]) -> String {
    texts.iter().map(|t| t.trim()).collect::<Vec<_>>().join(", ")
}

fn unit(n: usize, k: usize) -> Vec<f64> {
    let mut v = vec![0.0; n];
    if k < n {
        v[k] = 1.0;
    }
    v
}

impl Explorer {
    fn build(graph: Graph, vars: Option<Vec<String>>, at: Vec<String>) -> Explorer {
        let (d, m) = (graph.dim(), graph.outputs());
        let x = at
            .iter()
            .enumerate()
            .map(|(j, t)| point::constant(t).unwrap_or(default_coordinate(j)))
            .collect();
        let layout = GraphLayout::new(&graph);
        let trace = graph.trace(&vec![0.0; d], &vec![0.0; d], &vec![0.0; m]);
        let mut e = Explorer {
            layout,
            vars,
            at,
            x,
            mode: Mode::Forward,
            direction: Direction::Input(0),
            v: unit(d, 0),
            seed_text: join(&unit(m, 0).iter().map(|&c| num(c)).collect::<Vec<_>>()),
            u: unit(m, 0),
            h: DEFAULT_H,
            step: None,
            trace,
            graph,
        };
        e.refresh();
        e
    }

    /// Opens the state of a query string (`expr=…&at=…`); the notices say what
    /// was ignored or replaced. Without `expr`, the chapter's (4.27).
    pub fn open(query: &str) -> (Explorer, Vec<String>) {
        let (q, mut notices) = url::decode(query);
        let book = &PRESETS[0];
        let fallback = || {
            (
                Graph::parse(book.expr).expect("the preset parses"),
                book.at.split(',').map(|s| s.trim().to_string()).collect::<Vec<_>>(),
                Some(book.j),
            )
        };
        let at_texts: Option<Vec<String>> = q.at.as_deref().map(|a| {
            point::entries(a)
                .into_iter()
                .map(|(_, s)| s.trim().to_string())
                .collect()
        });
        let mut vars: Option<Vec<String>> = None;
        let (graph, mut at, mut j) = match q.expr.as_deref() {
            None => fallback(),
            Some(src) => {
                let listed: Option<Vec<String>> = q.vars.as_deref().map(|v| {
                    v.split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                });
                let parsed = match &listed {
                    Some(list) => {
                        let names: Vec<&str> = list.iter().map(String::as_str).collect();
                        match Graph::parse_with_vars(src, &names) {
                            Ok(g) => {
                                vars = listed.clone();
                                Ok(g)
                            }
                            Err(e) => {
                                notices.push(format!("vars ignored: {e}"));
                                Graph::parse(src)
                            }
                        }
                    }
                    None => Graph::parse(src).map(|g| {
                        // The playground's link: a function of (x, y) that uses only some of them.
                        let n = at_texts.as_ref().map_or(0, Vec::len);
                        let xy = g.var_names().iter().all(|v| v == "x" || v == "y");
                        if n == 2 && g.dim() < 2 && xy {
                            vars = Some(vec!["x".into(), "y".into()]);
                            Graph::parse_with_vars(src, &["x", "y"]).unwrap_or(g)
                        } else {
                            g
                        }
                    }),
                };
                let parsed = parsed
                    .map_err(|e| format!("could not be read ({e})"))
                    .and_then(|g| limits::check(&g).map(|()| g).map_err(|e| format!("is too large: {e}")));
                match parsed {
                    Ok(g) => (g, Vec::new(), None),
                    Err(e) => {
                        notices.push(format!("the function '{}' {e}: showing (4.27)", short(src)));
                        fallback()
                    }
                }
            }
        };
        let d = graph.dim();
        if let Some(texts) = at_texts.filter(|_| at.is_empty() || q.expr.is_none()) {
            if texts.len() != d {
                notices.push(format!(
                    "at has {} value{}, the function takes {d}: the rest are defaults",
                    texts.len(),
                    if texts.len() == 1 { "" } else { "s" }
                ));
            }
            at = (0..d)
                .map(|k| match texts.get(k) {
                    Some(t) => match point::constant(t) {
                        Ok(_) => t.clone(),
                        Err(e) => {
                            notices.push(format!("θ{} = '{}' ignored: {}", k + 1, short(t), e.message));
                            num(default_coordinate(k))
                        }
                    },
                    None => num(default_coordinate(k)),
                })
                .collect();
        }
        if at.len() != d {
            at = (0..d).map(|k| num(default_coordinate(k))).collect();
        }
        let mut e = Explorer::build(graph, vars, at);
        if let Some(m) = q.mode {
            e.mode = m;
        } else if q.expr.is_none() {
            e.mode = book.mode;
        }
        if let Some(k) = q.j {
            if k <= d {
                j = Some(k);
            } else {
                notices.push(format!("ignored j={k}: the function has inputs θ1 to θ{d}"));
            }
        }
        if let Some(k) = j {
            e.set_input(k - 1);
        }
        if let Some(t) = q.v.as_deref()
            && let Err(err) = e.set_direction(t)
        {
            notices.push(format!("v ignored: {}", err.message));
        }
        if let Some(t) = q.u.as_deref()
            && let Err(err) = e.set_seed(t)
        {
            notices.push(format!("u ignored: {}", err.message));
        }
        if let Some(h) = q.h {
            e.set_h(h);
        }
        if let Some(s) = q.step {
            e.set_step(s);
        }
        e.refresh();
        (e, notices)
    }

    /// Recomputes the trace after a change.
    fn refresh(&mut self) {
        let (d, m) = (self.graph.dim(), self.graph.outputs());
        if self.x.len() != d {
            self.x = (0..d).map(default_coordinate).collect();
        }
        if let Direction::Input(j) = self.direction {
            self.v = unit(d, j.min(d.saturating_sub(1)));
        }
        if self.v.len() != d {
            self.direction = Direction::Input(0);
            self.v = unit(d, 0);
        }
        if self.u.len() != m {
            self.u = unit(m, 0);
            self.seed_text = join(&self.u.iter().map(|&c| num(c)).collect::<Vec<_>>());
        }
        self.trace = self.graph.trace(&self.x, &self.v, &self.u);
        if let Some(s) = self.step
            && s >= self.total()
        {
            self.step = None;
        }
    }

    // ----- changes --------------------------------------------------------

    /// Switches to a typed function; on an error nothing changes. Coordinates
    /// of variables that stay keep their values.
    pub fn set_expr(&mut self, src: &str) -> Result<(), InputError> {
        let g = Graph::parse(src).map_err(|e| InputError::from_parse(&e, 0))?;
        limits::check(&g).map_err(|m| InputError::new(m, 0, 0))?;
        let at = g
            .var_names()
            .iter()
            .enumerate()
            .map(
                |(k, name)| match self.graph.var_names().iter().position(|n| n == name) {
                    Some(old) => self.at[old].clone(),
                    None => num(default_coordinate(k)),
                },
            )
            .collect();
        let (mode, h) = (self.mode, self.h);
        let j = match self.direction {
            Direction::Input(j) => self
                .graph
                .var_names()
                .get(j)
                .and_then(|n| g.var_names().iter().position(|m| m == n)),
            Direction::Vector(_) => None,
        };
        let seed = (g.outputs() == self.graph.outputs()).then(|| self.seed_text.clone());
        *self = Explorer::build(g, None, at);
        self.mode = mode;
        self.h = h;
        self.set_input(j.unwrap_or(0));
        if let Some(s) = seed {
            let _ = self.set_seed(&s);
        }
        self.refresh();
        Ok(())
    }

    /// Sets θ_{j+1} from a number or a constant expression.
    pub fn set_coordinate(&mut self, j: usize, text: &str) -> Result<(), InputError> {
        if j >= self.graph.dim() {
            return Err(InputError::new(format!("there is no θ{}", j.saturating_add(1)), 0, 0));
        }
        self.x[j] = point::constant(text)?;
        self.at[j] = text.trim().to_string();
        self.refresh();
        Ok(())
    }

    /// Sets the whole point from comma-separated values.
    pub fn set_point(&mut self, text: &str) -> Result<(), InputError> {
        self.x = point::vector(text, self.graph.dim())?;
        self.at = point::entries(text)
            .into_iter()
            .map(|(_, s)| s.trim().to_string())
            .collect();
        self.refresh();
        Ok(())
    }

    pub fn set_mode(&mut self, mode: Mode) {
        self.mode = mode;
        self.step = None;
        self.refresh();
    }

    /// Forward mode differentiates by θ_{j+1} (0-based j; clamped).
    pub fn set_input(&mut self, j: usize) {
        let d = self.graph.dim();
        self.direction = Direction::Input(j.min(d.saturating_sub(1)));
        self.refresh();
    }

    /// Forward mode along any direction v (comma-separated).
    pub fn set_direction(&mut self, text: &str) -> Result<(), InputError> {
        self.v = point::vector(text, self.graph.dim())?;
        self.direction = Direction::Vector(text.trim().to_string());
        self.refresh();
        Ok(())
    }

    /// Backward mode's seed u (comma-separated, one entry per output).
    pub fn set_seed(&mut self, text: &str) -> Result<(), InputError> {
        self.u = point::vector(text, self.graph.outputs())?;
        self.seed_text = text.trim().to_string();
        self.refresh();
        Ok(())
    }

    /// The step of the gradient check's table (clamped to [1e−16, 1]).
    pub fn set_h(&mut self, h: f64) {
        self.h = if h.is_finite() { h.clamp(1e-16, 1.0) } else { DEFAULT_H };
    }

    // ----- steps ------------------------------------------------------------

    /// The number of steps of the current mode.
    pub fn total(&self) -> usize {
        sequence(self.mode, &self.trace).len()
    }

    /// Steps shown now.
    pub fn step(&self) -> usize {
        self.step.unwrap_or(self.total())
    }

    /// One more step; false when everything was already shown.
    pub fn advance(&mut self) -> bool {
        match self.step {
            None => false,
            Some(s) => {
                self.set_step(s + 1);
                true
            }
        }
    }

    /// Back to the start: nothing computed yet.
    pub fn reset(&mut self) {
        self.step = if self.total() == 0 { None } else { Some(0) };
    }

    /// Shows every step.
    pub fn run_to_end(&mut self) {
        self.step = None;
    }

    /// Shows the first `n` steps.
    pub fn set_step(&mut self, n: usize) {
        self.step = (n < self.total()).then_some(n);
    }

    // ----- what the page shows ------------------------------------------------

    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    pub fn layout(&self) -> &GraphLayout {
        &self.layout
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn point(&self) -> &[f64] {
        &self.x
    }

    pub fn progress(&self) -> Progress {
        Progress::at(self.mode, &self.trace, self.step())
    }

    pub fn tables(&self) -> Vec<Table> {
        tables::tables(&self.graph, &self.trace, &self.progress(), Some(&self.forms()))
    }

    /// The closed forms of the trace, from θ, θ̇ and u as typed.
    fn forms(&self) -> exact_trace::Forms {
        let x = self.at.iter().map(|t| exact_trace::parse_constant(t)).collect();
        let v = match &self.direction {
            Direction::Vector(t) => exact_trace::parse_list(t),
            Direction::Input(j) => (0..self.graph.dim())
                .map(|k| Some(Exact::int(i64::from(k == *j))))
                .collect(),
        };
        let u = exact_trace::parse_list(&self.seed_text);
        exact_trace::forms(&self.graph, &self.trace, x, v, u)
    }

    pub fn picture(&self) -> Picture {
        draw::picture(&self.graph, &self.trace, &self.progress(), &self.layout)
    }

    /// Pixel positions for a canvas of `width`×`height` device pixels.
    pub fn geometry(&self, width: f64, height: f64, dpr: f64) -> Geometry {
        Geometry::new(&self.layout, width, height, dpr)
    }

    /// uᵀ g(θ) (C(θ) for a scalar function): what backward mode differentiates.
    fn target(&self) -> impl Fn(&[f64]) -> f64 + '_ {
        let m = self.graph.outputs();
        move |x: &[f64]| {
            let mut out = vec![0.0; m];
            self.graph.eval(x, &mut out);
            out.iter().zip(&self.u).map(|(g, u)| g * u).sum()
        }
    }

    /// The gradient check at the table's step h.
    pub fn check(&self) -> Check {
        check::check(&self.target(), &self.trace.gradient(), &self.x, self.h)
    }

    /// The errors over h from 1e−1 to 1e−15.
    pub fn sweep(&self) -> Vec<(f64, f64, f64)> {
        check::sweep(&self.target(), &self.trace.gradient(), &self.x)
    }

    /// The log-log chart of the sweep.
    pub fn check_chart(&self) -> Chart {
        check::chart(&self.sweep(), self.h)
    }

    pub fn results(&self) -> Results {
        let g = &self.graph;
        let (d, m) = (g.dim(), g.outputs());
        let mut value = vec![0.0; m];
        g.eval(&self.x, &mut value);
        let jac = g.jacobian(&self.x);
        let mut jvp = vec![0.0; m];
        g.jvp(&self.x, &self.v, &mut jvp);
        let mut vjp = vec![0.0; d];
        g.vjp(&self.x, &self.u, &mut vjp);
        let hessian = (m == 1).then(|| {
            let mut h = vec![0.0; d * d];
            g.hessian(&self.x, &mut h);
            (0..d).map(|i| nums(&h[i * d..(i + 1) * d])).collect()
        });
        Results {
            value: nums(&value),
            jacobian: (0..m).map(|i| nums(&jac[i * d..(i + 1) * d])).collect(),
            v: nums(&self.v),
            jvp: nums(&jvp),
            u: nums(&self.u),
            vjp: nums(&vjp),
            hessian,
        }
    }

    fn check_view(&self) -> CheckView {
        let c = self.check();
        let scalar = self.graph.outputs() == 1;
        let target = if scalar {
            "C(θ)".to_string()
        } else {
            format!("uᵀg(θ) with u = {}", fmt_vector(&self.u))
        };
        let lhs = if scalar { "∂C/∂θ" } else { "∂(uᵀg)/∂θ" };
        CheckView {
            target,
            h: Num::short(c.h),
            rows: c
                .rows
                .iter()
                .map(|r| CheckRowView {
                    name: format!("{lhs}{}", r.input),
                    var: self.graph.var_names()[r.input - 1].clone(),
                    autodiff: Num::new(r.autodiff),
                    forward: Num::new(r.forward),
                    central: Num::new(r.central),
                    forward_error: Num::short(r.forward_error),
                    central_error: Num::short(r.central_error),
                })
                .collect(),
            forward_error: Num::short(c.forward_error),
            central_error: Num::short(c.central_error),
            choices: check::H_CHOICES.iter().map(|&h| Num::short(h)).collect(),
        }
    }

    /// Everything the page shows.
    pub fn view(&self) -> View {
        let progress = self.progress();
        View {
            source: self.graph.source().to_string(),
            var_names: self.graph.var_names().to_vec(),
            dim: self.graph.dim(),
            outputs: self.graph.outputs(),
            nodes: self.graph.nodes().len(),
            iterations: self.graph.iterations(),
            at: self.at.clone(),
            x: nums(&self.x),
            mode: self.mode,
            input: match self.direction {
                Direction::Input(j) if self.graph.dim() > 0 => Some(j + 1),
                _ => None,
            },
            direction_text: match &self.direction {
                Direction::Vector(t) => t.clone(),
                Direction::Input(_) => join(&self.v.iter().map(|&c| num(c)).collect::<Vec<_>>()),
            },
            seed_text: self.seed_text.clone(),
            caption: tables::caption(&self.graph, &self.trace, &progress),
            tables: tables::tables(&self.graph, &self.trace, &progress, Some(&self.forms())),
            progress,
            results: self.results(),
            check: self.check_view(),
            query: self.query(),
            preset: self.preset(),
        }
    }

    /// The preset with this function and point, if any.
    pub fn preset(&self) -> Option<&'static str> {
        let at = join(&self.at);
        PRESETS
            .iter()
            .find(|p| {
                p.expr == self.graph.source() && join(&p.at.split(',').map(String::from).collect::<Vec<_>>()) == at
            })
            .map(|p| p.id)
    }

    /// The state as a query string (without `?`).
    pub fn query(&self) -> String {
        let scalar = self.graph.outputs() == 1;
        url::encode(&Query {
            expr: Some(self.graph.source().to_string()),
            vars: self.vars.as_ref().map(|v| v.join(",")),
            at: (self.graph.dim() > 0).then(|| point::join(&self.at.iter().map(|t| t.trim()).collect::<Vec<_>>())),
            mode: Some(self.mode),
            j: match self.direction {
                Direction::Input(j) if self.graph.dim() > 0 => Some(j + 1),
                _ => None,
            },
            v: match &self.direction {
                Direction::Vector(t) => Some(t.clone()),
                Direction::Input(_) => None,
            },
            u: (!scalar).then(|| self.seed_text.clone()),
            h: (self.h != DEFAULT_H).then_some(self.h),
            step: self.step,
        })
    }
}
