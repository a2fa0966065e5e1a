#!/usr/bin/env python3
"""`letter` read back by Python's e-mail parser, and `report` rendered by headless chromium.

usage: glance.py PATH/TO/tenterhooks [SCREENSHOT_FOLDER]

letter: for the sample ledger and one full of non-ASCII names, Python's `email` package
(default policy) parses each draft with no defects in the message or any header, the To:
address round-trips exactly (display name and addr-spec as in the ledger), the Subject names
the role, every line is at most 78 characters; a missing address gives no To:, a loud
warning on stderr and in the draft, and exit 0.

report: headless chromium (driven over the DevTools protocol on a pipe) renders the page as a
375 px phone and a 1280 px desktop; nothing overflows horizontally (the document's
scrollWidth is the viewport's width, and no element reaches past it), the page refers to
nothing outside itself and runs no script, and it contains every application. Screenshots of both
widths go to SCREENSHOT_FOLDER (default .build/report-screenshots).
Prints 'N passed, N failed' last; exits 1 on a failure.
"""
import base64
import email
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from email import policy

from checking import check, finish

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NOW = "2026-12-03T12:00:00+01:00"



def run(args, **kw):
    return subprocess.run(args, capture_output=True, timeout=180, **kw)


# Names, companies and roles far from ASCII, with characters that mean something in HTML
# and in e-mail headers; the Swift tests read the same file (EdgeLedgers.nonASCII).
NON_ASCII = open(os.path.join(HERE, "non-ascii.ledger"), encoding="utf-8").read()


def ledger_facts(path):
    """The latest contact, email and role per application, read the simple way."""
    facts = {}
    current = None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^\d{4}-\d\d-\d\d(?: \d\d:\d\d)? interview (\S+)", line)
        if m:
            current = m.group(1)
            facts.setdefault(current, {})
            facts[current].pop("contact", None) if False else None
            continue
        if re.match(r"^\S", line):
            current = None
            continue
        m = re.match(r"^\s+(contact|email|role): (.*)$", line.rstrip("\n"))
        if current and m:
            facts[current][m.group(1)] = m.group(2).strip()
    return facts


def check_letters(tool, label, ledger, ids, work):
    facts = ledger_facts(ledger)
    for app in ids:
        out = os.path.join(work, f"{app}.eml")
        r = run([tool, "letter", app, "-o", out, "--ledger", ledger, "--now", NOW])
        if r.returncode != 0:
            check(f"{label}: letter {app} exits 0", False, r.stderr.decode())
            continue
        data = open(out, "rb").read()
        msg = email.message_from_bytes(data, policy=policy.default)
        header_defects = [(k, list(msg[k].defects)) for k in msg.keys() if msg[k].defects]
        check(f"{label}: letter {app} parses with no defects",
              not msg.defects and not header_defects, f"{msg.defects} {header_defects}")
        f = facts[app]
        to = msg["to"]
        ok = (to is not None and len(to.addresses) == 1
              and to.addresses[0].display_name == f["contact"]
              and to.addresses[0].addr_spec == f["email"])
        check(f"{label}: letter {app}'s To: round-trips the name and address exactly", ok,
              repr(to and [(a.display_name, a.addr_spec) for a in to.addresses]))
        check(f"{label}: letter {app}'s Subject names the role",
              f["role"] in str(msg["subject"]), repr(str(msg["subject"])))
        lines = data.split(b"\r\n")
        check(f"{label}: letter {app}'s lines are at most 78 characters, CRLF-ended",
              all(len(l.decode()) <= 78 for l in lines) and b"\n" not in data.replace(b"\r\n", b""),
              [l for l in lines if len(l.decode()) > 78][:2])
        body = msg.get_content()
        check(f"{label}: letter {app}'s body greets the interviewer by name, with places to fill",
              f"Dear {f['contact']}," in body and "[[" in body, body[:200])
        check(f"{label}: letter {app} is a draft with a Date",
              msg["x-unsent"] == "1" and msg["date"].datetime is not None, str(msg["date"]))


def check_missing(tool, work):
    ledger = os.path.join(work, "missing.ledger")
    with open(ledger, "w") as f:
        f.write("timezone Europe/Berlin\n2026-11-20 10:00 interview hooli\n  contact: Gavin\n")
    out = os.path.join(work, "hooli.eml")
    r = run([tool, "letter", "hooli", "-o", out, "--ledger", ledger, "--now", NOW])
    msg = email.message_from_bytes(open(out, "rb").read(), policy=policy.default)
    check("letter without an address: exit 0, warning on stderr, said in the draft, no To:",
          r.returncode == 0 and b"MISSING" in r.stderr and msg["to"] is None
          and "[[MISSING:" in msg.get_content() and not msg.defects,
          r.stderr.decode())


