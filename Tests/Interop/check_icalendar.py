#!/usr/bin/env python3
"""Independent check of an exported calendar with Python's icalendar library.

usage: check_icalendar.py CALENDAR.ics PLAN.json

PLAN.json is `tenterhooks plan --format json --all` for the same ledger and --now.
Every action in the plan must be in the calendar under its UID, with the same start
instant, SEQUENCE and status; pending actions carry DISPLAY alarms with a description;
every TZID used has a VTIMEZONE; calendar properties are present. Exits 1 on a mismatch.
"""
import json
import sys
from datetime import datetime

import icalendar

def fail(message):
    print(f"icalendar check: FAIL: {message}")
    sys.exit(1)

def main(ics_path, plan_path):
    with open(ics_path, "rb") as f:
        raw = f.read()
    calendar = icalendar.Calendar.from_ical(raw)
    plan = json.load(open(plan_path, encoding="utf-8"))

    for prop in ["VERSION", "PRODID", "CALSCALE", "METHOD", "NAME", "X-WR-CALNAME",
                 "X-WR-TIMEZONE", "REFRESH-INTERVAL", "X-PUBLISHED-TTL"]:
        if prop not in calendar:
            fail(f"calendar property {prop} missing")

    zones = {str(z["TZID"]) for z in calendar.walk("VTIMEZONE")}
    components = {str(c["UID"]): c for c in calendar.walk() if c.name in ("VEVENT", "VTODO")}
    if len(components) != len(plan):
        fail(f"{len(components)} components in the calendar, {len(plan)} actions in the plan")

    alarms = 0
    for action in plan:
        c = components.get(action["uid"])
        if c is None:
            fail(f"action {action['uid']} is not in the calendar")
        start = c["DTSTART"].dt
        expected = datetime.fromisoformat(action["start"])
        if start != expected:
            fail(f"{action['uid']}: DTSTART {start} != plan start {expected}")
        tzid = c["DTSTART"].params.get("TZID")
        if tzid is not None and tzid not in zones:
            fail(f"{action['uid']}: TZID {tzid} has no VTIMEZONE")
        if int(c.get("SEQUENCE", 0)) != action["sequence"]:
            fail(f"{action['uid']}: SEQUENCE {c.get('SEQUENCE')} != {action['sequence']}")
        status = str(c.get("STATUS", ""))
        if (action["status"] == "cancelled") != (status == "CANCELLED"):
            fail(f"{action['uid']}: STATUS {status} for a {action['status']} action")
        valarms = c.walk("VALARM")
        if action["status"] != "pending" and valarms:
            fail(f"{action['uid']}: a {action['status']} action still has alarms")
        for a in valarms:
            if str(a["ACTION"]) != "DISPLAY" or not str(a.get("DESCRIPTION", "")):
                fail(f"{action['uid']}: alarm without DISPLAY action or description")
            if "TRIGGER" not in a:
                fail(f"{action['uid']}: alarm without TRIGGER")
        alarms += len(valarms)
        if str(c["SUMMARY"]).strip() == "":
            fail(f"{action['uid']}: empty SUMMARY")

    print(f"icalendar {icalendar.__version__}: {len(components)} components, {alarms} alarms, "
          f"{len(zones)} time zones ({', '.join(sorted(zones))}) — all match the plan")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
