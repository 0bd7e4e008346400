//! The survey session engine: from a form and the answers so far, which screen is current, what
//! "next" and "back" do, how far along the child is, and whether an answer is acceptable.
//!
//! No Slint and no I/O here: the desktop UI, the CLI's `simulate` and the tests all drive this
//! one engine, and the caller persists each answer the moment the engine accepts it.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::expr::{self, Expr, Value};
use crate::form::{AgeBand, Choice, Form, Kind, Node, MAX_REPEAT_INSTANCES};
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
    #[error("'{question}' takes a number")]
    NotANumber { question: String },
    #[error("'{question}' takes a date (YYYY-MM-DD)")]
    NotADate { question: String },
    #[error("'{question}' takes at most {max} characters")]
    TooLong { question: String, max: usize },
    #[error("'{0}' does not offer that answer")]
    NotOffered(String),
    #[error("'{0}' needs an answer (or \"I'd rather not say\")")]
    Required(String),
    #[error("'{0}' does not accept that answer (its constraint)")]
    Constraint(String),
    #[error("'{repeat}' has its most instances ({max})")]
    TooMany { repeat: String, max: usize },
    #[error("the survey is already at its end")]
    AtEnd,
}

impl Refusal {
    /// The key of the interface message shown to the child for this refusal.
    pub fn message_key(&self) -> &'static str {
        match self {
            Refusal::Required(_) => "child-required",
            Refusal::OutOfRange { .. } => "child-out-of-range",
            Refusal::NotANumber { .. } => "child-not-a-number",
            Refusal::NotADate { .. } => "child-not-a-date",
            Refusal::TooLong { .. } => "child-too-long",
            _ => "child-not-accepted",
        }
    }
}

/// One screen of child mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// One question, or the rows of a field-list group; inside a repeat, those of one instance
    /// (1-based).
    Questions { leaves: Vec<usize>, instance: Option<usize> },
    /// After a repeat's instances, "add another?" (only for repeats without `repeat_count`).
    AddAnother { repeat: usize },
}

/// The form's screens before repeats are laid out: instances are expanded from these whenever
/// a repeat's count changes.
#[derive(Debug, Clone)]
enum Block {
    Plain(Vec<usize>),
    Repeat { repeat: usize, screens: Vec<Vec<usize>> },
}

/// A question the child was shown, in a repeat instance or not.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot<'a> {
    /// Where its answer is kept: the row's name, or `name[k]` in instance k of a repeat.
    pub key: String,
    pub node: &'a Node,
    pub instance: Option<usize>,
}

/// Where the current screen stands in a repeat, for the child's view.
#[derive(Debug, Clone, PartialEq)]
pub struct RepeatPlace<'a> {
    pub node: &'a Node,
    /// The instance being answered (1-based); `None` on the "add another?" screen.
    pub instance: Option<usize>,
    pub count: usize,
}

/// The answer key of a row in instance `k` (1-based) of a repeat, as stored and exported:
/// `name[k]`, the way XPath indexes repeat instances. Outside a repeat, the name itself.
pub fn answer_key(name: &str, instance: Option<usize>) -> String {
    match instance {
        Some(k) => format!("{name}[{k}]"),
        None => name.to_string(),
    }
}

/// The row name and instance of an answer key (see [`answer_key`]).
pub fn parse_key(key: &str) -> (&str, Option<usize>) {
    let parsed = key.strip_suffix(']').and_then(|k| {
        let open = k.rfind('[')?;
        Some((&k[..open], k[open + 1..].parse().ok()?))
    });
    match parsed {
        Some((name, k)) => (name, Some(k)),
        None => (key, None),
    }
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
    /// Per leaf, the repeat it sits in (one level: nested repeats are refused by `Form::check`).
    leaf_repeat: Vec<Option<usize>>,
    repeats: Vec<RepeatLogic>,
    /// Repeat index by row name.
    repeat_index: HashMap<String, usize>,
    /// Per leaf, the leaves whose `relevant` or `calculation` reads it: after an answer only
    /// these are re-evaluated (and theirs in turn), not the whole form.
    dependents: Vec<Vec<usize>>,
    /// Per leaf, the repeats whose `repeat_count` reads it.
    count_dependents: Vec<Vec<usize>>,
    blocks: Vec<Block>,
    /// Instances per repeat; stored as the repeat row's answer, so a resumed survey has them.
    counts: Vec<usize>,
    /// Answers the engine changed since the caller last asked: the child's own, and those it
    /// changed by itself (cleared when no longer relevant, calculated, defaulted, renumbered
    /// when an instance is removed). The caller writes them to the store
    /// (see [`Survey::drain_changes`]).
    changes: Vec<(String, Option<Answer>)>,
    screens: Vec<Screen>,
    /// By answer key (see [`answer_key`]).
    answers: BTreeMap<String, Answer>,
    /// Current screen; `screens.len()` means the survey is at its end (the thank-you screen).
    position: usize,
}

