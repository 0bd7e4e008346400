//! Cercle: offline data collection for child participation.
//!
//! The core (forms, engine, store, export, i18n, and `service`, the facilitator's actions) has
//! no UI dependency; `ui` is thin Slint glue over `service`, and the binary's command line
//! (src/cli.rs, not part of the library) drives the same layer. See ARCHITECTURE.md.

#[cfg(all(target_os = "android", feature = "ui"))]
mod android;
pub mod engine;
pub mod export;
pub mod expr;
pub mod form;
pub mod i18n;
pub mod lang;
pub mod platform;
pub mod privacy;
pub mod service;
pub mod simulate;
pub mod store;
pub mod submission;
pub mod sync;
pub mod transfer;
#[cfg(feature = "ui")]
pub mod ui;
pub mod xform;
pub mod xlsform;

use std::path::PathBuf;

/// Where Cercle keeps its database when no `--data-dir` is given: the platform's data directory
/// (e.g. ~/.local/share/cercle on Linux, %APPDATA%\IBCR\Cercle on Windows).
pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("org", "IBCR", "Cercle")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("cercle-data"))
}
