//! A facilitator and a child go through a whole survey by touch, found by accessible labels
//! (what screen readers use), with Slint's testing backend and a real encrypted SQLite file.

#![cfg(feature = "ui")]

mod common;

use cercle::store::Status;
use cercle::ui::{App, Child, Lock, LockMode, Nav, Page, Phase};
use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use slint::{ComponentHandle, Model};

/// Elements with this accessible role and label, in tree order.
fn find(app: &App, role: AccessibleRole, label: &str) -> Vec<ElementHandle> {
    ElementHandle::find_by_accessible_label(app.window(), label).filter(|e| e.accessible_role() == Some(role)).collect()
}

fn click(app: &App, label: &str) {
    let found = find(app, AccessibleRole::Button, label);
    found.first().unwrap_or_else(|| panic!("no button labelled {label:?}")).invoke_accessible_default_action();
}

fn type_into(app: &App, label: &str, text: &str) {
    let found = find(app, AccessibleRole::TextInput, label);
    found.first().unwrap_or_else(|| panic!("no text field labelled {label:?}")).set_accessible_value(text);
}

fn start_app(dir: &std::path::Path) -> App {
    let app = App::new(dir).unwrap();
    app.window().window().set_size(slint::LogicalSize::new(1280.0, 800.0));
    app
}

/// An app on a new data folder, unlocked, on its home screen.
fn unlocked_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    drop(common::create_store(dir.path()));
    let app = start_app(dir.path());
    unlock(&app, common::PASS);
    (dir, app)
}

fn unlock(app: &App, passphrase: &str) {
    type_into(app, "Passphrase", passphrase);
    click(app, "Unlock");
}

/// From home: start the n-th form with consent, say yes, read the limits.
fn start_child_mode(app: &App, form_index: usize) {
    find(app, AccessibleRole::Button, "Start a session")[form_index].invoke_accessible_default_action();
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Start);
    click(app, "8 to 12 years");
    click(app, "Hand the tablet to the child");
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Start, "consent is required under 14 first");
    click(app, "The child's guardian has given consent");
    click(app, "Hand the tablet to the child");
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Child);
    assert_eq!(app.phase(), Phase::Assent);
    click(app, "Yes, I want to take part");
    assert_eq!(app.phase(), Phase::Limits);
    click(app, "I understand");
    assert_eq!(app.phase(), Phase::Questions);
}

