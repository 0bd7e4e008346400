//! Upload later: finalised sessions reach an OpenRosa server (ODK Central, KoboToolbox)
//! exactly once.
//!
//! Exactly once comes from three facts together: a submission's bytes are fixed when it is
//! queued (`crate::submission`, stored in the outbox); `sending` is committed before each
//! request, so a kill at any moment leaves the row to be sent again; and servers keep one
//! record per instanceID when the same bytes come again (201 on Central, 202 on Kobo). So
//! every retry is safe, and only 201/202 ever mark a submission sent (a 200 may be a Wi-Fi
//! login page).

pub mod getforms;
pub mod openrosa;
pub mod server;

pub use server::{ServerError, ServerKind, ServerSettings, SERVER_SETTING};

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};

use crate::form::{withdrawal_form, Form};
use crate::i18n::{tr, tr_args};
use crate::lang::Lang;
use crate::privacy::SiteSettings;
use crate::store::{OutboxEntry, Store, StoreError, UploadState};
use crate::submission::{build, BuildError, Submission};
use crate::xform::SessionFacts;
use openrosa::{boundary_for, NetError, OpenRosaClient, Reply};

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Build(#[from] BuildError),
    #[error("no server is set: `cercle server set URL` first")]
    NoServer,
}

impl crate::i18n::UserMessage for SyncError {
    fn message_in(&self, lang: Lang) -> String {
        match self {
            SyncError::Store(e) => e.message_in(lang),
            SyncError::Build(e) => tr_args(lang, "sync-cannot-build", &[("error", e.to_string().into())]),
            SyncError::NoServer => tr(lang, "sync-no-server"),
        }
    }
}

/// The server the facilitator set, if any.
pub fn server_of(store: &Store) -> Result<Option<ServerSettings>, StoreError> {
    Ok(store.setting(SERVER_SETTING)?.as_deref().and_then(ServerSettings::from_json))
}

/// Builds a finalised session's submission and queues it (its bytes fixed from now on).
/// Queuing twice changes nothing.
pub fn queue_session(store: &Store, session_id: i64) -> Result<i64, SyncError> {
    let record = store.session(session_id)?;
    let form: Form = store.form_version(&record.form_id, &record.form_version)?;
    let answers = store.answers(session_id)?;
    let facts = SessionFacts {
        instance_id: record.instance_id.clone(),
        participant_code: record.code.clone(),
        age_band: record.age_band.code().to_string(),
        language: record.lang.code().to_string(),
        form_version: record.form_version.clone(),
        started: record.created_on(),
        finalised: record.finalised_at.map(|t| t.date_naive()),
    };
    let submission = build(&form, &facts, &answers)?;
    Ok(store.queue_submission(Some(session_id), &record.code, &submission)?)
}

/// The withdrawal notice for a session the server may hold (C5): the `cercle_withdrawal`
/// form, naming the participant code, the form and the session's instanceID.
pub fn withdrawal_submission(
    code: &str,
    form_id: &str,
    instance_id: &str,
    on: NaiveDate,
) -> Result<Submission, SyncError> {
    use crate::engine::Answer;
    let form = withdrawal_form();
    let answers = [
        ("withdrawn_form", form_id.to_string()),
        ("withdrawn_instance", instance_id.to_string()),
        ("withdrawn_on", on.format("%Y-%m-%d").to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), Answer::Value(v)))
    .collect();
    let facts = SessionFacts {
        instance_id: format!("uuid:{}", uuid::Uuid::new_v4()),
        participant_code: code.to_string(),
        age_band: String::new(),
        language: String::new(),
        form_version: form.version.clone(),
        started: on,
        finalised: Some(on),
    };
    Ok(build(&form, &facts, &answers)?)
}

