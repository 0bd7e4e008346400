//! Coordinator exports of finalised sessions: CSV, XLSX and JSON, with disclosure control.
//!
//! What leaves the device is minimised (C10, C12): dates but no times of day, no device,
//! participant-code or facilitator data, free-text answers only when the coordinator asks for
//! them (and then scanned and redacted). Every export is k-anonymous over its
//! quasi-identifiers unless the coordinator turns that off explicitly with k = 1 (C11).
//!
//! The work is two passes over the store, one session at a time: the first reads each
//! session's quasi-identifiers and plans the protection (`disclosure`), the second writes rows
//! through `dataset`, which applies it. Memory grows with the quasi-identifiers only.

pub mod cells;
mod csv_out;
pub mod dataset;
pub mod disclosure;
mod json_out;
pub mod report;
mod xlsx_out;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use crate::engine::{parse_key, Answer};
use crate::i18n::{tr, tr_args, Arg};
use crate::lang::Lang;
use crate::store::{Result, SessionRecord, Store, StoreError};

pub use dataset::{Dataset, RecordProtection, SessionRows};
pub use disclosure::SUPPRESSED;

/// What an exported cell holds for "I'd rather not say" and "I don't know" in a question
/// without a `_state` column: reserved words, so an analyst can tell them from "not shown"
/// (an empty cell).
pub const RATHER_NOT_SAY: &str = "rather_not_say";
pub const DONT_KNOW: &str = "dont_know";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Json,
}

impl Format {
    pub fn code(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub format: Format,
    /// Headers and values as labels in this language; `None`: codes (names).
    pub labels: Option<Lang>,
    /// k-anonymity's k; 1 turns it off (the explicit way, recorded in the audit log).
    pub k: usize,
    /// The quasi-identifiers, replacing the defaults; `None`: the defaults
    /// ([`dataset::DEFAULT_FACT_QIS`] and the questions C11 names or the form marks).
    pub quasi_identifiers: Option<Vec<String>>,
    /// Include free-text answers (left out by default, C12).
    pub include_free_text: bool,
    /// Age-banded variants of one question as one column, with a `_variant` column beside it.
    pub merge_age_variants: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            format: Format::Csv,
            labels: None,
            k: 5,
            quasi_identifiers: None,
            include_free_text: false,
            merge_age_variants: false,
        }
    }
}

/// What disclosure control did, for the export's own sheet, the command's output and the
/// audit log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Disclosure {
    pub k: usize,
    pub quasi_identifiers: Vec<String>,
    /// Default quasi-identifiers the coordinator left out (protection lowered explicitly).
    pub dropped: Vec<String>,
    pub age_level: usize,
    pub recoded: usize,
    /// Per quasi-identifier, the values suppressed.
    pub suppressed: Vec<(String, usize)>,
    /// Answers hidden because they would give a suppressed or recoded value back.
    pub betrayed: usize,
    pub withheld: usize,
    pub sessions: usize,
    pub free_text: bool,
}

impl Disclosure {
    /// Every value changed: recoded bands, suppressed values, hidden answers.
    pub fn changed(&self) -> usize {
        self.recoded + self.suppressed.iter().map(|(_, n)| n).sum::<usize>() + self.betrayed
    }