#[test]
fn a_child_answers_a_whole_survey_and_the_facilitator_finalises_it() {
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir().unwrap();
    {
        let store = common::create_store(dir.path());
        // Rules set earlier (as the site rules page does: the rule, then its event).
        cercle::privacy::SiteSettings::set(&store, "help_en", "Childline: call 116 111, free").unwrap();
        store.audit("site-setting", "help_en").unwrap();
        cercle::privacy::SiteSettings::set(
            &store,
            "referral_en",
            "Call Amina at the site office, then the district officer",
        )
        .unwrap();
        store.audit("site-setting", "referral_en").unwrap();
    }
    let app = start_app(dir.path());
    let nav = app.window().global::<Nav>();
    assert_eq!(nav.get_page(), Page::Lock, "nothing shows before the passphrase");
    unlock(&app, "not the passphrase");
    assert_eq!(nav.get_page(), Page::Lock);
    assert_eq!(app.window().global::<Lock>().get_error(), "Wrong passphrase.");
    unlock(&app, common::PASS);
    assert_eq!(nav.get_page(), Page::Home);

    // The interface language switches at run time, without a restart.
    click(&app, "العربية");
    let arabic_heading = cercle::i18n::tr(cercle::lang::Lang::Ar, "home-forms");
    assert!(!find(&app, AccessibleRole::Text, &arabic_heading).is_empty(), "Arabic heading shown");
    click(&app, "English");
    assert!(!find(&app, AccessibleRole::Text, "Forms").is_empty());

    // Forms are listed advisory first (by id); start the participation survey, the second.
    start_child_mode(&app, 1);
    let child = app.window().global::<Child>();
    let mut screens = 0;
    while !child.get_at_end() {
        screens += 1;
        assert!(screens < 100, "the survey ends");
        for q in child.get_questions().iter() {
            let choices: Vec<_> = q.choices.iter().collect();
            if let Some(first) = choices.first() {
                click(&app, &first.label);
            } else if q.rather_not_say_offered {
                click(&app, "I'd rather not say");
            }
        }
        assert_eq!(child.get_error(), "", "no refusal on screen {screens}");
        click(&app, if child.get_last_question() { "Finish" } else { "Next" });
    }
    assert!(!find(&app, AccessibleRole::Text, "Thank you!").is_empty());
    let child = app.window().global::<Child>();
    assert_eq!(child.get_help_contacts(), "Childline: call 116 111, free", "the site's help card");

    // Leaving child mode takes the passphrase (C9).
    click(&app, "For the facilitator");
    assert_eq!(nav.get_page(), Page::Lock);
    assert_eq!(app.window().global::<Lock>().get_mode(), LockMode::Facilitator);
    click(&app, "Back to the child");
    assert_eq!(nav.get_page(), Page::Child);
    click(&app, "For the facilitator");
    unlock(&app, common::PASS);
    assert_eq!(nav.get_page(), Page::Review);
    let review = app.window().global::<cercle::ui::Review>();
    assert_eq!(review.get_referral(), "Call Amina at the site office, then the district officer");
    click(&app, "Finalise");

    let store = common::open_store(dir.path());
    let finalised = store.sessions(Some(Status::Finalised)).unwrap();
    assert_eq!(finalised.len(), 1);
    assert!(finalised[0].answered >= screens - 5, "answers were stored as given");
    assert_eq!(store.consent(finalised[0].id).unwrap(), Some(true));
    assert!(store.sessions(Some(Status::InProgress)).unwrap().is_empty());
    let actions: Vec<String> = store.audit_log().unwrap().into_iter().map(|e| e.action).collect();
    // The wrong passphrase typed before unlocking is logged, as a count, with the unlock.
    assert_eq!(
        actions,
        vec!["site-setting", "site-setting", "unlock-failed", "unlock", "start", "facilitator-check", "finalise"]
    );
}

#[test]
fn rather_not_say_talk_to_someone_back_and_the_window_cannot_be_closed() {
    i_slint_backend_testing::init_no_event_loop();
    let (dir, app) = unlocked_app();
    start_child_mode(&app, 0);
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
    // "I want to talk to someone" opens a calm screen and flags a concern for the facilitator.
    click(&app, "I want to talk to someone");
    assert!(child.get_talk_open());
    click(&app, "Go back to the questions");
    assert!(!child.get_talk_open());
    // Closing the window in child mode asks for the facilitator instead.
    app.window().window().dispatch_event(slint::platform::WindowEvent::CloseRequested);
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Lock);
    assert_eq!(app.window().global::<Lock>().get_mode(), LockMode::Facilitator);
    unlock(&app, common::PASS);
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Review);
    let review = app.window().global::<cercle::ui::Review>();
    assert!(review.get_has_concern(), "the facilitator sees the child's request");
    type_into(&app, "Concern note (kept apart, never exported)", "asked to talk after question 1");
    click(&app, "Flag a concern");
    let code = review.get_code().to_string();
    let store = common::open_store(dir.path());
    let id = store.sessions(None).unwrap()[0].id;
    let concerns = store.concerns(id).unwrap();
    assert_eq!(concerns.len(), 2);
    assert!(concerns[0].0 && !concerns[1].0 && concerns[1].1.contains("asked to talk"));
    assert!(
        store.audit_log().unwrap().iter().all(|e| !e.detail.contains("asked to talk")),
        "no content in the audit log"
    );

    // Withdrawal from the review asks first, showing the code; then it deletes everything of
    // the child but the open safeguarding concerns (a duty of care, kept until closed).
    click(&app, "Withdraw this child");
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Home);
    let home = app.window().global::<cercle::ui::Home>();
    assert!(home.get_confirm_withdraw_text().contains(&code), "{}", home.get_confirm_withdraw_text());
    assert_eq!(store.sessions(None).unwrap().len(), 1, "nothing is deleted before the confirmation");
    click(&app, "Yes, delete it");
    let store = common::open_store(dir.path());
    assert!(store.sessions(None).unwrap().is_empty(), "{code} withdrawn");
    assert!(store.concerns(id).unwrap().is_empty(), "no longer linked to a session");
    let open = store.open_concerns().unwrap();
    assert_eq!(open.len(), 2, "both concerns stay open");
    assert!(open.iter().all(|c| c.code == code));
    assert_eq!(home.get_concerns().row_count(), 2, "and show on the home screen");
    // In Arabic, a concern line starts with the participant code (Latin letters): a right-to-left
    // mark keeps the line right to left.
    click(&app, "العربية");
    let line = home.get_concerns().row_data(0).unwrap().text;
    assert!(line.starts_with('\u{200f}') && line.contains(&code), "{line:?}");
    click(&app, "English");
    click(&app, "Close");
    click(&app, "Close");
    assert_eq!(home.get_concerns().row_count(), 0);
    assert!(store.open_concerns().unwrap().is_empty());
}

