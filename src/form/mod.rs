//! Forms: the definition model, the built-in forms, and the checks a form must pass before a
//! child sees it.

mod model;

pub use model::{AgeBand, Choice, Form, Kind, Node, Text};

use std::collections::HashSet;

use crate::lang::Lang;

/// The forms shipped inside the binary, so a fresh install works with no files and no network.
pub const BUILTIN_FORMS: [&str; 2] =
    [include_str!("builtin/participation.json"), include_str!("builtin/advisory_committee.json")];

/// Parses and checks every built-in form. A broken built-in form is a bug caught by the tests.
pub fn builtin_forms() -> Vec<Form> {
    BUILTIN_FORMS
        .iter()
        .map(|json| {
            let form = Form::from_json(json).expect("built-in form parses");
            let errors: Vec<_> = form.check().into_iter().filter(|p| p.is_error()).collect();
            assert!(errors.is_empty(), "built-in form {} has errors: {errors:?}", form.id);
            form
        })
        .collect()
}

/// Something wrong or doubtful in a form.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub severity: Severity,
    /// The row the problem is on (its `name`), when it is on a row.
    pub row: Option<String>,
    /// Where in the source file (an XLSForm cell), when the form came from one.
    pub location: Option<Location>,
    pub message: String,
}

/// A cell of an XLSForm: sheet name, 1-based row as the spreadsheet shows it, column header
/// and letter, and for expressions the 0-based character position inside the cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub sheet: String,
    pub row: usize,
    pub column: Option<String>,
    pub position: Option<usize>,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "sheet '{}', row {}", self.sheet, self.row)?;
        if let Some(col) = &self.column {
            write!(f, ", column '{col}'")?;
        }
        if let Some(pos) = self.position {
            write!(f, ", character {}", pos + 1)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

impl Problem {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
    pub fn error(row: &str, message: String) -> Problem {
        Problem { severity: Severity::Error, row: Some(row.to_string()), location: None, message }
    }
    pub fn warning(row: &str, message: String) -> Problem {
        Problem { severity: Severity::Warning, row: Some(row.to_string()), location: None, message }
    }
    pub fn form_error(message: String) -> Problem {
        Problem { severity: Severity::Error, row: None, location: None, message }
    }
    /// The same problem, placed at a cell of the source file.
    pub fn at(mut self, location: Location) -> Problem {
        self.location = Some(location);
        self
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match (&self.location, &self.row) {
            (Some(loc), _) => write!(f, "{sev}: {loc}: {}", self.message),
            (None, Some(row)) => write!(f, "{sev}: row '{row}': {}", self.message),
            (None, None) => write!(f, "{sev}: {}", self.message),
        }
    }
}

/// A question as the engine sees it: a leaf row, with the group it sits in.
#[derive(Debug, Clone)]
pub struct Leaf<'a> {
    pub node: &'a Node,
    /// Index of the enclosing field-list group among the form's groups, when on a shared screen.
    pub screen_group: Option<usize>,
    /// `relevant` expressions of the enclosing groups, outermost first: the row is shown only
    /// when all of them and its own hold.
    pub group_conditions: Vec<&'a str>,
    /// Index of the enclosing repeat among [`Form::repeats`]; one level (nested repeats are refused).
    pub repeat: Option<usize>,
}

/// A repeat as the engine sees it: the row, and the `relevant` expressions of its enclosing
/// groups and its own, all of which must hold for the child to be offered it.
#[derive(Debug, Clone)]
pub struct Repeat<'a> {
    pub node: &'a Node,
    pub conditions: Vec<&'a str>,
}

/// The most instances a repeat can have: a child adding by mistake, or a `repeat_count` gone
/// wrong, must not make a tablet build thousands of screens.
pub const MAX_REPEAT_INSTANCES: usize = 50;

/// Words that suggest a field collects a direct identifier (C1).
const IDENTIFIER_HINTS: [&str; 12] =
    ["name", "nom", "nombre", "dob", "birth", "naissance", "phone", "telephone", "address", "gps", "photo", "geopoint"];

impl Form {
    pub fn from_json(json: &str) -> Result<Form, serde_json::Error> {
        serde_json::from_str(json)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a form always serialises")
    }

