//! Conjugate gradient methods (section 4.5).

pub mod linear;
pub mod nonlinear;
