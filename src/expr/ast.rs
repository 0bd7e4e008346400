//! The parsed form of an expression.

use std::fmt;

use regex::Regex;

use super::value::number_to_string;

/// A parsed expression, ready to be evaluated each time an answer it depends on changes.
///
/// Built by [`parse`](super::parse) (or [`parse_choice_filter`](super::parse_choice_filter)).
/// `Display` prints it back fully parenthesised, which shows how it was read:
/// `1 + 2 * 3` prints as `(1 + (2 * 3))`.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub(super) root: Node,
}

impl Expr {
    /// Every `${name}` the expression reads, each once, in order of first appearance, so a caller
    /// can re-evaluate only the expressions that depend on a changed answer.
    pub fn references(&self) -> Vec<String> {
        let mut names = Vec::new();
        self.root.collect_references(&mut names);
        names
    }
}

impl std::str::FromStr for Expr {
    type Err = super::ParseError;

    fn from_str(src: &str) -> Result<Expr, Self::Err> {
        super::parse(src)
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.root.fmt(f)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    String(String),
    Number(f64),
    /// `${name}`: another question's answer.
    Ref(String),
    /// `.`: the answer being checked (constraint) or the row's own value.
    Current,
    /// A bare name in a choice filter: a column of the choice being filtered.
    Column(String),
    Neg(Box<Node>),
    Binary {
        op: BinaryOp,
        left: Box<Node>,
        right: Box<Node>,
    },
    Call {
        function: Function,
        args: Vec<Node>,
    },
    /// The pattern of `regex()` when written as a literal: compiled once, at parse time.
    Regex(Box<LiteralRegex>),
}

impl Node {
    fn collect_references(&self, names: &mut Vec<String>) {
        match self {
            Node::Ref(name) => {
                if !names.contains(name) {
                    names.push(name.clone());
                }
            }
            Node::Neg(operand) => operand.collect_references(names),
            Node::Binary { left, right, .. } => {
                left.collect_references(names);
                right.collect_references(names);
            }
            Node::Call { args, .. } => {
                for arg in args {
                    arg.collect_references(names);
                }
            }
            Node::String(_) | Node::Number(_) | Node::Current | Node::Column(_) | Node::Regex(_) => {}
        }
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::String(s) => write_literal(f, s),
            Node::Number(n) => f.write_str(&number_to_string(*n)),
            Node::Ref(name) => write!(f, "${{{name}}}"),
            Node::Current => f.write_str("."),
            Node::Column(name) => f.write_str(name),
            Node::Neg(operand) => write!(f, "-{operand}"),
            Node::Binary { op, left, right } => write!(f, "({left} {} {right})", op.symbol()),
            Node::Call { function, args } => {
                write!(f, "{}(", function.name())?;
                if *function == Function::Position && args.is_empty() {
                    // position() is only accepted as position(..); keep it re-parseable.
                    f.write_str("..")?;
                }
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    arg.fmt(f)?;
                }
                f.write_str(")")
            }
            Node::Regex(regex) => write_literal(f, &regex.source),
        }
    }
}

/// A literal never holds both quote kinds (XPath has no escapes), so one of them always fits.
fn write_literal(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    if s.contains('\'') {
        write!(f, "\"{s}\"")
    } else {
        write!(f, "'{s}'")
    }
}

/// A regex pattern compiled to match the whole string, as ODK's `regex()` does.
#[derive(Debug, Clone)]
pub(super) struct LiteralRegex {
    /// The pattern as written, for display and equality.
    pub source: String,
    pub whole: Regex,
}

impl PartialEq for LiteralRegex {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BinaryOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

impl BinaryOp {
    /// Binding strength, loosest first (XPath 1.0 §3): or, and, equality, relational, additive,
    /// multiplicative. Unary minus binds tighter still.
    pub(super) fn level(self) -> u8 {
        match self {
            BinaryOp::Or => 0,
            BinaryOp::And => 1,
            BinaryOp::Eq | BinaryOp::Ne => 2,
            BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => 3,
            BinaryOp::Add | BinaryOp::Sub => 4,
            BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => 5,
        }
    }

    pub(super) fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "=",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "div",
            BinaryOp::Mod => "mod",
        }
    }
}

/// The functions Cercle evaluates: the ones XLSForms for children use, in ODK's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Function {
    Not,
    Selected,
    CountSelected,
    SelectedAt,
    ChoiceName,
    StringLength,
    Concat,
    Contains,
    StartsWith,
    EndsWith,
    Substr,
    Regex,
    If,
    Coalesce,
    Today,
    Now,
    Int,
    Number,
    String,
    Round,
    Boolean,
    True,
    False,
    Once,
    Sum,
    Count,
    Position,
    IndexedRepeat,
}

impl Function {
    const ALL: [Function; 28] = [
        Function::Not,
        Function::Selected,
        Function::CountSelected,
        Function::SelectedAt,
        Function::ChoiceName,
        Function::StringLength,
        Function::Concat,
        Function::Contains,
        Function::StartsWith,
        Function::EndsWith,
        Function::Substr,
        Function::Regex,
        Function::If,
        Function::Coalesce,
        Function::Today,
        Function::Now,
        Function::Int,
        Function::Number,
        Function::String,
        Function::Round,
        Function::Boolean,
        Function::True,
        Function::False,
        Function::Once,
        Function::Sum,
        Function::Count,
        Function::Position,
        Function::IndexedRepeat,
    ];

    pub(super) fn from_name(name: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.name() == name)
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Function::Not => "not",
            Function::Selected => "selected",
            Function::CountSelected => "count-selected",
            Function::SelectedAt => "selected-at",
            Function::ChoiceName => "jr:choice-name",
            Function::StringLength => "string-length",
            Function::Concat => "concat",
            Function::Contains => "contains",
            Function::StartsWith => "starts-with",
            Function::EndsWith => "ends-with",
            Function::Substr => "substr",
            Function::Regex => "regex",
            Function::If => "if",
            Function::Coalesce => "coalesce",
            Function::Today => "today",
            Function::Now => "now",
            Function::Int => "int",
            Function::Number => "number",
            Function::String => "string",
            Function::Round => "round",
            Function::Boolean => "boolean",
            Function::True => "true",
            Function::False => "false",
            Function::Once => "once",
            Function::Sum => "sum",
            Function::Count => "count",
            Function::Position => "position",
            Function::IndexedRepeat => "indexed-repeat",
        }
    }

    /// Least and most arguments (`None`: any number). With no argument, `string-length`,
    /// `number` and `string` read `.`, as in XPath.
    pub(super) fn arity(self) -> (usize, Option<usize>) {
        match self {
            Function::Today | Function::Now | Function::True | Function::False => (0, Some(0)),
            Function::StringLength | Function::Number | Function::String => (0, Some(1)),
            // position(..) is parsed apart: its one argument is not an expression.
            Function::Position => (0, Some(0)),
            Function::Not
            | Function::CountSelected
            | Function::Int
            | Function::Boolean
            | Function::Once
            | Function::Sum
            | Function::Count => (1, Some(1)),
            Function::Round => (1, Some(2)),
            Function::Selected
            | Function::SelectedAt
            | Function::ChoiceName
            | Function::Contains
            | Function::StartsWith
            | Function::EndsWith
            | Function::Regex
            | Function::Coalesce => (2, Some(2)),
            Function::Substr => (2, Some(3)),
            Function::If | Function::IndexedRepeat => (3, Some(3)),
            Function::Concat => (0, None),
        }
    }
}
