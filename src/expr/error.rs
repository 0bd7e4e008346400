//! The one error of reading an expression, shared by the lexer and the parser.

/// Why an expression could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at character {position}: {message}")]
pub struct ParseError {
    /// Offset of the offending character, counted in characters from 0.
    pub position: usize,
    pub message: String,
}

impl ParseError {
    pub(super) fn new(position: usize, message: impl Into<String>) -> ParseError {
        ParseError { position, message: message.into() }
    }
}
