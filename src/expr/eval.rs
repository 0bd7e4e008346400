//! Evaluation. It never fails: as in ODK, a value of the wrong kind becomes NaN, "" or false, so
//! a child is never stuck on a screen because of an odd answer.

use chrono::{DateTime, Local, NaiveDate, SecondsFormat, Utc};

use super::ast::{BinaryOp, Expr, Function, Node};
use super::parser::whole_match_regex;
use super::value::{string_to_number, Value};

/// What an expression can see of the survey around it. Only [`value`](Context::value) is
/// required; the other methods have defaults that suit a form without repeats or choice labels.
pub trait Context {
    /// The value of question `name`, in ODK's string form (a choice name, space-separated choice
    /// names, a decimal number, a date `YYYY-MM-DD`, text). An unanswered or hidden question is
    /// `Value::String("")`, never NaN. Inside a repeat, the current instance's value.
    fn value(&self, name: &str) -> Value;

    /// `.`: the answer being checked (constraint) or the row's own value (calculation, `once`).
    fn current(&self) -> Value {
        Value::String(String::new())
    }

    /// For `jr:choice-name`: the label, in the session language, of `choice` in the choice list
    /// of `question`. `None` when there is no such question or choice.
    fn choice_label(&self, _question: &str, _choice: &str) -> Option<String> {
        None
    }

    /// For a choice filter (see [`parse_choice_filter`](super::parse_choice_filter)): the column
    /// of the choice being tested, `name` or an extra column of the choices sheet.
    fn choice_column(&self, _column: &str) -> Value {
        Value::String(String::new())
    }

    /// The date `today()` returns; the device's local date unless a caller fixes it.
    fn today(&self) -> NaiveDate {
        Local::now().date_naive()
    }

    /// The moment `now()` returns.
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    /// `position(..)`: the 1-based index of the repeat instance being filled in, 0 outside any
    /// repeat.
    fn position(&self) -> usize {
        0
    }

    /// Every instance's value of field `name` inside a repeat, in instance order, for `sum`,
    /// `count` and `indexed-repeat`. For the repeat itself (`count(${repeat})`), one entry per
    /// instance. `None` when `name` is not in a repeat: it then counts as one node.
    fn repeat_values(&self, _name: &str) -> Option<Vec<String>> {
        None
    }
}

impl Expr {
    pub fn eval(&self, ctx: &dyn Context) -> Value {
        eval(&self.root, ctx)
    }

    /// For relevant, constraint, required and choice filters.
    pub fn eval_bool(&self, ctx: &dyn Context) -> bool {
        self.eval(ctx).to_bool()
    }

    /// For calculations and defaults, which are stored as strings.
    pub fn eval_string(&self, ctx: &dyn Context) -> String {
        self.eval(ctx).to_string()
    }

    pub fn eval_number(&self, ctx: &dyn Context) -> f64 {
        self.eval(ctx).to_number()
    }
}

fn eval(node: &Node, ctx: &dyn Context) -> Value {
    match node {
        Node::String(s) => Value::String(s.clone()),
        Node::Number(n) => Value::Number(*n),
        Node::Ref(name) => ctx.value(name),
        Node::Current => ctx.current(),
        Node::Column(name) => ctx.choice_column(name),
        Node::Regex(regex) => Value::String(regex.source.clone()),
        Node::Neg(operand) => Value::Number(-eval(operand, ctx).to_number()),
        Node::Binary { op, left, right } => binary(*op, left, right, ctx),
        Node::Call { function, args } => call(*function, args, ctx),
    }
}

