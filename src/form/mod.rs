//! Forms: the definition model, the built-in forms, and the checks a form must pass before a
//! child sees it.

mod model;

pub use model::{AgeBand, Choice, Form, Kind, Node, Text};

use std::collections::HashSet;

use crate::lang::Lang;

/// The forms shipped inside the binary, so a fresh install works with no files and no network.
pub const BUILTIN_FORMS: [&str; 2] =
    [include_str!("builtin/participation.json"), include_str!("builtin/advisory_committee.json")];

/// The withdrawal notice sent to the server when a child withdraws after upload (C5). Not a
/// form a child answers, so it is not installed with the others: `forms xform` and the
/// uploader take it from here.
pub const WITHDRAWAL_FORM: &str = include_str!("builtin/withdrawal.json");

pub fn withdrawal_form() -> Form {
    Form::from_json(WITHDRAWAL_FORM).expect("the withdrawal form parses (tested)")
}

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
    /// What is wrong, as a Fluent key of `i18n/*/forms.ftl` and its arguments: see
    /// [`Problem::message_in`].
    pub text: Message,
}

/// Words to show in any language: a Fluent key of `i18n/*/forms.ftl` and its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, MessageArg)>,
}

/// An argument of a [`Message`].
#[derive(Debug, Clone, PartialEq)]
pub enum MessageArg {
    /// Shown as is (a name, a cell's text).
    Text(String),
    /// A count: selects plural forms.
    Number(i64),
    /// Words of their own, rendered in the same language.
    Message(Message),
}

impl Message {
    pub fn new(key: &'static str) -> Message {
        Message { key, args: Vec::new() }
    }

    /// The message with one more argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<MessageArg>) -> Message {
        self.args.push((name, value.into()));
        self
    }

    /// The text of an argument given as text.
    pub fn text_arg(&self, name: &str) -> Option<&str> {
        self.args.iter().find(|(n, _)| *n == name).and_then(|(_, v)| match v {
            MessageArg::Text(s) => Some(s.as_str()),
            _ => None,
        })
    }

    /// The message in `lang` (English where a translation is missing).
    pub fn render(&self, lang: Lang) -> String {
        let args: Vec<(&str, crate::i18n::Arg)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    MessageArg::Text(s) => crate::i18n::Arg::Str(s.clone()),
                    MessageArg::Number(n) => crate::i18n::Arg::Num(*n),
                    MessageArg::Message(m) => crate::i18n::Arg::Str(m.render(lang)),
                };
                (*name, value)
            })
            .collect();
        crate::i18n::tr_args(lang, self.key, &args)
    }
}

