//! Get forms against a real HTTP server on 127.0.0.1 that serves a form list, XForms, manifests
//! and media as ODK Central does (tests/common/openrosa_server.rs), with faults: a form or a
//! picture that does not arrive whole, a server that refuses, a dead address. Driven through
//! the real `cercle` binary, as a facilitator's script would.

mod common;
#[path = "common/openrosa_server.rs"]
mod openrosa_server;

use std::path::Path;

use cercle::store::Store;
use cercle::sync::{ServerSettings, SERVER_SETTING};
use common::{cercle, create_store, open_store};
use openrosa_server::{FakeServer, Faults, Flavour, KOBO_PASSWORD, KOBO_USER};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/getforms").join(name)).unwrap()
}

/// The pyxform XForm of tests/forms/getforms/children_voices.xlsx, at a given version.
fn xform(version: &str) -> Vec<u8> {
    String::from_utf8(fixture("children_voices.xml"))
        .unwrap()
        .replace("version=\"2026113001\"", &format!("version=\"{version}\""))
        .into_bytes()
}

fn media() -> Vec<(&'static str, Vec<u8>)> {
    ["sun.png", "cloud.png", "rain.png"]
        .into_iter()
        .map(|n| (n, fixture(&format!("children_voices-media/{n}"))))
        .collect()
}

fn publish(server: &FakeServer, version: &str, media: &[(&str, Vec<u8>)]) {
    let media: Vec<(&str, &[u8])> = media.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    server.publish("children_voices", version, &xform(version), &media);
}

fn tablet(server: &FakeServer, flavour: Flavour) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = create_store(dir.path());
    let settings = match flavour {
        Flavour::Central => ServerSettings::parse(&server.url(), None, None),
        _ => ServerSettings::parse(&server.url(), Some(KOBO_USER), Some(KOBO_PASSWORD)),
    }
    .unwrap();
    store.set_setting(SERVER_SETTING, Some(&settings.to_json())).unwrap();
    (dir, store)
}

fn state_of(out: &str, id: &str) -> String {
    out.lines()
        .find(|l| l.starts_with(id))
        .map(|l| l.split_whitespace().nth(2).unwrap_or("").to_string())
        .unwrap_or_default()
}

fn versions(dir: &Path) -> Vec<String> {
    let store = open_store(dir);
    let mut v: Vec<String> = ["2026113001", "2026120101", "2026120201"]
        .into_iter()
        .filter(|v| store.form_version("children_voices", v).is_ok())
        .map(String::from)
        .collect();
    v.sort();
    v
}

#[test]
fn a_form_and_its_media_download_and_its_updates_keep_older_versions_while_sessions_use_them() {
    for flavour in [Flavour::Central, Flavour::Kobo] {
        let server = FakeServer::start(flavour, Faults::default());
        publish(&server, "2026113001", &media());
        let (dir, store) = tablet(&server, flavour);
        drop(store);
        let (ok, out, err) = cercle(dir.path(), &["forms", "download"]);
        assert!(ok, "{out}{err}");
        assert_eq!(state_of(&out, "children_voices"), "new", "{out}");

        let (ok, out, err) = cercle(dir.path(), &["forms", "download", "--all"]);
        assert!(
            ok && out.contains("got children_voices version 2026113001 (3 media files fetched, 0 unchanged)"),
            "{out}{err}"
        );
        let store = open_store(dir.path());
        let mut media_here = store.media("children_voices", "2026113001").unwrap();
        media_here.sort();
        let mut want: Vec<(String, Vec<u8>)> = media().into_iter().map(|(n, b)| (n.to_string(), b)).collect();
        want.sort();
        assert_eq!(media_here, want, "every picture, byte for byte");
        let audit = store.audit_log().unwrap();
        assert!(audit.iter().any(|e| e.action == "form-download" && e.detail.contains("form=children_voices")));
        drop(store);
        let (_, out, _) = cercle(dir.path(), &["forms", "download"]);
        assert_eq!(state_of(&out, "children_voices"), "installed", "{out}");
        let (ok, out, _) = cercle(dir.path(), &["forms", "download", "--all"]);
        assert!(ok && out.contains("up to date"), "{out}");

        // Sessions on the first version, then an update with one new picture.
        let (ok, out, err) = cercle(dir.path(), &["simulate", "--form", "children_voices", "--sessions", "3"]);
        assert!(ok, "{out}{err}");
        let mut changed = media();
        changed[0].1 = fixture("children_voices-media/rain.png");
        publish(&server, "2026120101", &changed);
        let (_, out, _) = cercle(dir.path(), &["forms", "download"]);
        assert_eq!(state_of(&out, "children_voices"), "update", "{out}");
        let (ok, out, err) = cercle(dir.path(), &["forms", "download", "--form", "children_voices"]);
        assert!(
            ok && out.contains("(0 media files fetched, 3 unchanged)"),
            "a picture already here is not fetched again: {out}{err}"
        );
        assert_eq!(versions(dir.path()), ["2026113001", "2026120101"], "the first version stays: sessions use it");

        // A third version: the second, which no session uses, goes; the first stays.
        publish(&server, "2026120201", &media());
        let (ok, out, err) = cercle(dir.path(), &["forms", "download", "--all"]);
        assert!(ok && out.contains("1 older version no session used removed"), "{out}{err}");
        assert_eq!(versions(dir.path()), ["2026113001", "2026120201"]);
        let (ok, out, _) = cercle(dir.path(), &["forms", "list"]);
        assert!(ok && out.contains("2026120201"), "{out}");
    }
}

