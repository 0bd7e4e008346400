//! Kill -9 in the middle of a survey, start again: the unfinished session opens at the same
//! question with every answer already given. The "tablet" is a child process running the real
//! app controller (Slint testing backend, real SQLite file) that a SIGKILL stops dead.

#![cfg(feature = "ui")]

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

mod common;

use cercle::engine::Answer;
use cercle::store::Status;
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
    buttons(app, label)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no element labelled {label:?}"))
        .invoke_accessible_default_action();
}

/// The tablet. Not a test of its own: the kill test starts it in a child process.
/// It answers screen after screen, reports each stored answer on stdout, and when `CERCLE_PAUSE`
/// is set waits for a line on stdin before each next step, so the killer knows where it stands.
#[test]
#[ignore = "run by kill_mid_survey_then_resume in a child process"]
fn tablet() {
    let Ok(dir) = std::env::var("CERCLE_TABLET_DIR") else {
        return;
    };
    let pause = std::env::var("CERCLE_PAUSE").is_ok();
    i_slint_backend_testing::init_no_event_loop();
    let app = App::new(std::path::Path::new(&dir)).unwrap();
    app.window().window().set_size(slint::LogicalSize::new(1280.0, 800.0));
    unlock(&app);
    let starts: Vec<_> = buttons(&app, "Start a session");
    // The participation survey, unless the test asks for the advisory form (it has a repeat).
    let form: usize = std::env::var("CERCLE_TABLET_FORM").ok().and_then(|f| f.parse().ok()).unwrap_or(1);
    starts[form].invoke_accessible_default_action();
    click(&app, "The child's guardian has given consent");
    click(&app, "8 to 12 years");
    click(&app, "Hand the tablet to the child");
    click(&app, "Yes, I want to take part");
    click(&app, "I understand");
    let child = app.window().global::<Child>();
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    // libtest has printed "test tablet ... " without a newline: start the reports on a line of their own.
    writeln!(out).unwrap();
    let mut step = 0;
    while !child.get_at_end() {
        // "Add another?": two instances, then on.
        if child.get_add_another() && child.get_instances().row_count() < 2 {
            click(&app, if child.get_instances().row_count() == 0 { "Add one" } else { "Add another one" });
            writeln!(out, "ADD {}", child.get_position()).unwrap();
        }
        // In a repeat instance ("Topics for the committee · 2") an answer is stored as name[2].
        let instance = child.get_repeat_caption().rsplit_once("· ").map(|(_, k)| k.to_string());
        for q in child.get_questions().iter() {
            let choices: Vec<_> = q.choices.iter().collect();
            // Vary the pick so answers differ from screen to screen.
            let value = if let Some(c) = choices.get(step % choices.len().max(1)) {
                click(&app, &c.label);
                c.name.to_string()
            } else if q.rather_not_say_offered {
                click(&app, "I'd rather not say");
                "rather_not_say".to_string()
            } else {
                continue;
            };
            let key = match &instance {
                Some(k) => format!("{}[{k}]", q.name),
                None => q.name.to_string(),
            };
            writeln!(out, "ANSWER {} {key} {value}", child.get_position()).unwrap();
        }
        click(&app, if child.get_last_question() { "Finish" } else { "Next" });
        writeln!(out, "AT {}", child.get_position()).unwrap();
        out.flush().unwrap();
        step += 1;
        if pause {
            let mut line = String::new();
            stdin.lock().read_line(&mut line).unwrap();
        }
    }
    writeln!(out, "END").unwrap();
}

fn unlock(app: &App) {
    ElementHandle::find_by_accessible_label(app.window(), "Passphrase")
        .find(|e| e.accessible_role() == Some(i_slint_backend_testing::AccessibleRole::TextInput))
        .expect("the passphrase field")
        .set_accessible_value(common::PASS);
    click(app, "Unlock");
}

fn spawn_tablet(dir: &std::path::Path, pause: bool) -> std::process::Child {
    spawn_tablet_on(dir, pause, 1)
}

