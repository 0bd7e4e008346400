//! XPath 1.0 values and the conversions between them (XPath 1.0 §4), with ODK's reading of dates.

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveTime, Timelike};

/// The result of evaluating an expression, or the value of a question.
///
/// `Display` (and so `to_string()`) is XPath's `string()`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    String(String),
    Number(f64),
    Bool(bool),
    /// The values of several nodes: a field's instances across a repeat.
    NodeSet(Vec<String>),
}

impl Value {
    /// XPath's `number()`: a string is trimmed and read as a plain decimal (no exponent, no '+');
    /// anything else is NaN, except an ISO date (`2024-03-15`), which is ODK's days since
    /// 1970-01-01, and an ISO date-time, which is fractional days since then (UTC; local time
    /// when it has no offset is read as UTC).
    pub fn to_number(&self) -> f64 {
        match self {
            Value::String(s) => string_to_number(s),
            Value::Number(n) => *n,
            Value::Bool(b) => f64::from(u8::from(*b)),
            Value::NodeSet(nodes) => nodes.first().map_or(f64::NAN, |s| string_to_number(s)),
        }
    }

    /// XPath's `boolean()`: a non-empty string, a number other than 0 and NaN, a non-empty
    /// node-set (even one whose only node is empty).
    pub fn to_bool(&self) -> bool {
        match self {
            Value::String(s) => !s.is_empty(),
            Value::Number(n) => *n != 0.0 && !n.is_nan(),
            Value::Bool(b) => *b,
            Value::NodeSet(nodes) => !nodes.is_empty(),
        }
    }

    /// ODK's notion of "no value" (coalesce, once): the empty string or NaN.
    pub(super) fn is_blank(&self) -> bool {
        match self {
            Value::String(s) => s.is_empty(),
            Value::Number(n) => n.is_nan(),
            Value::Bool(_) => false,
            Value::NodeSet(nodes) => nodes.first().is_none_or(|s| s.is_empty()),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::String(s) => f.write_str(s),
            Value::Number(n) => f.write_str(&number_to_string(*n)),
            Value::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
            Value::NodeSet(nodes) => f.write_str(nodes.first().map_or("", String::as_str)),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Number(n)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

/// XPath's string of a number: "NaN", "Infinity", "-Infinity", integers without ".0", never an
/// exponent. Rust's `Display` for f64 already prints the shortest decimal that reads back.
pub(super) fn number_to_string(n: f64) -> String {
    if n.is_nan() {
        "NaN".to_string()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
    } else if n == 0.0 {
        // Also -0, which Rust would print with its sign.
        "0".to_string()
    } else {
        n.to_string()
    }
}

pub(super) fn string_to_number(s: &str) -> f64 {
    let s = s.trim();
    if is_decimal(s) {
        // Digits with at most one '.', so parsing cannot fail; NaN is only a fallback.
        s.parse().unwrap_or(f64::NAN)
    } else {
        date_to_days(s).unwrap_or(f64::NAN)
    }
}

/// XPath's Number with an optional leading '-': `12`, `-3.5`, `.5`, `7.`.
fn is_decimal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty()) && all_digits(whole) && all_digits(fraction)
}

const MS_PER_DAY: f64 = 86_400_000.0;

/// Days since 1970-01-01 for `YYYY-MM-DD`, fractional days for `YYYY-MM-DDThh:mm[:ss[.sss]][offset]`.
pub(super) fn date_to_days(s: &str) -> Option<f64> {
    let date = iso_date(s.get(..10)?)?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    let days = date.signed_duration_since(epoch).num_days() as f64;
    let rest = s.get(10..)?;
    if rest.is_empty() {
        return Some(days);
    }
    let time = rest.strip_prefix('T')?;
    if let Ok(moment) = DateTime::parse_from_rfc3339(s) {
        return Some(moment.timestamp_millis() as f64 / MS_PER_DAY);
    }
    let time = ["%H:%M:%S%.f", "%H:%M"].iter().find_map(|format| NaiveTime::parse_from_str(time, format).ok())?;
    let ms = f64::from(time.num_seconds_from_midnight()) * 1000.0 + f64::from(time.nanosecond() / 1_000_000);
    Some(days + ms / MS_PER_DAY)
}

/// Exactly `YYYY-MM-DD` (chrono's `%Y-%m-%d` would also take `2024-3-5` or a sign).
fn iso_date(s: &str) -> Option<NaiveDate> {
    let bytes = s.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return None;
    }
    let year = s.get(0..4)?.parse().ok()?;
    let month = s.get(5..7)?.parse().ok()?;
    let day = s.get(8..10)?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}
