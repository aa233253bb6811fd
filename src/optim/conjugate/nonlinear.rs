//! Nonlinear conjugate gradient: not implemented yet (placeholder so the crate compiles).

use crate::optim::{MethodInfo, Needs, Optimizer, ParamInfo, Params};

pub const PARAMS: &[ParamInfo] = &[];

pub static INFO: MethodInfo = MethodInfo {
    id: "ncg",
    name: "Nonlinear conjugate gradient",
    equations: "",
    summary: "",
    params: PARAMS,
    needs: Needs {
        hessian: false,
        univariate: false,
        first_order: false,
    },
    build,
};

fn build(_: &Params, _: &[f64]) -> Result<Box<dyn Optimizer>, String> {
    Err("ncg: not implemented yet".into())
}
