//! Android's Back key and screen-on requests, through the same platform interface as on
//! Android, with a desktop platform that records what it is asked (Slint's testing backend,
//! a real encrypted file). Back is pressed as a key, as Android sends it.

#![cfg(feature = "ui")]

mod common;

use std::sync::Arc;

use cercle::platform::Desktop;
use cercle::ui::{App, Nav, Page, Phase};
use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use slint::platform::Key;
use slint::ComponentHandle;

fn click(app: &App, label: &str) {
    ElementHandle::find_by_accessible_label(app.window(), label)
        .find(|e| e.accessible_role() == Some(AccessibleRole::Button))
        .unwrap_or_else(|| panic!("no button labelled {label:?}"))
        .invoke_accessible_default_action();
}

fn press_back(app: &App) {
    let text: slint::SharedString = Key::Back.into();
    app.window().window().dispatch_event(slint::platform::WindowEvent::KeyPressed { text: text.clone() });
    app.window().window().dispatch_event(slint::platform::WindowEvent::KeyReleased { text });
}

fn page(app: &App) -> Page {
    app.window().global::<Nav>().get_page()
}

#[test]
fn back_in_child_mode_goes_to_the_previous_question_and_never_leaves() {
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir().unwrap();
    drop(common::create_store(dir.path()));
    let platform = Arc::new(Desktop::new(Some(dir.path().to_path_buf())));
    let app = App::with_platform(platform.clone()).unwrap();
    app.window().window().set_size(slint::LogicalSize::new(1280.0, 800.0));
    ElementHandle::find_by_accessible_label(app.window(), "Passphrase")
        .next()
        .unwrap()
        .set_accessible_value(common::PASS);
    click(&app, "Unlock");
    assert_eq!(page(&app), Page::Home);
    assert!(!platform.screen_kept_on());

    // Start: Back returns home.
    ElementHandle::find_by_accessible_label(app.window(), "Start a session")
        .next()
        .unwrap()
        .invoke_accessible_default_action();
    assert_eq!(page(&app), Page::Start);
    press_back(&app);
    assert_eq!(page(&app), Page::Home);

    ElementHandle::find_by_accessible_label(app.window(), "Start a session")
        .next()
        .unwrap()
        .invoke_accessible_default_action();
    click(&app, "8 to 12 years");
    click(&app, "The child's guardian has given consent");
    click(&app, "Hand the tablet to the child");
    assert_eq!(page(&app), Page::Child);
    assert!(platform.screen_kept_on(), "child mode keeps the screen on");

    // Assent and limits: Back does nothing.
    assert_eq!(app.phase(), Phase::Assent);
    press_back(&app);
    assert_eq!((page(&app), app.phase()), (Page::Child, Phase::Assent));
    click(&app, "Yes, I want to take part");
    press_back(&app);
    assert_eq!((page(&app), app.phase()), (Page::Child, Phase::Limits));
    click(&app, "I understand");
    assert_eq!(app.phase(), Phase::Questions);

    // First question: nothing. Then forward twice and Back twice.
    let at = |app: &App| app.active_session().unwrap().1;
    let first = at(&app);
    press_back(&app);
    assert_eq!((page(&app), at(&app)), (Page::Child, first));
    click(&app, "Next");
    click(&app, "Next");
    assert!(at(&app) > first);
    for _ in 0..5 {
        press_back(&app);
    }
    assert_eq!((page(&app), at(&app)), (Page::Child, first), "back to the first question, and no further");
    assert!(platform.screen_kept_on());
}
