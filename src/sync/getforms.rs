//! Get forms: the server's form list, and each form's XForm and media, checked against the
//! md5 hashes the server gives (OpenRosa formList and manifest), into the store.
//!
//! A form is fetched whole or not at all: the XForm read with no error, every media file of its
//! manifest downloaded and matching its hash. This module only reads the store (to tell a
//! form's state, and to reuse media it already holds); `service` installs what it fetched, in
//! one savepoint with its audit event. A new version is a new row; older versions stay while
//! any session uses them (a session stays on the version it started with) and are removed
//! once none does.

use std::collections::HashMap;
use std::time::Duration;

use md5::{Digest, Md5};
use roxmltree::Document;

use super::openrosa::{NetError, OpenRosaClient};
use super::server::ServerSettings;
use crate::form::{Form, Problem};
use crate::i18n::{tr, tr_args, Arg};
use crate::lang::Lang;
use crate::store::{Store, StoreError};
use crate::xform::{read_xform, XformReadError, MAX_XFORM_BYTES};

/// The largest form list read (thousands of forms fit in far less).
const MAX_FORM_LIST_BYTES: u64 = 8 * 1024 * 1024;
/// The largest media file taken (a picture or a recording for children is far smaller).
const MAX_MEDIA_BYTES: u64 = 64 * 1024 * 1024;

/// One form of the server's form list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerForm {
    pub id: String,
    pub name: String,
    /// Empty when the server gives none.
    pub version: String,
    /// `md5:...` of the XForm.
    pub hash: String,
    pub download_url: String,
    pub manifest_url: Option<String>,
}

/// Whether a server's form is on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormState {
    New,
    /// Installed, but the server's XForm has changed.
    Update,
    Installed,
}

impl FormState {
    pub fn code(self) -> &'static str {
        match self {
            FormState::New => "new",
            FormState::Update => "update",
            FormState::Installed => "installed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedForm {
    pub form: ServerForm,
    pub state: FormState,
}

/// A form fetched whole, ready to install.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub form: Form,
    pub media: Vec<(String, Vec<u8>)>,
    /// The server's md5 of the XForm (ours when it gave none), to tell an update later.
    pub hash: String,
    pub media_fetched: usize,
    pub media_kept: usize,
    /// Warnings about the form (errors refuse it: see [`GetFormsError::Refused`]).
    pub warnings: Vec<Problem>,
}

/// What a download did.
#[derive(Debug, Clone)]
pub struct Downloaded {
    pub id: String,
    pub version: String,
    /// Media files fetched from the server, and those already here with the same hash.
    pub media_fetched: usize,
    pub media_kept: usize,
    /// Warnings about the form (errors refuse it: see [`GetFormsError::Refused`]).
    pub warnings: Vec<Problem>,
    /// Older versions removed because no session uses them.
    pub versions_removed: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum GetFormsError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("the network failed: {0:?}")]
    Network(NetError),
    #[error("the server refused the credentials (HTTP {0})")]
    Credentials(u16),
    #[error("the server answered HTTP {status} for {what}")]
    Http { status: u16, what: String },
    #[error("the answer is not a form list (a Wi-Fi login page?)")]
    NotAFormList,
    #[error("{file} is larger than {limit_mb} MB")]
    TooLarge { file: String, limit_mb: u64 },
    #[error("{file} did not arrive whole: its md5 is not the one the server gave")]
    HashMismatch { file: String },
    #[error("the server's form is not an XForm Cercle can read: {0}")]
    NotAnXform(XformReadError),
    #[error("the form cannot run in Cercle: {} error(s)", .0.iter().filter(|p| p.is_error()).count())]
    Refused(Vec<Problem>),
    #[error("the form list says '{expected}', but the file is form '{found}'")]
    WrongForm { expected: String, found: String },
}

