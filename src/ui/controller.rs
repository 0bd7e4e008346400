//! The app controller: owns the store and the session in progress, answers the UI's callbacks.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use anyhow::Result;
use slint::{ComponentHandle, ModelRc, SharedString, VecModel, Weak};

use crate::engine::{Answer, Survey};
use crate::form::{session_languages, AgeBand, Kind};
use crate::i18n::{tr, tr_args};
use crate::lang::Lang;
use crate::store::{SessionRecord, Status, Store};

use super::{
    child_view, AppWindow, Child, FormItem, Home, LangItem, Nav, Page, Review, ReviewRow,
    SessionItem, Start, Tr,
};

/// Settings keys.
const UI_LANG: &str = "ui_lang";
/// The session open in child mode, so that a restart after a crash goes straight back to it.
const CHILD_SESSION: &str = "child_session";

struct Active {
    record: SessionRecord,
    survey: Survey,
}

struct State {
    store: Store,
    ui_lang: Lang,
    /// The form chosen on the start screen.
    start_form: Option<String>,
    active: Option<Active>,
}

struct Handle {
    window: Weak<AppWindow>,
    state: Rc<RefCell<State>>,
}

impl Handle {
    fn with(&self, body: impl FnOnce(&App)) {
        if let Some(window) = self.window.upgrade() {
            body(&App {
                window,
                state: self.state.clone(),
            });
        }
    }
}

/// The running app: a window wired to the core.
pub struct App {
    window: AppWindow,
    state: Rc<RefCell<State>>,
}

impl App {
    pub fn new(store: Store) -> Result<App> {
        let window = AppWindow::new()?;
        let ui_lang = store
            .setting(UI_LANG)?
            .and_then(|c| Lang::from_code(&c))
            .unwrap_or(Lang::En);
        let state = Rc::new(RefCell::new(State {
            store,
            ui_lang,
            start_form: None,
            active: None,
        }));
        let app = App { window, state };
        app.wire();
        app.set_ui_lang(ui_lang);
        app.refresh_home();
        app.resume_child_mode_after_restart();
        Ok(app)
    }

    pub fn window(&self) -> &AppWindow {
        &self.window
    }

    /// The session in progress, if any (tests and the kill test read it).
    pub fn active_session(&self) -> Option<(SessionRecord, usize)> {
        self.state
            .borrow()
            .active
            .as_ref()
            .map(|a| (a.record.clone(), a.survey.position()))
    }

