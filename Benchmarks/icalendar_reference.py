#!/usr/bin/env python3
"""The Python reference for tenterhooks-bench: the same events and alarms, built with
icalendar (the library most people would script this with) from `plan --format json --all`.

    .build-venv/bin/python Benchmarks/icalendar_reference.py PLAN.json OUT.ics

Reading the JSON is not timed; building the calendar, serialising it and writing it are.
Prints one JSON object: {"events", "alarms", "bytes", "build", "serialise", "write", "seconds"}.
`scripts/bootstrap --interop` creates .build-venv with icalendar.
"""

import json
import os
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

WEEKDAYS = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA",
            "sun": "SU"}
DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
               "Dec"]


def local(text, zone):
    """An ISO 8601 date-time with offset, as wall-clock time in the action's zone."""
    return datetime.fromisoformat(text).astimezone(zone)


def long_date(moment, zone_name):
    """`Thu 26 Nov 2026, 23:59 (Europe/Berlin)`, as the export's descriptions say it."""
    return (f"{DAY_NAMES[moment.weekday()]} {moment.day} {MONTH_NAMES[moment.month - 1]}"
            f" {moment.year}, {moment.hour:02d}:{moment.minute:02d} ({zone_name})")


def build(actions):
    zones = {}
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//Tenterhooks//Tenterhooks//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", "Benchmark")
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-wr-calname", "Benchmark")
    calendar.add("x-wr-timezone", "Europe/Berlin")
    calendar.add("x-published-ttl", "PT1H")
    alarms = 0
    for action in actions:
        name = action["timeZone"]
        zone = zones.get(name) or zones.setdefault(name, ZoneInfo(name))
        start = local(action["start"], zone)
        status = action["status"]
        event = icalendar.Event()
        event.add("uid", action["uid"])
        # The JSON has no DTSTAMP; the start stands in for it (same size, same work).
        event.add("dtstamp", start.astimezone(ZoneInfo("UTC")))
        event.add("dtstart", start)
        event.add("dtend", local(action["end"], zone))
        event.add("sequence", action["sequence"])
        event.add("status", "CANCELLED" if status == "cancelled" else "CONFIRMED")
        prefix = {"pending": "", "done": "Done: ", "cancelled": "Cancelled: "}[status]
        event.add("summary", prefix + action["title"])
        parts = [action["details"]]
        if action["deadline"]:
            parts.append("Deadline: " + long_date(local(action["deadline"], zone), name))
        parts.append("Why: " + action["why"])
        event.add("description", "\n\n".join(p for p in parts if p))
        event.add("categories", ["Tenterhooks", action["kind"]])
        if action["prominent"]:
            event.add("priority", 1)
        repeats = action["repeats"]
        if repeats:
            until = datetime.fromisoformat(repeats["until"]).astimezone(ZoneInfo("UTC"))
            if len(repeats["days"]) == 7:
                event.add("rrule", {"freq": "daily", "until": until})
            else:
                event.add("rrule", {"freq": "weekly", "until": until,
                                    "byday": [WEEKDAYS[d] for d in repeats["days"]]})
            for skipped in repeats["except"]:
                event.add("exdate", local(skipped, zone))
        event.add("x-tenterhooks-application", action["application"])
        event.add("x-tenterhooks-kind", action["kind"])
        event.add("x-tenterhooks-status", status)
        for reminder in action["reminders"]:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", timedelta(seconds=reminder["offset"]))
            alarm.add("description", reminder["message"])
            event.add_component(alarm)
            alarms += 1
        calendar.add_component(event)
    if hasattr(calendar, "add_missing_timezones"):
        calendar.add_missing_timezones()
    return calendar, alarms


def main():
    plan_path, out_path = sys.argv[1], sys.argv[2]
    with open(plan_path, encoding="utf-8") as f:
        actions = json.load(f)
    started = time.perf_counter()
    calendar, alarms = build(actions)
    built = time.perf_counter()
    data = calendar.to_ical()
    serialised = time.perf_counter()
    with open(out_path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    written = time.perf_counter()
    json.dump({"events": len(actions), "alarms": alarms, "bytes": len(data),
               "build": built - started, "serialise": serialised - built,
               "write": written - serialised, "seconds": written - started}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
