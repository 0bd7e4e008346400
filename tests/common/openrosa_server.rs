//! A fake OpenRosa server (ODK Central, KoboToolbox or Digest-authenticated flavour) that injects
//! faults, for the sync tests and the upload benchmark. Standard library only (plus md-5, already a
//! dependency of Cercle, for Digest), so tests and benches can include it with `#[path]`. It answers as docs/openrosa.md's table says the real servers
//! do (201/202/409/423/400/401/413), and can drop, stall or delay answers deterministically (seeded)
//! so a client's retry logic can be checked for exactly-once delivery.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use md5::Digest as _;

/// Central app-user token. Real tokens use `$` and `!`, which a client must keep intact in its URLs
/// (the server accepts them raw or percent-encoded).
pub const CENTRAL_TOKEN: &str = "Ab$c!9xYz";
pub const KOBO_USER: &str = "kobo";
/// Has a space, so a client that builds the Basic header by hand is tested too.
pub const KOBO_PASSWORD: &str = "s3cret pass";
/// Advertised in X-OpenRosa-Accept-Content-Length when `Faults::max_body` is None (10 MiB, as Central).
pub const DEFAULT_MAX_BODY: usize = 10_485_760;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    Central,
    Kobo,
    /// A plain OpenRosa server under `/digest/` that asks for HTTP Digest authentication
    /// (RFC 7616 with qop=auth, MD5), user KOBO_USER / KOBO_PASSWORD; otherwise as Central.
    Digest,
}

/// What goes wrong, per POST. The probabilities are cumulative over one roll in [0, 1), in the
/// order listed, so each fault happens with exactly its own probability (keep their sum <= 1).
#[derive(Clone, Default, Debug)]
pub struct Faults {
    pub error_500: f64,          // answer 500 without storing
    pub locked_423: f64,         // answer 423 without storing (Kobo "being processed")
    pub reset_before_store: f64, // read the request, then close the socket with no answer (nothing stored)
    pub reset_after_store: f64,  // store the submission, then close with no answer
    pub stall_after_store: f64,  // store, then sleep `stall` before answering (client times out)
    pub slow: f64,               // sleep `slow_delay` then answer normally
    pub stall: Duration,
    pub slow_delay: Duration,
    pub max_body: Option<usize>, // 413 when the request body is larger
    pub captive_portal: bool,    // answer 200 text/html "<html>Log in to Wi-Fi</html>" to everything
    pub corrupt_downloads: bool, // forms and media arrive with one byte changed (their md5 no longer matches)
    pub refuse_downloads: bool,  // GET of a form or a media file: 503
    pub seed: u64,               // deterministic faults (xorshift64)
}

/// One request as the server saw it. `status` is None when the server closed without answering.
#[derive(Clone, Debug)]
pub struct RequestLog {
    pub method: String,
    /// The raw request target, as sent (not percent-decoded).
    pub path: String,
    pub status: Option<u16>,
    pub headers: Vec<(String, String)>, // names lowercased
}

