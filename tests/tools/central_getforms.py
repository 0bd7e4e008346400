#!/usr/bin/env python3
"""Get forms against the real ODK Central of shared/tools/central, end to end.

Usage: tests/tools/central_getforms.py CERCLE_CLI

A project of its own is made on the harness's Central (its managed encryption is turned
on later, which cannot be undone, so the harness's own project is never touched):

1. tests/forms/getforms/children_voices.xlsx (four languages, pictures, a repeat, choice
   filters) converted by pyxform, published with its media; an app user assigned to it.
2. `cercle forms download` lists it as new; `--all` gets it with its three media files;
   listing again says installed; `forms check` of the downloaded form's XForm is clean.
3. Sessions answered through the engine in each of the four languages (`simulate`),
   `sync`: Central has exactly those submissions, unencrypted.
4. The project's managed encryption is turned on: Central re-versions the form with a
   base64RsaPublicKey. `forms download` says update; `--all` gets the new version (media
   unchanged, not fetched again); the old version stays (its sessions use it).
5. New sessions, `sync`: Central holds them encrypted (`encrypted="yes"` envelopes) and
   decrypts them with the project passphrase in its CSV export, answers intact.

Prints PASS/FAIL lines; exits 0 only when every check passed. Needs root (the harness),
python3 with pyxform 4.5.0 (pip-installed if missing).
"""

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HARNESS = os.environ.get("CENTRAL_HARNESS_DIR", "/work/shared/tools/central")
STATE = os.environ.get("CENTRAL_HARNESS_STATE", "/var/tmp/central-harness")
FORM = os.path.join(ROOT, "tests/forms/getforms/children_voices.xlsx")
MEDIA = os.path.join(ROOT, "tests/forms/getforms/children_voices-media")
PASSPHRASE = "children first 2026"
FAILS = []


def check(ok, msg):
    print(("PASS: " if ok else "FAIL: ") + msg, flush=True)
    if not ok:
        FAILS.append(msg)
    return ok


def env():
    out = {}
    with open(os.path.join(STATE, "harness.env")) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                out[k] = v.strip("'\"")
    return out


class Central:
    def __init__(self, base):
        self.base = base
        body = json.dumps({"email": "admin@example.com", "password": "harness-admin-password"}).encode()
        self.token = self.call("POST", "/v1/sessions", body, "application/json", auth=False)["token"]

    def call(self, method, path, body=None, ctype=None, auth=True, raw=False):
        req = urllib.request.Request(self.base + path, data=body, method=method)
        if ctype:
            req.add_header("Content-Type", ctype)
        if auth:
            req.add_header("Authorization", "Bearer " + self.token)
        with urllib.request.urlopen(req, timeout=60) as r:
            data = r.read()
        return data if raw else json.loads(data or b"null")


def cercle(cli, data, *args, ok=True):
    r = subprocess.run([cli, "--data-dir", data, *args], capture_output=True, text=True,
                       env={**os.environ, "CERCLE_PASSPHRASE": "blue river 2026"})
    out = r.stdout + r.stderr
    if ok and r.returncode != 0:
        check(False, f"cercle {' '.join(args)} exited {r.returncode}: {out.strip()[:800]}")
    return r.returncode, out


def tablet_answers(cli, data, tmp, form_id, into):
    """The tablet's own export (k = 1), before sending: a sent session keeps no answers."""
    export = os.path.join(tmp, f"tablet{len(into)}.zip")
    cercle(cli, data, "export", "--form", form_id, "--format", "csv", "--k", "1", "--out", export)
    # The form has a repeat: the CSV export is a zip of one CSV per table.
    with zipfile.ZipFile(export) as z:
        rows = csv.DictReader(io.StringIO(z.read(f"{form_id}.csv").decode("utf-8-sig")))
        for r in rows:
            if r["_key"] not in into:
                into[r["_key"]] = r


def pyxform_xml():
    try:
        import pyxform  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pyxform==4.5.0"], check=True)
    from pyxform.xls2xform import convert
    return convert(xlsform=FORM, validate=False).xform