fn binary(op: BinaryOp, left: &Node, right: &Node, ctx: &dyn Context) -> Value {
    // `and` and `or` do not evaluate their right side when the left decides.
    match op {
        BinaryOp::Or => {
            return Value::Bool(eval(left, ctx).to_bool() || eval(right, ctx).to_bool());
        }
        BinaryOp::And => {
            return Value::Bool(eval(left, ctx).to_bool() && eval(right, ctx).to_bool());
        }
        _ => {}
    }
    let (l, r) = (eval(left, ctx), eval(right, ctx));
    let number = |f: fn(f64, f64) -> f64| Value::Number(f(l.to_number(), r.to_number()));
    match op {
        BinaryOp::Add => number(|a, b| a + b),
        BinaryOp::Sub => number(|a, b| a - b),
        BinaryOp::Mul => number(|a, b| a * b),
        // IEEE: 1 div 0 is Infinity, 0 div 0 NaN.
        BinaryOp::Div => number(|a, b| a / b),
        // Rust's % on floats is C's fmod: the result takes the dividend's sign, as XPath wants.
        BinaryOp::Mod => number(|a, b| a % b),
        _ => Value::Bool(compare(op, &l, &r)),
    }
}

/// One side of a comparison once node-sets are taken apart.
#[derive(Clone, Copy)]
enum Atom<'a> {
    Str(&'a str),
    Num(f64),
    Bool(bool),
}

impl Atom<'_> {
    fn of(value: &Value) -> Atom<'_> {
        match value {
            Value::String(s) => Atom::Str(s),
            Value::Number(n) => Atom::Num(*n),
            Value::Bool(b) => Atom::Bool(*b),
            Value::NodeSet(nodes) => Atom::Str(nodes.first().map_or("", String::as_str)),
        }
    }

    fn number(self) -> f64 {
        match self {
            Atom::Str(s) => string_to_number(s),
            Atom::Num(n) => n,
            Atom::Bool(b) => f64::from(u8::from(b)),
        }
    }

    fn truth(self) -> bool {
        match self {
            Atom::Str(s) => !s.is_empty(),
            Atom::Num(n) => n != 0.0 && !n.is_nan(),
            Atom::Bool(b) => b,
        }
    }
}

/// XPath 1.0 §3.4: a node-set compares true when some node does; against a boolean, the
/// node-set's own truth is compared.
fn compare(op: BinaryOp, left: &Value, right: &Value) -> bool {
    use Value::{Bool, NodeSet};
    match (left, right) {
        (NodeSet(l), NodeSet(r)) => l.iter().any(|a| r.iter().any(|b| compare_atoms(op, Atom::Str(a), Atom::Str(b)))),
        (NodeSet(l), Bool(b)) => compare_atoms(op, Atom::Bool(!l.is_empty()), Atom::Bool(*b)),
        (Bool(b), NodeSet(r)) => compare_atoms(op, Atom::Bool(*b), Atom::Bool(!r.is_empty())),
        (NodeSet(l), other) => {
            let other = Atom::of(other);
            l.iter().any(|a| compare_atoms(op, Atom::Str(a), other))
        }
        (other, NodeSet(r)) => {
            let other = Atom::of(other);
            r.iter().any(|b| compare_atoms(op, other, Atom::Str(b)))
        }
        (l, r) => compare_atoms(op, Atom::of(l), Atom::of(r)),
    }
}

/// `=` and `!=` compare as booleans if either side is one, else as numbers if either side is
/// one, else as strings; the order comparisons always compare numbers (so ISO dates compare by
/// day, and `'abc' < 1` is false because NaN compares false).
fn compare_atoms(op: BinaryOp, a: Atom, b: Atom) -> bool {
    match op {
        BinaryOp::Eq | BinaryOp::Ne => {
            let equal = match (a, b) {
                (Atom::Bool(_), _) | (_, Atom::Bool(_)) => a.truth() == b.truth(),
                (Atom::Num(_), _) | (_, Atom::Num(_)) => a.number() == b.number(),
                (Atom::Str(x), Atom::Str(y)) => x == y,
            };
            (op == BinaryOp::Eq) == equal
        }
        BinaryOp::Lt => a.number() < b.number(),
        BinaryOp::Le => a.number() <= b.number(),
        BinaryOp::Gt => a.number() > b.number(),
        BinaryOp::Ge => a.number() >= b.number(),
        _ => false,
    }
}