impl Survey {
    pub fn new(form: Arc<Form>, lang: Lang, age_band: AgeBand) -> Survey {
        let leaves_ref = form.leaves();
        let repeats_ref = form.repeats();
        let mut blocks: Vec<Block> = Vec::new();
        let mut last_group = None;
        for (i, leaf) in leaves_ref.iter().enumerate() {
            if let Some(r) = leaf.repeat {
                if !matches!(blocks.last(), Some(Block::Repeat { repeat, .. }) if *repeat == r) {
                    blocks.push(Block::Repeat { repeat: r, screens: Vec::new() });
                    last_group = None;
                }
            }
            let node = leaf.node;
            let for_band = node.age_bands.is_empty() || node.age_bands.contains(&age_band);
            let on_screen = !matches!(node.kind, Kind::Calculate | Kind::Hidden);
            if !(for_band && on_screen) {
                continue;
            }
            let same_group = leaf.screen_group.is_some() && leaf.screen_group == last_group;
            match (leaf.repeat, blocks.last_mut()) {
                (Some(_), Some(Block::Repeat { screens, .. })) => match screens.last_mut() {
                    Some(screen) if same_group => screen.push(i),
                    _ => screens.push(vec![i]),
                },
                (None, Some(Block::Plain(screen))) if same_group => screen.push(i),
                _ => blocks.push(Block::Plain(vec![i])),
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
                required: parse(l.node.required_if.as_deref()),
            })
            .collect();
        let repeats: Vec<RepeatLogic> = repeats_ref
            .iter()
            .enumerate()
            .map(|(r, rep)| RepeatLogic {
                name: rep.node.name.clone(),
                conditions: rep.conditions.iter().filter_map(|src| expr::parse(src).ok()).collect(),
                count: parse(rep.node.repeat_count.as_deref()),
                leaves: (0..leaves_ref.len()).filter(|&i| leaves_ref[i].repeat == Some(r)).collect(),
            })
            .collect();
        let index: HashMap<String, usize> =
            leaves_ref.iter().enumerate().map(|(i, l)| (l.node.name.clone(), i)).collect();
        let repeat_index = repeats.iter().enumerate().map(|(r, rep)| (rep.name.clone(), r)).collect();
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
        let mut count_dependents = vec![Vec::new(); leaves_ref.len()];
        for (r, rep) in repeats.iter().enumerate() {
            for name in rep.count.iter().flat_map(|e| e.references()) {
                if let Some(&source) = index.get(&name) {
                    count_dependents[source].push(r);
                }
            }
        }
        let leaf_repeat = leaves_ref.iter().map(|l| l.repeat).collect();
        let leaves = leaves_ref.iter().map(|l| l.node.clone()).collect();
        let lang = if form.languages.contains(&lang) { lang } else { form.default_language };
        let counts = vec![0; repeats.len()];
        let mut survey = Survey {
            form,
            lang,
            age_band,
            leaves,
            logic,
            index,
            leaf_repeat,
            repeats,
            repeat_index,
            dependents,
            count_dependents,
            blocks,
            counts,
            changes: Vec::new(),
            screens: Vec::new(),
            answers: BTreeMap::new(),
            position: 0,
        };
        let top_level: Vec<usize> = (0..survey.leaves.len()).filter(|&i| survey.leaf_repeat[i].is_none()).collect();
        survey.apply_defaults(&top_level, None);
        for r in 0..survey.repeats.len() {
            // Each repeat's count is stored, even 0, so that a resumed survey lays out the same screens.
            let n = survey.counted(r).unwrap_or(0);
            survey.set_count(r, n, true);
        }
        survey.settle();
        survey.layout();
        survey
    }

