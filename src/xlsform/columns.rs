//! Column headers: what a header such as `label::Français (fr)` or `media::image` means, and which
//! of Cercle's four languages a language suffix names.

use crate::form::Message;
use crate::lang::parse_language;
use crate::lang::Lang;

/// What a column holds, whatever its spelling or language suffix.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    Type,
    Name,
    /// Kobo's generated name (`$autoname`): used when `name` is empty.
    AutoName,
    Label,
    Hint,
    Image,
    Audio,
    Required,
    RequiredMessage,
    Relevant,
    Constraint,
    ConstraintMessage,
    Calculation,
    Default,
    ChoiceFilter,
    Appearance,
    Parameters,
    ReadOnly,
    RepeatCount,
    /// Cercle extension: the age bands a row applies to.
    AgeBands,
    QuasiIdentifier,
    ListName,
    /// Kobo's form builder keeps a select's list in its own column (`select_from_list_name`).
    ListFrom,
    /// Settings columns.
    FormId,
    FormTitle,
    Version,
    DefaultLanguage,
    PublicKey,
    SubmissionUrl,
    /// `allow_choice_duplicates`: yes lets a list hold a name twice (told apart by a filter).
    AllowChoiceDuplicates,
    InstanceName,
    /// An XLSForm feature that changes how a form behaves and that Cercle cannot honour
    /// (`trigger`, `bind::*`, ...): a row using it is refused.
    Unsupported,
    /// A column Cercle does not read (Kobo's `$kuid`, `media::video`, typos): a warning at most.
    Ignored,
    /// Any other column of the choices sheet, kept in `Choice::extra` for choice filters.
    Extra(String),
}

/// Which language a column is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Slot {
    /// No language suffix: the form's default language, or a column that has no language.
    Plain,
    Lang(Lang),
    /// A language Cercle does not speak: the column is ignored (with a warning).
    Foreign,
}

/// One header cell, understood.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    /// 0-based column index in the sheet.
    pub index: usize,
    /// The header as written (trimmed): what problems name.
    pub header: String,
    pub field: Field,
    pub slot: Slot,
}

/// The sheets whose headers mean different things.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SheetKind {
    Survey,
    Choices,
    Settings,
}

/// Fields that can carry a `::Language` suffix.
pub(crate) fn translatable(field: &Field) -> bool {
    matches!(
        field,
        Field::Label
            | Field::Hint
            | Field::Image
            | Field::Audio
            | Field::RequiredMessage
            | Field::ConstraintMessage
            | Field::FormTitle
    )
}

/// Lower case, spaces as underscores: pyxform accepts `list name` and `constraint message`.
fn normalise(s: &str) -> String {
    s.trim().to_lowercase().split_whitespace().collect::<Vec<_>>().join("_")
}

/// Understands one header cell of a sheet.
pub(crate) fn parse_header(kind: SheetKind, index: usize, header: &str) -> Column {
    let header = header.trim().to_string();
    let (field, slot) = classify(kind, &header);
    Column { index, header, field, slot }
}

/// Columns whose language may follow a single colon (`label:English`).
const ONE_COLON_FIELDS: [&str; 7] =
    ["label", "hint", "image", "audio", "required_message", "constraint_message", "guidance_hint"];

