//! The survey session engine: from a form and the answers so far, which screen is current, what
//! "next" and "back" do, how far along the child is, and whether an answer is acceptable.
//!
//! No Slint and no I/O here: the desktop UI, the CLI's `simulate` and the tests all drive this
//! one engine, and the caller persists each answer the moment the engine accepts it.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::expr::{self, Expr, Value};
use crate::form::{AgeBand, Form, Kind, Node};
use crate::lang::Lang;

/// What a child gave for one question. A question with no entry was not shown or not reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The answer in ODK's string form: a choice name, space-separated choice names for
    /// select_multiple, a decimal integer, or the text itself.
    Value(String),
    /// "I'd rather not say": a choice the child made, kept apart from "not shown".
    RatherNotSay,
    /// "I don't know" (offered on knowledge questions only).
    DontKnow,
}

impl Answer {
    /// The state as stored and exported.
    pub fn state(&self) -> &'static str {
        match self {
            Answer::Value(_) => "answered",
            Answer::RatherNotSay => "rather_not_say",
            Answer::DontKnow => "dont_know",
        }
    }

    pub fn from_state(state: &str, value: Option<String>) -> Option<Answer> {
        match state {
            "answered" => Some(Answer::Value(value.unwrap_or_default())),
            "rather_not_say" => Some(Answer::RatherNotSay),
            "dont_know" => Some(Answer::DontKnow),
            _ => None,
        }
    }

    pub fn value(&self) -> Option<&str> {
        match self {
            Answer::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// Why the engine refused an answer or a step.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("'{0}' is not a question on this screen")]
    NotOnScreen(String),
    #[error("'{question}' has no choice '{choice}'")]
    UnknownChoice { question: String, choice: String },
    #[error("'{question}' takes a whole number from {min} to {max}")]
    OutOfRange { question: String, min: i64, max: i64 },
    #[error("'{question}' takes a whole number")]
    NotANumber { question: String },
    #[error("'{question}' takes at most {max} characters")]
    TooLong { question: String, max: usize },
    #[error("'{0}' does not offer that answer")]
    NotOffered(String),
    #[error("'{0}' needs an answer (or \"I'd rather not say\")")]
    Required(String),
    #[error("the survey is already at its end")]
    AtEnd,
}

impl Refusal {
    /// The key of the interface message shown to the child for this refusal.
    pub fn message_key(&self) -> &'static str {
        match self {
            Refusal::Required(_) => "child-required",
            Refusal::OutOfRange { .. } | Refusal::NotANumber { .. } => "child-out-of-range",
            Refusal::TooLong { .. } => "child-too-long",
            _ => "child-not-accepted",
        }
    }
}

/// One screen of child mode: one question, or the rows of a field-list group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    /// Indexes into the form's leaves.
    pub leaves: Vec<usize>,
}

/// A child's survey in progress.
#[derive(Debug, Clone)]
pub struct Survey {
    form: Arc<Form>,
    lang: Lang,
    age_band: AgeBand,
    /// Leaf rows in form order, cloned once so screens can index them cheaply.
    leaves: Vec<Node>,
    /// Per leaf: its own and its groups' `relevant` expressions, parsed once. A form that failed
    /// to parse never gets installed (import checks it); an unparsable one here counts as true.
    conditions: Vec<Vec<Expr>>,
    /// Questions whose answers were cleared because they stopped being relevant; the caller
    /// removes them from the store (see [`Survey::drain_cleared`]).
    cleared: Vec<String>,
    screens: Vec<Screen>,
    answers: BTreeMap<String, Answer>,
    /// Current screen; `screens.len()` means the survey is at its end (the thank-you screen).
    position: usize,
}

impl Survey {
    pub fn new(form: Arc<Form>, lang: Lang, age_band: AgeBand) -> Survey {
        let leaves_ref = form.leaves();
        let mut screens: Vec<Screen> = Vec::new();
        let mut last_group = None;
        for (i, leaf) in leaves_ref.iter().enumerate() {
            let node = leaf.node;
            let for_band = node.age_bands.is_empty() || node.age_bands.contains(&age_band);
            let on_screen = !matches!(node.kind, Kind::Calculate | Kind::Hidden);
            if !(for_band && on_screen) {
                continue;
            }
            match (leaf.screen_group, last_group, screens.last_mut()) {
                (Some(g), Some(lg), Some(screen)) if g == lg => screen.leaves.push(i),
                _ => screens.push(Screen { leaves: vec![i] }),
            }
            last_group = leaf.screen_group;
        }
        let conditions = leaves_ref
            .iter()
            .map(|l| {
                l.group_conditions
                    .iter()
                    .copied()
                    .chain(l.node.relevant.as_deref())
                    .filter_map(|src| expr::parse(src).ok())
                    .collect()
            })
            .collect();
        let leaves = leaves_ref.iter().map(|l| l.node.clone()).collect();
        let lang = if form.languages.contains(&lang) { lang } else { form.default_language };
        Survey {
            form,
            lang,
            age_band,
            leaves,
            conditions,
            cleared: Vec::new(),
            screens,
            answers: BTreeMap::new(),
            position: 0,
        }
    }