/// Why a try did not succeed. Stored coded in the outbox (`code`), shown in the
/// facilitator's language (`message_in`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    Network(NetError),
    /// 5xx, 423, 429, 402...: the server cannot take it now.
    ServerBusy(u16),
    Credentials(u16),
    FormNotOnServer,
    /// An answer that is not OpenRosa's (a Wi-Fi login page answers 200).
    NotOpenRosa(u16),
    TooBig {
        size: u64,
        limit: u64,
    },
    Conflict,
    Refused {
        status: u16,
        message: String,
    },
}

impl Failure {
    pub fn code(&self) -> String {
        match self {
            Failure::Network(NetError::NoConnection) => "network=no-connection".into(),
            Failure::Network(NetError::Timeout) => "network=timeout".into(),
            Failure::Network(NetError::Reset) => "network=reset".into(),
            Failure::Network(NetError::Tls) => "network=tls".into(),
            Failure::ServerBusy(s) => format!("busy={s}"),
            Failure::Credentials(s) => format!("credentials={s}"),
            Failure::FormNotOnServer => "form-not-on-server".into(),
            Failure::NotOpenRosa(s) => format!("not-openrosa={s}"),
            Failure::TooBig { size, limit } => format!("too-big={size}/{limit}"),
            Failure::Conflict => "conflict".into(),
            Failure::Refused { status, message } => format!("refused={status} {message}"),
        }
    }

    pub fn parse(code: &str) -> Option<Failure> {
        let (key, value) = code.split_once('=').unwrap_or((code, ""));
        let status = || value.parse().unwrap_or(0);
        Some(match key {
            "network" => Failure::Network(match value {
                "no-connection" => NetError::NoConnection,
                "timeout" => NetError::Timeout,
                "tls" => NetError::Tls,
                _ => NetError::Reset,
            }),
            "busy" => Failure::ServerBusy(status()),
            "credentials" => Failure::Credentials(status()),
            "form-not-on-server" => Failure::FormNotOnServer,
            "not-openrosa" => Failure::NotOpenRosa(status()),
            "too-big" => {
                let (s, l) = value.split_once('/')?;
                Failure::TooBig { size: s.parse().ok()?, limit: l.parse().ok()? }
            }
            "conflict" => Failure::Conflict,
            "refused" => {
                let (s, m) = value.split_once(' ').unwrap_or((value, ""));
                Failure::Refused { status: s.parse().unwrap_or(0), message: m.to_string() }
            }
            _ => return None,
        })
    }

    pub fn message_in(&self, lang: Lang) -> String {
        match self {
            Failure::Network(NetError::NoConnection) => tr(lang, "sync-failure-no-connection"),
            Failure::Network(NetError::Timeout) => tr(lang, "sync-failure-timeout"),
            Failure::Network(NetError::Reset) => tr(lang, "sync-failure-reset"),
            Failure::Network(NetError::Tls) => tr(lang, "sync-failure-tls"),
            Failure::ServerBusy(s) => tr_args(lang, "sync-failure-busy", &[("status", i64::from(*s).into())]),
            Failure::Credentials(_) => tr(lang, "sync-failure-credentials"),
            Failure::FormNotOnServer => tr(lang, "sync-failure-form-not-on-server"),
            Failure::NotOpenRosa(_) => tr(lang, "sync-failure-not-openrosa"),
            Failure::TooBig { size, limit } => {
                tr_args(lang, "sync-failure-too-big", &[("size", kb(*size).into()), ("limit", kb(*limit).into())])
            }
            Failure::Conflict => tr(lang, "sync-failure-conflict"),
            Failure::Refused { status, message } => tr_args(
                lang,
                "sync-failure-refused",
                &[("status", i64::from(*status).into()), ("message", message.as_str().into())],
            ),
        }
    }

    /// A failure that would fail every other submission too: the run stops.
    fn stops_the_run(&self) -> bool {
        matches!(
            self,
            Failure::Network(NetError::NoConnection | NetError::Tls)
                | Failure::Credentials(_)
                | Failure::NotOpenRosa(_)
        )
    }
}

fn kb(bytes: u64) -> i64 {
    bytes.div_ceil(1024) as i64
}

/// What a server's answer to a POST means.
enum Outcome {
    Done(u16),
    Retry(Failure),
    Stop(UploadState, Failure),
}

