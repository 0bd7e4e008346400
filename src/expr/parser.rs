//! Recursive descent over XPath 1.0's grammar, cut down to what XLSForms write.

use regex::{Regex, RegexBuilder};

use super::ast::{BinaryOp, Expr, Function, LiteralRegex, Node};
use super::error::ParseError;
use super::lexer::{tokenize, Tok, Token};

/// Deepest nesting accepted, both while parsing (parentheses, calls, unary minus) and in the
/// resulting tree (long operator chains). Keeps the stack bounded whatever a form contains.
pub const MAX_DEPTH: usize = 200;

/// Upper bound on a compiled regex, so a pathological pattern fails cleanly instead of eating
/// memory on a low-end tablet.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Parses an ODK XPath expression (relevant, constraint, calculation, required, default).
///
/// Questions are named `${name}`; a bare name that is not a function call is an error (see
/// [`parse_choice_filter`] for the one place where bare names mean something).
pub fn parse(src: &str) -> Result<Expr, ParseError> {
    parse_with(src, false)
}

/// Parses a `choice_filter`, where a bare name (`region`, `name`) is a column of the choice being
/// filtered, read through [`Context::choice_column`](super::Context::choice_column).
pub fn parse_choice_filter(src: &str) -> Result<Expr, ParseError> {
    parse_with(src, true)
}

fn parse_with(src: &str, columns: bool) -> Result<Expr, ParseError> {
    let tokens = tokenize(src)?;
    let mut parser =
        Parser { tokens, next: 0, depth: 0, columns, end: Token { kind: Tok::End, pos: src.chars().count() } };
    let parsed = parser.expression()?;
    let after = parser.peek();
    if after.kind != Tok::End {
        return Err(ParseError::new(
            after.pos,
            format!("expected an operator or the end, found {}", after.kind.describe()),
        ));
    }
    Ok(Expr { root: parsed.node })
}

/// A parsed subtree and its height, tracked so that no tree grows deeper than [`MAX_DEPTH`]
/// (evaluating, printing and dropping it all recurse).
struct Parsed {
    node: Node,
    height: usize,
}

struct Parser {
    tokens: Vec<Token>,
    next: usize,
    /// Current recursion depth of the parser itself.
    depth: usize,
    /// Whether bare names are choice columns (choice filters) or errors.
    columns: bool,
    end: Token,
}

impl Parser {
    fn peek(&self) -> &Token {
        self.tokens.get(self.next).unwrap_or(&self.end)
    }

    fn peek_second(&self) -> &Token {
        self.tokens.get(self.next + 1).unwrap_or(&self.end)
    }

    fn advance(&mut self) {
        if self.next < self.tokens.len() {
            self.next += 1;
        }
    }

    fn expect(&mut self, kind: Tok, what: &str) -> Result<(), ParseError> {
        if self.peek().kind == kind {
            self.advance();
            Ok(())
        } else {
            Err(self.error_here(format!("expected {what}")))
        }
    }

    fn error_here(&self, message: impl Into<String>) -> ParseError {
        ParseError::new(self.peek().pos, message)
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_here(too_deep()));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// A whole expression: the top level, a parenthesised one, or a function argument.
    fn expression(&mut self) -> Result<Parsed, ParseError> {
        self.enter()?;
        let parsed = self.binary(0);
        self.leave();
        parsed
    }

    /// Binary operators by precedence climbing: operators of `min_level` or tighter, left to
    /// right. One frame serves all six levels, which keeps deep parentheses cheap on the stack.
    fn binary(&mut self, min_level: u8) -> Result<Parsed, ParseError> {
        let mut left = self.unary()?;
        while let Some(op) = operator(&self.peek().kind).filter(|op| op.level() >= min_level) {
            let pos = self.peek().pos;
            self.advance();
            // Only tighter operators go right: that makes equal ones associate to the left.
            let right = self.binary(op.level() + 1)?;
            let height = left.height.max(right.height);
            let node = Node::Binary { op, left: Box::new(left.node), right: Box::new(right.node) };
            left = build(pos, node, height)?;
        }
        Ok(left)
    }

