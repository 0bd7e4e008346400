//! The survey sheet: one [`Node`] per row, groups and repeats nested by their begin/end rows.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::exprs::{looks_like_expression, ExprCell, ExprRole};
use super::{find, is_valid_name, Reader};
use crate::form::{AgeBand, Choice, Kind, Message, Node};
use crate::xlsform::columns::{Column, Field, Slot};
use crate::xlsform::sheet::{Row, Sheet};

/// The survey as read, with what expression checks and `check` need.
pub(crate) struct Survey {
    pub body: Vec<Node>,
    /// Names a `${name}` may refer to: every named row except ignored metadata rows.
    pub names: HashSet<String>,
    /// Metadata rows (start, deviceid...), which exist in the sheet but not in the form.
    pub ignored: HashSet<String>,
    /// The spreadsheet row of each name (its first use).
    pub rows: HashMap<String, usize>,
}

/// What a `type` cell says.
#[derive(Debug, PartialEq)]
enum RowType {
    Question(Kind, Option<String>),
    Begin(Kind),
    End(Kind),
    /// Device metadata (start, deviceid, ...): not collected (C10), the row is left out.
    Metadata,
    /// Outside what Cercle supports; the message says why.
    Refused(Message),
}

/// Appearances Cercle knows (kept as written either way).
const APPEARANCES: [&str; 8] =
    ["likert", "no-buttons", "columns", "minimal", "field-list", "faces", "yes-maybe-no", "cards"];

/// Metadata types: a warning, never collected (C10).
const METADATA: [&str; 10] =
    ["start", "end", "today", "deviceid", "username", "phonenumber", "audit", "simserial", "subscriberid", "email"];

fn parse_type(raw: &str) -> RowType {
    let words: Vec<&str> = raw.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
    let unknown = || RowType::Refused(Message::new("form-problem-type-unknown").arg("type", raw));
    // `select_one list`, `select one list`, `select all that apply list`: the rest is the list.
    let select = match lower.as_slice() {
        ["select_one", ..] => Some((Kind::SelectOne, "select_one", 1)),
        ["select", "one", ..] => Some((Kind::SelectOne, "select_one", 2)),
        ["select_multiple", ..] => Some((Kind::SelectMultiple, "select_multiple", 1)),
        ["select", "multiple", ..] => Some((Kind::SelectMultiple, "select_multiple", 2)),
        ["select", "all", "that", "apply", ..] => Some((Kind::SelectMultiple, "select_multiple", 4)),
        _ => None,
    };
    // pyxform's old spellings: `select one from list`, `... or specify other`.
    let words: Vec<&str> = match select {
        Some((_, _, skip)) if lower.get(skip) == Some(&"from") => {
            let mut w: Vec<&str> = words.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, w)| *w).collect();
            let n = w.len();
            if n >= 3 && lower[lower.len() - 3..] == ["or", "specify", "other"] {
                w.truncate(n - 3);
                w.push("or_other");
            }
            w
        }
        _ => words,
    };
    if let Some((kind, spelled, skip)) = select {
        let rest = words.get(skip..).unwrap_or(&[]);
        return match rest {
            [] => RowType::Refused(Message::new("form-problem-select-needs-list-name").arg("type", spelled)),
            [list] => RowType::Question(kind, Some((*list).to_string())),
            [_, or_other] if or_other.eq_ignore_ascii_case("or_other") => {
                RowType::Refused(Message::new("form-problem-or-other"))
            }
            _ => unknown(),
        };
    }
    match lower.as_slice() {
        ["begin", "group"] | ["begin_group"] => RowType::Begin(Kind::Group),
        ["end", "group"] | ["end_group"] => RowType::End(Kind::Group),
        ["begin", "repeat"] | ["begin_repeat"] => RowType::Begin(Kind::Repeat),
        ["end", "repeat"] | ["end_repeat"] => RowType::End(Kind::Repeat),
        [single] => match *single {
            "note" => RowType::Question(Kind::Note, None),
            "text" | "string" => RowType::Question(Kind::Text, None),
            "integer" | "int" => RowType::Question(Kind::Integer, None),
            "decimal" => RowType::Question(Kind::Decimal, None),
            "range" => RowType::Question(Kind::Range, None),
            "date" => RowType::Question(Kind::Date, None),
            "acknowledge" => RowType::Question(Kind::Acknowledge, None),
            "calculate" => RowType::Question(Kind::Calculate, None),
            "hidden" => RowType::Question(Kind::Hidden, None),
            t if METADATA.contains(&t) => RowType::Metadata,
            // pyxform's aliases of metadata types.
            "imei" | "simserial" => RowType::Metadata,
            // pyxform's old alias of a text question for a phone number: a child's contact.
            "phone_number" => not_supported("phone number"),
            t if t.starts_with("uri:") => RowType::Metadata,
            "geopoint" | "geotrace" | "geoshape" | "start-geopoint" | "gps" | "location" => {
                refused_c1(single, "form-problem-type-location")
            }
            "image" | "photo" | "signature" | "video" => refused_c1(single, "form-problem-type-photo"),
            "audio" | "background-audio" => refused_c1(single, "form-problem-type-voice"),
            "file" | "barcode" | "time" | "datetime" | "rank" | "trigger" | "xml-external" | "csv-external"
            | "begin_loop" | "end_loop" | "osm" => not_supported(single),
            t if t.starts_with("select_one_from_file")
                || t.starts_with("select_multiple_from_file")
                || t.starts_with("select_one_external")
                || t.starts_with("select_multiple_external") =>
            {
                not_supported(single)
            }
            _ => unknown(),
        },
        [first, ..]
            if first.starts_with("select_one_")
                || first.starts_with("select_multiple_")
                || matches!(*first, "rank" | "osm") =>
        {
            not_supported(first)
        }
        ["begin", "loop", ..] | ["begin_loop", ..] => not_supported("begin_loop"),
        ["end", "loop"] => not_supported("end_loop"),
        ["phone", "number"] => not_supported("phone number"),
        _ => unknown(),
    }
}