fn outcome_of(reply: &Reply, size: u64) -> Outcome {
    match reply.status {
        201 | 202 => Outcome::Done(reply.status),
        409 => Outcome::Stop(UploadState::Conflict, Failure::Conflict),
        401 | 403 => Outcome::Retry(Failure::Credentials(reply.status)),
        404 => Outcome::Retry(Failure::FormNotOnServer),
        413 => Outcome::Stop(UploadState::Rejected, Failure::TooBig { size, limit: reply.accept_length.unwrap_or(0) }),
        402 | 408 | 423 | 429 | 500..=599 => Outcome::Retry(Failure::ServerBusy(reply.status)),
        s if s < 300 || (300..400).contains(&s) => Outcome::Retry(Failure::NotOpenRosa(s)),
        s => Outcome::Stop(UploadState::Rejected, Failure::Refused { status: s, message: reply.message.clone() }),
    }
}

/// How hard to try.
#[derive(Debug, Clone)]
pub struct SendPolicy {
    /// The first retry waits about this long; each next one twice as long, up to `max_delay`,
    /// each drawn between half and one and a half times that (jitter, so forty tablets coming
    /// back online do not retry in step).
    pub first_delay: Duration,
    pub max_delay: Duration,
    /// How long a run waits for retries that come due before it ends.
    pub patience: Duration,
    /// One request's limit.
    pub timeout: Duration,
    /// Try everything queued now, whatever its schedule ("Send now", `cercle sync`).
    pub now: bool,
}

impl Default for SendPolicy {
    fn default() -> SendPolicy {
        SendPolicy {
            first_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(30 * 60),
            patience: Duration::from_secs(20),
            timeout: Duration::from_secs(60),
            now: true,
        }
    }
}

impl SendPolicy {
    fn delay(&self, attempts: i64) -> Duration {
        let exp = attempts.clamp(1, 30) as u32 - 1;
        let base = self.first_delay.saturating_mul(2u32.saturating_pow(exp)).min(self.max_delay);
        base.mul_f64(0.5 + rand::random::<f64>())
    }
}

/// What a run did, and what is left.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncReport {
    /// Accepted as new (201).
    pub sent: usize,
    /// The server already had it (202).
    pub already: usize,
    /// In conflict now (409: the server holds different data under the same instanceID).
    pub conflicts: usize,
    /// Waiting after a failure, or refused: each with its participant code and reason.
    pub failed: Vec<(String, Failure)>,
    /// Everything not yet on the server (conflicts and failures included).
    pub left: usize,
    /// Sessions whose answers were purged after upload (C10).
    pub purged: usize,
}

impl SyncReport {
    /// The summary line scripts read (a contract): `sent N, already on server N, conflicts N,
    /// failed N, left N`.
    pub fn summary_line(&self) -> String {
        format!(
            "sent {}, already on server {}, conflicts {}, failed {}, left {}",
            self.sent,
            self.already,
            self.conflicts,
            self.failed.len(),
            self.left
        )
    }
}

