//! First-order methods: gradient descent and its momentum and adaptive variants (sections 4.2, 4.3, 4.5).

pub mod adadelta;
pub mod adagrad;
pub mod adam;
pub mod adamax;
pub mod adamw;
pub mod gd;
pub mod lookahead;
pub mod momentum;
pub mod nadam;
pub mod nesterov;
pub mod rmsprop;
pub mod schedule;