    /// The settings and the changes, one sentence each, in `lang`.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        if self.k <= 1 {
            out.push(tr(lang, "export-dc-off"));
        } else {
            out.push(tr_args(
                lang,
                "export-dc-k",
                &[("k", Arg::Num(self.k as i64)), ("qis", Arg::Str(self.quasi_identifiers.join(", ")))],
            ));
        }
        if !self.dropped.is_empty() {
            out.push(tr_args(lang, "export-dc-dropped", &[("names", Arg::Str(self.dropped.join(", ")))]));
        }
        if self.recoded > 0 {
            let bands = if self.age_level == 1 { "6-12" } else { "6-17" };
            out.push(tr_args(
                lang,
                "export-dc-recoded",
                &[("bands", Arg::Str(bands.into())), ("count", Arg::Num(self.recoded as i64))],
            ));
        }
        for (qi, n) in self.suppressed.iter().filter(|(_, n)| *n > 0) {
            out.push(tr_args(
                lang,
                "export-dc-suppressed",
                &[("qi", Arg::Str(qi.clone())), ("count", Arg::Num(*n as i64))],
            ));
        }
        if self.betrayed > 0 {
            out.push(tr_args(lang, "export-dc-betrayed", &[("count", Arg::Num(self.betrayed as i64))]));
        }
        if self.withheld > 0 {
            out.push(tr_args(lang, "export-dc-withheld", &[("count", Arg::Num(self.withheld as i64))]));
        }
        out.push(tr_args(lang, "export-dc-changed", &[("count", Arg::Num(self.changed() as i64))]));
        out.push(tr(lang, if self.free_text { "export-dc-free-text-on" } else { "export-dc-free-text-off" }));
        out.push(tr(lang, "export-dc-minimised"));
        out
    }

    /// The settings as the audit log records them (C13): words, never a child's answer.
    pub fn audit_detail(&self) -> String {
        format!(
            "k={} qi={} dropped={} recoded={} suppressed={} hidden={} withheld={} free_text={}",
            self.k,
            self.quasi_identifiers.join(","),
            if self.dropped.is_empty() { "-".to_string() } else { self.dropped.join(",") },
            self.recoded,
            self.suppressed.iter().map(|(_, n)| n).sum::<usize>(),
            self.betrayed,
            self.withheld,
            if self.free_text { "yes" } else { "no" }
        )
    }
}

/// One quasi-identifier: a session fact (index into [`dataset::FACTS`]) or a question.
#[derive(Debug, Clone)]
enum Qi {
    Fact(usize),
    Question(String),
}

/// The protection planned for a form's finalised sessions.
pub struct Protected {
    pub dataset: Dataset,
    pub disclosure: Disclosure,
    /// The sessions the plan saw, ascending (a session finalised since is left out).
    planned: Vec<i64>,
    /// The sessions disclosure control changes or withholds (the others are released as they are).
    changed: HashMap<i64, RecordProtection>,
}

impl Protected {
    /// How many sessions the plan covers (released or withheld).
    pub fn by_session_len(&self) -> usize {
        self.planned.len()
    }

    /// The protection of one session: `None` when it is not to be released (withheld, or
    /// finalised after the plan was made).
    pub fn of(&self, session: i64) -> Option<std::borrow::Cow<'_, RecordProtection>> {
        match self.changed.get(&session) {
            Some(p) if p.withheld => None,
            Some(p) => Some(std::borrow::Cow::Borrowed(p)),
            None if self.planned.binary_search(&session).is_ok() => {
                Some(std::borrow::Cow::Owned(RecordProtection::default()))
            }
            None => None,
        }
    }
}

