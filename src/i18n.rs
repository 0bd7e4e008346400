//! Interface strings in four languages, from Fluent files compiled into the binary.
//!
//! Form texts (labels, hints, choices) come from the form itself; this module holds only the
//! app's own words: the interface's in `cercle.ftl`, and what is reported about an imported or
//! checked form (`form-problem-*`, `form-import-*`) in `forms.ftl`. A key missing in any
//! language is a test failure, not a blank on a screen.

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

/// Problems of XLSForms and import errors (`form-problem-*`, `form-import-*`), in the same
/// bundles as the interface strings.
const FORMS_SOURCES: [(Lang, &str); 4] = [
    (Lang::En, include_str!("../i18n/en/forms.ftl")),
    (Lang::Fr, include_str!("../i18n/fr/forms.ftl")),
    (Lang::Es, include_str!("../i18n/es/forms.ftl")),
    (Lang::Ar, include_str!("../i18n/ar/forms.ftl")),
];

struct Catalog {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let bundles = SOURCES
            .iter()
            .zip(FORMS_SOURCES.iter())
            .map(|((lang, src), (forms_lang, forms_src))| {
                debug_assert_eq!(lang, forms_lang);
                let id: unic_langid::LanguageIdentifier = lang.code().parse().expect("valid language tag");
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // Unicode isolation marks around arguments show as boxes in some fonts; the
                // layout already isolates direction per text element.
                bundle.set_use_isolating(false);
                for src in [src, forms_src] {
                    let res = FluentResource::try_new(src.to_string()).expect("interface strings parse (tested)");
                    bundle.add_resource(res).expect("no duplicate keys (tested)");
                }
                (*lang, bundle)
            })
            .collect();
        Catalog { bundles }
    })
}

/// Anything a person may be shown: an error, a refusal, a notice. The one way to turn it into
/// words, in the reader's language (the facilitator's interface language, or a child's
/// session language); `Display` stays English for logs and scripts.
pub trait UserMessage {
    fn message_in(&self, lang: Lang) -> String;
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
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    /// The source files that report form problems and import errors: every `form-problem-*` and
    /// `form-import-*` key written in them must be in forms.ftl.
    const FORMS_CODE: [(&str, &str); 10] = [
        ("src/form/mod.rs", include_str!("form/mod.rs")),
        ("src/xlsform/mod.rs", include_str!("xlsform/mod.rs")),
        ("src/xlsform/columns.rs", include_str!("xlsform/columns.rs")),
        ("src/xlsform/reader/exprs.rs", include_str!("xlsform/reader/exprs.rs")),
        ("src/xlsform/reader/mod.rs", include_str!("xlsform/reader/mod.rs")),
        ("src/xlsform/sheet.rs", include_str!("xlsform/sheet.rs")),
        ("src/xlsform/source.rs", include_str!("xlsform/source.rs")),
        ("src/xlsform/reader/survey.rs", include_str!("xlsform/reader/survey.rs")),
        ("src/xform/reader.rs", include_str!("xform/reader.rs")),
        ("src/sync/getforms.rs", include_str!("sync/getforms.rs")),
    ];

    /// The keys of forms.ftl written as string literals in the code.
    fn keys_in_code() -> BTreeMap<String, &'static str> {
        let literal = regex::Regex::new(r#""(form-(?:problem|import)-[a-z0-9-]+)""#).expect("valid regex");
        let mut keys = BTreeMap::new();
        for (file, code) in FORMS_CODE {
            for m in literal.captures_iter(code) {
                keys.entry(m[1].to_string()).or_insert(file);
            }
        }
        keys
    }