#[test]
fn a_child_who_says_no_leaves_nothing_behind() {
    i_slint_backend_testing::init_no_event_loop();
    let (dir, app) = unlocked_app();
    find(&app, AccessibleRole::Button, "Start a session")[0].invoke_accessible_default_action();
    click(&app, "8 to 12 years");
    click(&app, "The child's guardian has given consent");
    click(&app, "Hand the tablet to the child");
    click(&app, "No, thank you");
    assert_eq!(app.phase(), Phase::Declined);
    let store = common::open_store(dir.path());
    assert!(store.sessions(None).unwrap().is_empty());
    assert_eq!(store.refusals("cercle_advisory_feedback").unwrap().len(), 1);
    click(&app, "For the facilitator");
    unlock(&app, common::PASS);
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Home);
}

#[test]
fn first_start_sets_a_passphrase_with_its_rules() {
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir().unwrap();
    let app = start_app(dir.path());
    assert_eq!(app.window().global::<Lock>().get_mode(), LockMode::Create);
    assert!(!find(&app, AccessibleRole::Text, &cercle::i18n::tr(cercle::lang::Lang::En, "lock-warning")).is_empty());
    type_into(&app, "Passphrase", "short");
    type_into(&app, "Passphrase again", "short");
    click(&app, "Set the passphrase");
    assert_eq!(app.window().global::<Lock>().get_error(), "The passphrase needs at least 10 characters.");
    type_into(&app, "Passphrase", "a long enough sentence");
    type_into(&app, "Passphrase again", "a long enough sentense");
    click(&app, "Set the passphrase");
    assert_eq!(app.window().global::<Lock>().get_error(), "The two passphrases are not the same.");
    // The real KDF cost runs here once (about a second in a debug build).
    type_into(&app, "Passphrase", "a long enough sentence");
    type_into(&app, "Passphrase again", "a long enough sentence");
    click(&app, "Set the passphrase");
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Home);
    assert!(cercle::store::Store::unlock(dir.path(), "a long enough sentence").is_ok());
}

#[test]
fn the_facilitator_imports_an_xlsform_from_the_import_folder() {
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir().unwrap();
    drop(common::create_store(dir.path()));
    let import = dir.path().join("import");
    std::fs::create_dir_all(&import).unwrap();
    let forms = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms");
    std::fs::copy(forms.join("broken/bad_age_band.xlsx"), import.join("a_broken.xlsx")).unwrap();
    std::fs::copy(forms.join("kobo_children.zip"), import.join("b_kobo.zip")).unwrap();
    let app = start_app(dir.path());
    // Tall enough that every row of the home list is laid out (the test finds laid-out elements).
    app.window().window().set_size(slint::LogicalSize::new(1280.0, 1600.0));
    unlock(&app, common::PASS);
    let home = app.window().global::<cercle::ui::Home>();
    let listed: Vec<String> = home.get_importable().iter().map(|i| i.name.to_string()).collect();
    assert_eq!(&listed[..2], &["a_broken.xlsx", "b_kobo.zip"], "the import folder comes first");
    let imports = find(&app, AccessibleRole::Button, "Import");
    imports[0].invoke_accessible_default_action();
    assert!(
        home.get_error()
            .starts_with("a_broken.xlsx was not imported: 1 error: sheet 'survey', row 2, column 'age_bands'"),
        "{}",
        home.get_error()
    );
    // The refusal and the form's problem speak the interface language.
    click(&app, "Français");
    find(&app, AccessibleRole::Button, "Importer")[0].invoke_accessible_default_action();
    let french = home.get_error().to_string();
    assert!(
        french.starts_with(
            "a_broken.xlsx n’a pas été importé : 1 erreur : feuille 'survey', ligne 2, colonne 'age_bands'"
        ),
        "{french}"
    );
    click(&app, "English");
    find(&app, AccessibleRole::Button, "Import")[1].invoke_accessible_default_action();
    // Three warnings: the unused Kobo columns.
    assert_eq!(home.get_notice(), "Form kobo_children imported (3 warnings).");
    assert_eq!(find(&app, AccessibleRole::Button, "Start a session").len(), 3, "the new form is listed");
    let store = common::open_store(dir.path());
    assert!(store.form("kobo_children").is_ok());
}

