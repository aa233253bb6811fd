//! Quasi-Newton methods: BFGS and L-BFGS (section 4.6, Algorithm 4.3).

pub mod bfgs;
pub mod lbfgs;
