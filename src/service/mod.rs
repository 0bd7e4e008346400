//! The facilitator's actions, written once for every front end: the Slint window, the CLI,
//! and later the uploader and the Android entry point all call this layer, and nothing below
//! it, to change anything.
//!
//! Why one layer: whether an action is audited (C13), whether an answer the store refused is
//! kept, whether a child's concern is recorded must not depend on which front end acted.
//! So every action that changes data writes its audit event itself, inside the same savepoint
//! as the change ([`Store::atomically`]): both are kept or neither, and a failure to write
//! the event fails the action. No Slint, no clap, no terminal here.
//!
//! Start at [`Device`] (a locked data folder), which hands out a [`Facilitator`] (unlocked).

mod child;
mod coordinator;
mod device;
mod error;
mod getforms;
mod sending;
mod transfer;

pub use child::{ChildSession, Phase, TapError};
pub use coordinator::{FormOverview, Worker};
pub use device::{failure_delay, Device, UnlockError};
pub use error::{Result, ServiceError};
pub use getforms::FormDownloads;
pub use sending::{BackgroundSender, FormTitles, SenderEvent};
pub use transfer::TransferWritten;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::engine::{Answer, Survey};
use crate::export::ExportOptions;
use crate::form::{AgeBand, Kind, Problem};
use crate::lang::Lang;
use crate::privacy::{redact, scan_free_text, SiteRuleError, SiteSettings};
use crate::store::{ParticipantCode, SessionRecord, Status, Store, StoreError};
use crate::xlsform::Imported;

/// The session open in child mode, so that a restart after a crash goes straight back to it.
const CHILD_SESSION: &str = "child_session";

/// Which front end acted: named in the unlock event, nothing more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontEnd {
    Window,
    Cli,
}

impl FrontEnd {
    pub fn code(self) -> &'static str {
        match self {
            FrontEnd::Window => "window",
            FrontEnd::Cli => "cli",
        }
    }
}

/// An XLSForm read and checked, ready to install: the same checks for the window and the CLI.
pub struct CheckedForm {
    pub imported: Imported,
    /// Warnings only (a form with an error never becomes a `CheckedForm`).
    pub problems: Vec<Problem>,
}

/// Reads and checks an XLSForm (no passphrase needed); a form with an error is refused whole
/// with all its problems.
pub fn check_form(path: &Path) -> Result<CheckedForm> {
    let (imported, problems) = if is_xform_file(path) {
        let (read, media) = read_xform_file(path)?;
        let problems = read.problems.clone();
        (Imported { form: read.form, media, problems: read.problems }, problems)
    } else {
        (crate::xlsform::import(path)?, crate::xlsform::check(path)?)
    };
    if problems.iter().any(Problem::is_error) {
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        return Err(ServiceError::FormRefused { file, problems });
    }
    Ok(CheckedForm { imported, problems })
}

/// Every problem of a form file: an XLSForm (`.xlsx`, `.xls`, `.zip`) or an XForm (`.xml`).
pub fn form_problems(path: &Path) -> Result<Vec<Problem>> {
    if is_xform_file(path) {
        return Ok(read_xform_file(path)?.0.problems);
    }
    Ok(crate::xlsform::check(path)?)
}

fn is_xform_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml"))
}

/// An XForm file and its media, from `{stem}-media/` beside it as ODK tools lay them out.
fn read_xform_file(path: &Path) -> Result<(crate::xform::ReadXform, Vec<(String, Vec<u8>)>)> {
    let file_error = |e: std::io::Error| ServiceError::File { path: path.display().to_string(), source: e };
    let bytes = std::fs::read(path).map_err(file_error)?;
    if bytes.len() > crate::xform::MAX_XFORM_BYTES {
        return Err(crate::xform::XformReadError::TooLarge.into());
    }
    let text = String::from_utf8_lossy(&bytes);
    let read = crate::xform::read_xform(&text)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let folder = path.with_file_name(format!("{stem}-media"));
    let mut media = Vec::new();
    for name in &read.media {
        if let Ok(bytes) = std::fs::read(folder.join(name)) {
            media.push((name.clone(), bytes));
        }
    }
    media.sort();
    Ok((read, media))
}