    /// The variables each message of a Fluent source uses (in text, selectors and variants).
    fn variables_of(src: &str) -> BTreeMap<String, BTreeSet<String>> {
        use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};
        fn pattern(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
            for element in &p.elements {
                if let PatternElement::Placeable { expression } = element {
                    expr(expression, out);
                }
            }
        }
        fn expr(e: &Expression<&str>, out: &mut BTreeSet<String>) {
            match e {
                Expression::Select { selector, variants } => {
                    inline(selector, out);
                    for v in variants {
                        pattern(&v.value, out);
                    }
                }
                Expression::Inline(i) => inline(i, out),
            }
        }
        fn inline(i: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
            match i {
                InlineExpression::VariableReference { id } => {
                    out.insert(id.name.to_string());
                }
                InlineExpression::Placeable { expression } => expr(expression, out),
                InlineExpression::FunctionReference { arguments, .. } => {
                    for a in &arguments.positional {
                        inline(a, out);
                    }
                    for a in &arguments.named {
                        inline(&a.value, out);
                    }
                }
                _ => {}
            }
        }
        let res = FluentResource::try_new(src.to_string()).unwrap_or_else(|(res, _)| res);
        res.entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => {
                    let mut vars = BTreeSet::new();
                    if let Some(p) = &m.value {
                        pattern(p, &mut vars);
                    }
                    Some((m.id.name.to_string(), vars))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn forms_files_parse_and_have_the_same_keys() {
        let en = keys_of(FORMS_SOURCES[0].1);
        assert!(en.len() > 50);
        for ((lang, src), (_, interface)) in FORMS_SOURCES.into_iter().zip(SOURCES) {
            if let Err((_, errors)) = FluentResource::try_new(src.to_string()) {
                panic!("{lang} forms.ftl: Fluent syntax errors: {errors:?}");
            }
            let keys = keys_of(src);
            let unique: BTreeSet<_> = keys.iter().collect();
            assert_eq!(unique.len(), keys.len(), "{lang} forms.ftl defines a key twice");
            let missing: Vec<_> = en.iter().filter(|k| !keys.contains(k)).collect();
            let extra: Vec<_> = keys.iter().filter(|k| !en.contains(k)).collect();
            assert!(missing.is_empty(), "{lang} forms.ftl lacks keys {missing:?}");
            assert!(extra.is_empty(), "{lang} forms.ftl has keys English lacks {extra:?}");
            let odd: Vec<_> =
                keys.iter().filter(|k| !k.starts_with("form-problem-") && !k.starts_with("form-import-")).collect();
            assert!(odd.is_empty(), "{lang} forms.ftl keys must start with form-problem- or form-import-: {odd:?}");
            let interface = keys_of(interface);
            let both: Vec<_> = keys.iter().filter(|k| interface.contains(k)).collect();
            assert!(both.is_empty(), "{lang}: keys in both cercle.ftl and forms.ftl: {both:?}");
        }
    }

    #[test]
    fn forms_translations_use_the_english_arguments() {
        let en = variables_of(FORMS_SOURCES[0].1);
        for (lang, src) in FORMS_SOURCES.into_iter().skip(1) {
            for (key, vars) in variables_of(src) {
                assert_eq!(Some(&vars), en.get(&key), "{lang} {key}: arguments differ from English");
            }
        }
    }

    #[test]
    fn every_form_key_in_the_code_is_in_every_language() {
        let used = keys_in_code();
        assert!(used.len() > 50, "{used:?}");
        for (lang, src) in FORMS_SOURCES {
            let keys = keys_of(src);
            let missing: Vec<_> = used.iter().filter(|(k, _)| !keys.contains(k)).collect();
            assert!(missing.is_empty(), "{lang} forms.ftl lacks keys the code uses (key, file): {missing:?}");
        }
        let unused: Vec<_> = keys_of(FORMS_SOURCES[0].1).into_iter().filter(|k| !used.contains_key(k)).collect();
        assert!(unused.is_empty(), "forms.ftl keys no code uses: {unused:?}");
    }

    #[test]
    fn form_plurals() {
        let deep = |lang, count: usize| {
            tr_args(lang, "form-problem-nested-too-deep", &[("row", "g".into()), ("count", count.into())])
        };
        assert_eq!(deep(Lang::En, 32), "'g' is nested more than 32 groups deep: Cercle does not read deeper");
        assert_eq!(deep(Lang::En, 1), "'g' is nested more than 1 group deep: Cercle does not read deeper");
        assert!(deep(Lang::Fr, 32).contains("32 groupes"), "{}", deep(Lang::Fr, 32));
        assert!(deep(Lang::Es, 1).contains("1 grupo:"), "{}", deep(Lang::Es, 1));
        assert!(deep(Lang::Ar, 2).contains("مجموعتين"), "{}", deep(Lang::Ar, 2));
        assert!(deep(Lang::Ar, 5).contains("5 مجموعات"), "{}", deep(Lang::Ar, 5));
    }

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
