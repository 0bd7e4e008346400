//! The Send screen and the background sender's link to the window. The sender runs in the
//! core (`service::BackgroundSender`, its own thread and database connection); its events
//! reach the window through Slint's event loop, as in Slint's weather-demo.

use slint::{ComponentHandle, ModelRc, SharedString, VecModel, Weak};

use super::App;
use crate::i18n::{tr, tr_args, UserMessage};
use crate::lang::Lang;
use crate::service::{BackgroundSender, FormTitles, SenderEvent};
use crate::store::{OutboxEntry, UploadState};
use crate::sync::{self, Failure, ServerSettings};
use crate::ui::{AppWindow, Home, OutboxRow, Page, Send, Tr};

/// Sent submissions listed below the waiting ones (the rest are on the server and gone).
const SENT_SHOWN: usize = 20;

impl App {
    pub(super) fn wire_send(&self) {
        let send = self.window.global::<Send>();
        let h = self.handle();
        self.window.global::<Home>().on_send(move || h.with(|app| app.open_send()));
        let h = self.handle();
        send.on_back(move || h.with(|app| app.show_home()));
        let h = self.handle();
        send.on_save_server(move || h.with(|app| app.save_server()));
        let h = self.handle();
        send.on_test_server(move || h.with(|app| app.test_server()));
        let h = self.handle();
        send.on_send_now(move || {
            h.with(|app| {
                let lang = app.ui_lang();
                let send = app.window.global::<Send>();
                if app.state.borrow().sender.is_none() {
                    send.set_status(tr(lang, "sync-no-server").into());
                    return;
                }
                send.set_busy(true);
                send.set_status(tr(lang, "send-testing").into());
                if let Some(sender) = app.state.borrow().sender.as_ref() {
                    sender.send_now();
                }
            })
        });
        let h = self.handle();
        send.on_retry(move |id| {
            h.with(|app| match app.with_fac(|fac| fac.retry_submission(i64::from(id))) {
                Some(Ok(_)) => {
                    if let Some(sender) = app.state.borrow().sender.as_ref() {
                        sender.send_now();
                    }
                }
                Some(Err(e)) => app.window.global::<Send>().set_status(e.message_in(app.ui_lang()).into()),
                None => {}
            })
        });
    }

    /// Starts sending in the background (after an unlock), when a server is set: with none,
    /// there is nothing to run until the facilitator saves one.
    pub(super) fn start_sender(&self) {
        if !matches!(self.with_fac(|fac| fac.server()), Some(Ok(Some(_)))) {
            return;
        }
        let store = match self.with_fac(|fac| fac.sender()) {
            Some(Ok(store)) => store,
            Some(Err(e)) => return self.show_error(&e),
            None => return,
        };
        let window = self.window.as_weak();
        let sender = BackgroundSender::start(store, move |event| {
            let window = window.clone();
            let _ = slint::invoke_from_event_loop(move || show_event(&window, event));
        });
        self.state.borrow_mut().sender = Some(sender);
    }

    /// Something was queued (a session finalised): the sender looks now rather than in a minute.
    pub(super) fn nudge_sender(&self) {
        if let Some(sender) = self.state.borrow().sender.as_ref() {
            sender.nudge();
        }
    }

    fn open_send(&self) {
        let lang = self.ui_lang();
        let send = self.window.global::<Send>();
        send.set_url(SharedString::new());
        send.set_username(SharedString::new());
        send.set_password(SharedString::new());
        send.set_server_error(false);
        send.set_status(SharedString::new());
        let current = self.with_fac(|fac| fac.server());
        let message = match current {
            Some(Ok(Some(server))) => server.shown_url(),
            Some(Ok(None)) => tr(lang, "send-no-server"),
            Some(Err(e)) => e.message_in(lang),
            None => return,
        };
        send.set_server_message(message.into());
        if let Some(Ok((entries, titles))) = self.with_fac(|fac| fac.outbox_with_titles()) {
            show_outbox(&self.window, lang, &entries, &titles);
        }
        self.go(Page::Send);
    }

    /// What the facilitator typed, as server settings (or what is wrong with it).
    fn typed_server(&self) -> Option<ServerSettings> {
        let send = self.window.global::<Send>();
        let (url, user, password) = (send.get_url(), send.get_username(), send.get_password());
        match ServerSettings::parse(&url, Some(user.as_str()), Some(password.as_str())) {
            Ok(server) => Some(server),
            Err(e) => {
                send.set_server_error(true);
                send.set_server_message(e.message_in(self.ui_lang()).into());
                None
            }
        }
    }

    fn save_server(&self) {
        let Some(server) = self.typed_server() else { return };
        let lang = self.ui_lang();
        let send = self.window.global::<Send>();
        match self.with_fac(|fac| fac.set_server(Some(&server))) {
            Some(Ok(())) => {
                send.set_server_error(false);
                send.set_server_message(format!("{} {}", tr(lang, "send-saved"), server.shown_url()).into());
                // The address of a Central app user is its key: not left on the screen.
                send.set_url(SharedString::new());
                send.set_password(SharedString::new());
                // A new server: what waited for the old one is tried now.
                let running = self.state.borrow().sender.is_some();
                if !running {
                    self.start_sender();
                }
                if let Some(sender) = self.state.borrow().sender.as_ref() {
                    sender.send_now();
                }
            }
            Some(Err(e)) => {
                send.set_server_error(true);
                send.set_server_message(e.message_in(lang).into());
            }
            None => {}
        }
    }