    /// Picks up a stored survey exactly where it was left.
    pub fn resume(
        form: Arc<Form>,
        lang: Lang,
        age_band: AgeBand,
        answers: BTreeMap<String, Answer>,
        position: usize,
    ) -> Survey {
        let mut survey = Survey::new(form, lang, age_band);
        survey.answers = answers;
        survey.position = position.min(survey.screens.len());
        survey
    }

    pub fn form(&self) -> &Arc<Form> {
        &self.form
    }
    pub fn lang(&self) -> Lang {
        self.lang
    }
    pub fn age_band(&self) -> AgeBand {
        self.age_band
    }
    pub fn answers(&self) -> &BTreeMap<String, Answer> {
        &self.answers
    }
    pub fn position(&self) -> usize {
        self.position
    }
    pub fn screen_count(&self) -> usize {
        self.screens.len()
    }
    pub fn at_end(&self) -> bool {
        self.position >= self.screens.len()
    }
    pub fn can_go_back(&self) -> bool {
        self.position > 0
    }

    /// (screens done, screens in all): the end screen counts as all done.
    pub fn progress(&self) -> (usize, usize) {
        (self.position, self.screens.len())
    }

    /// The questions on the current screen; empty at the end.
    pub fn current(&self) -> Vec<&Node> {
        self.screens
            .get(self.position)
            .map(|s| s.leaves.iter().filter(|&&i| self.is_relevant(i)).map(|&i| &self.leaves[i]).collect())
            .unwrap_or_default()
    }

    /// Whether a leaf's `relevant` conditions (its groups' and its own) hold for the answers so far.
    fn is_relevant(&self, leaf: usize) -> bool {
        let ctx = Answers(&self.answers);
        self.conditions[leaf].iter().all(|c| c.eval_bool(&ctx))
    }

    fn screen_shown(&self, screen: usize) -> bool {
        self.screens[screen].leaves.iter().any(|&i| self.is_relevant(i))
    }

    /// Clears answers to questions that are no longer relevant (ODK does the same), until
    /// nothing changes: a cleared answer can make others irrelevant in turn.
    fn clear_irrelevant(&mut self) {
        loop {
            let gone: Vec<String> = (0..self.leaves.len())
                .filter(|&i| self.answers.contains_key(&self.leaves[i].name) && !self.is_relevant(i))
                .map(|i| self.leaves[i].name.clone())
                .collect();
            if gone.is_empty() {
                break;
            }
            for name in gone {
                self.answers.remove(&name);
                self.cleared.push(name);
            }
        }
    }

    /// Questions cleared since the last call, for the caller to delete from the store.
    pub fn drain_cleared(&mut self) -> Vec<String> {
        std::mem::take(&mut self.cleared)
    }

    pub fn answer_of(&self, question: &str) -> Option<&Answer> {
        self.answers.get(question)
    }

    fn on_current_screen(&self, question: &str) -> Result<&Node, Refusal> {
        self.current()
            .into_iter()
            .find(|n| n.name == question)
            .ok_or_else(|| Refusal::NotOnScreen(question.to_string()))
    }

