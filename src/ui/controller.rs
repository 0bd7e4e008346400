//! The app controller: owns the store and the session in progress, answers the UI's callbacks.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use slint::{ComponentHandle, ModelRc, SharedString, VecModel, Weak};

use crate::engine::{Answer, Survey};
use crate::form::{session_languages, AgeBand, Kind};
use crate::i18n::{tr, tr_args};
use crate::lang::Lang;
use crate::privacy::{redact, scan_free_text, SiteSettings};
use crate::store::{ParticipantCode, SessionRecord, Status, Store, StoreError};

mod site_rules;

use super::{
    child_view, AppWindow, Audit, AuditRow, Child, FormItem, Home, ImportItem, LangItem, Lock, LockMode, Nav, Page,
    Review, ReviewRow, SessionItem, Start, Tr,
};

/// The interface language lives in a plain file beside the database: it must be known before
/// the database is unlocked, and it says nothing about any child.
const UI_LANG_FILE: &str = "interface-language";
/// Failed unlock attempts, kept across restarts so that killing the app does not reset the delay.
const FAILURES_FILE: &str = "unlock-failures";
/// The session open in child mode, so that a restart after a crash goes straight back to it.
const CHILD_SESSION: &str = "child_session";

/// Where a child is in child mode, before and around the questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Assent,
    Limits,
    Questions,
    Declined,
}

impl Phase {
    pub fn code(self) -> &'static str {
        match self {
            Phase::Assent => "assent",
            Phase::Limits => "limits",
            Phase::Questions => "questions",
            Phase::Declined => "declined",
        }
    }
}

struct Active {
    record: SessionRecord,
    survey: Survey,
    /// Answers the store could not take (a full disk, a locked file): written with the next
    /// ones, so the child's answer is not lost while the engine already shows it.
    unsaved: Vec<(String, Option<Answer>)>,
}

impl Active {
    fn new(record: SessionRecord, survey: Survey) -> Active {
        Active { record, survey, unsaved: Vec::new() }
    }
}

struct State {
    data_dir: PathBuf,
    /// None while locked.
    store: Option<Store>,
    site: SiteSettings,
    ui_lang: Lang,
    /// The form chosen on the start screen.
    start_form: Option<String>,
    active: Option<Active>,
    phase: Phase,
    failures: u32,
    retry_at: Option<Instant>,
    last_activity: Instant,
    idle_timer: Option<slint::Timer>,
    /// The speaker, for read-aloud recordings.
    player: super::audio::Player,
    /// Site rules typed on the site rules page, not saved yet.
    site_edits: std::collections::BTreeMap<String, String>,
}

struct Handle {
    window: Weak<AppWindow>,
    state: Rc<RefCell<State>>,
}

impl Handle {
    fn with(&self, body: impl FnOnce(&App)) {
        if let Some(window) = self.window.upgrade() {
            self.state.borrow_mut().last_activity = Instant::now();
            body(&App { window, state: self.state.clone() });
        }
    }
}

/// The running app: a window wired to the core.
pub struct App {
    window: AppWindow,
    state: Rc<RefCell<State>>,
}

impl App {
    /// Opens the window on `data_dir`, locked: the facilitator sets a passphrase (first start)
    /// or unlocks before anything else shows.
    pub fn new(data_dir: &Path) -> Result<App> {
        let window = AppWindow::new()?;
        let ui_lang = std::fs::read_to_string(data_dir.join(UI_LANG_FILE))
            .ok()
            .and_then(|c| Lang::from_code(&c))
            .unwrap_or(Lang::En);
        let failures =
            std::fs::read_to_string(data_dir.join(FAILURES_FILE)).ok().and_then(|n| n.trim().parse().ok()).unwrap_or(0);
        let state = Rc::new(RefCell::new(State {
            data_dir: data_dir.to_path_buf(),
            store: None,
            site: SiteSettings::default(),
            ui_lang,
            start_form: None,
            active: None,
            phase: Phase::Questions,
            failures,
            retry_at: None,
            last_activity: Instant::now(),
            idle_timer: None,
            site_edits: Default::default(),
            player: Default::default(),
        }));
        let app = App { window, state };
        app.wire();
        app.set_ui_lang(ui_lang);
        app.show_lock(if Store::exists_in(data_dir) { LockMode::Unlock } else { LockMode::Create });
        app.start_idle_timer();
        Ok(app)
    }

    pub fn window(&self) -> &AppWindow {
        &self.window
    }

    /// The session in progress, if any (tests and the kill test read it).
    pub fn active_session(&self) -> Option<(SessionRecord, usize)> {
        self.state.borrow().active.as_ref().map(|a| (a.record.clone(), a.survey.position()))
    }

    /// Where the child is in child mode.
    pub fn phase(&self) -> Phase {
        self.state.borrow().phase
    }

