//! The module map of ARCHITECTURE.md, checked from the sources: which module may use which,
//! and that nothing of the core reaches for Slint, clap or a terminal. A new `use` that breaks
//! a layer fails here, not in a review.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each top-level module of the library and the modules it may use (lowest layers first).
const ALLOWED: &[(&str, &[&str])] = &[
    ("lang", &[]),
    ("expr", &[]),
    ("i18n", &["lang"]),
    ("form", &["lang", "i18n", "expr"]),
    ("xlsform", &["lang", "i18n", "expr", "form"]),
    ("engine", &["lang", "expr", "form"]),
    ("xform", &["lang", "i18n", "expr", "form", "engine"]),
    ("submission", &["lang", "form", "engine", "xform"]),
    ("store", &["lang", "form", "engine", "submission"]),
    ("privacy", &["lang", "form", "store"]),
    ("export", &["lang", "i18n", "expr", "form", "engine", "store", "privacy"]),
    ("simulate", &["lang", "form", "engine", "store"]),
    ("sync", &["lang", "i18n", "form", "engine", "store", "privacy", "submission", "xform"]),
    ("transfer", &["lang", "i18n", "form", "store"]),
    (
        "service",
        &[
            "lang", "i18n", "form", "xlsform", "engine", "store", "privacy", "export", "simulate", "sync", "xform",
            "transfer",
        ],
    ),
    ("platform", &["service", "default_data_dir"]),
    (
        "ui",
        &["lang", "i18n", "form", "engine", "store", "privacy", "export", "service", "sync", "transfer", "platform"],
    ),
    ("android", &["platform", "ui"]),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn files_of(module: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    if src.join(module).is_dir() {
        rust_files(&src.join(module), &mut files);
    }
    if src.join(format!("{module}.rs")).is_file() {
        files.push(src.join(format!("{module}.rs")));
    }
    files
}

/// The code of a file without its comments (a doc comment may name any module).
fn code_of(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            !t.starts_with("//")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn crate_modules_used(code: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        let name: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if !name.is_empty() {
            used.insert(name);
        }
        rest = after;
    }
    used
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let mut broken = Vec::new();
    for (module, allowed) in ALLOWED {
        let files = files_of(module);
        assert!(!files.is_empty(), "no sources for module {module}");
        for file in files {
            for used in crate_modules_used(&code_of(&file)) {
                if used != *module && !allowed.contains(&used.as_str()) {
                    broken.push(format!("{} uses crate::{used}", file.display()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "layer rules broken (see ARCHITECTURE.md):\n{}", broken.join("\n"));
}

#[test]
fn every_library_module_is_in_the_map() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for line in lib.lines() {
        if let Some(name) = line.trim().strip_prefix("pub mod ").and_then(|r| r.strip_suffix(';')) {
            assert!(ALLOWED.iter().any(|(m, _)| *m == name), "module {name} is not in the layer map");
        }
    }
}

#[test]
fn the_core_knows_nothing_of_slint_clap_or_a_terminal() {
    // The front ends (the window, Android's entry point) are where Slint belongs.
    for (module, _) in ALLOWED.iter().filter(|(m, _)| *m != "ui" && *m != "android") {
        for file in files_of(module) {
            let code = code_of(&file);
            for word in ["slint::", "clap::", "rpassword::", "println!", "eprintln!", "std::io::stdin"] {
                // Tests beside the code may print; the code may not.
                let code = code.split("#[cfg(test)]").next().unwrap_or("");
                assert!(!code.contains(word), "{} uses {word}: the core must not", file.display());
            }
        }
    }
}

#[test]
fn the_window_changes_data_only_through_the_service() {
    // Writing calls of the store that only `service` may make.
    const WRITES: &[&str] = &[
        ".save_changes(",
        ".save_answer(",
        ".finalise(",
        ".withdraw(",
        ".install_form(",
        ".raise_concern(",
        ".record_assent(",
        ".record_consent(",
        ".set_setting(",
        ".audit(",
        ".start_session(",
        ".change_passphrase(",
        ".confirm_uploaded(",
    ];
    for file in files_of("ui") {
        let code = code_of(&file);
        // The window reads through `fac.store()`; every change is an action of the service.
        for (i, _) in code.match_indices("store().") {
            let method: String =
                code[i + "store().".len()..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            assert!(
                !WRITES.contains(&format!(".{method}(").as_str()),
                "{} calls store().{method}: the window changes data through crate::service",
                file.display()
            );
        }
        assert!(!code.contains("Store::"), "{} opens the store itself: that is the service's", file.display());
    }
}
