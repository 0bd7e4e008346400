//! A coordinator on a device that takes no more writes: a real full disk (a tiny tmpfs filled
//! up) and a real read-only mount, each in a private mount namespace (`unshare -m`), so nothing
//! stays mounted after the test. Reading, listing and exporting to another disk must work;
//! changing must fail with a plain message; nothing saved is lost.
//!
//! Needs root (mounts), as on CI and the developers' machines here; elsewhere it says so and
//! does nothing.

mod common;

use std::path::Path;
use std::process::Command;

fn can_mount() -> bool {
    Command::new("unshare")
        .args([
            "-m",
            "sh",
            "-c",
            "mkdir -p /tmp/.cercle-mount-probe && mount -t tmpfs -o size=64k tmpfs /tmp/.cercle-mount-probe",
        ])
        .status()
        .is_ok_and(|s| s.success())
}

/// A data folder with finalised sessions, on the ordinary disk.
fn data_with_sessions() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    drop(common::create_store(dir.path()));
    let (ok, _, err) = common::cercle(dir.path(), &["simulate", "--form", "cercle_participation", "--sessions", "12"]);
    assert!(ok, "{err}");
    dir
}

/// Runs `setup` (shell, in a private mount namespace, with $DATA the original folder and $MNT
/// an empty mount point), then each cercle command on `$MNT/data`, each output in $OUT.
fn run_on_device(data: &Path, setup: &str, commands: &[&[&str]]) -> Vec<(bool, String, String)> {
    let work = tempfile::tempdir().unwrap();
    let mnt = work.path().join("mnt");
    let out = work.path().join("out");
    std::fs::create_dir_all(&mnt).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    let bin = env!("CARGO_BIN_EXE_cercle");
    let mut script = format!("set -e\n{setup}\nset +e\n");
    for (i, args) in commands.iter().enumerate() {
        let args: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
        script.push_str(&format!(
            "'{bin}' --data-dir \"$MNT/data\" {} > \"$OUT/{i}.out\" 2> \"$OUT/{i}.err\"; echo $? > \"$OUT/{i}.rc\"\n",
            args.join(" ")
        ));
    }
    let status = Command::new("unshare")
        .args(["-m", "sh", "-c", &script])
        .env("DATA", data)
        .env("MNT", &mnt)
        .env("OUT", &out)
        .env("CERCLE_PASSPHRASE", common::PASS)
        .status()
        .unwrap();
    assert!(status.success(), "the device could not be set up");
    (0..commands.len())
        .map(|i| {
            let read = |ext: &str| std::fs::read_to_string(out.join(format!("{i}.{ext}"))).unwrap_or_default();
            (read("rc").trim() == "0", read("out"), read("err"))
        })
        .collect()
}

fn check_reads_work(results: &[(bool, String, String)], export: &Path) {
    let (ok, list, err) = &results[0];
    assert!(ok, "sessions list: {err}");
    assert_eq!(list.lines().filter(|l| l.contains("finalised")).count(), 12, "{list}");
    let (ok, out, err) = &results[1];
    assert!(ok, "export: {err}");
    assert!(out.contains("exported 12 finalised sessions"), "{out}");
    assert!(err.contains("could not be written to the audit log"), "the unlogged export is said: {err}");
    let csv = std::fs::read_to_string(export).unwrap();
    assert_eq!(csv.lines().count(), 13, "a header and 12 sessions");
    let (ok, log, err) = &results[2];
    assert!(ok, "audit: {err}");
    assert!(log.contains("simulate"), "{log}");
}

/// On the device `setup` makes: the reads and an export to another disk work; returns what
/// `change` (a command that writes) gave.
fn on_a_device_that_takes_no_writes(setup: &str, change: &[&str]) -> (bool, String, String) {
    let data = data_with_sessions();
    let elsewhere = tempfile::tempdir().unwrap();
    let export = elsewhere.path().join("results.csv");
    let export_arg = export.to_str().unwrap();
    let mut results = run_on_device(
        data.path(),
        setup,
        &[
            &["sessions", "list"],
            &["export", "--form", "cercle_participation", "--format", "csv", "--out", export_arg],
            &["audit"],
            change,
        ],
    );
    check_reads_work(&results, &export);
    results.remove(3)
}

#[test]
fn a_full_disk_still_gives_its_data_up_and_refuses_changes_plainly() {
    if !can_mount() {
        eprintln!("skipped: mounting needs root");
        return;
    }
    // The folder is copied to a small tmpfs, then every byte left is taken by a filler file.
    let setup = "mount -t tmpfs -o size=2m tmpfs \"$MNT\"
        cp -a \"$DATA\" \"$MNT/data\"
        dd if=/dev/zero of=\"$MNT/filler\" bs=4k 2>/dev/null || true";
    let (ok, _, err) =
        on_a_device_that_takes_no_writes(setup, &["simulate", "--form", "cercle_participation", "--sessions", "1"]);
    assert!(!ok, "a change cannot succeed on a full disk");
    assert!(err.contains("full") || err.contains("read-only"), "a plain reason: {err}");
    assert!(!err.contains("SQLITE_") && err.lines().count() <= 2, "no internal lines: {err}");
}

#[test]
fn a_read_only_device_still_gives_its_data_up() {
    if !can_mount() {
        eprintln!("skipped: mounting needs root");
        return;
    }
    let setup = "mkdir -p \"$MNT/data\"
        mount --bind \"$DATA\" \"$MNT/data\"
        mount -o remount,bind,ro \"$MNT/data\"";
    let (ok, _, err) = on_a_device_that_takes_no_writes(setup, &["withdraw", "--code", "AAA-AAA"]);
    assert!(!ok);
    assert!(!err.contains("SQLITE_"), "{err}");
}