#[test]
fn the_facilitator_reads_the_audit_log_and_changes_the_passphrase() {
    i_slint_backend_testing::init_no_event_loop();
    let (dir, app) = unlocked_app();
    click(&app, "Audit log");
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Audit);
    let audit = app.window().global::<cercle::ui::Audit>();
    assert_eq!(audit.get_rows().row_data(0).unwrap().action, "Unlocked", "newest first, in words");
    type_into(&app, "Current passphrase", "not it at all");
    type_into(&app, "New passphrase", "a fresh passphrase 2");
    type_into(&app, "New passphrase again", "a fresh passphrase 2");
    click(&app, "Change the passphrase");
    assert_eq!(audit.get_error(), "Wrong passphrase.");
    type_into(&app, "Current passphrase", common::PASS);
    type_into(&app, "New passphrase", "a fresh passphrase 2");
    type_into(&app, "New passphrase again", "a fresh passphrase 2");
    click(&app, "Change the passphrase");
    assert_eq!(audit.get_error(), "");
    assert_eq!(audit.get_notice(), "The passphrase was changed and the data re-encrypted.");
    assert_eq!(audit.get_rows().row_data(0).unwrap().action, "Passphrase changed");
    assert!(cercle::store::Store::unlock(dir.path(), "a fresh passphrase 2").is_ok());
    assert!(cercle::store::Store::unlock(dir.path(), common::PASS).is_err());
    click(&app, "Back");
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Home);
}

#[test]
fn the_language_can_be_chosen_before_unlocking_and_is_remembered() {
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir().unwrap();
    drop(common::create_store(dir.path()));
    let app = start_app(dir.path());
    click(&app, "Español");
    let spanish = cercle::i18n::tr(cercle::lang::Lang::Es, "lock-title-unlock");
    assert!(!find(&app, AccessibleRole::Text, &spanish).is_empty(), "the lock screen speaks Spanish");
    drop(app);
    let again = start_app(dir.path());
    assert!(!find(&again, AccessibleRole::Text, &spanish).is_empty(), "and still does after a restart");
}

