//! The window's side of a coordinator's day (Slint's testing backend, real encrypted files):
//! a facilitator writes a transfer file from the Transfer screen, the coordinator imports it
//! in the workspace, sees the form's counts, and exports from a worker thread.

#![cfg(feature = "ui")]

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use cercle::platform::Platform;
use cercle::ui::{App, Coordinator, Home, Lock, Nav, Page, Transfer};
use slint::{ComponentHandle, Model};

const TRANSFER_PASS: &str = "coordinator keys 2026";

/// A desktop whose exports folder is the test's own (never the user's documents).
struct TestPlatform {
    data: PathBuf,
    exports: PathBuf,
}

impl Platform for TestPlatform {
    fn data_dir(&self) -> PathBuf {
        self.data.clone()
    }
    fn exports_dir(&self) -> PathBuf {
        self.exports.clone()
    }
    fn keep_screen_on(&self, _: bool) {}
}

fn open(data: &Path, exports: &Path) -> App {
    let app = App::with_platform(Arc::new(TestPlatform { data: data.to_path_buf(), exports: exports.to_path_buf() }))
        .unwrap();
    app.window().global::<Lock>().invoke_submit(common::PASS.into(), common::PASS.into());
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Home);
    app
}

fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == ext)).collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_transfer_file_written_in_one_window_is_imported_and_exported_in_another() {
    i_slint_backend_testing::init_no_event_loop();
    let root = tempfile::tempdir().unwrap();
    let (tablet, coordinator) = (root.path().join("tablet"), root.path().join("coordinator"));
    let (tablet_out, coordinator_out) = (root.path().join("tablet-exports"), root.path().join("coordinator-exports"));
    let (public, private) = cercle::transfer::keygen(TRANSFER_PASS).unwrap();
    std::fs::create_dir_all(&coordinator_out).unwrap();
    std::fs::write(coordinator_out.join("coordinator.key"), private).unwrap();

    let mut store = common::create_store(&tablet);
    cercle::simulate::run(&mut store, "cercle_participation", 12, 5).unwrap();
    drop(store);
    drop(common::create_store(&coordinator));

    // The facilitator: Transfer, the coordinator's key pasted, one file written.
    let app = open(&tablet, &tablet_out);
    app.window().global::<Home>().invoke_transfer();
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Transfer);
    let transfer = app.window().global::<Transfer>();
    transfer.set_public_key("not a key".into());
    transfer.invoke_write();
    assert!(transfer.get_error(), "a wrong key is refused: {}", transfer.get_status());
    assert!(files_in(&tablet_out, "cercle").is_empty(), "and nothing is written");
    transfer.set_public_key(public.trim().into());
    transfer.invoke_write();
    assert!(!transfer.get_error(), "{}", transfer.get_status());
    assert!(transfer.get_status().contains("12 sessions"), "{}", transfer.get_status());
    let written = files_in(&tablet_out, "cercle");
    assert_eq!(written.len(), 1);
    drop(app);

    // The coordinator: the workspace finds the key in its folder; the file is typed in.
    std::fs::copy(&written[0], coordinator_out.join("tablet.cercle")).unwrap();
    let app = open(&coordinator, &coordinator_out);
    app.window().global::<Home>().invoke_coordinator();
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Coordinator);
    let c = app.window().global::<Coordinator>();
    assert!(c.get_files().contains("tablet.cercle"), "files found in the folder: {}", c.get_files());
    assert!(c.get_key_file().ends_with("coordinator.key"), "{}", c.get_key_file());
    c.set_passphrase("wrong passphrase".into());
    c.invoke_import();
    assert!(c.get_error(), "a wrong passphrase imports nothing: {}", c.get_status());
    c.set_passphrase(TRANSFER_PASS.into());
    c.invoke_import();
    assert!(!c.get_error(), "{}", c.get_status());
    assert!(c.get_status().contains("12 new"), "{}", c.get_status());
    assert_eq!(c.get_passphrase(), "", "the passphrase does not stay on the screen");
    let forms = c.get_forms();
    let participation = forms.iter().find(|f| f.id == "cercle_participation").unwrap();
    assert_eq!(participation.sessions, 12);
    assert!(participation.summary.contains("1 tablet"), "{}", participation.summary);

    // An export runs on a worker: the file appears, and the export is in the audit log.
    c.set_k("1".into());
    c.invoke_export("cercle_participation".into(), "xlsx".into());
    assert!(c.get_busy());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while files_in(&coordinator_out, "xlsx").is_empty() {
        assert!(std::time::Instant::now() < deadline, "no export written");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    drop(app);
    let store = common::open_store(&coordinator);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !store.audit_log().unwrap().iter().any(|e| e.action == "export" && e.detail.contains("format=xlsx")) {
        assert!(std::time::Instant::now() < deadline, "the export is logged with its settings");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
