//! Table 4.3 in the book's layout: the backward pass, the adjoints ζ_i by
//! (4.31) and the gradient by (4.32).

use super::{Book, Row, RowState, Table, join_numeric, join_signed, once, times};
use crate::explorer::format::{num, vector};
use crate::explorer::steps::Item;
use crate::expr::{Ref, Term};

impl Book<'_> {
    /// The seed of node or input slot: `u1 + u2` for the outputs it is.
    fn seed_label(&self, r: Ref) -> Option<String> {
        let us: Vec<String> = self
            .graph
            .output_refs()
            .iter()
            .enumerate()
            .filter(|(_, o)| **o == r)
            .map(|(k, _)| {
                if self.scalar() {
                    "1".to_string()
                } else {
                    format!("u{}", k + 1)
                }
            })
            .collect();
        (!us.is_empty()).then(|| us.join(" + "))
    }

    /// (general, value) of ζ_i by (4.31), e.g. (`ζ1 = ∂a4/∂a1 ζ4 = cos(a1) ζ4`, `ζ1 = 0.5 × 1 = 0.5`).
    pub(super) fn adjoint_lines(&self, i: usize) -> (String, String) {
        let t = &self.trace.nodes[i];
        let n = i + 1;
        let seed = self.seed_label(Ref::Node(i));
        if t.terms.is_empty() {
            let general = format!(
                "ζ{n} = ∂{}/∂a{n}{}",
                self.target(),
                seed.map(|s| format!(" = {s}")).unwrap_or_default()
            );
            return (general, format!("ζ{n} = {}", num(t.adjoint)));
        }
        let (general, numeric) = self.chain_sum(seed.as_deref(), t.seed, &t.terms, &format!("a{n}"));
        (
            format!("ζ{n} = {general}"),
            format!("ζ{n} = {numeric} = {}", num(t.adjoint)),
        )
    }

    /// (general, value) of ∂C/∂θ_j by (4.32).
    pub(super) fn derivative_lines(&self, j: usize) -> (String, String) {
        let inp = &self.trace.inputs[j];
        let n = j + 1;
        let lhs = format!("∂{}/∂θ{n}", self.target());
        let seed = self.seed_label(Ref::Input(j));
        if inp.terms.is_empty() && seed.is_none() {
            return (
                format!("{lhs} = 0 (θ{n} is not used)"),
                format!("{lhs} = {}", num(inp.derivative)),
            );
        }
        let (general, numeric) = self.chain_sum(seed.as_deref(), inp.seed, &inp.terms, &format!("θ{n}"));
        (
            format!("{lhs} = {general}"),
            format!("{lhs} = {numeric} = {}", num(inp.derivative)),
        )
    }

    /// The chain rule's sum (4.31), (4.32) over the nodes that consume the
    /// slot `wrt` (`a1`, `θ2`), its seed first: (`u1 + ∂a4/∂a1 ζ4 = u1 +
    /// cos(a1) ζ4`, `1 + 0.5 × 1`).
    fn chain_sum(&self, seed: Option<&str>, seed_value: f64, terms: &[Term], wrt: &str) -> (String, String) {
        let mut symbolic: Vec<String> = Vec::new();
        let mut concrete: Vec<String> = Vec::new();
        let mut numeric: Vec<(f64, String)> = Vec::new();
        if let Some(s) = seed {
            symbolic.push(s.to_string());
            concrete.push(s.to_string());
            numeric.push((seed_value, num(seed_value)));
        }
        for term in terms {
            let c = term.node + 1;
            symbolic.push(format!("∂a{c}/∂{wrt} ζ{c}"));
            concrete.push(times(&term.label, &format!("ζ{c}")));
            numeric.push((
                term.partial,
                format!(
                    "{} × {}",
                    num(term.partial.abs()),
                    num(self.trace.nodes[term.node].adjoint)
                ),
            ));
        }
        (
            format!("{} = {}", symbolic.join(" + "), join_signed(&concrete)),
            join_numeric(&numeric),
        )
    }

    /// Table 4.3: the backward pass, ending in the gradient (4.32).
    pub(super) fn adjoints(&self) -> Table {
        let trace = self.trace;
        let mut rows = Vec::new();
        for (level, nodes) in trace.backward_iterations.iter().enumerate() {
            for (k, &i) in nodes.iter().enumerate() {
                let (general, value) = self.adjoint_lines(i);
                let known = self.progress.adjoint[i];
                rows.push(Row {
                    group: match (k, level) {
                        (0, 0) => "Start".into(),
                        (0, l) => format!("Iteration {l}"),
                        _ => String::new(),
                    },
                    node: Some(i + 1),
                    input: None,
                    general: vec![general],
                    value: once(known, || vec![value]),
                    exact: once(known, || {
                        vec![self.exact(|f| f.adjoint[i].as_ref(), trace.nodes[i].adjoint)]
                    }),
                    state: self.state(known, Item::Adjoint(i)),
                });
            }
        }
        let last = trace.backward_iterations.len();
        for j in 0..trace.inputs.len() {
            let (general, value) = self.derivative_lines(j);
            let known = self.progress.derivative[j];
            rows.push(Row {
                group: if j == 0 {
                    format!("Iteration {last} (4.32)")
                } else {
                    String::new()
                },
                node: None,
                input: Some(j + 1),
                general: vec![general],
                value: once(known, || vec![value]),
                exact: once(known, || {
                    vec![self.exact(|f| f.derivative[j].as_ref(), trace.inputs[j].derivative)]
                }),
                state: self.state(known, Item::Derivative(j)),
            });
        }
        let all = self.progress.derivative.iter().all(|&b| b);
        let grad_name = if self.scalar() { "∇C(θ)" } else { "uᵀJ_g(θ)" };
        let entries: Vec<String> = (1..=trace.inputs.len())
            .map(|j| format!("∂{}/∂θ{j}", self.target()))
            .collect();
        rows.push(Row {
            group: "Gradient".into(),
            node: None,
            input: None,
            general: vec![format!("{grad_name} = ({})", entries.join(", "))],
            value: once(all, || vec![format!("{grad_name} = {}", vector(&trace.gradient()))]),
            exact: once(all, || vec![self.exact_vector(|f| &f.derivative, &trace.gradient())]),
            state: if all && self.progress.done() {
                RowState::Done
            } else {
                RowState::Pending
            },
        });
        let u = if self.scalar() {
            String::new()
        } else {
            format!(" for u = {}", vector(&trace.seed))
        };
        Table {
            key: "adjoints",
            number: "4.3",
            title: "Table 4.3: the backward pass, the adjoints ζ_i and the gradient".into(),
            head: [
                "General expressions of adjoints".into(),
                format!("Values of adjoints at θ = {}{u}", vector(&trace.x)),
            ],
            rows,
        }
    }
}