fn classify(kind: SheetKind, header: &str) -> (Field, Slot) {
    if header.starts_with('$') {
        // Kobo bookkeeping ($kuid, $autoname, $prev, $given_name): never part of the form,
        // except $autoname, which stands in for an empty name.
        if kind != SheetKind::Settings && normalise(header) == "$autoname" {
            return (Field::AutoName, Slot::Plain);
        }
        return (Field::Ignored, Slot::Plain);
    }
    // `label::English (en)`; forms written by hand also have `label:English` with one colon
    // (pyxform reads it too). One colon splits only a text column: `jr:count` stays whole.
    // `bind::relevant` is pyxform's two-colon spelling of `bind:relevant`: one name.
    let lower = header.to_lowercase();
    for prefix in ["bind::", "control::", "body::"] {
        if lower.starts_with(prefix) && kind == SheetKind::Survey {
            let single = format!("{}:{}", &prefix[..prefix.len() - 2], &header[prefix.len()..]);
            return classify(kind, &single);
        }
    }
    if (lower.starts_with("bind:") || lower.starts_with("control:") || lower.starts_with("body:"))
        && kind == SheetKind::Survey
    {
        return (survey_field(&normalise(header)), Slot::Plain);
    }
    let (base, rest) = match header.split_once("::") {
        Some((b, r)) => (normalise(b), Some(r.trim())),
        None => match header.split_once(':') {
            Some((b, r)) if ONE_COLON_FIELDS.contains(&normalise(b).as_str()) => (normalise(b), Some(r.trim())),
            _ => (normalise(header), None),
        },
    };
    // `media::image` and `media::image::French (fr)` are spellings of `image`.
    let (base, rest) = if base == "media" {
        match rest {
            Some(rest) => {
                let mut sub = rest.splitn(2, "::");
                (normalise(sub.next().unwrap_or("")), sub.next().map(str::trim))
            }
            None => (base, None),
        }
    } else {
        (base, rest)
    };
    let field = match kind {
        SheetKind::Survey => survey_field(&base),
        SheetKind::Choices => choices_field(&base, header),
        SheetKind::Settings => settings_field(&base),
    };
    match rest {
        None => (field, Slot::Plain),
        Some(lang) if translatable(&field) => (
            field,
            match parse_language(lang) {
                Some(l) => Slot::Lang(l),
                None => Slot::Foreign,
            },
        ),
        // A translated column Cercle ignores anyway (`guidance_hint::fr`, `media::video::fr`).
        Some(_) if field == Field::Ignored || field == Field::Unsupported => (field, Slot::Plain),
        Some(_) if kind == SheetKind::Choices => (Field::Extra(header.to_string()), Slot::Plain),
        // `relevant::fr` and the like mean nothing in XLSForm.
        Some(_) => (Field::Ignored, Slot::Plain),
    }
}

fn survey_field(base: &str) -> Field {
    match base {
        // pyxform's aliases (aliases.py, survey_header) and its `bind:`/`control:` spellings
        // of the attribute a column becomes.
        "type" | "command" => Field::Type,
        "name" | "tag" | "value" => Field::Name,
        "label" | "caption" => Field::Label,
        "hint" => Field::Hint,
        "image" => Field::Image,
        "audio" => Field::Audio,
        "required" | "bind:required" => Field::Required,
        "required_message" | "requiredmsg" | "bind:jr:requiredmsg" => Field::RequiredMessage,
        "relevant" | "relevance" | "bind:relevant" => Field::Relevant,
        "constraint" | "bind:constraint" => Field::Constraint,
        "constraint_message" | "constraining_message" | "bind:jr:constraintmsg" => Field::ConstraintMessage,
        "calculation" | "calculate" | "bind:calculate" => Field::Calculation,
        "default" => Field::Default,
        "choice_filter" => Field::ChoiceFilter,
        "appearance" | "control:appearance" => Field::Appearance,
        "parameters" => Field::Parameters,
        "read_only" | "readonly" | "bind:readonly" => Field::ReadOnly,
        "repeat_count" | "jr:count" | "count" | "control:jr:count" => Field::RepeatCount,
        "age_bands" => Field::AgeBands,
        "quasi_identifier" => Field::QuasiIdentifier,
        "select_from_list_name" => Field::ListFrom,
        // These change what a form does; ignoring them would change the survey silently.
        "trigger" | "save_to" | "bind" | "body" | "control" => Field::Unsupported,
        b if b.starts_with("bind:") || b.starts_with("body:") || b.starts_with("control:") => Field::Unsupported,
        _ => Field::Ignored,
    }
}

fn choices_field(base: &str, header: &str) -> Field {
    match base {
        "list_name" => Field::ListName,
        "name" | "value" => Field::Name,
        "label" | "caption" => Field::Label,
        "image" => Field::Image,
        "audio" => Field::Audio,
        "video" | "big-image" => Field::Ignored,
        // A header with a space cannot be an XML element, so no filter can read it: pyxform
        // leaves such a column out, and so does Cercle.
        _ if header.trim().contains(char::is_whitespace) => Field::Ignored,
        _ => Field::Extra(header.to_string()),
    }
}

