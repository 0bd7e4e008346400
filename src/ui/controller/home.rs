//! The facilitator's home: forms, unfinished and finalised sessions, the interface language,
//! forms waiting in the import folders, withdrawal by code.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::App;
use crate::i18n::{tr, tr_args};
use crate::lang::Lang;
use crate::service::{self, ServiceError};
use crate::store::{SessionRecord, Status};
use crate::ui::{ConcernItem, FormItem, Home, ImportItem, LangItem, Page, SessionItem, Tr};

impl App {
    pub(super) fn wire_home(&self) {
        let home = self.window.global::<Home>();
        let h = self.handle();
        home.on_set_interface_lang(move |code| {
            h.with(|app| {
                if let Some(lang) = Lang::from_code(&code) {
                    app.set_ui_lang(lang);
                }
            })
        });
        let h = self.handle();
        home.on_start(move |form_id| h.with(|app| app.open_start(&form_id)));
        let h = self.handle();
        home.on_resume(move |id| h.with(|app| app.open_session(i64::from(id))));
        let h = self.handle();
        home.on_review(move |id| h.with(|app| app.open_review(i64::from(id))));
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
        let h = self.handle();
        home.on_close_concern(move |id| {
            h.with(|app| {
                let closed = app.with_fac(|fac| fac.close_concern(i64::from(id)));
                app.refresh_home();
                if let Some(Err(e)) = closed {
                    app.show_error(&e);
                }
            })
        });
        let h = self.handle();
        home.on_confirm_withdraw(move || {
            h.with(|app| {
                let code = app.window.global::<Home>().get_confirm_withdraw_code();
                app.ask_withdrawal(None);
                app.withdraw(&code);
            })
        });
        let h = self.handle();
        home.on_cancel_withdraw(move || h.with(|app| app.ask_withdrawal(None)));
    }

    fn set_ui_lang(&self, lang: Lang) {
        let saved = self.state.borrow_mut().device.set_ui_lang(lang);
        // A notice written in the language just left would stay on screen in it.
        self.window.global::<Home>().set_notice(SharedString::new());
        self.show_ui_lang(lang);
        self.refresh_home();
        if let Err(e) = saved {
            // The language applies now; it is only not remembered for the next start.
            let detail = ServiceError::File { path: "interface-language".into(), source: e };
            self.show_error(&detail);
        }
    }

