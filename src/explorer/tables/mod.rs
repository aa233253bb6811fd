//! Tables 4.1–4.3 in the book's layout, for any typed function, after any
//! number of steps: a group column (`Input`, `Iteration 1`, …), the general
//! expressions, and the values at θ.
//!
//! The general expressions come from the engine's node labels (`θ1 θ2`,
//! `sin(a1)`) and local partial labels (`cos(a1)`); these files only put them
//! together as (4.29), (4.31) and (4.32) do: this one the forward tables 4.1
//! and 4.2 and the text they share, `tables/backward.rs` Table 4.3.

mod backward;

use serde::Serialize;

use super::exact::Exact;
use super::exact_trace::{Forms, shown, shown_vector};
use super::format::{num, vector};
use super::steps::{Item, Mode, Progress};
use crate::expr::{Graph, Node, Ref, Trace};

/// Whether a row's value is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowState {
    /// Known before any step (the input θ, the direction θ̇).
    Given,
    /// Computed by an earlier step.
    Done,
    /// Computed by the last step.
    Current,
    /// Not computed yet: the value lines are empty.
    Pending,
}

/// One row of a table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// The group (`Input`, `Iteration 2 (output)`, …) on the first row of a
    /// group; empty on the others.
    pub group: String,
    /// The node a_i of the row (1-based i, as the book prints it).
    pub node: Option<usize>,
    /// The input θ_j of a (4.32) row (1-based j).
    pub input: Option<usize>,
    /// The general expressions, one line each.
    pub general: Vec<String>,
    /// The values at θ, one line each; empty while pending.
    pub value: Vec<String>,
    /// Beside each value line, its closed form when it has a short one
    /// (`π/3`, `√3/2 + e⁷ − 10`), else empty.
    pub exact: Vec<String>,
    pub state: RowState,
}

/// One table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    /// `primals` (Table 4.1), `tangents` (Table 4.2) or `adjoints` (Table 4.3).
    pub key: &'static str,
    /// The book's table number.
    pub number: &'static str,
    pub title: String,
    /// The headings of the general and the value column.
    pub head: [String; 2],
    pub rows: Vec<Row>,
}

/// The tables a mode shows: Table 4.2 in forward mode; Tables 4.1 and 4.3 in
/// backward mode.
/// With `forms`, each value line gets its closed form beside it.
pub fn tables(graph: &Graph, trace: &Trace, progress: &Progress, forms: Option<&Forms>) -> Vec<Table> {
    let book = Book {
        graph,
        trace,
        progress,
        forms,
    };
    match progress.mode {
        Mode::Forward => vec![book.tangents()],
        Mode::Backward => vec![book.primals(), book.adjoints()],
    }
}

/// A sentence about what the last step computed, e.g.
/// `Iteration 2: a4 = sin(a1) = 0.8660254, ȧ4 = cos(a1) ȧ1 = 0.2617994`.
pub fn caption(graph: &Graph, trace: &Trace, progress: &Progress) -> String {
    let book = Book {
        graph,
        trace,
        progress,
        forms: None,
    };
    let Some(item) = progress.current else {
        return match progress.mode {
            Mode::Forward if progress.total > 0 => {
                format!("Start: θ = {} and θ̇ = {}.", vector(&trace.x), vector(&trace.direction))
            }
            Mode::Backward if progress.total > 0 => format!("Start: θ = {}.", vector(&trace.x)),
            _ => "The function has no elementary operations.".into(),
        };
    };
    match item {
        Item::Primal(i) => {
            let node = &graph.nodes()[i];
            let t = &trace.nodes[i];
            let pass = if progress.mode == Mode::Backward {
                "Forward pass, iteration"
            } else {
                "Iteration"
            };
            let mut s = format!(
                "{pass} {}: a{} = {} = {}",
                node.iteration,
                node.number,
                node.label,
                num(t.primal)
            );
            if progress.mode == Mode::Forward {
                s.push_str(&format!(
                    ", ȧ{} = {} = {} (4.29)",
                    node.number,
                    tangent_label(node),
                    num(t.tangent)
                ));
            }
            s
        }
        Item::Adjoint(i) => {
            let level = trace.nodes[i].backward_iteration;
            let (general, value) = book.adjoint_lines(i);
            let group = if level == 0 {
                "Backward pass, start".to_string()
            } else {
                format!("Backward pass, iteration {level}")
            };
            format!("{group}: {general} = {}", rhs(&value))
        }
        Item::Derivative(j) => {
            let (general, value) = book.derivative_lines(j);
            format!(
                "Backward pass, iteration {} (4.32): {general} = {}",
                trace.backward_iterations.len(),
                rhs(&value)
            )
        }
    }
}