    /// Tests the typed server, or the saved one when nothing is typed, off the UI thread.
    fn test_server(&self) {
        let lang = self.ui_lang();
        let send = self.window.global::<Send>();
        let server = if send.get_url().trim().is_empty() {
            match self.with_fac(|fac| fac.server()) {
                Some(Ok(Some(server))) => server,
                _ => {
                    send.set_server_error(true);
                    send.set_server_message(tr(lang, "send-no-server").into());
                    return;
                }
            }
        } else {
            match self.typed_server() {
                Some(server) => server,
                None => return,
            }
        };
        let forms: Vec<String> = match self.with_fac(|fac| fac.store().forms()) {
            Some(Ok(forms)) => forms.into_iter().map(|f| f.id).collect(),
            _ => Vec::new(),
        };
        send.set_server_error(false);
        send.set_server_message(tr(lang, "send-testing").into());
        let window = self.window.as_weak();
        std::thread::spawn(move || {
            let check = sync::test_connection(&server, std::time::Duration::from_secs(20), &forms);
            let _ = slint::invoke_from_event_loop(move || {
                if let Some(w) = window.upgrade() {
                    let send = w.global::<Send>();
                    send.set_server_error(matches!(check, sync::ConnectionCheck::Failed(_)));
                    send.set_server_message(check.message_in(lang_of(&w)).into());
                }
            });
        });
    }
}

fn lang_of(window: &AppWindow) -> Lang {
    Lang::from_code(&window.global::<Tr>().get_lang()).unwrap_or(Lang::En)
}

/// A sender event, shown on the Send screen and the home screen's Send button.
fn show_event(window: &Weak<AppWindow>, event: SenderEvent) {
    let Some(window) = window.upgrade() else { return };
    let lang = lang_of(&window);
    let send = window.global::<Send>();
    match event {
        SenderEvent::Outbox(entries, titles) => show_outbox(&window, lang, &entries, &titles),
        SenderEvent::Progress(p) => {
            send.set_busy(true);
            send.set_status(
                tr_args(lang, "send-progress", &[("done", p.done.into()), ("total", p.total.into())]).into(),
            );
        }
        SenderEvent::Finished(report) => {
            send.set_busy(false);
            let mut status = tr_args(
                lang,
                "send-summary",
                &[
                    ("sent", report.sent.into()),
                    ("already", report.already.into()),
                    ("conflicts", report.conflicts.into()),
                    ("failed", report.failed.len().into()),
                    ("left", report.left.into()),
                ],
            );
            if let Some((_, first)) = report.failed.first() {
                status = format!("{status}\n{}", first.message_in(lang));
            }
            send.set_status(status.into());
        }
        SenderEvent::Failed(e) => {
            send.set_busy(false);
            send.set_status(e.message_in(lang).into());
        }
    }
}

fn show_outbox(window: &AppWindow, lang: Lang, entries: &[OutboxEntry], titles: &FormTitles) {
    let waiting = entries.iter().filter(|e| e.state != UploadState::Sent).count();
    let home = window.global::<Home>();
    home.set_send_waiting(waiting > 0);
    home.set_send_label(send_label(lang, waiting).into());
    let mut rows: Vec<OutboxRow> =
        entries.iter().filter(|e| e.state != UploadState::Sent).map(|e| row(lang, e, titles)).collect();
    rows.extend(
        entries.iter().rev().filter(|e| e.state == UploadState::Sent).take(SENT_SHOWN).map(|e| row(lang, e, titles)),
    );
    window.global::<Send>().set_rows(ModelRc::new(VecModel::from(rows)));
}

pub(super) fn send_label(lang: Lang, waiting: usize) -> String {
    if waiting == 0 {
        tr(lang, "send-open")
    } else {
        format!("{} ({waiting})", tr(lang, "send-open"))
    }
}

fn row(lang: Lang, e: &OutboxEntry, titles: &FormTitles) -> OutboxRow {
    let title = if e.withdrawal {
        tr_args(lang, "send-withdrawal", &[("code", e.code.as_str().into())])
    } else {
        e.code.clone()
    };
    let mut detail = match e.last_try {
        Some(at) => tr_args(
            lang,
            "send-last-try",
            &[("when", at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string().into())],
        ),
        None => tr(lang, "send-never-tried"),
    };
    if e.state != UploadState::Sent {
        if let Some(f) = Failure::parse(&e.reason) {
            detail = format!("{detail} — {}", f.message_in(lang));
        }
    }
    OutboxRow {
        id: e.id as i32,
        title: title.into(),
        // The form's title in the interface language (its default language's when it has none).
        form: titles
            .get(&e.form_id)
            .map(|t| t.get(lang, Lang::En).to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| e.form_id.clone())
            .into(),
        state: tr(lang, &format!("send-state-{}", e.state.code())).into(),
        state_code: e.state.code().into(),
        detail: detail.into(),
        can_retry: matches!(e.state, UploadState::Conflict | UploadState::Rejected),
    }
}
