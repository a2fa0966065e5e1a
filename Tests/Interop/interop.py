#!/usr/bin/env python3
"""The interop suite: Tenterhooks' calendars read by independent parsers and real clients.

usage: interop.py PATH/TO/tenterhooks

For the sample ledger and a ledger full of awkward text and zones it exports a calendar
and checks that Python's icalendar, khal and calcurse read every action correctly, and that
ics-py, the strict `ical` parser, todoman and Ruby's icalendar gem read the events and the
to-dos; for ledgers around the DST changes (spring and autumn, Europe/Berlin and
America/New_York) it expands every alarm with icalendar.alarms.Alarms and compares it with
the wall-clock moment the plan means; then it
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
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import ics as ics_py
from icalendar.alarms import Alarms
from ical.calendar_stream import IcsCalendarStream

from checking import check, finish

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NOW = "2026-11-27T12:00:00+01:00"
VIEW_ZONE = "Europe/Berlin"



def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=120, **kw)


def plan_json(tool, ledger, now=NOW):
    r = run([tool, "plan", "--format", "json", "--all", "--ledger", ledger, "--now", now])
    if r.returncode != 0:
        raise SystemExit(f"plan failed: {r.stderr}")
    return json.loads(r.stdout)


def export(tool, ledger, out, extra=(), now=NOW):
    r = run([tool, "export", "--ledger", ledger, "--now", now, "-o", out, *extra])
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

    check_more_parsers(plan, ics, todos, work)
    check_alarm_times(plan, ics, todos)

    caldir = os.path.join(work, "calcurse")
    os.makedirs(caldir)
    r = run(["calcurse", "-D", caldir, "-i", ics])
    report = re.search(r"(\d+) apps? / (\d+) events? / (\d+) todos? / (\d+) skipped", r.stdout)
    check("calcurse -i imports it with nothing skipped",
          r.returncode == 0 and report is not None and int(report.group(4)) == 0
          and int(report.group(1)) + int(report.group(2)) == len(plan),
          r.stdout + r.stderr)
    return plan


def categories_of(action):
    return ["Tenterhooks", action["kind"]]


def check_more_parsers(plan, events_ics, todos_ics, work):
    """ics-py, the strict `ical` parser, todoman and Ruby's icalendar gem."""
    by_uid = {a["uid"]: a for a in plan}
    for path, kind in [(events_ics, "events"), (todos_ics, "to-dos")]:
        text = open(path, encoding="utf-8").read()
        try:
            calendar = ics_py.Calendar(text)
            items = calendar.events if kind == "events" else calendar.todos
            wrong = [e.uid for e in items if kind == "events"
                     and sorted(e.categories) != sorted(categories_of(by_uid[e.uid]))]
            check(f"ics-py reads the {kind} with their categories",
                  len(items) == len(plan) and not wrong, f"{len(items)} of {len(plan)}; {wrong}")
        except Exception as e:  # the parser's own exception types vary
            check(f"ics-py reads the {kind} with their categories", False, repr(e))
        try:
            calendar = IcsCalendarStream.calendar_from_ics(text)
            items = calendar.events if kind == "events" else calendar.todos
            wrong = [i.uid for i in items if i.categories != categories_of(by_uid[i.uid])
                     or i.dtstart != datetime.fromisoformat(by_uid[i.uid]["start"])]
            check(f"the strict ical parser reads the {kind}: start and categories",
                  len(items) == len(plan) and not wrong, f"{len(items)} of {len(plan)}; {wrong}")
        except Exception as e:
            check(f"the strict ical parser reads the {kind}: start and categories", False,
                  repr(e))
        check_ruby(path, plan, kind)
    check_todoman(todos_ics, plan, os.path.join(work, "todoman"))


def check_ruby(path, plan, kind):
    r = run(["ruby", os.path.join(HERE, "check_ruby.rb"), path], env={**os.environ, "TZ": "UTC"})
    starts = dict(line.split("\t") for line in r.stdout.splitlines())
    wrong = [f"{a['uid']}: {starts.get(a['uid'])}" for a in plan
             if starts.get(a["uid"]) != str(int(datetime.fromisoformat(a["start"]).timestamp()))]
    check(f"Ruby's icalendar gem reads every {kind[:-1]}'s start through the VTIMEZONEs",
          r.returncode == 0 and not wrong,
          (r.stderr.strip().splitlines() or ["; ".join(wrong[:5])])[0][-400:])