fn call(function: Function, args: &[Node], ctx: &dyn Context) -> Value {
    // Arity is checked at parse time; a missing argument reads as "" all the same.
    let arg = |i: usize| args.get(i).map_or(Value::String(String::new()), |a| eval(a, ctx));
    let text = |i: usize| arg(i).to_string();
    // string-length(), number() and string() with no argument read `.`.
    let arg_or_current = || {
        if args.is_empty() {
            ctx.current()
        } else {
            arg(0)
        }
    };
    match function {
        Function::Not => Value::Bool(!arg(0).to_bool()),
        Function::True => Value::Bool(true),
        Function::False => Value::Bool(false),
        Function::Boolean => Value::Bool(arg(0).to_bool()),
        Function::Number => Value::Number(arg_or_current().to_number()),
        Function::String => Value::String(arg_or_current().to_string()),
        Function::Int => Value::Number(arg(0).to_number().trunc()),
        Function::Round => {
            let digits = if args.len() > 1 { arg(1).to_number() } else { 0.0 };
            Value::Number(round(arg(0).to_number(), digits))
        }

        Function::Selected => {
            let wanted = text(1);
            let wanted = wanted.trim();
            Value::Bool(text(0).split_whitespace().any(|choice| choice == wanted))
        }
        Function::CountSelected => Value::Number(text(0).split_whitespace().count() as f64),
        Function::SelectedAt => {
            // 0-based; `as` maps NaN to 0 like JavaRosa's intValue(), so a blank index is 0.
            let index = arg(1).to_number() as i64;
            let picked =
                usize::try_from(index).ok().and_then(|i| text(0).split_whitespace().nth(i).map(str::to_string));
            Value::String(picked.unwrap_or_default())
        }
        Function::ChoiceName => {
            let choice = text(0);
            let question = question_name(&text(1));
            let label = match choice.trim() {
                "" => None,
                choice => ctx.choice_label(&question, choice),
            };
            Value::String(label.unwrap_or_default())
        }

        Function::StringLength => Value::Number(arg_or_current().to_string().chars().count() as f64),
        Function::Concat => Value::String(
            args.iter()
                .map(|a| match eval(a, ctx) {
                    // ODK joins every node, where XPath would take the first.
                    Value::NodeSet(nodes) => nodes.concat(),
                    other => other.to_string(),
                })
                .collect(),
        ),
        Function::Contains => Value::Bool(text(0).contains(&text(1))),
        Function::StartsWith => Value::Bool(text(0).starts_with(&text(1))),
        Function::EndsWith => Value::Bool(text(0).ends_with(&text(1))),
        Function::Substr => {
            let end = (args.len() > 2).then(|| arg(2).to_number());
            Value::String(substr(&text(0), arg(1).to_number(), end))
        }
        Function::Regex => {
            let subject = text(0);
            let matched = match args.get(1) {
                Some(Node::Regex(literal)) => literal.whole.is_match(&subject),
                // A pattern computed at run time that does not compile matches nothing.
                Some(pattern) => {
                    whole_match_regex(&eval(pattern, ctx).to_string()).is_ok_and(|re| re.is_match(&subject))
                }
                None => false,
            };
            Value::Bool(matched)
        }

        Function::If => {
            if arg(0).to_bool() {
                arg(1)
            } else {
                arg(2)
            }
        }
        Function::Coalesce => {
            let first = arg(0);
            if first.is_blank() {
                arg(1)
            } else {
                first
            }
        }
        Function::Once => {
            let current = ctx.current();
            if current.is_blank() {
                arg(0)
            } else {
                current
            }
        }

        Function::Today => Value::String(ctx.today().format("%Y-%m-%d").to_string()),
        Function::Now => Value::String(ctx.now().to_rfc3339_opts(SecondsFormat::Millis, false)),

        Function::Sum => Value::Number(
            // As in ODK, empty or non-numeric instances are left out rather than making it NaN.
            node_values(args.first(), ctx).iter().map(|v| string_to_number(v)).filter(|n| !n.is_nan()).sum(),
        ),
        Function::Count => Value::Number(node_values(args.first(), ctx).len() as f64),
        Function::Position => Value::Number(ctx.position() as f64),
        Function::IndexedRepeat => {
            // Instance n of the field, 1-based; like ODK, n below 1 means the first.
            let n = arg(2).to_number().trunc().max(1.0);
            let picked = node_values(args.first(), ctx)
                .into_iter()
                .enumerate()
                .find(|(i, _)| (*i + 1) as f64 == n)
                .map(|(_, value)| value);
            Value::String(picked.unwrap_or_default())
        }
    }
}

