//! The coordinator's workspace: what the store holds per form, and exports and reports run
//! either in the caller's thread (the command line) or on a [`Worker`], a connection of its
//! own on another thread, so the window keeps drawing its progress bar (as the background
//! sender does). Both ways run the same two functions here and log the same audit event.

use std::collections::BTreeMap;
use std::path::Path;

use super::{ExportDone, Facilitator, Result};
use crate::export::{Disclosure, ExportOptions, Progress};
use crate::form::{AgeBand, Text};
use crate::lang::Lang;
use crate::store::{Store, StoreError};

/// One form as the coordinator's workspace shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct FormOverview {
    pub form_id: String,
    pub title: Text,
    pub default_language: Lang,
    /// Finalised sessions.
    pub sessions: usize,
    /// Tablets they came from (this device counts as one when it has sessions of its own).
    pub tablets: usize,
    pub by_band: BTreeMap<AgeBand, usize>,
    pub by_lang: BTreeMap<Lang, usize>,
    /// A CSV export of it is a zip (one file per table).
    pub has_repeats: bool,
}

impl Facilitator {
    /// Every installed form with its finalised sessions counted by tablet, age band, language.
    pub fn overview(&self) -> Result<Vec<FormOverview>> {
        let counts = self.store.finalised_counts()?;
        let mut out = Vec::new();
        for form in self.store.forms()? {
            let definition = self.store.form(&form.id)?;
            let mine: Vec<_> = counts.iter().filter(|c| c.form_id == form.id).collect();
            let mut o = FormOverview {
                form_id: form.id.clone(),
                title: definition.title.clone(),
                default_language: definition.default_language,
                sessions: mine.iter().map(|c| c.count).sum(),
                tablets: mine.iter().map(|c| c.tablet.as_str()).collect::<std::collections::BTreeSet<_>>().len(),
                by_band: BTreeMap::new(),
                by_lang: BTreeMap::new(),
                has_repeats: !definition.repeats().is_empty(),
            };
            for c in mine {
                *o.by_band.entry(c.age_band).or_default() += c.count;
                *o.by_lang.entry(c.lang).or_default() += c.count;
            }
            out.push(o);
        }
        Ok(out)
    }

    /// A worker for long exports and reports, on its own connection to the same file.
    pub fn worker(&self) -> Result<Worker> {
        Ok(Worker { store: self.store.another_connection()? })
    }
}

/// Runs exports and reports away from the window's thread; each logs its audit event on its
/// own connection (C13).
pub struct Worker {
    store: Store,
}

impl Worker {
    pub fn export(
        &self,
        form_id: &str,
        options: &ExportOptions,
        path: &Path,
        progress: Progress<'_>,
    ) -> Result<ExportDone> {
        let (rows, disclosure, detail) = run_export(&self.store, form_id, options, path, progress)?;
        self.logged(detail, rows, disclosure)
    }

    pub fn report(
        &self,
        form_id: &str,
        lang: Lang,
        threshold: u64,
        path: &Path,
        progress: Progress<'_>,
    ) -> Result<ExportDone> {
        let (rows, disclosure, detail) = run_report(&self.store, form_id, lang, threshold, path, progress)?;
        self.logged(detail, rows, disclosure)
    }

    fn logged(&self, detail: String, rows: usize, disclosure: Disclosure) -> Result<ExportDone> {
        let not_logged = match self.store.audit("export", &detail) {
            Ok(()) => None,
            Err(e) if e.is_no_room_to_write() => Some(e),
            Err(e) => return Err(e.into()),
        };
        Ok(ExportDone { rows, disclosure, not_logged })
    }
}

/// An export and the audit detail it is logged with: its settings, never a child's answer.
pub(super) fn run_export(
    store: &Store,
    form_id: &str,
    options: &ExportOptions,
    path: &Path,
    progress: Progress<'_>,
) -> std::result::Result<(usize, Disclosure, String), StoreError> {
    let summary = crate::export::export(store, form_id, options, path, progress)?;
    let labels = options.labels.map_or("codes", |l| l.code());
    let detail = format!(
        "form={form_id} count={} format={} labels={labels} {}",
        summary.sessions,
        options.format.code(),
        summary.disclosure.audit_detail()
    );
    Ok((summary.sessions, summary.disclosure, detail))
}

pub(super) fn run_report(
    store: &Store,
    form_id: &str,
    lang: Lang,
    threshold: u64,
    path: &Path,
    progress: Progress<'_>,
) -> std::result::Result<(usize, Disclosure, String), StoreError> {
    let options = crate::export::report::ReportOptions { lang, threshold };
    let summary = crate::export::report::write(store, form_id, &options, path, progress)?;
    let detail = format!(
        "form={form_id} count={} format=html lang={} threshold={threshold} cells_suppressed={}",
        summary.sessions,
        lang.code(),
        summary.suppressed
    );
    Ok((summary.sessions, Disclosure { sessions: summary.sessions, ..Default::default() }, detail))
}
