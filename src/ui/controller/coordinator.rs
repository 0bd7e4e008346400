//! The Transfer screen (a facilitator hands results over without a server) and the
//! coordinator's workspace (import tablets' files, per-form counts, export and report). Exports
//! and reports run on a `service::Worker` in a thread of their own; progress and the outcome
//! come back through Slint's event loop, as the background sender's events do.

use std::path::{Path, PathBuf};

use slint::{ComponentHandle, Model, ModelRc, SharedString, VecModel};

use super::App;
use crate::export::{ExportOptions, Format};
use crate::i18n::{tr, tr_args, Arg, UserMessage};
use crate::lang::Lang;
use crate::ui::{Choice, Coordinator, FormCount, Home, Page, Transfer};

impl App {
    pub(super) fn wire_coordinator(&self) {
        let h = self.handle();
        self.window.global::<Home>().on_transfer(move || h.with(|app| app.open_transfer()));
        let h = self.handle();
        self.window.global::<Home>().on_coordinator(move || h.with(|app| app.open_coordinator()));
        let transfer = self.window.global::<Transfer>();
        let h = self.handle();
        transfer.on_back(move || h.with(|app| app.show_home()));
        let h = self.handle();
        transfer.on_write(move || h.with(|app| app.write_transfer()));
        let coordinator = self.window.global::<Coordinator>();
        let h = self.handle();
        coordinator.on_back(move || h.with(|app| app.show_home()));
        let h = self.handle();
        coordinator.on_import(move || h.with(|app| app.import_transfers()));
        let h = self.handle();
        coordinator.on_export(move |form, format| h.with(|app| app.start_export(&form, &format)));
        let h = self.handle();
        coordinator.on_report(move |form| h.with(|app| app.start_export(&form, "report")));
    }

    fn exports_dir(&self) -> PathBuf {
        self.state.borrow().platform.exports_dir()
    }

    /// Folders where transfer files and the coordinator's key are looked for.
    fn transfer_folders(&self) -> Vec<PathBuf> {
        let mut folders = vec![self.exports_dir(), self.state.borrow().device.data_dir().join("import")];
        if let Some(downloads) = directories::UserDirs::new().and_then(|d| d.download_dir().map(Path::to_path_buf)) {
            folders.push(downloads);
        }
        folders.dedup();
        folders
    }

