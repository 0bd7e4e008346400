//! The expression parser and evaluator on arbitrary text: neither may panic, overflow the stack
//! or hang, and whatever parses must print (`Display`) as text that parses back to the same tree.

#![no_main]

use cercle::expr::{parse, parse_choice_filter, Context, Expr, ParseError, Value};
use chrono::{DateTime, NaiveDate, Utc};
use libfuzzer_sys::fuzz_target;

/// A little of everything an expression can read: numbers, dates, multi-choice answers, text,
/// a repeat, choice labels and columns.
struct Answers;

impl Context for Answers {
    fn value(&self, name: &str) -> Value {
        let answer = match name.len() % 6 {
            0 => "",
            1 => "7",
            2 => "2024-02-29",
            3 => "a b c",
            4 => "-0.5",
            _ => "école",
        };
        Value::from(answer)
    }
    fn current(&self) -> Value {
        Value::from("12")
    }
    fn choice_label(&self, question: &str, choice: &str) -> Option<String> {
        (!question.is_empty()).then(|| format!("{choice}!"))
    }
    fn choice_column(&self, column: &str) -> Value {
        Value::from(column)
    }
    fn today(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, 15).unwrap_or_default()
    }
    fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(1_710_500_000, 0).unwrap_or_default()
    }
    fn position(&self) -> usize {
        2
    }
    fn repeat_values(&self, name: &str) -> Option<Vec<String>> {
        name.starts_with('r').then(|| vec!["1".into(), "".into(), "x".into(), "2024-01-01".into()])
    }
}

fn exercise(src: &str, parser: fn(&str) -> Result<Expr, ParseError>) {
    let Ok(expr) = parser(src) else { return };
    let _ = expr.eval(&Answers).to_string();
    let _ = expr.eval_bool(&Answers);
    let _ = expr.eval_number(&Answers);
    let _ = expr.references();
    let shown = expr.to_string();
    match parser(&shown) {
        Ok(again) => assert_eq!(again, expr, "{src:?} prints as {shown:?}, which reads differently"),
        Err(e) => panic!("{src:?} prints as {shown:?}, which does not parse: {e}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    exercise(src, parse);
    exercise(src, parse_choice_filter);
});
