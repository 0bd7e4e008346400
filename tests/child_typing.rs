//! A child types a sentence key by key, as on a real keyboard: the window's text field keeps
//! its focus between keys. (The other UI tests set a field's whole value at once, which is why
//! they never saw every key after the first one lost.)

#![cfg(feature = "ui")]

mod common;

use cercle::engine::Answer;
use cercle::ui::{App, Child, QuestionStyle};
use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use slint::platform::{PointerEventButton, WindowEvent};
use slint::{ComponentHandle, Model};

fn click(app: &App, label: &str) {
    ElementHandle::find_by_accessible_label(app.window(), label)
        .find(|e| e.accessible_role() == Some(AccessibleRole::Button))
        .unwrap_or_else(|| panic!("no button labelled {label:?}"))
        .invoke_accessible_default_action();
}

fn type_key_by_key(app: &App, text: &str) {
    for c in text.chars() {
        let key: slint::SharedString = c.to_string().into();
        app.window().window().dispatch_event(WindowEvent::KeyPressed { text: key.clone() });
        app.window().window().dispatch_event(WindowEvent::KeyReleased { text: key });
    }
}

/// Starts the form at `form_index` and pages forward to its first question of `style`.
fn to_first_question(app: &App, form_index: usize, style: QuestionStyle) -> String {
    ElementHandle::find_by_accessible_label(app.window(), "Start a session")
        .filter(|e| e.accessible_role() == Some(AccessibleRole::Button))
        .nth(form_index)
        .unwrap()
        .invoke_accessible_default_action();
    click(app, "The child's guardian has given consent");
    click(app, "8 to 12 years");
    click(app, "Hand the tablet to the child");
    click(app, "Yes, I want to take part");
    click(app, "I understand");
    let child = app.window().global::<Child>();
    for _ in 0..60 {
        let questions = child.get_questions();
        if let Some(q) = questions.iter().find(|q| q.style == style) {
            return q.label.to_string();
        }
        for q in questions.iter().filter(|q| q.rather_not_say_offered) {
            child.invoke_rather_not_say(q.name.clone());
        }
        child.invoke_next();
    }
    panic!("the form has no {style:?} question");
}

fn unlock(app: &App) {
    ElementHandle::find_by_accessible_label(app.window(), "Passphrase")
        .find(|e| e.accessible_role() == Some(AccessibleRole::TextInput))
        .unwrap()
        .set_accessible_value(common::PASS);
    click(app, "Unlock");
}

fn unlocked_app(dir: &std::path::Path) -> App {
    i_slint_backend_testing::init_no_event_loop();
    drop(common::create_store(dir));
    let app = App::new(dir).unwrap();
    app.window().window().set_size(slint::LogicalSize::new(1280.0, 800.0));
    unlock(&app);
    app
}

fn child_types_a_sentence(form_index: usize, sentence: &str) -> f32 {
    let dir = tempfile::tempdir().unwrap();
    let app = unlocked_app(dir.path());
    let label = to_first_question(&app, form_index, QuestionStyle::Text);
    let field = ElementHandle::find_by_accessible_label(app.window(), &label)
        .find(|e| e.accessible_role() == Some(AccessibleRole::TextInput))
        .expect("the free-text field");
    field.mock_single_click(PointerEventButton::Left);
    type_key_by_key(&app, sentence);

    let field = ElementHandle::find_by_accessible_label(app.window(), &label)
        .find(|e| e.accessible_role() == Some(AccessibleRole::TextInput))
        .unwrap();
    assert_eq!(field.accessible_value().unwrap(), sentence, "every key reached the field");
    let (record, _) = app.active_session().unwrap();
    let store = common::open_store(dir.path());
    let stored: Vec<Answer> = store.answers(record.id).unwrap().into_values().collect();
    assert!(stored.contains(&Answer::Value(sentence.to_string())), "the whole sentence is stored: {stored:?}");
    field.size().height
}

#[test]
fn a_child_types_a_sentence_key_by_key() {
    child_types_a_sentence(0, "I like the football club");
}

#[test]
fn a_child_types_a_sentence_in_the_advisory_form_too() {
    child_types_a_sentence(1, "more time to talk");
}

#[test]
fn the_box_grows_with_what_the_child_writes() {
    let long = "more time to talk\nchoose the topics\nhear what happened\nmeet after school\nsnacks please";
    let height = child_types_a_sentence(1, long);
    assert!(height > 200.0, "five lines stay in sight: the box is {height} px tall");
}

