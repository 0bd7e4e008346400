use super::*;
use rand::SeedableRng;

const PASS: &str = "blue river 2026";

/// Opens the test database in `dir`, creating it with a cheap KDF (the cost is stored with it).
fn open(dir: &Path) -> Store {
    if Store::exists_in(dir) {
        Store::unlock(dir, PASS).unwrap()
    } else {
        Store::create(dir, PASS, KdfParams::with_cost(1024, 1)).unwrap()
    }
}

fn rng() -> rand::rngs::StdRng {
    rand::rngs::StdRng::seed_from_u64(1)
}

#[test]
fn builtin_forms_are_installed_once() {
    let dir = tempfile::tempdir().unwrap();
    let first = open(dir.path()).forms().unwrap();
    let again = open(dir.path()).forms().unwrap();
    assert_eq!(first, again);
    assert!(first.iter().any(|f| f.id == "cercle_participation" && f.builtin));
    assert!(first.iter().any(|f| f.id == "cercle_advisory_feedback" && f.builtin));
}

#[test]
fn answers_survive_reopening_the_file_and_resume_where_left() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let store = open(dir.path());
        let form = store.form("cercle_participation").unwrap();
        let s = store.start_session(&form, Lang::Ar, AgeBand::Age8To12, &mut rng()).unwrap();
        store.save_answer(s.id, "q1", Some(&Answer::Value("3".into()))).unwrap();
        store.save_answer(s.id, "q2", Some(&Answer::RatherNotSay)).unwrap();
        store.save_answer(s.id, "q3", Some(&Answer::Value("x".into()))).unwrap();
        store.save_answer(s.id, "q3", None).unwrap();
        store.save_position(s.id, 4).unwrap();
        s.id
    };
    let store = open(dir.path());
    let rec = store.session(id).unwrap();
    assert_eq!((rec.status, rec.position, rec.answered, rec.lang), (Status::InProgress, 4, 2, Lang::Ar));
    assert!(rec.instance_id.starts_with("uuid:"));
    let answers = store.answers(id).unwrap();
    assert_eq!(answers.get("q1"), Some(&Answer::Value("3".into())));
    assert_eq!(answers.get("q2"), Some(&Answer::RatherNotSay));
    assert_eq!(answers.get("q3"), None);
    let (_, survey) = store.resume(id).unwrap();
    assert_eq!(survey.position(), 4);
    assert_eq!(survey.answers().len(), 2);
}

#[test]
fn finalise_moves_a_session_and_codes_are_unique() {
    let store = Store::open_in_memory().unwrap();
    let form = store.form("cercle_advisory_feedback").unwrap();
    let mut r = rng();
    let a = store.start_session(&form, Lang::Fr, AgeBand::Age13To17, &mut r).unwrap();
    let b = store.start_session(&form, Lang::Fr, AgeBand::Age13To17, &mut r).unwrap();
    assert_ne!(a.code, b.code);
    assert_ne!(a.instance_id, b.instance_id);
    store.finalise(a.id).unwrap();
    store.finalise(a.id).unwrap();
    assert_eq!(store.sessions(Some(Status::Finalised)).unwrap().len(), 1);
    assert_eq!(store.sessions(Some(Status::InProgress)).unwrap()[0].id, b.id);
    assert!(store.session(a.id).unwrap().finalised_at.is_some());
    assert!(matches!(store.finalise(999), Err(StoreError::UnknownSession(999))));
    assert!(matches!(store.form("nope"), Err(StoreError::UnknownForm(_))));
}

#[test]
fn audit_keeps_actions_in_order() {
    let store = Store::open_in_memory().unwrap();
    store.audit("start", "session 1").unwrap();
    store.audit("finalise", "session 1").unwrap();
    let log = store.audit_log().unwrap();
    assert_eq!(log.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), vec!["start", "finalise"]);
}

#[test]
fn no_answer_is_readable_in_any_file_of_the_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let marker = "ZEBRA-MARKER-7731";
    {
        let store = open(dir.path());
        let form = store.form("cercle_participation").unwrap();
        let s = store.start_session(&form, Lang::En, AgeBand::Age8To12, &mut rng()).unwrap();
        store.save_answer(s.id, "one_change", Some(&Answer::Value(marker.into()))).unwrap();
        store.raise_concern(s.id, false, marker).unwrap();
        // Leave the WAL in place (no checkpoint on close) by keeping a second reader open.
        let _other = open(dir.path());
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            assert!(!bytes.windows(marker.len()).any(|w| w == marker.as_bytes()));
        }
    }
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        assert!(!bytes.windows(marker.len()).any(|w| w == marker.as_bytes()), "plaintext in {}", path.display());
        assert!(!bytes.starts_with(b"SQLite format 3"), "{} is a plain SQLite file", path.display());
    }
    // A plain SQLite connection (no key) cannot read it.
    let plain = Connection::open(Store::file_in(dir.path())).unwrap();
    assert!(plain.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).is_err());
}