#[test]
fn a_child_adds_two_topics_removes_the_first_and_the_second_moves_up() {
    i_slint_backend_testing::init_no_event_loop();
    let (dir, app) = unlocked_app();
    // The advisory committee form (listed first) has a repeat the child adds to.
    start_child_mode(&app, 0);
    let child = app.window().global::<Child>();
    let (mut screens, mut added, mut removed) = (0, 0, false);
    while !child.get_at_end() {
        screens += 1;
        assert!(screens < 100, "the survey ends");
        if child.get_add_another() {
            assert_eq!(child.get_repeat_label(), "Topics for the committee");
            if added < 2 {
                click(&app, if added == 0 { "Add one" } else { "Add another one" });
                added += 1;
                assert!(!child.get_add_another(), "the new topic's first screen");
                assert_eq!(child.get_repeat_caption(), format!("Topics for the committee · {added}"));
                continue;
            }
            assert_eq!(child.get_instances().row_count(), 2);
            assert_eq!(child.get_repeat_count_text(), "You have added 2.");
            let listed: Vec<String> = child.get_instances().iter().map(|s| s.to_string()).collect();
            assert_eq!(listed, ["Topics for the committee · 1: Safety", "Topics for the committee · 2: School"]);
            click(&app, "Remove"); // the first topic's
            assert_eq!(child.get_instances().row_count(), 2, "nothing goes before the child confirms");
            click(&app, "Yes, remove it");
            assert_eq!(child.get_instances().row_count(), 1);
            assert_eq!(child.get_repeat_count_text(), "You have added one.");
            removed = true;
        }
        for q in child.get_questions().iter() {
            let choices: Vec<_> = q.choices.iter().collect();
            // Each topic a different card: the first instance the first, the second the second.
            let pick = if q.name == "topic" { added - 1 } else { 0 };
            if let Some(card) = choices.get(pick) {
                click(&app, &card.label);
            } else if q.rather_not_say_offered {
                click(&app, "I'd rather not say");
            }
        }
        assert_eq!(child.get_error(), "", "no refusal on screen {screens}");
        click(&app, if child.get_last_question() { "Finish" } else { "Next" });
    }
    assert!(removed);
    // The facilitator's review lists the instance's answers by number.
    click(&app, "For the facilitator");
    unlock(&app, common::PASS);
    let review = app.window().global::<cercle::ui::Review>();
    let rows: Vec<(String, String)> =
        review.get_rows().iter().map(|r| (r.question.to_string(), r.answer.to_string())).collect();
    assert!(rows.contains(&("What should the committee work on? (1)".to_string(), "School".to_string())), "{rows:?}");
    assert!(!rows.iter().any(|(q, _)| q.ends_with("(2)")), "the removed topic is gone: {rows:?}");
    let store = common::open_store(dir.path());
    let session = &store.sessions(Some(Status::InProgress)).unwrap()[0];
    let answers = store.answers(session.id).unwrap();
    let value = |k: &str| answers.get(k).and_then(|a| a.value()).map(str::to_string);
    assert_eq!(value("committee_topics").as_deref(), Some("1"));
    assert_eq!(value("topic[1]").as_deref(), Some("school"), "the second topic moved up");
    assert_eq!(value("topic[2]"), None);
    assert!(value("topic_soon[1]").is_some());
}

#[test]
fn the_facilitator_changes_the_site_rules_all_or_nothing() {
    i_slint_backend_testing::init_no_event_loop();
    let (dir, app) = unlocked_app();
    // Tall enough that every rule is laid out (the page scrolls on a real screen).
    app.window().window().set_size(slint::LogicalSize::new(1280.0, 3200.0));
    click(&app, "Audit log");
    click(&app, "Site rules");
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Site);
    let site = app.window().global::<cercle::ui::Site>();
    let value = |key: &str| site.get_rows().iter().find(|r| r.key == key).unwrap().value.to_string();
    assert_eq!(value("consent_age"), "14", "the default");

    type_into(&app, "Guardian consent under this age", "30");
    type_into(&app, "Referral pathway (Français)", "Appeler Amina au bureau du site");
    click(&app, "No"); // stop counting refusals
    click(&app, "Save the rules");
    assert_eq!(site.get_error(), "Nothing was saved: correct the rules marked in red.");
    let consent = site.get_rows().iter().find(|r| r.key == "consent_age").unwrap();
    assert_eq!(consent.error, "Enter an age from 0 to 18.");
    assert_eq!(consent.value, "30", "what the facilitator typed stays on screen");
    let store = common::open_store(dir.path());
    assert_eq!(cercle::privacy::SiteSettings::load(&store).unwrap(), cercle::privacy::SiteSettings::default());

    type_into(&app, "Guardian consent under this age", "16");
    click(&app, "Save the rules");
    assert_eq!(site.get_error(), "");
    assert_eq!(site.get_notice(), "The rules are saved.");
    let saved = cercle::privacy::SiteSettings::load(&store).unwrap();
    assert_eq!(saved.consent_age, 16);
    assert!(!saved.count_refusals);
    assert_eq!(saved.referral.get(&cercle::lang::Lang::Fr).unwrap(), "Appeler Amina au bureau du site");
    let events: Vec<String> =
        store.audit_log().unwrap().into_iter().filter(|e| e.action == "site-setting").map(|e| e.detail).collect();
    assert_eq!(events.len(), 3, "one audit event per rule changed: {events:?}");

    // The rule applies at once: the start screen asks consent under 16 now.
    click(&app, "Back");
    click(&app, "Back");
    find(&app, AccessibleRole::Button, "Start a session")[0].invoke_accessible_default_action();
    assert_eq!(app.window().global::<cercle::ui::Start>().get_consent_age(), 16);
}

