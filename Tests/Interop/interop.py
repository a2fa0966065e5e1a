#!/usr/bin/env python3
"""The interop suite: Tenterhooks' calendars read by independent parsers and real clients.

usage: interop.py PATH/TO/tenterhooks

For the sample ledger and a ledger full of awkward text and zones it exports a calendar
and checks that Python's icalendar, khal and calcurse read every action correctly; then it
serves the awkward ledger with `tenterhooks serve`, subscribes vdirsyncer to it over HTTP,
moves a decision date with `tenterhooks log` and checks that the second sync updates the
moved event under the same UID; and it checks conditional GETs and the token rules.
Only loopback addresses are used. Prints 'N passed, N failed' last; exits 1 on a failure.
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NOW = "2026-11-27T12:00:00+01:00"
VIEW_ZONE = "Europe/Berlin"

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"  ok   {name}")
    else:
        failed += 1
        print(f"  FAIL {name}: {detail}")


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=120, **kw)


def plan_json(tool, ledger):
    r = run([tool, "plan", "--format", "json", "--all", "--ledger", ledger, "--now", NOW])
    if r.returncode != 0:
        raise SystemExit(f"plan failed: {r.stderr}")
    return json.loads(r.stdout)


def export(tool, ledger, out, extra=()):
    r = run([tool, "export", "--ledger", ledger, "--now", NOW, "-o", out, *extra])
    if r.returncode != 0:
        raise SystemExit(f"export failed: {r.stderr}")


def khal_times(ics, work):
    """Imports into a fresh khal calendar; returns {uid: 'YYYY-MM-DD HH:MM'} (first listing)."""
    caldir = os.path.join(work, "khal-cal")
    os.makedirs(caldir)
    config = os.path.join(work, "khal.conf")
    with open(config, "w") as f:
        f.write(f"""[calendars]
[[interviews]]
path = {caldir}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = {VIEW_ZONE}
default_timezone = {VIEW_ZONE}
[default]
default_calendar = interviews
""")
    r = run(["khal", "-c", config, "import", "--batch", "-a", "interviews", ics])
    if r.returncode != 0:
        return None, r.stderr
    r = run(["khal", "-c", config, "list", "--format", "{uid}|{start}|{title}",
             "2026-01-01", "730d"])
    if r.returncode != 0:
        return None, r.stderr
    first = {}
    for line in r.stdout.splitlines():
        parts = line.split("|")
        if len(parts) >= 3 and parts[0] not in first:
            first[parts[0]] = parts[1]
    return first, ""


def local(iso):
    return datetime.fromisoformat(iso).astimezone(ZoneInfo(VIEW_ZONE)).strftime("%Y-%m-%d %H:%M")


def check_calendar(tool, label, ledger, work):
    print(f"{label}:")
    os.makedirs(work)
    plan = plan_json(tool, ledger)
    ics = os.path.join(work, "calendar.ics")
    export(tool, ledger, ics)
    again = os.path.join(work, "again.ics")
    export(tool, ledger, again)
    check("the same ledger and --now give byte-identical files",
          open(ics, "rb").read() == open(again, "rb").read())
    check("the plan has actions of every status",
          {a["status"] for a in plan} >= {"pending", "done"}, {a["status"] for a in plan})

    plan_path = os.path.join(work, "plan.json")
    with open(plan_path, "w") as f:
        json.dump(plan, f)
    r = run([sys.executable, os.path.join(HERE, "check_icalendar.py"), ics, plan_path])
    check("Python icalendar finds every event, alarm and time zone", r.returncode == 0,
          r.stdout + r.stderr)
    print("       " + r.stdout.strip())

    todos = os.path.join(work, "todos.ics")
    export(tool, ledger, todos, ["--todos"])
    r = run([sys.executable, os.path.join(HERE, "check_icalendar.py"), todos, plan_path])
    check("Python icalendar reads the --todos calendar too", r.returncode == 0, r.stdout + r.stderr)

    times, error = khal_times(ics, os.path.join(work, "khal"))
    check("khal imports the calendar", times is not None, error)
    if times is not None:
        wrong = []
        for a in plan:
            if a["status"] == "cancelled":
                continue
            got = times.get(a["uid"])
            if got != local(a["start"]):
                wrong.append(f"{a['uid']}: khal {got}, plan {local(a['start'])}")
        check(f"khal lists every action at the right local time ({VIEW_ZONE})", not wrong,
              "; ".join(wrong))

    caldir = os.path.join(work, "calcurse")
    os.makedirs(caldir)
    r = run(["calcurse", "-D", caldir, "-i", ics])
    report = re.search(r"(\d+) apps? / (\d+) events? / (\d+) todos? / (\d+) skipped", r.stdout)
    check("calcurse -i imports it with nothing skipped",
          r.returncode == 0 and report is not None and int(report.group(4)) == 0
          and int(report.group(1)) + int(report.group(2)) == len(plan),
          r.stdout + r.stderr)
    return plan


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(url, headers=None, method="GET"):
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def wait_until(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def check_feed(tool, work):
    print("feed over HTTP (serve + vdirsyncer):")
    os.makedirs(work)
    ledger = os.path.join(work, "interviews.ledger")
    text = open(os.path.join(HERE, "awkward.ledger"), encoding="utf-8").read()
    text = text.replace("holidays ../../samples/", "holidays " + os.path.join(ROOT, "samples") + "/")
    with open(ledger, "w", encoding="utf-8") as f:
        f.write(text)
    port = free_port()
    token = "s3cret-Token_123"
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/{token}/calendar.ics"
    log = open(os.path.join(work, "serve.log"), "w")
    server = subprocess.Popen(
        [tool, "serve", "--ledger", ledger, "--now", NOW, "--port", str(port), "--token", token],
        stdout=log, stderr=subprocess.STDOUT)
    try:
        up = wait_until(lambda: _answers(url), 20)
        check("serve answers on loopback", up, open(os.path.join(work, "serve.log")).read())
        if not up:
            return
        status, headers, body = http(url)
        check("GET /<token>/calendar.ics is 200 text/calendar",
              status == 200 and headers.get("Content-Type", "").startswith("text/calendar"),
              f"{status} {headers}")
        etag = headers.get("ETag")
        modified = headers.get("Last-Modified")
        check("ETag, Last-Modified and Cache-Control are set",
              bool(etag) and bool(modified) and "Cache-Control" in headers, headers)
        status, _, body304 = http(url, {"If-None-Match": etag})
        check("a matching If-None-Match gives 304 with no body", status == 304 and body304 == b"",
              status)
        status, _, _ = http(url, {"If-Modified-Since": modified})
        check("an If-Modified-Since of Last-Modified gives 304", status == 304, status)
        status, headers, head_body = http(url, method="HEAD")
        check("HEAD has the headers and no body",
              status == 200 and head_body == b"" and headers.get("ETag") == etag, status)
        for path in ["/calendar.ics", "/wrong/calendar.ics", f"/{token}/../calendar.ics",
                     f"/{token}/interviews.ledger", "/", f"/{token}/calendar.ics/x"]:
            status, _, _ = http(base + path)
            check(f"{path} is 404", status == 404, status)

        status_dir = os.path.join(work, "vdirsyncer-status")
        vdir = os.path.join(work, "vdir")
        os.makedirs(vdir)
        config = os.path.join(work, "vdirsyncer.conf")
        with open(config, "w") as f:
            f.write(f"""[general]