/// A type refused by rule C1; `key` says what it would collect.
fn refused_c1(kind: &str, key: &'static str) -> RowType {
    RowType::Refused(Message::new(key).arg("type", kind))
}

fn not_supported(kind: &str) -> RowType {
    RowType::Refused(Message::new("form-problem-type-not-supported").arg("type", kind))
}

/// `required` and `read_only`: yes/no spelled any common way, else an expression.
#[derive(Debug, PartialEq)]
enum Flag {
    Yes,
    No,
    Expression,
}

fn parse_flag(s: &str) -> Flag {
    match s.trim().to_lowercase().as_str() {
        "yes" | "true" | "true()" | "1" => Flag::Yes,
        "" | "no" | "false" | "false()" | "0" => Flag::No,
        _ => Flag::Expression,
    }
}

/// A group or repeat waiting for its end row.
struct Frame {
    node: Node,
    row: usize,
    /// Nested too deep: its rows go to the enclosing group when it closes.
    flatten: bool,
}

/// Deepest group nesting read. Real forms nest a few levels; the model is walked recursively
/// (checks, screens, serialisation), so a pathological sheet must not nest thousands deep.
const MAX_NESTING: usize = 32;

fn kind_word(kind: Kind) -> &'static str {
    if kind == Kind::Repeat {
        "repeat"
    } else {
        "group"
    }
}

