//! What the catalog knows about a method, beyond its code: its name, the
//! chapter's equations with their numbers, when it shines and fails, its
//! hyperparameter table, and the facts the page, the trainer and the CLI
//! look up (draws a velocity, keeps a dense matrix, needs a Hessian, searches
//! along a ray, torch.optim's defaults). Facts are data of the method's entry,
//! never looked up by id string.

use serde::Serialize;

use crate::optim::{Optimizer, ParamInfo, Params};

/// What a method needs from an objective.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Needs {
    /// Exact Hessians (Newton, linear CG).
    pub hessian: bool,
    /// Works only for d = 1 (the secant method).
    pub univariate: bool,
    /// Uses only the gradient source of the problem (noisy gradients allowed).
    pub first_order: bool,
}

impl Needs {
    /// A first-order method: gradients from the problem's source only.
    pub const FIRST_ORDER: Needs = Needs {
        hessian: false,
        univariate: false,
        first_order: true,
    };
    /// Exact Hessians besides exact gradients (Newton, linear CG).
    pub const HESSIAN: Needs = Needs {
        hessian: true,
        univariate: false,
        first_order: false,
    };
    /// Only d = 1 (the secant method).
    pub const UNIVARIATE: Needs = Needs {
        hessian: false,
        univariate: true,
        first_order: false,
    };
    /// Exact gradients and values (line searches, quasi-Newton pairs).
    pub const EXACT_GRADIENTS: Needs = Needs {
        hessian: false,
        univariate: false,
        first_order: false,
    };
}

/// A condition on a method's parameters, in their text form (`ls=exact`,
/// `amsgrad=on`, `schedule=exp`): holds when the value of `key` is one of
/// `values` (or, with `not`, is none of them). A key the table lacks holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Cond {
    pub key: &'static str,
    pub values: &'static [&'static str],
    pub not: bool,
}

impl Cond {
    /// `key` is one of `values`.
    pub const fn is(key: &'static str, values: &'static [&'static str]) -> Cond {
        Cond {
            key,
            values,
            not: false,
        }
    }

    /// `key` is none of `values`.
    pub const fn not(key: &'static str, values: &'static [&'static str]) -> Cond {
        Cond { key, values, not: true }
    }

    /// Whether the condition holds for `p`.
    pub fn holds(&self, p: &Params) -> bool {
        match p.iter().find(|(info, _)| info.key == self.key) {
            None => true,
            Some((info, v)) => self.values.contains(&info.format(v).as_str()) != self.not,
        }
    }
}

/// Whether every condition holds for `p`.
pub fn all_hold(conds: &[Cond], p: &Params) -> bool {
    conds.iter().all(|c| c.holds(p))
}

/// One line of a method's update, as the page's equation panel shows it.
///
/// `tex` is written in a small TeX-like notation (`^{…}`, `_{…}`,
/// `\frac{…}{…}`, `\sqrt{…}`, `\hat{…}`, `\tilde{…}`, `\bar{…}`, `\max`,
/// `\argmin`, `\text{…}` and Unicode symbols); `(t)`, `(t+1)` and `(t-1)`
/// written right after a symbol are its iteration superscripts, so
/// `θ(t+1) = θ(t) − α ∇C(θ(t))` reads θ^(t+1) = θ^(t) − α∇C(θ^(t)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Equation {
    pub tex: &'static str,
    /// The chapter's number for it, or a short note: `(4.16)`, `Alg. 4.2, line 7`.
    pub number: &'static str,
    /// Shown only when every condition holds for the lane's parameters.
    pub when: &'static [Cond],
}

/// A line shown whatever the parameters.
pub const fn eq(tex: &'static str, number: &'static str) -> Equation {
    Equation { tex, number, when: &[] }
}

/// A line shown only when `when` holds.
pub const fn eq_when(tex: &'static str, number: &'static str, when: &'static [Cond]) -> Equation {
    Equation { tex, number, when }
}

/// Whether a method searches along a ray (section 4.5), so that its steps
/// have probes, an accepted α and acceptance conditions to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "when")]
pub enum Searches {
    Never,
    Always,
    /// When every condition holds (GD and Newton: `ls` other than `none`).
    When(&'static [Cond]),
}

/// torch.optim's counterpart of a method: the settings that make the method
/// compute what torch's class computes with its defaults, so that a lane can
/// switch between the book's convention and torch's.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Torch {
    /// `torch.optim.Adam`, `torch.optim.SGD(momentum=μ)`, … (empty when torch has none).
    pub class: &'static str,
    /// `key=value` settings of this method's table (`Some(&[])`: the book's
    /// defaults already are torch's; `None`: torch has no such method).
    pub settings: Option<&'static [(&'static str, &'static str)]>,
    /// What still differs, what torch calls things, or what torch leaves to the user.
    pub note: &'static str,
}

impl Torch {
    /// torch.optim has no counterpart; `note` says what comes closest.
    pub const fn none(note: &'static str) -> Torch {
        Torch {
            class: "",
            settings: None,
            note,
        }
    }