/// Progress of a run, for a bar: `done` of `total` tries made.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// Sends everything due, retrying within the run's patience, and says what is left. Stops
/// early (between two requests) when `stop` is set: the app locking, the process ending.
pub fn send_queued(
    store: &Store,
    server: &ServerSettings,
    policy: &SendPolicy,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(Progress),
) -> Result<SyncReport, SyncError> {
    let retention = SiteSettings::load(store)?.retention_days;
    let mut report = SyncReport::default();
    let mut unqueued = Vec::new();
    for session_id in store.sessions_to_queue()? {
        if let Err(e) = queue_session(store, session_id) {
            match e {
                SyncError::Build(b) => unqueued.push((session_id, b)),
                other => return Err(other),
            }
        }
    }
    let mut client = OpenRosaClient::new(server, policy.timeout);
    let deadline = Instant::now() + policy.patience;
    let mut ignore_schedule = policy.now;
    let mut done = 0;
    'run: loop {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let due = store.due_submissions(Utc::now(), ignore_schedule)?;
        ignore_schedule = false;
        if due.is_empty() {
            match store.next_retry()? {
                Some(at) if wait_until(at, deadline, stop) => continue,
                _ => break,
            }
        }
        let total = done + due.len();
        progress(Progress { done, total });
        let limit = match client.head() {
            Ok(r) if (200..300).contains(&r.status) && r.openrosa => r.accept_length,
            Ok(r) if r.status == 401 || r.status == 403 => {
                postpone(store, &due, &Failure::Credentials(r.status), policy)?;
                break;
            }
            // A server that has no HEAD for submissions still takes the POST.
            Ok(r) if r.openrosa || r.status == 404 || r.status == 405 => None,
            Ok(r) => {
                postpone(store, &due, &Failure::NotOpenRosa(r.status), policy)?;
                break;
            }
            Err(e) => {
                postpone(store, &due, &Failure::Network(e), policy)?;
                break;
            }
        };
        for entry in &due {
            if stop.load(Ordering::Relaxed) {
                break 'run;
            }
            let parts = store.submission_parts(entry.id)?;
            let boundary = boundary_for(&entry.instance_id, &parts);
            let body = openrosa::multipart_body(&parts, &boundary);
            let size = body.len() as u64;
            if let Some(limit) = limit.filter(|l| size > *l) {
                finish(
                    store,
                    entry,
                    Outcome::Stop(UploadState::Rejected, Failure::TooBig { size, limit }),
                    policy,
                    retention,
                    &mut report,
                )?;
                done += 1;
                continue;
            }
            store.mark_sending(entry.id)?;
            let outcome = match client.post(&body, &boundary) {
                Ok(reply) => outcome_of(&reply, size),
                Err(e) => Outcome::Retry(Failure::Network(e)),
            };
            let stops = matches!(&outcome, Outcome::Retry(f) if f.stops_the_run());
            finish(store, entry, outcome, policy, retention, &mut report)?;
            done += 1;
            progress(Progress { done, total });
            if stops {
                break 'run;
            }
        }
    }
    // What is left, as the facilitator will see it.
    for e in store.outbox()? {
        match e.state {
            UploadState::Sent => {}
            UploadState::Conflict => report.conflicts += 1,
            UploadState::Rejected | UploadState::Queued | UploadState::Sending => {
                if let Some(f) = Failure::parse(&e.reason) {
                    if e.state == UploadState::Rejected || !matches!(f, Failure::Conflict) {
                        report.failed.push((e.code.clone(), f));
                    }
                }
            }
        }
        if e.state != UploadState::Sent {
            report.left += 1;
        }
    }
    for (session_id, error) in unqueued {
        let code = store.session(session_id).map(|s| s.code).unwrap_or_default();
        report.failed.push((code, Failure::Refused { status: 0, message: error.to_string() }));
        report.left += 1;
    }
    Ok(report)
}

/// Sleeps until `at` when that comes before the run's deadline; false when it does not (the
/// run ends and the background sender or the next `sync` takes over).
fn wait_until(at: DateTime<Utc>, deadline: Instant, stop: &AtomicBool) -> bool {
    let wait = (at - Utc::now()).to_std().unwrap_or(Duration::ZERO);
    if Instant::now() + wait > deadline {
        return false;
    }
    let end = Instant::now() + wait;
    while Instant::now() < end {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        std::thread::sleep((end - Instant::now()).min(Duration::from_millis(50)));
    }
    true
}

fn postpone(store: &Store, due: &[OutboxEntry], failure: &Failure, policy: &SendPolicy) -> Result<(), StoreError> {
    store.atomically(|s| {
        for e in due {
            s.mark_retry(e.id, &failure.code(), Utc::now() + policy.delay(e.attempts.max(1)))?;
        }
        Ok(())
    })
}

