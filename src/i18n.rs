//! Interface strings in four languages, from Fluent files compiled into the binary.
//!
//! Form texts (labels, hints, choices) come from the form itself; this module holds only the
//! app's own words. A key missing in any language is a test failure, not a blank on a screen.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::lang::Lang;

const SOURCES: [(Lang, &str); 4] = [
    (Lang::En, include_str!("../i18n/en/cercle.ftl")),
    (Lang::Fr, include_str!("../i18n/fr/cercle.ftl")),
    (Lang::Es, include_str!("../i18n/es/cercle.ftl")),
    (Lang::Ar, include_str!("../i18n/ar/cercle.ftl")),
];

struct Catalog {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let bundles = SOURCES
            .iter()
            .map(|(lang, src)| {
                let res = FluentResource::try_new(src.to_string()).expect("interface strings parse (tested)");
                let id: unic_langid::LanguageIdentifier = lang.code().parse().expect("valid language tag");
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // Unicode isolation marks around arguments show as boxes in some fonts; the
                // layout already isolates direction per text element.
                bundle.set_use_isolating(false);
                bundle.add_resource(res).expect("no duplicate keys (tested)");
                (*lang, bundle)
            })
            .collect();
        Catalog { bundles }
    })
}

/// The string for `key` in `lang`, falling back to English, then to the key itself.
pub fn tr(lang: Lang, key: &str) -> String {
    tr_args(lang, key, &[])
}

/// The string for `key` with named arguments (numbers select plural forms).
pub fn tr_args(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Str(s) => fluent_args.set(*name, FluentValue::from(s.as_str())),
            Arg::Num(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    for l in [lang, Lang::En] {
        let bundle = &catalog().bundles.iter().find(|(bl, _)| *bl == l).expect("every language loaded").1;
        if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned();
        }
    }
    key.to_string()
}

/// A Fluent argument.
#[derive(Debug, Clone)]
pub enum Arg {
    Str(String),
    Num(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Num(n as i64)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Num(n)
    }
}

/// The message keys of a Fluent source, in file order.
pub fn keys_of(src: &str) -> Vec<String> {
    let res = FluentResource::try_new(src.to_string()).unwrap_or_else(|(res, _)| res);
    res.entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_parses_and_has_every_key() {
        let en = keys_of(SOURCES[0].1);
        assert!(en.len() > 50);
        for (lang, src) in SOURCES {
            if let Err((_, errors)) = FluentResource::try_new(src.to_string()) {
                panic!("{lang}: Fluent syntax errors: {errors:?}");
            }
            let keys = keys_of(src);
            let missing: Vec<_> = en.iter().filter(|k| !keys.contains(k)).collect();
            let extra: Vec<_> = keys.iter().filter(|k| !en.contains(k)).collect();
            assert!(missing.is_empty(), "{lang} lacks keys {missing:?}");
            assert!(extra.is_empty(), "{lang} has keys English lacks {extra:?}");
        }
    }

    #[test]
    fn arabic_child_strings_hold_no_latin_letters() {
        for key in keys_of(SOURCES[3].1).iter().filter(|k| k.starts_with("child-")) {
            let args = [
                ("current", 1usize.into()),
                ("total", 9usize.into()),
                ("min", 0i64.into()),
                ("max", 7i64.into()),
                ("label", "أصدقاؤك".into()),
                ("number", 2usize.into()),
                ("count", 2usize.into()),
            ];
            let text = tr_args(Lang::Ar, key, &args);
            assert!(!text.chars().any(|c| c.is_ascii_alphabetic()), "ar {key}: {text}");
        }
    }

    #[test]
    fn plurals_and_arguments() {
        assert_eq!(tr_args(Lang::En, "session-answered", &[("count", 1usize.into())]), "1 answer");
        assert_eq!(tr_args(Lang::En, "session-answered", &[("count", 3usize.into())]), "3 answers");
        let fr = tr_args(Lang::Fr, "child-progress", &[("current", 2usize.into()), ("total", 9usize.into())]);
        assert!(fr.contains('2') && fr.contains('9'), "{fr}");
        assert_eq!(tr(Lang::Es, "no-such-key"), "no-such-key");
    }
}
