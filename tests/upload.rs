//! Upload later, against real HTTP servers on 127.0.0.1 that behave as ODK Central and
//! KoboToolbox do (tests/common/openrosa_server.rs), with injected faults; and the real
//! `cercle` binary killed in the middle of its queue.

mod common;
#[path = "common/openrosa_server.rs"]
mod openrosa_server;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use cercle::store::{Store, UploadState};
use cercle::sync::{self, Failure, SendPolicy, ServerSettings, SERVER_SETTING};
use common::{cercle, create_store, open_store, PASS};
use openrosa_server::{FakeServer, Faults, Flavour, KOBO_PASSWORD, KOBO_USER};

const FORM: &str = "cercle_participation";

fn set_server(store: &Store, server: &FakeServer, flavour: Flavour) {
    let settings = match flavour {
        Flavour::Central => ServerSettings::parse(&server.url(), None, None),
        Flavour::Kobo | Flavour::Digest => ServerSettings::parse(&server.url(), Some(KOBO_USER), Some(KOBO_PASSWORD)),
    }
    .unwrap();
    store.set_setting(SERVER_SETTING, Some(&settings.to_json())).unwrap();
}

fn fast_policy() -> SendPolicy {
    SendPolicy {
        first_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(100),
        patience: Duration::from_secs(120),
        timeout: Duration::from_millis(700),
        now: true,
    }
}

fn send(store: &Store) -> sync::SyncReport {
    let server = sync::server_of(store).unwrap().unwrap();
    sync::send_queued(store, &server, &fast_policy(), &AtomicBool::new(false), &mut |_| {}).unwrap()
}

/// Finalised sessions with their submissions queued; returns instanceID → the queued
/// `xml_submission_file` bytes.
fn queued(store: &mut Store, form: &str, n: usize) -> BTreeMap<String, Vec<u8>> {
    cercle::simulate::run(store, form, n, 7).unwrap();
    for id in store.sessions_to_queue().unwrap() {
        sync::queue_session(store, id).unwrap();
    }
    store
        .outbox()
        .unwrap()
        .into_iter()
        .filter(|e| e.form_id == form)
        .map(|e| (e.instance_id.clone(), store.submission_parts(e.id).unwrap()[0].bytes.clone()))
        .collect()
}

fn assert_exactly_once(server: &FakeServer, expected: &BTreeMap<String, Vec<u8>>) {
    let stored = server.stored();
    for (id, bytes) in expected {
        let records = stored.get(id).unwrap_or_else(|| panic!("{id} never arrived"));
        assert_eq!(records.len(), 1, "{id} stored {} times", records.len());
        assert!(records[0] == *bytes, "{id}: the server holds other bytes than were queued");
    }
    assert_eq!(stored.len(), expected.len(), "nothing else arrived");
    assert!(server.requests().iter().all(|r| r.status != Some(409)), "no retry ever conflicted");
}

#[test]
fn a_thousand_submissions_under_thirty_percent_faults_and_a_kill_arrive_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = create_store(dir.path());
    let expected = queued(&mut store, FORM, 1000);
    assert_eq!(expected.len(), 1000);
    let server = FakeServer::start(
        Flavour::Central,
        Faults {
            error_500: 0.08,
            locked_423: 0.04,
            reset_before_store: 0.06,
            reset_after_store: 0.07,
            stall_after_store: 0.01,
            slow: 0.04,
            stall: Duration::from_millis(1500),
            slow_delay: Duration::from_millis(50),
            seed: 2026,
            ..Faults::default()
        },
    );
    set_server(&store, &server, Flavour::Central);
    drop(store);

    // The real binary, killed in the middle of its queue (SIGKILL: no cleanup), twice.
    for delay in [1500, 900] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cercle"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(["sync", "--timeout", "0.7", "--first-retry", "0.005", "--patience", "120"])
            .env("CERCLE_PASSPHRASE", PASS)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().unwrap();
        child.wait().unwrap();
    }
    let store = open_store(dir.path());
    let before = store.outbox().unwrap().iter().filter(|e| e.state == UploadState::Sent).count();
    assert!(before > 0 && before < 1000, "the kills came in the middle of the queue ({before} sent)");

    let report = send(&store);
    assert_eq!(report.left, 0, "{report:?}");
    assert_eq!(report.conflicts, 0);
    assert!(store.outbox().unwrap().iter().all(|e| e.state == UploadState::Sent));
    assert_exactly_once(&server, &expected);
    let faulted = server.requests().iter().filter(|r| r.method == "POST" && r.status != Some(201)).count();
    assert!(faulted > 250, "faults were injected ({faulted} of {} posts)", server.posts());
    // Every request carried the headers OpenRosa servers require.
    for r in server.requests() {
        assert_eq!(r.header("x-openrosa-version"), Some("1.0"));
        assert!(r.header("date").is_some_and(|d| d.ends_with("GMT")));
    }
    assert!(server.requests().iter().any(|r| r.method == "HEAD"), "a HEAD first");
    // Uploaded answers are purged (retention 0 days, C10) and each send is audited (C13).
    assert_eq!(store.finalised_sessions_of(FORM).unwrap().iter().map(|s| s.answered).sum::<usize>(), 0);
    let uploads = store.audit_log().unwrap().iter().filter(|e| e.action == "upload").count();
    assert_eq!(uploads, 1000);
}

