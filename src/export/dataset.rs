//! What an export holds: its tables and columns (with the codebook), the quasi-identifiers and
//! what each one would betray, and one session's rows with disclosure control applied.
//!
//! Every writer (CSV, XLSX, JSON) and the report read sessions through this one place, so a
//! value suppressed here is suppressed in every output.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::engine::{answer_key, Answer};
use crate::export::disclosure::{bands_in, SUPPRESSED};
use crate::export::{DONT_KNOW, RATHER_NOT_SAY};
use crate::form::{AgeBand, Choice, Form, Kind, Node, Text};
use crate::i18n::{tr, tr_args, Arg};
use crate::lang::Lang;
use crate::store::{Result, SessionRecord, Store};

/// The session facts every main table starts with (their codes are the column names).
pub const FACTS: [&str; 7] = ["_key", "form_version", "language", "age_band", "site", "started", "finalised"];

/// Quasi-identifiers checked when the coordinator names none (C11): the session's age band,
/// site and language, the questions named like the ones C11 lists, and every question the
/// form marks (XLSForm column `quasi_identifier`).
pub const DEFAULT_FACT_QIS: [&str; 3] = ["age_band", "site", "language"];
pub const QI_QUESTION_NAMES: [&str; 4] = ["gender", "sex", "disability", "disabilities"];

/// One exported variable: a question, or (with `merge_age_variants`) the age-banded variants
/// of one question, read as one.
#[derive(Debug, Clone)]
pub struct Variable {
    pub name: String,
    /// The form rows it reads, in form order (one, unless merged variants).
    pub questions: Vec<Node>,
    pub kind: Kind,
    pub label: Text,
    /// For selects: every choice of every variant, in form order, once.
    pub choices: Vec<Choice>,
    /// Offers "I'd rather not say" or "I don't know": a `_state` column says which.
    pub has_state: bool,
    /// Merged variants: a `_variant` column names the row the child saw.
    pub merged: bool,
    pub repeat: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Text,
    Number,
    Flag,
    Date,
}

#[derive(Debug, Clone)]
pub enum Source {
    /// Index into [`FACTS`].
    Fact(usize),
    ParentKey,
    Index,
    RepeatCount(String),
    Value(usize),
    State(usize),
    Flag(usize, usize),
    Variant(usize),
}

