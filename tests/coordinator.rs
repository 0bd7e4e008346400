//! A coordinator's day through the real `cercle` binary: two tablets' data folders transfer to
//! a third, which exports (CSV, XLSX, JSON; codes and labels, Arabic included) and writes the
//! report in four languages, rendered by headless Chromium. Every output is read back and
//! checked for what disclosure control promises (C11): each released combination of
//! quasi-identifiers occurs at least k times, nothing suppressed comes back through another
//! column, no shown report count is below the threshold.

mod common;

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::create_store;

const TRANSFER_PASS: &str = "coordinator keys 2026";

fn run(data: &Path, args: &[&str]) -> (bool, String, String) {
    common::run_cercle(data, args, TRANSFER_PASS)
}

fn ok(data: &Path, args: &[&str]) -> String {
    let (success, out, err) = run(data, args);
    assert!(success, "{args:?}: {out}{err}");
    out
}

fn tablet(dir: &Path, site: &str, forms: &[(&str, usize, u64)]) {
    let mut store = create_store(dir);
    for (form, n, seed) in forms {
        cercle::simulate::run(&mut store, form, *n, *seed).unwrap();
    }
    drop(store);
    ok(dir, &["site", "set", "site_name", site]);
}

/// Three data folders: two tablets transferred to the coordinator's.
fn coordinator() -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let keys = root.path().join("keys");
    let (a, b, c) = (root.path().join("a"), root.path().join("b"), root.path().join("c"));
    ok(&root.path().join("none"), &["transfer", "keygen", "--out", keys.to_str().unwrap()]);
    let public = keys.join("coordinator.pub");
    tablet(&a, "École Nord", &[("cercle_participation", 140, 1), ("cercle_advisory_feedback", 30, 2)]);
    tablet(&b, "مركز الجنوب", &[("cercle_participation", 110, 3), ("cercle_advisory_feedback", 30, 4)]);
    create_store(&c);
    for (tablet, file) in [(&a, "a.cercle"), (&b, "b.cercle")] {
        let file = root.path().join(file);
        ok(tablet, &["transfer", "export", "--to", public.to_str().unwrap(), "--out", file.to_str().unwrap()]);
        let out = ok(
            &c,
            &["transfer", "import", "--key", keys.join("coordinator.key").to_str().unwrap(), file.to_str().unwrap()],
        );
        assert!(out.contains("new"), "{out}");
    }
    (root, c)
}

fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "UTF-8 with a BOM, so that Excel shows Arabic");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    (header, rows)
}

/// Each released combination of `qis` occurs at least `k` times.
fn assert_k_anonymous(header: &[String], rows: &[Vec<String>], qis: &[&str], k: usize) {
    let at: Vec<usize> = qis.iter().map(|q| header.iter().position(|h| h == q).unwrap()).collect();
    let mut counts: HashMap<Vec<&str>, usize> = HashMap::new();
    for row in rows {
        *counts.entry(at.iter().map(|&c| row[c].as_str()).collect()).or_default() += 1;
    }
    for (combination, n) in counts {
        assert!(n >= k, "{combination:?} occurs {n} times, fewer than {k}");
    }
}

/// The participation form's age-banded rows: (row, its bands).
fn banded_rows() -> Vec<(String, Vec<&'static str>)> {
    let form = cercle::form::builtin_forms().into_iter().find(|f| f.id == "cercle_participation").unwrap();
    form.leaves()
        .iter()
        .filter(|l| !l.node.age_bands.is_empty())
        .map(|l| (l.node.name.clone(), l.node.age_bands.iter().map(|b| b.code()).collect()))
        .collect()
}

