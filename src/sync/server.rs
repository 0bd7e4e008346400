//! Where submissions go: an ODK Central app-user URL, a KoboToolbox server, or any OpenRosa
//! server. Kept in the encrypted database (the token and password are secrets, C7).

use serde::{Deserialize, Serialize};
use ureq::http::Uri;

use crate::lang::Lang;

/// The setting that holds the server (JSON) in the store.
pub const SERVER_SETTING: &str = "server";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServerKind {
    /// ODK Central, app user: the token in the URL is the credential.
    Central,
    /// KoboToolbox's OpenRosa endpoint (kc.*): username and password.
    Kobo,
    /// Any other OpenRosa server, with Basic or Digest authentication when a username is given.
    OpenRosa,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerSettings {
    pub kind: ServerKind,
    /// Always ends in `/`: `{url}submission`, `{url}formList`.
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

// Never print a secret, even in a debug log.
impl std::fmt::Debug for ServerSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ServerSettings({:?}, {})", self.kind, self.shown_url())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServerError {
    #[error("'{0}' is not a web address")]
    NotAnAddress(String),
    #[error("the address must start with https:// (plain http only to this computer, for tests)")]
    NotHttps,
    #[error("a Central app-user address carries its own key: no username is needed")]
    CentralNeedsNoUsername,
    #[error("this server needs a username and a password")]
    NeedsCredentials,
}

impl crate::i18n::UserMessage for ServerError {
    fn message_in(&self, lang: Lang) -> String {
        use crate::i18n::{tr, tr_args};
        match self {
            ServerError::NotAnAddress(a) => tr_args(lang, "server-not-an-address", &[("address", a.as_str().into())]),
            ServerError::NotHttps => tr(lang, "server-not-https"),
            ServerError::CentralNeedsNoUsername => tr(lang, "server-central-no-username"),
            ServerError::NeedsCredentials => tr(lang, "server-needs-credentials"),
        }
    }
}

fn is_loopback(host: &str) -> bool {
    matches!(host.trim_start_matches('[').trim_end_matches(']'), "127.0.0.1" | "::1" | "localhost")
}

impl ServerSettings {
    /// Reads what the facilitator typed. A Central app-user URL is recognised by its path
    /// (`/v1/key/{token}/projects/{id}/`, as Central shows it, with or without the last `/` or
    /// a trailing `submission`/`formList`); a `kc.` host or one under kobotoolbox.org is Kobo.
    pub fn parse(url: &str, username: Option<&str>, password: Option<&str>) -> Result<ServerSettings, ServerError> {
        let typed = url.trim();
        let uri: Uri = typed.parse().map_err(|_| ServerError::NotAnAddress(typed.to_string()))?;
        let host = uri.host().filter(|h| !h.is_empty()).ok_or_else(|| ServerError::NotAnAddress(typed.to_string()))?;
        match uri.scheme_str() {
            Some("https") => {}
            Some("http") if is_loopback(host) => {}
            Some("http") => return Err(ServerError::NotHttps),
            _ => return Err(ServerError::NotAnAddress(typed.to_string())),
        }
        let mut base = typed.split(['?', '#']).next().unwrap_or(typed).to_string();
        for tail in ["submission", "formList"] {
            if let Some(stripped) = base.strip_suffix(tail) {
                base = stripped.to_string();
            }
        }
        if !base.ends_with('/') {
            base.push('/');
        }
        let username = username.map(str::trim).filter(|u| !u.is_empty()).map(String::from);
        let password = password.filter(|p| !p.is_empty()).map(String::from);
        let path: Vec<&str> = uri.path().split('/').filter(|s| !s.is_empty()).collect();
        let central = path.len() >= 5 && path[0] == "v1" && path[1] == "key" && path[3] == "projects";
        let kobo = host.starts_with("kc.") || host.ends_with("kobotoolbox.org");
        let kind = if central {
            ServerKind::Central
        } else if kobo {
            ServerKind::Kobo
        } else {
            ServerKind::OpenRosa
        };
        match kind {
            ServerKind::Central if username.is_some() => return Err(ServerError::CentralNeedsNoUsername),
            ServerKind::Kobo if username.is_none() || password.is_none() => return Err(ServerError::NeedsCredentials),
            ServerKind::OpenRosa if username.is_some() != password.is_some() => {
                return Err(ServerError::NeedsCredentials)
            }
            _ => {}
        }
        Ok(ServerSettings { kind, url: base, username, password })
    }

    pub fn submission_url(&self) -> String {
        format!("{}submission", self.url)
    }

    pub fn form_list_url(&self) -> String {
        format!("{}formList", self.url)
    }

    /// The address without its secret: a Central token shows as `…` (it is the credential).
    pub fn shown_url(&self) -> String {
        if self.kind != ServerKind::Central {
            return self.url.clone();
        }
        match self.url.find("/v1/key/") {
            Some(i) => {
                let rest = &self.url[i + "/v1/key/".len()..];
                let after = rest.find('/').map(|j| &rest[j..]).unwrap_or("/");
                format!("{}/v1/key/…{after}", &self.url[..i])
            }
            None => self.url.clone(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("settings serialise")
    }

    pub fn from_json(json: &str) -> Option<ServerSettings> {
        serde_json::from_str(json).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_central_app_user_url_is_recognised_and_its_token_never_shown() {
        let s = ServerSettings::parse("https://central.example.org/v1/key/Ab$c!9/projects/7/", None, None).unwrap();
        assert_eq!(s.kind, ServerKind::Central);
        assert_eq!(s.submission_url(), "https://central.example.org/v1/key/Ab$c!9/projects/7/submission");
        assert_eq!(s.shown_url(), "https://central.example.org/v1/key/…/projects/7/");
        assert!(!format!("{s:?}").contains("Ab$c"));
        let no_slash = ServerSettings::parse("https://central.example.org/v1/key/T/projects/7", None, None).unwrap();
        assert_eq!(no_slash.url, "https://central.example.org/v1/key/T/projects/7/");
    }

    #[test]
    fn plain_http_only_to_this_computer() {
        assert_eq!(
            ServerSettings::parse("http://central.example.org/v1/key/T/projects/1/", None, None),
            Err(ServerError::NotHttps)
        );
        for host in ["127.0.0.1:8383", "localhost", "[::1]:9000"] {
            assert!(
                ServerSettings::parse(&format!("http://{host}/v1/key/T/projects/1/"), None, None).is_ok(),
                "{host}"
            );
        }
        assert!(matches!(ServerSettings::parse("central", None, None), Err(ServerError::NotAnAddress(_))));
        assert!(matches!(ServerSettings::parse("ftp://x.org/", None, None), Err(ServerError::NotAnAddress(_))));
    }

    #[test]
    fn kobo_needs_a_username_and_password() {
        assert_eq!(
            ServerSettings::parse("https://kc.kobotoolbox.org/", Some("team"), None),
            Err(ServerError::NeedsCredentials)
        );
        let s = ServerSettings::parse("https://kc.kobotoolbox.org", Some("team"), Some("pw")).unwrap();
        assert_eq!((s.kind, s.submission_url().as_str()), (ServerKind::Kobo, "https://kc.kobotoolbox.org/submission"));
        assert!(!format!("{s:?}").contains("pw"));
    }
}
