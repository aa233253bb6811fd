//! Expressions and automatic differentiation (section 4.4): not implemented yet.