#[test]
fn an_answer_the_store_cannot_take_is_never_shown_as_given() {
    i_slint_backend_testing::init_no_event_loop();
    let (dir, app) = unlocked_app();
    start_child_mode(&app, 1);
    let child = app.window().global::<Child>();
    while child.get_questions().iter().all(|q| q.choices.row_count() < 2) {
        click(&app, "Next");
    }
    let question = child.get_questions().row_data(0).unwrap();
    let cards: Vec<_> = question.choices.iter().collect();
    let (record, _) = app.active_session().unwrap();
    let position = child.get_position();
    // Another connection holds the write lock: the app's write waits its 5 s, then fails, as
    // on a full disk or a locked file.
    let mut blocker = common::open_store(dir.path());
    blocker
        .in_transaction(|_| {
            click(&app, &cards[0].label);
            Ok(())
        })
        .unwrap();
    // The card does not show as chosen; the child is asked, calmly, to give the tablet back.
    let shown = child.get_questions().row_data(0).unwrap();
    assert!(shown.choices.iter().all(|c| !c.selected), "a card shown as chosen must be saved");
    assert!(child.get_handover());
    let store = common::open_store(dir.path());
    assert!(!store.answers(record.id).unwrap().contains_key(question.name.as_str()), "not stored");
    // The facilitator takes over behind the passphrase and reads why.
    click(&app, "For the facilitator");
    unlock(&app, common::PASS);
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Review);
    let review = app.window().global::<cercle::ui::Review>();
    assert!(review.get_error().contains("busy"), "{}", review.get_error());
    assert!(!child.get_handover());
    // Back to the child, now that the store takes writes again: the same tap is saved.
    click(&app, "Back to child mode");
    assert_eq!(child.get_position(), position);
    click(&app, &cards[0].label);
    assert!(child.get_questions().row_data(0).unwrap().choices.row_data(0).unwrap().selected);
    let stored = store.answers(record.id).unwrap();
    assert_eq!(stored.get(question.name.as_str()).and_then(|a| a.value()), Some(cards[0].name.as_str()));
}

#[test]
fn a_child_who_said_no_can_still_ask_to_talk_and_the_facilitator_is_told() {
    i_slint_backend_testing::init_no_event_loop();
    let (dir, app) = unlocked_app();
    find(&app, AccessibleRole::Button, "Start a session")[0].invoke_accessible_default_action();
    click(&app, "8 to 12 years");
    click(&app, "The child's guardian has given consent");
    click(&app, "Hand the tablet to the child");
    click(&app, "No, thank you");
    assert_eq!(app.phase(), Phase::Declined);
    click(&app, "I want to talk to someone");
    let child = app.window().global::<Child>();
    assert!(child.get_talk_open());
    // The facilitator can take over from the calm screen itself.
    click(&app, "For the facilitator");
    unlock(&app, common::PASS);
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Home);
    let home = app.window().global::<cercle::ui::Home>();
    assert_eq!(home.get_concerns().row_count(), 1);
    assert!(home.get_concerns().row_data(0).unwrap().text.contains("chose not to take part"));
    let store = common::open_store(dir.path());
    assert!(store.sessions(None).unwrap().is_empty(), "still nothing of the child's answers");
    assert_eq!(store.open_concerns().unwrap().len(), 1);
}