fn spawn_tablet_on(dir: &std::path::Path, pause: bool, form: usize) -> std::process::Child {
    if !cercle::store::Store::exists_in(dir) {
        drop(common::create_store(dir));
    }
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", "tablet", "--ignored", "--nocapture", "--test-threads", "1"])
        .env("CERCLE_TABLET_DIR", dir)
        .env("CERCLE_TABLET_FORM", form.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if pause {
        cmd.env("CERCLE_PAUSE", "1");
    }
    cmd.spawn().expect("the tablet starts")
}

#[test]
fn kill_mid_survey_then_resume_at_the_same_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut tablet = spawn_tablet(dir.path(), true);
    let mut stdin = tablet.stdin.take().unwrap();
    let mut lines = BufReader::new(tablet.stdout.take().unwrap()).lines();
    let mut given: Vec<(String, String)> = Vec::new();
    let mut position = 0;
    let mut steps = 0;
    while steps < 6 {
        let line = lines.next().expect("the tablet reports").unwrap();
        let words: Vec<&str> = line.split(' ').collect();
        match words[0] {
            "ANSWER" => given.push((words[2].to_string(), words[3].to_string())),
            "AT" => {
                position = words[1].parse().unwrap();
                steps += 1;
                if steps < 6 {
                    writeln!(stdin, "go").unwrap();
                }
            }
            _ => {}
        }
    }
    // The tablet now waits mid-survey. Pull the plug.
    tablet.kill().unwrap();
    tablet.wait().unwrap();
    assert!(given.len() >= 3, "some answers were given: {given:?}");

    // Start again, as the facilitator would.
    i_slint_backend_testing::init_no_event_loop();
    let app = App::new(dir.path()).unwrap();
    app.window().window().set_size(slint::LogicalSize::new(1280.0, 800.0));
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Lock, "locked after a restart");
    unlock(&app);
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Child, "the app reopens child mode");
    let (record, resumed_at) = app.active_session().expect("the unfinished session is open");
    assert_eq!(record.status, Status::InProgress);
    assert_eq!(resumed_at, position, "same question");
    assert_eq!(app.window().global::<Child>().get_position() as usize, position);
    let store = common::open_store(dir.path());
    let answers = store.answers(record.id).unwrap();
    for (question, value) in &given {
        let expected = if value == "rather_not_say" { Answer::RatherNotSay } else { Answer::Value(value.clone()) };
        assert_eq!(answers.get(question), Some(&expected), "answer to {question} kept");
    }
    let counts = answers.keys().filter(|k| k.as_str() == "committee_topics").count();
    assert_eq!(answers.len() - counts, given.len());
}

#[test]
fn kill_at_a_random_moment_leaves_a_consistent_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut tablet = spawn_tablet(dir.path(), false);
    let mut lines = BufReader::new(tablet.stdout.take().unwrap()).lines();
    let mut reported: Vec<(String, String)> = Vec::new();
    // Kill somewhere after the fourth answer, while the tablet is running flat out.
    while reported.len() < 4 {
        let line = lines.next().expect("the tablet reports").unwrap();
        if let Some(rest) = line.strip_prefix("ANSWER ") {
            let w: Vec<&str> = rest.split(' ').collect();
            reported.push((w[1].to_string(), w[2].to_string()));
        }
    }
    tablet.kill().unwrap();
    tablet.wait().unwrap();
    let store = common::open_store(dir.path());
    let sessions = store.sessions(None).unwrap();
    assert_eq!(sessions.len(), 1);
    let answers = store.answers(sessions[0].id).unwrap();
    // Everything reported was committed before it was reported.
    for (question, _) in &reported {
        assert!(answers.contains_key(question), "{question} was reported stored");
    }
    let (_, survey) = store.resume(sessions[0].id).unwrap();
    assert!(survey.position() >= 4 || survey.at_end());
}

#[test]
fn kill_inside_a_repeat_then_resume_in_the_same_instance() {
    let dir = tempfile::tempdir().unwrap();
    let mut tablet = spawn_tablet_on(dir.path(), true, 0);
    let mut stdin = tablet.stdin.take().unwrap();
    let mut lines = BufReader::new(tablet.stdout.take().unwrap()).lines();
    let mut given: Vec<(String, String)> = Vec::new();
    let mut adds = 0;
    // Go on until the second instance has an answer and the tablet has moved on from it.
    let position: usize = loop {
        let line = lines.next().expect("the tablet reports").unwrap();
        let words: Vec<&str> = line.split(' ').collect();
        match words[0] {
            "ADD" => adds += 1,
            "ANSWER" => given.push((words[2].to_string(), words[3].to_string())),
            "AT" => {
                if adds == 2 && given.iter().any(|(k, _)| k.ends_with("[2]")) {
                    break words[1].parse().unwrap();
                }
                writeln!(stdin, "go").unwrap();
            }
            "END" => panic!("the survey ended before its second topic: {given:?}"),
            _ => {}
        }
    };
    tablet.kill().unwrap();
    tablet.wait().unwrap();

    i_slint_backend_testing::init_no_event_loop();
    let app = App::new(dir.path()).unwrap();
    app.window().window().set_size(slint::LogicalSize::new(1280.0, 800.0));
    unlock(&app);
    let (record, resumed_at) = app.active_session().expect("the unfinished session is open");
    assert_eq!(resumed_at, position, "same screen");
    let child = app.window().global::<Child>();
    assert_eq!(child.get_position() as usize, position);
    let store = common::open_store(dir.path());
    let answers = store.answers(record.id).unwrap();
    assert_eq!(answers.get("committee_topics"), Some(&Answer::Value("2".into())), "both instances are back");
    for (key, value) in &given {
        let expected = if value == "rather_not_say" { Answer::RatherNotSay } else { Answer::Value(value.clone()) };
        assert_eq!(answers.get(key), Some(&expected), "answer {key} kept");
    }
    // The screens after the kill are the same: the second topic's, then "add another?".
    let (_, survey) = store.resume(record.id).unwrap();
    assert_eq!(survey.repeat_place().map(|p| p.count), Some(2));
}
