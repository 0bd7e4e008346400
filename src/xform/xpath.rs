//! XForm XPath back into the form model's expressions: each path to a field becomes `${name}`.
//!
//! pyxform turns `${name}` into an absolute path (`/data/group/name`), or a relative one
//! (`../name`) between fields of the same repeat; choice filters read the item's own columns by
//! bare name and the question's fields through `current()/..`. This undoes exactly that, and
//! refuses the rest of XPath's paths (predicates, `//`, axes, lookups in other instances) by name,
//! because the engine cannot evaluate them and a dropped condition would change what a child is
//! asked. Everything else (operators, literals, function calls) is copied as written and left
//! to [`crate::expr`] to check.

use std::collections::HashMap;

/// Where a path in an expression cannot go.
#[derive(Debug, Clone, PartialEq)]
pub enum Unsupported {
    /// `instance('id')/...` outside a select's choices (a lookup in a secondary instance).
    InstanceLookup(String),
    /// A path with a condition in brackets.
    Predicate(String),
    /// `//`, `@attribute`, `axis::`, `*`: XPath's wider paths.
    PathSyntax(String),
    /// `$variable`.
    Variable(String),
    /// A path to no field of the form (or to the instance's root or its metadata).
    UnknownPath(String),
    /// A quote never closed, a character XPath does not have.
    Syntax(String),
}