#[test]
fn a_question_with_a_recording_in_the_childs_language_can_be_listened_to() {
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir().unwrap();
    {
        let store = common::create_store(dir.path());
        // A recording in English only, and one whose file is missing.
        let form = cercle::form::Form::from_json(
            r#"{"id": "a_read_aloud", "version": "1", "title": {"en": "Listen", "fr": "Écoute"},
                "default_language": "en", "languages": ["en", "fr"],
                "choice_lists": {"yn": [
                  {"name": "yes", "audio": {"en": "q1.wav"}, "label": {"en": "Yes", "fr": "Oui"}},
                  {"name": "no", "label": {"en": "No", "fr": "Non"}}
                ]},
                "body": [
                  {"type": "integer", "name": "q1", "audio": {"en": "q1.wav"}, "label": {"en": "How many?", "fr": "Combien ?"}},
                  {"type": "integer", "name": "q2", "audio": {"en": "missing.wav"}, "label": {"en": "And now?", "fr": "Et là ?"}},
                  {"type": "select_one", "name": "q3", "list": "yn", "appearance": "cards", "label": {"en": "Happy?", "fr": "Content ?"}}
                ]}"#,
        )
        .unwrap();
        let tone = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/forms/audio/tone.wav")).unwrap();
        store.install_form(&form, &[("q1.wav".into(), tone)]).unwrap();
    }
    let app = start_app(dir.path());
    unlock(&app, common::PASS);
    let forms: Vec<String> =
        app.window().global::<cercle::ui::Home>().get_forms().iter().map(|f| f.id.to_string()).collect();
    start_child_mode(&app, forms.iter().position(|f| f == "a_read_aloud").unwrap());
    let child = app.window().global::<Child>();
    let first = child.get_questions().row_data(0).unwrap();
    assert!(first.has_audio, "{} {} {}", first.name, child.get_lang(), child.get_form_title());
    click(&app, "Listen");
    // On a machine with a speaker it plays; on a build server there is none to play on.
    let no_sound = cercle::i18n::tr(cercle::lang::Lang::En, "child-no-sound");
    assert!(child.get_error().is_empty() || child.get_error() == no_sound, "{}", child.get_error());
    click(&app, "Next");
    click(&app, "Listen");
    assert_eq!(child.get_error(), cercle::i18n::tr(cercle::lang::Lang::En, "child-audio-unreadable"));
    // A choice with a recording has its own speaker; one without has none.
    click(&app, "Next");
    assert!(find(&app, AccessibleRole::Button, "Listen: No").is_empty());
    click(&app, "Listen: Yes");
    assert!(child.get_error().is_empty() || child.get_error() == no_sound, "{}", child.get_error());
    let cards = child.get_questions().row_data(0).unwrap().choices;
    assert!(!cards.row_data(0).unwrap().selected, "listening to a choice does not choose it");
    let (record, _) = app.active_session().unwrap();
    assert!(!common::open_store(dir.path()).answers(record.id).unwrap().contains_key("q3"));
}

#[test]
fn a_notice_does_not_stay_behind_in_the_language_just_left_and_review_buttons_stay_put() {
    i_slint_backend_testing::init_no_event_loop();
    let (_dir, app) = unlocked_app();
    let home = app.window().global::<cercle::ui::Home>();
    type_into(&app, "Participant code", "ZZZ-ZZZ");
    click(&app, "Withdraw a child");
    assert!(home.get_error().contains("ZZZ-ZZZ"), "{}", home.get_error());
    home.set_notice("Everything of ABC-DEF was deleted from this device.".into());
    click(&app, "Français");
    assert_eq!(home.get_notice(), "", "no English left on a French screen");
    assert_eq!(home.get_error(), "");
    click(&app, "English");
    // After finalising, the review keeps its four buttons in place; the first two are disabled.
    start_child_mode(&app, 0);
    app.window().window().dispatch_event(slint::platform::WindowEvent::CloseRequested);
    unlock(&app, common::PASS);
    let before: Vec<_> = find(&app, AccessibleRole::Button, "Finalise");
    assert_eq!(before.len(), 1);
    let at = before[0].absolute_position();
    click(&app, "Finalise");
    let after = find(&app, AccessibleRole::Button, "Finalise");
    assert_eq!(after.len(), 1, "the button stays");
    assert_eq!(after[0].absolute_position(), at, "in the same place");
    assert_eq!(after[0].accessible_enabled(), Some(false));
    assert!(find(&app, AccessibleRole::Button, "Back to child mode")[0].accessible_enabled() == Some(false));
}