fn settings_field(base: &str) -> Field {
    match base {
        "form_id" | "id_string" => Field::FormId,
        "form_title" | "title" => Field::FormTitle,
        "version" => Field::Version,
        "default_language" => Field::DefaultLanguage,
        "public_key" => Field::PublicKey,
        "submission_url" => Field::SubmissionUrl,
        "allow_choice_duplicates" => Field::AllowChoiceDuplicates,
        "instance_name" => Field::InstanceName,
        _ => Field::Ignored,
    }
}

/// How a language column is described to a coordinator: "the French label". Each translatable
/// field has its own message (its words agree with the field in French, Spanish and Arabic),
/// which picks the language from `$lang` (`none` for a column without a language).
pub(crate) fn describe(field: &Field, slot: Slot) -> Message {
    let key = match field {
        Field::Label => "form-problem-column-label",
        Field::Hint => "form-problem-column-hint",
        Field::Image => "form-problem-column-picture",
        Field::Audio => "form-problem-column-audio",
        Field::RequiredMessage => "form-problem-column-required-message",
        Field::ConstraintMessage => "form-problem-column-constraint-message",
        Field::FormTitle => "form-problem-column-form-title",
        Field::Extra(name) => return Message::new("form-problem-column-named").arg("column", name),
        _ => return Message::new("form-problem-column-same"),
    };
    let lang = match slot {
        Slot::Lang(lang) => lang.code(),
        _ => "none",
    };
    Message::new(key).arg("lang", lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_by_code_then_name() {
        assert_eq!(parse_language("English (en)"), Some(Lang::En));
        assert_eq!(parse_language("Français (fr)"), Some(Lang::Fr));
        assert_eq!(parse_language("fr"), Some(Lang::Fr));
        assert_eq!(parse_language("French"), Some(Lang::Fr));
        assert_eq!(parse_language("Español (es)"), Some(Lang::Es));
        assert_eq!(parse_language("العربية (ar)"), Some(Lang::Ar));
        assert_eq!(parse_language("Arabic"), Some(Lang::Ar));
        assert_eq!(parse_language("fr-CA"), Some(Lang::Fr));
        assert_eq!(parse_language("Français (France)"), Some(Lang::Fr));
        assert_eq!(parse_language("Swahili (sw)"), None);
        assert_eq!(parse_language("English (sw)"), None);
        assert_eq!(parse_language("Kiswahili"), None);
        assert_eq!(parse_language(""), None);
        assert_eq!(parse_language("()"), None);
        assert_eq!(parse_language("(("), None);
    }

    #[test]
    fn headers() {
        let c = parse_header(SheetKind::Survey, 0, " label::Français (fr) ");
        assert_eq!((c.field, c.slot, c.header.as_str()), (Field::Label, Slot::Lang(Lang::Fr), "label::Français (fr)"));
        let c = parse_header(SheetKind::Survey, 0, "media::audio::English (en)");
        assert_eq!((c.field, c.slot), (Field::Audio, Slot::Lang(Lang::En)));
        let c = parse_header(SheetKind::Survey, 0, "media::image");
        assert_eq!((c.field, c.slot), (Field::Image, Slot::Plain));
        let c = parse_header(SheetKind::Survey, 0, "label::Swahili (sw)");
        assert_eq!((c.field, c.slot), (Field::Label, Slot::Foreign));
        let c = parse_header(SheetKind::Survey, 0, "Constraint Message");
        assert_eq!(c.field, Field::ConstraintMessage);
        // pyxform's spellings of the attribute a column becomes.
        let c = parse_header(SheetKind::Survey, 0, "bind::jr:constraintMsg");
        assert_eq!(c.field, Field::ConstraintMessage);
        let c = parse_header(SheetKind::Survey, 0, "bind:relevant");
        assert_eq!(c.field, Field::Relevant);
        let c = parse_header(SheetKind::Survey, 0, "bind::saveIncomplete");
        assert_eq!(c.field, Field::Unsupported);
        let c = parse_header(SheetKind::Survey, 0, "$kuid");
        assert_eq!(c.field, Field::Ignored);
        let c = parse_header(SheetKind::Choices, 0, "region");
        assert_eq!(c.field, Field::Extra("region".into()));
        let c = parse_header(SheetKind::Choices, 0, "list name");
        assert_eq!(c.field, Field::ListName);
        let c = parse_header(SheetKind::Survey, 0, "::");
        assert_eq!(c.field, Field::Ignored);
    }
}