PROBE = """(function () {
  var w = window.innerWidth, over = [];
  document.querySelectorAll('body *').forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.width > 0 && (r.right > w + 0.5 || r.left < -0.5)) over.push(e.tagName + '#' + e.id);
  });
  return JSON.stringify({innerWidth: w, scrollWidth: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight, over: over.slice(0, 5),
    overCount: over.length, scripts: document.scripts.length,
    apps: Array.prototype.map.call(document.querySelectorAll('article.app'),
                                   function (a) { return a.id; })});
})()"""


class Chromium:
    """Headless chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe):
    real device emulation, so a 375 px phone is 375 px (a headless window is never narrower
    than 500), and no network port is opened."""

    def __init__(self):
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        # The protocol wants the pipes as file descriptors 3 (in) and 4 (out).
        self.process = subprocess.Popen(
            ["bash", "-c", f'exec "$0" "$@" 3<&{to_child_r} 4>&{from_child_w}', binary,
             "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", "--disable-extensions", "--disable-background-networking",
             "--disable-sync", "--remote-debugging-pipe", "about:blank"],
            pass_fds=(to_child_r, from_child_w), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Runtime.enable", session=True)

    def send(self, message):
        os.write(self.to_child, json.dumps(message).encode() + b"\0")

    def receive(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=False):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        self.send(message)
        while True:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method):
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self.receive())

    def load(self, url, width, height=900, mobile=False):
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1,
                   "mobile": mobile}, session=True)
        self.events = []
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate",
                           {"expression": expression, "returnByValue": True}, session=True)
        return result["result"].get("value")

    def screenshot(self, path, width, height):
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1,
                   "mobile": width < 500}, session=True)
        data = self.call("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.to_child)
        os.close(self.from_child)


def check_report(browser, tool, label, ledger, work, shots):
    page = os.path.join(work, "hunt.html")
    r = run([tool, "report", "-o", page, "--ledger", ledger, "--now", NOW])
    check(f"{label}: report writes the page", r.returncode == 0, r.stderr.decode())
    if r.returncode != 0:
        return
    html = open(page, encoding="utf-8").read()
    check(f"{label}: the page refers to nothing outside itself",
          not re.search(r"(?i)(src=|href=|url\(|@import|<link|<script)", html))
    status = json.loads(run([tool, "status", "--format", "json", "--ledger", ledger,
                             "--now", NOW]).stdout)
    ids = sorted(a["application"] for a in status)
    for width in (375, 1280):
        browser.load("file://" + page, width, mobile=width < 500)
        facts = json.loads(browser.evaluate(PROBE))
        check(f"{label}: nothing overflows horizontally at {width} px",
              facts["innerWidth"] == width and facts["scrollWidth"] <= width
              and facts["overCount"] == 0, json.dumps(facts)[:400])
        check(f"{label}: the page at {width} px has every application, and no script",
              sorted(facts["apps"]) == ids and facts["scripts"] == 0,
              f"{facts['apps']} != {ids}")
        if shots:
            os.makedirs(shots, exist_ok=True)
            shot = os.path.join(shots, f"{label.split()[0]}-{width}.png")
            browser.screenshot(shot, width, min(facts["height"], 2600))
            check(f"{label}: chromium takes a screenshot at {width} px",
                  os.path.getsize(shot) > 1000 and open(shot, "rb").read(8) == b"\x89PNG\r\n\x1a\n")


def main():
    tool = os.path.abspath(sys.argv[1])
    shots = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, ".build", "report-screenshots")
    work = tempfile.mkdtemp(prefix="tenterhooks-glance-")
    try:
        samples = os.path.join(work, "samples")
        shutil.copytree(os.path.join(ROOT, "samples"), samples)
        sample = os.path.join(samples, "interviews.ledger")
        check_letters(tool, "samples", sample, ["acme", "initech", "globex"], work)
        awkward = os.path.join(work, "non-ascii.ledger")
        with open(awkward, "w", encoding="utf-8") as f:
            f.write(NON_ASCII)
        check_letters(tool, "non-ASCII", awkward, ["mueller", "yamada", "obrien", "rocket"], work)
        check_missing(tool, work)
        if shutil.which("chromium") or shutil.which("chromium-browser"):
            browser = Chromium()
            os.makedirs(os.path.join(work, "r1"))
            check_report(browser, tool, "samples", sample, os.path.join(work, "r1"), shots)
            os.makedirs(os.path.join(work, "r2"))
            check_report(browser, tool, "non-ASCII", awkward, os.path.join(work, "r2"), shots)
            many = os.path.join(work, "many.ledger")
            with open(many, "w") as f:
                f.write("timezone Europe/Berlin\n")
                for i in range(100):
                    f.write(f"\n2026-11-{1 + i % 28:02d} 10:00 interview app{i}\n"
                            f"  company: Company number {i} with a long name\n"
                            f"  role: Role {i}\n  email: someone.with.a.long.address{i}@example.com\n")
            os.makedirs(os.path.join(work, "r3"))
            check_report(browser, tool, "100 applications", many, os.path.join(work, "r3"), None)
            browser.close()
        else:
            check("chromium is installed (scripts/bootstrap --interop)", False)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    finish("glance")


if __name__ == "__main__":
    main()