#[test]
fn rules_set_on_the_command_line_and_forms_dropped_in_apply_without_a_new_unlock() {
    i_slint_backend_testing::init_no_event_loop();
    let (dir, app) = unlocked_app();
    // While the window is open, the coordinator raises the consent age from the command line
    // (another connection to the same file) and drops a form into the import folder.
    {
        let store = common::open_store(dir.path());
        cercle::privacy::SiteSettings::set(&store, "consent_age", "16").unwrap();
    }
    let form = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/small/bands.xlsx");
    std::fs::copy(&form, dir.path().join("import").join("dropped.xlsx")).unwrap();
    click(&app, "Audit log");
    click(&app, "Back");
    let home = app.window().global::<cercle::ui::Home>();
    let listed: Vec<String> = home.get_importable().iter().map(|i| i.name.to_string()).collect();
    assert!(listed.contains(&"dropped.xlsx".to_string()), "{listed:?}");
    find(&app, AccessibleRole::Button, "Start a session")[0].invoke_accessible_default_action();
    assert_eq!(app.window().global::<cercle::ui::Start>().get_consent_age(), 16);
    click(&app, "13 to 17 years");
    click(&app, "Hand the tablet to the child");
    let start = app.window().global::<cercle::ui::Start>();
    assert!(start.get_error().contains("16"), "the consent message names the site's age: {}", start.get_error());
}

#[test]
fn the_unlock_delay_counts_down_on_the_lock_screen() {
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir().unwrap();
    drop(common::create_store(dir.path()));
    let app = start_app(dir.path());
    let lock = app.window().global::<Lock>();
    for _ in 0..3 {
        unlock(&app, "not the passphrase");
    }
    assert_eq!(lock.get_error(), "Wrong passphrase. Too many attempts. Try again in 2 seconds.");
    // The message follows the clock: the wait is real, the timer's tick is driven here.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    i_slint_backend_testing::mock_elapsed_time(std::time::Duration::from_millis(1000));
    assert_eq!(lock.get_error(), "Too many attempts. Try again in 1 second.");
    std::thread::sleep(std::time::Duration::from_millis(1000));
    i_slint_backend_testing::mock_elapsed_time(std::time::Duration::from_millis(1000));
    assert_eq!(lock.get_error(), "You can try again now.");
    unlock(&app, common::PASS);
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Home);
}

#[test]
fn a_damaged_database_is_recovered_from_the_lock_screen() {
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = common::create_store(dir.path());
        cercle::simulate::run(&mut store, "cercle_participation", 30, 3).unwrap();
    }
    // One page of the file, the last, overwritten by bytes that are not what was written.
    let file = cercle::store::Store::file_in(dir.path());
    {
        use std::io::{Seek, SeekFrom, Write};
        let pages = std::fs::metadata(&file).unwrap().len() / 4096;
        let mut f = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
        f.seek(SeekFrom::Start((pages - 1) * 4096 + 100)).unwrap();
        f.write_all(&[0x5a; 512]).unwrap();
    }
    let damaged = std::fs::read(&file).unwrap();
    let app = start_app(dir.path());
    unlock(&app, common::PASS);
    let lock = app.window().global::<Lock>();
    assert!(lock.get_error().contains("damaged"), "{}", lock.get_error());
    assert!(lock.get_damaged());
    type_into(&app, "Passphrase", common::PASS);
    click(&app, "Save every readable session into a new database");
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Home, "{}", lock.get_error());
    let home = app.window().global::<cercle::ui::Home>();
    assert!(home.get_notice().contains("sessions were saved"), "{}", home.get_notice());
    assert!(home.get_finalised().row_count() >= 20, "{} sessions listed", home.get_finalised().row_count());
    // The damaged file is kept, unchanged, for the coordinator.
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("damaged-")))
        .expect("a damaged-* folder");
    assert!(std::fs::read(kept.join("cercle.sqlite")).unwrap() == damaged);
}