#[derive(Debug, Clone)]
pub struct Column {
    /// The header in codes (names).
    pub code: String,
    /// The header in the label language (the code when exporting codes).
    pub header: String,
    pub source: Source,
    pub kind: ColumnType,
    /// Codebook: what the column is ("fact", a form type, "answer state", "choice", "variant").
    pub what: String,
    /// Codebook: the question text, in the label language or the form's default language.
    pub text: String,
    /// Codebook: the codes the column holds, with their labels.
    pub codes: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct TableSpec {
    /// The form id for the main table, the repeat's name for a repeat table.
    pub name: String,
    pub repeat: Option<usize>,
    pub columns: Vec<Column>,
}

/// What disclosure control does to one session.
#[derive(Debug, Clone, Default)]
pub struct RecordProtection {
    pub withheld: bool,
    /// Released fact values by fact index (age band recoded or suppressed, site, language).
    pub facts: BTreeMap<usize, String>,
    /// Sets of form rows whose columns are suppressed in this session (shared between
    /// sessions: a handful of distinct sets, whatever the number of sessions).
    pub hidden: Vec<std::sync::Arc<HashSet<String>>>,
}

impl RecordProtection {
    pub fn hides(&self, row: &str) -> bool {
        self.hidden.iter().any(|set| set.contains(row))
    }
}

/// The rows of one session: the main table's, then each repeat table's.
pub struct SessionRows {
    pub main: Vec<String>,
    pub repeats: Vec<Vec<Vec<String>>>,
}

pub struct Dataset {
    pub form: Form,
    pub labels: Option<Lang>,
    pub variables: Vec<Variable>,
    pub tables: Vec<TableSpec>,
    /// Repeat names, in the order of [`Form::repeats`].
    pub repeats: Vec<String>,
    names: Vec<String>,
    /// The answer states in the label language (looked up once, not per cell).
    state_words: Vec<(String, String)>,
}

fn state_codes(lang: Lang) -> Vec<(String, String)> {
    [
        ("answered", "export-state-answered"),
        (RATHER_NOT_SAY, "export-state-rather-not-say"),
        (DONT_KNOW, "export-state-dont-know"),
        (SUPPRESSED, "export-state-suppressed"),
    ]
    .iter()
    .map(|(c, k)| (c.to_string(), tr(lang, k)))
    .collect()
}

/// The stem shared by a run of age-banded variants (`safe_home_6_7`, `safe_home`,
/// `safe_home_13_17` → `safe_home`).
fn stem(names: &[&str]) -> String {
    let first = names[0];
    let mut len = first.len();
    for n in &names[1..] {
        len = len.min(first.bytes().zip(n.bytes()).take_while(|(a, b)| a == b).count());
    }
    let s = first[..len].trim_end_matches('_');
    if s.is_empty() {
        first.to_string()
    } else {
        s.to_string()
    }
}

impl Dataset {
    /// The tables of `form_id`'s export: the current version's questions, then those only
    /// older versions of the exported sessions had.
    pub fn new(
        store: &Store,
        form_id: &str,
        labels: Option<Lang>,
        include_free_text: bool,
        merge_age_variants: bool,
        names: Vec<String>,
    ) -> Result<Dataset> {
        let form = store.form(form_id)?;
        let mut forms = vec![form.clone()];
        for version in store.finalised_versions_of(form_id)? {
            if version != form.version {
                forms.push(store.form_version(form_id, &version)?);
            }
        }
        let mut variables: Vec<Variable> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut repeats: Vec<String> = Vec::new();
        for f in &forms {
            let leaves = f.leaves();
            let form_repeats = f.repeats();
            let mut i = 0;
            while i < leaves.len() {
                let node = leaves[i].node;
                let repeat_name = leaves[i].repeat.map(|r| form_repeats[r].node.name.clone());
                let repeat = repeat_name.as_ref().map(|name| match repeats.iter().position(|r| r == name) {
                    Some(p) => p,
                    None => {
                        repeats.push(name.clone());
                        repeats.len() - 1
                    }
                });
                let exported = !matches!(node.kind, Kind::Note | Kind::Group | Kind::Repeat)
                    && (include_free_text || node.kind != Kind::Text);
                // A run of siblings with disjoint age bands is one question asked three ways.
                let mut run = vec![node];
                if merge_age_variants && !node.age_bands.is_empty() {
                    let mut bands: BTreeSet<AgeBand> = node.age_bands.iter().copied().collect();
                    while let Some(next) = leaves.get(i + run.len()) {
                        let n = next.node;
                        if n.age_bands.is_empty()
                            || n.age_bands.iter().any(|b| bands.contains(b))
                            || n.kind != node.kind
                            || next.repeat != leaves[i].repeat
                        {
                            break;
                        }
                        bands.extend(n.age_bands.iter().copied());
                        run.push(n);
                    }
                }
                i += run.len();
                if !exported || run.iter().any(|n| !seen.insert(n.name.clone())) {
                    continue;
                }
                let merged = run.len() > 1;
                let name = if merged {
                    stem(&run.iter().map(|n| n.name.as_str()).collect::<Vec<_>>())
                } else {
                    node.name.clone()
                };
                let mut choices: Vec<Choice> = Vec::new();
                for n in &run {
                    for c in f.choices(n) {
                        if !choices.iter().any(|x| x.name == c.name) {
                            choices.push(c.clone());
                        }
                    }
                }
                // The variant named like the stem (the main one) gives the label.
                let main = run.iter().find(|n| n.name == name).unwrap_or(&run[0]);
                variables.push(Variable {
                    name,
                    questions: run.iter().map(|n| (*n).clone()).collect(),
                    kind: node.kind,
                    label: main.label.clone(),
                    choices,
                    has_state: run.iter().any(|n| n.rather_not_say || n.dont_know),
                    merged,
                    repeat,
                });
            }
        }
        let state_words = state_codes(labels.unwrap_or(form.default_language));
        let mut dataset = Dataset { form, labels, variables, tables: Vec::new(), repeats, names, state_words };
        dataset.tables = dataset.build_tables();
        Ok(dataset)
    }

