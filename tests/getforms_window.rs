//! The window's Get forms, with Slint's event loop running (the network runs on a thread and
//! reports through it): the server's list appears, "Get all new forms" installs the form and
//! its pictures, the list then says it is here, and the home screen offers it.

#![cfg(feature = "ui")]

mod common;
#[path = "common/openrosa_server.rs"]
mod openrosa_server;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cercle::platform::Platform;
use cercle::sync::{ServerSettings, SERVER_SETTING};
use cercle::ui::{App, AppWindow, GetForms, Home, Lock, Nav, Page};
use openrosa_server::{FakeServer, Faults, Flavour};
use slint::{ComponentHandle, Model};

struct TestPlatform {
    data: PathBuf,
}

impl Platform for TestPlatform {
    fn data_dir(&self) -> PathBuf {
        self.data.clone()
    }
    fn exports_dir(&self) -> PathBuf {
        self.data.join("exports")
    }
    fn keep_screen_on(&self, _: bool) {}
}

/// Runs the event loop until `done` holds (checked every 20 ms) or 20 s pass.
fn pump(app: &App, done: impl Fn(&AppWindow) -> bool + 'static) -> bool {
    let window = app.window().as_weak();
    let deadline = Instant::now() + Duration::from_secs(20);
    let reached = std::rc::Rc::new(std::cell::Cell::new(false));
    let r = reached.clone();
    let timer = slint::Timer::default();
    timer.start(slint::TimerMode::Repeated, Duration::from_millis(20), move || {
        if window.upgrade().is_some_and(|w| done(&w)) {
            r.set(true);
            let _ = slint::quit_event_loop();
        } else if Instant::now() > deadline {
            let _ = slint::quit_event_loop();
        }
    });
    slint::run_event_loop_until_quit().unwrap();
    reached.get()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/getforms").join(name)).unwrap()
}

#[test]
fn get_forms_in_the_window_lists_downloads_and_offers_the_form() {
    i_slint_backend_testing::init_integration_test_with_system_time();
    let server = FakeServer::start(Flavour::Central, Faults::default());
    let media: Vec<(&str, Vec<u8>)> = ["sun.png", "cloud.png", "rain.png"]
        .into_iter()
        .map(|n| (n, fixture(&format!("children_voices-media/{n}"))))
        .collect();
    let media_refs: Vec<(&str, &[u8])> = media.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    server.publish("children_voices", "2026113001", &fixture("children_voices.xml"), &media_refs);

    let dir = tempfile::tempdir().unwrap();
    let store = common::create_store(dir.path());
    let settings = ServerSettings::parse(&server.url(), None, None).unwrap();
    store.set_setting(SERVER_SETTING, Some(&settings.to_json())).unwrap();
    drop(store);

    let app = App::with_platform(Arc::new(TestPlatform { data: dir.path().to_path_buf() })).unwrap();
    app.window().global::<Lock>().invoke_submit(common::PASS.into(), common::PASS.into());
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Home);

    // The list comes from the server, off the window's thread.
    app.window().global::<Home>().invoke_get_forms();
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Getforms);
    let listed = pump(&app, |w| {
        let g = w.global::<GetForms>();
        !g.get_busy() && g.get_forms().row_count() == 1
    });
    let g = app.window().global::<GetForms>();
    assert!(listed, "no list: {}", g.get_status());
    let row = g.get_forms().row_data(0).unwrap();
    assert_eq!((row.id.as_str(), row.state.as_str()), ("children_voices", "new"));
    assert_eq!(row.name.as_str(), "children_voices form");

    // Get all: the form and its pictures are installed; the list then says it is here.
    g.invoke_get_all();
    assert!(g.get_busy(), "the download runs in the background");
    let done = pump(&app, |w| {
        let g = w.global::<GetForms>();
        !g.get_busy() && g.get_forms().row_data(0).is_some_and(|r| r.state == "installed")
    });
    assert!(done, "not installed: {}", g.get_status());
    assert!(!g.get_error(), "{}", g.get_status());
    assert!(g.get_status().contains("2026113001") && g.get_status().contains('3'), "{}", g.get_status());
    let store = common::open_store(dir.path());
    assert_eq!(store.form("children_voices").unwrap().languages.len(), 4);
    assert_eq!(store.media("children_voices", "2026113001").unwrap().len(), 3);
    drop(store);

    // Back home, the form is offered.
    g.invoke_back();
    let home = app.window().global::<Home>();
    assert!(home.get_forms().iter().any(|f| f.id == "children_voices"), "the home screen lists the new form");
    home.invoke_start("children_voices".into());
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Start);
    server.stop();
}