/// An audit event in words, in `lang`: the action, and its detail (stored language-neutral as
/// `key=value` pairs, so the facilitator reads it in their own language). The one way every
/// front end shows the log.
pub fn audit_event_in(lang: Lang, event: &crate::store::AuditEvent) -> (String, String) {
    use crate::i18n::{tr, tr_args, Arg};
    let action = tr(lang, &format!("audit-action-{}", event.action));
    let pairs: Vec<(&str, &str)> = event.detail.split(' ').filter_map(|pair| pair.split_once('=')).collect();
    if pairs.is_empty() {
        return (action, event.detail.clone());
    }
    let key = match event.action.as_str() {
        "facilitator-check" | "resume" | "finalise" | "withdraw" | "redact" | "concern" | "concern-close"
            if pairs.iter().any(|(k, _)| *k == "code") =>
        {
            "audit-detail-session".to_string()
        }
        action => format!("audit-detail-{action}"),
    };
    let args: Vec<(&str, Arg)> = pairs
        .iter()
        .map(|(k, v)| match v.parse::<i64>() {
            Ok(n) if *k != "code" => (*k, Arg::from(n)),
            _ => (*k, Arg::from(*v)),
        })
        .collect();
    let detail = tr_args(lang, &key, &args);
    // An event whose detail has no words yet shows as stored.
    let detail = if detail == key { event.detail.clone() } else { detail };
    (action, detail)
}

/// An export or report written.
#[derive(Debug)]
pub struct ExportDone {
    /// Sessions written.
    pub rows: usize,
    /// What disclosure control did (also in the file, and in the audit log).
    pub disclosure: crate::export::Disclosure,
    /// Why the export could not be logged, on a device that takes no writes.
    pub not_logged: Option<StoreError>,
}

/// What the facilitator's review shows of one session.
pub struct ReviewData {
    pub record: SessionRecord,
    pub survey: Survey,
    /// Concerns: (raised by the child?, note).
    pub concerns: Vec<(bool, String)>,
    /// Answer keys of free-text answers the scan flags (C12).
    pub flagged: Vec<String>,
}

/// An unlocked data folder: the store, the site's rules, and the session open in child mode.
pub struct Facilitator {
    store: Store,
    data_dir: PathBuf,
    site: SiteSettings,
    front_end: FrontEnd,
    /// Events not written yet: the unlock itself (the CLI writes it with the first change a
    /// command makes, so that reading never needs a write) and failed attempts before it.
    pending: Vec<(String, String)>,
    child: Option<ChildSession>,
    /// The form of a child who just said no to taking part, until the facilitator comes back:
    /// if that child asks to talk, the concern has no session to attach to.
    declined: Option<Declined>,
    last_activity: Instant,
}

#[derive(Debug, Clone)]
struct Declined {
    form_id: String,
    talk_raised: bool,
}

impl Facilitator {
    fn new(
        store: Store,
        data_dir: &Path,
        front_end: FrontEnd,
        event: Option<(&str, String)>,
    ) -> std::result::Result<Facilitator, StoreError> {
        let site = SiteSettings::load(&store)?;
        let pending = event.into_iter().map(|(a, d)| (a.to_string(), d)).collect();
        let mut fac = Facilitator {
            store,
            data_dir: data_dir.to_path_buf(),
            site,
            front_end,
            pending,
            child: None,
            declined: None,
            last_activity: Instant::now(),
        };
        if fac.pending.first().is_some_and(|(a, _)| a == "create") {
            fac.log_pending()?; // creating the database is a write already
        }
        Ok(fac)
    }

