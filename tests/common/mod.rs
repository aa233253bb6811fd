//! Helpers shared by several test files.

pub mod expr_tree;