pub(crate) fn read(reader: &mut Reader, sheet: &Sheet, lists: &BTreeMap<String, Vec<Choice>>) -> Survey {
    let mut survey = Survey { body: Vec::new(), names: HashSet::new(), ignored: HashSet::new(), rows: HashMap::new() };
    if sheet.rows.is_empty() {
        reader.error(sheet.at(sheet.header_row, None), None, Message::new("form-problem-survey-empty"));
        return survey;
    }
    let has_type = reader.require_column(sheet, Field::Type, "type");
    let has_name =
        sheet.columns.iter().any(|c| c.field == Field::AutoName) || reader.require_column(sheet, Field::Name, "name");
    let (Some(type_col), true) = (find(sheet, &Field::Type), has_type && has_name) else {
        return survey;
    };
    let name_col = find(sheet, &Field::Name);
    let autoname_col = find(sheet, &Field::AutoName);
    let list_from_col = find(sheet, &Field::ListFrom);
    // Columns whose content makes a row worth reading; a row with only `$kuid` is empty.
    let meaningful: Vec<&Column> = sheet
        .columns
        .iter()
        .filter(|c| !matches!(c.field, Field::Ignored | Field::AutoName) && c.slot != Slot::Foreign)
        .collect();
    let mut stack: Vec<Frame> = Vec::new();
    for row in &sheet.rows {
        if meaningful.iter().all(|c| row.get(c).is_empty()) {
            continue;
        }
        let name = name_col
            .map(|c| row.get(c))
            .filter(|n| !n.is_empty())
            .or_else(|| autoname_col.map(|c| row.get(c)).filter(|n| !n.is_empty()))
            .unwrap_or("");
        let type_text = row.get(type_col);
        let name_at = sheet.at(row.number, name_col.or(autoname_col));
        if type_text.is_empty() {
            let text = if name.is_empty() {
                Message::new("form-problem-row-no-type")
            } else {
                Message::new("form-problem-named-row-no-type").arg("row", name)
            };
            reader.error(sheet.at(row.number, Some(type_col)), Some(name), text);
            continue;
        }
        // `select_one` + `select_from_list_name` is Kobo's spelling of `select_one list`.
        let list_from = list_from_col.map(|c| row.get(c)).unwrap_or("");
        let joined;
        let bare_select = ["select_one", "select_multiple"].iter().any(|t| type_text.eq_ignore_ascii_case(t));
        let type_text = if bare_select && !list_from.is_empty() {
            joined = format!("{type_text} {list_from}");
            joined.as_str()
        } else {
            type_text
        };
        let row_type = parse_type(type_text);
        if let RowType::End(kind) = row_type {
            close(reader, sheet, row, type_col, kind, &mut stack, &mut survey.body);
            continue;
        }
        // Every other row needs a name: answers, references and exports go by it.
        let placeholder;
        let name = if name.is_empty() && matches!(row_type, RowType::Question(Kind::Note, _)) {
            // pyxform names an unnamed note `generated_note_name_{row}`: the same name here, so
            // the form's instance and exports match the server's.
            placeholder = format!("generated_note_name_{}", row.number);
            survey.rows.insert(placeholder.clone(), row.number);
            placeholder.as_str()
        } else if name.is_empty() {
            reader.error(name_at.clone(), None, Message::new("form-problem-row-no-name").arg("type", type_text));
            placeholder = format!("_row{}", row.number);
            survey.rows.insert(placeholder.clone(), row.number);
            placeholder.as_str()
        } else {
            if !is_valid_name(name) {
                reader.error(
                    name_at.clone(),
                    Some(name),
                    Message::new("form-problem-row-name-invalid").arg("row", name),
                );
            }
            if let Some(first) = survey.rows.get(name) {
                reader.error(
                    name_at.clone(),
                    Some(name),
                    Message::new("form-problem-row-name-taken").arg("row", name).arg("first", first.to_string()),
                );
            } else {
                survey.rows.insert(name.to_string(), row.number);
            }
            name
        };
        match row_type {
            RowType::Metadata => {
                reader.warning(
                    sheet.at(row.number, Some(type_col)),
                    Some(name),
                    Message::new("form-problem-metadata-ignored").arg("type", type_text).arg("row", name),
                );
                survey.ignored.insert(name.to_string());
            }
            RowType::Refused(reason) => {
                let text = Message::new("form-problem-row-refused").arg("row", name).arg("reason", reason);
                reader.error(sheet.at(row.number, Some(type_col)), Some(name), text);
                survey.names.insert(name.to_string());
            }
            RowType::Begin(kind) => {
                survey.names.insert(name.to_string());
                let flatten = stack.len() >= MAX_NESTING;
                if flatten {
                    reader.error(
                        sheet.at(row.number, Some(type_col)),
                        Some(name),
                        Message::new("form-problem-nested-too-deep").arg("row", name).arg("count", MAX_NESTING),
                    );
                }
                let node = node(reader, sheet, row, name, kind, None);
                stack.push(Frame { node, row: row.number, flatten });
            }
            RowType::Question(kind, list) => {
                survey.names.insert(name.to_string());
                if let Some(list) = &list {
                    if !lists.contains_key(list) {
                        reader.error(
                            sheet.at(row.number, Some(type_col)),
                            Some(name),
                            Message::new("form-problem-list-not-on-choices").arg("row", name).arg("list", list),
                        );
                    }
                }
                let node = node(reader, sheet, row, name, kind, list);
                attach(&mut stack, &mut survey.body, node);
            }
            RowType::End(_) => {}
        }
    }
    // Whatever is still open was never closed: report it and keep its rows.
    while let Some(frame) = stack.pop() {
        let key = match frame.node.kind {
            Kind::Repeat => "form-problem-repeat-never-closed",
            _ => "form-problem-group-never-closed",
        };
        reader.error(
            sheet.at(frame.row, Some(type_col)),
            Some(&frame.node.name),
            Message::new(key).arg("row", &frame.node.name),
        );
        attach_frame(&mut stack, &mut survey.body, frame);
    }
    survey
}

