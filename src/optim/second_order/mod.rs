//! Newton's method and the secant method (section 4.6).

pub mod newton;
pub mod secant;