    /// Checks an answer against its question without recording it.
    pub fn validate(&self, node: &Node, answer: &Answer) -> Result<Answer, Refusal> {
        let name = || node.name.clone();
        match answer {
            Answer::RatherNotSay if node.rather_not_say => Ok(Answer::RatherNotSay),
            Answer::DontKnow if node.dont_know => Ok(Answer::DontKnow),
            Answer::RatherNotSay | Answer::DontKnow => Err(Refusal::NotOffered(name())),
            Answer::Value(raw) => {
                let value = match node.kind {
                    Kind::Note | Kind::Group | Kind::Repeat => return Err(Refusal::NotOffered(name())),
                    Kind::SelectOne => {
                        let v = raw.trim();
                        self.check_choice(node, v)?;
                        v.to_string()
                    }
                    Kind::SelectMultiple => {
                        let mut picked: Vec<&str> = Vec::new();
                        for v in raw.split_whitespace() {
                            self.check_choice(node, v)?;
                            if !picked.contains(&v) {
                                picked.push(v);
                            }
                        }
                        // Stored in the choice list's order, so exports do not depend on tap order.
                        let order = self.form.choices(node);
                        picked.sort_by_key(|p| order.iter().position(|c| c.name == *p));
                        picked.join(" ")
                    }
                    Kind::Integer | Kind::Range => {
                        let n: i64 = raw.trim().parse().map_err(|_| Refusal::NotANumber { question: name() })?;
                        let (min, max) = (node.min.unwrap_or(i64::MIN), node.max.unwrap_or(i64::MAX));
                        if n < min || n > max {
                            return Err(Refusal::OutOfRange { question: name(), min, max });
                        }
                        n.to_string()
                    }
                    Kind::Text => {
                        let t = raw.trim();
                        if let Some(max) = node.max_length {
                            if t.chars().count() > max {
                                return Err(Refusal::TooLong { question: name(), max });
                            }
                        }
                        t.to_string()
                    }
                    _ => raw.trim().to_string(),
                };
                Ok(Answer::Value(value))
            }
        }
    }

    fn check_choice(&self, node: &Node, value: &str) -> Result<(), Refusal> {
        if self.form.choices(node).iter().any(|c| c.name == value) {
            Ok(())
        } else {
            Err(Refusal::UnknownChoice { question: node.name.clone(), choice: value.to_string() })
        }
    }

    /// Records an answer to a question on the current screen and returns it in its stored form.
    /// An empty value (an emptied text box, an unticked last card) clears the answer: `None`.
    pub fn answer(&mut self, question: &str, answer: Answer) -> Result<Option<Answer>, Refusal> {
        let node = self.on_current_screen(question)?.clone();
        self.set(&node, answer)
    }

    /// The facilitator's correction of an answer already given (a redaction before finalising):
    /// any question the child was shown, wherever the survey stands.
    pub fn revise(&mut self, question: &str, answer: Answer) -> Result<Option<Answer>, Refusal> {
        let node = self
            .screens
            .iter()
            .flat_map(|s| s.leaves.iter().copied())
            .find(|&i| self.leaves[i].name == question && self.is_relevant(i))
            .map(|i| self.leaves[i].clone())
            .ok_or_else(|| Refusal::NotOnScreen(question.to_string()))?;
        self.set(&node, answer)
    }

    fn set(&mut self, node: &Node, answer: Answer) -> Result<Option<Answer>, Refusal> {
        let accepted = if matches!(&answer, Answer::Value(v) if v.trim().is_empty()) {
            self.answers.remove(&node.name);
            None
        } else {
            let accepted = self.validate(node, &answer)?;
            self.answers.insert(node.name.clone(), accepted.clone());
            Some(accepted)
        };
        self.clear_irrelevant();
        Ok(accepted)
    }

    /// Moves on, unless a required question on this screen has no answer at all.
    pub fn next(&mut self) -> Result<(), Refusal> {
        if self.at_end() {
            return Err(Refusal::AtEnd);
        }
        if let Some(missing) = self
            .current()
            .into_iter()
            .find(|n| n.required && n.kind != Kind::Note && !self.answers.contains_key(&n.name))
        {
            return Err(Refusal::Required(missing.name.clone()));
        }
        self.position += 1;
        // Screens whose questions are all irrelevant now are passed over.
        while self.position < self.screens.len() && !self.screen_shown(self.position) {
            self.position += 1;
        }
        Ok(())
    }

    /// Goes back one screen; answers stay.
    pub fn back(&mut self) -> bool {
        let mut to = self.position;
        while to > 0 {
            to -= 1;
            if self.screen_shown(to) {
                self.position = to;
                return true;
            }
        }
        false
    }

    /// Jumps to a screen (the facilitator's review, or a screenshot of screen N).
    pub fn go_to(&mut self, position: usize) {
        self.position = position.min(self.screens.len());
    }

    /// Questions that count for "answered" totals: every shown row but notes.
    pub fn question_names(&self) -> Vec<&str> {
        self.screens
            .iter()
            .flat_map(|s| s.leaves.iter().map(|&i| &self.leaves[i]))
            .filter(|n| n.kind != Kind::Note)
            .map(|n| n.name.as_str())
            .collect()
    }
}

/// The answers as the expression language reads them: a value, or "" when unanswered,
/// skipped ("rather not say") or "don't know".
struct Answers<'a>(&'a BTreeMap<String, Answer>);

impl expr::Context for Answers<'_> {
    fn value(&self, name: &str) -> Value {
        Value::String(self.0.get(name).and_then(Answer::value).unwrap_or("").to_string())
    }
}

#[cfg(test)]
mod tests;