/// The node-set a `${name}` designates: all its repeat instances, else its one value.
fn node_values(node: Option<&Node>, ctx: &dyn Context) -> Vec<String> {
    let value = match node {
        Some(Node::Ref(name)) => match ctx.repeat_values(name) {
            Some(values) => return values,
            None => ctx.value(name),
        },
        Some(other) => eval(other, ctx),
        None => return Vec::new(),
    };
    match value {
        Value::NodeSet(nodes) => nodes,
        other => vec![other.to_string()],
    }
}

/// jr:choice-name's second argument names a question: `'${q}'` in XLSForm, a path such as
/// `/data/q` in converted XForms, or just `q`.
fn question_name(text: &str) -> String {
    let text = text.trim();
    let name = match text.strip_prefix("${").and_then(|t| t.strip_suffix('}')) {
        Some(inner) => inner,
        None => text.rsplit('/').next().unwrap_or(text),
    };
    name.trim().to_string()
}

/// ODK's `substr(s, start, end?)`: 0-based start, exclusive end, negative values counting from
/// the end, everything clamped to the string (JavaRosa's `substring`).
fn substr(s: &str, start: f64, end: Option<f64>) -> String {
    let chars: Vec<char> = s.chars().collect();
    let len = chars.len() as i64;
    // `as` saturates and maps NaN to 0, like Java's intValue().
    let from_end = |i: i64| if i < 0 { len + i } else { i };
    let start = from_end(start as i64).clamp(0, len);
    let end = end.map_or(len, |e| from_end(e as i64)).clamp(0, len);
    if start >= end {
        return String::new();
    }
    chars.get(start as usize..end as usize).map(|part| part.iter().collect()).unwrap_or_default()
}

/// ODK's `round(number, digits?)`: halves go towards +∞ (2.5 → 3, -2.5 → -2), as XPath 1.0 says,
/// and rounding works on the decimal digits, as JavaRosa's BigDecimal does, so
/// round(1.005, 2) is 1.01 although 1.005 is stored as 1.00499…
fn round(number: f64, digits: f64) -> f64 {
    if !number.is_finite() {
        return number;
    }
    // `as` maps NaN to 0 and saturates, like Java's intValue().
    let digits = digits as i64;
    if !(-30..=30).contains(&digits) {
        return f64::NAN;
    }
    if digits < 0 {
        let scale = 10f64.powi(digits.unsigned_abs() as i32);
        return (number / scale + 0.5).floor() * scale;
    }
    round_decimal(number, digits as usize)
}

fn round_decimal(number: f64, digits: usize) -> f64 {
    let negative = number < 0.0;
    // Plain decimal, never an exponent: "1.005", "0.0000001".
    let text = number.abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let Some(dropped) = fraction.get(digits..).filter(|d| !d.is_empty()) else {
        return number;
    };
    let kept = fraction.get(..digits).unwrap_or("");
    let mut dropped_digits = dropped.bytes();
    let first = dropped_digits.next().unwrap_or(b'0');
    let more = dropped_digits.any(|b| b != b'0');
    // Towards +∞ at exactly half: up in magnitude for positives, down for negatives.
    let up = first > b'5' || (first == b'5' && (!negative || more));

    let mut kept_digits: Vec<u8> = whole.bytes().chain(kept.bytes()).collect();
    if up {
        let mut carry = true;
        for d in kept_digits.iter_mut().rev() {
            if *d == b'9' {
                *d = b'0';
            } else {
                *d += 1;
                carry = false;
                break;
            }
        }
        if carry {
            kept_digits.insert(0, b'1');
        }
    }
    let split = kept_digits.len().saturating_sub(digits);
    let (int_part, frac_part) = kept_digits.split_at(split);
    let rounded = format!("{}.{}0", String::from_utf8_lossy(int_part), String::from_utf8_lossy(frac_part));
    let magnitude: f64 = rounded.parse().unwrap_or(f64::NAN);
    if negative {
        -magnitude
    } else {
        magnitude
    }
}
