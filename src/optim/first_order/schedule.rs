//! Learning-rate schedules: not implemented yet.