#[test]
fn kobo_answers_202_to_a_retry_and_the_summary_counts_it_as_already_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = create_store(dir.path());
    let expected = queued(&mut store, FORM, 20);
    let server = FakeServer::start(Flavour::Kobo, Faults { reset_after_store: 0.5, seed: 3, ..Faults::default() });
    set_server(&store, &server, Flavour::Kobo);
    let report = send(&store);
    assert_eq!(report.left, 0);
    assert_eq!(report.sent + report.already, 20);
    assert!(report.already > 0, "a lost answer's retry comes back 202: {report:?}");
    assert_exactly_once(&server, &expected);
    assert!(server.requests().iter().all(|r| r.header("authorization").is_some_and(|a| a.starts_with("Basic "))));
}

#[test]
fn wrong_credentials_a_captive_portal_and_no_network_leave_everything_queued_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = create_store(dir.path());
    queued(&mut store, FORM, 3);

    let server = FakeServer::start(Flavour::Kobo, Faults::default());
    let wrong = ServerSettings::parse(&server.url(), Some(KOBO_USER), Some("not it")).unwrap();
    store.set_setting(SERVER_SETTING, Some(&wrong.to_json())).unwrap();
    let report = send(&store);
    assert_eq!((report.sent, report.left), (0, 3));
    assert!(report.failed.iter().all(|(_, f)| matches!(f, Failure::Credentials(401))), "{report:?}");
    assert!(server.stored().is_empty());

    let portal = FakeServer::start(Flavour::Central, Faults { captive_portal: true, ..Faults::default() });
    set_server(&store, &portal, Flavour::Central);
    let report = send(&store);
    assert_eq!((report.sent, report.left), (0, 3), "a 200 is never success");
    assert!(report.failed.iter().all(|(_, f)| matches!(f, Failure::NotOpenRosa(200))));
    let text = report.failed[0].1.message_in(cercle::lang::Lang::Fr);
    assert!(text.contains("Wi-Fi"), "{text}");

    let addr = portal.addr();
    portal.stop();
    let gone = ServerSettings::parse(&format!("http://{addr}/v1/key/x/projects/1/"), None, None).unwrap();
    store.set_setting(SERVER_SETTING, Some(&gone.to_json())).unwrap();
    let report = send(&store);
    assert!(report.failed.iter().all(|(_, f)| matches!(f, Failure::Network(_))), "{report:?}");
    assert!(store.outbox().unwrap().iter().all(|e| e.state == UploadState::Queued));

    // Back online: everything goes, once.
    set_server(&store, &server, Flavour::Kobo);
    assert_eq!(send(&store).sent, 3);
}

#[test]
fn a_submission_too_big_for_the_server_is_refused_plainly_and_a_conflict_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = create_store(dir.path());
    let expected = queued(&mut store, FORM, 2);
    let server = FakeServer::start(Flavour::Central, Faults { max_body: Some(300), ..Faults::default() });
    set_server(&store, &server, Flavour::Central);
    let report = send(&store);
    assert_eq!(report.left, 2);
    assert!(report.failed.iter().all(|(_, f)| matches!(f, Failure::TooBig { limit: 300, .. })), "{report:?}");
    assert!(store.outbox().unwrap().iter().all(|e| e.state == UploadState::Rejected));
    let text = report.failed[0].1.message_in(cercle::lang::Lang::En);
    assert!(text.contains("KB"), "{text}");

    // Another device (or an edit on the server) holds other bytes under the same instanceID.
    let server = FakeServer::start(Flavour::Central, Faults::default());
    let (first_id, first_bytes) = expected.iter().next().unwrap();
    let mut other = String::from_utf8(first_bytes.clone()).unwrap();
    other = other.replacen("<cercle>", "<cercle><!-- edited -->", 1);
    let boundary = "x-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"xml_submission_file\"; filename=\"s.xml\"\r\nContent-Type: text/xml\r\n\r\n{other}\r\n--{boundary}--\r\n"
    );
    let answer = ureq::post(format!("{}submission", server.url()))
        .header("X-OpenRosa-Version", "1.0")
        .header("Content-Type", format!("multipart/form-data; boundary={boundary}"))
        .send(body.as_bytes())
        .unwrap();
    assert_eq!(answer.status(), 201);
    set_server(&store, &server, Flavour::Central);
    for e in store.outbox().unwrap() {
        store.requeue(e.id).unwrap();
    }
    let report = send(&store);
    assert_eq!((report.sent, report.conflicts, report.left), (1, 1, 1), "{report:?}");
    let conflict = store.outbox().unwrap().into_iter().find(|e| e.state == UploadState::Conflict).unwrap();
    assert_eq!(&conflict.instance_id, first_id);
    assert!(server.stored()[first_id][0] != *first_bytes, "the server's record was not overwritten");
    assert!(store.audit_log().unwrap().iter().any(|e| e.action == "upload" && e.detail.contains("result=conflict")));
}

