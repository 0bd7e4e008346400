//! The survey session engine: from a form and the answers so far, which screen is current, what
//! "next" and "back" do, how far along the child is, and whether an answer is acceptable.
//!
//! No Slint and no I/O here: the desktop UI, the CLI's `simulate` and the tests all drive this
//! one engine, and the caller persists each answer the moment the engine accepts it.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::expr::{self, Expr, Value};
use crate::form::{AgeBand, Choice, Form, Kind, Node};
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
    #[error("'{0}' does not accept that answer (its constraint)")]
    Constraint(String),
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
    /// Per leaf, its expressions parsed once. A form whose expressions do not parse is never
    /// installed (import checks them); an unparsable one here is treated as absent.
    logic: Vec<Logic>,
    /// Leaf index by row name.
    index: HashMap<String, usize>,
    /// Per leaf, the leaves whose `relevant` or `calculation` reads it: after an answer only
    /// these are re-evaluated (and theirs in turn), not the whole form.
    dependents: Vec<Vec<usize>>,
    /// Answers the engine changed by itself (cleared when no longer relevant, calculated,
    /// defaulted) since the caller last asked; the caller writes them to the store
    /// (see [`Survey::drain_changes`]).
    changes: Vec<(String, Option<Answer>)>,
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
        let parse = |src: Option<&str>| src.and_then(|e| expr::parse(e).ok());
        let logic: Vec<Logic> = leaves_ref
            .iter()
            .map(|l| Logic {
                conditions: l
                    .group_conditions
                    .iter()
                    .copied()
                    .chain(l.node.relevant.as_deref())
                    .filter_map(|src| expr::parse(src).ok())
                    .collect(),
                constraint: parse(l.node.constraint.as_deref()),
                calculation: parse(l.node.calculation.as_deref()),
                choice_filter: l.node.choice_filter.as_deref().and_then(|e| expr::parse_choice_filter(e).ok()),
            })
            .collect();
        let index: HashMap<String, usize> =
            leaves_ref.iter().enumerate().map(|(i, l)| (l.node.name.clone(), i)).collect();
        let mut dependents = vec![Vec::new(); leaves_ref.len()];
        for (i, l) in logic.iter().enumerate() {
            let refs = l.conditions.iter().chain(&l.calculation).flat_map(|e| e.references());
            for name in refs {
                if let Some(&source) = index.get(&name) {
                    if !dependents[source].contains(&i) {
                        dependents[source].push(i);
                    }
                }
            }
        }
        let leaves = leaves_ref.iter().map(|l| l.node.clone()).collect();
        let lang = if form.languages.contains(&lang) { lang } else { form.default_language };
        let mut survey = Survey {
            form,
            lang,
            age_band,
            leaves,
            logic,
            index,
            dependents,
            changes: Vec::new(),
            screens,
            answers: BTreeMap::new(),
            position: 0,
        };
        survey.apply_defaults();
        survey.settle();
        survey
    }

    /// Fills in each row's `default` for a new survey: a literal, or an expression such as
    /// `today()`. A default the question would refuse is left out.
    fn apply_defaults(&mut self) {
        for i in 0..self.leaves.len() {
            let Some(src) = self.leaves[i].default.clone() else { continue };
            let for_band = self.leaves[i].age_bands.is_empty() || self.leaves[i].age_bands.contains(&self.age_band);
            if !for_band || src.trim().is_empty() {
                continue;
            }
            let value = match expr::parse(&src) {
                Ok(e) if src.contains('(') || src.contains('$') => e.eval_string(&self.context(None, None)),
                _ => src.trim().to_string(),
            };
            if let Ok(accepted) = self.validate(&self.leaves[i], &Answer::Value(value)) {
                self.answers.insert(self.leaves[i].name.clone(), accepted.clone());
                self.changes.push((self.leaves[i].name.clone(), Some(accepted)));
            }
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
        // The stored answers are the truth: defaults and calculations already reached the store.
        survey.answers = answers;
        survey.changes.clear();
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
        let ctx = self.context(None, None);
        self.logic[leaf].conditions.iter().all(|c| c.eval_bool(&ctx))
    }

    /// The expression context over the answers so far; `current` is `.`, `choice` the choice a
    /// choice filter is testing.
    fn context<'a>(&'a self, current: Option<&'a str>, choice: Option<&'a Choice>) -> Answers<'a> {
        Answers { survey: self, current, choice }
    }

    /// The choices a select question offers now: its list, narrowed by its `choice_filter`.
    pub fn choices(&self, node: &Node) -> Vec<&Choice> {
        let all = self.form.choices(node);
        let filter = self.index.get(&node.name).and_then(|&i| self.logic[i].choice_filter.as_ref());
        match filter {
            None => all.iter().collect(),
            Some(f) => all.iter().filter(|c| f.eval_bool(&self.context(None, Some(c)))).collect(),
        }
    }

    /// The form's own message for a refusal (its `constraint_message` or `required_message` in
    /// the session language), when it has one.
    pub fn form_message(&self, refusal: &Refusal) -> Option<String> {
        let (name, constraint) = match refusal {
            Refusal::Constraint(q) => (q, true),
            Refusal::Required(q) => (q, false),
            _ => return None,
        };
        let node = &self.leaves[*self.index.get(name)?];
        let text = if constraint { &node.constraint_message } else { &node.required_message };
        Some(text.get(self.lang, self.form.default_language).to_string()).filter(|t| !t.trim().is_empty())
    }

    /// Recomputes calculations and clears answers that stopped applying, until nothing changes
    /// (each can feed the other). Bounded, so a circular form cannot hang a child's tablet.
    fn settle(&mut self) {
        for _ in 0..=self.leaves.len().min(64) {
            let calculated = self.recalculate();
            let cleared = self.clear_irrelevant();
            if !calculated && !cleared {
                break;
            }
        }
    }

    /// Evaluates every relevant calculate row; returns whether any value changed.
    fn recalculate(&mut self) -> bool {
        let mut changed = false;
        for i in 0..self.leaves.len() {
            let Some(calc) = &self.logic[i].calculation else { continue };
            if !self.is_relevant(i) {
                continue;
            }
            let value = calc.eval_string(&self.context(None, None));
            let name = self.leaves[i].name.clone();
            let new = (!value.is_empty()).then(|| Answer::Value(value));
            if self.answers.get(&name) != new.as_ref() {
                match &new {
                    Some(a) => self.answers.insert(name.clone(), a.clone()),
                    None => self.answers.remove(&name),
                };
                self.changes.push((name, new));
                changed = true;
            }
        }
        changed
    }

    fn screen_shown(&self, screen: usize) -> bool {
        self.screens[screen].leaves.iter().any(|&i| self.is_relevant(i))
    }

    /// Clears answers to questions that are no longer relevant (ODK does the same), until
    /// nothing changes: a cleared answer can make others irrelevant in turn.
    fn clear_irrelevant(&mut self) -> bool {
        let mut any = false;
        loop {
            let gone: Vec<String> = (0..self.leaves.len())
                .filter(|&i| self.answers.contains_key(&self.leaves[i].name) && !self.is_relevant(i))
                .map(|i| self.leaves[i].name.clone())
                .collect();
            if gone.is_empty() {
                return any;
            }
            for name in gone {
                self.answers.remove(&name);
                self.changes.push((name, None));
                any = true;
            }
        }
    }

    /// Answers the engine set or cleared by itself since the last call, in order, for the
    /// caller to write to the store (`None`: delete).
    pub fn drain_changes(&mut self) -> Vec<(String, Option<Answer>)> {
        std::mem::take(&mut self.changes)
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
                let constraint = self.index.get(&node.name).and_then(|&i| self.logic[i].constraint.as_ref());
                if let Some(c) = constraint {
                    if !c.eval_bool(&self.context(Some(&value), None)) {
                        return Err(Refusal::Constraint(node.name.clone()));
                    }
                }
                Ok(Answer::Value(value))
            }
        }
    }

    fn check_choice(&self, node: &Node, value: &str) -> Result<(), Refusal> {
        if self.choices(node).iter().any(|c| c.name == value) {
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
        if let Some(&i) = self.index.get(&node.name) {
            self.propagate(i);
        }
        Ok(accepted)
    }

    /// Re-evaluates what depends on a changed answer, and what depends on that, breadth first:
    /// calculations get their new value, answers whose question stopped being relevant are
    /// cleared. Bounded, so a circular form cannot hang a child's tablet.
    fn propagate(&mut self, changed: usize) {
        let mut queue = std::collections::VecDeque::from([changed]);
        let mut budget = 16 * self.leaves.len() + 16;
        while let Some(source) = queue.pop_front() {
            for k in 0..self.dependents[source].len() {
                if budget == 0 {
                    return;
                }
                budget -= 1;
                let i = self.dependents[source][k];
                let name = &self.leaves[i].name;
                let new = if !self.is_relevant(i) {
                    None
                } else if let Some(calc) = &self.logic[i].calculation {
                    let v = calc.eval_string(&self.context(None, None));
                    (!v.is_empty()).then_some(Answer::Value(v))
                } else {
                    // A question still shown keeps the child's answer.
                    continue;
                };
                if self.answers.get(name) != new.as_ref() {
                    let name = name.clone();
                    match &new {
                        Some(a) => self.answers.insert(name.clone(), a.clone()),
                        None => self.answers.remove(&name),
                    };
                    self.changes.push((name, new));
                    queue.push_back(i);
                }
            }
        }
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

/// Parsed expressions of one row.
#[derive(Debug, Clone)]
struct Logic {
    /// Its groups' and its own `relevant`, all of which must hold.
    conditions: Vec<Expr>,
    constraint: Option<Expr>,
    calculation: Option<Expr>,
    choice_filter: Option<Expr>,
}

/// The answers as the expression language reads them: a value, or "" when unanswered,
/// skipped ("rather not say") or "don't know".
struct Answers<'a> {
    survey: &'a Survey,
    current: Option<&'a str>,
    choice: Option<&'a Choice>,
}

impl expr::Context for Answers<'_> {
    fn value(&self, name: &str) -> Value {
        Value::String(self.survey.answers.get(name).and_then(Answer::value).unwrap_or("").to_string())
    }

    fn current(&self) -> Value {
        Value::String(self.current.unwrap_or("").to_string())
    }

    fn choice_label(&self, question: &str, choice: &str) -> Option<String> {
        let node = &self.survey.leaves[*self.survey.index.get(question)?];
        let c = self.survey.form.choices(node).iter().find(|c| c.name == choice)?;
        Some(c.label.get(self.survey.lang, self.survey.form.default_language).to_string())
    }

    /// A choice filter's bare names: the choice's `name`, or another column of the choices sheet.
    fn choice_column(&self, column: &str) -> Value {
        let Some(c) = self.choice else { return Value::String(String::new()) };
        let v = if column == "name" { Some(&c.name) } else { c.extra.get(column) };
        Value::String(v.cloned().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests;