def main():
    cli = os.path.abspath(sys.argv[1])
    subprocess.run([os.path.join(HARNESS, "up")], check=True, capture_output=True)
    e = env()
    base = "http://127.0.0.1:" + e.get("CENTRAL_PORT", "8383")
    central = Central(base)
    stamp = time.strftime("%Y%m%d%H%M%S")
    project = central.call("POST", "/v1/projects", json.dumps({"name": f"Cercle get forms {stamp}"}).encode(),
                           "application/json")["id"]
    # 1. publish with media, through a draft
    xml = pyxform_xml()
    form = central.call("POST", f"/v1/projects/{project}/forms?publish=false", xml.encode(), "application/xml")
    form_id = form["xmlFormId"]
    for name in sorted(os.listdir(MEDIA)):
        with open(os.path.join(MEDIA, name), "rb") as f:
            central.call("POST", f"/v1/projects/{project}/forms/{form_id}/draft/attachments/{name}", f.read(),
                         "image/png")
    central.call("POST", f"/v1/projects/{project}/forms/{form_id}/draft/publish")
    user = central.call("POST", f"/v1/projects/{project}/app-users",
                        json.dumps({"displayName": "cercle get forms"}).encode(), "application/json")
    central.call("POST", f"/v1/projects/{project}/forms/{form_id}/assignments/app-user/{user['id']}")
    url = f"{base}/v1/key/{user['token']}/projects/{project}/"
    check(True, f"published {form_id} with 3 pictures in project {project}")

    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "tablet")
        cercle(cli, data, "server", "set", url)
        # 2. get forms
        _, out = cercle(cli, data, "forms", "download")
        row = [l for l in out.splitlines() if l.startswith(form_id)]
        check(bool(row) and " new " in f" {row[0]} ", f"forms download lists {form_id} as new: {row}")
        _, out = cercle(cli, data, "forms", "download", "--all")
        check(f"got {form_id}" in out and "3 media files fetched" in out, f"forms download --all: {out.strip()}")
        _, out = cercle(cli, data, "forms", "download")
        row = [l for l in out.splitlines() if l.startswith(form_id)]
        check(bool(row) and "installed" in row[0], f"then it is installed: {row}")
        _, out = cercle(cli, data, "forms", "list")
        check(form_id in out, "forms list shows it")
        # 3. sessions in four languages, sync
        cercle(cli, data, "simulate", "--form", form_id, "--sessions", "8", "--seed", "7")
        tablet = {}
        tablet_answers(cli, data, tmp, form_id, tablet)
        rc, out = cercle(cli, data, "sync", ok=False)
        check(rc == 0 and "sent 8" in out, f"sync of 8 sessions: {out.strip()}")
        subs = central.call("GET", f"/v1/projects/{project}/forms/{form_id}/submissions")
        check(len(subs) == 8, f"Central holds {len(subs)} submissions (want 8)")
        sub_xml = central.call("GET", f"/v1/projects/{project}/forms/{form_id}/submissions/{subs[0]['instanceId']}.xml",
                               raw=True).decode()
        check("encrypted" not in sub_xml and "<feeling>" in sub_xml, "the first submissions are plain XML with the answers")

        # 4. managed encryption: the updated form downloads
        central.call("POST", f"/v1/projects/{project}/key", json.dumps({"passphrase": PASSPHRASE}).encode(),
                     "application/json")
        _, out = cercle(cli, data, "forms", "download")
        row = [l for l in out.splitlines() if l.startswith(form_id)]
        check(bool(row) and "update" in row[0] and "encrypted" in row[0], f"after encryption: {row}")
        _, out = cercle(cli, data, "forms", "download", "--all")
        check("0 media files fetched, 3 unchanged" in out, f"the update keeps its unchanged pictures: {out.strip()}")
        # 5. new sessions arrive encrypted and Central decrypts them
        cercle(cli, data, "simulate", "--form", form_id, "--sessions", "3", "--seed", "8")
        tablet_answers(cli, data, tmp, form_id, tablet)
        rc, out = cercle(cli, data, "sync", ok=False)
        check(rc == 0 and "sent 3" in out, f"sync of 3 more sessions: {out.strip()}")
        subs = central.call("GET", f"/v1/projects/{project}/forms/{form_id}/submissions")
        check(len(subs) == 11, f"Central holds {len(subs)} submissions (want 11)")
        newest = sorted(subs, key=lambda s: s["createdAt"])[-3:]
        envelopes = [central.call("GET", f"/v1/projects/{project}/forms/{form_id}/submissions/{s['instanceId']}.xml",
                                  raw=True).decode() for s in newest]
        check(all('encrypted="yes"' in x and "<feeling>" not in x for x in envelopes),
              "the 3 new submissions are encrypted envelopes (no answer in clear)")
        keys = central.call("GET", f"/v1/projects/{project}/forms/{form_id}/submissions/keys")
        key_id = keys[0]["id"]
        body = f"{key_id}={urllib.parse.quote(PASSPHRASE)}".encode()
        zipped = central.call("POST", f"/v1/projects/{project}/forms/{form_id}/submissions.csv.zip", body,
                              "application/x-www-form-urlencoded", raw=True)
        with zipfile.ZipFile(io.BytesIO(zipped)) as z:
            main_csv = [n for n in z.namelist() if n == f"{form_id}.csv"][0]
            rows = list(csv.DictReader(io.StringIO(z.read(main_csv).decode("utf-8-sig"))))
        # Every row decrypted, holding what the tablet held before sending.
        by_id = {r.get("meta-instanceID"): r for r in rows}
        same = [k for k, t in tablet.items()
                if k in by_id and all(by_id[k].get(q, "") == t.get(q, "") for q in ["feeling", "region", "town", "ideas"])]
        check(len(rows) == 11 and "not decrypted" not in {r.get("Status", "") for r in rows} and len(same) == 11,
              f"Central's export with the passphrase: {len(rows)} rows, all decrypted, {len(same)} of "
              f"{len(tablet)} with the tablet's answers")
        ids = {r.get("meta-instanceID") or r.get("KEY") for r in rows}
        check(all(s["instanceId"] in ids for s in newest), "the encrypted sessions are among the decrypted rows")
    print("RESULT: " + ("all passed" if not FAILS else f"{len(FAILS)} failed"))
    return 1 if FAILS else 0


if __name__ == "__main__":
    import urllib.parse  # noqa: F401

    sys.exit(main())
