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

/// The fixed columns that start every row.
const SESSION_HEADER: [&str; 7] =
    ["participant_code", "form_id", "form_version", "language", "age_band", "started", "finalised"];

/// One column per question in form order. Age-banded variants each keep their own column. A
/// repeat has a column for its instance count (named after it), then its questions once per
/// instance, `name[1]`, `name[2]`, ... (as many instances as the most any exported session
/// has: `instances[r]` for repeat r).
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
    let questions = exported_questions(store, &form, &sessions, options)?;
    let mut header: Vec<String> = SESSION_HEADER.map(String::from).to_vec();
    header.extend(questions.iter().cloned());
    w.write_record(&header).map_err(csv_error)?;
    for s in &sessions {
        let answers = store.answers(s.id)?;
        let mut row = session_cells(s);
        row.extend(questions.iter().map(|q| cell(answers.get(q)).to_string()));
        w.write_record(&row).map_err(csv_error)?;
    }
    w.flush().map_err(io_error)?;
    Ok(sessions.len())
}

/// The question columns of an export: the current version's, then those only older versions
/// had (their sessions are exported too, and none of their answers may be left out).
fn exported_questions(
    store: &Store,
    form: &Form,
    sessions: &[SessionRecord],
    options: &ExportOptions,
) -> Result<Vec<String>> {
    let instances_of = |f: &Form| -> Result<Vec<usize>> {
        f.repeats().iter().map(|r| store.most_instances(&f.id, &r.node.name)).collect()
    };
    let mut questions = question_columns(form, options, &instances_of(form)?);
    let older: std::collections::BTreeSet<&str> =
        sessions.iter().map(|s| s.form_version.as_str()).filter(|v| *v != form.version).collect();
    for version in older {
        let old = store.form_version(&form.id, version)?;
        for column in question_columns(&old, options, &instances_of(&old)?) {
            if !questions.contains(&column) {
                questions.push(column);
            }
        }
    }
    Ok(questions)
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

/// Writes a file next to its destination, then renames it: a full disk or a crash never leaves
/// a half-written export where the coordinator expects a whole one.
pub fn write_file_atomically<T>(
    path: &std::path::Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<T>,
) -> Result<T> {
    use crate::store::StoreError;
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

fn io_error(e: std::io::Error) -> crate::store::StoreError {
    crate::store::StoreError::Export(e.to_string())
}

fn csv_error(e: csv::Error) -> crate::store::StoreError {
    crate::store::StoreError::Export(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Survey;
    use crate::form::AgeBand;
    use crate::lang::Lang;
    use std::sync::Arc;

    fn form(version: &str, question: &str) -> Form {
        Form::from_json(&format!(
            r#"{{"id": "f", "version": "{version}", "title": {{"en": "F"}}, "default_language": "en", "languages": ["en"],
                "body": [{{"type": "integer", "name": "{question}", "label": {{"en": "Q"}}}},
                         {{"type": "integer", "name": "both", "label": {{"en": "B"}}}}]}}"#
        ))
        .unwrap()
    }

    fn finalised_session(store: &Store, form: &Form, answers: &[(&str, &str)]) {
        let record = store.start_session(form, Lang::En, AgeBand::Age8To12, &mut rand::rng()).unwrap();
        let mut survey = Survey::new(Arc::new(form.clone()), Lang::En, AgeBand::Age8To12);
        for (q, v) in answers {
            survey.revise(q, Answer::Value(v.to_string())).unwrap();
        }
        store.save_changes(record.id, &survey.drain_changes(), None).unwrap();
        store.finalise(record.id).unwrap();
    }

    #[test]
    fn sessions_of_an_older_version_keep_the_questions_it_had() {
        let store = Store::open_in_memory().unwrap();
        let v1 = form("1", "old_question");
        store.install_form(&v1, &[]).unwrap();
        finalised_session(&store, &v1, &[("old_question", "7"), ("both", "1")]);
        let v2 = form("2", "new_question");
        store.install_form(&v2, &[]).unwrap();
        finalised_session(&store, &v2, &[("new_question", "8"), ("both", "2")]);
        let mut out = Vec::new();
        assert_eq!(write_csv(&store, "f", &ExportOptions::default(), &mut out).unwrap(), 2);
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert!(lines[0].ends_with(",new_question,both,old_question"), "{}", lines[0]);
        let ends: Vec<String> =
            lines[1..].iter().map(|l| l.split(',').skip(SESSION_HEADER.len()).collect::<Vec<_>>().join(",")).collect();
        assert!(ends.contains(&",1,7".to_string()), "the old session keeps its old answer: {ends:?}");
        assert!(ends.contains(&"8,2,".to_string()), "{ends:?}");
    }
}