/// What follows the first ` = ` of a value line (`ζ1 = 0.5 × 1 = 0.5` → `0.5 × 1 = 0.5`).
fn rhs(line: &str) -> &str {
    line.split_once(" = ").map_or(line, |(_, r)| r)
}

struct Book<'a> {
    graph: &'a Graph,
    trace: &'a Trace,
    progress: &'a Progress,
    forms: Option<&'a Forms>,
}

impl Book<'_> {
    /// The closed form to show beside the decimal of `value` (empty without one).
    fn exact(&self, pick: impl Fn(&Forms) -> Option<&Exact>, value: f64) -> String {
        shown(self.forms.and_then(pick), &num(value)).unwrap_or_default()
    }

    /// The closed form of a vector beside its decimals (empty unless every entry has one).
    fn exact_vector(&self, pick: impl Fn(&Forms) -> &[Option<Exact>], values: &[f64]) -> String {
        self.forms
            .and_then(|f| shown_vector(pick(f), &vector(values)))
            .unwrap_or_default()
    }

    fn scalar(&self) -> bool {
        self.graph.outputs() == 1
    }

    /// `C(θ)` or `g2(θ)`.
    fn output_name(&self, k: usize) -> String {
        if self.scalar() {
            "C(θ)".into()
        } else {
            format!("g{}(θ)", k + 1)
        }
    }

    /// `C(θ)` or `uᵀg(θ)`: the function whose gradient backward mode computes.
    fn target(&self) -> &'static str {
        if self.scalar() { "C(θ)" } else { "(uᵀg)(θ)" }
    }

    /// The outputs that are node i (0-based output indices).
    fn outputs_of(&self, i: usize) -> Vec<usize> {
        self.graph
            .output_refs()
            .iter()
            .enumerate()
            .filter(|(_, r)| **r == Ref::Node(i))
            .map(|(k, _)| k)
            .collect()
    }

    fn state(&self, known: bool, item: Item) -> RowState {
        if self.progress.current == Some(item) {
            RowState::Current
        } else if known {
            RowState::Done
        } else {
            RowState::Pending
        }
    }

    fn thetas(&self) -> String {
        let names: Vec<String> = (1..=self.graph.dim()).map(|j| format!("θ{j}")).collect();
        format!("θ = ({})", names.join(", "))
    }

    fn theta_dots(&self) -> String {
        let names: Vec<String> = (1..=self.graph.dim()).map(|j| format!("θ̇{j}")).collect();
        format!("θ̇ = ({})", names.join(", "))
    }

    /// Iteration groups as (label, nodes), with `(output)` on groups holding an output.
    fn forward_groups(&self) -> Vec<(String, &Vec<usize>)> {
        self.trace
            .forward_iterations
            .iter()
            .enumerate()
            .map(|(k, nodes)| {
                let out = nodes.iter().any(|&i| !self.outputs_of(i).is_empty());
                let suffix = match (out, self.scalar()) {
                    (false, _) => "",
                    (true, true) => " (output)",
                    (true, false) => " (outputs)",
                };
                (format!("Iteration {}{suffix}", k + 1), nodes)
            })
            .collect()
    }

    /// Rows for outputs that are not nodes (an input or a constant, e.g. `(x, 2)`).
    fn plain_outputs(&self, tangents: bool) -> Vec<Row> {
        let mut rows = Vec::new();
        for (k, r) in self.graph.output_refs().iter().enumerate() {
            let (general, value, tangent) = match *r {
                Ref::Node(_) => continue,
                Ref::Input(j) => (format!("θ{}", j + 1), self.trace.x[j], self.trace.direction[j]),
                Ref::Const(c) => (num(c), c, 0.0),
            };
            let name = self.output_name(k);
            let mut g = vec![format!("{name} = {general}")];
            let mut v = vec![format!("{name} = {}", num(value))];
            let mut exact = vec![match *r {
                Ref::Input(j) => self.exact(|f| f.x.get(j)?.as_ref(), value),
                _ => String::new(),
            }];
            if tangents {
                g.push(format!("(J v)_{} = {}", k + 1, dotted(r)));
                v.push(format!("(J v)_{} = {}", k + 1, num(tangent)));
                exact.push(match *r {
                    Ref::Input(j) => self.exact(|f| f.direction.get(j)?.as_ref(), tangent),
                    _ => String::new(),
                });
            }
            rows.push(Row {
                group: if rows.is_empty() {
                    "Output".into()
                } else {
                    String::new()
                },
                node: None,
                input: None,
                general: g,
                value: v,
                exact,
                state: RowState::Given,
            });
        }
        rows
    }

    /// The rows of a forward table after its first: each node's, grouped by
    /// iteration, then the outputs that are not nodes (with their tangents
    /// for Table 4.2). `lines(i, known)` gives node i's general, value and
    /// closed-form lines.
    fn forward_rows(&self, tangents: bool, lines: impl Fn(usize, bool) -> [Vec<String>; 3]) -> Vec<Row> {
        let mut rows = Vec::new();
        for (label, nodes) in self.forward_groups() {
            for (k, &i) in nodes.iter().enumerate() {
                let known = self.progress.primal[i];
                let [general, value, exact] = lines(i, known);
                rows.push(Row {
                    group: if k == 0 { label.clone() } else { String::new() },
                    node: Some(self.graph.nodes()[i].number),
                    input: None,
                    general,
                    value,
                    exact,
                    state: self.state(known, Item::Primal(i)),
                });
            }
        }
        rows.extend(self.plain_outputs(tangents));
        rows
    }

    /// Table 4.1: the forward pass.
    fn primals(&self) -> Table {
        let x = &self.trace.x;
        let mut rows = vec![Row {
            group: "Input".into(),
            node: None,
            input: None,
            general: vec![self.thetas()],
            value: vec![format!("θ = {}", vector(x))],
            exact: vec![self.exact_vector(|f| &f.x, x)],
            state: RowState::Given,
        }];
        rows.extend(self.forward_rows(false, |i, known| {
            let node = &self.graph.nodes()[i];
            let outs: String = self
                .outputs_of(i)
                .iter()
                .map(|&o| format!(" = {}", self.output_name(o)))
                .collect();
            [
                vec![format!("a{} = {}{outs}", node.number, node.label)],
                once(known, || {
                    vec![format!("a{}{outs} = {}", node.number, num(self.trace.nodes[i].primal))]
                }),
                once(known, || {
                    vec![self.exact(|f| f.primal[i].as_ref(), self.trace.nodes[i].primal)]
                }),
            ]
        }));
        Table {
            key: "primals",
            number: "4.1",
            title: "Table 4.1: the forward pass, the primals a_i".into(),
            head: [
                "General expressions of primals".into(),
                format!("Values of primals at θ = {}", vector(x)),
            ],
            rows,
        }
    }

    /// `j = 2` for a unit direction, else `v = (…)`.
    fn direction(&self) -> String {
        let v = &self.trace.direction;
        let unit = v.iter().filter(|&&c| c == 1.0).count() == 1 && v.iter().all(|&c| c == 0.0 || c == 1.0);
        match v.iter().position(|&c| c == 1.0) {
            Some(j) if unit => format!("j = {}", j + 1),
            _ => format!("v = {}", vector(v)),
        }
    }

    /// What the tangent of output k is: ∂C/∂θ_j, or a Jacobian-vector product entry.
    fn tangent_meaning(&self, k: usize) -> String {
        let d = self.direction();
        match (d.strip_prefix("j = "), self.scalar()) {
            (Some(j), true) => format!("∂C(θ)/∂θ{j}"),
            (Some(j), false) => format!("∂g{}(θ)/∂θ{j}", k + 1),
            (None, true) => "J_C(θ) v".into(),
            (None, false) => format!("(J_g(θ) v)_{}", k + 1),
        }
    }

    /// Table 4.2: forward mode.
    fn tangents(&self) -> Table {
        let (x, v) = (&self.trace.x, &self.trace.direction);
        let mut rows = vec![Row {
            group: "Start".into(),
            node: None,
            input: None,
            general: vec![self.thetas(), self.theta_dots()],
            value: vec![format!("θ = {}", vector(x)), format!("θ̇ = {}", vector(v))],
            exact: vec![self.exact_vector(|f| &f.x, x), self.exact_vector(|f| &f.direction, v)],
            state: RowState::Given,
        }];
        rows.extend(self.forward_rows(true, |i, known| {
            let node = &self.graph.nodes()[i];
            let t = &self.trace.nodes[i];
            let outs = self.outputs_of(i);
            let primal_outs: String = outs.iter().map(|&o| format!(" = {}", self.output_name(o))).collect();
            let tangent_outs: String = outs
                .iter()
                .map(|&o| format!(" = {}", self.tangent_meaning(o)))
                .collect();
            let n = node.number;
            [
                vec![
                    format!("a{n} = {}{primal_outs}", node.label),
                    format!("ȧ{n} = {}{tangent_outs}", tangent_label(node)),
                ],
                once(known, || {
                    vec![
                        format!("a{n}{primal_outs} = {}", num(t.primal)),
                        format!("ȧ{n}{tangent_outs} = {}", num(t.tangent)),
                    ]
                }),
                once(known, || {
                    vec![
                        self.exact(|f| f.primal[i].as_ref(), t.primal),
                        self.exact(|f| f.tangent[i].as_ref(), t.tangent),
                    ]
                }),
            ]
        }));
        Table {
            key: "tangents",
            number: "4.2",
            title: "Table 4.2: forward mode, primals and tangents".into(),
            head: [
                "General expressions of primals and tangents".into(),
                format!(
                    "Values of primals and tangents at θ = {} for {}",
                    vector(x),
                    self.direction()
                ),
            ],
            rows,
        }
    }
}