    fn wire(&self) {
        wire_tr(&self.window);

        let home = self.window.global::<Home>();
        let h = self.handle();
        home.on_set_interface_lang(move |code| {
            h.with(|app| {
                if let Some(lang) = Lang::from_code(&code) {
                    app.set_ui_lang(lang);
                    let _ = app
                        .state
                        .borrow()
                        .store
                        .set_setting(UI_LANG, Some(lang.code()));
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
        child.on_set_text(move |q, text| {
            h.with(|app| app.answer(&q, Answer::Value(text.to_string())))
        });
        let h = self.handle();
        child.on_set_number(move |q, n| h.with(|app| app.answer(&q, Answer::Value(n.to_string()))));
        let h = self.handle();
        child.on_next(move || h.with(|app| app.step(true)));
        let h = self.handle();
        child.on_back(move || h.with(|app| app.step(false)));
        let h = self.handle();
        child.on_talk(move || h.with(|app| app.window.global::<Child>().set_talk_open(true)));
        let h = self.handle();
        child.on_facilitator(move || h.with(|app| app.hand_back()));

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
    }

    /// A handle for callbacks: reaches the app without keeping the window alive.
    fn handle(&self) -> Handle {
        Handle {
            window: self.window.as_weak(),
            state: self.state.clone(),
        }
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
        let langs: Vec<LangItem> = Lang::ALL
            .iter()
            .map(|l| LangItem {
                code: l.code().into(),
                name: l.native_name().into(),
            })
            .collect();
        self.window
            .global::<Home>()
            .set_languages(ModelRc::new(VecModel::from(langs)));
    }

    fn show_error(&self, e: impl std::fmt::Display) {
        let msg = tr_args(
            self.ui_lang(),
            "error-open",
            &[("detail", e.to_string().into())],
        );
        self.window.global::<Home>().set_error(msg.into());
    }

    fn refresh_home(&self) {
        let lang = self.ui_lang();
        let state = self.state.borrow();
        let store = &state.store;
        let forms = match store.forms() {
            Ok(f) => f,
            Err(e) => {
                drop(state);
                return self.show_error(e);
            }
        };
        let title_of = |form_id: &str| -> String {
            store
                .form(form_id)
                .map(|f| f.title.get(lang, f.default_language).to_string())
                .unwrap_or_else(|_| form_id.to_string())
        };
        let items: Vec<FormItem> = forms
            .iter()
            .map(|f| FormItem {
                id: f.id.as_str().into(),
                title: title_of(&f.id).into(),
                version: f.version.as_str().into(),
                builtin: f.builtin,
            })
            .collect();
        let session_item = |s: &SessionRecord| SessionItem {
            id: s.id as i32,
            code: s.code.as_str().into(),
            form_title: title_of(&s.form_id).into(),
            details: format!(
                "{} · {} · {} · {}",
                s.lang.native_name(),
                tr(lang, &format!("age-band-{}", s.age_band.code())),
                tr_args(lang, "session-answered", &[("count", s.answered.into())]),
                s.created_on()
            )
            .into(),
        };
        let unfinished: Vec<SessionItem> = store
            .sessions(Some(Status::InProgress))
            .unwrap_or_default()
            .iter()
            .map(session_item)
            .collect();
        let finalised: Vec<SessionItem> = store
            .sessions(Some(Status::Finalised))
            .unwrap_or_default()
            .iter()
            .take(50)
            .map(session_item)
            .collect();
        let home = self.window.global::<Home>();
        home.set_forms(ModelRc::new(VecModel::from(items)));
        home.set_unfinished(ModelRc::new(VecModel::from(unfinished)));
        home.set_finalised(ModelRc::new(VecModel::from(finalised)));
        home.set_error(SharedString::new());
    }

    fn open_start(&self, form_id: &str) {
        let lang = self.ui_lang();
        let form = match self.state.borrow().store.form(form_id) {
            Ok(f) => f,
            Err(e) => return self.show_error(e),
        };
        let langs = session_languages(&form);
        let start = self.window.global::<Start>();
        start.set_form_title(form.title.get(lang, form.default_language).into());
        start.set_languages(ModelRc::new(VecModel::from(
            langs
                .iter()
                .map(|l| LangItem {
                    code: l.code().into(),
                    name: l.native_name().into(),
                })
                .collect::<Vec<_>>(),
        )));
        let session_lang = if langs.contains(&lang) {
            lang
        } else {
            form.default_language
        };
        start.set_lang(session_lang.code().into());
        start.set_age_band(AgeBand::Age8To12.code().into());
        self.state.borrow_mut().start_form = Some(form_id.to_string());
        self.go(Page::Start);
    }

    fn begin_session(&self) {
        let start = self.window.global::<Start>();
        let lang = Lang::from_code(&start.get_lang()).unwrap_or(Lang::En);
        let band = AgeBand::from_code(&start.get_age_band()).unwrap_or(AgeBand::Age8To12);
        let result = (|| -> Result<Active> {
            let state = self.state.borrow();
            let form_id = state
                .start_form
                .clone()
                .ok_or_else(|| anyhow::anyhow!("no form chosen"))?;
            let form = Arc::new(state.store.form(&form_id)?);
            let record = state
                .store
                .start_session(&form, lang, band, &mut rand::rng())?;
            state
                .store
                .audit("start", &format!("session {} ({})", record.code, form.id))?;
            let survey = Survey::new(form, lang, band);
            Ok(Active { record, survey })
        })();
        match result {
            Ok(active) => {
                self.state.borrow_mut().active = Some(active);
                self.enter_child_mode();
            }
            Err(e) => {
                self.go(Page::Home);
                self.show_error(e);
            }
        }
    }

    fn open_session(&self, id: i64) {
        let resumed = self.state.borrow().store.resume(id);
        match resumed {
            Ok((record, survey)) => {
                let _ = self
                    .state
                    .borrow()
                    .store
                    .audit("resume", &format!("session {}", record.code));
                self.state.borrow_mut().active = Some(Active { record, survey });
                self.enter_child_mode();
            }
            Err(e) => self.show_error(e),
        }
    }

    /// After a crash or a flat battery in child mode, start straight back at the same question.
    fn resume_child_mode_after_restart(&self) {
        let id = self
            .state
            .borrow()
            .store
            .setting(CHILD_SESSION)
            .ok()
            .flatten()
            .and_then(|v| v.parse::<i64>().ok());
        let Some(id) = id else { return };
        let open = self
            .state
            .borrow()
            .store
            .session(id)
            .map(|s| s.status == Status::InProgress)
            .unwrap_or(false);
        if open {
            self.open_session(id);
        } else {
            let _ = self.state.borrow().store.set_setting(CHILD_SESSION, None);
        }
    }

    fn enter_child_mode(&self) {
        let id = match &self.state.borrow().active {
            Some(a) => a.record.id,
            None => return,
        };
        let _ = self
            .state
            .borrow()
            .store
            .set_setting(CHILD_SESSION, Some(&id.to_string()));
        self.window.global::<Child>().set_talk_open(false);
        self.show_child("");
        self.go(Page::Child);
    }

    fn show_child(&self, error: &str) {
        if let Some(active) = &self.state.borrow().active {
            child_view::show(&self.window, &active.survey, error);
        }
    }

    /// Gives an answer to the engine, and stores what it accepted at once.
    fn answer(&self, question: &str, answer: Answer) {
        let mut state = self.state.borrow_mut();
        let State { store, active, .. } = &mut *state;
        let Some(active) = active.as_mut() else {
            return;
        };
        let lang = active.survey.lang();
        let message = match active.survey.answer(question, answer) {
            Ok(stored) => match store.save_answer(active.record.id, question, stored.as_ref()) {
                Ok(()) => String::new(),
                Err(e) => tr_args(lang, "error-save", &[("detail", e.to_string().into())]),
            },
            Err(refusal) => refusal_message(lang, &refusal),
        };
        drop(state);
        self.show_child(&message);
    }

    fn choose(&self, question: &str, choice: &str) {
        let (multiple, current) = {
            let state = self.state.borrow();
            let Some(active) = &state.active else { return };
            let node = active
                .survey
                .current()
                .into_iter()
                .find(|n| n.name == question)
                .cloned();
            let multiple = node.is_some_and(|n| n.kind == Kind::SelectMultiple);
            (
                multiple,
                active
                    .survey
                    .answer_of(question)
                    .and_then(Answer::value)
                    .map(str::to_string),
            )
        };
        let value = if multiple {
            // A tap on a chosen card unchooses it; the others stay.
            let mut picked: Vec<String> = current
                .unwrap_or_default()
                .split_whitespace()
                .map(String::from)
                .collect();
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
        let already = self
            .state
            .borrow()
            .active
            .as_ref()
            .is_some_and(|a| a.survey.answer_of(question) == Some(&state_answer));
        if already {
            self.answer(question, Answer::Value(String::new()));
        } else {
            self.answer(question, state_answer);
        }
    }

    fn step(&self, forward: bool) {
        let mut state = self.state.borrow_mut();
        let State { store, active, .. } = &mut *state;
        let Some(active) = active.as_mut() else {
            return;
        };
        let lang = active.survey.lang();
        let moved = if forward {
            active.survey.next().map_err(|r| refusal_message(lang, &r))
        } else {
            active.survey.back();
            Ok(())
        };
        let message = match moved {
            Ok(()) => match store.save_position(active.record.id, active.survey.position()) {
                Ok(()) => String::new(),
                Err(e) => tr_args(lang, "error-save", &[("detail", e.to_string().into())]),
            },
            Err(m) => m,
        };
        drop(state);
        self.show_child(&message);
    }

    /// The child hands the tablet back: the facilitator reviews. (The passphrase gate comes with
    /// the confidentiality work.)
    fn hand_back(&self) {
        let id = self.state.borrow().active.as_ref().map(|a| a.record.id);
        if let Some(id) = id {
            self.open_review(id);
        }
    }

    fn open_review(&self, id: i64) {
        let lang = self.ui_lang();
        let loaded = {
            let state = self.state.borrow();
            match &state.active {
                Some(a) if a.record.id == id => Ok((a.record.clone(), a.survey.clone())),
                _ => state.store.resume(id),
            }
        };
        let (record, survey) = match loaded {
            Ok(v) => v,
            Err(e) => return self.show_error(e),
        };
        let _ = self.state.borrow().store.set_setting(CHILD_SESSION, None);
        let form = survey.form().clone();
        let names = survey.question_names();
        let rows: Vec<ReviewRow> = form
            .leaves()
            .into_iter()
            .map(|l| l.node)
            .filter(|n| names.contains(&n.name.as_str()))
            .map(|n| {
                let answer = match survey.answer_of(&n.name) {
                    None => tr(lang, "review-not-answered"),
                    Some(Answer::RatherNotSay) => tr(lang, "review-rather-not-say"),
                    Some(Answer::DontKnow) => tr(lang, "review-dont-know"),
                    Some(Answer::Value(v)) => {
                        let choices = form.choices(n);
                        if choices.is_empty() {
                            v.clone()
                        } else {
                            v.split_whitespace()
                                .map(|name| {
                                    choices
                                        .iter()
                                        .find(|c| c.name == name)
                                        .map(|c| {
                                            c.label.get(lang, form.default_language).to_string()
                                        })
                                        .unwrap_or_else(|| name.to_string())
                                })
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    }
                };
                ReviewRow {
                    question: n.label.get(lang, form.default_language).into(),
                    answer: answer.into(),
                }
            })
            .collect();
        let answered = names
            .iter()
            .filter(|n| survey.answer_of(n).is_some())
            .count();
        let review = self.window.global::<Review>();
        review.set_code(record.code.as_str().into());
        review.set_form_title(form.title.get(lang, form.default_language).into());
        review.set_summary(
            tr_args(
                lang,
                "review-summary",
                &[("answered", answered.into()), ("total", names.len().into())],
            )
            .into(),
        );
        review.set_rows(ModelRc::new(VecModel::from(rows)));
        review.set_finalised(record.status == Status::Finalised);
        if record.status == Status::InProgress {
            self.state.borrow_mut().active = Some(Active { record, survey });
        }
        self.go(Page::Review);
    }

    fn finalise(&self) {
        let result = {
            let state = self.state.borrow();
            match &state.active {
                Some(a) => state.store.finalise(a.record.id).and_then(|()| {
                    state
                        .store
                        .audit("finalise", &format!("session {}", a.record.code))
                }),
                None => return,
            }
        };
        match result {
            Ok(()) => {
                self.state.borrow_mut().active = None;
                self.window.global::<Review>().set_finalised(true);
                self.refresh_home();
            }
            Err(e) => self.show_error(e),
        }
    }
}

/// Interface strings come from Fluent through the `Tr` global.
pub(super) fn wire_tr(window: &AppWindow) {
    window
        .global::<Tr>()
        .on_lookup(|key, lang| tr(Lang::from_code(&lang).unwrap_or(Lang::En), &key).into());
}

fn refusal_message(lang: Lang, refusal: &crate::engine::Refusal) -> String {
    use crate::engine::Refusal;
    match refusal {
        Refusal::OutOfRange { min, max, .. } => tr_args(
            lang,
            refusal.message_key(),
            &[("min", (*min).into()), ("max", (*max).into())],
        ),
        _ => tr(lang, refusal.message_key()),
    }
}
