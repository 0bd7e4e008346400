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