/// What a row shows of its values: the lines once they are `known`, none
/// while pending.
fn once(known: bool, lines: impl FnOnce() -> Vec<String>) -> Vec<String> {
    if known { lines() } else { Vec::new() }
}

/// The tangent name of an operand: `θ̇2`, `ȧ4`, or `0` for a constant.
fn dotted(r: &Ref) -> String {
    match r {
        Ref::Input(j) => format!("θ̇{}", j + 1),
        Ref::Node(k) => format!("ȧ{}", k + 1),
        Ref::Const(_) => "0".into(),
    }
}

/// The general expression of ȧ_i by (4.29): Σ_k ∂f_i/∂u_k u̇_k, e.g.
/// `θ2 θ̇1 + θ1 θ̇2`, `cos(a1) ȧ1`, `ȧ4 + ȧ5 + ȧ3`, `−2 θ̇3`.
pub fn tangent_label(node: &Node) -> String {
    let terms: Vec<String> = node
        .operands
        .iter()
        .zip(&node.partial_labels)
        .map(|(r, p)| juxtapose(p, &dotted(r)))
        .collect();
    join_signed(&terms)
}

/// `p u` with `1 u` written `u`, `−1 u` written `−u`, and parentheses
/// around a partial that is a sum or a quotient.
fn juxtapose(p: &str, u: &str) -> String {
    match p {
        "1" => u.to_string(),
        "−1" => format!("−{u}"),
        _ => format!("{} {u}", wrap(p)),
    }
}

