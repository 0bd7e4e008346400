//! A facilitator and a child go through a whole survey by touch, found by accessible labels
//! (what screen readers use), with Slint's testing backend and a real SQLite file.

use cercle::store::{Status, Store};
use cercle::ui::{App, Child, Nav, Page};
use i_slint_backend_testing::ElementHandle;
use slint::{ComponentHandle, Model};

/// Buttons (not texts) with this accessible label, in tree order.
fn buttons(app: &App, label: &str) -> Vec<ElementHandle> {
    ElementHandle::find_by_accessible_label(app.window(), label)
        .filter(|e| e.accessible_role() == Some(i_slint_backend_testing::AccessibleRole::Button))
        .collect()
}

fn click(app: &App, label: &str) {
    let found: Vec<_> = buttons(app, label);
    let el = found
        .first()
        .unwrap_or_else(|| panic!("no element labelled {label:?}"));
    el.invoke_accessible_default_action();
}

#[test]
fn a_child_answers_a_whole_survey_and_the_facilitator_finalises_it() {
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(Store::open_dir(dir.path()).unwrap()).unwrap();
    app.window()
        .window()
        .set_size(slint::LogicalSize::new(1280.0, 800.0));
    let nav = app.window().global::<Nav>();
    assert_eq!(nav.get_page(), Page::Home);

    // The interface language switches at run time, without a restart.
    click(&app, "العربية");
    let arabic_heading = cercle::i18n::tr(cercle::lang::Lang::Ar, "home-forms");
    assert!(
        ElementHandle::find_by_accessible_label(app.window(), &arabic_heading)
            .next()
            .is_some(),
        "Arabic heading shown"
    );
    click(&app, "English");
    assert!(
        ElementHandle::find_by_accessible_label(app.window(), "Forms")
            .next()
            .is_some()
    );

    // Forms are listed advisory first (by id); start the participation survey, the second.
    let starts: Vec<_> = buttons(&app, "Start a session");
    assert_eq!(starts.len(), 2);
    starts[1].invoke_accessible_default_action();
    assert_eq!(nav.get_page(), Page::Start);
    click(&app, "Hand the tablet to the child");
    assert_eq!(nav.get_page(), Page::Child);

    let child = app.window().global::<Child>();
    let mut screens = 0;
    while !child.get_at_end() {
        screens += 1;
        assert!(screens < 100, "the survey ends");
        let questions = child.get_questions();
        for q in questions.iter() {
            let choices: Vec<_> = q.choices.iter().collect();
            if let Some(first) = choices.first() {
                click(&app, &first.label);
            } else if q.rather_not_say_offered {
                click(&app, "I'd rather not say");
            }
        }
        assert_eq!(child.get_error(), "", "no refusal on screen {screens}");
        let label = if child.get_last_question() {
            "Finish"
        } else {
            "Next"
        };
        click(&app, label);
    }
    assert!(
        ElementHandle::find_by_accessible_label(app.window(), "Thank you!")
            .next()
            .is_some()
    );
    click(&app, "For the facilitator");
    assert_eq!(nav.get_page(), Page::Review);
    click(&app, "Finalise");

    let store = Store::open_dir(dir.path()).unwrap();
    let finalised = store.sessions(Some(Status::Finalised)).unwrap();
    assert_eq!(finalised.len(), 1);
    assert!(
        finalised[0].answered >= screens - 5,
        "answers were stored as given"
    );
    assert!(store.sessions(Some(Status::InProgress)).unwrap().is_empty());
    let actions: Vec<String> = store
        .audit_log()
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, vec!["start", "finalise"]);
}

#[test]
fn required_and_rather_not_say_and_back() {
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(Store::open_dir(dir.path()).unwrap()).unwrap();
    app.window()
        .window()
        .set_size(slint::LogicalSize::new(1280.0, 800.0));
    let starts: Vec<_> = buttons(&app, "Start a session");
    starts[0].invoke_accessible_default_action();
    click(&app, "Hand the tablet to the child");
    let child = app.window().global::<Child>();
    assert!(!child.get_can_back());
    click(&app, "Next");
    assert_eq!(child.get_position(), 1);
    // "I'd rather not say" is a choice of its own, toggled by a second tap.
    click(&app, "I'd rather not say");
    assert!(child.get_questions().row_data(0).unwrap().rather_not_say);
    click(&app, "I'd rather not say");
    assert!(!child.get_questions().row_data(0).unwrap().rather_not_say);
    click(&app, "Back");
    assert_eq!(child.get_position(), 0);
    // "I want to talk to someone" is on every screen and opens a calm screen.
    click(&app, "I want to talk to someone");
    assert!(child.get_talk_open());
    click(&app, "Go back to the questions");
    assert!(!child.get_talk_open());
}
