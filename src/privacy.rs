//! The site's child-protection rules (consent age, refusal counting, auto-lock, retention,
//! names to look for in free text) and the free-text scan of rule C12.

use std::sync::OnceLock;

use regex::Regex;

use std::collections::BTreeMap;

use crate::form::AgeBand;
use crate::lang::Lang;
use crate::store::{Result, Store};

/// Per-site rules, kept in the encrypted settings table under `site.*`.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteSettings {
    /// Where the rules come from, recorded with each consent (e.g. "QC" for Quebec Law 25).
    pub jurisdiction: String,
    /// The site's name, carried by its sessions in transfer files so a coordinator can tell
    /// sites apart (a place, never a person).
    pub site_name: String,
    /// Guardian consent is required for children under this age (Quebec Law 25 s.4.1: 14;
    /// GDPR Art. 8 lets member states choose 13 to 16).
    pub consent_age: u8,
    /// Keep a count of refusals per form and day (nothing else of a child who says no).
    pub count_refusals: bool,
    /// Lock after this many idle minutes (C9).
    pub idle_lock_minutes: u32,
    /// Days to keep a session's answers after a confirmed upload (C10).
    pub retention_days: i64,
    /// Names to look for in free-text answers (C12): e.g. the site's staff and places.
    pub names: Vec<String>,
    /// The site's referral pathway (contacts and steps) for the facilitator, per language
    /// (`referral_en`, `referral_fr`, ...); empty: the app's generic steps.
    pub referral: BTreeMap<Lang, String>,
    /// Where a child can get help (a helpline, a trusted service), shown on the child's
    /// "where to get help" card, per language (`help_en`, ...).
    pub help: BTreeMap<Lang, String>,
}

impl Default for SiteSettings {
    fn default() -> Self {
        SiteSettings {
            jurisdiction: "QC".into(),
            site_name: String::new(),
            consent_age: 14,
            count_refusals: true,
            idle_lock_minutes: 5,
            retention_days: 0,
            names: Vec::new(),
            referral: BTreeMap::new(),
            help: BTreeMap::new(),
        }
    }
}

/// The settings keys, as `cercle site set KEY VALUE` takes them.
pub const SITE_KEYS: [&str; 15] = [
    "site_name",
    "jurisdiction",
    "consent_age",
    "count_refusals",
    "idle_lock_minutes",
    "retention_days",
    "names",
    "referral_en",
    "referral_fr",
    "referral_es",
    "referral_ar",
    "help_en",
    "help_fr",
    "help_es",
    "help_ar",
];

/// The per-language text settings: `referral_xx` and `help_xx`.
fn text_setting(key: &str) -> Option<(&'static str, Lang)> {
    let (kind, code) = key.rsplit_once('_')?;
    let kind = match kind {
        "referral" => "referral",
        "help" => "help",
        _ => return None,
    };
    Some((kind, Lang::from_code(code).filter(|l| l.code() == code)?))
}

/// Why a site rule was not set.
#[derive(Debug, thiserror::Error)]
pub enum SiteRuleError {
    /// The value is not one the rule takes; the text says what it takes.
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

impl SiteSettings {
    pub fn load(store: &Store) -> Result<SiteSettings> {
        let mut s = SiteSettings::default();
        for key in SITE_KEYS {
            if let Some(value) = store.setting(&format!("site.{key}"))? {
                // Stored values were checked when set; a damaged one keeps the default.
                let _ = s.apply(key, &value);
            }
        }
        Ok(s)
    }

    /// Sets one rule from text; the error says what a valid value looks like.
    pub fn apply(&mut self, key: &str, value: &str) -> std::result::Result<(), String> {
        let v = value.trim();
        match key {
            "jurisdiction" => self.jurisdiction = v.to_string(),
            "site_name" => {
                if v.chars().count() > 80 {
                    return Err("site_name takes at most 80 characters".into());
                }
                self.site_name = v.to_string()
            }
            "consent_age" => {
                self.consent_age =
                    v.parse().ok().filter(|a| (0..=18).contains(a)).ok_or("consent_age takes an age from 0 to 18")?
            }
            "count_refusals" => {
                self.count_refusals = match v {
                    "yes" | "true" | "1" => true,
                    "no" | "false" | "0" => false,
                    _ => return Err("count_refusals takes yes or no".into()),
                }
            }
            "idle_lock_minutes" => {
                self.idle_lock_minutes = v
                    .parse()
                    .ok()
                    .filter(|m| (1..=120).contains(m))
                    .ok_or("idle_lock_minutes takes 1 to 120 minutes")?
            }
            "retention_days" => {
                self.retention_days =
                    v.parse().ok().filter(|d| (0..=3650).contains(d)).ok_or("retention_days takes 0 to 3650 days")?
            }
            "names" => self.names = v.split(',').map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect(),
            _ if text_setting(key).is_some() => {
                let (kind, lang) = text_setting(key).expect("checked");
                let map = if kind == "referral" { &mut self.referral } else { &mut self.help };
                if v.is_empty() {
                    map.remove(&lang);
                } else {
                    map.insert(lang, v.to_string());
                }
            }
            _ => return Err(format!("unknown site setting '{key}': one of {}", SITE_KEYS.join(", "))),
        }
        Ok(())
    }

    /// Checks and stores one rule, returning the rules now in force. Not audited here: the
    /// facilitator's action (`service::Facilitator::set_site_rules`) audits it with the change.
    pub fn set(store: &Store, key: &str, value: &str) -> std::result::Result<SiteSettings, SiteRuleError> {
        let mut s = SiteSettings::load(store)?;
        s.apply(key, value).map_err(SiteRuleError::Invalid)?;
        store.set_setting(&format!("site.{key}"), Some(value.trim()))?;
        Ok(s)
    }