    fn wire(&self) {
        wire_tr(&self.window);

        let lock = self.window.global::<Lock>();
        let h = self.handle();
        lock.on_submit(move |pass, confirm| h.with(|app| app.submit_lock(&pass, &confirm)));
        let h = self.handle();
        lock.on_cancel(move || h.with(|app| app.go(Page::Child)));

        let home = self.window.global::<Home>();
        let h = self.handle();
        home.on_set_interface_lang(move |code| {
            h.with(|app| {
                if let Some(lang) = Lang::from_code(&code) {
                    app.set_ui_lang(lang);
                    let dir = app.state.borrow().data_dir.clone();
                    let _ = std::fs::write(dir.join(UI_LANG_FILE), lang.code());
                    app.refresh_home();
                }
            })
        });
        let h = self.handle();
        home.on_start(move |form_id| h.with(|app| app.open_start(&form_id)));
        let h = self.handle();
        home.on_resume(move |id| h.with(|app| app.open_session(id as i64)));
        let h = self.handle();
        home.on_review(move |id| h.with(|app| app.open_review(id as i64)));
        let h = self.handle();
        home.on_about(move || h.with(|app| app.go(Page::About)));
        let h = self.handle();
        home.on_lock(move || h.with(|app| app.lock()));
        let h = self.handle();
        home.on_withdraw(move |code| h.with(|app| app.withdraw_code(&code)));
        let h = self.handle();
        home.on_audit(move || h.with(|app| app.open_audit()));
        let h = self.handle();
        home.on_import_form(move |path| h.with(|app| app.import_form(Path::new(path.as_str()))));

        let start = self.window.global::<Start>();
        let h = self.handle();
        start.on_begin(move || h.with(|app| app.begin_session()));
        let h = self.handle();
        start.on_cancel(move || h.with(|app| app.go(Page::Home)));

        let child = self.window.global::<Child>();
        let h = self.handle();
        child.on_choose(move |q, choice| h.with(|app| app.choose(&q, &choice)));
        let h = self.handle();
        child.on_rather_not_say(move |q| h.with(|app| app.toggle_state(&q, Answer::RatherNotSay)));
        let h = self.handle();
        child.on_dont_know(move |q| h.with(|app| app.toggle_state(&q, Answer::DontKnow)));
        let h = self.handle();
        child.on_set_text(move |q, text| h.with(|app| app.answer(&q, Answer::Value(text.to_string()))));
        let h = self.handle();
        child.on_set_number(move |q, n| h.with(|app| app.answer(&q, Answer::Value(n.to_string()))));
        let h = self.handle();
        child.on_next(move || h.with(|app| app.step(true)));
        let h = self.handle();
        child.on_back(move || h.with(|app| app.step(false)));
        let h = self.handle();
        child.on_talk(move || h.with(|app| app.child_asks_to_talk()));
        let h = self.handle();
        child.on_facilitator(move || h.with(|app| app.show_lock(LockMode::Facilitator)));
        let h = self.handle();
        child.on_assent(move |yes| h.with(|app| app.assent(yes)));
        let h = self.handle();
        child.on_listen(move |q, choice| h.with(|app| app.listen(&q, &choice)));
        let h = self.handle();
        child.on_add_instance(move || h.with(|app| app.change_instances(None)));
        let h = self.handle();
        child.on_remove_instance(move |k| h.with(|app| app.change_instances(usize::try_from(k).ok())));
        let h = self.handle();
        child.on_limits_understood(move || {
            h.with(|app| {
                app.state.borrow_mut().phase = Phase::Questions;
                app.show_child("");
            })
        });

        let audit = self.window.global::<Audit>();
        let h = self.handle();
        audit.on_back(move || h.with(|app| app.go(Page::Home)));
        let h = self.handle();
        audit.on_site_rules(move || h.with(|app| app.open_site_rules()));
        self.wire_site_rules();
        let h = self.handle();
        audit.on_change_passphrase(move |current, new, again| {
            h.with(|app| app.change_passphrase(&current, &new, &again))
        });

        let review = self.window.global::<Review>();
        let h = self.handle();
        review.on_finalise(move || h.with(|app| app.finalise()));
        let h = self.handle();
        review.on_continue_child(move || h.with(|app| app.enter_child_mode()));
        let h = self.handle();
        review.on_home(move || {
            h.with(|app| {
                app.state.borrow_mut().active = None;
                app.refresh_home();
                app.go(Page::Home);
            })
        });
        let h = self.handle();
        review.on_flag_concern(move |note| h.with(|app| app.flag_concern(&note)));
        let h = self.handle();
        review.on_redact(move |q| h.with(|app| app.redact_answer(&q)));
        let h = self.handle();
        review.on_withdraw(move || {
            h.with(|app| {
                let code = app.state.borrow().active.as_ref().map(|a| a.record.code.clone());
                if let Some(code) = code {
                    app.withdraw_code(&code);
                }
            })
        });

        // Closing the window in child mode asks for the facilitator instead (C9 kiosk).
        let h = self.handle();
        self.window.window().on_close_requested(move || {
            let mut keep = false;
            h.with(|app| {
                let page = app.window.global::<Nav>().get_page();
                let facilitator_check =
                    page == Page::Lock && app.window.global::<Lock>().get_mode() == LockMode::Facilitator;
                if page == Page::Child || facilitator_check {
                    app.show_lock(LockMode::Facilitator);
                    keep = true;
                }
            });
            if keep {
                slint::CloseRequestResponse::KeepWindowShown
            } else {
                slint::CloseRequestResponse::HideWindow
            }
        });
    }

    /// A handle for callbacks: reaches the app without keeping the window alive.
    fn handle(&self) -> Handle {
        Handle { window: self.window.as_weak(), state: self.state.clone() }
    }

    fn go(&self, page: Page) {
        self.window.global::<Nav>().set_page(page);
    }

    fn ui_lang(&self) -> Lang {
        self.state.borrow().ui_lang
    }

    fn set_ui_lang(&self, lang: Lang) {
        self.state.borrow_mut().ui_lang = lang;
        let t = self.window.global::<Tr>();
        t.set_lang(lang.code().into());
        t.set_rtl(lang.is_rtl());
        let mut langs: Vec<LangItem> =
            Lang::ALL.iter().map(|l| LangItem { code: l.code().into(), name: l.native_name().into() }).collect();
        if lang.is_rtl() {
            langs.reverse(); // the row reads from the right
        }
        self.window.global::<Home>().set_languages(ModelRc::new(VecModel::from(langs)));
    }

