use super::*;

#[test]
fn every_failure_reads_back_from_its_code() {
    let all = [
        Failure::Network(NetError::NoConnection),
        Failure::Network(NetError::Timeout),
        Failure::Network(NetError::Reset),
        Failure::Network(NetError::Tls),
        Failure::ServerBusy(503),
        Failure::Credentials(401),
        Failure::FormNotOnServer,
        Failure::NotOpenRosa(200),
        Failure::TooBig { size: 20_000_000, limit: 10_485_760 },
        Failure::Conflict,
        Failure::Refused { status: 400, message: "Instance ID is required".into() },
    ];
    for f in all {
        assert_eq!(Failure::parse(&f.code()), Some(f.clone()), "{}", f.code());
        for lang in Lang::ALL {
            let text = f.message_in(lang);
            assert!(!text.starts_with("sync-"), "{lang}: {text}");
        }
    }
}

#[test]
fn a_200_is_never_success_and_409_is_a_conflict() {
    let reply =
        |status, openrosa| Reply { status, openrosa, accept_length: None, message: String::new(), body: String::new() };
    assert!(matches!(outcome_of(&reply(200, false), 10), Outcome::Retry(Failure::NotOpenRosa(200))));
    assert!(matches!(outcome_of(&reply(200, true), 10), Outcome::Retry(Failure::NotOpenRosa(200))));
    assert!(matches!(outcome_of(&reply(201, true), 10), Outcome::Done(201)));
    assert!(matches!(outcome_of(&reply(202, true), 10), Outcome::Done(202)));
    assert!(matches!(outcome_of(&reply(409, true), 10), Outcome::Stop(UploadState::Conflict, Failure::Conflict)));
    assert!(matches!(outcome_of(&reply(423, true), 10), Outcome::Retry(Failure::ServerBusy(423))));
    assert!(matches!(outcome_of(&reply(503, false), 10), Outcome::Retry(Failure::ServerBusy(503))));
    assert!(matches!(outcome_of(&reply(302, false), 10), Outcome::Retry(Failure::NotOpenRosa(302))));
    assert!(matches!(outcome_of(&reply(413, true), 10), Outcome::Stop(UploadState::Rejected, Failure::TooBig { .. })));
}

#[test]
fn retries_back_off_exponentially_with_jitter_up_to_a_cap() {
    let policy =
        SendPolicy { first_delay: Duration::from_secs(2), max_delay: Duration::from_secs(60), ..SendPolicy::default() };
    for attempts in 1..=12 {
        let expected = (2.0 * 2f64.powi(attempts as i32 - 1)).min(60.0);
        let d = policy.delay(attempts).as_secs_f64();
        assert!(d >= expected * 0.5 && d < expected * 1.5, "attempt {attempts}: {d} s");
    }
    let draws: std::collections::HashSet<u128> = (0..20).map(|_| policy.delay(3).as_micros()).collect();
    assert!(draws.len() > 1, "jitter varies");
}

#[test]
fn a_withdrawal_notice_names_the_code_form_and_instance_and_no_answer() {
    let on = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let sub = withdrawal_submission("KX7-4MP", "cercle_participation", "uuid:0f0e", on).unwrap();
    assert!(!sub.encrypted);
    let xml = String::from_utf8(sub.parts[0].bytes.clone()).unwrap();
    for needle in [
        "id=\"cercle_withdrawal\"",
        "<withdrawn_form>cercle_participation</withdrawn_form>",
        "<withdrawn_instance>uuid:0f0e</withdrawn_instance>",
        "<withdrawn_on>2026-11-30</withdrawn_on>",
        "<participant_code>KX7-4MP</participant_code>",
    ] {
        assert!(xml.contains(needle), "{needle} in {xml}");
    }
    assert!(xml.contains(&format!("<instanceID>{}</instanceID>", sub.instance_id)));
    assert_ne!(sub.instance_id, "uuid:0f0e");
}