/// `p × ζ` for a number (`1 × ζ6`, `−2 × ζ3`, as the book), `p ζ` otherwise (`cos(a1) ζ4`).
fn times(p: &str, z: &str) -> String {
    let number = p
        .trim_start_matches('−')
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.');
    if number {
        format!("{p} × {z}")
    } else {
        format!("{} {z}", wrap(p))
    }
}

/// Parentheses around a label with a top-level +, − (not leading) or /; a
/// leading minus stays outside (`−(θ1 / θ2²)`).
fn wrap(p: &str) -> String {
    if let Some(rest) = p.strip_prefix('−') {
        let inner = wrap(rest);
        if inner != rest {
            return format!("−{inner}");
        }
    }
    let mut depth = 0;
    for (k, c) in p.chars().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '+' | '/' if depth == 0 => return format!("({p})"),
            '−' | '-' if depth == 0 && k > 0 => return format!("({p})"),
            _ => {}
        }
    }
    p.to_string()
}

/// Terms joined by ` + `, a leading minus turned into ` − `.
fn join_signed(terms: &[String]) -> String {
    let mut s = String::new();
    for (k, t) in terms.iter().enumerate() {
        match (k, t.strip_prefix('−')) {
            (0, _) => s.push_str(t),
            (_, Some(rest)) => {
                s.push_str(" − ");
                s.push_str(rest);
            }
            _ => {
                s.push_str(" + ");
                s.push_str(t);
            }
        }
    }
    s
}