    /// The store, for reading (lists, the audit log, exports). Changes go through the actions.
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn site(&self) -> &SiteSettings {
        &self.site
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn front_end(&self) -> FrontEnd {
        self.front_end
    }

    /// An event logged with the next change (a failed-unlock count found on unlocking).
    pub(crate) fn queue_event(&mut self, action: &str, detail: &str) {
        self.pending.insert(0, (action.to_string(), detail.to_string()));
    }

    /// Writes the unlock event (and what came with it) now: the window does at once, the CLI
    /// leaves it to the first change.
    pub fn log_pending(&mut self) -> std::result::Result<(), StoreError> {
        self.after_pending(|_| Ok(()))
    }

    /// Runs a change in one savepoint after the events still pending (the unlock, failed
    /// attempts): they are written with the first change, or stay pending if it fails.
    fn after_pending<T>(
        &mut self,
        change: impl FnOnce(&Store) -> std::result::Result<T, StoreError>,
    ) -> std::result::Result<T, StoreError> {
        let pending = &self.pending;
        let value = self.store.atomically(|s| {
            for (a, d) in pending {
                s.audit(a, d)?;
            }
            change(s)
        })?;
        self.pending.clear();
        Ok(value)
    }

    /// Runs a change and its audit event in one savepoint, with any event still pending.
    fn audited<T>(
        &mut self,
        action: &str,
        detail: impl FnOnce(&T) -> String,
        change: impl FnOnce(&Store) -> std::result::Result<T, StoreError>,
    ) -> std::result::Result<T, StoreError> {
        self.after_pending(|s| {
            let value = change(s)?;
            s.audit(action, &detail(&value))?;
            Ok(value)
        })
    }

    // --- Idle policy (C9) ---

    /// The user did something: the idle clock starts again.
    pub fn touch(&mut self) {
        self.last_activity = Instant::now();
    }

    /// Whether the site's idle time has passed since the last touch.
    pub fn idle_expired(&self) -> bool {
        self.last_activity.elapsed() >= Duration::from_secs(u64::from(self.site.idle_lock_minutes) * 60)
    }

    /// Locks (the event, then the connection is dropped). Every answer shown is already saved.
    /// A session open in child mode is reopened at the same question after the next unlock.
    pub fn lock(mut self) -> std::result::Result<(), StoreError> {
        self.audited("lock", |_| String::new(), |_| Ok(()))
    }

    /// The passphrase was confirmed to leave child mode.
    pub fn facilitator_check(&mut self) -> std::result::Result<(), StoreError> {
        self.declined = None;
        let detail = self.child.as_ref().map(|c| format!("code={}", c.record.code)).unwrap_or_default();
        self.audited("facilitator-check", |_| detail, |_| Ok(()))
    }

    // --- Forms ---

    /// Installs a checked form with its media, all or nothing, audited.
    /// A form already installed under the same id and version is refused when anything in it
    /// differs: stored answers would otherwise be read (and exported) under other questions and
    /// choices than the child saw. A changed form needs a new version; the same file again is
    /// harmless.
    pub fn import_form(&mut self, checked: &CheckedForm) -> Result<()> {
        let form = &checked.imported.form;
        let media = &checked.imported.media;
        match self.store.form_version(&form.id, &form.version) {
            Ok(installed) => {
                let mut installed_media = self.store.media(&form.id, &form.version)?;
                installed_media.sort();
                let mut new_media = media.clone();
                new_media.sort();
                if installed.to_json() != form.to_json() || installed_media != new_media {
                    return Err(ServiceError::VersionInstalled {
                        form: form.id.clone(),
                        version: form.version.clone(),
                    });
                }
            }
            Err(StoreError::UnknownForm(_)) => {}
            Err(e) => return Err(e.into()),
        }
        let detail = format!("form={} version={} media={}", form.id, form.version, media.len());
        Ok(self.audited("import", |_| detail, |s| s.install_form(form, media))?)
    }

    // --- Site rules and passphrase ---

    /// Checks every changed rule, then writes them all, each with its own audit event, or none.
    pub fn set_site_rules(&mut self, changes: &[(String, String)]) -> Result<()> {
        let mut trial = self.site.clone();
        let invalid: Vec<(String, String)> =
            changes.iter().filter_map(|(k, v)| trial.apply(k, v).err().map(|why| (k.clone(), why))).collect();
        if !invalid.is_empty() {
            return Err(ServiceError::SiteRules(invalid));
        }
        let site = self.after_pending(|s| {
            let mut site = SiteSettings::load(s)?;
            for (key, value) in changes {
                site = SiteSettings::set(s, key, value).map_err(|e| match e {
                    SiteRuleError::Store(e) => e,
                    SiteRuleError::Invalid(_) => unreachable!("checked on a trial copy above"),
                })?;
                s.audit("site-setting", &format!("rule={key}"))?;
            }
            Ok(site)
        })?;
        self.site = site;
        Ok(())
    }

    /// Re-reads the site's rules (the CLI may have changed them while the window was open).
    pub fn reload_site_rules(&mut self) -> Result<()> {
        self.site = SiteSettings::load(&self.store)?;
        Ok(())
    }

    /// Re-keys the database after checking the current passphrase.
    pub fn change_passphrase(&mut self, device: &mut Device, current: &str, new: &str, again: &str) -> Result<()> {
        if let Some(rule) = crate::store::passphrase_rule_broken(new) {
            return Err(StoreError::WeakPassphrase(rule).into());
        }
        if new != again {
            return Err(ServiceError::Mismatch);
        }
        device.confirm_passphrase(current).map_err(|e| match e {
            UnlockError::Wrong { .. } | UnlockError::Wait(_) => ServiceError::WrongPassphrase,
            UnlockError::Store(e) => e.into(),
            UnlockError::Mismatch => ServiceError::Mismatch,
            UnlockError::Weak(rule) => StoreError::WeakPassphrase(rule).into(),
        })?;
        self.change_passphrase_unchecked(new)
    }

    /// Re-keys the database (the CLI has already opened it with the current passphrase).
    pub fn change_passphrase_unchecked(&mut self, new: &str) -> Result<()> {
        let dir = self.data_dir.clone();
        // Re-keying cannot run inside a savepoint: the event is written just after it.
        self.store.change_passphrase(&dir, new)?;
        Ok(self.audited("passphrase-change", |_| String::new(), |_| Ok(()))?)
    }

    // --- Withdrawal (C5) ---

    /// Deletes everything of one child from this device, by participant code as typed.
    /// Returns the code, written the usual way.
    pub fn withdraw(&mut self, typed: &str) -> Result<String> {
        let code = ParticipantCode::parse(typed).ok_or_else(|| ServiceError::UnknownCode(typed.trim().to_string()))?;
        if self.store.session_by_code(code.as_str())?.is_none() {
            return Err(ServiceError::UnknownCode(code.as_str().to_string()));
        }
        let detail = format!("code={}", code.as_str());
        self.audited(
            "withdraw",
            |_| detail,
            |s| {
                // A server may already hold the session: a withdrawal notice goes after it (C5).
                if let Some(record) = s.session_by_code(code.as_str())? {
                    if s.server_may_have(record.id)? {
                        let notice = crate::sync::withdrawal_submission(
                            code.as_str(),
                            &record.form_id,
                            &record.instance_id,
                            chrono::Utc::now().date_naive(),
                        )
                        .map_err(|e| StoreError::Export(e.to_string()))?;
                        s.queue_submission(None, code.as_str(), &notice)?;
                    }
                }
                s.withdraw(&code)
            },
        )?;
        if self.child.as_ref().is_some_and(|c| c.record.code == code.as_str()) {
            self.child = None;
            self.store.set_setting(CHILD_SESSION, None)?;
        }
        Ok(code.as_str().to_string())
    }

    // --- Sessions ---

    /// The session open in child mode, if any.
    pub fn child(&self) -> Option<&ChildSession> {
        self.child.as_ref()
    }

    /// Starts a session of a form: consent where the site's rule asks for it (C2), a random
    /// participant code, the form's defaults stored. Child mode starts on the assent screen.
    pub fn start_session(&mut self, form_id: &str, lang: Lang, band: AgeBand, guardian_consent: bool) -> Result<()> {
        // Rules changed from the command line while the window was open apply to this child.
        self.site = SiteSettings::load(&self.store)?;
        let consent_needed = self.site.consent_required(band);
        if consent_needed && !guardian_consent {
            return Err(ServiceError::ConsentNeeded { age: self.site.consent_age });
        }
        let form = Arc::new(self.store.form(form_id)?);
        let jurisdiction = self.site.jurisdiction.clone();
        let mut survey = Survey::new(form.clone(), lang, band);
        let initial = survey.drain_changes();
        let record = self.audited(
            "start",
            |r: &SessionRecord| format!("code={} form={}", r.code, form.id),
            |s| {
                let record = s.start_session(&form, lang, band, &mut rand::rng())?;
                if consent_needed {
                    s.record_consent(record.id, true, &jurisdiction)?;
                }
                // Defaults, calculations and repeat counts the new survey starts with.
                s.save_changes(record.id, &initial, None)?;
                s.set_setting(CHILD_SESSION, Some(&record.id.to_string()))?;
                Ok(record)
            },
        )?;
        self.child = Some(ChildSession::new(record, survey, Phase::Assent));
        self.declined = None;
        Ok(())
    }

    /// Reopens an unfinished session in child mode, where it was left.
    pub fn resume_session(&mut self, id: i64) -> Result<()> {
        let (record, survey) = self.store.resume(id)?;
        let assent = self.store.assent(id)?;
        let phase = if assent == Some(true) { Phase::Questions } else { Phase::Assent };
        let detail = format!("code={}", record.code);
        self.audited("resume", |_| detail, |s| s.set_setting(CHILD_SESSION, Some(&id.to_string())))?;
        self.child = Some(ChildSession::new(record, survey, phase));
        Ok(())
    }

    /// After a crash, a flat battery or a lock in child mode: the session to go straight back to.
    pub fn session_to_reopen(&self) -> Result<Option<i64>> {
        let Some(id) = self.store.setting(CHILD_SESSION)?.and_then(|v| v.parse::<i64>().ok()) else {
            return Ok(None);
        };
        match self.store.session(id) {
            Ok(s) if s.status == Status::InProgress => Ok(Some(id)),
            Ok(_) | Err(StoreError::UnknownSession(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The child's assent (C2): "no" deletes the session and keeps at most a count of refusals.
    pub fn assent(&mut self, yes: bool) -> Result<()> {
        let child = self.child.as_mut().ok_or(ServiceError::NoSession)?;
        let id = child.record.id;
        let count = self.site.count_refusals;
        if yes {
            self.store.record_assent(id, true, count)?;
            child.phase = Phase::Limits;
        } else {
            let form_id = child.record.form_id.clone();
            self.store.atomically(|s| {
                s.record_assent(id, false, count)?;
                s.set_setting(CHILD_SESSION, None)
            })?;
            self.child = None;
            self.declined = Some(Declined { form_id, talk_raised: false });
        }
        Ok(())
    }

    /// The child has seen the limits of confidentiality (C3): on to the questions.
    pub fn limits_understood(&mut self) {
        if let Some(child) = self.child.as_mut() {
            child.phase = Phase::Questions;
        }
    }

    /// "I want to talk to someone" (C6): a concern for the facilitator, raised once. A child who
    /// said no to taking part may ask too: the concern is kept without a session (there is none),
    /// and the facilitator sees it on the home screen.
    pub fn child_asks_to_talk(&mut self) -> Result<()> {
        if let Some(child) = self.child.as_ref() {
            let id = child.record.id;
            if self.store.concerns(id)?.iter().any(|(by_child, _)| *by_child) {
                return Ok(());
            }
            return Ok(self.store.raise_concern(id, true, "")?);
        }
        if let Some(declined) = self.declined.as_mut().filter(|d| !d.talk_raised) {
            self.store.raise_concern_without_session(&declined.form_id, true, "")?;
            declined.talk_raised = true;
        }
        Ok(())
    }

    /// Concerns not closed yet, for the facilitator's home screen.
    pub fn open_concerns(&self) -> Result<Vec<crate::store::Concern>> {
        Ok(self.store.open_concerns()?)
    }

    /// The facilitator has acted on a concern (C6): it leaves the home screen.
    pub fn close_concern(&mut self, id: i64) -> Result<()> {
        let concerns = self.store.open_concerns()?;
        let Some(concern) = concerns.iter().find(|c| c.id == id) else { return Ok(()) };
        let detail = if concern.code.is_empty() {
            format!("form={}", concern.form_id)
        } else {
            format!("code={}", concern.code)
        };
        self.audited("concern-close", |_| detail, |s| s.close_concern(id))?;
        Ok(())
    }

    /// Gives an answer to the engine and stores what it accepted at once.
    pub fn answer(&mut self, question: &str, answer: Answer) -> std::result::Result<(), TapError> {
        let Some(child) = self.child.as_mut() else { return Ok(()) };
        if let Err(refusal) = child.survey.answer(question, answer) {
            return Err(TapError::refused(&child.survey, refusal));
        }
        if child.typed_refusal.as_ref().is_some_and(|(q, _)| q == question) {
            child.typed_refusal = None;
        }
        save_changes(&self.store, child, false)
    }

    /// What a child typed in a text or number box, as it stands after each key. An empty box
    /// clears the answer. A refusal stands until the question gets an answer the engine takes
    /// (see [`ChildSession::typed_refusal`]).
    pub fn type_answer(&mut self, question: &str, text: &str) -> std::result::Result<(), TapError> {
        let result = self.answer(question, Answer::Value(text.to_string()));
        if let (Some(child), Err(TapError::Refused { refusal, .. })) = (self.child.as_mut(), &result) {
            child.typed_refusal = Some((question.to_string(), refusal.clone()));
        }
        result
    }

    /// A tap on a choice: one choice replaces the answer, or for select_multiple is added or,
    /// when already chosen, taken away.
    pub fn choose(&mut self, question: &str, choice: &str) -> std::result::Result<(), TapError> {
        let Some(child) = self.child.as_ref() else { return Ok(()) };
        let multiple = child.survey.current().into_iter().any(|n| n.name == question && n.kind == Kind::SelectMultiple);
        let value = if multiple {
            let current = child.survey.answer_of(question).and_then(Answer::value).unwrap_or("");
            let mut picked: Vec<&str> = current.split_whitespace().collect();
            match picked.iter().position(|p| *p == choice) {
                Some(i) => {
                    picked.remove(i);
                }
                None => picked.push(choice),
            }
            picked.join(" ")
        } else {
            choice.to_string()
        };
        self.answer(question, Answer::Value(value))
    }

    /// "I'd rather not say" and "I don't know" switch on with one tap and off with another.
    pub fn toggle_state(&mut self, question: &str, state: Answer) -> std::result::Result<(), TapError> {
        let already = self.child.as_ref().is_some_and(|c| c.survey.answer_of(question) == Some(&state));
        self.answer(question, if already { Answer::Value(String::new()) } else { state })
    }

    /// Next or back; the new screen is stored with any answer the store could not take before.
    pub fn step(&mut self, forward: bool) -> std::result::Result<(), TapError> {
        let Some(child) = self.child.as_mut() else { return Ok(()) };
        if forward {
            if let Some((_, refusal)) = child.typed_refusal.clone() {
                return Err(TapError::refused(&child.survey, refusal));
            }
            if let Err(refusal) = child.survey.next() {
                return Err(TapError::refused(&child.survey, refusal));
            }
        } else {
            // The box is shown again with what is saved when the child comes back to it.
            child.typed_refusal = None;
            child.survey.back();
        }
        save_changes(&self.store, child, true)
    }

    /// "Add another" on a repeat's last screen (`None`), or removing instance `k` (1-based).
    pub fn change_instances(&mut self, remove: Option<usize>) -> std::result::Result<(), TapError> {
        let Some(child) = self.child.as_mut() else { return Ok(()) };
        let changed = match remove {
            Some(k) => child.survey.remove_instance(k),
            None => child.survey.add_instance(),
        };
        if let Err(refusal) = changed {
            return Err(TapError::refused(&child.survey, refusal));
        }
        save_changes(&self.store, child, true)
    }

    // --- Review and finalise ---

    /// A session as the facilitator's review shows it. An unfinished one becomes the open
    /// session (to finalise, redact or hand back to the child); child mode is left.
    pub fn review(&mut self, id: i64) -> Result<ReviewData> {
        let (record, survey) = match &self.child {
            Some(c) if c.record.id == id => (c.record.clone(), c.survey.clone()),
            _ => self.store.resume(id)?,
        };
        self.store.set_setting(CHILD_SESSION, None)?;
        let concerns = self.store.concerns(id)?;
        let flagged = survey
            .questions()
            .iter()
            .filter(|slot| slot.node.kind == Kind::Text)
            .filter(|slot| match survey.answers().get(&slot.key) {
                Some(Answer::Value(v)) => !scan_free_text(v, &self.site.names).is_empty(),
                _ => false,
            })
            .map(|slot| slot.key.clone())
            .collect();
        let already_open = self.child.as_ref().is_some_and(|c| c.record.id == id);
        if record.status == Status::InProgress && !already_open {
            self.child = Some(ChildSession::new(record.clone(), survey.clone(), Phase::Questions));
        }
        Ok(ReviewData { record, survey, concerns, flagged })
    }

    /// Back to child mode from the review: a restart now reopens it.
    pub fn continue_child_mode(&mut self) -> Result<()> {
        let Some(child) = self.child.as_mut() else { return Err(ServiceError::NoSession) };
        // Child mode is drawn anew, its boxes showing what is saved.
        child.typed_refusal = None;
        Ok(self.store.set_setting(CHILD_SESSION, Some(&child.record.id.to_string()))?)
    }

    /// Closes the open session (back home).
    pub fn close_session(&mut self) {
        self.child = None;
    }

    /// The facilitator's concern flag and note (C6): stored apart, never exported.
    pub fn flag_concern(&mut self, note: &str) -> Result<()> {
        let child = self.child.as_ref().ok_or(ServiceError::NoSession)?;
        let (id, detail) = (child.record.id, format!("code={}", child.record.code));
        Ok(self.audited("concern", |_| detail, |s| s.raise_concern(id, false, note.trim()))?)
    }

    /// Redacts what the free-text scan found in one answer (C12); the audit says that, not what.
    pub fn redact(&mut self, key: &str) -> Result<()> {
        let names = self.site.names.clone();
        let child = self.child.as_mut().ok_or(ServiceError::NoSession)?;
        let Some(Answer::Value(text)) = child.survey.answer_of(key).cloned() else { return Ok(()) };
        let clean = redact(&text, &scan_free_text(&text, &names));
        if child.survey.revise(key, Answer::Value(clean)).is_err() {
            return Ok(());
        }
        let changes = child.survey.drain_changes();
        let (id, detail) = (child.record.id, format!("code={}", child.record.code));
        let written = self.audited("redact", |_| detail, |s| s.save_changes(id, &changes, None));
        if let Err(e) = written {
            self.reload_child();
            return Err(e.into());
        }
        Ok(())
    }

    /// Finalises the open session.
    pub fn finalise(&mut self) -> Result<()> {
        let child = self.child.as_ref().ok_or(ServiceError::NoSession)?;
        let (id, detail) = (child.record.id, format!("code={}", child.record.code));
        self.audited(
            "finalise",
            |_| detail,
            |s| {
                s.finalise(id)?;
                // Queued with the finalising: its bytes are fixed from now on. A form that
                // cannot be written as a submission does not stop the child's session from
                // being kept; the sender queues it later and says why it cannot.
                match crate::sync::queue_session(s, id) {
                    Ok(_) | Err(crate::sync::SyncError::Build(_) | crate::sync::SyncError::NoServer) => {}
                    Err(crate::sync::SyncError::Store(e)) => return Err(e),
                }
                s.set_setting(CHILD_SESSION, None)
            },
        )?;
        self.child = None;
        Ok(())
    }

    // --- Coordinator work on the device ---

    /// Exports the finalised sessions of a form as CSV to `path` (written whole or not at all).
    /// The export is audited (C13); on a device that cannot be written to (full, read-only) the
    /// data still comes off it, and the event that could not be written is reported, not hidden.
    /// Exports a form's finalised sessions with disclosure control (C11), and logs it with its
    /// settings (C13). On a device that takes no writes the export is still written, and the
    /// reason it could not be logged is returned.
    pub fn export(
        &mut self,
        form_id: &str,
        options: &ExportOptions,
        path: &Path,
        progress: crate::export::Progress<'_>,
    ) -> Result<ExportDone> {
        let (rows, disclosure, detail) = coordinator::run_export(&self.store, form_id, options, path, progress)?;
        self.log_export(detail, rows, disclosure)
    }

    /// Writes the form's report (HTML, charts, small counts suppressed) and logs it (C13).
    pub fn report(
        &mut self,
        form_id: &str,
        lang: Lang,
        threshold: u64,
        path: &Path,
        progress: crate::export::Progress<'_>,
    ) -> Result<ExportDone> {
        let (rows, disclosure, detail) =
            coordinator::run_report(&self.store, form_id, lang, threshold, path, progress)?;
        self.log_export(detail, rows, disclosure)
    }

    fn log_export(&mut self, detail: String, rows: usize, disclosure: crate::export::Disclosure) -> Result<ExportDone> {
        let not_logged = match self.audited("export", |_| detail, |_| Ok(())) {
            Ok(()) => None,
            Err(e) if e.is_no_room_to_write() => Some(e),
            Err(e) => return Err(e.into()),
        };
        Ok(ExportDone { rows, disclosure, not_logged })
    }

    /// Answers and finalises `count` simulated sessions (demos, tests, benchmarks).
    pub fn simulate(&mut self, form_id: &str, count: usize, seed: u64) -> Result<crate::simulate::Summary> {
        let summary = crate::simulate::run(&mut self.store, form_id, count, seed)?;
        let detail = format!("form={form_id} count={}", summary.sessions);
        self.audited("simulate", |_| detail, |_| Ok(()))?;
        Ok(summary)
    }

    /// Puts the open session back to what the store holds (after a write that failed).
    fn reload_child(&mut self) {
        if let Some(child) = self.child.as_mut() {
            if let Ok((_, survey)) = self.store.resume(child.record.id) {
                child.survey = survey;
            }
        }
    }
}

/// Writes what the engine changed (the child's answer, and what followed from it) to the store.
/// When the store refuses, the survey goes back to what the store holds: the child never sees
/// an answer as given that a restart would not show.
fn save_changes(store: &Store, child: &mut ChildSession, moved: bool) -> std::result::Result<(), TapError> {
    let changes = child.survey.drain_changes();
    let position = moved.then(|| child.survey.position());
    store.save_changes(child.record.id, &changes, position).map_err(|e| {
        // Reading needs no write: this works on a full disk too. If even that fails, the
        // window still hands the tablet back to the adult before anything else is shown.
        if let Ok((_, survey)) = store.resume(child.record.id) {
            child.survey = survey;
        }
        TapError::NotSaved(e)
    })
}

#[cfg(test)]
mod tests;
