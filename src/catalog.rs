//! The catalog the page and the CLI read: functions, methods with their
//! parameter tables, lane keys, data options, the keys of every link, the
//! limits and the palette, from the tables that define them. The page builds
//! its forms from these entries and never parses text itself.

use serde::Serialize;

use crate::keys::ParamInfo;
use crate::objective::catalog::FUNCTIONS;
use crate::optim::METHODS;

#[derive(Serialize)]
pub struct FunctionEntry {
    pub id: &'static str,
    pub name: &'static str,
    pub formula: &'static str,
    pub dim: usize,
    pub about: &'static str,
}

#[derive(Serialize)]
pub struct MethodEntry {
    pub id: &'static str,
    pub name: &'static str,
    pub equations: &'static str,
    pub summary: &'static str,
    /// The hyperparameter table, as the page builds its controls from it.
    pub params: &'static [ParamInfo],
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
    /// The lane keys (`batch`, `sampling`, `noise`), as the page builds their controls.
    pub lane_keys: Vec<ParamInfo>,
    pub presets: &'static [crate::scene::Preset],
    /// The training page's presets (`train.html?preset=fig4.4`).
    pub train_presets: &'static [crate::scene::Preset],
    /// Data models a scene can use (`data=`), with their keys.
    pub data_models: Vec<DataModelEntry>,
    /// The keys of the playground's link (`src/scene/url.rs`).
    pub link_keys: Vec<ParamInfo>,
    /// The keys of the training page's link (`src/scene/train.rs`).
    pub train_keys: Vec<ParamInfo>,
    /// The keys of the explorer's link (`src/explorer/url.rs`).
    pub explorer_keys: Vec<ParamInfo>,
    pub limits: Limits,
    /// Lane k's colour is `palette[k]` (CSS hex), everywhere.
    pub palette: Vec<String>,
}

/// The one limit of each size, for the page's controls.
#[derive(Serialize)]
pub struct Limits {
    pub lanes: usize,
    pub epochs: u32,
    pub steps: u64,
    pub speed: u32,
    pub expr: usize,
}

#[derive(Serialize)]
pub struct DataModelEntry {
    pub id: &'static str,
    pub name: &'static str,
    /// Two parameters: drawable in the playground.
    pub drawable: bool,
    /// The data panel draws the data against one input, with each lane's model.
    pub curve: bool,
    /// (key, help) of the options this model takes.
    pub keys: Vec<(&'static str, &'static str)>,
    /// The same options with their table entries for this model and defaults.
    pub options: Vec<crate::learn::spec::DataRow>,
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
                    params: m.params,
                })
                .collect(),
            lane_keys: crate::lane::KEYS.iter().map(|r| r.info).collect(),
            presets: crate::scene::PRESETS,
            train_presets: crate::scene::train::PRESETS,
            data_models: crate::learn::ModelKind::ALL
                .iter()
                .map(|&(kind, id, name)| DataModelEntry {
                    id,
                    name,
                    drawable: kind.is_two_param(),
                    curve: kind.has_curve(),
                    keys: crate::learn::spec::options_for(kind)
                        .map(|o| (o.info.key, o.info.help))
                        .collect(),
                    options: crate::learn::DataSpec::new(kind).rows(),
                })
                .collect(),
            link_keys: crate::scene::url::KEYS.iter().map(|r| r.info).collect(),
            train_keys: crate::scene::train::KEYS.iter().map(|r| r.info).collect(),
            explorer_keys: crate::explorer::url::key_infos(),
            limits: Limits {
                lanes: crate::lane::MAX_LANES,
                epochs: crate::learn::trainer::MAX_EPOCHS,
                steps: crate::scene::MAX_STEPS,
                speed: crate::scene::MAX_SPEED,
                expr: crate::scene::MAX_EXPR,
            },
            palette: crate::plot::palette::LANES
                .iter()
                .map(|&c| crate::plot::palette::hex(c))
                .collect(),
        }
    }
}
