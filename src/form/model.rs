//! The form definition: what a form asks, in which languages, in what order.
//!
//! The shape follows XLSForm on purpose (a survey of rows, named choice lists, settings), so that
//! XLSForm import maps onto it row for row: one [`Node`] is one survey row, groups hold their rows
//! as children. Built-in forms are stored as JSON in this same shape (see `builtin/`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// A form: a tree of questions plus the choice lists they draw on.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Form {
    /// Stable identifier (XLSForm `form_id`); also the instance root name on upload.
    pub id: String,
    /// Form version (XLSForm `version`); a changed form gets a new version.
    pub version: String,
    pub title: Text,
    /// Language used when a label has no translation for the session language.
    pub default_language: Lang,
    /// Languages the form is written in; the session language is one of these.
    pub languages: Vec<Lang>,
    /// Encrypt finalised submissions to this RSA public key (XLSForm settings `public_key`, C8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
    /// Where submissions go (XLSForm settings `submission_url`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission_url: Option<String>,
    /// Expression naming a submission (XLSForm settings `instance_name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_name: Option<String>,
    /// A choice list may hold a name twice (XLSForm setting `allow_choice_duplicates`), the
    /// copies told apart by a choice filter.
    #[serde(default, skip_serializing_if = "is_false")]
    pub allow_choice_duplicates: bool,
    /// Named choice lists (the XLSForm `choices` sheet).
    #[serde(default)]
    pub choice_lists: BTreeMap<String, Vec<Choice>>,
    /// The survey rows, in order.
    pub body: Vec<Node>,
}

/// One survey row: a question, a note, or a group holding rows of its own.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Node {
    /// Unique within the form; names the answer column in exports.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: Kind,
    #[serde(default)]
    pub label: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub hint: Text,
    /// XLSForm appearance, kept as written (`faces`, `yes-maybe-no`, `field-list`, `likert`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appearance: Option<String>,
    /// For select_one / select_multiple: the name of the choice list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    #[serde(default)]
    pub required: bool,
    /// `required` written as an expression: required while it holds (`required` stays false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_if: Option<String>,
    /// Message when a required question is left open (per language).
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub required_message: Text,
    /// ODK XPath expressions, as written in the form (parsed once at load by `expr`).
    /// Show the row only when `relevant` is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relevant: Option<String>,
    /// An answer is accepted only when `constraint` is true (`.` is the answer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint: Option<String>,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub constraint_message: Text,
    /// The value of a calculate row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calculation: Option<String>,
    /// Initial value (a literal, or an expression such as `today()`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Keeps the choices for which this expression is true (evaluated per choice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice_filter: Option<String>,
    /// Number of repeat instances, for `repeat` rows (XLSForm `repeat_count`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_count: Option<String>,
    /// Shown but not answerable.
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_only: bool,
    /// Step for range questions (XLSForm `parameters` step).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<f64>,
    /// Offer "I'd rather not say" (recorded as its own state). On unless a form turns it off.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub rather_not_say: bool,
    /// Offer "I don't know" (knowledge questions only).
    #[serde(default, skip_serializing_if = "is_false")]
    pub dont_know: bool,
    /// Picture shown with the question (file name in the form's media, or a built-in image).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Recorded read-aloud audio per language (file names).
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub audio: Text,
    /// Cercle extension: the row applies only to these age bands (empty: to all).
    /// Age-banded variants of a question are sibling rows with disjoint bands.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub age_bands: Vec<AgeBand>,
    /// Cercle extension (XLSForm column `quasi_identifier`): an answer that, combined with
    /// others, could single a child out (C11); exports keep it k-anonymous.
    #[serde(default, skip_serializing_if = "is_false")]
    pub quasi_identifier: bool,
    /// Inclusive bounds for integer questions (shown as a stepper to children).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// Longest accepted text answer, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    /// Rows inside a group or repeat.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
}

impl Node {
    /// A row with nothing but its name and kind: what both form readers (XLSForm, XForm) start
    /// from. "I'd rather not say" is offered unless the form turns it off.
    pub fn new(name: &str, kind: Kind) -> Node {
        Node {
            name: name.to_string(),
            kind,
            label: Text::default(),
            hint: Text::default(),
            appearance: None,
            list: None,
            required: false,
            required_if: None,
            required_message: Text::default(),
            relevant: None,
            constraint: None,
            constraint_message: Text::default(),
            calculation: None,
            default: None,
            choice_filter: None,
            repeat_count: None,
            read_only: false,
            step: None,
            rather_not_say: true,
            dont_know: false,
            image: None,
            audio: Text::default(),
            age_bands: Vec::new(),
            quasi_identifier: false,
            min: None,
            max: None,
            max_length: None,
            children: Vec::new(),
        }
    }
}

fn yes() -> bool {
    true
}
fn is_true(b: &bool) -> bool {
    *b
}
fn is_false(b: &bool) -> bool {
    !*b
}

/// The row types Cercle knows (XLSForm names).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Note,
    Text,
    Integer,
    Decimal,
    SelectOne,
    SelectMultiple,
    Range,
    Date,
    Acknowledge,
    Calculate,
    Hidden,
    Group,
    Repeat,
}

/// One choice of a choice list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Choice {
    /// The value stored and exported.
    pub name: String,
    #[serde(default)]
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub audio: Text,
    /// Other columns of the choices sheet, which choice filters may test (e.g. `region`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// A text in several languages.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<Lang, String>);

impl Text {
    pub fn is_empty(&self) -> bool {
        self.0.values().all(|s| s.trim().is_empty())
    }

    /// The text in `lang`, else in `fallback` (the form's default language), else empty.
    /// ODK shows a blank for a missing translation; a child is better served by the default language.
    pub fn get(&self, lang: Lang, fallback: Lang) -> &str {
        self.0
            .get(&lang)
            .filter(|s| !s.trim().is_empty())
            .or_else(|| self.0.get(&fallback))
            .map(String::as_str)
            .unwrap_or("")
    }

    pub fn has(&self, lang: Lang) -> bool {
        self.0.get(&lang).is_some_and(|s| !s.trim().is_empty())
    }
}

/// Age bands instead of ages (C1): an exact age or birth date is never asked.
/// The bands follow what children can answer (child-participation.md): 6–7 yes/maybe/no or
/// three faces, 8–12 five faces, 13–17 five labelled points.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AgeBand {
    #[serde(rename = "6-7")]
    Age6To7,
    #[serde(rename = "8-12")]
    Age8To12,
    #[serde(rename = "13-17")]
    Age13To17,
}

impl AgeBand {
    pub const ALL: [AgeBand; 3] = [AgeBand::Age6To7, AgeBand::Age8To12, AgeBand::Age13To17];

    pub fn code(self) -> &'static str {
        match self {
            AgeBand::Age6To7 => "6-7",
            AgeBand::Age8To12 => "8-12",
            AgeBand::Age13To17 => "13-17",
        }
    }

    pub fn from_code(code: &str) -> Option<AgeBand> {
        AgeBand::ALL.into_iter().find(|b| b.code() == code)
    }
}