impl From<&str> for MessageArg {
    fn from(s: &str) -> MessageArg {
        MessageArg::Text(s.to_string())
    }
}
impl From<String> for MessageArg {
    fn from(s: String) -> MessageArg {
        MessageArg::Text(s)
    }
}
impl From<&String> for MessageArg {
    fn from(s: &String) -> MessageArg {
        MessageArg::Text(s.clone())
    }
}
impl From<usize> for MessageArg {
    fn from(n: usize) -> MessageArg {
        MessageArg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<i64> for MessageArg {
    fn from(n: i64) -> MessageArg {
        MessageArg::Number(n)
    }
}
impl From<Message> for MessageArg {
    fn from(m: Message) -> MessageArg {
        MessageArg::Message(m)
    }
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

impl Location {
    /// "sheet 'survey', row 3, column 'relevant', character 5", in `lang`.
    pub fn to_string_in(&self, lang: Lang) -> String {
        self.text().render(lang)
    }

    fn text(&self) -> Message {
        let mut text = Message::new("form-problem-location").arg("sheet", &self.sheet).arg("row", self.row.to_string());
        if let Some(col) = &self.column {
            text = Message::new("form-problem-location-column").arg("place", text).arg("column", col);
        }
        if let Some(pos) = self.position {
            text = Message::new("form-problem-location-character")
                .arg("place", text)
                .arg("character", pos.saturating_add(1).to_string());
        }
        text
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_string_in(Lang::En))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The Fluent selector value for this severity.
    fn code(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl Problem {
    /// A problem at no row and no cell yet (see [`Problem::at`]).
    pub fn new(severity: Severity, row: Option<String>, text: Message) -> Problem {
        Problem { severity, row, location: None, text }
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
    pub fn error(row: &str, text: Message) -> Problem {
        Problem::new(Severity::Error, Some(row.to_string()), text)
    }
    pub fn warning(row: &str, text: Message) -> Problem {
        Problem::new(Severity::Warning, Some(row.to_string()), text)
    }
    pub fn form_error(text: Message) -> Problem {
        Problem::new(Severity::Error, None, text)
    }
    /// The same problem, placed at a cell of the source file.
    pub fn at(mut self, location: Location) -> Problem {
        self.location = Some(location);
        self
    }
    /// The Fluent key of the message (`form-problem-...`).
    pub fn key(&self) -> &'static str {
        self.text.key
    }
    /// The message alone, in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        self.text.render(lang)
    }
    /// The message alone, in English.
    pub fn message(&self) -> String {
        self.message_in(Lang::En)
    }
    /// Place and message in `lang`, without the severity: for a sentence that already says
    /// "1 error:" before it.
    pub fn located_message_in(&self, lang: Lang) -> String {
        match (&self.location, &self.row) {
            (Some(loc), _) => format!("{}: {}", loc.text().render(lang), self.message_in(lang)),
            (None, Some(row)) => format!("'{row}': {}", self.message_in(lang)),
            (None, None) => self.message_in(lang),
        }
    }
    /// Severity, place and message in `lang`, as [`Display`](std::fmt::Display) gives them in
    /// English: "error: sheet 'survey', row 3, column 'relevant': ...".
    pub fn to_string_in(&self, lang: Lang) -> String {
        let (key, place) = match (&self.location, &self.row) {
            (Some(loc), _) => ("form-problem-line-at", Some(MessageArg::Message(loc.text()))),
            (None, Some(row)) => ("form-problem-line-row", Some(MessageArg::Text(row.clone()))),
            (None, None) => ("form-problem-line", None),
        };
        let mut line = Message::new(key).arg("severity", self.severity.code()).arg("message", self.message_in(lang));
        if let Some(place) = place {
            line = line.arg("place", place);
        }
        line.render(lang)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_string_in(Lang::En))
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

/// Words of a question's name, and phrases of its label in the four languages, that ask a
/// child's exact age.
const AGE_NAME_WORDS: [&str; 5] = ["age", "edad", "years", "ans", "umr"];
const AGE_LABEL_PHRASES: [&str; 12] = [
    "how old",
    "your age",
    "quel âge",
    "quel age",
    "ton âge",
    "votre âge",
    "cuántos años",
    "cuantos años",
    "qué edad",
    "tu edad",
    "كم عمر",
    "عمرك",
];

/// A number question asking the child's age: combined with the rest (site, gender, date), an
/// exact age identifies a child (C1). Cercle asks the age band instead, at the start.
fn asks_exact_age(node: &Node) -> bool {
    if !matches!(node.kind, Kind::Integer | Kind::Decimal | Kind::Range) {
        return false;
    }
    let name = node.name.to_lowercase();
    name.split(['_', '-', '.']).any(|part| AGE_NAME_WORDS.contains(&part))
        || node.label.0.values().any(|label| {
            let label = label.to_lowercase();
            AGE_LABEL_PHRASES.iter().any(|phrase| label.contains(phrase))
        })
}

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

    /// An answer as a person reads it: a select's choice labels in `lang` (the choice name when
    /// the list lacks it), joined with ", "; any other value as it is.
    pub fn shown_answer(&self, node: &Node, value: &str, lang: Lang) -> String {
        let choices = self.choices(node);
        if choices.is_empty() {
            return value.to_string();
        }
        value
            .split_whitespace()
            .map(|v| choices.iter().find(|c| c.name == v).map_or(v, |c| c.label.get(lang, self.default_language)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every problem found in the form: errors stop it from being used, warnings are advice.
    pub fn check(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.id.trim().is_empty() {
            problems.push(Problem::form_error(Message::new("form-problem-no-id")));
        }
        if !self.languages.contains(&self.default_language) {
            problems.push(Problem::form_error(
                Message::new("form-problem-default-language-not-in-form").arg("lang", self.default_language.code()),
            ));
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
                problems.push(Problem::error(&node.name, Message::new("form-problem-name-used")));
            }
            if !is_valid_name(&node.name) {
                problems.push(Problem::error(&node.name, Message::new("form-problem-name-invalid")));
            }
            let shown = !matches!(node.kind, Kind::Calculate | Kind::Hidden | Kind::Group | Kind::Repeat);
            if shown {
                for lang in &self.languages {
                    if !node.label.has(*lang) {
                        problems.push(Problem::warning(
                            &node.name,
                            Message::new("form-problem-no-label-in")
                                .arg("lang", lang.code())
                                .arg("default", self.default_language.code()),
                        ));
                    }
                }
                if node.label.is_empty() {
                    problems.push(Problem::error(&node.name, Message::new("form-problem-row-no-label")));
                }
            }
            if matches!(node.kind, Kind::SelectOne | Kind::SelectMultiple) {
                match node.list.as_deref() {
                    None => problems.push(Problem::error(&node.name, Message::new("form-problem-select-needs-list"))),
                    Some(list) => match self.choice_lists.get(list) {
                        None => problems.push(Problem::error(
                            &node.name,
                            Message::new("form-problem-list-missing").arg("list", list),
                        )),
                        Some(choices) if choices.is_empty() => problems.push(Problem::error(
                            &node.name,
                            Message::new("form-problem-list-empty").arg("list", list),
                        )),
                        Some(choices) => {
                            let mut seen = HashSet::new();
                            for c in choices {
                                if !seen.insert(c.name.as_str()) {
                                    problems.push(Problem::error(
                                        &node.name,
                                        Message::new("form-problem-choice-twice")
                                            .arg("choice", &c.name)
                                            .arg("list", list),
                                    ));
                                }
                                if node.kind == Kind::SelectMultiple && c.name.contains(char::is_whitespace) {
                                    problems.push(Problem::error(
                                        &node.name,
                                        Message::new("form-problem-choice-space").arg("choice", &c.name),
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
                    problems.push(Problem::error(&node.name, Message::new("form-problem-repeat-in-repeat")));
                }
                if node.children.is_empty() {
                    problems.push(Problem::error(&node.name, Message::new("form-problem-repeat-empty")));
                }
            }
            if let (Some(min), Some(max)) = (node.min, node.max) {
                if min > max {
                    problems.push(Problem::error(
                        &node.name,
                        Message::new("form-problem-min-above-max")
                            .arg("min", min.to_string())
                            .arg("max", max.to_string()),
                    ));
                }
            }
            if shown && node.kind != Kind::Note {
                let lower = node.name.to_lowercase();
                if let Some(word) =
                    IDENTIFIER_HINTS.iter().find(|w| lower.split(['_', '-', '.']).any(|part| part == **w))
                {
                    problems
                        .push(Problem::warning(&node.name, Message::new("form-problem-identifier").arg("word", *word)));
                }
                if asks_exact_age(node) {
                    problems.push(Problem::warning(&node.name, Message::new("form-problem-exact-age")));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn cell() -> Location {
        Location { sheet: "survey".into(), row: 3, column: Some("relevant".into()), position: Some(4) }
    }

    #[test]
    fn locations_in_every_language() {
        assert_eq!(cell().to_string(), "sheet 'survey', row 3, column 'relevant', character 5");
        let bare = Location { sheet: "choices".into(), row: 2, column: None, position: None };
        assert_eq!(bare.to_string(), "sheet 'choices', row 2");
        assert_eq!(cell().to_string_in(Lang::Fr), "feuille 'survey', ligne 3, colonne 'relevant', caractère 5");
        assert_eq!(cell().to_string_in(Lang::Es), "hoja 'survey', fila 3, columna 'relevant', carácter 5");
        assert_eq!(cell().to_string_in(Lang::Ar), "الورقة 'survey'، الصف 3، العمود 'relevant'، الحرف 5");
    }

    #[test]
    fn problems_read_as_before_in_english_and_translate() {
        let text = Message::new("form-problem-list-missing").arg("list", "faces");
        let placed = Problem::error("q1", text.clone()).at(cell());
        assert_eq!(placed.message(), "the choice list 'faces' does not exist");
        assert_eq!(placed.key(), "form-problem-list-missing");
        assert_eq!(
            placed.to_string(),
            "error: sheet 'survey', row 3, column 'relevant', character 5: the choice list 'faces' does not exist"
        );
        assert_eq!(placed.to_string_in(Lang::En), placed.to_string());
        assert_eq!(
            placed.to_string_in(Lang::Fr),
            "erreur : feuille 'survey', ligne 3, colonne 'relevant', caractère 5 : la liste de choix 'faces' n’existe pas"
        );
        let on_row = Problem::warning("q1", text.clone());
        assert_eq!(on_row.to_string(), "warning: row 'q1': the choice list 'faces' does not exist");
        assert!(on_row.to_string_in(Lang::Es).starts_with("advertencia: fila 'q1': la lista de opciones"));
        let whole = Problem::form_error(Message::new("form-problem-no-id"));
        assert_eq!(whole.to_string(), "error: the form has no id");
        assert!(whole.to_string_in(Lang::Ar).starts_with("خطأ: "), "{}", whole.to_string_in(Lang::Ar));
    }

    #[test]
    fn nested_messages_render_in_the_same_language() {
        let whose = Message::new("form-problem-expr-of-row").arg("column", "relevant").arg("row", "b");
        let text = Message::new("form-problem-expr-invalid").arg("whose", whose).arg("detail", "expected ')'");
        assert_eq!(text.render(Lang::En), "the relevant of 'b' is not a valid expression: expected ')'");
        assert_eq!(text.render(Lang::Fr), "la cellule relevant de 'b' n’est pas une expression valide : expected ')'");
    }

    #[test]
    fn check_messages_are_unchanged_in_english() {
        let mut form = builtin_forms().remove(0);
        form.id = String::new();
        let problems = form.check();
        let no_id = problems.iter().find(|p| p.key() == "form-problem-no-id").expect("reported");
        assert_eq!(no_id.message(), "the form has no id");
        assert_ne!(no_id.message_in(Lang::Fr), no_id.message());
    }
}

#[cfg(test)]
mod exact_age_tests {
    use super::*;

    fn with_question(kind: Kind, name: &str, label: &str) -> Vec<Problem> {
        let mut form = builtin_forms().into_iter().next().unwrap();
        let mut node = form.body.iter().find(|n| n.kind == Kind::Text).cloned().unwrap_or_else(|| {
            form.body.iter().flat_map(|n| n.children.iter()).find(|n| n.kind == Kind::Text).cloned().unwrap()
        });
        node.kind = kind;
        node.name = name.into();
        node.label = Text([(Lang::En, label.to_string())].into());
        node.relevant = None;
        form.body.push(node);
        form.check().into_iter().filter(|p| p.key() == "form-problem-exact-age").collect()
    }

    #[test]
    fn a_number_question_asking_the_exact_age_is_flagged() {
        assert_eq!(with_question(Kind::Integer, "q_years", "How old are you?").len(), 1);
        assert_eq!(with_question(Kind::Integer, "q7", "How old are you?").len(), 1, "by its label alone");
        assert_eq!(with_question(Kind::Integer, "child_age", "Tell us").len(), 1, "by its name alone");
        assert!(with_question(Kind::Integer, "friends", "How many friends do you have?").is_empty());
        assert!(with_question(Kind::Text, "q8", "How old is your school?").is_empty(), "only numbers");
    }
}