fn attach(stack: &mut [Frame], body: &mut Vec<Node>, node: Node) {
    match stack.last_mut() {
        Some(frame) => frame.node.children.push(node),
        None => body.push(node),
    }
}

/// A closed group joins its parent, or only its rows do when it was nested too deep.
fn attach_frame(stack: &mut [Frame], body: &mut Vec<Node>, frame: Frame) {
    if frame.flatten {
        for child in frame.node.children {
            attach(stack, body, child);
        }
    } else {
        attach(stack, body, frame.node);
    }
}

fn close(
    reader: &mut Reader,
    sheet: &Sheet,
    row: &Row,
    type_col: &Column,
    kind: Kind,
    stack: &mut Vec<Frame>,
    body: &mut Vec<Node>,
) {
    let word = kind_word(kind);
    let Some(frame) = stack.pop() else {
        reader.error(
            sheet.at(row.number, Some(type_col)),
            None,
            Message::new("form-problem-end-without-begin").arg("word", word),
        );
        return;
    };
    if frame.node.kind != kind {
        // Close it anyway: one mistake, one message, and the rows after it stay where they were.
        let key = match frame.node.kind {
            Kind::Repeat => "form-problem-end-closes-repeat",
            _ => "form-problem-end-closes-group",
        };
        let text = Message::new(key)
            .arg("word", word)
            .arg("row", &frame.node.name)
            .arg("first", frame.row.to_string())
            .arg("open", kind_word(frame.node.kind));
        reader.error(sheet.at(row.number, Some(type_col)), Some(&frame.node.name), text);
    }
    attach_frame(stack, body, frame);
}

