use super::*;
use crate::i18n::UserMessage;
use crate::store::KdfParams;

const PASS: &str = "blue river 2026";

fn new_device() -> (tempfile::TempDir, Device) {
    let dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(dir.path());
    device.create_with(PASS, KdfParams::with_cost(1024, 1), FrontEnd::Window).unwrap().lock().unwrap();
    let device = Device::open(dir.path());
    (dir, device)
}

fn actions(fac: &Facilitator) -> Vec<String> {
    fac.store().audit_log().unwrap().into_iter().map(|e| e.action).collect()
}

/// Answers every question of the current screen with its first choice (or "rather not say").
fn answer_screen(fac: &mut Facilitator) {
    let child = fac.child().unwrap();
    let form = child.survey.form().clone();
    let questions: Vec<_> = child.survey.current().into_iter().filter(|n| n.kind != Kind::Note).cloned().collect();
    for q in questions {
        match form.choices(&q).first() {
            Some(c) => fac.choose(&q.name, &c.name).unwrap(),
            None => fac.toggle_state(&q.name, Answer::RatherNotSay).unwrap(),
        }
    }
}

#[test]
fn a_whole_session_through_the_core_leaves_one_audit_event_per_action() {
    let (dir, mut device) = new_device();
    assert!(matches!(device.unlock("not the passphrase", FrontEnd::Window), Err(UnlockError::Wrong { .. })));
    let mut fac = device.unlock(PASS, FrontEnd::Window).unwrap();
    fac.log_pending().unwrap();

    fac.start_session("cercle_participation", Lang::Fr, AgeBand::Age8To12, true).unwrap();
    assert_eq!(fac.child().unwrap().phase, Phase::Assent);
    let code = fac.child().unwrap().record.code.clone();
    let id = fac.child().unwrap().record.id;
    assert_eq!(fac.store().consent(id).unwrap(), Some(true), "consent recorded (C2)");
    fac.assent(true).unwrap();
    assert_eq!(fac.child().unwrap().phase, Phase::Limits);
    fac.limits_understood();
    for _ in 0..4 {
        answer_screen(&mut fac);
        fac.step(true).unwrap();
    }
    fac.child_asks_to_talk().unwrap();
    fac.child_asks_to_talk().unwrap();
    assert_eq!(fac.store().concerns(id).unwrap().len(), 1, "the child's concern is raised once");
    assert_eq!(fac.session_to_reopen().unwrap(), Some(id), "a restart goes back to child mode");

    device.confirm_passphrase(PASS).unwrap();
    fac.facilitator_check().unwrap();
    let review = fac.review(id).unwrap();
    assert!(review.survey.answers().len() >= 2);
    fac.flag_concern("seemed upset at question 2").unwrap();
    fac.finalise().unwrap();
    assert_eq!(fac.store().session(id).unwrap().status, Status::Finalised);
    assert_eq!(fac.session_to_reopen().unwrap(), None);

    let withdrawn = fac.withdraw(&code.to_lowercase()).unwrap();
    assert_eq!(withdrawn, code);
    assert!(matches!(fac.withdraw(&code), Err(ServiceError::UnknownCode(_))));
    fac.lock().unwrap();

    let fac = Device::open(dir.path()).unlock(PASS, FrontEnd::Cli).unwrap();
    assert_eq!(
        actions(&fac),
        [
            "create",
            "lock",
            "unlock-failed",
            "unlock",
            "start",
            "facilitator-check",
            "concern",
            "finalise",
            "withdraw",
            "lock"
        ]
    );
    // C13: what and when, never a child's content.
    let log = fac.store().audit_log().unwrap();
    assert!(log.iter().all(|e| !e.detail.contains("upset")), "{log:?}");
    assert_eq!(log.iter().find(|e| e.action == "unlock").unwrap().detail, "front=window");
    assert_eq!(log.iter().find(|e| e.action == "unlock-failed").unwrap().detail, "count=1");
    // The facilitator reads the log in their own language, details included.
    let start = log.iter().find(|e| e.action == "start").unwrap();
    let (action, detail) = audit_event_in(Lang::Fr, start);
    assert!(!action.starts_with("audit-action"), "{action}");
    assert!(detail.starts_with("enfant ") && detail.contains("formulaire cercle_participation"), "{detail}");
    let failed = log.iter().find(|e| e.action == "unlock-failed").unwrap();
    assert_eq!(audit_event_in(Lang::En, failed).1, "1 wrong passphrase before it");
    assert!(audit_event_in(Lang::Ar, failed).1.contains("عبارات"), "{:?}", audit_event_in(Lang::Ar, failed));
}

