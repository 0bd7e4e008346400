//! XLSForm import: a form written in a spreadsheet (ODK, KoboToolbox) becomes a [`Form`].
//!
//! The reader accepts a subset of XLSForm, the part that fits surveys of children; anything
//! outside it is refused with an error at its cell rather than silently dropped, because a
//! dropped skip rule or constraint changes what children are asked. Every problem carries the
//! sheet, the spreadsheet row, the column header and, for expressions, the character, so that a
//! coordinator can fix the spreadsheet without help.
//!
//! A form with errors is still returned (so `forms check` can list every problem at once);
//! callers must refuse to install it. Expressions are checked with [`crate::expr`], the parser
//! the engine runs, so a form that imports cleanly is one the engine can evaluate.

mod columns;
mod reader;
mod sheet;
mod source;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::form::{Form, Location, Problem};
use crate::i18n::tr_args;
use crate::lang::Lang;

/// A form read from an XLSForm, with its media and everything doubtful about it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub form: Form,
    /// Media files by file name (the name XLSForm cells use), sorted by name.
    pub media: Vec<(String, Vec<u8>)>,
    /// The reader's own problems, in sheet and row order (see [`check`] for all of them).
    pub problems: Vec<Problem>,
}

/// A file that cannot be read as an XLSForm at all. Anything wrong *inside* a readable form is
/// a [`Problem`] instead.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}: no such file")]
    NotFound(PathBuf),
    #[error("{path}: cannot be read: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{0}: not an .xlsx or .xls spreadsheet, nor a .zip holding one")]
    NotASpreadsheet(PathBuf),
    #[error("{path}: the spreadsheet is damaged and cannot be read ({reason})")]
    Unreadable { path: PathBuf, reason: String },
    #[error("{0}: the spreadsheet has no 'survey' sheet, so it is not an XLSForm")]
    NoSurveySheet(PathBuf),
    #[error("{0}: the zip holds no .xlsx spreadsheet")]
    NoSpreadsheetInZip(PathBuf),
    #[error("{path}: the zip holds several spreadsheets ({}): put one form per zip", .names.join(", "))]
    SeveralSpreadsheetsInZip { path: PathBuf, names: Vec<String> },
    #[error("{0}: the zip is damaged and cannot be read")]
    BadZip(PathBuf),
    #[error("{name} is too large (over {limit_mb} MB)")]
    TooLarge { name: String, limit_mb: u64 },
    /// A small file that unpacks to more than a tablet can afford (a zip bomb, or damage).
    #[error("{name} unpacks to more than {limit_mb} MB: it is refused (it is damaged, or made to exhaust the device). A real form is far smaller.")]
    Expands { name: String, limit_mb: u64 },
}

/// What is wrong with the file, in `lang` ([`Display`](std::fmt::Display) gives it in
/// English). Details from the system or the spreadsheet library stay as they come.
impl crate::i18n::UserMessage for ImportError {
    fn message_in(&self, lang: Lang) -> String {
        let shown = |path: &Path| path.display().to_string();
        let (key, args): (&str, Vec<(&str, crate::i18n::Arg)>) = match self {
            ImportError::NotFound(path) => ("form-import-not-found", vec![("file", shown(path).into())]),
            ImportError::Io { path, source } => {
                ("form-import-io", vec![("file", shown(path).into()), ("detail", source.to_string().into())])
            }
            ImportError::NotASpreadsheet(path) => ("form-import-not-a-spreadsheet", vec![("file", shown(path).into())]),
            ImportError::Unreadable { path, reason } => {
                ("form-import-unreadable", vec![("file", shown(path).into()), ("detail", reason.clone().into())])
            }
            ImportError::NoSurveySheet(path) => ("form-import-no-survey-sheet", vec![("file", shown(path).into())]),
            ImportError::NoSpreadsheetInZip(path) => {
                ("form-import-no-spreadsheet-in-zip", vec![("file", shown(path).into())])
            }
            ImportError::SeveralSpreadsheetsInZip { path, names } => (
                "form-import-several-spreadsheets-in-zip",
                vec![("file", shown(path).into()), ("names", names.join(", ").into())],
            ),
            ImportError::BadZip(path) => ("form-import-bad-zip", vec![("file", shown(path).into())]),
            ImportError::Expands { name, limit_mb } => (
                "form-import-expands",
                vec![("file", name.clone().into()), ("limit", i64::try_from(*limit_mb).unwrap_or(i64::MAX).into())],
            ),
            ImportError::TooLarge { name, limit_mb } => (
                "form-import-too-large",
                vec![("file", name.clone().into()), ("limit", i64::try_from(*limit_mb).unwrap_or(i64::MAX).into())],
            ),
        };
        tr_args(lang, key, &args)
    }
}