    fn show_error(&self, e: impl std::fmt::Display) {
        self.show_error_text(tr_args(self.ui_lang(), "error-open", &[("detail", e.to_string().into())]));
    }

    fn show_error_text(&self, message: String) {
        self.window.global::<Home>().set_error(message.into());
    }

    /// Runs `f` with the open store; when locked, does nothing and returns None.
    fn with_store<T>(&self, f: impl FnOnce(&Store) -> T) -> Option<T> {
        self.state.borrow().store.as_ref().map(f)
    }

    // --- The lock (C7, C9) ---

    fn show_lock(&self, mode: LockMode) {
        let lock = self.window.global::<Lock>();
        lock.set_mode(mode);
        lock.set_error(SharedString::new());
        lock.set_attempt(lock.get_attempt() + 1);
        self.go(Page::Lock);
    }

    fn lock_error(&self, message: String) {
        let lock = self.window.global::<Lock>();
        lock.set_error(message.into());
        lock.set_attempt(lock.get_attempt() + 1);
    }

    /// The delay before the next attempt: none for the first three failures, then doubling
    /// from 2 seconds up to 5 minutes.
    fn failure_delay(failures: u32) -> Duration {
        if failures < 3 {
            Duration::ZERO
        } else {
            Duration::from_secs((2u64 << (failures - 3).min(8)).min(300))
        }
    }

    fn record_failure(&self) {
        let (dir, failures) = {
            let mut st = self.state.borrow_mut();
            st.failures += 1;
            st.retry_at = Some(Instant::now() + App::failure_delay(st.failures));
            (st.data_dir.clone(), st.failures)
        };
        let _ = std::fs::write(dir.join(FAILURES_FILE), failures.to_string());
        let lang = self.ui_lang();
        let wait = App::failure_delay(failures).as_secs();
        let msg = if wait > 0 {
            format!("{} {}", tr(lang, "lock-wrong"), tr_args(lang, "lock-wait", &[("seconds", (wait as i64).into())]))
        } else {
            tr(lang, "lock-wrong")
        };
        self.lock_error(msg);
    }

    fn clear_failures(&self) {
        let dir = {
            let mut st = self.state.borrow_mut();
            st.failures = 0;
            st.retry_at = None;
            st.data_dir.clone()
        };
        let _ = std::fs::remove_file(dir.join(FAILURES_FILE));
    }

    fn submit_lock(&self, pass: &str, confirm: &str) {
        let lang = self.ui_lang();
        let mode = self.window.global::<Lock>().get_mode();
        if let Some(at) = self.state.borrow().retry_at {
            let now = Instant::now();
            if at > now {
                let secs = (at - now).as_secs().max(1) as i64;
                return self.lock_error(tr_args(lang, "lock-wait", &[("seconds", secs.into())]));
            }
        }
        let dir = self.state.borrow().data_dir.clone();
        match mode {
            LockMode::Create => {
                if let Some(rule) = crate::store::passphrase_rule_broken(pass) {
                    return self.lock_error(tr(lang, rule));
                }
                if pass != confirm {
                    return self.lock_error(tr(lang, "lock-mismatch"));
                }
                match Store::create(&dir, pass, crate::store::KdfParams::new_default()) {
                    Ok(store) => {
                        let _ = store.audit("create", "passphrase set");
                        self.unlocked(store);
                    }
                    Err(e) => self.lock_error(tr_args(lang, "error-open", &[("detail", e.to_string().into())])),
                }
            }
            LockMode::Unlock => match Store::unlock(&dir, pass) {
                Ok(store) => {
                    self.clear_failures();
                    let _ = store.audit("unlock", "");
                    self.unlocked(store);
                }
                Err(StoreError::WrongPassphrase) => self.record_failure(),
                Err(e) => self.lock_error(tr_args(lang, "error-open", &[("detail", e.to_string().into())])),
            },
            // The facilitator proves the passphrase by opening the database a second time.
            LockMode::Facilitator => match Store::unlock(&dir, pass) {
                Ok(_) => {
                    self.clear_failures();
                    self.with_store(|s| s.audit("facilitator-check", ""));
                    let declined = self.state.borrow().phase == Phase::Declined;
                    let id = self.state.borrow().active.as_ref().map(|a| a.record.id);
                    match (declined, id) {
                        (false, Some(id)) => self.open_review(id),
                        _ => {
                            self.state.borrow_mut().phase = Phase::Questions;
                            self.refresh_home();
                            self.go(Page::Home);
                        }
                    }
                }
                Err(StoreError::WrongPassphrase) => self.record_failure(),
                Err(e) => self.lock_error(tr_args(lang, "error-open", &[("detail", e.to_string().into())])),
            },
        }
    }

    fn unlocked(&self, store: Store) {
        let site = SiteSettings::load(&store).unwrap_or_default();
        {
            let mut st = self.state.borrow_mut();
            st.store = Some(store);
            st.site = site;
        }
        self.refresh_home();
        self.go(Page::Home);
        self.resume_child_mode_after_restart();
    }