def check_todoman(todos_ics, plan, work):
    """todoman reads a folder of one .ics per to-do (split with icalendar, zones kept)."""
    folder = os.path.join(work, "lists", "interviews")
    os.makedirs(folder)
    calendar = icalendar.Calendar.from_ical(open(todos_ics, "rb").read())
    zones = list(calendar.walk("VTIMEZONE"))
    for i, todo in enumerate(calendar.walk("VTODO")):
        single = icalendar.Calendar()
        single.add("VERSION", "2.0")
        single.add("PRODID", str(calendar["PRODID"]))
        for zone in zones:
            single.add_component(zone)
        single.add_component(todo)
        with open(os.path.join(folder, f"{i}.ics"), "wb") as f:
            f.write(single.to_ical())
    config = os.path.join(work, "config.py")
    with open(config, "w") as f:
        f.write(f'path = "{os.path.join(work, "lists")}/*"\n'
                f'cache_path = "{os.path.join(work, "cache.sqlite3")}"\n'
                'date_format = "%Y-%m-%d"\ntime_format = "%H:%M"\n'
                'default_list = "interviews"\n')
    todo = os.path.join(os.path.dirname(sys.executable), "todo")
    r = run([todo, "--config", config, "--porcelain", "list", "--status", "ANY"])
    try:
        listed = json.loads(r.stdout)
    except ValueError:
        check("todoman lists every to-do with its categories", False, r.stdout + r.stderr)
        return
    got = sorted((t["summary"], t["start"], tuple(t["categories"])) for t in listed)
    expected = sorted((a["title"], int(datetime.fromisoformat(a["start"]).timestamp()),
                       tuple(categories_of(a))) for a in plan)
    check("todoman lists every to-do with its start and categories", got == expected,
          f"{len(got)} listed, {len(expected)} planned; first difference: "
          f"{next((g, e) for g, e in zip(got + [None] * 99, expected)) if got != expected else ''}")