    fn lang(&self) -> Lang {
        self.labels.unwrap_or(self.form.default_language)
    }

    fn header(&self, code: &str, label: String) -> String {
        if self.labels.is_some() && !label.trim().is_empty() {
            label
        } else {
            code.to_string()
        }
    }

    fn fact_column(&self, i: usize) -> Column {
        let lang = self.lang();
        let key = [
            "export-col-key",
            "export-col-form-version",
            "export-col-language",
            "export-col-age-band",
            "export-col-site",
            "export-col-started",
            "export-col-finalised",
        ][i];
        let codes = match FACTS[i] {
            "language" => Lang::ALL.iter().map(|l| (l.code().to_string(), l.native_name().to_string())).collect(),
            "age_band" => ["6-7", "8-12", "13-17", "6-12", "6-17", SUPPRESSED]
                .iter()
                .map(|b| (b.to_string(), band_label(lang, b)))
                .collect(),
            _ => Vec::new(),
        };
        Column {
            code: FACTS[i].to_string(),
            header: self.header(FACTS[i], tr(lang, key)),
            source: Source::Fact(i),
            kind: if matches!(FACTS[i], "started" | "finalised") { ColumnType::Date } else { ColumnType::Text },
            what: "fact".into(),
            text: tr(lang, key),
            codes,
        }
    }