    /// Closes the database and shows the unlock screen. A session open in child mode is
    /// reopened at the same question after the next unlock.
    fn lock(&self) {
        self.with_store(|s| s.audit("lock", ""));
        {
            let mut st = self.state.borrow_mut();
            // A last try for answers the store could not take: once locked they cannot be kept
            // (nothing of a child's may be written outside the encrypted database, C7).
            if let (Some(store), Some(active)) = (st.store.as_ref(), st.active.as_ref()) {
                let _ = store.save_changes(active.record.id, &active.unsaved, None);
            }
            st.store = None;
            st.active = None;
        }
        self.show_lock(LockMode::Unlock);
    }

    /// Locks after the site's idle time (C9).
    fn start_idle_timer(&self) {
        let timer = slint::Timer::default();
        let h = self.handle();
        timer.start(slint::TimerMode::Repeated, Duration::from_secs(5), move || {
            if let Some(window) = h.window.upgrade() {
                let app = App { window, state: h.state.clone() };
                let idle = {
                    let st = app.state.borrow();
                    st.store.is_some()
                        && st.last_activity.elapsed() >= Duration::from_secs(st.site.idle_lock_minutes as u64 * 60)
                };
                if idle {
                    app.lock();
                }
            }
        });
        self.state.borrow_mut().idle_timer = Some(timer);
    }

    // --- Home ---

    fn refresh_home(&self) {
        let lang = self.ui_lang();
        let state = self.state.borrow();
        let Some(store) = state.store.as_ref() else { return };
        let forms = match store.forms() {
            Ok(f) => f,
            Err(e) => {
                drop(state);
                return self.show_error(e);
            }
        };
        // Each form is read once here, not once per listed session.
        let titles: std::collections::HashMap<&str, String> = forms
            .iter()
            .map(|f| {
                let title = store.form(&f.id).map(|form| form.title.get(lang, form.default_language).to_string());
                (f.id.as_str(), title.unwrap_or_else(|_| f.title.clone()))
            })
            .collect();
        let title_of =
            |form_id: &str| -> String { titles.get(form_id).cloned().unwrap_or_else(|| form_id.to_string()) };
        let items: Vec<FormItem> = forms
            .iter()
            .map(|f| FormItem {
                id: f.id.as_str().into(),
                title: title_of(&f.id).into(),
                version: f.version.as_str().into(),
                builtin: f.builtin,
            })
            .collect();
        let mark = if lang.is_rtl() { '\u{200f}' } else { '\u{200e}' };
        let session_item = |s: &SessionRecord| SessionItem {
            id: s.id as i32,
            code: s.code.as_str().into(),
            form_title: title_of(&s.form_id).into(),
            // Marks on both sides of the language name keep the line in the interface's direction:
            // a name in another script would otherwise pull the numbers after it into its own.
            details: format!(
                "{mark}{}{mark} · {} · {} · {}",
                s.lang.native_name(),
                tr(lang, &format!("age-band-{}", s.age_band.code())),
                tr_args(lang, "session-answered", &[("count", s.answered.into())]),
                s.created_on()
            )
            .into(),
        };
        let unfinished: Vec<SessionItem> =
            store.sessions(Some(Status::InProgress)).unwrap_or_default().iter().map(session_item).collect();
        let finalised: Vec<SessionItem> =
            store.sessions(Some(Status::Finalised)).unwrap_or_default().iter().take(50).map(session_item).collect();
        let home = self.window.global::<Home>();
        home.set_forms(ModelRc::new(VecModel::from(items)));
        home.set_unfinished(ModelRc::new(VecModel::from(unfinished)));
        home.set_finalised(ModelRc::new(VecModel::from(finalised)));
        home.set_error(SharedString::new());
        drop(state);
        self.refresh_importable();
    }

    /// The import folders: `import/` in the data folder, and the user's downloads.
    fn import_folders(&self) -> Vec<PathBuf> {
        let mut folders = vec![self.state.borrow().data_dir.join("import")];
        if let Some(downloads) = directories::UserDirs::new().and_then(|d| d.download_dir().map(Path::to_path_buf)) {
            folders.push(downloads);
        }
        folders
    }