impl crate::i18n::UserMessage for GetFormsError {
    fn message_in(&self, lang: Lang) -> String {
        match self {
            GetFormsError::Store(e) => e.message_in(lang),
            GetFormsError::Network(NetError::NoConnection) => tr(lang, "sync-failure-no-connection"),
            GetFormsError::Network(NetError::Timeout) => tr(lang, "sync-failure-timeout"),
            GetFormsError::Network(NetError::Reset) => tr(lang, "sync-failure-reset"),
            GetFormsError::Network(NetError::Tls) => tr(lang, "sync-failure-tls"),
            GetFormsError::Credentials(_) => tr(lang, "sync-failure-credentials"),
            GetFormsError::Http { status, what } => tr_args(
                lang,
                "get-forms-http",
                &[("status", Arg::Num(i64::from(*status))), ("file", what.as_str().into())],
            ),
            GetFormsError::NotAFormList => tr(lang, "get-forms-not-a-form-list"),
            GetFormsError::TooLarge { file, limit_mb } => tr_args(
                lang,
                "get-forms-too-large",
                &[("file", file.as_str().into()), ("limit", Arg::Num(i64::try_from(*limit_mb).unwrap_or(0)))],
            ),
            GetFormsError::HashMismatch { file } => {
                tr_args(lang, "get-forms-hash-mismatch", &[("file", file.as_str().into())])
            }
            GetFormsError::NotAnXform(e) => e.message_in(lang),
            GetFormsError::Refused(problems) => {
                let errors: Vec<String> =
                    problems.iter().filter(|p| p.is_error()).map(|p| p.located_message_in(lang)).collect();
                tr_args(
                    lang,
                    "get-forms-refused",
                    &[("count", Arg::Num(errors.len() as i64)), ("problems", errors.join("\n").into())],
                )
            }
            GetFormsError::WrongForm { expected, found } => tr_args(
                lang,
                "get-forms-wrong-form",
                &[("expected", expected.as_str().into()), ("found", found.as_str().into())],
            ),
        }
    }
}

/// The md5 of some bytes as OpenRosa writes it: `md5:` and 32 hex digits.
pub fn md5_hash(bytes: &[u8]) -> String {
    let digest = Md5::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("md5:{hex}")
}

fn same_hash(expected: &str, bytes: &[u8]) -> bool {
    let expected = expected.trim().to_ascii_lowercase();
    let expected = if expected.starts_with("md5:") { expected } else { format!("md5:{expected}") };
    md5_hash(bytes) == expected
}

/// Text of a child element, by local name.
fn child_text(node: roxmltree::Node, name: &str) -> Option<String> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
        .and_then(|c| c.text())
        .map(|t| t.trim().to_string())
}

/// A form list or manifest as text (OpenRosa documents are UTF-8).
fn utf8(bytes: Vec<u8>) -> Option<String> {
    String::from_utf8(bytes).ok()
}

/// The forms of an OpenRosa form list.
pub fn parse_form_list(xml: &str) -> Result<Vec<ServerForm>, GetFormsError> {
    let options = roxmltree::ParsingOptions { allow_dtd: false, ..roxmltree::ParsingOptions::default() };
    let doc = Document::parse_with_options(xml, options).map_err(|_| GetFormsError::NotAFormList)?;
    if doc.root_element().tag_name().name() != "xforms" {
        return Err(GetFormsError::NotAFormList);
    }
    let mut forms = Vec::new();
    for x in doc.root_element().children().filter(|c| c.is_element() && c.tag_name().name() == "xform") {
        let (Some(id), Some(url)) = (child_text(x, "formID"), child_text(x, "downloadUrl")) else { continue };
        forms.push(ServerForm {
            name: child_text(x, "name").filter(|n| !n.is_empty()).unwrap_or_else(|| id.clone()),
            version: child_text(x, "version").unwrap_or_default(),
            hash: child_text(x, "hash").unwrap_or_default(),
            manifest_url: child_text(x, "manifestUrl").filter(|u| !u.is_empty()),
            download_url: url,
            id,
        });
    }
    Ok(forms)
}

/// One file of a form's manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFile {
    pub name: String,
    pub hash: String,
    pub download_url: String,
}