    /// Leaf rows in form order (groups flattened; a field-list group's rows share a screen).
    pub fn leaves(&self) -> Vec<Leaf<'_>> {
        self.walk().0
    }

    /// The repeats, in form order ([`Leaf::repeat`] indexes this).
    pub fn repeats(&self) -> Vec<Repeat<'_>> {
        self.walk().1
    }

    fn walk(&self) -> (Vec<Leaf<'_>>, Vec<Repeat<'_>>) {
        struct Walk<'a> {
            leaves: Vec<Leaf<'a>>,
            repeats: Vec<Repeat<'a>>,
            next_group: usize,
        }
        fn walk<'a>(
            nodes: &'a [Node],
            group: Option<usize>,
            repeat: Option<usize>,
            conditions: &[&'a str],
            out: &mut Walk<'a>,
        ) {
            for node in nodes {
                match node.kind {
                    Kind::Group | Kind::Repeat => {
                        let mut inner_conditions = conditions.to_vec();
                        inner_conditions.extend(node.relevant.as_deref());
                        let shared =
                            node.appearance.as_deref().is_some_and(|a| a.split_whitespace().any(|w| w == "field-list"));
                        let inner = if shared && group.is_none() {
                            out.next_group += 1;
                            Some(out.next_group - 1)
                        } else {
                            group
                        };
                        let inner_repeat = if node.kind == Kind::Repeat && repeat.is_none() {
                            out.repeats.push(Repeat { node, conditions: inner_conditions.clone() });
                            Some(out.repeats.len() - 1)
                        } else {
                            repeat
                        };
                        walk(&node.children, inner, inner_repeat, &inner_conditions, out);
                    }
                    _ => out.leaves.push(Leaf {
                        node,
                        screen_group: group,
                        group_conditions: conditions.to_vec(),
                        repeat,
                    }),
                }
            }
        }
        let mut out = Walk { leaves: Vec::new(), repeats: Vec::new(), next_group: 0 };
        walk(&self.body, None, None, &[], &mut out);
        (out.leaves, out.repeats)
    }

    /// The choices of a select question.
    pub fn choices(&self, node: &Node) -> &[Choice] {
        node.list.as_ref().and_then(|l| self.choice_lists.get(l)).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every problem found in the form: errors stop it from being used, warnings are advice.
    pub fn check(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.id.trim().is_empty() {
            problems.push(Problem::form_error("the form has no id".into()));
        }
        if !self.languages.contains(&self.default_language) {
            problems.push(Problem::form_error(format!(
                "the default language '{}' is not one of the form's languages",
                self.default_language
            )));
        }
        let mut names = HashSet::new();
        let mut all_rows = Vec::new();
        fn collect<'a>(nodes: &'a [Node], out: &mut Vec<&'a Node>) {
            for n in nodes {
                out.push(n);
                collect(&n.children, out);
            }
        }
        collect(&self.body, &mut all_rows);
        for node in &all_rows {
            if !names.insert(node.name.as_str()) {
                problems.push(Problem::error(&node.name, "the name is used by another row".into()));
            }
            if !is_valid_name(&node.name) {
                problems.push(Problem::error(
                    &node.name,
                    "a name must start with a letter or _ and hold only letters, digits, _, - and .".into(),
                ));
            }
            let shown = !matches!(node.kind, Kind::Calculate | Kind::Hidden | Kind::Group | Kind::Repeat);
            if shown {
                for lang in &self.languages {
                    if !node.label.has(*lang) {
                        problems.push(Problem::warning(
                            &node.name,
                            format!("no label in '{lang}': the '{}' label is shown instead", self.default_language),
                        ));
                    }
                }
                if node.label.is_empty() {
                    problems.push(Problem::error(&node.name, "the row has no label".into()));
                }
            }
            if matches!(node.kind, Kind::SelectOne | Kind::SelectMultiple) {
                match node.list.as_deref() {
                    None => problems.push(Problem::error(&node.name, "a select question needs a choice list".into())),
                    Some(list) => match self.choice_lists.get(list) {
                        None => problems
                            .push(Problem::error(&node.name, format!("the choice list '{list}' does not exist"))),
                        Some(choices) if choices.is_empty() => {
                            problems.push(Problem::error(&node.name, format!("the choice list '{list}' is empty")))
                        }
                        Some(choices) => {
                            let mut seen = HashSet::new();
                            for c in choices {
                                if !seen.insert(c.name.as_str()) {
                                    problems.push(Problem::error(
                                        &node.name,
                                        format!("choice '{}' appears twice in list '{list}'", c.name),
                                    ));
                                }
                                if node.kind == Kind::SelectMultiple && c.name.contains(char::is_whitespace) {
                                    problems.push(Problem::error(
                                        &node.name,
                                        format!("choice '{}' has a space, which select_multiple cannot store", c.name),
                                    ));
                                }
                            }
                        }
                    },
                }
            }
            if node.kind == Kind::Repeat {
                fn has_repeat(nodes: &[Node]) -> bool {
                    nodes.iter().any(|n| n.kind == Kind::Repeat || has_repeat(&n.children))
                }
                if has_repeat(&node.children) {
                    problems.push(Problem::error(
                        &node.name,
                        "a repeat inside a repeat is not supported: move the inner repeat out, or make it a group"
                            .into(),
                    ));
                }
                if node.children.is_empty() {
                    problems.push(Problem::error(&node.name, "the repeat has no rows".into()));
                }
            }
            if let (Some(min), Some(max)) = (node.min, node.max) {
                if min > max {
                    problems.push(Problem::error(&node.name, format!("min {min} is above max {max}")));
                }
            }
            if shown && node.kind != Kind::Note {
                let lower = node.name.to_lowercase();
                if let Some(word) =
                    IDENTIFIER_HINTS.iter().find(|w| lower.split(['_', '-', '.']).any(|part| part == **w))
                {
                    problems.push(Problem::warning(
                        &node.name,
                        format!("'{word}' looks like a direct identifier: forms must not ask a child's name, birth date, address, phone, location or photo (rule C1)"),
                    ));
                }
            }
        }
        problems
    }
}

fn is_valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The languages a session may use for this form, in the interface's order.
pub fn session_languages(form: &Form) -> Vec<Lang> {
    Lang::ALL.into_iter().filter(|l| form.languages.contains(l)).collect()
}