    /// Lists the XLSForm files (.xlsx, .zip) waiting in the import folders.
    fn refresh_importable(&self) {
        let folders = self.import_folders();
        let _ = std::fs::create_dir_all(&folders[0]);
        let mut items = Vec::new();
        for folder in &folders {
            let Ok(entries) = std::fs::read_dir(folder) else { continue };
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
                    p.is_file() && (ext == "xlsx" || ext == "zip")
                })
                .collect();
            files.sort();
            items.extend(files.into_iter().map(|p| ImportItem {
                name: p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default().into(),
                folder: folder.display().to_string().into(),
                path: p.display().to_string().into(),
            }));
        }
        let home = self.window.global::<Home>();
        home.set_import_folder(folders[0].display().to_string().into());
        home.set_importable(ModelRc::new(VecModel::from(items)));
    }

    /// Imports an XLSForm found in an import folder; a form with errors is refused, whole.
    fn import_form(&self, path: &Path) {
        let lang = self.ui_lang();
        let home = self.window.global::<Home>();
        home.set_notice(SharedString::new());
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let checked = crate::xlsform::import(path).and_then(|imported| Ok((imported, crate::xlsform::check(path)?)));
        let (imported, problems) = match checked {
            Ok(v) => v,
            Err(e) => return self.show_error_text(e.message_in(lang)),
        };
        let errors: Vec<_> = problems.iter().filter(|p| p.is_error()).collect();
        if let Some(first) = errors.first() {
            let msg = tr_args(
                lang,
                "import-refused",
                &[("file", file.into()), ("errors", errors.len().into()), ("first", first.to_string_in(lang).into())],
            );
            self.refresh_home();
            return self.show_error_text(msg);
        }
        match self.with_store(|s| s.install_form(&imported.form, &imported.media)) {
            Some(Ok(())) => {
                self.refresh_home();
                let warnings = problems.len();
                let msg = tr_args(
                    lang,
                    "import-done",
                    &[("form", imported.form.id.clone().into()), ("warnings", warnings.into())],
                );
                home.set_notice(msg.into());
            }
            Some(Err(e)) => self.show_error(e),
            None => {}
        }
    }

    /// Withdrawal by participant code (C5), from home or from the review.
    fn withdraw_code(&self, typed: &str) {
        let lang = self.ui_lang();
        let home = self.window.global::<Home>();
        let Some(code) = ParticipantCode::parse(typed) else {
            home.set_notice(SharedString::new());
            return self.show_error(tr_args(lang, "withdraw-unknown", &[("code", typed.trim().into())]));
        };
        match self.with_store(|s| s.withdraw(&code)) {
            Some(Ok(true)) => {
                let was_active = self.state.borrow().active.as_ref().is_some_and(|a| a.record.code == code.as_str());
                if was_active {
                    self.state.borrow_mut().active = None;
                    self.with_store(|s| s.set_setting(CHILD_SESSION, None));
                }
                self.refresh_home();
                home.set_withdraw_code(SharedString::new());
                home.set_notice(tr_args(lang, "withdraw-done", &[("code", code.as_str().into())]).into());
                self.go(Page::Home);
            }
            Some(Ok(false)) => {
                home.set_notice(SharedString::new());
                self.show_error(tr_args(lang, "withdraw-unknown", &[("code", code.as_str().into())]));
            }
            Some(Err(e)) => self.show_error(e),
            None => {}
        }
    }

    // --- Audit log and passphrase (C9, C13) ---

    fn open_audit(&self) {
        let lang = self.ui_lang();
        let events = match self.with_store(|s| s.audit_log()) {
            Some(Ok(e)) => e,
            Some(Err(e)) => return self.show_error(e),
            None => return,
        };
        // Newest first: what a facilitator looks for.
        let rows: Vec<AuditRow> = events
            .iter()
            .rev()
            .map(|e| AuditRow {
                time: e.at.format("%Y-%m-%d %H:%M UTC").to_string().into(),
                action: tr(lang, &format!("audit-action-{}", e.action)).into(),
                detail: e.detail.as_str().into(),
            })
            .collect();
        let audit = self.window.global::<Audit>();
        audit.set_rows(ModelRc::new(VecModel::from(rows)));
        audit.set_error(SharedString::new());
        audit.set_notice(SharedString::new());
        self.go(Page::Audit);
    }

    /// Re-keys the database after checking the current passphrase (opening the file with it).
    fn change_passphrase(&self, current: &str, new: &str, again: &str) {
        let lang = self.ui_lang();
        let audit = self.window.global::<Audit>();
        audit.set_attempt(audit.get_attempt() + 1);
        audit.set_notice(SharedString::new());
        let dir = self.state.borrow().data_dir.clone();
        let message = if let Some(rule) = crate::store::passphrase_rule_broken(new) {
            Err(tr(lang, rule))
        } else if new != again {
            Err(tr(lang, "lock-mismatch"))
        } else {
            match Store::unlock(&dir, current) {
                Err(StoreError::WrongPassphrase) => Err(tr(lang, "lock-wrong")),
                Err(e) => Err(tr_args(lang, "error-open", &[("detail", e.to_string().into())])),
                Ok(check) => {
                    drop(check);
                    match self.with_store(|s| s.change_passphrase(&dir, new)) {
                        Some(Ok(())) => Ok(tr(lang, "pass-change-done")),
                        Some(Err(e)) => Err(tr_args(lang, "error-open", &[("detail", e.to_string().into())])),
                        None => return,
                    }
                }
            }
        };
        match message {
            Ok(done) => {
                audit.set_error(SharedString::new());
                self.open_audit();
                self.window.global::<Audit>().set_notice(done.into());
            }
            Err(e) => audit.set_error(e.into()),
        }
    }

    // --- Starting and resuming ---

    fn open_start(&self, form_id: &str) {
        let lang = self.ui_lang();
        let form = match self.with_store(|s| s.form(form_id)) {
            Some(Ok(f)) => f,
            Some(Err(e)) => return self.show_error(e),
            None => return,
        };
        let langs = session_languages(&form);
        let start = self.window.global::<Start>();
        start.set_form_title(form.title.get(lang, form.default_language).into());
        let mut items: Vec<LangItem> =
            langs.iter().map(|l| LangItem { code: l.code().into(), name: l.native_name().into() }).collect();
        if lang.is_rtl() {
            items.reverse(); // the row reads from the right
        }
        start.set_languages(ModelRc::new(VecModel::from(items)));
        let session_lang = if langs.contains(&lang) { lang } else { form.default_language };
        start.set_lang(session_lang.code().into());
        start.set_age_band(AgeBand::Age8To12.code().into());
        start.set_consent(false);
        start.set_error(SharedString::new());
        start.set_consent_age(self.state.borrow().site.consent_age as i32);
        self.state.borrow_mut().start_form = Some(form_id.to_string());
        self.go(Page::Start);
    }

    fn begin_session(&self) {
        let start = self.window.global::<Start>();
        let lang = Lang::from_code(&start.get_lang()).unwrap_or(Lang::En);
        let band = AgeBand::from_code(&start.get_age_band()).unwrap_or(AgeBand::Age8To12);
        let site = self.state.borrow().site.clone();
        let consent_needed = site.consent_required(band);
        if consent_needed && !start.get_consent() {
            let msg = tr_args(self.ui_lang(), "start-consent-needed", &[("age", (site.consent_age as i64).into())]);
            start.set_error(msg.into());
            return;
        }
        let result = (|| -> Result<Active> {
            let state = self.state.borrow();
            let store = state.store.as_ref().ok_or_else(|| anyhow::anyhow!("locked"))?;
            let form_id = state.start_form.clone().ok_or_else(|| anyhow::anyhow!("no form chosen"))?;
            let form = Arc::new(store.form(&form_id)?);
            let record = store.start_session(&form, lang, band, &mut rand::rng())?;
            if consent_needed {
                store.record_consent(record.id, true, &site.jurisdiction)?;
            }
            store.audit("start", &format!("session {} ({})", record.code, form.id))?;
            let mut survey = Survey::new(form, lang, band);
            // Defaults, calculations and repeat counts the new survey starts with.
            store.save_changes(record.id, &survey.drain_changes(), None)?;
            Ok(Active::new(record, survey))
        })();
        match result {
            Ok(active) => {
                let mut st = self.state.borrow_mut();
                st.active = Some(active);
                st.phase = Phase::Assent;
                drop(st);
                self.enter_child_mode();
            }
            Err(e) => {
                self.go(Page::Home);
                self.show_error(e);
            }
        }
    }

    fn open_session(&self, id: i64) {
        let resumed = self.with_store(|s| s.resume(id).and_then(|r| Ok((r, s.assent(id)?))));
        match resumed {
            Some(Ok(((record, survey), assent))) => {
                self.with_store(|s| s.audit("resume", &format!("session {}", record.code)));
                let mut st = self.state.borrow_mut();
                st.phase = if assent == Some(true) { Phase::Questions } else { Phase::Assent };
                st.active = Some(Active::new(record, survey));
                drop(st);
                self.enter_child_mode();
            }
            Some(Err(e)) => self.show_error(e),
            None => {}
        }
    }

    /// After a crash, a flat battery or a lock in child mode, go straight back to the same question.
    fn resume_child_mode_after_restart(&self) {
        let id =
            self.with_store(|s| s.setting(CHILD_SESSION).ok().flatten()).flatten().and_then(|v| v.parse::<i64>().ok());
        let Some(id) = id else { return };
        let open = self.with_store(|s| s.session(id).map(|s| s.status == Status::InProgress).unwrap_or(false));
        if open == Some(true) {
            self.open_session(id);
        } else {
            self.with_store(|s| s.set_setting(CHILD_SESSION, None));
        }
    }

    fn enter_child_mode(&self) {
        let (id, form_id, version) = match &self.state.borrow().active {
            Some(a) => (a.record.id, a.record.form_id.clone(), a.record.form_version.clone()),
            None => return,
        };
        if let Some(Ok(media)) = self.with_store(|s| s.media(&form_id, &version)) {
            super::images::register_form_media(&form_id, &media);
        }
        self.with_store(|s| s.set_setting(CHILD_SESSION, Some(&id.to_string())));
        self.window.global::<Child>().set_talk_open(false);
        self.show_child("");
        self.go(Page::Child);
    }

    fn show_child(&self, error: &str) {
        let st = self.state.borrow();
        if let Some(active) = &st.active {
            child_view::show(&self.window, &active.survey, st.phase, error);
            let help = st.site.help.get(&active.survey.lang()).cloned().unwrap_or_default();
            self.window.global::<Child>().set_help_contacts(help.into());
        } else if st.phase == Phase::Declined {
            self.window.global::<Child>().set_phase(Phase::Declined.code().into());
        }
    }

    // --- Child mode ---

    /// The child's assent (C2): "no" ends the session and keeps none of it.
    fn assent(&self, yes: bool) {
        let Some(id) = self.state.borrow().active.as_ref().map(|a| a.record.id) else { return };
        let count = self.state.borrow().site.count_refusals;
        match self.with_store(|s| s.record_assent(id, yes, count)) {
            Some(Ok(())) if yes => {
                self.state.borrow_mut().phase = Phase::Limits;
                self.show_child("");
            }
            Some(Ok(())) => {
                self.with_store(|s| s.set_setting(CHILD_SESSION, None));
                let mut st = self.state.borrow_mut();
                st.active = None;
                st.phase = Phase::Declined;
                drop(st);
                self.show_child("");
            }
            Some(Err(e)) => {
                let lang = self.state.borrow().active.as_ref().map(|a| a.survey.lang()).unwrap_or(Lang::En);
                self.show_child(&tr_args(lang, "error-save", &[("detail", e.to_string().into())]));
            }
            None => {}
        }
    }

    /// "I want to talk to someone" (C6): a calm screen for the child, a flag for the facilitator.
    fn child_asks_to_talk(&self) {
        if let Some(id) = self.state.borrow().active.as_ref().map(|a| a.record.id) {
            let already =
                self.with_store(|s| s.concerns(id).map(|c| c.iter().any(|(child, _)| *child)).unwrap_or(false));
            if already == Some(false) {
                self.with_store(|s| s.raise_concern(id, true, ""));
            }
        }
        self.window.global::<Child>().set_talk_open(true);
    }

    /// Gives an answer to the engine, and stores what it accepted at once.
    fn answer(&self, question: &str, answer: Answer) {
        let mut state = self.state.borrow_mut();
        let State { store, active, .. } = &mut *state;
        let (Some(store), Some(active)) = (store.as_ref(), active.as_mut()) else { return };
        let lang = active.survey.lang();
        let message = match active.survey.answer(question, answer) {
            Ok(_) => save_changes(store, active, false),
            Err(refusal) => active.survey.form_message(&refusal).unwrap_or_else(|| refusal_message(lang, &refusal)),
        };
        drop(state);
        self.show_child(&message);
    }

    /// Plays a recording in the session language (read-aloud): the question's, or when `choice`
    /// is not empty, that choice's.
    fn listen(&self, question: &str, choice: &str) {
        use super::audio::AudioError;
        let mut state = self.state.borrow_mut();
        let State { store, active, player, .. } = &mut *state;
        let (Some(store), Some(active)) = (store.as_ref(), active.as_ref()) else { return };
        let lang = active.survey.lang();
        let form = active.survey.form();
        let Some(node) = active.survey.current().into_iter().find(|n| n.name == question) else { return };
        let audio = match choice {
            "" => Some(&node.audio),
            c => active.survey.choices(node).into_iter().find(|ch| ch.name == c).map(|ch| &ch.audio),
        };
        let Some(file) = audio.and_then(|a| a.0.get(&lang)) else { return };
        let played = match store.media_file(&form.id, &form.version, file) {
            Ok(Some(bytes)) => player.play(bytes),
            Ok(None) | Err(_) => Err(AudioError::Unreadable),
        };
        let message = match played {
            Ok(()) => String::new(),
            Err(AudioError::NoSound) => tr(lang, "child-no-sound"),
            Err(AudioError::Unreadable) => tr(lang, "child-audio-unreadable"),
        };
        drop(state);
        self.show_child(&message);
    }

    /// "Add another" on a repeat's last screen, or removing instance `k` (1-based) there: the
    /// engine renumbers, the store gets every changed answer and the new position.
    fn change_instances(&self, remove: Option<usize>) {
        let mut state = self.state.borrow_mut();
        let State { store, active, .. } = &mut *state;
        let (Some(store), Some(active)) = (store.as_ref(), active.as_mut()) else { return };
        let lang = active.survey.lang();
        let changed = match remove {
            Some(k) => active.survey.remove_instance(k),
            None => active.survey.add_instance(),
        };
        let message = match changed {
            Ok(()) => save_changes(store, active, true),
            Err(refusal) => refusal_message(lang, &refusal),
        };
        drop(state);
        self.show_child(&message);
    }

    fn choose(&self, question: &str, choice: &str) {
        let (multiple, current) = {
            let state = self.state.borrow();
            let Some(active) = &state.active else { return };
            let node = active.survey.current().into_iter().find(|n| n.name == question).cloned();
            let multiple = node.is_some_and(|n| n.kind == Kind::SelectMultiple);
            (multiple, active.survey.answer_of(question).and_then(Answer::value).map(str::to_string))
        };
        let value = if multiple {
            // A tap on a chosen card unchooses it; the others stay.
            let mut picked: Vec<String> = current.unwrap_or_default().split_whitespace().map(String::from).collect();
            if let Some(i) = picked.iter().position(|p| p == choice) {
                picked.remove(i);
            } else {
                picked.push(choice.to_string());
            }
            picked.join(" ")
        } else {
            choice.to_string()
        };
        self.answer(question, Answer::Value(value));
    }

    /// "I'd rather not say" and "I don't know" switch on with one tap and off with another.
    fn toggle_state(&self, question: &str, state_answer: Answer) {
        let already =
            self.state.borrow().active.as_ref().is_some_and(|a| a.survey.answer_of(question) == Some(&state_answer));
        if already {
            self.answer(question, Answer::Value(String::new()));
        } else {
            self.answer(question, state_answer);
        }
    }

    fn step(&self, forward: bool) {
        self.state.borrow_mut().player.stop();
        let mut state = self.state.borrow_mut();
        let State { store, active, .. } = &mut *state;
        let (Some(store), Some(active)) = (store.as_ref(), active.as_mut()) else { return };
        let lang = active.survey.lang();
        let moved = if forward {
            let survey = &mut active.survey;
            survey.next().map_err(|r| survey.form_message(&r).unwrap_or_else(|| refusal_message(lang, &r)))
        } else {
            active.survey.back();
            Ok(())
        };
        let message = match moved {
            // The new screen, with any answer the store could not take before.
            Ok(()) => save_changes(store, active, true),
            Err(m) => m,
        };
        drop(state);
        self.show_child(&message);
    }

    // --- Review and finalise ---

    fn open_review(&self, id: i64) {
        let lang = self.ui_lang();
        let loaded = {
            let state = self.state.borrow();
            let Some(store) = state.store.as_ref() else { return };
            match &state.active {
                Some(a) if a.record.id == id => Ok((a.record.clone(), a.survey.clone())),
                _ => store.resume(id),
            }
        };
        let (record, survey) = match loaded {
            Ok(v) => v,
            Err(e) => return self.show_error(e),
        };
        self.with_store(|s| s.set_setting(CHILD_SESSION, None));
        let names_list = self.state.borrow().site.names.clone();
        let concerns = self.with_store(|s| s.concerns(id)).and_then(|r| r.ok()).unwrap_or_default();
        let form = survey.form().clone();
        let questions = survey.questions();
        let mut any_flagged = false;
        let rows: Vec<ReviewRow> = questions
            .iter()
            .map(|slot| {
                let n = slot.node;
                let mut flagged = false;
                let answer = match survey.answers().get(&slot.key) {
                    None => tr(lang, "review-not-answered"),
                    Some(Answer::RatherNotSay) => tr(lang, "review-rather-not-say"),
                    Some(Answer::DontKnow) => tr(lang, "review-dont-know"),
                    Some(Answer::Value(v)) => {
                        if n.kind == Kind::Text && !scan_free_text(v, &names_list).is_empty() {
                            flagged = true;
                            any_flagged = true;
                        }
                        form.shown_answer(n, v, lang)
                    }
                };
                let label = n.label.get(lang, form.default_language);
                let question = match slot.instance {
                    Some(k) => tr_args(lang, "review-instance", &[("question", label.into()), ("number", k.into())]),
                    None => label.to_string(),
                };
                ReviewRow { name: slot.key.as_str().into(), question: question.into(), answer: answer.into(), flagged }
            })
            .collect();
        let answered = questions.iter().filter(|slot| survey.answers().contains_key(&slot.key)).count();
        let review = self.window.global::<Review>();
        review.set_code(record.code.as_str().into());
        review.set_form_title(form.title.get(lang, form.default_language).into());
        review.set_summary(
            tr_args(lang, "review-summary", &[("answered", answered.into()), ("total", questions.len().into())]).into(),
        );
        review.set_rows(ModelRc::new(VecModel::from(rows)));
        review.set_finalised(record.status == Status::Finalised);
        review.set_error(SharedString::new());
        review.set_has_concern(!concerns.is_empty());
        review.set_concern_notes(
            concerns
                .iter()
                .map(|(_, note)| note.as_str())
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
                .join(" · ")
                .into(),
        );
        review.set_has_flagged(any_flagged);
        review.set_referral(self.state.borrow().site.referral.get(&lang).cloned().unwrap_or_default().into());
        let mut st = self.state.borrow_mut();
        let already_open = st.active.as_ref().is_some_and(|a| a.record.id == record.id);
        if record.status == Status::InProgress && !already_open {
            st.active = Some(Active::new(record, survey));
        }
        drop(st);
        self.go(Page::Review);
    }

    /// The facilitator's concern flag and note (C6): stored apart, never exported.
    fn flag_concern(&self, note: &str) {
        let Some((id, code)) = self.state.borrow().active.as_ref().map(|a| (a.record.id, a.record.code.clone())) else {
            return;
        };
        self.with_store(|s| {
            s.raise_concern(id, false, note.trim()).and_then(|()| s.audit("concern", &format!("session {code}")))
        });
        self.open_review(id);
    }

    /// Redacts what the free-text scan found in one answer (C12); the audit says that, not what.
    fn redact_answer(&self, question: &str) {
        let names = self.state.borrow().site.names.clone();
        let updated = {
            let mut st = self.state.borrow_mut();
            let State { store, active, .. } = &mut *st;
            let (Some(store), Some(active)) = (store.as_ref(), active.as_mut()) else { return };
            let Some(Answer::Value(text)) = active.survey.answer_of(question).cloned() else { return };
            let clean = redact(&text, &scan_free_text(&text, &names));
            if active.survey.revise(question, Answer::Value(clean)).is_err() {
                return;
            }
            match save_changes(store, active, false) {
                unsaved if !unsaved.is_empty() => Err(unsaved),
                _ => store
                    .audit("redact", &format!("session {}", active.record.code))
                    .map(|()| active.record.id)
                    .map_err(|e| tr_args(active.survey.lang(), "error-save", &[("detail", e.to_string().into())])),
            }
        };
        match updated {
            Ok(id) => self.open_review(id),
            Err(message) => self.window.global::<Review>().set_error(message.into()),
        }
    }

    fn finalise(&self) {
        let result = {
            let state = self.state.borrow();
            let Some(store) = state.store.as_ref() else { return };
            match &state.active {
                // Answers the store could not take yet are written first, or nothing is finalised.
                Some(a) => store
                    .save_changes(a.record.id, &a.unsaved, None)
                    .and_then(|()| store.finalise(a.record.id))
                    .and_then(|()| store.audit("finalise", &format!("session {}", a.record.code))),
                None => return,
            }
        };
        match result {
            Ok(()) => {
                self.state.borrow_mut().active = None;
                self.window.global::<Review>().set_finalised(true);
                self.refresh_home();
            }
            Err(e) => {
                let message = tr_args(self.ui_lang(), "error-finalise", &[("detail", e.to_string().into())]);
                self.window.global::<Review>().set_error(message.into());
            }
        }
    }
}

/// Interface strings come from Fluent through the `Tr` global.
pub(super) fn wire_tr(window: &AppWindow) {
    window.global::<Tr>().on_lookup(|key, lang| tr(Lang::from_code(&lang).unwrap_or(Lang::En), &key).into());
}

fn refusal_message(lang: Lang, refusal: &crate::engine::Refusal) -> String {
    use crate::engine::Refusal;
    match refusal {
        Refusal::OutOfRange { min, max, .. } => {
            tr_args(lang, refusal.message_key(), &[("min", (*min).into()), ("max", (*max).into())])
        }
        _ => tr(lang, refusal.message_key()),
    }
}

/// Writes what the engine changed (the child's answer, and what followed from it) to the store;
/// returns the message to show, empty when all was saved.
fn save_changes(store: &Store, active: &mut Active, moved: bool) -> String {
    let mut changes = std::mem::take(&mut active.unsaved);
    changes.extend(active.survey.drain_changes());
    let position = moved.then(|| active.survey.position());
    match store.save_changes(active.record.id, &changes, position) {
        Ok(()) => String::new(),
        Err(e) => {
            active.unsaved = changes;
            tr_args(active.survey.lang(), "error-save", &[("detail", e.to_string().into())])
        }
    }
}