pub fn parse_manifest(xml: &str) -> Result<Vec<MediaFile>, GetFormsError> {
    let options = roxmltree::ParsingOptions { allow_dtd: false, ..roxmltree::ParsingOptions::default() };
    let doc = Document::parse_with_options(xml, options).map_err(|_| GetFormsError::NotAFormList)?;
    let mut files = Vec::new();
    for m in doc.root_element().children().filter(|c| c.is_element() && c.tag_name().name() == "mediaFile") {
        let (Some(name), Some(url)) = (child_text(m, "filename"), child_text(m, "downloadUrl")) else { continue };
        // The form names its media by file name alone.
        let name = name.rsplit(['/', '\\']).next().unwrap_or(&name).to_string();
        if name.is_empty() || name == "." || name == ".." {
            continue;
        }
        files.push(MediaFile { name, hash: child_text(m, "hash").unwrap_or_default(), download_url: url });
    }
    Ok(files)
}

/// Talks to the server for "Get forms"; it only reads the store.
pub struct FormFetcher {
    client: OpenRosaClient,
    server: ServerSettings,
}

impl FormFetcher {
    pub fn new(server: &ServerSettings, timeout: Duration) -> FormFetcher {
        FormFetcher { client: OpenRosaClient::new(server, timeout), server: server.clone() }
    }

    fn get(&mut self, url: &str, what: &str, limit: u64) -> Result<Vec<u8>, GetFormsError> {
        let (status, body) = self.client.get_bytes(url, limit).map_err(GetFormsError::Network)?;
        match status {
            200 => body.ok_or_else(|| GetFormsError::TooLarge { file: what.to_string(), limit_mb: limit >> 20 }),
            401 | 403 => Err(GetFormsError::Credentials(status)),
            status => Err(GetFormsError::Http { status, what: what.to_string() }),
        }
    }

    /// The server's forms, each with whether it is new, updated or installed here.
    pub fn list(&mut self, store: &Store) -> Result<Vec<ListedForm>, GetFormsError> {
        let url = self.server.form_list_url();
        let bytes = self.get(&url, "formList", MAX_FORM_LIST_BYTES)?;
        let xml = utf8(bytes).ok_or(GetFormsError::NotAFormList)?;
        let forms = parse_form_list(&xml)?;
        let installed = store.server_hashes()?;
        Ok(forms
            .into_iter()
            .map(|form| {
                let state = match installed.get(&form.id) {
                    None => FormState::New,
                    Some((version, hash)) if *hash == form.hash && *version == form.version => FormState::Installed,
                    Some(_) => FormState::Update,
                };
                ListedForm { form, state }
            })
            .collect())
    }

