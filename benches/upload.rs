//! Sending 1,000 queued submissions to a local OpenRosa server (the fake Central of the test
//! suite, on 127.0.0.1), Cercle against curl posting the same bodies, side by side in one run.
//!
//! Cercle's side is the whole sender: a HEAD, then per submission the durable `sending` state
//! (committed before the request, which is what makes a kill safe), the multipart POST on a
//! kept-alive connection, and the outcome with its audit event (committed). curl's side is a
//! shell loop running one curl per body (what a script would do), and, for reference, one curl
//! process posting every body on one connection (`--next`), which keeps no state at all.
//!
//! Run: cargo bench --no-default-features --bench upload   (results go in BENCHMARKS.md)

#[path = "../tests/common/openrosa_server.rs"]
#[allow(dead_code)]
mod openrosa_server;

use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use cercle::store::{KdfParams, Store};
use cercle::sync::{self, openrosa, SendPolicy, ServerSettings, SERVER_SETTING};
use openrosa_server::{FakeServer, Faults, Flavour};

const N: usize = 1_000;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(dir.path(), "blue river 2026", KdfParams::with_cost(1024, 1)).unwrap();
    cercle::simulate::run(&mut store, "cercle_participation", N, 1).unwrap();
    for id in store.sessions_to_queue().unwrap() {
        sync::queue_session(&store, id).unwrap();
    }
    // The exact bodies Cercle will send, for curl.
    let bodies = dir.path().join("bodies");
    std::fs::create_dir(&bodies).unwrap();
    let mut boundaries = Vec::new();
    for (i, e) in store.outbox().unwrap().iter().enumerate() {
        let parts = store.submission_parts(e.id).unwrap();
        let boundary = openrosa::boundary_for(&e.instance_id, &parts);
        std::fs::write(bodies.join(format!("{i:04}")), openrosa::multipart_body(&parts, &boundary)).unwrap();
        boundaries.push(boundary);
    }
    let bytes: u64 = std::fs::read_dir(&bodies).unwrap().map(|f| f.unwrap().metadata().unwrap().len()).sum();

    // Cercle.
    let server = FakeServer::start(Flavour::Central, Faults::default());
    let settings = ServerSettings::parse(&server.url(), None, None).unwrap();
    store.set_setting(SERVER_SETTING, Some(&settings.to_json())).unwrap();
    let started = Instant::now();
    let report =
        sync::send_queued(&store, &settings, &SendPolicy::default(), &AtomicBool::new(false), &mut |_| {}).unwrap();
    let cercle_s = started.elapsed().as_secs_f64();
    assert_eq!((report.sent, report.left), (N, 0));
    assert_eq!(server.stored().len(), N);
    server.stop();

    // curl, one process per body (a shell loop).
    let server = FakeServer::start(Flavour::Central, Faults::default());
    let url = format!("{}submission", server.url());
    let list = dir.path().join("list");
    let lines: Vec<String> = (0..N).map(|i| format!("{:04} {}", i, boundaries[i])).collect();
    std::fs::write(&list, lines.join("\n") + "\n").unwrap();
    let loop_script = format!(
        "while read -r f b; do curl -s -o /dev/null -w '%{{http_code}}\\n' -H 'X-OpenRosa-Version: 1.0' \
         -H \"Date: $(date -u '+%a, %d %b %Y %H:%M:%S GMT')\" \
         -H \"Content-Type: multipart/form-data; boundary=$b\" --data-binary @{bodies}/$f '{url}'; done < {list} | grep -c '^201$'",
        bodies = bodies.display(),
        list = list.display()
    );
    let started = Instant::now();
    let out = Command::new("bash").arg("-c").arg(&loop_script).output().expect("bash and curl run");
    let curl_loop_s = started.elapsed().as_secs_f64();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), N.to_string(), "curl posted every body");
    assert_eq!(server.stored().len(), N);
    server.stop();

    // curl, one process, one connection, every body (--next).
    let server = FakeServer::start(Flavour::Central, Faults::default());
    let url = format!("{}submission", server.url());
    let config = dir.path().join("curl.cfg");
    let mut cfg = String::new();
    for i in 0..N {
        if i > 0 {
            cfg.push_str("next\n");
        }
        cfg.push_str(&format!(
            "url = \"{url}\"\nheader = \"X-OpenRosa-Version: 1.0\"\nheader = \"Content-Type: multipart/form-data; boundary={}\"\ndata-binary = \"@{}/{i:04}\"\noutput = \"/dev/null\"\nsilent\nwrite-out = \"%{{http_code}}\\n\"\n",
            boundaries[i],
            bodies.display()
        ));
    }
    std::fs::write(&config, cfg).unwrap();
    let started = Instant::now();
    let out = Command::new("curl").arg("-K").arg(&config).output().expect("curl runs");
    let curl_one_s = started.elapsed().as_secs_f64();
    let ok = String::from_utf8_lossy(&out.stdout).lines().filter(|l| *l == "201").count();
    assert_eq!(ok, N);
    server.stop();

    println!("{N} submissions, {:.0} KB of multipart bodies, fake Central on 127.0.0.1", bytes as f64 / 1024.0);
    println!("{:<52} {:>8} {:>12} {:>10}", "", "seconds", "per second", "vs loop");
    let row = |name: &str, s: f64| println!("{name:<52} {s:>8.2} {:>12.0} {:>9.2}x", N as f64 / s, curl_loop_s / s);
    row("Cercle (send_queued: durable state + audit per send)", cercle_s);
    row("curl loop (one process per body)", curl_loop_s);
    row("curl, one process, one connection (--next)", curl_one_s);
}