/// Reads the quasi-identifiers of every finalised session of `form_id` and plans their
/// protection (first pass). Values are planned as small codes (`disclosure::SUPPRESSED_CODE`
/// for a suppressed one), so memory stays a few bytes per session.
pub fn plan(store: &Store, form_id: &str, options: &ExportOptions) -> Result<Protected> {
    let names = crate::privacy::SiteSettings::load(store).map(|s| s.names).unwrap_or_default();
    let dataset =
        Dataset::new(store, form_id, options.labels, options.include_free_text, options.merge_age_variants, names)?;
    let fact = |name: &str| dataset::FACTS.iter().position(|f| *f == name);
    let question_qi = |name: &str| dataset.form.leaves().iter().any(|l| l.repeat.is_none() && l.node.name == name);
    let mut defaults: Vec<String> = dataset::DEFAULT_FACT_QIS.iter().map(|s| s.to_string()).collect();
    for leaf in dataset.form.leaves() {
        let n = leaf.node;
        if leaf.repeat.is_none() && (n.quasi_identifier || dataset::QI_QUESTION_NAMES.contains(&n.name.as_str())) {
            defaults.push(n.name.clone());
        }
    }
    let chosen: Vec<String> = match &options.quasi_identifiers {
        None => defaults.clone(),
        Some(list) => {
            for name in list {
                if fact(name).is_none_or(|f| f == 0) && !question_qi(name) {
                    return Err(StoreError::Export(format!(
                        "{name} is not a quasi-identifier this form can have: use age_band, site, language or a question of {form_id} outside a repeat"
                    )));
                }
            }
            list.clone()
        }
    };
    // The age band first: it is the one with a hierarchy to recode along.
    let mut qis: Vec<(String, Qi)> = Vec::new();
    for name in
        chosen.iter().filter(|n| n.as_str() == "age_band").chain(chosen.iter().filter(|n| n.as_str() != "age_band"))
    {
        if qis.iter().any(|(n, _)| n == name) {
            continue;
        }
        let qi = match fact(name) {
            Some(f) => Qi::Fact(f),
            None => Qi::Question(name.clone()),
        };
        qis.push((name.clone(), qi));
    }
    let age_first = qis.first().is_some_and(|(n, _)| n == "age_band");
    let betray_12 = std::sync::Arc::new(dataset.betraying_band("6-12"));
    let betray_17 = std::sync::Arc::new(dataset.betraying_band("6-17"));
    let dependents: Vec<std::sync::Arc<HashSet<String>>> = qis
        .iter()
        .map(|(_, q)| match q {
            Qi::Question(name) => dataset.dependents_of(name),
            Qi::Fact(_) => HashSet::new(),
        })
        .map(std::sync::Arc::new)
        .collect();

    // Each QI's values numbered; the age band by its fixed codes.
    let mut dict: Vec<Vec<String>> = vec![Vec::new(); qis.len()];
    let mut lookup: Vec<HashMap<String, u32>> = vec![HashMap::new(); qis.len()];
    if age_first {
        dict[0] = disclosure::BAND_CODES.iter().map(|b| b.to_string()).collect();
        lookup[0] = dict[0].iter().enumerate().map(|(i, b)| (b.clone(), i as u32)).collect();
    }
    let mut ids = Vec::new();
    let mut records: Vec<Vec<u32>> = Vec::new();
    // Per record, flat: answers betrayed by recoding to 6-12, to 6-17, then by suppressing each QI.
    let stride = 2 + qis.len();
    let mut costs: Vec<u32> = Vec::new();
    store.for_each_finalised(form_id, |s, answers| {
        ids.push(s.id);
        let record = qis
            .iter()
            .enumerate()
            .map(|(q, (_, qi))| {
                let value = qi_value(s, answers, qi);
                if let Some(code) = lookup[q].get(&value) {
                    return *code;
                }
                dict[q].push(value.clone());
                let code = dict[q].len() as u32 - 1;
                lookup[q].insert(value, code);
                code
            })
            .collect();
        records.push(record);
        let count = |set: &HashSet<String>| answers.keys().filter(|k| set.contains(parse_key(k).0)).count() as u32;
        costs.push(count(&betray_12));
        costs.push(count(&betray_17));
        costs.extend(dependents.iter().map(|d| count(d)));
        Ok(())
    })?;
    let recode_cost = |i: usize, band: &str| costs[i * stride + usize::from(band != "6-12")] as usize;
    let suppress_cost = |i: usize, q: usize| match &qis[q].1 {
        Qi::Fact(f) if dataset::FACTS[*f] == "age_band" => costs[i * stride + 1] as usize,
        _ => costs[i * stride + 2 + q] as usize,
    };
    let plan = disclosure::protect(&records, options.k.max(1), age_first, &recode_cost, &suppress_cost);

    let text = |q: usize, code: u32| -> String {
        if code == disclosure::SUPPRESSED_CODE {
            SUPPRESSED.to_string()
        } else {
            dict[q][code as usize].clone()
        }
    };
    let mut changed = HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        let mut p = RecordProtection { withheld: plan.withheld[i], ..Default::default() };
        let mut touched = p.withheld;
        for (q, (_, qi)) in qis.iter().enumerate() {
            let released = plan.released[i][q];
            if released == records[i][q] {
                continue;
            }
            touched = true;
            let value = text(q, released);
            match qi {
                Qi::Fact(f) => {
                    if dataset::FACTS[*f] == "age_band" {
                        p.hidden.push(if value == "6-12" { betray_12.clone() } else { betray_17.clone() });
                    }
                    p.facts.insert(*f, value);
                }
                Qi::Question(_) => p.hidden.push(dependents[q].clone()),
            }
        }
        if touched {
            changed.insert(*id, p);
        }
    }
    let defaults_dropped: Vec<String> = defaults.iter().filter(|d| !chosen.contains(d)).cloned().collect();
    let disclosure = Disclosure {
        k: options.k.max(1),
        quasi_identifiers: qis.iter().map(|(n, _)| n.clone()).collect(),
        dropped: defaults_dropped,
        age_level: plan.age_level,
        recoded: plan.recoded,
        suppressed: qis.iter().map(|(n, _)| n.clone()).zip(plan.suppressed.iter().copied()).collect(),
        betrayed: 0,
        withheld: plan.withheld_count(),
        sessions: ids.len() - plan.withheld_count(),
        free_text: options.include_free_text,
    };
    Ok(Protected { dataset, disclosure, planned: ids, changed })
}