#[test]
fn two_tablets_merge_and_every_export_is_k_anonymous_and_readable() {
    let (root, c) = coordinator();
    let dir = root.path();

    // CSV in codes: one file (no repeats), one row per released session.
    let csv_path = dir.join("participation.csv");
    let out =
        ok(&c, &["export", "--form", "cercle_participation", "--format", "csv", "--out", csv_path.to_str().unwrap()]);
    assert!(
        out.contains("k-anonymity: every combination of age_band, site, language, gender occurs at least 5 times"),
        "{out}"
    );
    let (header, rows) = read_csv(&std::fs::read(&csv_path).unwrap());
    let at = |c: &str| header.iter().position(|h| h == c).unwrap_or_else(|| panic!("no column {c}: {header:?}"));
    assert!(!header.iter().any(|h| h.contains("participant") || h == "code"), "no participant codes leave: {header:?}");
    assert!(!header.iter().any(|h| h == "one_change"), "free text only on request (C12)");
    assert!(rows.len() > 200, "{} of 250 released", rows.len());
    assert_k_anonymous(&header, &rows, &["age_band", "site", "language", "gender"], 5);
    let sites: HashSet<&str> = rows.iter().map(|r| r[at("site")].as_str()).collect();
    assert!(sites.contains("École Nord") && sites.contains("مركز الجنوب"), "{sites:?}");
    let keys: HashSet<&str> = rows.iter().map(|r| r[at("_key")].as_str()).collect();
    assert_eq!(keys.len(), rows.len(), "one row per session");
    for row in &rows {
        for date in [at("started"), at("finalised")] {
            assert_eq!(row[date].len(), 10, "a date, no time (C10): {}", row[date]);
        }
        // An age band not released as itself takes its age-banded answers with it.
        let band = row[at("age_band")].as_str();
        for (name, bands) in banded_rows() {
            let cell = &row[at(&name)];
            if ["6-7", "8-12", "13-17"].contains(&band) {
                assert!(cell.is_empty() || bands.contains(&band), "{name} answered outside its bands");
            } else {
                assert_eq!(cell, "suppressed", "{name} would give the band back in a row released as {band}");
            }
        }
        // select_multiple: the summary and one 1/0 column per choice, empty when not answered.
        let summary = &row[at("safe_places")];
        for choice in ["home", "school", "street", "playground", "online", "friends"] {
            let flag = &row[at(&format!("safe_places/{choice}"))];
            match row[at("safe_places_state")].as_str() {
                "answered" => assert_eq!(flag, if summary.split(' ').any(|v| v == choice) { "1" } else { "0" }),
                _ => assert!(flag.is_empty() || flag == "suppressed", "{flag}"),
            }
        }
    }
    let states: HashSet<&str> = rows.iter().map(|r| r[at("safe_places_state")].as_str()).collect();
    assert!(states.contains("answered") && states.contains("rather_not_say"), "states kept distinct: {states:?}");

    // Explicitly lowered: k = 1 releases all 250, and the audit log says so.
    let all = dir.join("all.csv");
    let out = ok(
        &c,
        &["export", "--form", "cercle_participation", "--format", "csv", "--k", "1", "--out", all.to_str().unwrap()],
    );
    assert!(out.contains("exported 250 finalised sessions") && out.contains("off (k = 1)"), "{out}");
    let audit = ok(&c, &["audit"]);
    assert!(audit.contains("k=1") && audit.contains("k=5"), "every export with its settings (C13): {audit}");

    // Quasi-identifiers named by the coordinator: a left-out default is said.
    let with_qis = |qis: &str| {
        let args = ["export", "--form", "cercle_participation", "--format", "csv", "--quasi-identifiers", qis, "--out"];
        run(&c, &[&args[..], &[all.to_str().unwrap()]].concat())
    };
    let (success, out, err) = with_qis("age_band,site");
    assert!(success, "{err}");
    assert!(out.contains("Left out of the quasi-identifiers by the coordinator: language, gender"), "{out}");
    let (success, _, err) = with_qis("shoe_size");
    assert!(!success && err.contains("shoe_size is not a quasi-identifier"), "{err}");

    // XLSX in Arabic labels: right to left, frozen header, filter, codebook, disclosure sheet.
    let xlsx = dir.join("participation.xlsx");
    ok(
        &c,
        &[
            "export",
            "--form",
            "cercle_participation",
            "--format",
            "xlsx",
            "--labels",
            "ar",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    use calamine::Reader as _;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let names = book.sheet_names().to_vec();
    assert_eq!(names.len(), 3, "{names:?}");
    let main = book.worksheet_range(&names[0]).unwrap();
    let head: Vec<String> = main.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert!(
        head.contains(&"الفئة العمرية".to_string()) || head.iter().any(|h| h.contains("العمر")),
        "Arabic headers: {head:?}"
    );
    assert!(head.iter().any(|h| h.contains("هل تشعر بالأمان في البيت؟")), "question text as header: {head:?}");
    assert_eq!(main.height(), rows.len() + 1, "the same sessions as the CSV");
    let codebook = book.worksheet_range(&names[1]).unwrap();
    assert!(codebook.rows().any(|r| r.iter().any(|c| c.to_string().contains("safe_places/home"))));
    let disclosure = book.worksheet_range(&names[2]).unwrap();
    assert!(disclosure.rows().any(|r| r[0].to_string().contains("k")), "the disclosure sheet says what changed");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut sheet).unwrap();
    assert!(sheet.contains("rightToLeft=\"1\""), "an Arabic sheet reads right to left");
    assert!(sheet.contains("state=\"frozen\"") && sheet.contains("<autoFilter"), "frozen header and a filter");

    // The form with a repeat: a zip of CSVs, repeat rows linked by stable keys.
    let zip_path = dir.join("advisory.zip");
    let keys_of = |path: &Path| -> (HashSet<String>, Vec<String>) {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        let mut read = |name: &str| {
            let mut bytes = Vec::new();
            zip.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
            read_csv(&bytes)
        };
        let (main_head, main_rows) = read("cercle_advisory_feedback.csv");
        let (rep_head, rep_rows) = read("committee_topics.csv");
        let key = main_head.iter().position(|h| h == "_key").unwrap();
        let parent = rep_head.iter().position(|h| h == "_parent_key").unwrap();
        let rep_key = rep_head.iter().position(|h| h == "_key").unwrap();
        let parents: HashSet<String> = main_rows.iter().map(|r| r[key].clone()).collect();
        assert!(!rep_rows.is_empty());
        for r in &rep_rows {
            assert!(parents.contains(&r[parent]), "every repeat row has its session");
            assert!(r[rep_key].starts_with(&r[parent]));
        }
        (parents, rep_rows.iter().map(|r| r[rep_key].clone()).collect())
    };
    ok(&c, &["export", "--form", "cercle_advisory_feedback", "--format", "csv", "--out", zip_path.to_str().unwrap()]);
    let first = keys_of(&zip_path);
    ok(&c, &["export", "--form", "cercle_advisory_feedback", "--format", "csv", "--out", zip_path.to_str().unwrap()]);
    assert_eq!(keys_of(&zip_path), first, "keys do not change from one export to the next");

    // JSON with French labels: sessions with their repeat nested, the codebook, the settings.
    let json_path = dir.join("advisory.json");
    ok(
        &c,
        &[
            "export",
            "--form",
            "cercle_advisory_feedback",
            "--format",
            "json",
            "--labels",
            "fr",
            "--out",
            json_path.to_str().unwrap(),
        ],
    );
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    let sessions = doc["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), first.0.len());
    assert!(sessions.iter().any(|s| s["committee_topics"].as_array().is_some_and(|t| !t.is_empty())));
    assert!(doc["codebook"].as_array().unwrap().len() > 20);
    assert_eq!(doc["disclosure_control"]["k"], 5);
}

/// Runs headless Chromium on `html`: a PNG, the console messages, and every URL it asked for.
fn chromium(html: &Path, png: &Path, width: u32) -> (Vec<String>, Vec<String>) {
    let profile = tempfile::tempdir().unwrap();
    let net = profile.path().join("net.json");
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=1",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--log-net-log={}", net.display()))
        .arg(format!("--window-size={width},2000"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium is installed (.ci/run installs it)");
    let console =
        String::from_utf8_lossy(&out.stderr).lines().filter(|l| l.contains(":CONSOLE")).map(String::from).collect();
    let log = std::fs::read_to_string(&net).unwrap_or_default();
    let url = regex::Regex::new(r#""url":"([^"]+)""#).unwrap();
    // Chromium's own services (time, updates, accounts) are not the page's.
    let own = ["google.com", "googleapis.com", "gstatic.com", "gvt1.com"];
    let requests = url
        .captures_iter(&log)
        .map(|c| c[1].to_string())
        .filter(|u| !u.starts_with("file:") && !u.starts_with("data:") && !own.iter().any(|h| u.contains(h)))
        .collect();
    (console, requests)
}

#[test]
fn the_report_reads_in_four_languages_with_small_counts_hidden() {
    let (root, c) = coordinator();
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots/report");
    std::fs::create_dir_all(&shots).unwrap();
    for lang in ["en", "fr", "es", "ar"] {
        let html = root.path().join(format!("report-{lang}.html"));
        let out =
            ok(&c, &["report", "--form", "cercle_participation", "--lang", lang, "--out", html.to_str().unwrap()]);
        assert!(out.contains("250 finalised sessions"), "{out}");
        let text = std::fs::read_to_string(&html).unwrap();
        assert!(!text.contains("<script") && !text.contains("http://") && !text.contains("https://"), "self-contained");
        assert_eq!(text.contains("dir=\"rtl\""), lang == "ar", "Arabic reads right to left");
        assert!(text.matches("<svg class=\"bars\"").count() > 30, "a chart per question");
        // Every count shown is at least the threshold; hidden ones show a dash.
        let count = regex::Regex::new(r#"<span class="n">([^<]*)</span>"#).unwrap();
        let mut hidden = 0;
        for cap in count.captures_iter(&text) {
            match cap[1].parse::<u64>() {
                Ok(n) => assert!(n >= 5, "a count of {n} is shown"),
                Err(_) if &cap[1] == "—" => hidden += 1,
                Err(_) => {}
            }
        }
        assert!(hidden > 0, "250 children over three age bands leave some small counts");
        let png = shots.join(format!("report-{lang}.png"));
        let (console, requests) = chromium(&html, &png, 1100);
        assert!(console.is_empty(), "console messages: {console:?}");
        assert!(requests.is_empty(), "the report asked the network for {requests:?}");
        assert!(std::fs::metadata(&png).unwrap().len() > 20_000, "rendered");
    }
    // With a higher threshold, more is hidden.
    let strict = root.path().join("strict.html");
    ok(
        &c,
        &[
            "report",
            "--form",
            "cercle_participation",
            "--lang",
            "en",
            "--threshold",
            "10",
            "--out",
            strict.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&strict).unwrap();
    assert!(text.contains("smaller than 10"), "the threshold is said");
}
