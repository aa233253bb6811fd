//! Secant method: not implemented yet (placeholder so the crate compiles).

use crate::optim::{MethodInfo, Needs, Optimizer, ParamInfo, Params};

pub const PARAMS: &[ParamInfo] = &[];

pub static INFO: MethodInfo = MethodInfo {
    id: "secant",
    name: "Secant method",
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
    Err("secant: not implemented yet".into())
}