#[test]
fn the_command_line_sets_the_server_syncs_and_lists_upload_states() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = create_store(dir.path());
    cercle::simulate::run(&mut store, FORM, 4, 1).unwrap();
    drop(store);
    // Sessions finalised before there was an outbox are queued too.
    let (ok, list, _) = cercle(dir.path(), &["sessions", "list"]);
    assert!(ok && list.contains("UPLOAD") && list.matches("queued").count() == 4, "{list}");

    let (ok, _, err) = cercle(dir.path(), &["sync"]);
    assert!(!ok && err.contains("No server is set"), "{err}");
    let (ok, _, err) = cercle(dir.path(), &["server", "set", "http://example.org/v1/key/T/projects/1/"]);
    assert!(!ok && err.contains("https://"), "{err}");

    let server = FakeServer::start(Flavour::Central, Faults::default());
    let (ok, out, err) = cercle(dir.path(), &["server", "set", &server.url()]);
    assert!(ok, "{err}");
    assert!(!out.contains(openrosa_server::CENTRAL_TOKEN), "{out}");
    let (ok, show, _) = cercle(dir.path(), &["server", "show"]);
    assert!(ok && show.contains("ODK Central") && !show.contains(openrosa_server::CENTRAL_TOKEN), "{show}");
    let (ok, test, err) = cercle(dir.path(), &["server", "test"]);
    assert!(ok, "{test}{err}");
    assert!(test.contains(FORM), "the fake server lists no forms: {test}");

    let (ok, out, err) = cercle(dir.path(), &["sync"]);
    assert!(ok, "{out}{err}");
    assert_eq!(out.lines().last(), Some("sent 4, already on server 0, conflicts 0, failed 0, left 0"));
    let (_, list, _) = cercle(dir.path(), &["sessions", "list"]);
    assert_eq!(list.matches("sent").count(), 4, "{list}");

    // A withdrawal after upload goes to the server as a cercle_withdrawal submission (C5).
    let code = list.lines().nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    let (ok, _, err) = cercle(dir.path(), &["withdraw", "--code", &code]);
    assert!(ok, "{err}");
    let (ok, out, _) = cercle(dir.path(), &["sync"]);
    assert!(ok && out.contains("sent 1,"), "{out}");
    let notice = server
        .stored()
        .values()
        .map(|r| String::from_utf8(r[0].clone()).unwrap())
        .find(|x| x.contains("id=\"cercle_withdrawal\""))
        .expect("a withdrawal notice on the server");
    assert!(notice.contains(&format!("<participant_code>{code}</participant_code>")), "{notice}");
    assert!(notice.contains("<withdrawn_form>cercle_participation</withdrawn_form>"));

    // A dead server: non-zero exit, the reason, and what is left.
    let mut store = open_store(dir.path());
    cercle::simulate::run(&mut store, FORM, 1, 2).unwrap();
    drop(store);
    let addr = server.addr();
    server.stop();
    let (_, _, _) = cercle(dir.path(), &["server", "set", &format!("http://{addr}/v1/key/T/projects/1/")]);
    let (ok, out, _) = cercle(dir.path(), &["sync", "--patience", "0"]);
    assert!(!ok);
    assert!(out.contains("No connection to the server") && out.ends_with("left 1\n"), "{out}");
}