    fn build_tables(&self) -> Vec<TableSpec> {
        let lang = self.lang();
        let fallback = self.form.default_language;
        let mut main = TableSpec { name: self.form.id.clone(), repeat: None, columns: Vec::new() };
        for i in 0..FACTS.len() {
            main.columns.push(self.fact_column(i));
        }
        let mut repeat_tables: Vec<TableSpec> = self
            .repeats
            .iter()
            .enumerate()
            .map(|(r, name)| TableSpec {
                name: name.clone(),
                repeat: Some(r),
                columns: vec![
                    Column {
                        code: "_parent_key".into(),
                        header: self.header("_parent_key", tr(lang, "export-col-parent-key")),
                        source: Source::ParentKey,
                        kind: ColumnType::Text,
                        what: "fact".into(),
                        text: tr(lang, "export-col-parent-key"),
                        codes: Vec::new(),
                    },
                    Column {
                        code: "_key".into(),
                        header: self.header("_key", tr(lang, "export-col-key")),
                        source: Source::Fact(0),
                        kind: ColumnType::Text,
                        what: "fact".into(),
                        text: tr(lang, "export-col-key"),
                        codes: Vec::new(),
                    },
                    Column {
                        code: "_index".into(),
                        header: self.header("_index", tr(lang, "export-col-index")),
                        source: Source::Index,
                        kind: ColumnType::Number,
                        what: "fact".into(),
                        text: tr(lang, "export-col-index"),
                        codes: Vec::new(),
                    },
                ],
            })
            .collect();
        let mut counted: HashSet<usize> = HashSet::new();
        for (v, var) in self.variables.iter().enumerate() {
            let label = var.label.get(lang, fallback).to_string();
            let table = match var.repeat {
                None => &mut main,
                Some(r) => {
                    if counted.insert(r) {
                        let name = &self.repeats[r];
                        // Named after the repeat, as its stored answer is (a `_count` suffix could be a question
                        // of the form).
                        let count = name.clone();
                        main.columns.push(Column {
                            header: self.header(
                                &count,
                                tr_args(lang, "export-col-count", &[("repeat", Arg::Str(name.clone()))]),
                            ),
                            code: count,
                            source: Source::RepeatCount(name.clone()),
                            kind: ColumnType::Number,
                            what: "repeat count".into(),
                            text: tr_args(lang, "export-col-count", &[("repeat", Arg::Str(name.clone()))]),
                            codes: Vec::new(),
                        });
                    }
                    &mut repeat_tables[r]
                }
            };
            let codes: Vec<(String, String)> =
                var.choices.iter().map(|c| (c.name.clone(), c.label.get(lang, fallback).to_string())).collect();
            table.columns.push(Column {
                code: var.name.clone(),
                header: self.header(&var.name, label.clone()),
                source: Source::Value(v),
                kind: match var.kind {
                    Kind::Integer | Kind::Decimal | Kind::Range => ColumnType::Number,
                    Kind::Date => ColumnType::Date,
                    _ => ColumnType::Text,
                },
                what: kind_name(var.kind).into(),
                text: label.clone(),
                codes: codes.clone(),
            });
            if var.merged {
                let code = format!("{}_variant", var.name);
                table.columns.push(Column {
                    header: self.header(&code, format!("{label} ({})", tr(lang, "export-col-variant"))),
                    code,
                    source: Source::Variant(v),
                    kind: ColumnType::Text,
                    what: "variant".into(),
                    text: tr(lang, "export-col-variant"),
                    codes: var
                        .questions
                        .iter()
                        .map(|q| {
                            let bands: Vec<String> = q.age_bands.iter().map(|b| b.code().to_string()).collect();
                            (q.name.clone(), bands.join(" "))
                        })
                        .collect(),
                });
            }
            if var.has_state {
                let code = format!("{}_state", var.name);
                table.columns.push(Column {
                    header: self.header(&code, format!("{label} ({})", tr(lang, "export-col-state"))),
                    code,
                    source: Source::State(v),
                    kind: ColumnType::Text,
                    what: "answer state".into(),
                    text: tr(lang, "export-col-state"),
                    codes: state_codes(lang),
                });
            }
            if var.kind == Kind::SelectMultiple {
                for (c, choice) in var.choices.iter().enumerate() {
                    let code = format!("{}/{}", var.name, choice.name);
                    let choice_label = choice.label.get(lang, fallback);
                    table.columns.push(Column {
                        header: self.header(&code, format!("{label} / {choice_label}")),
                        code,
                        source: Source::Flag(v, c),
                        kind: ColumnType::Flag,
                        what: "choice".into(),
                        text: choice_label.to_string(),
                        codes: vec![
                            ("1".into(), tr(lang, "export-flag-chosen")),
                            ("0".into(), tr(lang, "export-flag-not-chosen")),
                        ],
                    });
                }
            }
        }
        let mut tables = vec![main];
        tables.extend(repeat_tables);
        // Labels can repeat (variants share one): a header must name one column.
        for table in &mut tables {
            let mut seen: HashSet<String> = HashSet::new();
            for column in &mut table.columns {
                let mut header = column.header.clone();
                let mut n = 2;
                while !seen.insert(header.clone()) {
                    header = format!("{} ({n})", column.header);
                    n += 1;
                }
                column.header = header;
            }
        }
        tables
    }