    /// Unary minus binds tighter than `*` (XPath: `-2 * 3` is `(-2) * 3`).
    fn unary(&mut self) -> Result<Parsed, ParseError> {
        if self.peek().kind != Tok::Minus {
            return self.primary();
        }
        let pos = self.peek().pos;
        self.advance();
        self.enter()?;
        let operand = self.unary();
        self.leave();
        let operand = operand?;
        build(pos, Node::Neg(Box::new(operand.node)), operand.height)
    }

    fn primary(&mut self) -> Result<Parsed, ParseError> {
        let pos = self.peek().pos;
        let node = match &self.peek().kind {
            Tok::Num(n) => Node::Number(*n),
            Tok::Str(s) => Node::String(s.clone()),
            Tok::Ref(name) => Node::Ref(name.clone()),
            Tok::Dot => Node::Current,
            Tok::LParen => {
                self.advance();
                let inner = self.expression()?;
                self.expect(Tok::RParen, "')'")?;
                return Ok(inner);
            }
            Tok::Name(name) if self.peek_second().kind == Tok::LParen => {
                let name = name.clone();
                return self.call(name, pos);
            }
            Tok::Name(name) if self.columns => Node::Column(name.clone()),
            other => return Err(not_an_operand(other, pos)),
        };
        self.advance();
        Ok(Parsed { node, height: 1 })
    }

    /// A function call; the name is the current token and '(' the next.
    fn call(&mut self, name: String, pos: usize) -> Result<Parsed, ParseError> {
        let Some(function) = Function::from_name(&name) else {
            return Err(ParseError::new(pos, format!("unknown function '{name}'")));
        };
        self.advance();
        self.advance();
        if function == Function::Position {
            return self.position_call(pos);
        }

        let (mut args, positions, height) = self.arguments()?;
        check_arity(function, args.len(), pos)?;
        check_node_set_arguments(function, &args, &positions)?;
        if function == Function::Regex {
            compile_literal_pattern(&mut args, &positions)?;
        }
        build(pos, Node::Call { function, args }, height)
    }

    /// The arguments after '(' up to and past ')', with where each starts and the tallest height.
    fn arguments(&mut self) -> Result<(Vec<Node>, Vec<usize>, usize), ParseError> {
        let mut args = Vec::new();
        let mut positions = Vec::new();
        let mut height = 0;
        if self.peek().kind == Tok::RParen {
            self.advance();
            return Ok((args, positions, height));
        }
        loop {
            positions.push(self.peek().pos);
            let arg = self.expression()?;
            height = height.max(arg.height);
            args.push(arg.node);
            match self.peek().kind {
                Tok::Comma => self.advance(),
                Tok::RParen => {
                    self.advance();
                    return Ok((args, positions, height));
                }
                _ => return Err(self.error_here("expected ',' or ')'")),
            }
        }
    }

    /// `position(..)`: the 1-based index of the repeat instance being filled in. `..` is the only
    /// argument ODK forms give it, and it is not an expression of its own.
    fn position_call(&mut self, pos: usize) -> Result<Parsed, ParseError> {
        if self.peek().kind == Tok::DotDot {
            self.advance();
            self.expect(Tok::RParen, "')' after position(..")?;
            return build(pos, Node::Call { function: Function::Position, args: Vec::new() }, 0);
        }
        Err(self.error_here("position() takes '..' (the current repeat instance): write position(..)"))
    }
}

/// The error for a token where an operand should be. Kept out of `primary` so that its frame,
/// which every level of parentheses stacks, stays small.
#[cold]
#[inline(never)]
fn not_an_operand(kind: &Tok, pos: usize) -> ParseError {
    let message = match kind {
        Tok::Name(name) if operator(kind).is_some() => {
            format!("expected an expression before '{name}'")
        }
        Tok::Name(name) => {
            format!("'{name}' is neither a question nor a function: write ${{{name}}}, '{name}' or {name}()")
        }
        Tok::DotDot => "'..' is only supported as position(..)".to_string(),
        other => format!("expected an expression, found {}", other.describe()),
    };
    ParseError::new(pos, message)
}