#[test]
fn an_encrypted_form_encrypts_every_submission_and_an_independent_decrypter_reads_it() {
    let keys = tempfile::tempdir().unwrap();
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/odk_crypto.py");
    let made = Command::new("python3").arg(&tool).arg("keygen").arg(keys.path()).output().expect("python3 runs");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let public = std::fs::read_to_string(keys.path().join("public.b64")).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let mut store = create_store(dir.path());
    let mut form = cercle::form::builtin_forms().into_iter().find(|f| f.id == FORM).unwrap();
    form.id = "encrypted_test".into();
    form.public_key = Some(public.trim().to_string());
    store.install_form(&form, &[]).unwrap();
    let expected = queued(&mut store, "encrypted_test", 3);
    let server = FakeServer::start(Flavour::Central, Faults { reset_after_store: 0.3, seed: 9, ..Faults::default() });
    set_server(&store, &server, Flavour::Central);
    // The encrypted bytes were fixed at queuing: retries send the same ones.
    assert_eq!(send(&store).left, 0);
    assert_exactly_once(&server, &expected);
    for id in expected.keys() {
        let parts = server.parts(id);
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["xml_submission_file", "submission.xml.enc"]);
        let out = tempfile::tempdir().unwrap();
        std::fs::write(out.path().join("envelope.xml"), &parts[0].1).unwrap();
        std::fs::write(out.path().join("submission.xml.enc"), &parts[1].1).unwrap();
        let envelope = String::from_utf8(parts[0].1.clone()).unwrap();
        assert!(envelope.contains("encrypted=\"yes\"") && envelope.contains("version=\"2026.11.30\""));
        assert!(!envelope.contains("participant_code"), "nothing readable in the envelope");
        let plain = Command::new("python3")
            .arg(&tool)
            .arg("decrypt")
            .arg(keys.path().join("private.pem"))
            .arg(out.path().join("envelope.xml"))
            .arg(out.path())
            .output()
            .unwrap();
        assert!(plain.status.success(), "{}", String::from_utf8_lossy(&plain.stderr));
        let xml = String::from_utf8(plain.stdout).unwrap();
        assert!(xml.contains(&format!("<instanceID>{id}</instanceID>")) && xml.contains("<participant_code>"), "{xml}");
        assert!(xml.contains("_state>"), "{xml}");
    }
}

#[test]
fn the_background_sender_sends_on_its_own_connection_and_stops_when_dropped() {
    use cercle::service::{BackgroundSender, SenderEvent};
    let dir = tempfile::tempdir().unwrap();
    let mut store = create_store(dir.path());
    let expected = queued(&mut store, FORM, 5);
    let server = FakeServer::start(Flavour::Central, Faults::default());
    set_server(&store, &server, Flavour::Central);
    let (tx, rx) = std::sync::mpsc::channel();
    let sender = BackgroundSender::start(store.another_connection().unwrap(), move |e| {
        let _ = tx.send(e);
    });
    // Unasked: it sends what is due by itself.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let mut finished = None;
    while std::time::Instant::now() < deadline {
        match rx.recv_timeout(Duration::from_secs(1)) {
            Ok(SenderEvent::Finished(report)) => {
                finished = Some(report);
                break;
            }
            Ok(SenderEvent::Failed(e)) => panic!("{e}"),
            _ => {}
        }
    }
    assert_eq!(finished.expect("a run ended").sent, 5);
    assert_exactly_once(&server, &expected);
    // The first connection reads what the sender wrote.
    assert!(store.outbox().unwrap().iter().all(|e| e.state == UploadState::Sent));
    drop(sender);
    cercle::simulate::run(&mut store, FORM, 1, 3).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(server.stored().len(), 5, "a dropped sender sends nothing more");
}

#[test]
fn an_openrosa_server_with_digest_authentication_takes_the_submissions() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = create_store(dir.path());
    let expected = queued(&mut store, FORM, 5);
    let server = FakeServer::start(Flavour::Digest, Faults { error_500: 0.3, seed: 5, ..Faults::default() });
    set_server(&store, &server, Flavour::Digest);
    let settings = sync::server_of(&store).unwrap().unwrap();
    assert_eq!(settings.kind, cercle::sync::ServerKind::OpenRosa);
    assert_eq!(send(&store).left, 0);
    assert_exactly_once(&server, &expected);
    let digest_posts = server
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.header("authorization").is_some_and(|a| a.starts_with("Digest ")))
        .count();
    assert!(digest_posts >= 5, "posts answered the server's Digest challenge");
    // A wrong password is a credentials failure, not a retry loop.
    let wrong = ServerSettings::parse(&server.url(), Some(KOBO_USER), Some("nope")).unwrap();
    store.set_setting(SERVER_SETTING, Some(&wrong.to_json())).unwrap();
    cercle::simulate::run(&mut store, FORM, 1, 4).unwrap();
    let report = send(&store);
    assert!(report.failed.iter().any(|(_, f)| matches!(f, Failure::Credentials(401))), "{report:?}");
}