    /// The form rows whose columns a quasi-identifier betrays, beyond its own: every row whose
    /// relevance, calculation or choice filter reads it, directly or through another such row.
    pub fn dependents_of(&self, question: &str) -> HashSet<String> {
        let mut found: HashSet<String> = HashSet::from([question.to_string()]);
        let leaves = self.form.leaves();
        loop {
            let mut grew = false;
            for leaf in &leaves {
                let n = leaf.node;
                if found.contains(&n.name) {
                    continue;
                }
                let reads = n
                    .relevant
                    .iter()
                    .chain(n.calculation.iter())
                    .chain(n.choice_filter.iter())
                    .map(String::as_str)
                    .chain(leaf.group_conditions.iter().copied())
                    .filter_map(|e| crate::expr::parse(e).ok())
                    .any(|e| e.references().iter().any(|r| found.contains(r)));
                if reads {
                    found.insert(n.name.clone());
                    grew = true;
                }
            }
            if !grew {
                return found;
            }
        }
    }

    /// Rows whose age bands tell apart the bands a released band stands for: a child whose band
    /// is recoded or suppressed loses these (their being shown would give the band back).
    pub fn betraying_band(&self, released: &str) -> HashSet<String> {
        let group = bands_in(released);
        self.variables
            .iter()
            .flat_map(|v| v.questions.iter())
            .filter(|q| !q.age_bands.is_empty() && !group.iter().all(|b| q.age_bands.iter().any(|qb| qb.code() == *b)))
            .map(|q| q.name.clone())
            .collect()
    }

    /// The value of a quasi-identifier question in a session, as grouped: the answer's code,
    /// its state, or empty when not shown.
    pub fn qi_value(answers: &BTreeMap<String, Answer>, question: &str) -> String {
        match answers.get(question) {
            None => String::new(),
            Some(Answer::Value(v)) => v.clone(),
            Some(Answer::RatherNotSay) => RATHER_NOT_SAY.into(),
            Some(Answer::DontKnow) => DONT_KNOW.into(),
        }
    }

    /// One session's rows, disclosure control applied.
    pub fn rows(&self, s: &SessionRecord, answers: &BTreeMap<String, Answer>, p: &RecordProtection) -> SessionRows {
        let fact = |i: usize| -> String {
            if let Some(v) = p.facts.get(&i) {
                return match (self.labels, FACTS[i]) {
                    (Some(l), "age_band") => band_label(l, v),
                    (Some(l), _) if v == SUPPRESSED => tr(l, "export-state-suppressed"),
                    (Some(_), "language") => Lang::from_code(v).map_or(v.clone(), |l| l.native_name().to_string()),
                    _ => v.clone(),
                };
            }
            match FACTS[i] {
                "_key" => s.instance_id.clone(),
                "form_version" => s.form_version.clone(),
                "language" => match self.labels {
                    Some(_) => s.lang.native_name().to_string(),
                    None => s.lang.code().to_string(),
                },
                "age_band" => match self.labels {
                    Some(l) => band_label(l, s.age_band.code()),
                    None => s.age_band.code().to_string(),
                },
                "site" => s.site.clone(),
                "started" => s.created_on().to_string(),
                "finalised" => s.finalised_at.map(|t| t.date_naive().to_string()).unwrap_or_default(),
                _ => String::new(),
            }
        };
        // `within`: the repeat table and instance of a repeat row.
        let cell = |column: &Column, within: Option<(&str, usize)>| -> String {
            let instance = within.map(|(_, k)| k);
            match &column.source {
                Source::Fact(i) => match within {
                    Some((table, k)) if *i == 0 => format!("{}/{table}[{k}]", s.instance_id),
                    _ => fact(*i),
                },
                Source::ParentKey => s.instance_id.clone(),
                Source::Index => instance.map(|k| k.to_string()).unwrap_or_default(),
                Source::RepeatCount(name) => match answers.get(name) {
                    Some(Answer::Value(v)) => v.clone(),
                    _ => String::new(),
                },
                Source::Value(v) | Source::State(v) | Source::Flag(v, _) | Source::Variant(v) => {
                    let var = &self.variables[*v];
                    if var.questions.iter().any(|q| p.hides(&q.name)) {
                        return self.suppressed_word();
                    }
                    // Outside a repeat the key is the row's name: no key built per cell.
                    let get = |name: &str| match instance {
                        None => answers.get(name),
                        Some(_) => answers.get(&answer_key(name, instance)),
                    };
                    let Some((question, answer)) = var.questions.iter().find_map(|q| get(&q.name).map(|a| (q, a)))
                    else {
                        return String::new();
                    };
                    match (&column.source, answer) {
                        (Source::Variant(_), _) => question.name.clone(),
                        (Source::State(_), a) => {
                            let code = match a {
                                Answer::Value(_) => "answered",
                                Answer::RatherNotSay => RATHER_NOT_SAY,
                                Answer::DontKnow => DONT_KNOW,
                            };
                            match self.labels {
                                Some(_) => self
                                    .state_words
                                    .iter()
                                    .find(|(c, _)| c == code)
                                    .map(|(_, t)| t.clone())
                                    .unwrap_or_default(),
                                None => code.to_string(),
                            }
                        }
                        (Source::Flag(_, c), Answer::Value(value)) => {
                            let chosen = value.split_whitespace().any(|x| x == var.choices[*c].name);
                            if chosen { "1" } else { "0" }.to_string()
                        }
                        (Source::Flag(..), _) => String::new(),
                        (_, Answer::Value(value)) => self.value_text(var, value),
                        // The state column says which; without one, the reserved word.
                        (_, Answer::RatherNotSay) if !var.has_state => RATHER_NOT_SAY.into(),
                        (_, Answer::DontKnow) if !var.has_state => DONT_KNOW.into(),
                        _ => String::new(),
                    }
                }
            }
        };
        let main = self.tables[0].columns.iter().map(|c| cell(c, None)).collect();
        let repeats = self.tables[1..]
            .iter()
            .map(|t| {
                let r = t.repeat.expect("repeat table");
                let count = match answers.get(&self.repeats[r]) {
                    Some(Answer::Value(v)) => v.parse::<usize>().unwrap_or(0),
                    _ => 0,
                }
                .min(crate::form::MAX_REPEAT_INSTANCES);
                (1..=count).map(|k| t.columns.iter().map(|c| cell(c, Some((t.name.as_str(), k)))).collect()).collect()
            })
            .collect();
        SessionRows { main, repeats }
    }