fn operator(kind: &Tok) -> Option<BinaryOp> {
    Some(match kind {
        Tok::Name(name) => match name.as_str() {
            "or" => BinaryOp::Or,
            "and" => BinaryOp::And,
            "div" => BinaryOp::Div,
            "mod" => BinaryOp::Mod,
            _ => return None,
        },
        Tok::Eq => BinaryOp::Eq,
        Tok::Ne => BinaryOp::Ne,
        Tok::Lt => BinaryOp::Lt,
        Tok::Le => BinaryOp::Le,
        Tok::Gt => BinaryOp::Gt,
        Tok::Ge => BinaryOp::Ge,
        Tok::Plus => BinaryOp::Add,
        Tok::Minus => BinaryOp::Sub,
        Tok::Star => BinaryOp::Mul,
        _ => return None,
    })
}

/// Wraps `node`, whose tallest child is `child_height` high, refusing trees over the limit.
fn build(pos: usize, node: Node, child_height: usize) -> Result<Parsed, ParseError> {
    let height = child_height + 1;
    if height > MAX_DEPTH {
        return Err(ParseError::new(pos, too_deep()));
    }
    Ok(Parsed { node, height })
}

fn too_deep() -> String {
    format!("expression nested too deeply (more than {MAX_DEPTH} levels)")
}

fn check_arity(function: Function, given: usize, pos: usize) -> Result<(), ParseError> {
    let (min, max) = function.arity();
    if given >= min && max.is_none_or(|max| given <= max) {
        return Ok(());
    }
    let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
    let expected = match max {
        Some(max) if max == min => format!("{min} {}", plural(min)),
        Some(max) if max == min + 1 => format!("{min} or {max} {}", plural(max)),
        Some(max) => format!("{min} to {max} {}", plural(max)),
        None => format!("at least {min} {}", plural(min)),
    };
    let mut message = format!("{}() takes {expected}, not {given}", function.name());
    if function == Function::IndexedRepeat && given > 3 {
        message.push_str(" (nested repeats are not supported)");
    }
    Err(ParseError::new(pos, message))
}

/// sum(), count() and indexed-repeat() work on the instances of a field inside a repeat, which
/// only a `${name}` can designate.
fn check_node_set_arguments(function: Function, args: &[Node], positions: &[usize]) -> Result<(), ParseError> {
    let needs_ref = match function {
        Function::Sum | Function::Count => 1,
        Function::IndexedRepeat => 2,
        _ => 0,
    };
    for (i, arg) in args.iter().enumerate().take(needs_ref) {
        if !matches!(arg, Node::Ref(_)) {
            let at = positions.get(i).copied().unwrap_or(0);
            return Err(ParseError::new(at, format!("{}() takes a ${{name}} here", function.name())));
        }
    }
    Ok(())
}

/// A regex() pattern written as a literal is compiled now, so a broken one is the form author's
/// error at load time rather than a constraint that silently never holds.
fn compile_literal_pattern(args: &mut [Node], positions: &[usize]) -> Result<(), ParseError> {
    let Some(slot) = args.get_mut(1) else {
        return Ok(());
    };
    let Node::String(pattern) = slot else {
        return Ok(());
    };
    let whole = whole_match_regex(pattern).map_err(|e| {
        let at = positions.get(1).copied().unwrap_or(0);
        ParseError::new(at, format!("invalid regular expression: {e}"))
    })?;
    let source = std::mem::take(pattern);
    *slot = Node::Regex(Box::new(LiteralRegex { source, whole }));
    Ok(())
}

/// Compiles a pattern so that it must match the whole string, as ODK does (Java's
/// `Pattern.matches`): `regex(., '[0-9]{3}')` refuses "1234".
pub(super) fn whole_match_regex(pattern: &str) -> Result<Regex, String> {
    let build = |p: &str| RegexBuilder::new(p).size_limit(REGEX_SIZE_LIMIT).dfa_size_limit(REGEX_SIZE_LIMIT).build();
    // Checked alone first: the wrapped form could hide a stray ')' in the pattern.
    build(pattern).map_err(|e| regex_message(&e))?;
    build(&format!(r"\A(?:{pattern})\z"))
        // An `(?x)` comment at the end swallows the closing parenthesis; a newline ends it.
        .or_else(|_| build(&format!("\\A(?:{pattern}\n)\\z")))
        .map_err(|e| regex_message(&e))
}

/// The regex crate's messages draw a caret diagram over several lines; the last line says what
/// is wrong, which is what fits in a form-check report.
fn regex_message(error: &regex::Error) -> String {
    let text = error.to_string();
    text.lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .map(|line| line.trim().trim_start_matches("error: ").to_string())
        .unwrap_or(text)
}