    /// torch's `class`, reproduced by `settings`.
    pub const fn is(
        class: &'static str,
        settings: &'static [(&'static str, &'static str)],
        note: &'static str,
    ) -> Torch {
        Torch {
            class,
            settings: Some(settings),
            note,
        }
    }
}

impl MethodInfo {
    /// What an entry has unless it says otherwise (fill in the rest with
    /// `..MethodInfo::BASE`): exact gradients, no velocity arrow, no dense
    /// matrix, no line search, no torch.optim counterpart.
    pub const BASE: MethodInfo = MethodInfo {
        id: "",
        name: "",
        equations: "",
        lines: &[],
        summary: "",
        params: &[],
        needs: Needs::EXACT_GRADIENTS,
        velocity: false,
        dense: false,
        line_search: Searches::Never,
        torch: Torch::none(""),
        build: |_, _| Err("this method has no builder".into()),
    };
}

/// Builds a method at θ^(0) from its parameters.
pub type Builder = fn(&Params, &[f64]) -> Result<Box<dyn Optimizer>, String>;

/// A method in the catalog: everything the page, the URL and the CLI need.
#[derive(Debug)]
pub struct MethodInfo {
    /// Stable id used in URLs and on the command line: `gd`, `adam`, `lbfgs`.
    pub id: &'static str,
    /// Display name: `Gradient descent`, `Adam`, `L-BFGS`.
    pub name: &'static str,
    /// Where the chapter defines it: `(4.16)–(4.17)`, `Algorithm 4.2`, ….
    pub equations: &'static str,
    /// The update, line by line, with the chapter's numbers: the method's
    /// own lines, then groups it shares (the schedule's, the line searches').
    pub lines: &'static [&'static [Equation]],
    /// When it shines and when it fails, in one or two plain sentences.
    pub summary: &'static str,
    /// The hyperparameter table.
    pub params: &'static [ParamInfo],
    pub needs: Needs,
    /// Its state has a velocity v whose step is −αv (momentum (4.17),
    /// Nesterov (4.34), look-ahead (4.37)): the page draws it as an arrow.
    pub velocity: bool,
    /// It keeps a dense d×d matrix of its own (BFGS's B_t), so its memory and
    /// work grow as d².
    pub dense: bool,
    /// Whether its steps come from a line search.
    pub line_search: Searches,
    /// torch.optim's counterpart and the settings that reproduce its defaults.
    pub torch: Torch,
    /// Builds the method at θ^(0) = `x0`.
    pub build: Builder,
}

impl MethodInfo {
    /// Default parameters of this method.
    pub fn defaults(&self) -> Params {
        Params::defaults(self.params)
    }

    /// The lines of the update that apply to parameters `p`.
    pub fn lines_for<'a>(&'a self, p: &'a Params) -> impl Iterator<Item = &'static Equation> + 'a {
        self.all_lines().filter(move |e| all_hold(e.when, p))
    }

    /// Every line of the update, whatever the parameters.
    pub fn all_lines(&self) -> impl Iterator<Item = &'static Equation> + '_ {
        self.lines.iter().flat_map(|group| group.iter())
    }

    /// Whether the method, with parameters `p`, takes its steps by a line search.
    pub fn searches(&self, p: &Params) -> bool {
        match self.line_search {
            Searches::Never => false,
            Searches::Always => true,
            Searches::When(conds) => all_hold(conds, p),
        }
    }

    /// Parameters `p` with torch.optim's defaults applied (`None` when torch
    /// has no such method). Fails only if a setting does not fit the table.
    pub fn torch_params(&self, p: &Params) -> Option<Result<Params, String>> {
        let settings = self.torch.settings?;
        let mut q = p.clone();
        Some(
            settings
                .iter()
                .try_for_each(|(k, v)| q.set_text(k, v).map_err(|e| e.message))
                .map(|()| q),
        )
    }
}
