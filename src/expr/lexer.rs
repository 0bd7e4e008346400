//! Splits an expression into tokens, each with the character offset where it starts.
//!
//! Offsets count characters, not bytes, so an error position points at the right place in a
//! form written in Arabic or with accented names.

use super::error::ParseError;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    /// `${name}`, with the name trimmed.
    Ref(String),
    /// A string literal, without its quotes.
    Str(String),
    Num(f64),
    /// A function name, a keyword operator (`and`, `or`, `div`, `mod`) or a choice column.
    Name(String),
    Dot,
    DotDot,
    LParen,
    RParen,
    Comma,
    Plus,
    Minus,
    Star,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    End,
}

impl Tok {
    /// How the token is named in an error message.
    pub(super) fn describe(&self) -> String {
        match self {
            Tok::Ref(name) => format!("'${{{name}}}'"),
            Tok::Str(s) => format!("the string '{s}'"),
            Tok::Num(n) => format!("the number {}", super::value::number_to_string(*n)),
            Tok::Name(name) => format!("'{name}'"),
            Tok::End => "the end".to_string(),
            other => format!("'{}'", other.symbol()),
        }
    }

    fn symbol(&self) -> &'static str {
        match self {
            Tok::Dot => ".",
            Tok::DotDot => "..",
            Tok::LParen => "(",
            Tok::RParen => ")",
            Tok::Comma => ",",
            Tok::Plus => "+",
            Tok::Minus => "-",
            Tok::Star => "*",
            Tok::Eq => "=",
            Tok::Ne => "!=",
            Tok::Lt => "<",
            Tok::Le => "<=",
            Tok::Gt => ">",
            Tok::Ge => ">=",
            Tok::Ref(_) | Tok::Str(_) | Tok::Num(_) | Tok::Name(_) | Tok::End => "",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token {
    pub kind: Tok,
    /// Character offset of the token's first character.
    pub pos: usize,
}

/// The tokens of `src`, without a trailing [`Tok::End`] (the parser adds its own).
pub(super) fn tokenize(src: &str) -> Result<Vec<Token>, ParseError> {
    let chars: Vec<char> = src.chars().collect();
    let mut lexer = Lexer { chars, at: 0 };
    let mut tokens = Vec::new();
    while let Some(c) = lexer.peek(0) {
        if c.is_whitespace() {
            lexer.at += 1;
            continue;
        }
        let pos = lexer.at;
        let kind = lexer.token(c)?;
        tokens.push(Token { kind, pos });
    }
    Ok(tokens)
}

struct Lexer {
    chars: Vec<char>,
    at: usize,
}

impl Lexer {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    /// Reads the token starting with `c` at the current position and moves past it.
    fn token(&mut self, c: char) -> Result<Tok, ParseError> {
        let start = self.at;
        let next = self.peek(1);
        let (kind, len) = match c {
            '(' => (Tok::LParen, 1),
            ')' => (Tok::RParen, 1),
            ',' => (Tok::Comma, 1),
            '+' => (Tok::Plus, 1),
            '-' => (Tok::Minus, 1),
            '*' => (Tok::Star, 1),
            '=' => (Tok::Eq, 1),
            '!' if next == Some('=') => (Tok::Ne, 2),
            '!' => return Err(ParseError::new(start, "expected '=' after '!'")),
            '<' if next == Some('=') => (Tok::Le, 2),
            '<' => (Tok::Lt, 1),
            '>' if next == Some('=') => (Tok::Ge, 2),
            '>' => (Tok::Gt, 1),
            '.' if next == Some('.') => (Tok::DotDot, 2),
            '.' if next.is_some_and(|n| n.is_ascii_digit()) => return self.number(),
            '.' => (Tok::Dot, 1),
            '\'' | '"' => return self.string(c),
            '$' => return self.reference(),
            c if c.is_ascii_digit() => return self.number(),
            c if c.is_ascii_alphabetic() || c == '_' => return Ok(self.name()),
            '/' => return Err(ParseError::new(start, "paths such as /data/name are not supported: write ${name}")),
            other => return Err(ParseError::new(start, format!("unexpected character '{other}'"))),
        };
        self.at += len;
        Ok(kind)
    }

    /// XPath numbers: digits with an optional fraction, or a fraction alone (`.5`). No sign (that
    /// is unary minus) and no exponent.
    fn number(&mut self) -> Result<Tok, ParseError> {
        let start = self.at;
        let mut text = String::new();
        while let Some(d) = self.peek(0).filter(char::is_ascii_digit) {
            text.push(d);
            self.at += 1;
        }
        // A '.' followed by another '.' is not a decimal point ("1..2" is not a number).
        if self.peek(0) == Some('.') && self.peek(1) != Some('.') {
            text.push('.');
            self.at += 1;
            while let Some(d) = self.peek(0).filter(char::is_ascii_digit) {
                text.push(d);
                self.at += 1;
            }
        }
        // The text is digits with at most one '.', which always parses; NaN is only a fallback.
        let n: f64 = text.parse().unwrap_or(f64::NAN);
        // Over 309 digits the literal reads as infinity, which no literal can write back
        // (`Display` would print "Infinity", a name): surely a typo, so say so here.
        if n.is_infinite() {
            return Err(ParseError::new(start, "number too large"));
        }
        Ok(Tok::Num(n))
    }

    /// XPath literals have no escapes: a quote of the other kind is how a quote gets in.
    fn string(&mut self, quote: char) -> Result<Tok, ParseError> {
        let start = self.at;
        let body = self.chars.get(start + 1..).unwrap_or(&[]);
        let Some(len) = body.iter().position(|&c| c == quote) else {
            return Err(ParseError::new(start, format!("unterminated string: expected a closing {quote}")));
        };
        let text = body.iter().take(len).collect();
        self.at = start + len + 2;
        Ok(Tok::Str(text))
    }

    /// `${name}`: XLSForm's way of naming another question.
    fn reference(&mut self) -> Result<Tok, ParseError> {
        let start = self.at;
        if self.peek(1) != Some('{') {
            return Err(ParseError::new(start, "expected '{' after '$': write ${name}"));
        }
        let body = self.chars.get(start + 2..).unwrap_or(&[]);
        let Some(len) = body.iter().position(|&c| c == '}') else {
            return Err(ParseError::new(start, "unterminated '${': expected '}'"));
        };
        let raw: String = body.iter().take(len).collect();
        let name = raw.trim();
        if name.is_empty() {
            return Err(ParseError::new(start, "empty name in '${}'"));
        }
        if !is_question_name(name) {
            return Err(ParseError::new(start, format!("'{name}' is not a valid question name")));
        }
        self.at = start + len + 3;
        Ok(Tok::Ref(name.to_string()))
    }

    /// Function names (`jr:choice-name`), keyword operators and choice columns. A '-' belongs to
    /// the name only when a letter follows, so `3 div-1` still reads as `3 div -1`.
    fn name(&mut self) -> Tok {
        let mut text = String::new();
        while let Some(c) = self.peek(0) {
            let continues = c.is_ascii_alphanumeric()
                || c == '_'
                || c == ':'
                || (c == '-' && self.peek(1).is_some_and(|n| n.is_ascii_alphabetic()));
            if !continues {
                break;
            }
            text.push(c);
            self.at += 1;
        }
        Tok::Name(text)
    }
}

/// XLSForm names: a letter or '_' first, then letters, digits, '_', '-' or '.'.
fn is_question_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}
