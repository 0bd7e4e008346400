//! The Get forms screen: the server's forms and downloads, run by `service::FormDownloads` in a
//! thread of its own (the window never waits for the network); the list and the outcome come
//! back through Slint's event loop.

use std::time::Duration;

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::App;
use crate::i18n::{tr, tr_args, Arg, UserMessage};
use crate::lang::Lang;
use crate::service::FormDownloads;
use crate::sync::getforms::{FormState, ListedForm};
use crate::ui::{AppWindow, GetForms, Home, Page, ServerFormRow};

/// The longest one request may take (a big form or picture on a slow line).
const TIMEOUT: Duration = Duration::from_secs(120);

impl App {
    pub(super) fn wire_get_forms(&self) {
        let h = self.handle();
        self.window.global::<Home>().on_get_forms(move || h.with(|app| app.open_get_forms()));
        let g = self.window.global::<GetForms>();
        let h = self.handle();
        g.on_back(move || h.with(|app| app.show_home()));
        let h = self.handle();
        g.on_refresh(move || h.with(|app| app.run_get_forms(None)));
        let h = self.handle();
        g.on_get(move |id| h.with(|app| app.run_get_forms(Some(vec![id.to_string()]))));
        let h = self.handle();
        g.on_get_all(move || h.with(|app| app.run_get_forms(Some(Vec::new()))));
    }

    fn open_get_forms(&self) {
        let lang = self.ui_lang();
        let g = self.window.global::<GetForms>();
        g.set_forms(ModelRc::new(VecModel::from(Vec::<ServerFormRow>::new())));
        g.set_error(false);
        g.set_status(SharedString::new());
        match self.with_fac(|fac| fac.server()) {
            Some(Ok(Some(server))) => g.set_server(server.shown_url().into()),
            Some(Ok(None)) => {
                g.set_server(SharedString::new());
                g.set_error(true);
                g.set_status(tr(lang, "get-forms-no-server").into());
                self.go(Page::Getforms);
                return;
            }
            Some(Err(e)) => {
                g.set_error(true);
                g.set_status(e.message_in(lang).into());
            }
            None => return,
        }
        self.go(Page::Getforms);
        self.run_get_forms(None);
    }

    /// Lists the server's forms, then downloads: `None` none, `Some([])` every new or updated
    /// form, `Some(ids)` those.
    fn run_get_forms(&self, wanted: Option<Vec<String>>) {
        let lang = self.ui_lang();
        let g = self.window.global::<GetForms>();
        if g.get_busy() {
            return;
        }
        let downloads = match self.with_fac(|fac| fac.form_downloads(TIMEOUT)) {
            Some(Ok(d)) => d,
            Some(Err(e)) => {
                g.set_error(true);
                g.set_status(e.message_in(lang).into());
                return;
            }
            None => return,
        };
        g.set_busy(true);
        g.set_error(false);
        g.set_progress(0.0);
        g.set_status(tr(lang, "get-forms-asking").into());
        let window = self.window.as_weak();
        std::thread::spawn(move || work(downloads, wanted, lang, window));
    }
}

/// The network part, off the window's thread.
fn work(mut downloads: FormDownloads, wanted: Option<Vec<String>>, lang: Lang, window: slint::Weak<AppWindow>) {
    let show =
        |window: &slint::Weak<AppWindow>, listed: Option<Vec<ListedForm>>, busy: bool, error: bool, status: String| {
            let w = window.clone();
            let _ = slint::invoke_from_event_loop(move || {
                if let Some(w) = w.upgrade() {
                    let g = w.global::<GetForms>();
                    if let Some(listed) = listed {
                        let rows: Vec<ServerFormRow> = listed.iter().map(|l| row(l, lang)).collect();
                        g.set_forms(ModelRc::new(VecModel::from(rows)));
                    }
                    g.set_busy(busy);
                    g.set_error(error);
                    g.set_status(status.into());
                }
            });
        };
    let listed = match downloads.list() {
        Ok(l) => l,
        Err(e) => return show(&window, None, false, true, e.message_in(lang)),
    };
    let chosen: Vec<ListedForm> = match &wanted {
        None => Vec::new(),
        Some(ids) if ids.is_empty() => listed.iter().filter(|l| l.state != FormState::Installed).cloned().collect(),
        Some(ids) => listed.iter().filter(|l| ids.contains(&l.form.id)).cloned().collect(),
    };
    if chosen.is_empty() {
        let status = match (&wanted, listed.is_empty()) {
            (_, true) => tr(lang, "get-forms-none-on-server"),
            (Some(_), false) => tr(lang, "get-forms-up-to-date"),
            (None, false) => tr_args(lang, "get-forms-listed", &[("count", Arg::Num(listed.len() as i64))]),
        };
        return show(&window, Some(listed), false, false, status);
    }
    show(&window, Some(listed.clone()), true, false, tr(lang, "get-forms-downloading"));
    let mut listed = listed;
    let mut lines = Vec::new();
    let mut failed = false;
    for l in &chosen {
        let w = window.clone();
        let mut progress = move |done: usize, total: usize| {
            let w = w.clone();
            let fraction = if total == 0 { 1.0 } else { done as f32 / total as f32 };
            let _ = slint::invoke_from_event_loop(move || {
                if let Some(w) = w.upgrade() {
                    w.global::<GetForms>().set_progress(fraction);
                }
            });
        };
        match downloads.download(&l.form, &mut progress) {
            Ok(done) => {
                // Now here and up to date: no second request to the server to say so.
                if let Some(here) = listed.iter_mut().find(|x| x.form == l.form) {
                    here.state = FormState::Installed;
                }
                lines.push(tr_args(
                    lang,
                    "get-forms-got",
                    &[
                        ("form", Arg::Str(l.form.name.clone())),
                        ("version", Arg::Str(done.version.clone())),
                        ("media", Arg::Num(done.media_fetched as i64)),
                    ],
                ))
            }
            Err(e) => {
                failed = true;
                lines.push(tr_args(
                    lang,
                    "get-forms-not-got",
                    &[("form", Arg::Str(l.form.name.clone())), ("reason", Arg::Str(e.message_in(lang)))],
                ));
            }
        }
    }
    // The home screen lists the new forms when it opens again.
    show(&window, Some(listed), false, failed, lines.join("\n"));
}

fn row(l: &ListedForm, lang: Lang) -> ServerFormRow {
    let state = tr(lang, &format!("get-forms-state-{}", l.state.code()));
    let details = if l.form.version.is_empty() {
        state
    } else {
        tr_args(lang, "get-forms-details", &[("version", Arg::Str(l.form.version.clone())), ("state", Arg::Str(state))])
    };
    ServerFormRow {
        id: l.form.id.as_str().into(),
        name: l.form.name.as_str().into(),
        details: details.into(),
        state: l.state.code().into(),
    }
}
