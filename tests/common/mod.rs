//! Shared by the integration tests: a data folder with an encrypted database keyed from a test
//! passphrase. The KDF cost is kept low here so tests stay fast; the cost is a stored parameter,
//! so every later open (by the app, the CLI, the tests) uses the same real code path.
#![allow(dead_code)]

use std::path::Path;

use cercle::store::{KdfParams, Store};

pub const PASS: &str = "blue river 2026";

/// Creates the database in `dir` with a cheap KDF (tests only).
pub fn create_store(dir: &Path) -> Store {
    Store::create(dir, PASS, KdfParams::with_cost(1024, 1)).expect("a new store")
}

pub fn open_store(dir: &Path) -> Store {
    Store::unlock(dir, PASS).expect("the store opens with the test passphrase")
}

/// Runs the real `cercle` binary on `data`, the passphrase given as a script would (the
/// environment): (succeeded, stdout, stderr).
pub fn cercle(data: &Path, args: &[&str]) -> (bool, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cercle"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("CERCLE_PASSPHRASE", PASS)
        .output()
        .expect("the cercle binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs the real `cercle` binary on `data` with the test passphrase and a transfer-key
/// passphrase: (succeeded, stdout, stderr).
pub fn run_cercle(data: &Path, args: &[&str], transfer_pass: &str) -> (bool, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cercle"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("CERCLE_PASSPHRASE", PASS)
        .env("CERCLE_TRANSFER_PASSPHRASE", transfer_pass)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