    fn find(&self, wanted: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
        let mut found = Vec::new();
        for folder in self.transfer_folders() {
            let Ok(entries) = std::fs::read_dir(&folder) else { continue };
            let mut files: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file() && wanted(p)).collect();
            files.sort();
            found.extend(files);
        }
        found
    }

    fn open_transfer(&self) {
        let transfer = self.window.global::<Transfer>();
        transfer.set_status(SharedString::new());
        transfer.set_error(false);
        transfer.set_folder(self.exports_dir().display().to_string().into());
        // A public key the coordinator left in a folder saves typing 62 characters.
        if transfer.get_public_key().is_empty() {
            let key = self.find(|p| p.file_name().is_some_and(|n| n == crate::transfer::PUBLIC_KEY_FILE));
            if let Some(text) = key.first().and_then(|p| std::fs::read_to_string(p).ok()) {
                transfer.set_public_key(text.trim().into());
            }
        }
        self.go(Page::Transfer);
    }

    fn write_transfer(&self) {
        let lang = self.ui_lang();
        let transfer = self.window.global::<Transfer>();
        let key = transfer.get_public_key().to_string();
        let dir = self.exports_dir();
        let _ = std::fs::create_dir_all(&dir);
        let name = format!("cercle-transfer-{}.cercle", chrono::Local::now().format("%Y-%m-%d-%H%M%S"));
        let path = dir.join(name);
        match self.with_fac(|fac| fac.transfer_export(&key, &path)) {
            Some(Ok(written)) => {
                transfer.set_error(false);
                let text = tr_args(
                    lang,
                    "transfer-written",
                    &[
                        ("sessions", Arg::Num(written.sessions as i64)),
                        ("notices", Arg::Num(written.notices as i64)),
                        ("path", Arg::Str(path.display().to_string())),
                    ],
                );
                transfer.set_status(text.into());
            }
            Some(Err(e)) => {
                transfer.set_error(true);
                transfer.set_status(e.message_in(lang).into());
            }
            None => {}
        }
    }

    fn open_coordinator(&self) {
        let lang = self.ui_lang();
        let c = self.window.global::<Coordinator>();
        c.set_status(SharedString::new());
        c.set_error(false);
        c.set_folder(
            self.transfer_folders().iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join("  ·  ").into(),
        );
        if c.get_files().is_empty() {
            let files = self.find(|p| p.extension().is_some_and(|e| e == "cercle"));
            c.set_files(files.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join("; ").into());
        }
        if c.get_key_file().is_empty() {
            let key = self.find(|p| p.file_name().is_some_and(|n| n == crate::transfer::PRIVATE_KEY_FILE));
            if let Some(k) = key.first() {
                c.set_key_file(k.display().to_string().into());
            }
        }
        let mut choices = vec![Choice { code: SharedString::new(), name: tr(lang, "coordinator-codes").into() }];
        choices.extend(Lang::ALL.iter().map(|l| Choice { code: l.code().into(), name: l.native_name().into() }));
        c.set_label_choices(ModelRc::new(VecModel::from(choices)));
        self.refresh_coordinator();
        self.go(Page::Coordinator);
    }

    fn refresh_coordinator(&self) {
        let lang = self.ui_lang();
        let forms = match self.with_fac(|fac| fac.overview()) {
            Some(Ok(forms)) => forms,
            Some(Err(e)) => return self.show_error(&e),
            None => return,
        };
        let rows: Vec<FormCount> = forms
            .iter()
            .map(|f| {
                let mut details: Vec<String> = f
                    .by_band
                    .iter()
                    .map(|(b, n)| format!("{}: {n}", tr(lang, &format!("age-band-{}", b.code()))))
                    .collect();
                // A left-to-right mark after an Arabic name keeps its count on its own side.
                details.extend(f.by_lang.iter().map(|(l, n)| format!("{}\u{200e}: {n}", l.native_name())));
                FormCount {
                    id: f.form_id.clone().into(),
                    title: f.title.get(lang, f.default_language).into(),
                    summary: tr_args(
                        lang,
                        "coordinator-form-summary",
                        &[("sessions", Arg::Num(f.sessions as i64)), ("tablets", Arg::Num(f.tablets as i64))],
                    )
                    .into(),
                    details: details.join(" · ").into(),
                    sessions: f.sessions as i32,
                    has_repeats: f.has_repeats,
                }
            })
            .collect();
        self.window.global::<Coordinator>().set_forms(ModelRc::new(VecModel::from(rows)));
    }

    fn import_transfers(&self) {
        let lang = self.ui_lang();
        let c = self.window.global::<Coordinator>();
        let files: Vec<PathBuf> =
            c.get_files().split(';').map(str::trim).filter(|s| !s.is_empty()).map(PathBuf::from).collect();
        let fail = |text: String| {
            c.set_error(true);
            c.set_status(text.into());
        };
        if files.is_empty() {
            return fail(tr(lang, "coordinator-no-files"));
        }
        let key_path = PathBuf::from(c.get_key_file().trim());
        let key_text = match std::fs::read_to_string(&key_path) {
            Ok(t) => t,
            Err(e) => return fail(format!("{}: {e}", key_path.display())),
        };
        let identity = match crate::transfer::unlock_key(&key_text, &c.get_passphrase()) {
            Ok(i) => i,
            Err(e) => return fail(e.message_in(lang)),
        };
        let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        match self.with_fac(|fac| fac.transfer_import(&identity, &paths)) {
            Some(Ok(report)) => {
                c.set_error(false);
                c.set_passphrase(SharedString::new());
                c.set_status(
                    tr_args(
                        lang,
                        "coordinator-imported",
                        &[
                            ("new", Arg::Num(report.new as i64)),
                            ("already", Arg::Num(report.already as i64)),
                            ("withdrawn", Arg::Num(report.withdrawn as i64)),
                        ],
                    )
                    .into(),
                );
                self.refresh_coordinator();
            }
            Some(Err(e)) => fail(e.message_in(lang)),
            None => {}
        }
    }

    /// Starts an export (`csv`, `xlsx`, `json`) or the report of a form on a worker thread.
    fn start_export(&self, form_id: &str, what: &str) {
        let lang = self.ui_lang();
        let c = self.window.global::<Coordinator>();
        let fail = |text: String| {
            c.set_error(true);
            c.set_status(text.into());
        };
        let Ok(k) = c.get_k().trim().parse::<usize>() else { return fail(tr(lang, "coordinator-bad-number")) };
        let Ok(threshold) = c.get_threshold().trim().parse::<u64>() else {
            return fail(tr(lang, "coordinator-bad-number"));
        };
        if k == 0 {
            return fail(tr(lang, "coordinator-bad-number"));
        }
        let worker = match self.with_fac(|fac| fac.worker()) {
            Some(Ok(w)) => w,
            Some(Err(e)) => return fail(e.message_in(lang)),
            None => return,
        };
        // What the workspace shows already says whether the CSV is a zip: no second query.
        let has_repeats = c.get_forms().iter().any(|f| f.id == form_id && f.has_repeats);
        let labels = Lang::from_code(&c.get_labels());
        let format = match what {
            "xlsx" => Some(Format::Xlsx),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        };
        let ext = match format {
            Some(Format::Csv) if has_repeats => "zip",
            Some(f) => f.code(),
            None => "html",
        };
        let dir = self.exports_dir();
        let _ = std::fs::create_dir_all(&dir);
        let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
        let suffix = labels.map(|l| format!("-{}", l.code())).unwrap_or_default();
        let path = dir.join(format!("{form_id}-{stamp}{suffix}.{ext}"));
        let options = format.map(|format| ExportOptions {
            format,
            labels,
            k,
            include_free_text: c.get_free_text(),
            ..ExportOptions::default()
        });
        let report_lang = labels.unwrap_or(lang);
        c.set_busy(true);
        c.set_error(false);
        c.set_progress(0.0);
        c.set_status(tr(lang, "coordinator-working").into());
        let window = self.window.as_weak();
        let form_id = form_id.to_string();
        std::thread::spawn(move || {
            let progress_window = window.clone();
            let mut progress = move |done: usize, total: usize| {
                let w = progress_window.clone();
                let fraction = if total == 0 { 0.5 } else { done as f32 / total as f32 };
                let _ = slint::invoke_from_event_loop(move || {
                    if let Some(w) = w.upgrade() {
                        w.global::<Coordinator>().set_progress(fraction);
                    }
                });
            };
            let result = match &options {
                Some(o) => worker.export(&form_id, o, &path, &mut progress),
                None => worker.report(&form_id, report_lang, threshold, &path, &mut progress),
            };
            let (error, text) = match result {
                Ok(done) => {
                    let mut text = tr_args(
                        lang,
                        "coordinator-exported",
                        &[("count", Arg::Num(done.rows as i64)), ("path", Arg::Str(path.display().to_string()))],
                    );
                    if options.is_some() {
                        text.push('\n');
                        text.push_str(&done.disclosure.lines(lang).join("\n"));
                    }
                    (false, text)
                }
                Err(e) => (true, e.message_in(lang)),
            };
            let _ = slint::invoke_from_event_loop(move || {
                if let Some(w) = window.upgrade() {
                    let c = w.global::<Coordinator>();
                    c.set_busy(false);
                    c.set_progress(1.0);
                    c.set_error(error);
                    c.set_status(text.into());
                }
            });
        });
    }
}