#[test]
fn nothing_changes_when_a_download_fails() {
    let server = FakeServer::start(Flavour::Central, Faults::default());
    publish(&server, "2026113001", &media());
    let (dir, store) = tablet(&server, Flavour::Central);
    drop(store);

    // A form or picture that does not arrive whole is refused; nothing is installed.
    server.set_faults(Faults { corrupt_downloads: true, ..Faults::default() });
    let (ok, out, _) = cercle(dir.path(), &["forms", "download", "--all"]);
    assert!(!ok && out.contains("did not arrive whole"), "{out}");
    assert!(versions(dir.path()).is_empty());
    // In French, for a French-speaking facilitator.
    let (_, out, _) = cercle(dir.path(), &["forms", "download", "--all", "--lang", "fr"]);
    assert!(out.contains("children_voices") && !out.contains("did not arrive whole"), "{out}");

    server.set_faults(Faults { refuse_downloads: true, ..Faults::default() });
    let (ok, out, _) = cercle(dir.path(), &["forms", "download", "--all"]);
    assert!(!ok && out.contains("503"), "{out}");
    assert!(versions(dir.path()).is_empty());

    // A Wi-Fi login page instead of the server.
    server.set_faults(Faults { captive_portal: true, ..Faults::default() });
    let (ok, out, err) = cercle(dir.path(), &["forms", "download"]);
    assert!(!ok && (out + &err).contains("not a list of forms"));

    // And then it works.
    server.set_faults(Faults::default());
    let (ok, out, err) = cercle(dir.path(), &["forms", "download", "--all"]);
    assert!(ok, "{out}{err}");
    assert_eq!(versions(dir.path()), ["2026113001"]);

    // A dead address.
    let address = server.url();
    server.stop();
    let (ok, out, err) = cercle(dir.path(), &["forms", "download"]);
    assert!(!ok && (out.clone() + &err).contains("server"), "{address}: {out}{err}");
}

#[test]
fn a_form_cercle_cannot_run_is_refused_by_name_and_not_installed() {
    let server = FakeServer::start(Flavour::Central, Faults::default());
    let xml = String::from_utf8(xform("1"))
        .unwrap()
        .replace("<bind nodeset=\"/data/ideas\" type=\"int\"", "<bind nodeset=\"/data/ideas\" type=\"geopoint\"");
    assert!(xml.contains("geopoint"), "the fixture's bind changed: update this test");
    server.publish("children_voices", "1", xml.as_bytes(), &[]);
    let (dir, store) = tablet(&server, Flavour::Central);
    drop(store);
    let (ok, out, _) = cercle(dir.path(), &["forms", "download", "--all"]);
    assert!(!ok && out.contains("locations can identify a child"), "{out}");
    let store = open_store(dir.path());
    assert!(store.form("children_voices").is_err());
}