#[test]
fn wrong_passphrase_is_refused_and_change_rekeys() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    assert!(matches!(Store::unlock(dir.path(), "blue river 2027"), Err(StoreError::WrongPassphrase)));
    assert!(matches!(store.change_passphrase(dir.path(), "short"), Err(StoreError::WeakPassphrase(_))));
    store.change_passphrase(dir.path(), "green forest 99").unwrap();
    drop(store);
    assert!(matches!(Store::unlock(dir.path(), PASS), Err(StoreError::WrongPassphrase)));
    let again = Store::unlock(dir.path(), "green forest 99").unwrap();
    assert!(again.forms().unwrap().len() >= 2);
    assert!(matches!(
        Store::create(&dir.path().join("new"), "weak", KdfParams::with_cost(1024, 1)),
        Err(StoreError::WeakPassphrase("pass-rule-length"))
    ));
}

#[test]
fn assent_no_deletes_the_session_and_counts_a_refusal() {
    let store = Store::open_in_memory().unwrap();
    let form = store.form("cercle_participation").unwrap();
    let s = store.start_session(&form, Lang::Es, AgeBand::Age6To7, &mut rng()).unwrap();
    store.record_consent(s.id, true, "QC").unwrap();
    assert_eq!(store.consent(s.id).unwrap(), Some(true));
    store.record_assent(s.id, false, true).unwrap();
    assert!(matches!(store.session(s.id), Err(StoreError::UnknownSession(_))));
    assert_eq!(store.consent(s.id).unwrap(), None, "consent went with the session");
    assert_eq!(store.refusals("cercle_participation").unwrap().len(), 1);
    let t = store.start_session(&form, Lang::Es, AgeBand::Age6To7, &mut rng()).unwrap();
    store.record_assent(t.id, true, true).unwrap();
    assert_eq!(store.assent(t.id).unwrap(), Some(true));
}

#[test]
fn withdrawal_deletes_everything_and_leaves_a_notice_only_if_uploaded() {
    let store = Store::open_in_memory().unwrap();
    let form = store.form("cercle_participation").unwrap();
    let mut r = rng();
    let a = store.start_session(&form, Lang::Fr, AgeBand::Age8To12, &mut r).unwrap();
    store.save_answer(a.id, "q", Some(&Answer::Value("x".into()))).unwrap();
    store.raise_concern(a.id, true, "").unwrap();
    assert!(store.withdraw(&ParticipantCode::parse(&a.code).unwrap()).unwrap());
    assert!(store.answers(a.id).unwrap().is_empty());
    assert!(store.concerns(a.id).unwrap().is_empty());
    let open = store.open_concerns().unwrap();
    assert_eq!(open.len(), 1, "an open concern outlives the withdrawal (duty of care)");
    assert_eq!((open[0].session_id, open[0].code.as_str()), (None, a.code.as_str()));
    assert!(store.close_concern(open[0].id).unwrap());
    assert!(store.open_concerns().unwrap().is_empty());
    assert!(store.withdrawal_notices().unwrap().is_empty(), "never uploaded: nothing to tell");
    assert!(!store.withdraw(&ParticipantCode::parse(&a.code).unwrap()).unwrap(), "already gone");

    let b = store.start_session(&form, Lang::Fr, AgeBand::Age8To12, &mut r).unwrap();
    store.finalise(b.id).unwrap();
    store.confirm_uploaded(b.id, 30).unwrap();
    assert!(store.withdraw(&ParticipantCode::parse(&b.code).unwrap()).unwrap());
    assert_eq!(store.withdrawal_notices().unwrap(), vec![(b.instance_id.clone(), form.id.clone())]);
}

#[test]
fn retention_purges_answers_after_a_confirmed_upload() {
    let store = Store::open_in_memory().unwrap();
    let form = store.form("cercle_participation").unwrap();
    let s = store.start_session(&form, Lang::En, AgeBand::Age8To12, &mut rng()).unwrap();
    store.save_answer(s.id, "q", Some(&Answer::Value("x".into()))).unwrap();
    store.finalise(s.id).unwrap();
    assert_eq!(store.purge_uploaded(0).unwrap().len(), 0, "not uploaded, not purged");
    assert_eq!(store.confirm_uploaded(s.id, 7).unwrap().len(), 0, "kept for the retention period");
    assert_eq!(store.answers(s.id).unwrap().len(), 1);
    assert_eq!(store.confirm_uploaded(s.id, 0).unwrap().len(), 1, "default 0 days: purged at once");
    assert!(store.answers(s.id).unwrap().is_empty());
    assert_eq!(store.session(s.id).unwrap().code, s.code, "the bare session stays for withdrawals");
}