status_path = "{status_dir}/"

[pair feed]
a = "feed_remote"
b = "feed_local"
collections = null
conflict_resolution = "a wins"

[storage feed_remote]
type = "http"
url = "{url}"

[storage feed_local]
type = "filesystem"
path = "{vdir}/"
fileext = ".ics"
""")
        r = run(["vdirsyncer", "-c", config, "discover"], input="")
        r = run(["vdirsyncer", "-c", config, "sync"])
        plan = plan_json(tool, ledger)
        files = os.listdir(vdir)
        check("vdirsyncer syncs every event into the folder",
              r.returncode == 0 and len(files) == len(plan), f"{len(files)} files, "
              f"{len(plan)} actions; {r.stdout}{r.stderr}")

        call = next(a for a in plan if a["application"] == "acme"
                    and a["kind"] == "follow-up-call" and a["status"] == "pending")
        r = run([tool, "log", "postponed", "acme", "decision=2026-12-10", "--ledger", ledger,
                 "--at", "2026-11-27T11:00:00+01:00", "--now", NOW])
        check("tenterhooks log appends the postponement", r.returncode == 0, r.stderr)
        changed = wait_until(lambda: http(url)[1].get("ETag") != etag, 15)
        check("serve regenerates after the ledger changes (new ETag)", changed)
        r = run(["vdirsyncer", "-c", config, "sync"])
        moved = next(a for a in plan_json(tool, ledger) if a["uid"] == call["uid"])
        start = datetime.fromisoformat(moved["start"]).strftime("%Y%m%dT%H%M%S")
        before = datetime.fromisoformat(call["start"]).strftime("%Y%m%dT%H%M%S")
        # vdirsyncer's http storage replaces every UID with a hash of the item (upstream
        # `_ignore_uids = True`), so the synced folder is matched by our X- properties and
        # the UID is checked on the served feed itself.
        calls = []
        for name in os.listdir(vdir):
            content = open(os.path.join(vdir, name), encoding="utf-8").read()
            if ("X-TENTERHOOKS-APPLICATION:acme" in content
                    and "X-TENTERHOOKS-KIND:follow-up-call" in content
                    and "X-TENTERHOOKS-STATUS:pending" in content):
                calls.append(content)
        check("the second sync replaces the call: one pending call, at the new time",
              r.returncode == 0 and len(calls) == 1 and start in calls[0]
              and before not in calls[0] and len(os.listdir(vdir)) == len(plan),
              f"{len(calls)} pending acme calls; {len(os.listdir(vdir))} files; {r.stderr}")
        served = icalendar.Calendar.from_ical(http(url)[2])
        same = [c for c in served.walk("VEVENT") if str(c["UID"]) == call["uid"]]
        check("the feed keeps the call's UID, with the new start and a higher SEQUENCE",
              len(same) == 1 and same[0]["DTSTART"].dt == datetime.fromisoformat(moved["start"])
              and int(same[0]["SEQUENCE"]) > call["sequence"],
              f"{len(same)} events with {call['uid']}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        check("serve stops cleanly on SIGTERM", server.returncode == 0, server.returncode)


def _answers(url):
    try:
        return http(url)[0] == 200
    except OSError:
        return False


def main():
    tool = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="tenterhooks-interop-")
    try:
        check_calendar(tool, "samples/interviews.ledger",
                       os.path.join(ROOT, "samples", "interviews.ledger"),
                       os.path.join(work, "samples"))
        check_calendar(tool, "awkward text and zones", os.path.join(HERE, "awkward.ledger"),
                       os.path.join(work, "awkward"))
        check_feed(tool, os.path.join(work, "feed"))
    finally:
        if not os.environ.get("KEEP_INTEROP"):
            shutil.rmtree(work, ignore_errors=True)
        else:
            print("kept", work)
    print(f"interop: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