    pub fn value_of(&self, key: &str) -> String {
        match key {
            "jurisdiction" => self.jurisdiction.clone(),
            "site_name" => self.site_name.clone(),
            "consent_age" => self.consent_age.to_string(),
            "count_refusals" => if self.count_refusals { "yes" } else { "no" }.into(),
            "idle_lock_minutes" => self.idle_lock_minutes.to_string(),
            "retention_days" => self.retention_days.to_string(),
            "names" => self.names.join(", "),
            _ => match text_setting(key) {
                Some(("referral", lang)) => self.referral.get(&lang).cloned().unwrap_or_default(),
                Some((_, lang)) => self.help.get(&lang).cloned().unwrap_or_default(),
                None => String::new(),
            },
        }
    }

    /// Whether a child of this age band needs a guardian's consent here: yes when the band's
    /// youngest age is under the consent age.
    pub fn consent_required(&self, band: AgeBand) -> bool {
        let youngest = match band {
            AgeBand::Age6To7 => 6,
            AgeBand::Age8To12 => 8,
            AgeBand::Age13To17 => 13,
        };
        youngest < self.consent_age
    }
}

/// What the free-text scan found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    Email,
    Phone,
    DigitRun,
    Name,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
}

fn patterns() -> &'static [(FindingKind, Regex); 3] {
    static P: OnceLock<[(FindingKind, Regex); 3]> = OnceLock::new();
    P.get_or_init(|| {
        [
            (FindingKind::Email, Regex::new(r"[\w.+-]+@[\w-]+(\.[\w-]+)+").expect("valid")),
            // Seven or more digits with the separators people type in phone numbers (any script's digits).
            (FindingKind::Phone, Regex::new(r"\+?\d[\d\s().\-/]{5,}\d").expect("valid")),
            (FindingKind::DigitRun, Regex::new(r"\d{5,}").expect("valid")),
        ]
    })
}

/// Looks for phone numbers, e-mail addresses, long digit runs and listed names in a free-text
/// answer (C12). Overlapping findings keep the first, widest kind.
pub fn scan_free_text(text: &str, names: &[String]) -> Vec<Finding> {
    let mut found: Vec<Finding> = Vec::new();
    let mut add = |kind, start, end| {
        if !found.iter().any(|f: &Finding| start < f.end && f.start < end) {
            found.push(Finding { kind, start, end });
        }
    };
    for (kind, re) in patterns() {
        for m in re.find_iter(text) {
            if *kind == FindingKind::Phone && m.as_str().chars().filter(|c| c.is_numeric()).count() < 7 {
                continue;
            }
            add(*kind, m.start(), m.end());
        }
    }
    let lower = text.to_lowercase();
    for name in names.iter().filter(|n| n.chars().count() >= 2) {
        let needle = regex::escape(&name.to_lowercase());
        if let Ok(re) = Regex::new(&format!(r"\b{needle}\b")) {
            // Lower-casing can change byte lengths; match on the lowered text only when it did not.
            if lower.len() == text.len() {
                for m in re.find_iter(&lower) {
                    add(FindingKind::Name, m.start(), m.end());
                }
            }
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

/// The text with every finding replaced by "[…]".
pub fn redact(text: &str, findings: &[Finding]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in findings {
        if f.start >= at && f.end <= text.len() {
            out.push_str(&text[at..f.start]);
            out.push_str("[…]");
            at = f.end;
        }
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_phones_mails_digit_runs_and_names() {
        let names = vec!["Amina".to_string(), "Koffi".to_string()];
        let text = "call me 06 12 34 56 78 or write to a.b@mail.org, my card 123456, ask amina";
        let kinds: Vec<FindingKind> = scan_free_text(text, &names).into_iter().map(|f| f.kind).collect();
        assert_eq!(kinds, vec![FindingKind::Phone, FindingKind::Email, FindingKind::DigitRun, FindingKind::Name]);
        let red = redact(text, &scan_free_text(text, &names));
        assert!(!red.contains("34 56") && !red.contains("@") && !red.contains("123456") && !red.contains("amina"));
        assert!(red.starts_with("call me […]"));
    }

    #[test]
    fn arabic_indic_digits_and_harmless_text() {
        assert_eq!(scan_free_text("رقمي ٠٦١٢٣٤٥٦٧٨", &[])[0].kind, FindingKind::Phone);
        assert!(scan_free_text("More places to play, 3 parks and 2 schools", &[]).is_empty());
        assert!(scan_free_text("J'ai 12 ans", &[]).is_empty());
    }

    #[test]
    fn referral_and_help_texts_per_language() {
        let mut s = SiteSettings::default();
        s.apply("referral_fr", "Appeler la référente : 01 23 45 67 89").unwrap();
        s.apply("help_ar", "خط مساعدة الطفل 116").unwrap();
        assert_eq!(s.value_of("referral_fr"), "Appeler la référente : 01 23 45 67 89");
        assert_eq!(s.help.get(&Lang::Ar).map(String::as_str), Some("خط مساعدة الطفل 116"));
        assert!(s.apply("referral_de", "x").is_err());
        assert!(s.apply("help_", "x").is_err());
        s.apply("referral_fr", " ").unwrap();
        assert!(s.referral.is_empty(), "an empty value removes the text");
    }

    #[test]
    fn consent_follows_the_site_age() {
        let mut s = SiteSettings::default();
        assert!(s.consent_required(AgeBand::Age13To17), "13 is under 14 (Quebec)");
        s.apply("consent_age", "13").unwrap();
        assert!(!s.consent_required(AgeBand::Age13To17));
        assert!(s.consent_required(AgeBand::Age8To12));
        assert!(s.apply("consent_age", "40").is_err());
        assert!(s.apply("colour", "blue").is_err());
    }
}
