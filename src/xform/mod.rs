//! Forms as ODK XForms, and sessions as the OpenRosa instances that go with them.
//!
//! `forms xform` writes a form so that a coordinator can publish it on ODK Central or
//! KoboToolbox, and the uploader writes each finalised session as an instance of that same
//! XForm: both walk the form through [`Layout`], so the instance always has the shape the
//! server expects.
//!
//! Cercle's answer states are not ODK's: "I'd rather not say" and "I don't know" are choices a
//! child made, not blanks. Each question that offers them gets a sibling field `{name}_state`
//! (`answered`, `rather_not_say`, `dont_know`, empty when the question was not shown), so the
//! value keeps its type on the server (an integer stays an integer) and the state is a column
//! of its own in every export. The session's own facts (participant code, age band, language,
//! form version, start and finalise dates, never a time of day: C10) go in a `cercle` group.

mod reader;
mod writer;
mod xpath;

pub use reader::{read_xform, ReadXform, XformReadError, MAX_XFORM_BYTES};
pub use writer::{write_instance, write_xform, SessionFacts};

/// The namespace of what Cercle's XForms carry beyond XForms (answer states, age bands,
/// quasi-identifiers, bounds), so that [`read_xform`] gives back the model [`write_xform`] wrote.
pub const CERCLE_NS: &str = "urn:cercle:xforms:1";

use std::collections::HashMap;

use crate::form::{Form, Kind, Node};
use crate::lang::Lang;

/// The group holding the session's facts in every instance.
pub const SESSION_GROUP: &str = "cercle";
/// The fields of [`SESSION_GROUP`], in order.
pub const SESSION_FIELDS: [&str; 6] =
    ["participant_code", "age_band", "language", "form_version", "started", "finalised"];

/// Why a form cannot be written as an XForm.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum XformError {
    /// A question's state field would take the name of another row.
    #[error("the question '{0}' cannot be written: its state field '{0}_state' is already the name of another row")]
    StateNameTaken(String),
    /// A row would take the name of the session group.
    #[error("the row '{0}' has a name Cercle keeps for the session's facts")]
    ReservedName(String),
}

impl crate::i18n::UserMessage for XformError {
    fn message_in(&self, lang: Lang) -> String {
        match self {
            XformError::StateNameTaken(name) => {
                crate::i18n::tr_args(lang, "xform-state-name-taken", &[("name", name.as_str().into())])
            }
            XformError::ReservedName(name) => {
                crate::i18n::tr_args(lang, "xform-reserved-name", &[("name", name.as_str().into())])
            }
        }
    }
}

/// Whether a question keeps a `{name}_state` field: it offers a state other than an answer.
pub fn has_state_field(node: &Node) -> bool {
    answerable(node) && (node.rather_not_say || node.dont_know)
}

/// Rows a child answers (notes, calculations and groups hold no answer of the child's).
fn answerable(node: &Node) -> bool {
    !matches!(node.kind, Kind::Note | Kind::Calculate | Kind::Hidden | Kind::Group | Kind::Repeat | Kind::Acknowledge)
}

/// The instance's root element: the form id when it is a valid XML name (Collect does the
/// same with pyxform's forms), else `data`.
pub fn root_name(form: &Form) -> String {
    let mut chars = form.id.chars();
    let valid = matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if valid && !form.id.to_ascii_lowercase().starts_with("xml") {
        form.id.clone()
    } else {
        "data".to_string()
    }
}

/// Absolute XPath of every row, for turning `${name}` into a path.
pub struct Layout {
    pub root: String,
    paths: HashMap<String, String>,
}

impl Layout {
    pub fn of(form: &Form) -> Result<Layout, XformError> {
        let root = root_name(form);
        let mut paths = HashMap::new();
        fn walk(nodes: &[Node], prefix: &str, paths: &mut HashMap<String, String>) {
            for n in nodes {
                let path = format!("{prefix}/{}", n.name);
                walk(&n.children, &path, paths);
                paths.insert(n.name.clone(), path);
            }
        }
        walk(&form.body, &format!("/{root}"), &mut paths);
        for name in paths.keys() {
            if name == SESSION_GROUP || name == "meta" {
                return Err(XformError::ReservedName(name.clone()));
            }
        }
        fn check_states(nodes: &[Node], paths: &HashMap<String, String>) -> Result<(), XformError> {
            for n in nodes {
                if has_state_field(n) && paths.contains_key(&format!("{}_state", n.name)) {
                    return Err(XformError::StateNameTaken(n.name.clone()));
                }
                check_states(&n.children, paths)?;
            }
            Ok(())
        }
        check_states(&form.body, &paths)?;
        Ok(Layout { root, paths })
    }

    pub fn path(&self, name: &str) -> Option<&str> {
        self.paths.get(name).map(String::as_str)
    }

    /// An XLSForm expression as XForm XPath: each `${name}` becomes the row's absolute path
    /// (inside a repeat JavaRosa and Central read such a path in the current instance).
    /// Quoted strings are left as they are.
    pub fn xpath(&self, expr: &str) -> String {
        let mut out = String::with_capacity(expr.len() + 16);
        let mut rest = expr;
        let mut quote: Option<char> = None;
        while let Some(c) = rest.chars().next() {
            if let Some(q) = quote {
                out.push(c);
                if c == q {
                    quote = None;
                }
                rest = &rest[c.len_utf8()..];
                continue;
            }
            if c == '\'' || c == '"' {
                quote = Some(c);
            } else if rest.starts_with("${") {
                if let Some(end) = rest.find('}') {
                    let name = &rest[2..end];
                    match self.path(name) {
                        Some(p) => out.push_str(p),
                        None => out.push_str(&rest[..=end]),
                    }
                    rest = &rest[end + 1..];
                    continue;
                }
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        out
    }
}

/// How a language is named in itext: ODK's `Name (code)`, which Central, Collect and Enketo
/// read the code from (and so the direction: Arabic is right to left).
pub fn itext_language(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English (en)",
        Lang::Fr => "French (fr)",
        Lang::Es => "Spanish (es)",
        Lang::Ar => "Arabic (ar)",
    }
}

#[cfg(test)]
mod tests;