/// One row's columns, checked.
fn node(reader: &mut Reader, sheet: &Sheet, row: &Row, name: &str, kind: Kind, list: Option<String>) -> Node {
    let mut node = Node::new(name, kind);
    node.list = list;
    node.label = reader.text(sheet, row, &Field::Label);
    node.hint = reader.text(sheet, row, &Field::Hint);
    node.required_message = reader.text(sheet, row, &Field::RequiredMessage);
    node.constraint_message = reader.text(sheet, row, &Field::ConstraintMessage);
    node.image = reader.picture(sheet, row, Message::new("form-problem-subject-row").arg("row", name), Some(name));
    node.audio = reader.audio(sheet, row, Some(name));
    let is_select = matches!(kind, Kind::SelectOne | Kind::SelectMultiple);
    let cell = |field: Field| find(sheet, &field).map(|c| (c, row.get(c))).filter(|(_, v)| !v.is_empty());

    for column in sheet.columns.iter().filter(|c| c.field == Field::Unsupported) {
        if !row.get(column).is_empty() {
            reader.error(
                sheet.at(row.number, Some(column)),
                Some(name),
                Message::new("form-problem-column-unsupported").arg("row", name).arg("column", &column.header),
            );
        }
    }

    // Expressions, validated once all names are known.
    let expression = |reader: &mut Reader, column: &Column, text: &str, role: ExprRole| {
        reader.exprs.push(ExprCell {
            location: sheet.at(row.number, Some(column)),
            row: Some(name.to_string()),
            column: column.header.clone(),
            text: text.to_string(),
            role,
        });
        Some(text.to_string())
    };
    if let Some((c, v)) = cell(Field::Relevant) {
        node.relevant = expression(reader, c, v, ExprRole::Plain);
    }
    if let Some((c, v)) = cell(Field::Constraint) {
        node.constraint = expression(reader, c, v, ExprRole::Plain);
    }
    if let Some((c, v)) = cell(Field::Calculation) {
        // A read-only question may show a calculated value (ODK's "display a computed value").
        let read_only = cell(Field::ReadOnly).is_some_and(|(_, r)| matches!(parse_flag(r), Flag::Yes));
        if matches!(kind, Kind::Calculate | Kind::Hidden) || read_only {
            node.calculation = expression(reader, c, v, ExprRole::Plain);
        } else {
            misplaced(reader, sheet, row, c, name, "form-problem-only-on-calculate");
        }
    } else if kind == Kind::Calculate {
        let mut at = sheet.at(row.number, find(sheet, &Field::Calculation));
        at.column.get_or_insert_with(|| "calculation".into());
        reader.error(at, Some(name), Message::new("form-problem-calculate-empty").arg("row", name));
    }
    if let Some((c, v)) = cell(Field::ChoiceFilter) {
        if is_select {
            node.choice_filter = expression(reader, c, v, ExprRole::ChoiceFilter);
        } else {
            misplaced(reader, sheet, row, c, name, "form-problem-only-on-select");
        }
    }
    if let Some((c, v)) = cell(Field::RepeatCount) {
        if kind == Kind::Repeat {
            node.repeat_count = expression(reader, c, v, ExprRole::Plain);
        } else {
            misplaced(reader, sheet, row, c, name, "form-problem-only-on-repeat");
        }
    }
    if let Some((c, v)) = cell(Field::Default) {
        if looks_like_expression(v) {
            expression(reader, c, v, ExprRole::Plain);
        }
        node.default = Some(v.to_string());
    }
    if let Some((c, v)) = cell(Field::Required) {
        match parse_flag(v) {
            Flag::Yes => node.required = true,
            Flag::No => {}
            Flag::Expression => node.required_if = expression(reader, c, v, ExprRole::Plain),
        }
    }
    if let Some((c, v)) = cell(Field::ReadOnly) {
        match parse_flag(v) {
            Flag::Yes => node.read_only = true,
            Flag::No => {}
            Flag::Expression => {
                expression(reader, c, v, ExprRole::ReadOnly);
            }
        }
    }
    if let Some((c, v)) = cell(Field::Appearance) {
        for word in v.split_whitespace() {
            let known = APPEARANCES.contains(&word)
                || word
                    .strip_prefix("columns-")
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            if !known {
                reader.warning(
                    sheet.at(row.number, Some(c)),
                    Some(name),
                    Message::new("form-problem-appearance-unknown").arg("appearance", word).arg("row", name),
                );
            }
        }
        node.appearance = Some(v.to_string());
    }
    if kind == Kind::Range {
        range(reader, sheet, row, name, &mut node, cell(Field::Parameters));
    } else if let Some((c, v)) = cell(Field::Parameters) {
        reader.warning(
            sheet.at(row.number, Some(c)),
            Some(name),
            Message::new("form-problem-parameters-ignored").arg("parameters", v).arg("row", name),
        );
    }
    if let Some((c, v)) = cell(Field::AgeBands) {
        node.age_bands = age_bands(reader, sheet, row, c, name, v);
    }
    if let Some((c, v)) = cell(Field::QuasiIdentifier) {
        match parse_flag(v) {
            Flag::Yes => node.quasi_identifier = true,
            Flag::No => {}
            Flag::Expression => reader.error(
                sheet.at(row.number, Some(c)),
                Some(name),
                Message::new("form-problem-yes-or-no").arg("column", &c.header).arg("row", name),
            ),
        }
    }
    node
}

/// A column used on a row that does not read it; `key` says which rows do.
fn misplaced(reader: &mut Reader, sheet: &Sheet, row: &Row, column: &Column, name: &str, key: &'static str) {
    reader.warning(
        sheet.at(row.number, Some(column)),
        Some(name),
        Message::new(key).arg("column", &column.header).arg("row", name),
    );
}