fn qi_value(s: &SessionRecord, answers: &BTreeMap<String, Answer>, qi: &Qi) -> String {
    match qi {
        Qi::Fact(f) => match dataset::FACTS[*f] {
            "age_band" => s.age_band.code().to_string(),
            "site" => s.site.clone(),
            "language" => s.lang.code().to_string(),
            "form_version" => s.form_version.clone(),
            "started" => s.created_on().to_string(),
            _ => String::new(),
        },
        Qi::Question(name) => Dataset::qi_value(answers, name),
    }
}

/// Hands every released session's rows to `each`, in export order; counts the answers hidden
/// because they would betray a protected value into `disclosure.betrayed`.
pub fn each_released(
    store: &Store,
    protected: &mut Protected,
    mut each: impl FnMut(&Dataset, SessionRows) -> Result<()>,
) -> Result<()> {
    let mut betrayed = 0;
    let store_form = protected.dataset.form.id.clone();
    let this: &Protected = protected;
    store.for_each_finalised(&store_form, |s, answers| {
        let Some(p) = this.of(s.id) else { return Ok(()) };
        betrayed += answers.keys().filter(|k| p.hides(parse_key(k).0)).count();
        each(&this.dataset, this.dataset.rows(s, answers, &p))
    })?;
    protected.disclosure.betrayed = betrayed;
    Ok(())
}

/// What an export wrote.
#[derive(Debug, Clone)]
pub struct ExportSummary {
    pub sessions: usize,
    pub tables: usize,
    pub disclosure: Disclosure,
}

/// Progress of long work: (done, out of).
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// Exports the finalised sessions of `form_id` to `path`, atomically (a crash or a full disk
/// never leaves half a file where the coordinator expects a whole one).
pub fn export(
    store: &Store,
    form_id: &str,
    options: &ExportOptions,
    path: &Path,
    progress: Progress<'_>,
) -> Result<ExportSummary> {
    let mut protected = plan(store, form_id, options)?;
    let tables = protected.dataset.tables.len();
    write_file_atomically(path, |file| match options.format {
        Format::Csv => csv_out::write(store, &mut protected, file, progress),
        Format::Xlsx => xlsx_out::write(store, &mut protected, file, path, progress),
        Format::Json => json_out::write(store, &mut protected, file, progress),
    })?;
    Ok(ExportSummary { sessions: protected.disclosure.sessions, tables, disclosure: protected.disclosure })
}

/// Writes a file next to its destination, then renames it: a full disk or a crash never leaves
/// a half-written export where the coordinator expects a whole one.
pub fn write_file_atomically<T>(
    path: &std::path::Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<T>,
) -> Result<T> {
    let failed = |e: std::io::Error| StoreError::Export(format!("{}: {e}", path.display()));
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| StoreError::Export(format!("{}: the output path has no file name", path.display())))?;
    let tmp = dir.join(format!(".{name}.partial"));
    let result = (|| {
        let file = std::fs::File::create(&tmp).map_err(failed)?;
        let mut buf = std::io::BufWriter::new(file);
        let value = write(&mut buf)?;
        let file = buf.into_inner().map_err(|e| failed(e.into_error()))?;
        file.sync_all().map_err(failed)?;
        std::fs::rename(&tmp, path).map_err(failed)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn io_error(e: std::io::Error) -> StoreError {
    StoreError::Export(e.to_string())
}

#[cfg(test)]
mod tests;