/// The number box between Less and More takes typed digits: what is in range is saved as it is
/// typed; what is not is refused with the engine's message and, once the child leaves the box,
/// the box shows what is saved again. Less and More still move the number the box shows.
#[test]
fn a_child_types_a_number_into_the_stepper() {
    let dir = tempfile::tempdir().unwrap();
    let app = unlocked_app(dir.path());
    let label = to_first_question(&app, 1, QuestionStyle::Integer);
    let field = || {
        ElementHandle::find_by_accessible_label(app.window(), &label)
            .find(|e| e.accessible_role() == Some(AccessibleRole::TextInput))
            .expect("the stepper's number box")
    };
    let (record, _) = app.active_session().unwrap();
    let saved = |name: &str| common::open_store(dir.path()).answers(record.id).unwrap().get(name).cloned();
    let child = app.window().global::<Child>();
    let name = child.get_questions().iter().find(|q| q.style == QuestionStyle::Integer).unwrap().name.to_string();

    field().mock_single_click(PointerEventButton::Left);
    type_key_by_key(&app, "5");
    assert_eq!(field().accessible_value().unwrap(), "5");
    assert_eq!(saved(&name), Some(Answer::Value("5".into())), "a typed number is saved as typed");
    assert_eq!(child.get_error(), "");

    // Letters never reach the box (digits only); 57 is out of the question's 0 to 7.
    type_key_by_key(&app, "x7");
    assert_eq!(field().accessible_value().unwrap(), "57");
    assert_eq!(saved(&name), Some(Answer::Value("5".into())), "out of range: not saved");
    assert!(child.get_error().contains('7'), "the child is told the range: {}", child.get_error());
    // Next does not move on with the 5 the child no longer sees: it says the range again.
    let position = child.get_position();
    child.set_error("".into());
    click(&app, "Next");
    assert_eq!(child.get_position(), position, "Next stays while the box holds a refused number");
    assert!(child.get_error().contains('7'), "and says why: {}", child.get_error());

    // More: from what is saved (5), and the box shows it (once the event loop has run the
    // box's change handler, as it does before every frame).
    click(&app, "More");
    slint::platform::update_timers_and_animations();
    assert_eq!(saved(&name), Some(Answer::Value("6".into())));
    assert_eq!(field().accessible_value().unwrap(), "6", "the box follows a tap");
    assert_eq!(child.get_error(), "");
}

/// A child types a phone number; the facilitator takes the tablet back to the review, where
/// the answer is flagged (C12).
fn review_with_a_phone_number(dir: &std::path::Path) -> App {
    let app = unlocked_app(dir);
    let label = to_first_question(&app, 0, QuestionStyle::Text);
    ElementHandle::find_by_accessible_label(app.window(), &label)
        .find(|e| e.accessible_role() == Some(AccessibleRole::TextInput))
        .unwrap()
        .mock_single_click(PointerEventButton::Left);
    type_key_by_key(&app, "call me on 0612345678");
    app.window().window().dispatch_event(WindowEvent::CloseRequested);
    unlock(&app);
    assert!(app.window().global::<cercle::ui::Review>().get_has_flagged(), "the phone number is flagged");
    // Tall enough for every row of the review to be on screen, its Redact button with it.
    app.window().window().set_size(slint::LogicalSize::new(1280.0, 1600.0));
    assert_eq!(ElementHandle::find_by_accessible_label(app.window(), "Redact").count(), 1);
    app
}

fn finalised(dir: &std::path::Path) -> usize {
    common::open_store(dir).sessions(Some(cercle::store::Status::Finalised)).unwrap().len()
}

/// The first Finalise on a review with a flagged answer asks to redact; the second finalises
/// the answers as they are (a false alarm stays possible).
#[test]
fn finalising_with_an_identifying_answer_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let app = review_with_a_phone_number(dir.path());
    let review = app.window().global::<cercle::ui::Review>();
    click(&app, "Finalise");
    assert!(review.get_error().contains("Finalise again"), "{}", review.get_error());
    assert!(!review.get_finalised());
    assert_eq!(finalised(dir.path()), 0, "not finalised on the first tap");
    click(&app, "Finalise");
    assert!(review.get_finalised());
    assert_eq!(finalised(dir.path()), 1);
    let redact = ElementHandle::find_by_accessible_label(app.window(), "Redact").count();
    assert_eq!(redact, 0, "nothing left to redact on a finalised session");
}

/// Redacting clears the flag: Finalise then finalises at once, without the phone number.
#[test]
fn a_redacted_answer_finalises_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let app = review_with_a_phone_number(dir.path());
    let review = app.window().global::<cercle::ui::Review>();
    click(&app, "Redact");
    assert!(!review.get_has_flagged());
    click(&app, "Finalise");
    assert!(review.get_finalised(), "{}", review.get_error());
    let store = common::open_store(dir.path());
    let session = &store.sessions(Some(cercle::store::Status::Finalised)).unwrap()[0];
    let answers: Vec<Answer> = store.answers(session.id).unwrap().into_values().collect();
    assert!(!answers.iter().any(|a| a.value().is_some_and(|v| v.contains("0612345678"))), "{answers:?}");
}
