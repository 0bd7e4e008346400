//! The Slint front end: thin glue between the screens in ui/*.slint and the core.
//!
//! Each Slint global is an adapter (Tr, Lock, Home, Start, Child, Review, Audit, Site) that a
//! controller (`controller/*.rs`, one per screen) fills from the core and whose callbacks it
//! forwards to `crate::service`, as in Slint's weather demo. Nothing here decides what a survey
//! does (the engine does), stores (the store does) or audits (the service does).

slint::include_modules!();

pub mod audio;
mod child_view;
mod controller;
pub mod images;
pub mod screenshot;

pub use crate::service::Phase;
pub use child_view::style_of;
pub use controller::App;

use std::path::Path;

use anyhow::Result;

/// Opens the app window on the data in `data_dir` (locked until the facilitator's passphrase
/// is given) and runs until it is closed.
pub fn run(data_dir: &Path) -> Result<()> {
    run_on(std::sync::Arc::new(crate::platform::Desktop::new(Some(data_dir.to_path_buf()))))
}

/// The same, on any platform (the desktop, or Android's entry point).
pub fn run_on(platform: std::sync::Arc<dyn crate::platform::Platform>) -> Result<()> {
    std::fs::create_dir_all(platform.data_dir())?;
    let app = App::with_platform(platform)?;
    app.window().run()?;
    Ok(())
}