/// Range parameters: `start=1 end=10 step=1` (ODK's defaults when absent). Cercle's ranges
/// count whole numbers upwards.
fn range(reader: &mut Reader, sheet: &Sheet, row: &Row, name: &str, node: &mut Node, cell: Option<(&Column, &str)>) {
    let (mut start, mut end, mut step) = (1i64, 10i64, 1f64);
    if let Some((column, text)) = cell {
        let at = || sheet.at(row.number, Some(column));
        let normalised = text.replace(['=', '＝'], " = ");
        let tokens: Vec<&str> =
            normalised.split(|c: char| c.is_whitespace() || c == ',' || c == ';').filter(|t| !t.is_empty()).collect();
        let mut i = 0;
        while i < tokens.len() {
            let (Some(key), Some("="), Some(value)) =
                (tokens.get(i).copied(), tokens.get(i + 1).copied(), tokens.get(i + 2).copied())
            else {
                let bad = tokens.get(i).copied().unwrap_or("");
                reader.error(
                    at(),
                    Some(name),
                    Message::new("form-problem-range-unreadable").arg("row", name).arg("at", bad),
                );
                return;
            };
            i += 3;
            let key = key.to_lowercase();
            let number = value.parse::<f64>().ok().filter(|v| v.is_finite());
            match (key.as_str(), number) {
                ("start" | "end" | "step", None) => {
                    reader.error(
                        at(),
                        Some(name),
                        Message::new("form-problem-range-not-a-number")
                            .arg("parameter", key.as_str())
                            .arg("value", value)
                            .arg("row", name),
                    );
                    return;
                }
                ("start" | "end", Some(v)) if v.fract() != 0.0 || v.abs() > 1e15 => {
                    reader.error(
                        at(),
                        Some(name),
                        Message::new("form-problem-range-not-whole")
                            .arg("parameter", key.as_str())
                            .arg("value", value)
                            .arg("row", name),
                    );
                    return;
                }
                ("start", Some(v)) => start = v as i64,
                ("end", Some(v)) => end = v as i64,
                ("step", Some(v)) if v <= 0.0 => {
                    let text = Message::new("form-problem-range-step").arg("row", name).arg("value", value);
                    reader.error(at(), Some(name), text);
                    return;
                }
                ("step", Some(v)) => step = v,
                _ => reader.warning(
                    at(),
                    Some(name),
                    Message::new("form-problem-range-parameter-unknown")
                        .arg("parameter", key.as_str())
                        .arg("row", name),
                ),
            }
        }
        if start > end {
            reader.error(
                at(),
                Some(name),
                Message::new("form-problem-range-downwards")
                    .arg("row", name)
                    .arg("start", start.to_string())
                    .arg("end", end.to_string()),
            );
            return;
        }
        let steps = (end - start) as f64 / step;
        if !steps.is_finite() || (steps - steps.round()).abs() > 1e-9 {
            reader.error(
                at(),
                Some(name),
                Message::new("form-problem-range-unreachable")
                    .arg("row", name)
                    .arg("start", start.to_string())
                    .arg("end", end.to_string())
                    .arg("step", step.to_string()),
            );
            return;
        }
    }
    node.min = Some(start);
    node.max = Some(end);
    node.step = Some(step);
}

/// Cercle extension: `6-7 8-12` (spaces or commas between bands).
fn age_bands(reader: &mut Reader, sheet: &Sheet, row: &Row, column: &Column, name: &str, text: &str) -> Vec<AgeBand> {
    let mut bands = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || c == ',' || c == ';').filter(|w| !w.is_empty()) {
        let code = word.replace(['–', '—', '‐', '‑'], "-");
        match AgeBand::from_code(&code) {
            Some(band) => bands.push(band),
            None => reader.error(
                sheet.at(row.number, Some(column)),
                Some(name),
                Message::new("form-problem-age-band-unknown").arg("band", word).arg("row", name),
            ),
        }
    }
    bands.sort();
    bands.dedup();
    bands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types() {
        assert_eq!(parse_type("select_one yes_no"), RowType::Question(Kind::SelectOne, Some("yes_no".into())));
        assert_eq!(parse_type("select one Faces"), RowType::Question(Kind::SelectOne, Some("Faces".into())));
        assert_eq!(
            parse_type("select all that apply places"),
            RowType::Question(Kind::SelectMultiple, Some("places".into()))
        );
        assert_eq!(parse_type("begin group"), RowType::Begin(Kind::Group));
        assert_eq!(parse_type("END_REPEAT"), RowType::End(Kind::Repeat));
        assert_eq!(parse_type("deviceid"), RowType::Metadata);
        assert_eq!(parse_type("string"), RowType::Question(Kind::Text, None));
        for refused in [
            "geopoint",
            "select_one_from_file places.csv",
            "select_one",
            "select_one list or_other",
            "rank things",
            "time",
            "foo",
            "text foo",
            "select_one a b",
        ] {
            assert!(matches!(parse_type(refused), RowType::Refused(_)), "{refused}");
        }
    }

    #[test]
    fn flags() {
        assert_eq!(parse_flag("TRUE()"), Flag::Yes);
        assert_eq!(parse_flag("Yes"), Flag::Yes);
        assert_eq!(parse_flag("1"), Flag::Yes);
        assert_eq!(parse_flag("false"), Flag::No);
        assert_eq!(parse_flag(""), Flag::No);
        assert_eq!(parse_flag("${a} = 'x'"), Flag::Expression);
    }
}