impl RequestLog {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

struct Record {
    xml: Vec<u8>,
    parts: Vec<(String, Vec<u8>)>,
}

/// A form on the server's form list, with its media.
#[derive(Clone)]
struct Published {
    id: String,
    version: String,
    xml: Vec<u8>,
    media: Vec<(String, Vec<u8>)>,
}

struct State {
    faults: Faults,
    forms: Vec<Published>,
    rng: u64,
    records: BTreeMap<String, Vec<Record>>,
    posts: usize,
    log: Vec<RequestLog>,
    conns: HashMap<u64, TcpStream>, // open connections, shut down on stop so their threads end
    next_conn: u64,
}

impl State {
    /// xorshift64: a uniform number in [0, 1).
    fn roll(&mut self) -> f64 {
        let mut x = self.rng;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.rng = x;
        (x >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn seed_rng(seed: u64) -> u64 {
    // xorshift must not start at 0
    if seed == 0 {
        0x9E37_79B9_7F4A_7C15
    } else {
        seed
    }
}

struct Shared {
    flavour: Flavour,
    stopped: AtomicBool,
    state: Mutex<State>,
}

impl Shared {
    /// A panicking test thread must not make every later call panic too.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub struct FakeServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
    acceptor: Option<JoinHandle<()>>,
}

impl FakeServer {
    /// Binds 127.0.0.1 on a free port and serves each connection on its own thread.
    pub fn start(flavour: Flavour, faults: Faults) -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let state = State {
            rng: seed_rng(faults.seed),
            faults,
            forms: Vec::new(),
            records: BTreeMap::new(),
            posts: 0,
            log: Vec::new(),
            conns: HashMap::new(),
            next_conn: 0,
        };
        let shared = Arc::new(Shared { flavour, stopped: AtomicBool::new(false), state: Mutex::new(state) });
        let sh = shared.clone();
        let acceptor = thread::spawn(move || accept_loop(listener, sh));
        FakeServer { shared, addr, acceptor: Some(acceptor) }
    }

    /// The base URL a client is configured with (Kobo clients post to `{url}submission`).
    pub fn url(&self) -> String {
        match self.shared.flavour {
            Flavour::Central => format!("http://{}/v1/key/{}/projects/1/", self.addr, CENTRAL_TOKEN),
            Flavour::Kobo => format!("http://{}/", self.addr),
            Flavour::Digest => format!("http://{}/digest/", self.addr),
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Replaces the faults and restarts the random sequence from their seed.
    /// Puts a form (and its media) on the form list, replacing one with the same id.
    pub fn publish(&self, id: &str, version: &str, xml: &[u8], media: &[(&str, &[u8])]) {
        let mut st = self.shared.lock();
        st.forms.retain(|f| f.id != id);
        st.forms.push(Published {
            id: id.to_string(),
            version: version.to_string(),
            xml: xml.to_vec(),
            media: media.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect(),
        });
    }

    pub fn set_faults(&self, faults: Faults) {
        let mut st = self.shared.lock();
        st.rng = seed_rng(faults.seed);
        st.faults = faults;
    }

    /// instanceID -> each distinct stored xml_submission_file. A conflicting resend is answered 409
    /// and not stored, so each Vec has length 1; a client that re-sends under a new instanceID
    /// shows up as extra keys instead.
    pub fn stored(&self) -> BTreeMap<String, Vec<Vec<u8>>> {
        let st = self.shared.lock();
        st.records.iter().map(|(id, recs)| (id.clone(), recs.iter().map(|r| r.xml.clone()).collect())).collect()
    }

    /// Every part (name, bytes) of the stored record, the XML included. Attachments sent in later
    /// POSTs with the identical XML (a split submission) are merged in, as Central and Kobo do.
    pub fn parts(&self, instance_id: &str) -> Vec<(String, Vec<u8>)> {
        let st = self.shared.lock();
        st.records.get(instance_id).and_then(|recs| recs.first()).map(|r| r.parts.clone()).unwrap_or_default()
    }

    /// POST requests received, whatever was answered.
    pub fn posts(&self) -> usize {
        self.shared.lock().posts
    }

    pub fn requests(&self) -> Vec<RequestLog> {
        self.shared.lock().log.clone()
    }

    pub fn stop(mut self) {
        self.shutdown();
    }

    /// Closes the listener and every open connection. Threads sleeping in a stall are not waited
    /// for: they wake, fail to write to the closed socket, and end on their own.
    fn shutdown(&mut self) {
        let Some(acceptor) = self.acceptor.take() else { return };
        self.shared.stopped.store(true, Ordering::SeqCst);
        // accept() blocks; a connection of our own wakes it so it sees the flag.
        if TcpStream::connect_timeout(&self.addr, Duration::from_secs(1)).is_ok() {
            let _ = acceptor.join();
        }
        for (_, conn) in self.shared.lock().conns.drain() {
            let _ = conn.shutdown(Shutdown::Both);
        }
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn accept_loop(listener: TcpListener, sh: Arc<Shared>) {
    for conn in listener.incoming() {
        if sh.stopped.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = conn else {
            thread::sleep(Duration::from_millis(10)); // e.g. out of file descriptors: don't spin
            continue;
        };
        let id = {
            let mut st = sh.lock();
            st.next_conn += 1;
            if let Ok(clone) = stream.try_clone() {
                let id = st.next_conn;
                st.conns.insert(id, clone);
            }
            st.next_conn
        };
        let sh2 = sh.clone();
        let _ = thread::Builder::new().name("fake-openrosa-conn".into()).spawn(move || {
            serve(stream, &sh2);
            sh2.lock().conns.remove(&id);
        });
    }
}

struct Request {
    method: String,
    target: String,
    path: String, // percent-decoded, without the query
    http10: bool,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

struct Reply {
    status: u16,
    ctype: &'static str,
    body: Vec<u8>,
    extra: Vec<(&'static str, String)>,
    portal: bool, // a captive portal sends no OpenRosa headers
}

enum Answer {
    Reply(Reply),
    Reset, // close the socket without a byte
}

/// One connection: requests in turn (keep-alive) until the client closes or asks to.
fn serve(stream: TcpStream, sh: &Shared) {
    let _ = stream.set_nodelay(true); // each answer is one write; don't let Nagle delay it
    let Ok(mut out) = stream.try_clone() else { return };
    let mut reader = BufReader::new(stream);
    loop {
        let req = match read_request(&mut reader, &mut out) {
            Ok(Some(req)) => req,
            Ok(None) => break,
            Err(e) => {
                if e.kind() == io::ErrorKind::InvalidData {
                    let r = msg(400, "Malformed HTTP request");
                    let _ = write_reply(&mut out, false, &r, true, DEFAULT_MAX_BODY);
                }
                break;
            }
        };
        let conn_hdr = req.header("connection").unwrap_or("").to_ascii_lowercase();
        let close = conn_hdr.contains("close") || (req.http10 && !conn_hdr.contains("keep-alive"));
        match handle(sh, &req) {
            Answer::Reset => break, // dropping both halves closes the socket unanswered
            Answer::Reply(r) => {
                let max = sh.lock().faults.max_body.unwrap_or(DEFAULT_MAX_BODY);
                let stop = close || sh.stopped.load(Ordering::SeqCst);
                if write_reply(&mut out, req.method == "HEAD", &r, stop, max).is_err() || stop {
                    break;
                }
            }
        }
    }
    let _ = out.shutdown(Shutdown::Both);
}

/// Reads a request head and its body (Content-Length or chunked). Ok(None) at a clean end of stream.
fn read_request(r: &mut BufReader<TcpStream>, out: &mut TcpStream) -> io::Result<Option<Request>> {
    let bad = |m: &str| io::Error::new(io::ErrorKind::InvalidData, m.to_string());
    let mut line = String::new();
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        if !line.trim().is_empty() {
            break; // blank lines before a request are allowed
        }
    }
    let mut words = line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (words.next(), words.next(), words.next()) else {
        return Err(bad("bad request line"));
    };
    let (method, target, http10) = (method.to_string(), target.to_string(), version == "HTTP/1.0");
    let mut headers = Vec::new();
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let l = line.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            break;
        }
        let (name, value) = l.split_once(':').ok_or_else(|| bad("bad header"))?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        if headers.len() > 200 {
            return Err(bad("too many headers"));
        }
    }
    let mut req = Request { method, path: decode_path(&target), target, http10, headers, body: Vec::new() };
    if req.header("expect").is_some_and(|v| v.eq_ignore_ascii_case("100-continue")) {
        out.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?; // curl asks this for big uploads
    }
    if req.header("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
        req.body = read_chunked(r)?;
    } else if let Some(len) = req.header("content-length") {
        let len: usize = len.parse().map_err(|_| bad("bad content-length"))?;
        req.body = vec![0; len];
        r.read_exact(&mut req.body)?;
    }
    Ok(Some(req))
}

fn read_chunked(r: &mut BufReader<TcpStream>) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let size = line.split(';').next().unwrap_or("").trim(); // drop chunk extensions
        let size = usize::from_str_radix(size, 16).map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "chunk"))?;
        if size == 0 {
            loop {
                // trailers, up to the empty line
                line.clear();
                if r.read_line(&mut line)? == 0 || line.trim().is_empty() {
                    return Ok(body);
                }
            }
        }
        let start = body.len();
        body.resize(start + size, 0);
        r.read_exact(&mut body[start..])?;
        let mut crlf = [0u8; 2];
        r.read_exact(&mut crlf)?;
    }
}

fn decode_path(target: &str) -> String {
    let mut rest = target.split('?').next().unwrap_or("").as_bytes();
    let mut out = Vec::with_capacity(rest.len());
    while let Some((&c, tail)) = rest.split_first() {
        let hex = tail.get(..2).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        let (byte, skip) = match hex {
            Some(b) if c == b'%' => (b, 2),
            _ => (c, 0),
        };
        out.push(byte);
        rest = &tail[skip..];
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn write_reply(out: &mut TcpStream, head_only: bool, r: &Reply, close: bool, max: usize) -> io::Result<()> {
    let mut h = format!("HTTP/1.1 {} {}\r\n", r.status, reason(r.status));
    if !r.portal {
        h.push_str(&format!("X-OpenRosa-Version: 1.0\r\nX-OpenRosa-Accept-Content-Length: {max}\r\n"));
    }
    for (name, value) in &r.extra {
        h.push_str(&format!("{name}: {value}\r\n"));
    }
    if r.status != 204 {
        h.push_str(&format!("Content-Type: {}\r\nContent-Length: {}\r\n", r.ctype, r.body.len()));
    }
    if close {
        h.push_str("Connection: close\r\n");
    }
    h.push_str("\r\n");
    let mut bytes = h.into_bytes();
    if !head_only && r.status != 204 {
        bytes.extend_from_slice(&r.body);
    }
    out.write_all(&bytes)?;
    out.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        423 => "Locked",
        500 => "Internal Server Error",
        _ => "Unknown",
    }
}

const XML: &str = "text/xml; charset=utf-8";

fn reply(status: u16, ctype: &'static str, body: &str) -> Reply {
    Reply { status, ctype, body: body.as_bytes().to_vec(), extra: Vec::new(), portal: false }
}

/// An OpenRosaResponse with a message, the form both servers use for answers to submissions.
fn msg(status: u16, text: &str) -> Reply {
    let text = text.replace('&', "&amp;").replace('<', "&lt;");
    let body = format!(
        "<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\"><message nature=\"\">{text}</message></OpenRosaResponse>"
    );
    reply(status, XML, &body)
}

/// Answers one request (faults included) and logs it.
fn handle(sh: &Shared, req: &Request) -> Answer {
    if req.method == "POST" {
        sh.lock().posts += 1;
    }
    let (answer, stall) = route(sh, req);
    let status = match &answer {
        Answer::Reply(r) => Some(r.status),
        Answer::Reset => None,
    };
    let entry =
        RequestLog { method: req.method.clone(), path: req.target.clone(), status, headers: req.headers.clone() };
    sh.lock().log.push(entry);
    if !stall.is_zero() {
        thread::sleep(stall); // on this connection's thread only; no lock held
    }
    answer
}

/// Returns the answer and how long to stall before sending it.
fn route(sh: &Shared, req: &Request) -> (Answer, Duration) {
    let now = |r: Reply| (Answer::Reply(r), Duration::ZERO);
    let faults = sh.lock().faults.clone();
    if faults.captive_portal {
        return now(Reply { portal: true, ..reply(200, "text/html", "<html>Log in to Wi-Fi</html>") });
    }
    if req.header("x-openrosa-version") != Some("1.0") {
        return now(msg(400, "Required header X-OpenRosa-Version: 1.0 is missing"));
    }
    let rest = match sh.flavour {
        Flavour::Central => {
            let basic = req.header("authorization").is_some_and(|a| a.to_ascii_lowercase().starts_with("basic "));
            if basic {
                return now(msg(401, "HTTP Basic authentication is only allowed over HTTPS"));
            }
            let Some(after) = req.path.strip_prefix("/v1/key/") else { return now(msg(404, "Not found")) };
            let (token, rest) = after.split_once('/').unwrap_or((after, ""));
            if token != CENTRAL_TOKEN {
                return now(msg(401, "Could not authenticate with the provided credentials"));
            }
            let Some(rest) = rest.strip_prefix("projects/1/") else { return now(msg(404, "Not found")) };
            rest
        }
        Flavour::Kobo => {
            if !kobo_auth_ok(req) {
                let mut r = msg(401, "Invalid username/password");
                r.extra.push(("WWW-Authenticate", "Basic realm=\"kobo\"".to_string()));
                return now(r);
            }
            let p = req.path.trim_start_matches('/');
            p.strip_prefix(&format!("{KOBO_USER}/")).unwrap_or(p) // {kc}/{username}/submission
        }
        Flavour::Digest => {
            if !digest_auth_ok(req) {
                let mut r = msg(401, "Digest authentication required");
                r.extra.push((
                    "WWW-Authenticate",
                    format!("Digest realm=\"{DIGEST_REALM}\", qop=\"auth\", nonce=\"{DIGEST_NONCE}\", algorithm=MD5"),
                ));
                return now(r);
            }
            let Some(rest) = req.path.strip_prefix("/digest/") else { return now(msg(404, "Not found")) };
            rest
        }
    };
    // Absolute URLs, as Central writes them in the form list and manifests.
    let prefix_end = ["/formList", "/forms/", "/submission"].iter().find_map(|p| req.target.find(p)).unwrap_or(0);
    let base = format!("http://{}{}/", req.header("host").unwrap_or("127.0.0.1"), &req.target[..prefix_end]);
    let forms = sh.lock().forms.clone();
    let corrupt = |mut bytes: Vec<u8>| {
        if faults.corrupt_downloads {
            if let Some(b) = bytes.last_mut() {
                *b ^= 0x20;
            }
        }
        bytes
    };
    if req.method == "GET" {
        if let Some(file) = rest.strip_prefix("forms/") {
            if faults.refuse_downloads {
                return now(msg(503, "Service unavailable"));
            }
            for f in &forms {
                if file == format!("{}.xml", f.id) {
                    return now(Reply { body: corrupt(f.xml.clone()), ..reply(200, XML, "") });
                }
                if file == format!("{}/manifest", f.id) {
                    let mut body = String::from("<manifest xmlns=\"http://openrosa.org/xforms/xformsManifest\">");
                    for (name, bytes) in &f.media {
                        body.push_str(&format!(
                            "<mediaFile><filename>{name}</filename><hash>md5:{:x}</hash><downloadUrl>{base}forms/{}/media/{name}</downloadUrl></mediaFile>",
                            md5::Md5::digest(bytes), f.id
                        ));
                    }
                    body.push_str("</manifest>");
                    return now(reply(200, XML, &body));
                }
                if let Some(name) = file.strip_prefix(&format!("{}/media/", f.id)) {
                    if let Some((_, bytes)) = f.media.iter().find(|(n, _)| n == name) {
                        return now(Reply {
                            body: corrupt(bytes.clone()),
                            ..reply(200, "application/octet-stream", "")
                        });
                    }
                }
            }
            return now(msg(404, "Not found"));
        }
    }
    match (req.method.as_str(), rest) {
        ("HEAD", "submission") => now(reply(204, XML, "")),
        ("GET" | "HEAD", "formList") => {
            let mut body = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xforms xmlns=\"http://openrosa.org/xforms/xformsList\">\n",
            );
            for f in &forms {
                body.push_str(&format!(
                    "<xform><formID>{}</formID><name>{} form</name><version>{}</version><hash>md5:{:x}</hash><downloadUrl>{base}forms/{}.xml</downloadUrl>{}</xform>\n",
                    f.id,
                    f.id,
                    f.version,
                    md5::Md5::digest(&f.xml),
                    f.id,
                    if f.media.is_empty() { String::new() } else { format!("<manifestUrl>{base}forms/{}/manifest</manifestUrl>", f.id) }
                ));
            }
            body.push_str("</xforms>\n");
            now(reply(200, XML, &body))
        }
        ("POST", "submission") => submit(sh, req, &faults),
        (_, "submission" | "formList") => now(msg(405, "Method not allowed")),
        _ => now(msg(404, "Not found")),
    }
}

const DIGEST_REALM: &str = "openrosa";
const DIGEST_NONCE: &str = "5f2a9c0d1e";

/// Checks an `Authorization: Digest` header against the one user (qop=auth, MD5).
fn digest_auth_ok(req: &Request) -> bool {
    use md5::{Digest, Md5};
    let Some(value) = req.header("authorization") else { return false };
    let Some(params) = value.strip_prefix("Digest ") else { return false };
    let mut fields = std::collections::HashMap::new();
    for part in params.split(',') {
        if let Some((k, v)) = part.trim().split_once('=') {
            fields.insert(k.trim().to_string(), v.trim().trim_matches('"').to_string());
        }
    }
    let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let hex = |s: String| format!("{:x}", Md5::digest(s.as_bytes()));
    let ha1 = hex(format!("{KOBO_USER}:{DIGEST_REALM}:{KOBO_PASSWORD}"));
    let ha2 = hex(format!("{}:{}", req.method, get("uri")));
    let expected = hex(format!("{ha1}:{}:{}:{}:{}:{ha2}", get("nonce"), get("nc"), get("cnonce"), get("qop")));
    get("username") == KOBO_USER
        && get("nonce") == DIGEST_NONCE
        && get("uri") == req.path
        && get("response") == expected
}

fn kobo_auth_ok(req: &Request) -> bool {
    let expected = base64(format!("{KOBO_USER}:{KOBO_PASSWORD}").as_bytes());
    let Some(value) = req.header("authorization") else { return false };
    let (scheme, cred) = value.split_once(' ').unwrap_or((value, ""));
    scheme.eq_ignore_ascii_case("basic") && cred.trim() == expected
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in data.chunks(3) {
        let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            out.push(if i <= c.len() { T[(n >> (18 - 6 * i)) as usize & 63] as char } else { '=' });
        }
    }
    out
}

/// The 413 check, then one roll of the dice for the faults, then the real work.
fn submit(sh: &Shared, req: &Request, f: &Faults) -> (Answer, Duration) {
    let now = |r: Reply| (Answer::Reply(r), Duration::ZERO);
    if req.body.len() > f.max_body.unwrap_or(DEFAULT_MAX_BODY) {
        return now(msg(413, "Request Entity Too Large"));
    }
    let roll = sh.lock().roll();
    let mut edge = 0.0;
    let mut hit = |p: f64| {
        edge += p;
        roll < edge
    };
    if hit(f.error_500) {
        return now(msg(500, "Internal Server Error"));
    }
    if hit(f.locked_423) {
        return now(msg(423, "Submission is being processed, please retry later"));
    }
    if hit(f.reset_before_store) {
        return (Answer::Reset, Duration::ZERO);
    }
    let reset_after = hit(f.reset_after_store);
    let stall = hit(f.stall_after_store);
    if hit(f.slow) {
        thread::sleep(f.slow_delay);
    }
    let answer = store(sh, req);
    if reset_after {
        (Answer::Reset, Duration::ZERO)
    } else {
        (Answer::Reply(answer), if stall { f.stall } else { Duration::ZERO })
    }
}

/// Parses the multipart body and stores it: 201 new, identical retry 201 (Central) or 202 (Kobo),
/// different XML under a known instanceID 409 (not stored).
fn store(sh: &Shared, req: &Request) -> Reply {
    let Some(boundary) = boundary(req.header("content-type").unwrap_or("")) else {
        return msg(400, "Expected multipart/form-data with a boundary");
    };
    let Some(parts) = parse_multipart(&req.body, &boundary) else {
        return msg(400, "Malformed multipart body");
    };
    let xmls: Vec<&Vec<u8>> = parts.iter().filter(|(n, _)| n == "xml_submission_file").map(|(_, b)| b).collect();
    if xmls.len() != 1 {
        return msg(400, "Exactly one xml_submission_file part is required");
    }
    let xml = xmls[0].clone();
    let Some(id) = instance_id(&xml) else { return msg(400, "Instance ID is required") };
    let mut st = sh.lock();
    let recs = st.records.entry(id.clone()).or_default();
    if let Some(rec) = recs.iter_mut().find(|r| r.xml == xml) {
        for (name, bytes) in parts {
            if !rec.parts.iter().any(|(n, _)| *n == name) {
                rec.parts.push((name, bytes)); // the next slice of a split submission
            }
        }
        return match sh.flavour {
            Flavour::Central | Flavour::Digest => msg(201, "full submission upload was successful!"),
            Flavour::Kobo => msg(202, "Duplicate submission"),
        };
    }
    if !recs.is_empty() {
        return msg(409, &format!("A submission already exists with instanceID {id}, with different content"));
    }
    recs.push(Record { xml, parts });
    msg(201, "full submission upload was successful!")
}

fn boundary(ctype: &str) -> Option<String> {
    let mut params = ctype.split(';');
    if !params.next()?.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    for p in params {
        if let Some((k, v)) = p.split_once('=') {
            let v = v.trim().trim_matches('"');
            if k.trim().eq_ignore_ascii_case("boundary") && !v.is_empty() {
                return Some(v.to_string());
            }
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    hay[from..].windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

/// (name, bytes) of each part; binary-safe (parts end only at CRLF--boundary).
fn parse_multipart(body: &[u8], boundary: &str) -> Option<Vec<(String, Vec<u8>)>> {
    let delim = format!("--{boundary}").into_bytes();
    let next_delim = [b"\r\n".as_slice(), &delim].concat();
    let mut pos = find(body, &delim, 0)? + delim.len(); // anything before is preamble
    let mut parts = Vec::new();
    loop {
        if body[pos..].starts_with(b"--") {
            return Some(parts); // the close delimiter
        }
        let start = find(body, b"\r\n", pos)? + 2; // skips padding after the delimiter
        let end = find(body, &next_delim, start)?;
        let part = &body[start..end];
        let (head, content) = if part.starts_with(b"\r\n") {
            (&part[..0], &part[2..]) // a part with no headers
        } else {
            let h = find(part, b"\r\n\r\n", 0)?;
            (&part[..h], &part[h + 4..])
        };
        parts.push((part_name(&String::from_utf8_lossy(head)), content.to_vec()));
        pos = end + next_delim.len();
    }
}

/// The `name` parameter of Content-Disposition (not `filename`).
fn part_name(head: &str) -> String {
    for line in head.split("\r\n") {
        let Some((k, v)) = line.split_once(':') else { continue };
        if k.trim().eq_ignore_ascii_case("content-disposition") {
            for p in v.split(';').skip(1) {
                if let Some((k, v)) = p.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("name") {
                        return v.trim().trim_matches('"').to_string();
                    }
                }
            }
        }
    }
    String::new()
}

/// The text of the first element whose local name is instanceID (`<instanceID>`, `<orx:instanceID>`).
fn instance_id(xml: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(xml);
    let mut rest: &str = &text;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find(|c: char| c == '>' || c == '/' || c.is_whitespace()).unwrap_or(rest.len());
        let name = &rest[..end];
        if name.rsplit(':').next() == Some("instanceID") {
            let gt = rest.find('>')?;
            if rest[..gt].ends_with('/') {
                return None; // <instanceID/>
            }
            let content = &rest[gt + 1..];
            let value = content[..content.find('<').unwrap_or(content.len())].trim();
            return if value.is_empty() { None } else { Some(value.to_string()) };
        }
    }
    None
}