/// Records a try's outcome with its audit event (C13), in one savepoint; after a confirmed
/// upload the retention purge runs in the same savepoint (C10).
fn finish(
    store: &Store,
    entry: &OutboxEntry,
    outcome: Outcome,
    policy: &SendPolicy,
    retention: i64,
    report: &mut SyncReport,
) -> Result<(), StoreError> {
    let kind = if entry.withdrawal { "withdrawal" } else { "session" };
    store.atomically(|s| match &outcome {
        Outcome::Done(status) => {
            let purged = s.mark_sent(entry.id, *status, retention)?;
            let result = if *status == 202 { "already" } else { "sent" };
            s.audit("upload", &format!("form={} kind={kind} result={result}", entry.form_id))?;
            for id in &purged {
                s.audit("purge", &format!("session={id}"))?;
            }
            report.purged += purged.len();
            if *status == 202 {
                report.already += 1;
            } else {
                report.sent += 1;
            }
            Ok(())
        }
        Outcome::Retry(f) => s.mark_retry(entry.id, &f.code(), Utc::now() + policy.delay(entry.attempts + 1)),
        Outcome::Stop(state, f) => {
            s.mark_stopped(entry.id, *state, &f.code())?;
            s.audit("upload", &format!("form={} kind={kind} result={}", entry.form_id, state.code()))
        }
    })
}

/// A run the facilitator asked for ("Send now", `cercle sync`): sends, then writes one
/// audit event for the run with its counts (C13). The window's background sender and the
/// command line both come here.
pub fn send_and_log(
    store: &Store,
    server: &ServerSettings,
    policy: &SendPolicy,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(Progress),
) -> Result<SyncReport, SyncError> {
    let report = send_queued(store, server, policy, stop, progress)?;
    let detail = format!(
        "sent={} already={} conflicts={} failed={} left={}",
        report.sent,
        report.already,
        report.conflicts,
        report.failed.len(),
        report.left
    );
    store.atomically(|s| s.audit("sync", &detail))?;
    Ok(report)
}

/// What the connection test found, in the order a facilitator would fix it.
#[derive(Debug, Clone, PartialEq)]
pub enum ConnectionCheck {
    Ok { forms_missing: Vec<String> },
    Failed(Failure),
}

impl ConnectionCheck {
    pub fn message_in(&self, lang: Lang) -> String {
        match self {
            ConnectionCheck::Ok { forms_missing } if forms_missing.is_empty() => tr(lang, "server-test-ok"),
            ConnectionCheck::Ok { forms_missing } => {
                tr_args(lang, "server-test-forms-missing", &[("forms", forms_missing.join(", ").into())])
            }
            ConnectionCheck::Failed(f) => f.message_in(lang),
        }
    }
}

/// "Test connection": the submission URL answers as OpenRosa with these credentials, and
/// the forms this tablet sends to are on the server (its form list).
pub fn test_connection(server: &ServerSettings, timeout: Duration, form_ids: &[String]) -> ConnectionCheck {
    let mut client = OpenRosaClient::new(server, timeout);
    match client.head() {
        Err(e) => return ConnectionCheck::Failed(Failure::Network(e)),
        Ok(r) if r.status == 401 || r.status == 403 => return ConnectionCheck::Failed(Failure::Credentials(r.status)),
        Ok(r) if !r.openrosa => return ConnectionCheck::Failed(Failure::NotOpenRosa(r.status)),
        Ok(r) if r.status == 404 => return ConnectionCheck::Failed(Failure::NotOpenRosa(404)),
        Ok(_) => {}
    }
    let listed = match client.form_list() {
        Ok(r) if r.status == 200 && r.openrosa => Some(openrosa::form_ids_in(&r.body)),
        Ok(r) if r.status == 401 || r.status == 403 => return ConnectionCheck::Failed(Failure::Credentials(r.status)),
        _ => None,
    };
    let forms_missing = match listed {
        Some(ids) => form_ids.iter().filter(|f| !ids.contains(f)).cloned().collect(),
        None => Vec::new(),
    };
    ConnectionCheck::Ok { forms_missing }
}

#[cfg(test)]
mod tests;
