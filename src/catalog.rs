//! The catalog the page and the CLI read: functions, methods with their
//! parameter tables, and lane-level keys, from the tables that define them.

use serde::Serialize;

use crate::objective::catalog::FUNCTIONS;
use crate::optim::{METHODS, ParamKind};
use crate::scene::lane::LANE_KEYS;

#[derive(Serialize)]
pub struct FunctionEntry {
    pub id: &'static str,
    pub name: &'static str,
    pub formula: &'static str,
    pub dim: usize,
    pub about: &'static str,
}

#[derive(Serialize)]
pub struct ParamEntry {
    pub key: &'static str,
    pub symbol: &'static str,
    pub help: &'static str,
    /// real, int, bool or choice.
    pub kind: &'static str,
    pub default: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub log: bool,
    pub choices: Vec<&'static str>,
    /// Shown only when choice `when.0` is one of `when.1`.
    pub when: Option<(&'static str, &'static [&'static str])>,
}

#[derive(Serialize)]
pub struct MethodEntry {
    pub id: &'static str,
    pub name: &'static str,
    pub equations: &'static str,
    pub summary: &'static str,
    pub params: Vec<ParamEntry>,
    pub hessian: bool,
    pub univariate: bool,
    pub first_order: bool,
    /// The update's lines with the chapter's numbers, each shown when its conditions hold.
    pub lines: Vec<&'static crate::optim::Equation>,
    /// Draws its velocity v as the arrow −αv.
    pub velocity: bool,
    /// Keeps a dense d×d matrix (BFGS's B_t).
    pub dense: bool,
    /// Whether (or under which settings) its steps come from a line search.
    pub line_search: crate::optim::Searches,
    /// torch.optim's counterpart and the settings that reproduce its defaults.
    pub torch: crate::optim::Torch,
}

#[derive(Serialize)]
pub struct Catalog {
    pub functions: Vec<FunctionEntry>,
    pub methods: Vec<MethodEntry>,
    pub lane_keys: Vec<(&'static str, &'static str)>,
    pub presets: &'static [crate::scene::Preset],
    /// Data models a scene can use (`data=`), with their keys.
    pub data_models: Vec<DataModelEntry>,
}

#[derive(Serialize)]
pub struct DataModelEntry {
    pub id: &'static str,
    pub name: &'static str,
    /// Two parameters: drawable in the playground.
    pub drawable: bool,
    /// (key, help) of the keys this model takes.
    pub keys: Vec<(&'static str, &'static str)>,
}

impl Catalog {
    pub fn get() -> Catalog {
        Catalog {
            functions: FUNCTIONS
                .iter()
                .map(|f| FunctionEntry {
                    id: f.id,
                    name: f.name,
                    formula: f.formula,
                    dim: f.dim(),
                    about: f.about,
                })
                .collect(),
            methods: METHODS
                .iter()
                .map(|m| MethodEntry {
                    id: m.id,
                    name: m.name,
                    equations: m.equations,
                    summary: m.summary,
                    hessian: m.needs.hessian,
                    univariate: m.needs.univariate,
                    first_order: m.needs.first_order,
                    lines: m.all_lines().collect(),
                    velocity: m.velocity,
                    dense: m.dense,
                    line_search: m.line_search,
                    torch: m.torch,
                    params: m
                        .params
                        .iter()
                        .map(|p| {
                            let (kind, min, max, log, choices) = match p.kind {
                                ParamKind::Real { min, max, log } => ("real", Some(min), Some(max), log, vec![]),
                                ParamKind::Int { min, max } => {
                                    ("int", Some(min as f64), Some(max as f64), false, vec![])
                                }
                                ParamKind::Bool => ("bool", None, None, false, vec![]),
                                ParamKind::Choice(names) => ("choice", None, None, false, names.to_vec()),
                            };
                            ParamEntry {
                                key: p.key,
                                symbol: p.symbol,
                                help: p.help,
                                kind,
                                default: p.format(p.default),
                                min,
                                max,
                                log,
                                choices,
                                when: p.when,
                            }
                        })
                        .collect(),
                })
                .collect(),
            lane_keys: LANE_KEYS.to_vec(),
            presets: crate::scene::PRESETS,
            data_models: crate::learn::ModelKind::ALL
                .iter()
                .map(|&(kind, id, name)| DataModelEntry {
                    id,
                    name,
                    drawable: kind.is_two_param(),
                    keys: crate::learn::spec::keys_for(kind).map(|k| (k.key, k.help)).collect(),
                })
                .collect(),
        }
    }
}