def meant(action, reminder):
    """The wall-clock moment a reminder means, in the action's zone: a whole number of days
    is the same wall-clock time that many days away ("a day before"); any other offset is
    the instant start + offset (09:00 on the thank-you deadline's morning)."""
    zone = ZoneInfo(action["timeZone"])
    start = datetime.fromisoformat(action["start"]).astimezone(zone)
    offset = reminder["offset"]
    if offset % 86400 == 0:
        return (start.replace(tzinfo=None) + timedelta(days=offset // 86400)).strftime(
            "%Y-%m-%d %H:%M")
    # Python adds a timedelta to an aware datetime on its wall clock: add it in UTC.
    instant = start.astimezone(timezone.utc) + timedelta(seconds=offset)
    return instant.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def check_alarm_times(plan, events_ics, todos_ics):
    """Every alarm of every pending action, expanded by icalendar.alarms.Alarms, fires at
    the wall-clock moment the plan means."""
    for path, kind in [(events_ics, "VEVENT"), (todos_ics, "VTODO")]:
        calendar = icalendar.Calendar.from_ical(open(path, "rb").read())
        components = {str(c["UID"]): c for c in calendar.walk(kind)}
        wrong = []
        count = 0
        for action in plan:
            if action["status"] != "pending":
                continue
            zone = ZoneInfo(action["timeZone"])
            fired = sorted(t.trigger.astimezone(zone).strftime("%Y-%m-%d %H:%M")
                           for t in Alarms(components[action["uid"]]).times)
            wanted = sorted(meant(action, r) for r in action["reminders"])
            count += len(wanted)
            if fired != wanted:
                wrong.append(f"{action['uid']}: fires {fired}, meant {wanted}")
        check(f"icalendar's Alarms fires every {kind} alarm at the planned wall-clock time "
              f"({count} alarms)", not wrong and count > 0, "; ".join(wrong))


def dst_ledger(zone, first_day):
    """Interviews at 15:00 on six days from `first_day` (a Wednesday before a DST change),
    each with a decision two days later: letters, deadline mornings, day-before alarms and
    calls on both sides of the change."""
    lines = [f"timezone {zone}", ""]
    day = datetime.fromisoformat(first_day)
    for n in range(6):
        d = day + timedelta(days=n)
        lines += [f"{d:%Y-%m-%d} 15:00 interview app{n}", f"  company: Firm {n}",
                  f"  decision: {d + timedelta(days=2):%Y-%m-%d}", ""]
    return "\n".join(lines)


def check_dst(tool, work):
    """Alarms across the spring and autumn changes in Berlin and New York, and zones whose
    events come before the year's first transition (Ruby's icalendar gem)."""
    os.makedirs(work)
    cases = [("Europe/Berlin", "2026-10-21"), ("Europe/Berlin", "2027-03-24"),
             ("America/New_York", "2026-10-28"), ("America/New_York", "2027-03-10")]
    for zone, first_day in cases:
        print(f"alarms across a DST change: {zone}, week of {first_day}:")
        ledger = os.path.join(work, f"{zone.replace('/', '-')}-{first_day}.ledger")
        with open(ledger, "w") as f:
            f.write(dst_ledger(zone, first_day))
        now = f"{first_day}T12:00:00"
        plan = plan_json(tool, ledger, now)
        events = ledger + ".ics"
        todos = ledger + ".todos.ics"
        export(tool, ledger, events, now=now)
        export(tool, ledger, todos, ["--todos"], now=now)
        check_alarm_times(plan, events, todos)
        check_ruby(events, plan, "events")

    print("zones before the year's first transition (Sydney in January, Berlin in February):")
    ledger = os.path.join(work, "first-transition.ledger")
    with open(ledger, "w") as f:
        f.write("timezone Australia/Sydney\n\n"
                "2027-01-12 10:00 interview sydney\n  company: Harbour Pty\n\n"
                "2027-02-10 10:00 interview berlin\n  company: Spree GmbH\n"
                "  tz: Europe/Berlin\n\n"
                "2027-01-20 10:00 interview newyork\n  company: Hudson Inc\n"
                "  tz: America/New_York\n")
    now = "2027-01-05T12:00:00"
    plan = plan_json(tool, ledger, now)
    events = ledger + ".ics"
    todos = ledger + ".todos.ics"
    export(tool, ledger, events, now=now)
    export(tool, ledger, todos, ["--todos"], now=now)
    check_ruby(events, plan, "events")
    check_ruby(todos, plan, "to-dos")
    check_alarm_times(plan, events, todos)


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


OWN_REMINDERS = {"thank-you", "check-email", "reconsider", "withdraw", "answer-offer"}


def check_visibility(tool, work):
    """CLASS, TRANSP, LOCATION and URL (issue 10) as every client reads them, and the
    `check-email digest` events expanded the same by libical, Python icalendar and khal."""
    print("privacy, transparency, place and link:")
    os.makedirs(work)
    ledger = os.path.join(ROOT, "samples", "interviews.ledger")
    plan = {a["uid"]: a for a in plan_json(tool, ledger)}
    ics = os.path.join(work, "calendar.ics")
    export(tool, ledger, ics)
    text = open(ics, encoding="utf-8").read()
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    wrong = []
    for e in events:
        kind = plan[str(e["UID"])]["kind"]
        want = "TRANSPARENT" if kind in OWN_REMINDERS else "OPAQUE"
        if str(e.get("CLASS")) != "PRIVATE" or str(e.get("TRANSP")) != want:
            wrong.append(f"{e['UID']}: {e.get('CLASS')} {e.get('TRANSP')}, wanted {want}")
    check("Python icalendar: CLASS:PRIVATE everywhere, TRANSP by kind", not wrong, wrong)
    places = {str(e["UID"]).split("@")[0]: str(e.get("LOCATION")) for e in events
              if e.get("LOCATION")}
    links = {str(e["UID"]).split("@")[0]: str(e.get("URL")) for e in events if e.get("URL")}
    check("Python icalendar: LOCATION from place on the interviews",
          places.get("interview.round-1.acme") == "Friedrichstraße 12, Berlin"
          and places.get("interview.round-2.hooli") == "Hooli campus, Munich", places)
    check("Python icalendar: URL from url on the interview and the call",
          links.get("interview.round-1.globex") == "https://globex.example/jobs/4711", links)
    try:
        parsed = ics_py.Calendar(text)
        by_uid = {e.uid: e for e in parsed.events}
        acme = by_uid["interview.round-1.acme@tenterhooks.example.com"]
        globex = by_uid["interview.round-1.globex@tenterhooks.example.com"]
        ok = (acme.location == "Friedrichstraße 12, Berlin" and acme.classification == "PRIVATE"
              and acme.transparent is False
              and globex.url == "https://globex.example/jobs/4711"
              and all(e.classification == "PRIVATE" for e in parsed.events))
        check("ics-py reads CLASS, TRANSP, LOCATION and URL", ok,
              f"{acme.location!r} {acme.classification!r} {acme.transparent!r} {globex.url!r}")
    except Exception as e:
        check("ics-py reads CLASS, TRANSP, LOCATION and URL", False, repr(e))
    try:
        strict = IcsCalendarStream.calendar_from_ics(text)
        acme = next(e for e in strict.events
                    if e.uid == "interview.round-1.acme@tenterhooks.example.com")
        check("the strict ical parser reads LOCATION and CLASS",
              acme.location == "Friedrichstraße 12, Berlin"
              and str(acme.classification).upper().endswith("PRIVATE"),
              f"{acme.location!r} {acme.classification!r}")
    except Exception as e:
        check("the strict ical parser reads LOCATION and CLASS", False, repr(e))
    public = os.path.join(work, "public.ledger")
    with open(public, "w") as f:
        f.write(open(ledger, encoding="utf-8").read().replace("privacy private", "privacy public"))
    shutil.copy(os.path.join(ROOT, "samples", "holidays-de.ics"), work)
    shutil.copy(os.path.join(ROOT, "samples", "holidays-us.ics"), work)
    public_ics = os.path.join(work, "public.ics")
    export(tool, public, public_ics)
    classes = {str(e.get("CLASS")) for e in
               icalendar.Calendar.from_ical(open(public_ics, "rb").read()).walk("VEVENT")}
    check("privacy public gives CLASS:PUBLIC", classes == {"PUBLIC"}, classes)

    print("check-email digest:")
    digest = os.path.join(work, "digest.ledger")
    with open(digest, "w") as f:
        f.write("timezone Europe/Berlin\ncheck-email digest\n\n"
                "2026-11-23 10:00 interview acme\n  company: Acme GmbH\n\n"
                "2026-11-25 14:00 interview beta\n  company: Beta AG\n")
    digest_plan = [a for a in plan_json(tool, digest) if a["kind"] == "check-email"]
    digest_ics = os.path.join(work, "digest.ics")
    export(tool, digest, digest_ics)
    wanted = {a["uid"]: local(a["start"]) for a in digest_plan if a["status"] != "cancelled"}
    r = run([sys.executable, "-c", (
        "import sys, icalendar\n"
        "for e in icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read()).walk('VEVENT'):\n"
        "    if 'digest' in str(e['UID']): print(e['UID'], e.decoded('DTSTART').isoformat())"),
        digest_ics])
    python_days = {line.split()[0]: local(line.split()[1]) for line in r.stdout.splitlines()}
    check("Python icalendar expands the digest days as the plan has them",
          len(wanted) >= 3 and all(python_days.get(u) == t for u, t in wanted.items()),
          f"{wanted} vs {python_days}")
    times, error = khal_times(digest_ics, os.path.join(work, "khal-digest"))
    check("khal lists every digest day at the planned time",
          times is not None and all(times.get(u) == t for u, t in wanted.items()),
          error or f"{wanted} vs {times}")
    titles = [a["title"] for a in digest_plan]
    check("a day both applications wait on names both",
          any("Acme GmbH" in t and "Beta AG" in t for t in titles), titles)


def main():
    tool = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="tenterhooks-interop-")
    try:
        check_calendar(tool, "samples/interviews.ledger",
                       os.path.join(ROOT, "samples", "interviews.ledger"),
                       os.path.join(work, "samples"))
        check_calendar(tool, "awkward text and zones", os.path.join(HERE, "awkward.ledger"),
                       os.path.join(work, "awkward"))
        check_dst(tool, os.path.join(work, "dst"))
        check_visibility(tool, os.path.join(work, "visibility"))
        check_feed(tool, os.path.join(work, "feed"))
    finally:
        if not os.environ.get("KEEP_INTEROP"):
            shutil.rmtree(work, ignore_errors=True)
        else:
            print("kept", work)
    finish("interop")


if __name__ == "__main__":
    main()
