//! The site rules page: the facilitator reads and changes the site's child-protection rules
//! ([`SiteSettings`]: consent age, refusals, auto-lock, retention, names to look for, referral
//! pathway and help contacts). Every change is checked before any is written, and each one
//! written is an audit event (C13).

use std::collections::BTreeMap;

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::App;
use crate::i18n::{tr, tr_args, UserMessage};
use crate::lang::Lang;
use crate::privacy::SITE_KEYS;
use crate::service::ServiceError;
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
        // Rules set from the command line while the window was open show at once.
        if let Some(Err(e)) = self.with_fac(|fac| fac.reload_site_rules()) {
            return self.show_error(&e);
        }
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
        let Some(site) = st.fac.as_ref().map(|f| f.site()) else { return };
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
                    value: st.site_edits.get(key).cloned().unwrap_or_else(|| site.value_of(key)).into(),
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
        let edits = self.state.borrow().site_edits.clone();
        let saved = self.with_fac(|fac| {
            let current = fac.site().clone();
            let changed: Vec<(String, String)> =
                edits.into_iter().filter(|(k, v)| v.trim() != current.value_of(k).trim()).collect();
            fac.set_site_rules(&changed).map(|()| changed.len())
        });
        match saved {
            Some(Ok(changed)) => {
                site.set_error(SharedString::new());
                self.state.borrow_mut().site_edits.clear();
                self.fill_site_rules(&BTreeMap::new());
                let notice = if changed == 0 { "site-unchanged" } else { "site-saved" };
                site.set_notice(tr(lang, notice).into());
            }
            Some(Err(ServiceError::SiteRules(invalid))) => {
                site.set_error(tr(lang, "site-invalid").into());
                let errors: BTreeMap<String, String> =
                    invalid.into_iter().map(|(k, _)| (k.clone(), tr(lang, &format!("site-error-{k}")))).collect();
                self.fill_site_rules(&errors);
            }
            Some(Err(e)) => {
                site.set_error(e.message_in(lang).into());
                self.fill_site_rules(&BTreeMap::new());
            }
            None => {}
        }
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
