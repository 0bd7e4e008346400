use super::*;
use rand::SeedableRng;

fn rng() -> rand::rngs::StdRng {
    rand::rngs::StdRng::seed_from_u64(1)
}

#[test]
fn builtin_forms_are_installed_once() {
    let dir = tempfile::tempdir().unwrap();
    let first = Store::open_dir(dir.path()).unwrap().forms().unwrap();
    let again = Store::open_dir(dir.path()).unwrap().forms().unwrap();
    assert_eq!(first, again);
    assert!(first
        .iter()
        .any(|f| f.id == "cercle_participation" && f.builtin));
    assert!(first
        .iter()
        .any(|f| f.id == "cercle_advisory_feedback" && f.builtin));
}

#[test]
fn answers_survive_reopening_the_file_and_resume_where_left() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let store = Store::open_dir(dir.path()).unwrap();
        let form = store.form("cercle_participation").unwrap();
        let s = store
            .start_session(&form, Lang::Ar, AgeBand::Age8To12, &mut rng())
            .unwrap();
        store
            .save_answer(s.id, "q1", Some(&Answer::Value("3".into())))
            .unwrap();
        store
            .save_answer(s.id, "q2", Some(&Answer::RatherNotSay))
            .unwrap();
        store
            .save_answer(s.id, "q3", Some(&Answer::Value("x".into())))
            .unwrap();
        store.save_answer(s.id, "q3", None).unwrap();
        store.save_position(s.id, 4).unwrap();
        s.id
    };
    let store = Store::open_dir(dir.path()).unwrap();
    let rec = store.session(id).unwrap();
    assert_eq!(
        (rec.status, rec.position, rec.answered, rec.lang),
        (Status::InProgress, 4, 2, Lang::Ar)
    );
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
    let a = store
        .start_session(&form, Lang::Fr, AgeBand::Age13To17, &mut r)
        .unwrap();
    let b = store
        .start_session(&form, Lang::Fr, AgeBand::Age13To17, &mut r)
        .unwrap();
    assert_ne!(a.code, b.code);
    assert_ne!(a.instance_id, b.instance_id);
    store.finalise(a.id).unwrap();
    store.finalise(a.id).unwrap();
    assert_eq!(store.sessions(Some(Status::Finalised)).unwrap().len(), 1);
    assert_eq!(
        store.sessions(Some(Status::InProgress)).unwrap()[0].id,
        b.id
    );
    assert!(store.session(a.id).unwrap().finalised_at.is_some());
    assert!(matches!(
        store.finalise(999),
        Err(StoreError::UnknownSession(999))
    ));
    assert!(matches!(
        store.form("nope"),
        Err(StoreError::UnknownForm(_))
    ));
}

#[test]
fn audit_keeps_actions_in_order() {
    let store = Store::open_in_memory().unwrap();
    store.audit("start", "session 1").unwrap();
    store.audit("finalise", "session 1").unwrap();
    let log = store.audit_log().unwrap();
    assert_eq!(
        log.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        vec!["start", "finalise"]
    );
}