/// Reads an XLSForm: an `.xlsx`; a `.zip` holding one `.xlsx` and its media (any folder depth);
/// or an `.xlsx` with its media in `{stem}-media/` or `media/` beside it.
pub fn import(path: &Path) -> Result<Imported, ImportError> {
    let source = source::load(path)?;
    let outcome = reader::read(path, &source)?;
    let mut problems = outcome.problems;
    sort(&mut problems, &outcome.column_order);
    Ok(Imported { form: outcome.form, media: source.media.into_iter().collect(), problems })
}

/// Every problem of an XLSForm: the reader's and [`Form::check`]'s, each once, in sheet and row
/// order (problems about the whole form last).
pub fn check(path: &Path) -> Result<Vec<Problem>, ImportError> {
    let source = source::load(path)?;
    let outcome = reader::read(path, &source)?;
    let mut problems = outcome.problems.clone();
    for problem in outcome.form.check() {
        if covered(&problem, &outcome.problems) {
            continue;
        }
        let problem = place(problem, &outcome);
        if !problems.contains(&problem) {
            problems.push(problem);
        }
    }
    sort(&mut problems, &outcome.column_order);
    Ok(problems)
}

/// `Form::check` messages the reader reports itself, with both rows and the cell.
const COVERED: [&str; 4] =
    ["form-problem-name-used", "form-problem-name-invalid", "form-problem-list-missing", "form-problem-list-empty"];

fn covered(problem: &Problem, reader: &[Problem]) -> bool {
    problem.row.is_some()
        && COVERED.contains(&problem.key())
        && reader.iter().any(|r| r.is_error() && r.row == problem.row)
}

/// Puts a `Form::check` problem on the survey row it is about, and on the column when the
/// message says which.
fn place(mut problem: Problem, outcome: &reader::Outcome) -> Problem {
    if problem.row.is_none() && problem.key() == "form-problem-default-language-not-in-form" {
        problem.location = outcome.default_language_cell.clone();
        return problem;
    }
    let Some(row) = problem.row.as_ref().and_then(|name| outcome.rows.get(name)) else {
        return problem;
    };
    let label_in = |lang: Option<Lang>| {
        lang.and_then(|l| outcome.label_columns.get(&l)).or_else(|| outcome.label_columns.values().next()).cloned()
    };
    let column = match problem.key() {
        "form-problem-no-label-in" => label_in(problem.text.text_arg("lang").and_then(Lang::from_code)),
        "form-problem-row-no-label" => label_in(Some(outcome.form.default_language)),
        "form-problem-identifier" => Some("name".to_string()),
        _ => None,
    };
    problem.location = Some(Location { sheet: outcome.survey_sheet.clone(), row: *row, column, position: None });
    problem
}

/// Sheet order (survey, choices, settings, others), then row, then column as in the sheet.
fn sort(problems: &mut [Problem], column_order: &HashMap<(String, String), usize>) {
    problems.sort_by_key(|p| match &p.location {
        None => (1, 0, 0, 0, 0),
        Some(at) => {
            let sheet = match at.sheet.trim().to_lowercase().as_str() {
                "survey" => 0,
                "choices" => 1,
                "settings" => 2,
                _ => 3,
            };
            let column = match &at.column {
                None => 0,
                Some(header) => {
                    column_order.get(&(at.sheet.clone(), header.clone())).map_or(usize::MAX, |i| i.saturating_add(1))
                }
            };
            (0, sheet, at.row, column, at.position.unwrap_or(0))
        }
    });
}