    pub(super) fn show_ui_lang(&self, lang: Lang) {
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

    /// Home, as it is now: rules or forms changed meanwhile (from the command line, in the
    /// import folder) show without a new unlock.
    pub(super) fn show_home(&self) {
        self.refresh_home();
        self.go(Page::Home);
    }

    pub(super) fn refresh_home(&self) {
        let lang = self.ui_lang();
        let listed = self.with_fac(|fac| -> Result<_, ServiceError> {
            // Rules set from the command line show without a new unlock.
            fac.reload_site_rules()?;
            let store = fac.store();
            let forms = store.forms()?;
            // Each form is read once here, not once per listed session.
            let titles: HashMap<String, String> = forms
                .iter()
                .map(|f| {
                    let title = store.form(&f.id).map(|form| form.title.get(lang, form.default_language).to_string());
                    (f.id.clone(), title.unwrap_or_else(|_| f.title.clone()))
                })
                .collect();
            let unfinished = store.sessions(Some(Status::InProgress))?;
            let mut finalised = store.sessions(Some(Status::Finalised))?;
            finalised.truncate(50);
            let concerns = fac.open_concerns()?;
            Ok((forms, titles, unfinished, finalised, concerns))
        });
        let (forms, titles, unfinished, finalised, concerns) = match listed {
            Some(Ok(v)) => v,
            Some(Err(e)) => return self.show_error(&e),
            None => return,
        };
        let title_of = |form_id: &str| titles.get(form_id).cloned().unwrap_or_else(|| form_id.to_string());
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
        let concern_items: Vec<ConcernItem> = concerns
            .iter()
            .map(|c| {
                let date = c.raised_at.date_naive().to_string();
                let key = match (c.code.is_empty(), c.by_child) {
                    (true, _) => "concern-declined",
                    (false, true) => "concern-child",
                    (false, false) => "concern-facilitator",
                };
                // The mark sets the line's direction: a line starting with the participant code
                // (Latin letters) would otherwise be laid out left to right in Arabic.
                let text =
                    format!("{mark}{}", tr_args(lang, key, &[("code", c.code.clone().into()), ("date", date.into())]));
                ConcernItem { id: c.id as i32, text: text.into() }
            })
            .collect();
        let home = self.window.global::<Home>();
        home.set_concerns(ModelRc::new(VecModel::from(concern_items)));
        home.set_forms(ModelRc::new(VecModel::from(items)));
        home.set_unfinished(ModelRc::new(VecModel::from(unfinished.iter().map(session_item).collect::<Vec<_>>())));
        home.set_finalised(ModelRc::new(VecModel::from(finalised.iter().map(session_item).collect::<Vec<_>>())));
        home.set_error(SharedString::new());
        if let Some(Ok(waiting)) = self.with_fac(|fac| fac.waiting_to_send()) {
            home.set_send_waiting(waiting > 0);
            home.set_send_label(super::send::send_label(lang, waiting).into());
        }
        self.refresh_importable();
    }

    /// The import folders: `import/` in the data folder, and the user's downloads.
    fn import_folders(&self) -> Vec<PathBuf> {
        let mut folders = vec![self.state.borrow().device.data_dir().join("import")];
        if let Some(downloads) = directories::UserDirs::new().and_then(|d| d.download_dir().map(Path::to_path_buf)) {
            folders.push(downloads);
        }
        folders
    }

    /// Lists the XLSForm files (.xlsx, .zip) waiting in the import folders.
    pub(super) fn refresh_importable(&self) {
        let folders = self.import_folders();
        // The folder is where a facilitator drops forms; if it cannot be made, it is not listed.
        let _ = std::fs::create_dir_all(&folders[0]);
        let mut items = Vec::new();
        for folder in &folders {
            let Ok(entries) = std::fs::read_dir(folder) else { continue };
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
                    p.is_file() && (ext == "xlsx" || ext == "xls" || ext == "zip")
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
        let imported = service::check_form(path).and_then(|checked| {
            self.with_fac(|fac| fac.import_form(&checked)).unwrap_or(Err(ServiceError::NoSession))?;
            Ok(checked)
        });
        self.refresh_home();
        match imported {
            Ok(checked) => {
                let msg = tr_args(
                    lang,
                    "import-done",
                    &[("form", checked.imported.form.id.clone().into()), ("warnings", checked.problems.len().into())],
                );
                home.set_notice(msg.into());
            }
            Err(e) => self.show_error(&e),
        }
    }

    /// Withdrawal by participant code (C5), from home or from the review: first the code is
    /// checked and shown back with a question, since deleting cannot be undone.
    pub(super) fn withdraw_code(&self, typed: &str) {
        let home = self.window.global::<Home>();
        home.set_notice(SharedString::new());
        let found = self.with_fac(|fac| -> Result<String, ServiceError> {
            let unknown = || ServiceError::UnknownCode(typed.trim().to_string());
            let code = crate::store::ParticipantCode::parse(typed).ok_or_else(unknown)?;
            fac.store().session_by_code(code.as_str())?.ok_or_else(unknown)?;
            Ok(code.as_str().to_string())
        });
        self.go(Page::Home);
        match found {
            Some(Ok(code)) => {
                home.set_error(SharedString::new());
                self.ask_withdrawal(Some(&code));
            }
            Some(Err(e)) => self.show_error(&e),
            None => {}
        }
    }

    /// Shows (or with `None` hides) the question that confirms a withdrawal.
    fn ask_withdrawal(&self, code: Option<&str>) {
        let home = self.window.global::<Home>();
        let lang = self.ui_lang();
        home.set_confirm_withdraw_code(code.unwrap_or_default().into());
        let text = code.map(|c| tr_args(lang, "withdraw-ask", &[("code", c.into())])).unwrap_or_default();
        home.set_confirm_withdraw_text(text.into());
    }

    /// The facilitator confirmed: everything of the child is deleted (an open concern stays).
    fn withdraw(&self, code: &str) {
        let lang = self.ui_lang();
        let home = self.window.global::<Home>();
        match self.with_fac(|fac| fac.withdraw(code)) {
            Some(Ok(code)) => {
                self.refresh_home();
                home.set_withdraw_code(SharedString::new());
                home.set_notice(tr_args(lang, "withdraw-done", &[("code", code.into())]).into());
            }
            Some(Err(e)) => self.show_error(&e),
            None => {}
        }
    }
}
