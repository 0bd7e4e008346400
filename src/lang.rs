//! The four languages Cercle speaks, for its interface and its forms.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Fr,
    Es,
    Ar,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Fr, Lang::Es, Lang::Ar];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Ar => "ar",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        let primary = code.split(['-', '_']).next().unwrap_or("");
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// Arabic is written right to left: the whole layout mirrors.
    pub fn is_rtl(self) -> bool {
        matches!(self, Lang::Ar)
    }

    /// The language's own name, as shown in a language picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Es => "Español",
            Lang::Ar => "العربية",
        }
    }
}

/// Names a language may be written with, besides its code: English, own name, unaccented.
const LANGUAGE_NAMES: [(&str, Lang); 11] = [
    ("english", Lang::En),
    ("french", Lang::Fr),
    ("français", Lang::Fr),
    ("francais", Lang::Fr),
    ("spanish", Lang::Es),
    ("español", Lang::Es),
    ("espanol", Lang::Es),
    ("castellano", Lang::Es),
    ("arabic", Lang::Ar),
    ("العربية", Lang::Ar),
    ("عربي", Lang::Ar),
];

/// The language of a suffix such as `English (en)`, `fr`, `Français` or `Arabic (ar)`:
/// the code in parentheses first, then the whole suffix as a code, then the name.
pub fn parse_language(spec: &str) -> Option<Lang> {
    let spec = spec.trim();
    if spec.is_empty() {
        return None;
    }
    let (name, code) = match (spec.rfind('('), spec.ends_with(')')) {
        (Some(open), true) => {
            (spec.get(..open).unwrap_or("").trim(), spec.get(open + 1..spec.len() - 1).map(str::trim))
        }
        _ => (spec, None),
    };
    if let Some(code) = code {
        if is_code(code) {
            // A code in parentheses is authoritative: `Swahili (sw)` is Swahili, whatever else.
            return Lang::from_code(code);
        }
    }
    if is_code(spec) {
        if let Some(lang) = Lang::from_code(spec) {
            return Some(lang);
        }
    }
    let name = name.to_lowercase();
    LANGUAGE_NAMES.iter().find(|(n, _)| *n == name).map(|(_, l)| *l)
}

/// A BCP 47-looking code (`en`, `fr-CA`, `es_419`), as opposed to a language name.
fn is_code(s: &str) -> bool {
    let primary = s.split(['-', '_']).next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
