//! The ODK XPath expression language used in relevant, constraint, calculation, choice_filter
//! and required.
//!
//! A form's expressions are parsed once, when the form loads ([`parse`]); a [`ParseError`] says
//! at which character a form author went wrong. Evaluation ([`Expr::eval`]) never fails: as in
//! ODK, a value of the wrong kind turns into NaN, "" or false. What an expression reads (answers,
//! the current answer, choice labels, the date, repeat instances) comes through a [`Context`],
//! so this module knows nothing of forms, sessions or storage.
//!
//! The language is XPath 1.0 as ODK uses it: `${name}` for another question, `.` for the answer
//! being checked, string and number literals, `+ - * div mod`, unary minus, `= != < <= > >=`,
//! `and`, `or`, parentheses, and these functions:
//!
//! - logic: `not`, `true`, `false`, `boolean`, `if`, `coalesce`, `once`
//! - choices: `selected`, `count-selected`, `selected-at` (0-based), `jr:choice-name`
//! - text: `string`, `string-length`, `concat`, `contains`, `starts-with`, `ends-with`,
//!   `substr` (ODK's: 0-based start, exclusive end), `regex` (whole-string match)
//! - numbers: `number`, `int` (towards zero), `round` (optional digits; halves towards +∞)
//! - dates: `today` (`YYYY-MM-DD`), `now` (ISO 8601, UTC)
//! - repeats: `sum`, `count`, `position(..)`, `indexed-repeat` (one level)
//!
//! Anything else, a wrong number of arguments or a broken literal regex is a [`ParseError`].
//! Values convert by XPath 1.0's rules (see [`Value`]), with ODK's additions: an unanswered
//! question is "", and an ISO date converts to days since 1970-01-01, so dates compare and
//! subtract as numbers. Nesting is limited to [`MAX_DEPTH`] levels so that no input can exhaust
//! the stack.
//!
//! ```
//! use cercle::expr::{parse, Context, Value};
//!
//! struct Answers;
//! impl Context for Answers {
//!     fn value(&self, name: &str) -> Value {
//!         Value::from(if name == "age" { "9" } else { "" })
//!     }
//! }
//!
//! let relevant = parse("${age} >= 8 and ${age} <= 12").unwrap();
//! assert!(relevant.eval_bool(&Answers));
//! assert_eq!(relevant.references(), ["age"]);
//! ```

mod ast;
mod error;
mod eval;
mod lexer;
mod parser;
mod value;

pub use ast::Expr;
pub use error::ParseError;
pub use eval::Context;
pub use parser::{parse, parse_choice_filter, MAX_DEPTH};
pub use value::Value;

#[cfg(test)]
mod tests;

/// ODK functions Cercle does not evaluate: an expression using one is refused with the
/// function named, as a feature Cercle lacks rather than as a broken expression.
pub const ODK_FUNCTIONS_NOT_SUPPORTED: &[&str] = &[
    "pulldata",
    "instance",
    "randomize",
    "uuid",
    "digest",
    "base64-decode",
    "extract-signed",
    "area",
    "distance",
    "geofence",
    "decimal-date-time",
    "decimal-time",
    "date",
    "date-time",
    "format-date",
    "format-date-time",
    "sqrt",
    "pow",
    "exp",
    "exp10",
    "log",
    "log10",
    "abs",
    "sin",
    "cos",
    "tan",
    "asin",
    "acos",
    "atan",
    "atan2",
    "pi",
    "floor",
    "ceiling",
    "max",
    "min",
    "join",
    "translate",
    "normalize-space",
    "checklist",
    "weighted-checklist",
    "boolean-from-string",
    "count-non-empty",
    "random",
    "property",
    "version",
    "jr:itext",
    "string-length-chars",
    "substring-before",
    "substring-after",
    "lower-case",
    "upper-case",
    "current",
    "last",
    "local-name",
    "name",
];

/// The ODK function an expression uses that Cercle lacks, if that is why it did not parse.
pub fn unsupported_function(e: &ParseError) -> Option<&'static str> {
    let name = e.message.strip_prefix("unknown function '")?.split('\'').next()?;
    ODK_FUNCTIONS_NOT_SUPPORTED.iter().copied().find(|f| *f == name)
}