    /// Fills in the `default` of these leaves (in one repeat instance, or outside repeats): a
    /// literal, or an expression such as `today()`. A default the question would refuse is left out.
    fn apply_defaults(&mut self, leaves: &[usize], instance: Option<usize>) {
        for &i in leaves {
            let Some(src) = self.leaves[i].default.clone() else { continue };
            let for_band = self.leaves[i].age_bands.is_empty() || self.leaves[i].age_bands.contains(&self.age_band);
            if !for_band || src.trim().is_empty() {
                continue;
            }
            let value = match expr::parse(&src) {
                Ok(e) if src.contains('(') || src.contains('$') => e.eval_string(&self.context(i, instance)),
                _ => src.trim().to_string(),
            };
            if let Ok(accepted) = self.validate(i, instance, &Answer::Value(value)) {
                self.store(answer_key(&self.leaves[i].name, instance), Some(accepted));
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
        // The stored answers are the truth: defaults, calculations and repeat counts already
        // reached the store.
        survey.answers = answers;
        survey.changes.clear();
        for r in 0..survey.repeats.len() {
            let stored =
                survey.answers.get(&survey.repeats[r].name).and_then(Answer::value).and_then(|v| v.parse().ok());
            // A session stored without its count (from before repeats were laid out) follows
            // `repeat_count`.
            survey.counts[r] = stored.or_else(|| survey.counted(r)).unwrap_or(0).min(MAX_REPEAT_INSTANCES);
        }
        survey.layout();
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
    /// Every answer, by answer key (see [`answer_key`]).
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

    /// (screens done, screens in all): the end screen counts as all done. Adding a repeat
    /// instance adds screens.
    pub fn progress(&self) -> (usize, usize) {
        (self.position, self.screens.len())
    }

    /// Lays the screens out from the blocks and the repeat counts, keeping the child on the
    /// screen they were on when it still exists.
    fn layout(&mut self) {
        let here = self.screens.get(self.position).cloned();
        let mut screens = Vec::new();
        for block in &self.blocks {
            match block {
                Block::Plain(leaves) => screens.push(Screen::Questions { leaves: leaves.clone(), instance: None }),
                Block::Repeat { repeat, screens: inner } => {
                    if inner.is_empty() {
                        continue;
                    }
                    for k in 1..=self.counts[*repeat] {
                        screens.extend(
                            inner.iter().map(|leaves| Screen::Questions { leaves: leaves.clone(), instance: Some(k) }),
                        );
                    }
                    if self.repeats[*repeat].count.is_none() {
                        screens.push(Screen::AddAnother { repeat: *repeat });
                    }
                }
            }
        }
        self.screens = screens;
        if let Some(here) = here {
            if let Some(p) = self.screens.iter().position(|s| *s == here) {
                self.position = p;
            }
        }
        self.position = self.position.min(self.screens.len());
    }

    /// The questions on the current screen; empty at the end and on an "add another?" screen.
    pub fn current(&self) -> Vec<&Node> {
        match self.screens.get(self.position) {
            Some(Screen::Questions { leaves, instance }) => {
                leaves.iter().filter(|&&i| self.is_relevant(i, *instance)).map(|&i| &self.leaves[i]).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The repeat the current screen belongs to, if any: an instance of it, or its "add
    /// another?" screen.
    pub fn repeat_place(&self) -> Option<RepeatPlace<'_>> {
        let (r, instance) = match self.screens.get(self.position)? {
            Screen::Questions { leaves, instance: Some(k) } => (self.leaf_repeat[*leaves.first()?]?, Some(*k)),
            Screen::AddAnother { repeat } => (*repeat, None),
            Screen::Questions { instance: None, .. } => return None,
        };
        let node = self.form.repeats().get(r).map(|rep| rep.node)?;
        Some(RepeatPlace { node, instance, count: self.counts[r] })
    }

    /// The repeat instance of the current screen.
    fn current_instance(&self) -> Option<usize> {
        match self.screens.get(self.position) {
            Some(Screen::Questions { instance, .. }) => *instance,
            _ => None,
        }
    }

    /// Whether a leaf's `relevant` conditions (its groups' and its own) hold for the answers so
    /// far, in a given repeat instance.
    fn is_relevant(&self, leaf: usize, instance: Option<usize>) -> bool {
        let ctx = self.context(leaf, instance);
        self.logic[leaf].conditions.iter().all(|c| c.eval_bool(&ctx))
    }

    /// The expression context for a leaf (in a repeat instance): `.` and choices come later.
    fn context(&self, leaf: usize, instance: Option<usize>) -> Answers<'_> {
        let repeat = self.leaf_repeat.get(leaf).copied().flatten().zip(instance);
        Answers { survey: self, repeat, current: None, choice: None }
    }

    /// Every place a leaf's answer can be: once, or once per instance of its repeat.
    fn slots_of(&self, leaf: usize) -> Vec<Option<usize>> {
        match self.leaf_repeat[leaf] {
            None => vec![None],
            Some(r) => (1..=self.counts[r]).map(Some).collect(),
        }
    }

    /// The choices a select question offers now: its list, narrowed by its `choice_filter`.
    pub fn choices(&self, node: &Node) -> Vec<&Choice> {
        let all = self.form.choices(node);
        let Some(&i) = self.index.get(&node.name) else { return all.iter().collect() };
        self.choices_in(i, self.current_instance())
    }

    fn choices_in(&self, leaf: usize, instance: Option<usize>) -> Vec<&Choice> {
        let all = self.form.choices(&self.leaves[leaf]);
        match &self.logic[leaf].choice_filter {
            None => all.iter().collect(),
            Some(f) => all
                .iter()
                .filter(|c| f.eval_bool(&Answers { choice: Some(c), ..self.context(leaf, instance) }))
                .collect(),
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

    /// Records an answer (or its removal) and tells the caller.
    fn store(&mut self, key: String, answer: Option<Answer>) {
        match &answer {
            Some(a) => self.answers.insert(key.clone(), a.clone()),
            None => self.answers.remove(&key),
        };
        self.changes.push((key, answer));
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
            if self.logic[i].calculation.is_none() {
                continue;
            }
            for instance in self.slots_of(i) {
                changed |= self.reevaluate(i, instance);
            }
        }
        changed
    }

    /// Brings one slot up to date: a calculation gets its value, an answer whose question
    /// stopped applying is cleared. Returns whether it changed.
    fn reevaluate(&mut self, leaf: usize, instance: Option<usize>) -> bool {
        let key = answer_key(&self.leaves[leaf].name, instance);
        let new = if !self.is_relevant(leaf, instance) {
            None
        } else if let Some(calc) = &self.logic[leaf].calculation {
            let v = calc.eval_string(&self.context(leaf, instance));
            (!v.is_empty()).then_some(Answer::Value(v))
        } else {
            // A question still shown keeps the child's answer.
            return false;
        };
        if self.answers.get(&key) == new.as_ref() {
            return false;
        }
        self.store(key, new);
        true
    }

    fn screen_shown(&self, screen: usize) -> bool {
        match &self.screens[screen] {
            Screen::Questions { leaves, instance } => leaves.iter().any(|&i| self.is_relevant(i, *instance)),
            Screen::AddAnother { repeat } => {
                let ctx = Answers { survey: self, repeat: None, current: None, choice: None };
                self.repeats[*repeat].conditions.iter().all(|c| c.eval_bool(&ctx))
            }
        }
    }

    /// Clears answers to questions that are no longer relevant (ODK does the same), until
    /// nothing changes: a cleared answer can make others irrelevant in turn.
    fn clear_irrelevant(&mut self) -> bool {
        let mut any = false;
        loop {
            let mut gone = Vec::new();
            for i in 0..self.leaves.len() {
                for instance in self.slots_of(i) {
                    let key = answer_key(&self.leaves[i].name, instance);
                    if self.answers.contains_key(&key) && !self.is_relevant(i, instance) {
                        gone.push(key);
                    }
                }
            }
            if gone.is_empty() {
                return any;
            }
            for key in gone {
                self.store(key, None);
                any = true;
            }
        }
    }

    /// Every answer the engine recorded or cleared since the last call, in order: the child's
    /// own and those it changed by itself. The caller writes them to the store (`None`: delete).
    pub fn drain_changes(&mut self) -> Vec<(String, Option<Answer>)> {
        std::mem::take(&mut self.changes)
    }

    /// The answer to a question: on the current screen's repeat instance when the question is in
    /// that repeat; a full answer key (`name[2]`) names an instance directly.
    pub fn answer_of(&self, question: &str) -> Option<&Answer> {
        if let Some(a) = self.answers.get(question) {
            return Some(a);
        }
        let &i = self.index.get(question)?;
        self.leaf_repeat[i]?;
        self.answers.get(&answer_key(question, Some(self.current_instance()?)))
    }

    fn on_current_screen(&self, question: &str) -> Result<(usize, Option<usize>), Refusal> {
        let Some(Screen::Questions { leaves, instance }) = self.screens.get(self.position) else {
            return Err(Refusal::NotOnScreen(question.to_string()));
        };
        leaves
            .iter()
            .copied()
            .find(|&i| self.leaves[i].name == question && self.is_relevant(i, *instance))
            .map(|i| (i, *instance))
            .ok_or_else(|| Refusal::NotOnScreen(question.to_string()))
    }

    /// Checks an answer against its question (in a repeat instance) without recording it.
    fn validate(&self, leaf: usize, instance: Option<usize>, answer: &Answer) -> Result<Answer, Refusal> {
        let node = &self.leaves[leaf];
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
                        self.check_choice(leaf, instance, v)?;
                        v.to_string()
                    }
                    Kind::SelectMultiple => {
                        let mut picked: Vec<&str> = Vec::new();
                        for v in raw.split_whitespace() {
                            self.check_choice(leaf, instance, v)?;
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
                    Kind::Decimal => {
                        // ODK's decimal: a plain decimal number, as XPath's number() reads it.
                        let n = crate::expr::Value::String(raw.trim().to_string()).to_number();
                        if !n.is_finite() {
                            return Err(Refusal::NotANumber { question: name() });
                        }
                        raw.trim().to_string()
                    }
                    Kind::Date => {
                        let d = chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
                            .map_err(|_| Refusal::NotADate { question: name() })?;
                        d.format("%Y-%m-%d").to_string()
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
                if let Some(c) = &self.logic[leaf].constraint {
                    let ctx = Answers { current: Some(&value), ..self.context(leaf, instance) };
                    if !c.eval_bool(&ctx) {
                        return Err(Refusal::Constraint(node.name.clone()));
                    }
                }
                Ok(Answer::Value(value))
            }
        }
    }

    fn check_choice(&self, leaf: usize, instance: Option<usize>, value: &str) -> Result<(), Refusal> {
        if self.choices_in(leaf, instance).iter().any(|c| c.name == value) {
            Ok(())
        } else {
            Err(Refusal::UnknownChoice { question: self.leaves[leaf].name.clone(), choice: value.to_string() })
        }
    }

    /// Records an answer to a question on the current screen and returns it in its stored form.
    /// An empty value (an emptied text box, an unticked last card) clears the answer: `None`.
    /// A `read_only` question is shown with its value (a default or a calculation) and refuses
    /// the child's answers.
    pub fn answer(&mut self, question: &str, answer: Answer) -> Result<Option<Answer>, Refusal> {
        let (leaf, instance) = self.on_current_screen(question)?;
        if self.leaves[leaf].read_only {
            return Err(Refusal::NotOffered(question.to_string()));
        }
        self.set(leaf, instance, answer)
    }

    /// The facilitator's correction of an answer already given (a redaction before finalising):
    /// any question the child was shown, by its answer key, wherever the survey stands.
    pub fn revise(&mut self, key: &str, answer: Answer) -> Result<Option<Answer>, Refusal> {
        let (leaf, instance) = self
            .questions()
            .into_iter()
            .find(|s| s.key == key)
            .map(|s| (self.index[&s.node.name], s.instance))
            .ok_or_else(|| Refusal::NotOnScreen(key.to_string()))?;
        self.set(leaf, instance, answer)
    }

    fn set(&mut self, leaf: usize, instance: Option<usize>, answer: Answer) -> Result<Option<Answer>, Refusal> {
        let accepted = if matches!(&answer, Answer::Value(v) if v.trim().is_empty()) {
            None
        } else {
            Some(self.validate(leaf, instance, &answer)?)
        };
        self.store(answer_key(&self.leaves[leaf].name, instance), accepted.clone());
        self.propagate(leaf, instance);
        Ok(accepted)
    }

    /// Re-evaluates what depends on a changed answer, and what depends on that, breadth first:
    /// calculations get their new value, answers whose question stopped being relevant are
    /// cleared, repeat counts follow their `repeat_count`. A row in the same repeat is
    /// re-evaluated in the same instance; one in another repeat, in all of its instances.
    /// Bounded, so a circular form cannot hang a child's tablet.
    fn propagate(&mut self, changed: usize, instance: Option<usize>) {
        let mut queue = std::collections::VecDeque::from([(changed, instance)]);
        let mut budget = 16 * self.leaves.len() + 16;
        let mut recounted = false;
        while let Some((source, source_instance)) = queue.pop_front() {
            for k in 0..self.count_dependents[source].len() {
                let r = self.count_dependents[source][k];
                let n = self.counted(r).unwrap_or(0);
                if n != self.counts[r] {
                    self.set_count(r, n, false);
                    recounted = true;
                }
            }
            for k in 0..self.dependents[source].len() {
                let target = self.dependents[source][k];
                let instances = match (self.leaf_repeat[target], source_instance) {
                    (Some(r), Some(_)) if self.leaf_repeat[source] == Some(r) => vec![source_instance],
                    _ => self.slots_of(target),
                };
                for target_instance in instances {
                    if budget == 0 {
                        return;
                    }
                    budget -= 1;
                    if self.reevaluate(target, target_instance) {
                        queue.push_back((target, target_instance));
                    }
                }
            }
        }
        if recounted {
            // Instances came or went: `position(..)`, `count()` and `sum()` read them everywhere.
            self.settle();
            self.layout();
        }
    }

    /// The instance count a repeat's `repeat_count` asks for now, within bounds.
    fn counted(&self, repeat: usize) -> Option<usize> {
        let ctx = Answers { survey: self, repeat: None, current: None, choice: None };
        let n = self.repeats[repeat].count.as_ref()?.eval_number(&ctx);
        Some(if n.is_nan() || n < 1.0 { 0 } else { (n as usize).min(MAX_REPEAT_INSTANCES) })
    }

    /// Gives a repeat `n` instances: answers of instances past `n` are removed, new instances get
    /// their defaults. `initial` records the count even when it did not change.
    fn set_count(&mut self, repeat: usize, n: usize, initial: bool) {
        let old = self.counts[repeat];
        for k in (n + 1)..=old {
            for &i in &self.repeats[repeat].leaves.clone() {
                let key = answer_key(&self.leaves[i].name, Some(k));
                if self.answers.contains_key(&key) {
                    self.store(key, None);
                }
            }
        }
        self.counts[repeat] = n;
        if n != old || initial {
            self.store(self.repeats[repeat].name.clone(), Some(Answer::Value(n.to_string())));
        }
        let leaves = self.repeats[repeat].leaves.clone();
        for k in (old + 1)..=n {
            self.apply_defaults(&leaves, Some(k));
        }
    }

    /// On an "add another?" screen: adds an instance and goes to its first screen.
    pub fn add_instance(&mut self) -> Result<(), Refusal> {
        let Some(Screen::AddAnother { repeat }) = self.screens.get(self.position).cloned() else {
            return Err(Refusal::NotOnScreen("add".into()));
        };
        let n = self.counts[repeat];
        if n >= MAX_REPEAT_INSTANCES {
            return Err(Refusal::TooMany { repeat: self.repeats[repeat].name.clone(), max: MAX_REPEAT_INSTANCES });
        }
        self.set_count(repeat, n + 1, false);
        self.settle();
        self.layout();
        let first = Screen::AddAnother { repeat };
        if let Some(p) = self.screens.iter().position(|s| *s == first) {
            // The new instance's screens sit just before the "add another?" screen.
            let per_instance =
                match &self.blocks.iter().find(|b| matches!(b, Block::Repeat { repeat: r, .. } if *r == repeat)) {
                    Some(Block::Repeat { screens, .. }) => screens.len(),
                    _ => 0,
                };
            self.position = p - per_instance;
        }
        Ok(())
    }

    /// On an "add another?" screen: removes instance `k` (1-based) with its answers; later
    /// instances move up one, as in ODK.
    pub fn remove_instance(&mut self, k: usize) -> Result<(), Refusal> {
        let Some(Screen::AddAnother { repeat }) = self.screens.get(self.position).cloned() else {
            return Err(Refusal::NotOnScreen("remove".into()));
        };
        let n = self.counts[repeat];
        if k == 0 || k > n {
            return Err(Refusal::NotOnScreen(answer_key(&self.repeats[repeat].name, Some(k))));
        }
        for &i in &self.repeats[repeat].leaves.clone() {
            let name = self.leaves[i].name.clone();
            for m in k..n {
                let next = self.answers.get(&answer_key(&name, Some(m + 1))).cloned();
                if self.answers.get(&answer_key(&name, Some(m))) != next.as_ref() {
                    self.store(answer_key(&name, Some(m)), next);
                }
            }
        }
        self.set_count(repeat, n - 1, false);
        self.settle();
        self.layout();
        Ok(())
    }

    /// Moves on, unless a required question on this screen has no answer at all.
    pub fn next(&mut self) -> Result<(), Refusal> {
        if self.at_end() {
            return Err(Refusal::AtEnd);
        }
        if let Some(Screen::Questions { leaves, instance }) = self.screens.get(self.position) {
            for &i in leaves {
                let node = &self.leaves[i];
                // A child cannot answer a note or a read-only question: neither holds them up.
                if node.kind == Kind::Note || node.read_only || !self.is_relevant(i, *instance) {
                    continue;
                }
                let required = node.required
                    || self.logic[i].required.as_ref().is_some_and(|r| r.eval_bool(&self.context(i, *instance)));
                if required && !self.answers.contains_key(&answer_key(&node.name, *instance)) {
                    return Err(Refusal::Required(node.name.clone()));
                }
            }
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

    /// Every question shown to the child as the answers stand, in screen order (each repeat
    /// instance in turn), notes left out: what "answered" totals and the review count.
    pub fn questions(&self) -> Vec<Slot<'_>> {
        let mut out = Vec::new();
        for screen in &self.screens {
            let Screen::Questions { leaves, instance } = screen else { continue };
            for &i in leaves {
                if self.leaves[i].kind != Kind::Note && self.is_relevant(i, *instance) {
                    let node = &self.leaves[i];
                    out.push(Slot { key: answer_key(&node.name, *instance), node, instance: *instance });
                }
            }
        }
        out
    }

    /// The answer keys of [`Survey::questions`].
    pub fn question_names(&self) -> Vec<String> {
        self.questions().into_iter().map(|s| s.key).collect()
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
    /// `required` written as an expression.
    required: Option<Expr>,
}

/// A repeat's parsed expressions and rows.
#[derive(Debug, Clone)]
struct RepeatLogic {
    name: String,
    /// Its groups' and its own `relevant`: whether the child is offered it at all.
    conditions: Vec<Expr>,
    /// `repeat_count`: the form sets the number of instances, and the child is not asked.
    count: Option<Expr>,
    leaves: Vec<usize>,
}

/// The answers as the expression language reads them: a value, or "" when unanswered,
/// skipped ("rather not say") or "don't know".
struct Answers<'a> {
    survey: &'a Survey,
    /// The repeat and instance the expression is evaluated in: there `${sibling}` is the same
    /// instance's answer, as in ODK.
    repeat: Option<(usize, usize)>,
    current: Option<&'a str>,
    choice: Option<&'a Choice>,
}

impl Answers<'_> {
    fn plain(&self, key: &str) -> String {
        self.survey.answers.get(key).and_then(Answer::value).unwrap_or("").to_string()
    }
}

impl expr::Context for Answers<'_> {
    fn value(&self, name: &str) -> Value {
        let survey = self.survey;
        if let Some(&i) = survey.index.get(name) {
            return match survey.leaf_repeat[i] {
                None => Value::String(self.plain(name)),
                Some(r) => match self.repeat {
                    Some((here, k)) if here == r => Value::String(self.plain(&answer_key(name, Some(k)))),
                    // From outside its repeat, a field is the node-set of all its instances.
                    _ => Value::NodeSet(self.repeat_values(name).unwrap_or_default()),
                },
            };
        }
        match self.repeat_values(name) {
            Some(instances) => Value::NodeSet(instances),
            None => Value::String(String::new()),
        }
    }

    fn current(&self) -> Value {
        Value::String(self.current.unwrap_or("").to_string())
    }

    fn position(&self) -> usize {
        self.repeat.map_or(0, |(_, k)| k)
    }

    fn repeat_values(&self, name: &str) -> Option<Vec<String>> {
        let survey = self.survey;
        if let Some(&r) = survey.repeat_index.get(name) {
            return Some(vec![String::new(); survey.counts[r]]);
        }
        let r = survey.leaf_repeat[*survey.index.get(name)?]?;
        Some((1..=survey.counts[r]).map(|k| self.plain(&answer_key(name, Some(k)))).collect())
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