    /// Downloads a form and its media, each checked against its hash.
    pub fn fetch(
        &mut self,
        store: &Store,
        form: &ServerForm,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Fetched, GetFormsError> {
        let file = format!("{}.xml", form.id);
        let bytes = self.get(&form.download_url, &file, MAX_XFORM_BYTES as u64)?;
        if !form.hash.is_empty() && !same_hash(&form.hash, &bytes) {
            return Err(GetFormsError::HashMismatch { file });
        }
        let xml = String::from_utf8(bytes)
            .map_err(|e| GetFormsError::NotAnXform(XformReadError::NotXml { line: 1, detail: e.to_string() }))?;
        let read = read_xform(&xml).map_err(GetFormsError::NotAnXform)?;
        if read.problems.iter().any(Problem::is_error) {
            return Err(GetFormsError::Refused(read.problems));
        }
        if read.form.id != form.id {
            return Err(GetFormsError::WrongForm { expected: form.id.clone(), found: read.form.id.clone() });
        }
        let manifest = match &form.manifest_url {
            Some(url) => {
                let bytes = self.get(url, "manifest", MAX_FORM_LIST_BYTES)?;
                parse_manifest(&utf8(bytes).ok_or(GetFormsError::NotAFormList)?)?
            }
            None => Vec::new(),
        };
        // Media already here with the same hash are not fetched again.
        let mut known: HashMap<String, Vec<u8>> = HashMap::new();
        for bytes in store.media_of_every_version(&form.id)? {
            known.entry(md5_hash(&bytes)).or_insert(bytes);
        }
        let mut media = Vec::with_capacity(manifest.len());
        let (mut fetched, mut kept) = (0, 0);
        for (i, m) in manifest.iter().enumerate() {
            progress(i, manifest.len());
            let wanted = m.hash.trim().to_ascii_lowercase();
            if let Some(bytes) = known.get(&wanted) {
                media.push((m.name.clone(), bytes.clone()));
                kept += 1;
                continue;
            }
            let bytes = self.get(&m.download_url, &m.name, MAX_MEDIA_BYTES)?;
            if !m.hash.is_empty() && !same_hash(&m.hash, &bytes) {
                return Err(GetFormsError::HashMismatch { file: m.name.clone() });
            }
            media.push((m.name.clone(), bytes));
            fetched += 1;
        }
        progress(manifest.len(), manifest.len());
        let mut warnings: Vec<Problem> = read.problems;
        for name in &read.media {
            if !media.iter().any(|(n, _)| n == name) && crate::form::builtin_picture(name).is_none() {
                let text = crate::form::Message::new("form-problem-xform-media-missing").arg("file", name.as_str());
                warnings.push(Problem::new(crate::form::Severity::Warning, None, text));
            }
        }
        let hash = if form.hash.is_empty() { md5_hash(xml.as_bytes()) } else { form.hash.clone() };
        Ok(Fetched { form: read.form, media, hash, media_fetched: fetched, media_kept: kept, warnings })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_lists_and_manifests_as_central_writes_them() {
        let list = r#"<?xml version="1.0" encoding="UTF-8"?>
<xforms xmlns="http://openrosa.org/xforms/xformsList">
  <xform><formID>kids</formID><name>Kids &amp; us</name><version>3</version><hash>md5:0cc175b9c0f1b6a831c399e269772661</hash>
    <downloadUrl>https://c.example/v1/key/T/projects/1/forms/kids.xml</downloadUrl>
    <manifestUrl>https://c.example/v1/key/T/projects/1/forms/kids/manifest</manifestUrl></xform>
  <xform><formID>bare</formID><downloadUrl>https://c.example/bare.xml</downloadUrl></xform>
  <xform><name>no id</name></xform>
</xforms>"#;
        let forms = parse_form_list(list).unwrap();
        assert_eq!(forms.len(), 2);
        assert_eq!((forms[0].name.as_str(), forms[0].version.as_str()), ("Kids & us", "3"));
        assert_eq!(forms[0].manifest_url.as_deref(), Some("https://c.example/v1/key/T/projects/1/forms/kids/manifest"));
        assert_eq!(
            (forms[1].name.as_str(), forms[1].version.as_str(), forms[1].manifest_url.as_deref()),
            ("bare", "", None)
        );
        assert!(matches!(parse_form_list("<html>Log in to Wi-Fi</html>"), Err(GetFormsError::NotAFormList)));
        assert!(matches!(parse_form_list("not xml"), Err(GetFormsError::NotAFormList)));

        let manifest = r#"<manifest xmlns="http://openrosa.org/xforms/xformsManifest">
  <mediaFile><filename>sun.png</filename><hash>md5:abc</hash><downloadUrl>https://c.example/sun.png</downloadUrl></mediaFile>
  <mediaFile><filename>../../etc/passwd</filename><hash>md5:def</hash><downloadUrl>https://c.example/x</downloadUrl></mediaFile>
</manifest>"#;
        let files = parse_manifest(manifest).unwrap();
        assert_eq!(
            files[0],
            MediaFile {
                name: "sun.png".into(),
                hash: "md5:abc".into(),
                download_url: "https://c.example/sun.png".into()
            }
        );
        assert_eq!(files[1].name, "passwd");
    }

    #[test]
    fn hashes_are_openrosa_md5() {
        assert_eq!(md5_hash(b"a"), "md5:0cc175b9c0f1b6a831c399e269772661");
        assert!(same_hash("MD5:0CC175B9C0F1B6A831C399E269772661", b"a"));
        assert!(same_hash("0cc175b9c0f1b6a831c399e269772661", b"a"));
        assert!(!same_hash("md5:0cc175b9c0f1b6a831c399e269772661", b"b"));
    }
}
