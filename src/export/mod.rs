//! Coordinator exports of finalised sessions.
//!
//! What leaves the device is minimised (C10, C12): dates but no times of day, no device or
//! facilitator data, and free-text answers only when the coordinator asks for them.

use std::io::Write;

use crate::engine::{answer_key, Answer};
use crate::form::{Form, Kind, Node};
use crate::store::{Result, SessionRecord, Store};

/// What an exported cell holds for "I'd rather not say" and "I don't know": reserved words, so
/// an analyst can tell them from "not shown" (an empty cell).
pub const RATHER_NOT_SAY: &str = "rather_not_say";
pub const DONT_KNOW: &str = "dont_know";

#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Include free-text answers (left out by default, C12).
    pub include_free_text: bool,
}

/// The export's columns: fixed session columns, then one per question in form order.
/// Age-banded variants each keep their own column. A repeat has a column for its instance
/// count (named after it), then its questions once per instance, `name[1]`, `name[2]`, ...
/// (as many instances as the most any exported session has: `instances[r]` for repeat r).
pub fn columns(form: &Form, options: &ExportOptions, instances: &[usize]) -> Vec<String> {
    let mut cols: Vec<String> =
        ["participant_code", "form_id", "form_version", "language", "age_band", "started", "finalised"]
            .map(String::from)
            .to_vec();
    cols.extend(question_columns(form, options, instances));
    cols
}

fn question_columns(form: &Form, options: &ExportOptions, instances: &[usize]) -> Vec<String> {
    let exported = |n: &Node| n.kind != Kind::Note && (options.include_free_text || n.kind != Kind::Text);
    let leaves = form.leaves();
    let repeats = form.repeats();
    let mut cols = Vec::new();
    let mut i = 0;
    while i < leaves.len() {
        let Some(r) = leaves[i].repeat else {
            if exported(leaves[i].node) {
                cols.push(leaves[i].node.name.clone());
            }
            i += 1;
            continue;
        };
        let end = (i..leaves.len()).find(|&j| leaves[j].repeat != Some(r)).unwrap_or(leaves.len());
        cols.push(repeats[r].node.name.clone());
        for k in 1..=instances.get(r).copied().unwrap_or(0) {
            cols.extend(leaves[i..end].iter().filter(|l| exported(l.node)).map(|l| answer_key(&l.node.name, Some(k))));
        }
        i = end;
    }
    cols
}

fn cell(answer: Option<&Answer>) -> &str {
    match answer {
        None => "",
        Some(Answer::Value(v)) => v,
        Some(Answer::RatherNotSay) => RATHER_NOT_SAY,
        Some(Answer::DontKnow) => DONT_KNOW,
    }
}

/// Writes finalised sessions of `form_id` as CSV: UTF-8 with a byte-order mark so that Excel
/// shows Arabic, one row per session. Returns the number of rows written.
pub fn write_csv(store: &Store, form_id: &str, options: &ExportOptions, out: impl Write) -> Result<usize> {
    let form = store.form(form_id)?;
    let sessions = store.finalised_sessions_of(form_id)?;
    let mut out = out;
    out.write_all("\u{feff}".as_bytes()).map_err(io_error)?;
    let mut w = csv::Writer::from_writer(out);
    let instances: Vec<usize> =
        form.repeats().iter().map(|r| store.most_instances(form_id, &r.node.name)).collect::<Result<_>>()?;
    let questions = question_columns(&form, options, &instances);
    w.write_record(columns(&form, options, &instances)).map_err(csv_error)?;
    for s in &sessions {
        let answers = store.answers(s.id)?;
        let mut row = session_cells(s);
        row.extend(questions.iter().map(|q| cell(answers.get(q)).to_string()));
        w.write_record(&row).map_err(csv_error)?;
    }
    w.flush().map_err(io_error)?;
    Ok(sessions.len())
}

fn session_cells(s: &SessionRecord) -> Vec<String> {
    vec![
        s.code.clone(),
        s.form_id.clone(),
        s.form_version.clone(),
        s.lang.code().to_string(),
        s.age_band.code().to_string(),
        s.created_on().to_string(),
        s.finalised_at.map(|t| t.date_naive().to_string()).unwrap_or_default(),
    ]
}

fn io_error(e: std::io::Error) -> crate::store::StoreError {
    crate::store::StoreError::Export(e.to_string())
}

fn csv_error(e: csv::Error) -> crate::store::StoreError {
    crate::store::StoreError::Export(e.to_string())
}