/// Numeric terms `(sign source, |p| × ζ)` joined with the sign of each partial.
fn join_numeric(terms: &[(f64, String)]) -> String {
    let mut s = String::new();
    for (k, (sign, text)) in terms.iter().enumerate() {
        let text = text.trim_start_matches('−');
        match (k, *sign < 0.0) {
            (0, false) => s.push_str(text),
            (0, true) => {
                s.push('−');
                s.push_str(text);
            }
            (_, false) => {
                s.push_str(" + ");
                s.push_str(text);
            }
            (_, true) => {
                s.push_str(" − ");
                s.push_str(text);
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(src: &str) -> Vec<String> {
        Graph::parse(src).unwrap().nodes().iter().map(tangent_label).collect()
    }

    #[test]
    fn tangent_labels_follow_4_29() {
        assert_eq!(label("x - y"), ["θ̇1 − θ̇2"]);
        assert_eq!(label("1 - x"), ["−θ̇1"]);
        assert_eq!(label("x / y"), ["(1 / θ2) θ̇1 − (θ1 / θ2²) θ̇2"]);
        assert_eq!(label("sqrt(x)"), ["(1 / (2 sqrt(θ1))) θ̇1"]);
        assert_eq!(label("tanh(x)"), ["(1 − tanh(θ1)²) θ̇1"]);
        assert_eq!(label("cos(x)"), ["−sin(θ1) θ̇1"]);
        assert_eq!(label("x*y"), ["θ2 θ̇1 + θ1 θ̇2"]);
        assert_eq!(times("−2", "ζ3"), "−2 × ζ3");
        assert_eq!(times("cos(a1)", "ζ4"), "cos(a1) ζ4");
        assert_eq!(times("−θ1 / θ2²", "ζ2"), "−(θ1 / θ2²) ζ2");
        assert_eq!(
            join_numeric(&[(1.0, "1 × 2".into()), (-2.0, "2 × 1".into())]),
            "1 × 2 − 2 × 1"
        );
    }
}