    fn suppressed_word(&self) -> String {
        match self.labels {
            Some(l) => tr(l, "export-state-suppressed"),
            None => SUPPRESSED.to_string(),
        }
    }

    fn value_text(&self, var: &Variable, value: &str) -> String {
        if var.kind == Kind::Text {
            // Free text only on request (C12), and even then scanned and redacted.
            let findings = crate::privacy::scan_free_text(value, &self.names);
            return crate::privacy::redact(value, &findings);
        }
        let Some(lang) = self.labels else { return value.to_string() };
        if var.choices.is_empty() {
            return value.to_string();
        }
        let fallback = self.form.default_language;
        value
            .split_whitespace()
            .map(|v| var.choices.iter().find(|c| c.name == v).map_or(v, |c| c.label.get(lang, fallback)))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// An age band (or a recoded one) in words.
pub fn band_label(lang: Lang, band: &str) -> String {
    match band {
        "6-7" | "8-12" | "13-17" | "6-12" | "6-17" => tr(lang, &format!("age-band-{band}")),
        SUPPRESSED => tr(lang, "export-state-suppressed"),
        other => other.to_string(),
    }
}

pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Note => "note",
        Kind::Text => "text",
        Kind::Integer => "integer",
        Kind::Decimal => "decimal",
        Kind::SelectOne => "select_one",
        Kind::SelectMultiple => "select_multiple",
        Kind::Range => "range",
        Kind::Date => "date",
        Kind::Acknowledge => "acknowledge",
        Kind::Calculate => "calculate",
        Kind::Hidden => "hidden",
        Kind::Group => "group",
        Kind::Repeat => "repeat",
    }
}
