//! The OpenRosa transport: HEAD and multipart POST to a server, with the headers servers
//! require, Basic or Digest authentication, and network errors sorted into what they mean for
//! a retry. It knows nothing of the queue (ODK Collect's split of uploader and transport).

use std::io::ErrorKind;
use std::time::Duration;

use base64::Engine as _;
use ureq::Agent;

use super::server::{ServerKind, ServerSettings};
use crate::submission::Part;

/// How a request failed before any HTTP answer came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetError {
    /// No route, no DNS, connection refused: the device is offline or the address is wrong.
    NoConnection,
    /// The server took longer than the timeout (it may have stored the submission).
    Timeout,
    /// The connection broke during the request (it may have stored the submission).
    Reset,
    /// The secure connection could not be set up (a captive portal, a wrong certificate).
    Tls,
}

/// An HTTP answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    /// The answer carries `X-OpenRosa-Version`: it came from an OpenRosa server, not a Wi-Fi
    /// login page.
    pub openrosa: bool,
    /// `X-OpenRosa-Accept-Content-Length`: the largest submission the server takes.
    pub accept_length: Option<u64>,
    /// The `<message>` of an OpenRosaResponse, or the start of the body.
    pub message: String,
    /// The body (at most 256 KiB), for the form list.
    pub body: String,
}

pub struct OpenRosaClient {
    agent: Agent,
    server: ServerSettings,
    /// The last Digest challenge, answered on every later request (with a fresh count).
    digest: Option<digest_auth::WwwAuthenticateHeader>,
}

