//! The site rules page: the facilitator reads and changes the site's child-protection rules
//! ([`SiteSettings`]: consent age, refusals, auto-lock, retention, names to look for, referral
//! pathway and help contacts). Every change is checked before any is written, and each one
//! written is an audit event (C13).

use std::collections::BTreeMap;

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::App;
use crate::i18n::{tr, tr_args};
use crate::lang::Lang;
use crate::privacy::{SiteSettings, SITE_KEYS};
use crate::ui::{Page, Site, SiteRow};

impl App {
    pub(super) fn wire_site_rules(&self) {
        let site = self.window.global::<Site>();
        let h = self.handle();
        site.on_edited(move |key, value| {
            h.with(|app| {
                app.state.borrow_mut().site_edits.insert(key.to_string(), value.to_string());
            })
        });
        let h = self.handle();
        site.on_save(move || h.with(|app| app.save_site_rules()));
        let h = self.handle();
        site.on_back(move || h.with(|app| app.open_audit()));
    }

    pub(super) fn open_site_rules(&self) {
        self.state.borrow_mut().site_edits.clear();
        let site = self.window.global::<Site>();
        site.set_error(SharedString::new());
        site.set_notice(SharedString::new());
        self.fill_site_rules(&BTreeMap::new());
        self.go(Page::Site);
    }

    /// One row per rule, showing what the facilitator typed where they changed it.
    fn fill_site_rules(&self, errors: &BTreeMap<String, String>) {
        let lang = self.ui_lang();
        let st = self.state.borrow();
        let rows: Vec<SiteRow> = SITE_KEYS
            .iter()
            .map(|&key| {
                let (label, hint) = label_and_hint(lang, key);
                let kind = match key {
                    "count_refusals" => "flag",
                    k if k.starts_with("referral_") || k.starts_with("help_") => "multiline",
                    _ => "text",
                };
                SiteRow {
                    key: key.into(),
                    label: label.into(),
                    hint: hint.into(),
                    value: st.site_edits.get(key).cloned().unwrap_or_else(|| st.site.value_of(key)).into(),
                    kind: kind.into(),
                    rtl: key.ends_with("_ar"),
                    error: errors.get(key).cloned().unwrap_or_default().into(),
                }
            })
            .collect();
        drop(st);
        self.window.global::<Site>().set_rows(ModelRc::new(VecModel::from(rows)));
    }

    /// Checks every changed rule, then writes them all, or none when one is wrong.
    fn save_site_rules(&self) {
        let lang = self.ui_lang();
        let site = self.window.global::<Site>();
        site.set_notice(SharedString::new());
        let (current, edits) = {
            let st = self.state.borrow();
            (st.site.clone(), st.site_edits.clone())
        };
        let changed: Vec<(String, String)> =
            edits.into_iter().filter(|(k, v)| v.trim() != current.value_of(k).trim()).collect();
        let mut trial = current.clone();
        let errors: BTreeMap<String, String> = changed
            .iter()
            .filter(|(k, v)| trial.apply(k, v).is_err())
            .map(|(k, _)| (k.clone(), tr(lang, &format!("site-error-{k}"))))
            .collect();
        if !errors.is_empty() {
            site.set_error(tr(lang, "site-invalid").into());
            return self.fill_site_rules(&errors);
        }
        site.set_error(SharedString::new());
        for (key, value) in &changed {
            match self.with_store(|s| SiteSettings::set(s, key, value)) {
                Some(Ok(updated)) => self.state.borrow_mut().site = updated,
                Some(Err(e)) => {
                    site.set_error(tr_args(lang, "error-save", &[("detail", e.into())]).into());
                    return self.fill_site_rules(&BTreeMap::new());
                }
                None => return,
            }
        }
        self.state.borrow_mut().site_edits.clear();
        self.fill_site_rules(&BTreeMap::new());
        let notice = if changed.is_empty() { "site-unchanged" } else { "site-saved" };
        site.set_notice(tr(lang, notice).into());
    }
}

/// A rule's label and the sentence that says what it does, in the interface language.
fn label_and_hint(lang: Lang, key: &str) -> (String, String) {
    if let Some((kind, code)) = key.rsplit_once('_').filter(|(kind, _)| matches!(*kind, "referral" | "help")) {
        let language = Lang::from_code(code).map(Lang::native_name).unwrap_or(code);
        return (
            tr_args(lang, &format!("site-{kind}"), &[("language", language.into())]),
            tr(lang, &format!("site-{kind}-hint")),
        );
    }
    (tr(lang, &format!("site-{key}")), tr(lang, &format!("site-{key}-hint")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_label_and_a_hint_in_every_language() {
        for lang in Lang::ALL {
            for key in SITE_KEYS {
                let (label, hint) = label_and_hint(lang, key);
                assert!(!label.starts_with("site-") && !hint.starts_with("site-"), "{lang} {key}: {label} / {hint}");
            }
        }
        let (label, _) = label_and_hint(Lang::Fr, "referral_ar");
        assert!(label.contains("العربية"), "{label}");
    }
}