/// How names in an expression are read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    /// A bind's relevant, constraint, calculate...: relative paths start at the field.
    Field,
    /// A select's itemset filter: bare names are the choice's columns; `current()` is the
    /// question.
    ChoiceFilter,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    Space(&'a str),
    /// A string literal with its quotes.
    Str(&'a str),
    Num(&'a str),
    Name(&'a str),
    Slash,
    DoubleSlash,
    Dot,
    DotDot,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Comma,
    At,
    Dollar,
    Axis,
    /// Operators, `*` among them (multiplication or a wildcard, told apart by position).
    Op(&'a str),
}

fn tokenize(s: &str) -> Result<Vec<Tok<'_>>, Unsupported> {
    let mut toks = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let c = rest.chars().next().unwrap_or(' ');
        let (tok, len) = match c {
            c if c.is_whitespace() => {
                let len = rest.find(|ch: char| !ch.is_whitespace()).unwrap_or(rest.len());
                (Tok::Space(&rest[..len]), len)
            }
            '\'' | '"' => match rest[1..].find(c) {
                Some(end) => (Tok::Str(&rest[..end + 2]), end + 2),
                None => return Err(Unsupported::Syntax(rest.to_string())),
            },
            '0'..='9' => {
                let len = rest.find(|ch: char| !(ch.is_ascii_digit() || ch == '.')).unwrap_or(rest.len());
                (Tok::Num(&rest[..len]), len)
            }
            '.' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                let len = 1 + rest[1..].find(|ch: char| !ch.is_ascii_digit()).unwrap_or(rest.len() - 1);
                (Tok::Num(&rest[..len]), len)
            }
            '.' if rest.starts_with("..") => (Tok::DotDot, 2),
            '.' => (Tok::Dot, 1),
            '/' if rest.starts_with("//") => (Tok::DoubleSlash, 2),
            '/' => (Tok::Slash, 1),
            '[' => (Tok::LBracket, 1),
            ']' => (Tok::RBracket, 1),
            '(' => (Tok::LParen, 1),
            ')' => (Tok::RParen, 1),
            ',' => (Tok::Comma, 1),
            '@' => (Tok::At, 1),
            '$' => (Tok::Dollar, 1),
            ':' if rest.starts_with("::") => (Tok::Axis, 2),
            '!' if rest.starts_with("!=") => (Tok::Op("!="), 2),
            '<' | '>' if rest[1..].starts_with('=') => (Tok::Op(&rest[..2]), 2),
            '=' | '<' | '>' | '+' | '-' | '*' | '|' => (Tok::Op(&rest[..1]), 1),
            c if c.is_alphabetic() || c == '_' => {
                // An XML name, with one `prefix:` allowed (`jr:choice-name`).
                let mut len = 0;
                let mut colon = false;
                for (j, ch) in rest.char_indices() {
                    let ok = ch.is_alphanumeric()
                        || matches!(ch, '_' | '-' | '.')
                        || (ch == ':'
                            && !colon
                            && j > 0
                            && rest[j + 1..].chars().next().is_some_and(|n| n.is_alphabetic() || n == '_'));
                    if !ok {
                        break;
                    }
                    colon |= ch == ':';
                    len = j + ch.len_utf8();
                }
                (Tok::Name(&rest[..len]), len)
            }
            _ => return Err(Unsupported::Syntax(rest.chars().take(20).collect())),
        };
        toks.push(tok);
        i += len;
    }
    Ok(toks)
}

/// The form's fields by absolute path (`/data/group/name` → `name`).
pub type Paths = HashMap<String, String>;

/// `xpath` as a model expression. `context` is the absolute path of the field the expression
/// belongs to (the question, for a choice filter).
pub fn to_model(xpath: &str, context: &str, mode: Mode, paths: &Paths) -> Result<String, Unsupported> {
    let toks = tokenize(xpath)?;
    let mut out = String::with_capacity(xpath.len());
    let mut i = 0;
    // Whether the last significant token ends an operand: then `*` multiplies and `and`, `or`,
    // `div`, `mod` are operators (XPath 1.0's disambiguation rule).
    let mut after_operand = false;
    let significant = |j: usize| toks[j..].iter().find(|t| !matches!(t, Tok::Space(_)));
    while i < toks.len() {
        let tok = &toks[i];
        match tok {
            Tok::Space(s) => {
                out.push_str(s);
                i += 1;
                continue;
            }
            Tok::Str(s) => {
                out.push_str(&string_literal(s, paths));
                after_operand = true;
                i += 1;
                continue;
            }
            Tok::Num(n) => {
                out.push_str(n);
                after_operand = true;
                i += 1;
                continue;
            }
            Tok::Name(n) if after_operand && matches!(*n, "and" | "or" | "div" | "mod") => {
                out.push_str(n);
                after_operand = false;
                i += 1;
                continue;
            }
            Tok::Op(op) if !(*op == "*" && !after_operand) => {
                if *op == "|" {
                    return Err(Unsupported::PathSyntax("|".into()));
                }
                out.push_str(op);
                after_operand = false;
                i += 1;
                continue;
            }
            Tok::Name(n) if matches!(significant(i + 1), Some(Tok::LParen)) && *n != "current" => {
                if *n == "instance" {
                    let arg = toks[i..].iter().find_map(|t| if let Tok::Str(s) = t { Some(*s) } else { None });
                    return Err(Unsupported::InstanceLookup(arg.unwrap_or("").trim_matches(['\'', '"']).to_string()));
                }
                // `position(..)`: the engine reads it as written.
                if *n == "position" {
                    let rest: String = toks[i..]
                        .iter()
                        .take_while(|t| !matches!(t, Tok::RParen))
                        .filter(|t| !matches!(t, Tok::Space(_)))
                        .map(|t| match t {
                            Tok::Name(n) => (*n).to_string(),
                            Tok::LParen => "(".into(),
                            Tok::DotDot => "..".into(),
                            _ => "?".into(),
                        })
                        .collect();
                    if rest == "position(.." {
                        out.push_str("position(..");
                        i += toks[i..].iter().position(|t| matches!(t, Tok::RParen)).unwrap_or(0);
                        after_operand = false;
                        continue;
                    }
                }
                out.push_str(n);
                after_operand = false;
                i += 1;
                continue;
            }
            Tok::LParen | Tok::LBracket | Tok::Comma => {
                out.push_str(match tok {
                    Tok::LParen => "(",
                    Tok::LBracket => "[",
                    _ => ",",
                });
                after_operand = false;
                i += 1;
                continue;
            }
            Tok::RParen | Tok::RBracket => {
                out.push_str(if *tok == Tok::RParen { ")" } else { "]" });
                after_operand = true;
                i += 1;
                continue;
            }
            Tok::Dollar => {
                let name = match toks.get(i + 1) {
                    Some(Tok::Name(n)) => n,
                    _ => "",
                };
                return Err(Unsupported::Variable(format!("${name}")));
            }
            _ => {}
        }
        // A path: collect its steps.
        let (path, next) = read_path(&toks, i)?;
        out.push_str(&resolve(&path, context, mode, paths)?);
        after_operand = true;
        i = next;
    }
    Ok(out.trim().to_string())
}

/// A path as written: where it starts and its steps (`.`, `..` or names).
#[derive(Debug)]
struct Path {
    start: Start,
    steps: Vec<String>,
    text: String,
}

#[derive(Debug, PartialEq)]
enum Start {
    Root,
    Relative,
    Current,
}

fn read_path(toks: &[Tok], mut i: usize) -> Result<(Path, usize), Unsupported> {
    let mut text = String::new();
    let mut steps = Vec::new();
    let start = match &toks[i] {
        Tok::Slash => {
            text.push('/');
            i += 1;
            Start::Root
        }
        Tok::Name("current") => {
            // current() then, optionally, /steps.
            let mut j = i + 1;
            let mut seen = String::from("current");
            for want in ["(", ")"] {
                while matches!(toks.get(j), Some(Tok::Space(_))) {
                    j += 1;
                }
                match (want, toks.get(j)) {
                    ("(", Some(Tok::LParen)) | (")", Some(Tok::RParen)) => seen.push_str(want),
                    _ => return Err(Unsupported::PathSyntax(seen)),
                }
                j += 1;
            }
            text.push_str("current()");
            i = j;
            if !matches!(toks.get(i), Some(Tok::Slash)) {
                return Ok((Path { start: Start::Current, steps, text }, i));
            }
            text.push('/');
            i += 1;
            Start::Current
        }
        _ => Start::Relative,
    };
    loop {
        match toks.get(i) {
            Some(Tok::Name(n)) => {
                steps.push((*n).to_string());
                text.push_str(n);
            }
            Some(Tok::Dot) => {
                steps.push(".".into());
                text.push('.');
            }
            Some(Tok::DotDot) => {
                steps.push("..".into());
                text.push_str("..");
            }
            Some(Tok::DoubleSlash) => return Err(Unsupported::PathSyntax(format!("{text}//"))),
            Some(Tok::At) => return Err(Unsupported::PathSyntax(format!("{text}@"))),
            Some(Tok::Op("*")) => return Err(Unsupported::PathSyntax(format!("{text}*"))),
            _ if start == Start::Root && steps.is_empty() => return Err(Unsupported::UnknownPath("/".into())),
            _ => return Err(Unsupported::Syntax(text)),
        }
        i += 1;
        match toks.get(i) {
            Some(Tok::Slash) => {
                text.push('/');
                i += 1;
            }
            Some(Tok::DoubleSlash) => return Err(Unsupported::PathSyntax(format!("{text}//"))),
            Some(Tok::Axis) => return Err(Unsupported::PathSyntax(format!("{text}::"))),
            Some(Tok::LBracket) => return Err(Unsupported::Predicate(format!("{text}[...]"))),
            _ => break,
        }
    }
    Ok((Path { start, steps, text }, i))
}

fn resolve(path: &Path, context: &str, mode: Mode, paths: &Paths) -> Result<String, Unsupported> {
    if path.start == Start::Relative && path.steps == ["."] && mode == Mode::Field {
        return Ok(".".into());
    }
    if path.start == Start::Relative && mode == Mode::ChoiceFilter {
        // The choice's own column (`name`, `region`).
        return match path.steps.as_slice() {
            [column] if column != "." && column != ".." => Ok(column.clone()),
            _ => Err(Unsupported::UnknownPath(path.text.clone())),
        };
    }
    let mut at: Vec<&str> = match path.start {
        Start::Root => Vec::new(),
        Start::Relative | Start::Current => context.split('/').filter(|s| !s.is_empty()).collect(),
    };
    for step in &path.steps {
        match step.as_str() {
            "." => {}
            ".." => {
                if at.pop().is_none() {
                    return Err(Unsupported::UnknownPath(path.text.clone()));
                }
            }
            name => at.push(name),
        }
    }
    let absolute = format!("/{}", at.join("/"));
    match paths.get(&absolute) {
        Some(name) => Ok(format!("${{{name}}}")),
        None => Err(Unsupported::UnknownPath(path.text.trim().to_string())),
    }
}

/// A string literal, with one change: pyxform writes jr:choice-name's question as a quoted
/// path (`' /data/q '`), which becomes `'${q}'` as in the XLSForm.
fn string_literal(s: &str, paths: &Paths) -> String {
    let quote = &s[..1];
    let inner = s[1..s.len() - 1].trim();
    if inner.starts_with('/') {
        if let Some(name) = paths.get(inner) {
            return format!("{quote}${{{name}}}{quote}");
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths() -> Paths {
        [
            ("/data/age", "age"),
            ("/data/g/town", "town"),
            ("/data/r", "r"),
            ("/data/r/child", "child"),
            ("/data/region", "region"),
        ]
        .into_iter()
        .map(|(p, n)| (p.to_string(), n.to_string()))
        .collect()
    }

    #[test]
    fn paths_become_names() {
        let p = paths();
        let f = |x: &str, ctx: &str| to_model(x, ctx, Mode::Field, &p);
        assert_eq!(
            f(" /data/age  >= 8 and /data/g/town != 'x'", "/data/q").unwrap(),
            "${age}  >= 8 and ${town} != 'x'"
        );
        assert_eq!(f(". > 3", "/data/age").unwrap(), ". > 3");
        assert_eq!(f(" ../child  = 'a'", "/data/r/other").unwrap(), "${child}  = 'a'");
        assert_eq!(f("count( /data/r )", "/data/q").unwrap(), "count( ${r} )");
        assert_eq!(f("position(..) * 2", "/data/r/child").unwrap(), "position(..) * 2");
        assert_eq!(f("/data/age*2 div 3 mod 4", "/data/q").unwrap(), "${age}*2 div 3 mod 4");
        assert_eq!(
            f("jr:choice-name( /data/age ,' /data/age ')", "/data/q").unwrap(),
            "jr:choice-name( ${age} ,'${age}')"
        );
        assert_eq!(
            f("selected(/data/age, 'a') or not(true())", "/data/q").unwrap(),
            "selected(${age}, 'a') or not(true())"
        );
        assert_eq!(f("-1.5 + .5", "/data/q").unwrap(), "-1.5 + .5");
    }

    #[test]
    fn choice_filters_read_columns_and_the_question_through_current() {
        let p = paths();
        let f = |x: &str| to_model(x, "/data/g/town", Mode::ChoiceFilter, &p);
        assert_eq!(f("region= current()/../../region ").unwrap(), "region= ${region}");
        assert_eq!(f("region = /data/region and name != 'sea'").unwrap(), "region = ${region} and name != 'sea'");
    }

    #[test]
    fn what_the_engine_cannot_follow_is_named() {
        let p = paths();
        let f = |x: &str| to_model(x, "/data/q", Mode::Field, &p);
        assert_eq!(
            f("instance('towns')/root/item[name = /data/age]/label"),
            Err(Unsupported::InstanceLookup("towns".into()))
        );
        assert_eq!(f("/data/r[2]/child"), Err(Unsupported::Predicate("/data/r[...]".into())));
        assert_eq!(f("//child"), Err(Unsupported::PathSyntax("//".into())));
        assert_eq!(f("/data/nothing > 1"), Err(Unsupported::UnknownPath("/data/nothing".into())));
        assert_eq!(f("/data/meta/instanceID"), Err(Unsupported::UnknownPath("/data/meta/instanceID".into())));
        assert_eq!(f("$x + 1"), Err(Unsupported::Variable("$x".into())));
        assert_eq!(f("'open"), Err(Unsupported::Syntax("'open".into())));
        assert!(matches!(f("/data/age | /data/g/town"), Err(Unsupported::PathSyntax(_))));
        assert!(matches!(f("../../../.."), Err(Unsupported::UnknownPath(_))));
    }
}