#[test]
fn a_read_only_command_writes_nothing_and_the_first_change_logs_the_unlock() {
    let (dir, _) = new_device();
    let before = std::fs::metadata(Store::file_in(dir.path())).unwrap().modified().unwrap();
    let fac = Device::open(dir.path()).unlock(PASS, FrontEnd::Cli).unwrap();
    assert_eq!(fac.store().sessions(None).unwrap().len(), 0);
    drop(fac);
    let mut fac = Device::open(dir.path()).unlock(PASS, FrontEnd::Cli).unwrap();
    assert_eq!(actions(&fac), ["create", "lock"], "reading logged nothing");
    let _ = before;
    fac.simulate("cercle_participation", 2, 1).unwrap();
    assert_eq!(actions(&fac), ["create", "lock", "unlock", "simulate"]);
}

#[test]
fn an_action_and_its_audit_event_are_kept_together_or_not_at_all() {
    let (dir, mut device) = new_device();
    let mut fac = device.unlock(PASS, FrontEnd::Window).unwrap();
    fac.start_session("cercle_participation", Lang::En, AgeBand::Age13To17, true).unwrap();
    let id = fac.child().unwrap().record.id;
    // Another connection holds the write lock: the finalise and its event both fail.
    let other = Store::unlock(dir.path(), PASS).unwrap();
    other.begin_exclusive_for_tests();
    fac.store().set_busy_timeout_for_tests(std::time::Duration::from_millis(50));
    assert!(fac.finalise().is_err());
    other.rollback_for_tests();
    assert_eq!(fac.store().session(id).unwrap().status, Status::InProgress);
    assert!(!actions(&fac).contains(&"finalise".to_string()));
    fac.finalise().unwrap();
    assert_eq!(actions(&fac).iter().filter(|a| *a == "finalise").count(), 1);
}

#[test]
fn an_answer_the_store_refuses_is_not_shown_as_given() {
    let (dir, mut device) = new_device();
    let mut fac = device.unlock(PASS, FrontEnd::Window).unwrap();
    fac.start_session("cercle_participation", Lang::Es, AgeBand::Age8To12, true).unwrap();
    fac.assent(true).unwrap();
    fac.limits_understood();
    let id = fac.child().unwrap().record.id;
    let other = Store::unlock(dir.path(), PASS).unwrap();
    other.begin_exclusive_for_tests();
    fac.store().set_busy_timeout_for_tests(std::time::Duration::from_millis(50));
    let q = fac.child().unwrap().survey.current()[0].name.clone();
    let tapped = fac.toggle_state(&q, Answer::RatherNotSay);
    assert!(matches!(tapped, Err(TapError::NotSaved(_))));
    assert_eq!(fac.child().unwrap().survey.answer_of(&q), None, "what the child sees is what is saved");
    assert!(matches!(fac.step(true), Err(TapError::NotSaved(_)) | Err(TapError::Refused { .. })));
    assert_eq!(fac.child().unwrap().survey.position(), 0, "no screen is reached that is not stored");
    other.rollback_for_tests();
    fac.toggle_state(&q, Answer::RatherNotSay).unwrap();
    assert_eq!(fac.store().answers(id).unwrap().get(&q), Some(&Answer::RatherNotSay));
}

#[test]
fn site_rules_are_checked_all_before_any_is_written() {
    let (_dir, mut device) = new_device();
    let mut fac = device.unlock(PASS, FrontEnd::Cli).unwrap();
    let bad = [("consent_age".to_string(), "16".to_string()), ("idle_lock_minutes".into(), "0".into())];
    assert!(matches!(fac.set_site_rules(&bad), Err(ServiceError::SiteRules(v)) if v.len() == 1));
    assert_eq!(SiteSettings::load(fac.store()).unwrap().consent_age, SiteSettings::default().consent_age);
    fac.set_site_rules(&[("consent_age".into(), "16".into())]).unwrap();
    assert_eq!(fac.site().consent_age, 16);
    assert!(matches!(
        fac.start_session("cercle_participation", Lang::En, AgeBand::Age13To17, false),
        Err(ServiceError::ConsentNeeded { age: 16 })
    ));
}

#[test]
fn a_changed_form_under_an_installed_version_is_refused() {
    let (_dir, mut device) = new_device();
    let mut fac = device.unlock(PASS, FrontEnd::Cli).unwrap();
    let mut form = fac.store().form("cercle_participation").unwrap();
    form.id = "site_form".into();
    form.version = "1".into();
    let checked = |form: &crate::form::Form| CheckedForm {
        imported: Imported { form: form.clone(), media: vec![], problems: vec![] },
        problems: vec![],
    };
    fac.import_form(&checked(&form)).unwrap();
    fac.import_form(&checked(&form)).unwrap(); // the same file again changes nothing
    let mut changed = form.clone();
    changed.title = crate::form::Text([(Lang::En, "Another title".to_string())].into());
    let refused = fac.import_form(&checked(&changed)).unwrap_err();
    assert!(matches!(refused, ServiceError::VersionInstalled { .. }));
    assert!(refused.message_in(Lang::Fr).contains("nouvelle version"), "{}", refused.message_in(Lang::Fr));
    assert_eq!(fac.store().form("site_form").unwrap().title, form.title, "the installed form is kept");
    changed.version = "2".into();
    fac.import_form(&checked(&changed)).unwrap();
}
