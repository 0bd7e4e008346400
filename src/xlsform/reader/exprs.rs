//! Expression cells: each is parsed with `crate::expr` (the engine's own parser, so the reader
//! accepts exactly what the engine can run) and every `${name}` must be a row of the form.

use std::collections::HashSet;

use super::Reader;
use crate::expr;
use crate::form::{Location, Message};

/// How an expression cell is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExprRole {
    Plain,
    /// `choice_filter`: bare names are columns of the choices sheet.
    ChoiceFilter,
    /// `read_only` written as an expression: valid or not, not supported yet.
    ReadOnly,
}

/// One expression cell waiting to be checked.
#[derive(Debug, Clone)]
pub(crate) struct ExprCell {
    pub location: Location,
    /// The survey row's name; None for settings.
    pub row: Option<String>,
    /// The column header, as the messages name it.
    pub column: String,
    pub text: String,
    pub role: ExprRole,
}

/// A `default` is an expression when it calls a function or reads a question; otherwise it is a
/// literal answer (`yes`, `3`, `2024-01-31`).
pub(crate) fn looks_like_expression(text: &str) -> bool {
    text.contains("${") || text.contains('(')
}

pub(crate) fn validate(reader: &mut Reader, names: &HashSet<String>, ignored: &HashSet<String>) {
    for cell in std::mem::take(&mut reader.exprs) {
        let whose = match &cell.row {
            Some(name) => Message::new("form-problem-expr-of-row").arg("column", &cell.column).arg("row", name),
            None => Message::new("form-problem-expr-of-setting").arg("column", &cell.column),
        };
        let parsed = match cell.role {
            ExprRole::ChoiceFilter => expr::parse_choice_filter(&cell.text),
            _ => expr::parse(&cell.text),
        };
        let row = cell.row.as_deref();
        let parsed = match parsed {
            Ok(parsed) => parsed,
            Err(e) => {
                let mut at = cell.location.clone();
                at.position = Some(e.position);
                let text = match expr::unsupported_function(&e) {
                    Some(function) => Message::new("form-problem-function-unsupported")
                        .arg("whose", whose.clone())
                        .arg("function", function),
                    // The character is in the location, which every display of a problem shows.
                    None => {
                        Message::new("form-problem-expr-invalid").arg("whose", whose.clone()).arg("detail", e.message)
                    }
                };
                reader.error(at, row, text);
                continue;
            }
        };
        for name in parsed.references() {
            if names.contains(&name) {
                continue;
            }
            let mut at = cell.location.clone();
            at.position = char_offset(&cell.text, &format!("${{{name}}}"));
            let key = if ignored.contains(&name) {
                "form-problem-expr-uses-metadata"
            } else {
                "form-problem-expr-uses-unknown"
            };
            let text = Message::new(key)
                .arg("whose", whose.clone())
                .arg("reference", format!("${{{name}}}"))
                .arg("name", name);
            reader.error(at, row, text);
        }
        if cell.role == ExprRole::ReadOnly {
            reader.error(
                cell.location.clone(),
                row,
                Message::new("form-problem-read-only-expression").arg("row", cell.row.as_deref().unwrap_or("")),
            );
        }
    }
}

/// Where `needle` starts in `text`, in characters (as `Location::position` counts).
fn char_offset(text: &str, needle: &str) -> Option<usize> {
    text.find(needle).and_then(|byte| text.get(..byte)).map(|before| before.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_characters() {
        assert_eq!(char_offset("é ${a}", "${a}"), Some(2));
        assert_eq!(char_offset("x", "${a}"), None);
    }

    #[test]
    fn defaults() {
        assert!(looks_like_expression("today()"));
        assert!(looks_like_expression("${age}"));
        assert!(!looks_like_expression("yes"));
        assert!(!looks_like_expression("2024-01-31"));
    }
}
