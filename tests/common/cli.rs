//! The command line as the tests run it (include with
//! `#[path = "common/cli.rs"] mod cli;`).

use std::process::Command;

/// Runs `saddle args…`: its exit code, standard output and standard error.
pub fn saddle(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_saddle")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