impl OpenRosaClient {
    pub fn new(server: &ServerSettings, timeout: Duration) -> OpenRosaClient {
        let agent: Agent = Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(timeout.min(Duration::from_secs(15))))
            .timeout_global(Some(timeout))
            // A captive portal answers with redirects: see them as they are.
            .max_redirects(0)
            .user_agent(concat!("Cercle/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        OpenRosaClient { agent, server: server.clone(), digest: None }
    }

    /// HEAD on the submission URL, as OpenRosa recommends before posting.
    pub fn head(&mut self) -> Result<Reply, NetError> {
        let url = self.server.submission_url();
        self.with_auth("HEAD", &url, |agent, auth| {
            let mut req = agent.head(&url).header("X-OpenRosa-Version", "1.0").header("Date", http_date());
            if let Some(a) = auth {
                req = req.header("Authorization", a);
            }
            req.call()
        })
    }

    /// GET the form list (used by the connection test to see that a form is on the server).
    pub fn form_list(&mut self) -> Result<Reply, NetError> {
        let url = self.server.form_list_url();
        self.with_auth("GET", &url, |agent, auth| {
            let mut req = agent.get(&url).header("X-OpenRosa-Version", "1.0").header("Date", http_date());
            if let Some(a) = auth {
                req = req.header("Authorization", a);
            }
            req.call()
        })
    }

    /// POST one submission's multipart/form-data body ([`multipart_body`]).
    pub fn post(&mut self, body: &[u8], boundary: &str) -> Result<Reply, NetError> {
        let url = self.server.submission_url();
        let content_type = format!("multipart/form-data; boundary={boundary}");
        self.with_auth("POST", &url, |agent, auth| {
            let mut req = agent
                .post(&url)
                .header("X-OpenRosa-Version", "1.0")
                .header("Date", http_date())
                .header("Content-Type", &content_type);
            if let Some(a) = auth {
                req = req.header("Authorization", a);
            }
            req.send(body)
        })
    }

    /// GET a form, its manifest or a media file: the status and at most `limit` bytes of the
    /// body (`None` when the body is longer).
    pub fn get_bytes(&mut self, url: &str, limit: u64) -> Result<(u16, Option<Vec<u8>>), NetError> {
        let response = self.authorised("GET", url, |agent, auth| {
            let mut req = agent.get(url).header("X-OpenRosa-Version", "1.0").header("Date", http_date());
            if let Some(a) = auth {
                req = req.header("Authorization", a);
            }
            req.call()
        })?;
        let status = response.status().as_u16();
        let mut body = response.into_body();
        match body.with_config().limit(limit).read_to_vec() {
            Ok(bytes) => Ok((status, Some(bytes))),
            Err(ureq::Error::BodyExceedsLimit(_)) => Ok((status, None)),
            Err(e) => Err(net_error(e)),
        }
    }

    /// Sends with the credentials the server wants (see [`OpenRosaClient::authorised`]).
    fn with_auth(
        &mut self,
        method: &'static str,
        url: &str,
        send: impl Fn(&Agent, Option<&str>) -> Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Reply, NetError> {
        let response = self.authorised(method, url, send)?;
        read_reply(Ok(response))
    }

    /// Sends with the credentials the server wants: Basic up front (https or loopback only,
    /// checked when the settings were made), Digest after the server's challenge.
    fn authorised(
        &mut self,
        method: &'static str,
        url: &str,
        send: impl Fn(&Agent, Option<&str>) -> Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<ureq::http::Response<ureq::Body>, NetError> {
        let credentials = match (&self.server.username, &self.server.password, self.server.kind) {
            (Some(u), Some(p), ServerKind::Kobo | ServerKind::OpenRosa) => Some((u.clone(), p.clone())),
            _ => None,
        };
        let auth = |digest: &mut Option<digest_auth::WwwAuthenticateHeader>| -> Option<String> {
            let (user, pass) = credentials.as_ref()?;
            match digest {
                Some(challenge) => {
                    let path =
                        url.find("://").and_then(|i| url[i + 3..].find('/').map(|j| &url[i + 3 + j..])).unwrap_or("/");
                    let ctx = digest_auth::AuthContext::new_with_method(
                        user.as_str(),
                        pass.as_str(),
                        path,
                        None::<&[u8]>,
                        digest_auth::HttpMethod(method.into()),
                    );
                    challenge.respond(&ctx).ok().map(|h| h.to_header_string())
                }
                None => {
                    let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
                    Some(format!("Basic {token}"))
                }
            }
        };
        let first = auth(&mut self.digest);
        let mut response = send(&self.agent, first.as_deref()).map_err(net_error)?;
        if response.status().as_u16() == 401 && credentials.is_some() {
            let challenge = response
                .headers()
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok())
                .filter(|c| c.trim_start().to_ascii_lowercase().starts_with("digest"))
                .and_then(|c| digest_auth::parse(c).ok());
            if let Some(parsed) = challenge {
                // A new challenge (or a stale nonce): answer it once. The 401's body is read
                // so the connection can be reused.
                let _ = response.body_mut().with_config().limit(64 * 1024).read_to_vec();
                self.digest = Some(parsed);
                let again = auth(&mut self.digest);
                response = send(&self.agent, again.as_deref()).map_err(net_error)?;
            }
        }
        Ok(response)
    }
}

fn read_reply(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Result<Reply, NetError> {
    let mut response = result.map_err(net_error)?;
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(String::from);
    let openrosa = header("x-openrosa-version").is_some();
    let accept_length = header("x-openrosa-accept-content-length").and_then(|v| v.trim().parse().ok());
    let status = response.status().as_u16();
    // The body is read whole so the connection can be reused; a broken body after the status
    // still counts as the status (the server has answered).
    let body = response.body_mut().with_config().limit(256 * 1024).read_to_string().unwrap_or_default();
    Ok(Reply { status, openrosa, accept_length, message: response_message(&body), body })
}

/// The text of an OpenRosaResponse's `<message>`, else the body's first line (short).
fn response_message(body: &str) -> String {
    let message = body
        .find("<message")
        .and_then(|i| body[i..].find('>').map(|j| i + j + 1))
        .and_then(|start| body[start..].find("</message>").map(|end| &body[start..start + end]));
    let text = message.unwrap_or_else(|| body.lines().next().unwrap_or(""));
    let text = quick_xml::escape::unescape(text).map(|c| c.into_owned()).unwrap_or_else(|_| text.to_string());
    text.chars().take(200).collect::<String>().trim().to_string()
}

fn net_error(e: ureq::Error) -> NetError {
    match e {
        ureq::Error::Timeout(_) => NetError::Timeout,
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => NetError::NoConnection,
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::TlsRequired => NetError::Tls,
        ureq::Error::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused
            | ErrorKind::NotConnected
            | ErrorKind::AddrNotAvailable
            | ErrorKind::HostUnreachable
            | ErrorKind::NetworkUnreachable
            | ErrorKind::NetworkDown => NetError::NoConnection,
            ErrorKind::TimedOut | ErrorKind::WouldBlock => NetError::Timeout,
            _ => NetError::Reset,
        },
        _ => NetError::Reset,
    }
}

/// The `formID`s of an OpenRosa form list.
pub fn form_ids_in(form_list: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = form_list;
    while let Some(i) = rest.find("<formID>") {
        rest = &rest[i + "<formID>".len()..];
        if let Some(end) = rest.find("</formID>") {
            ids.push(rest[..end].trim().to_string());
            rest = &rest[end..];
        }
    }
    ids
}

/// The HTTP `Date` header (RFC 7231), which OpenRosa asks for.
fn http_date() -> String {
    chrono::Utc::now().format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// A multipart/form-data body. The boundary is derived from the instanceID by the caller, so a
/// retry sends byte-identical requests too.
pub fn multipart_body(parts: &[Part], boundary: &str) -> Vec<u8> {
    let mut body = Vec::with_capacity(parts.iter().map(|p| p.bytes.len() + 200).sum());
    for p in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        body.extend_from_slice(
            format!(
                "Content-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                p.name, p.file_name, p.content_type
            )
            .as_bytes(),
        );
        body.extend_from_slice(&p.bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    body
}

/// A boundary that cannot occur in the parts (checked), fixed for a given instanceID.
pub fn boundary_for(instance_id: &str, parts: &[Part]) -> String {
    use md5::{Digest, Md5};
    let mut seed = format!("{:x}", Md5::digest(instance_id.as_bytes()));
    loop {
        let boundary = format!("cercle-{seed}");
        let needle = boundary.as_bytes();
        if !parts.iter().any(|p| p.bytes.windows(needle.len()).any(|w| w == needle)) {
            return boundary;
        }
        seed = format!("{:x}", Md5::digest(seed.as_bytes()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_is_the_same_on_every_retry_and_the_boundary_never_occurs_in_it() {
        let parts = vec![Part::xml(b"<data><meta><instanceID>uuid:1</instanceID></meta></data>".to_vec())];
        let b = boundary_for("uuid:1", &parts);
        assert_eq!(b, boundary_for("uuid:1", &parts));
        assert_eq!(multipart_body(&parts, &b), multipart_body(&parts, &b));
        let tricky = vec![Part::xml(format!("<x>{b}</x>").into_bytes())];
        assert_ne!(boundary_for("uuid:1", &tricky), b);
    }

    #[test]
    fn an_openrosa_message_is_read_from_the_response() {
        let body = "<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\"><message nature=\"error\">A submission already exists with this ID, but with different XML &amp; more</message></OpenRosaResponse>";
        assert_eq!(response_message(body), "A submission already exists with this ID, but with different XML & more");
        assert_eq!(response_message("<html>Log in to Wi-Fi</html>\nmore"), "<html>Log in to Wi-Fi</html>");
    }
}
