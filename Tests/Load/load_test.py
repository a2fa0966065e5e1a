#!/usr/bin/env python3
"""Bounded loopback load test of `tenterhooks serve`.

Starts the real binary on 127.0.0.1 with a port the kernel picks, on a generated ledger,
then sends a fixed number of requests from concurrent keep-alive clients (asyncio, raw
HTTP/1.1): full GETs, conditional GETs that must be 304 (If-None-Match and
If-Modified-Since), HEADs and GETs of other paths that must be 404. Every response is
checked: status, ETag, Content-Length and, for full GETs, the body's bytes against
`tenterhooks export -o -` of the same ledger at the same --now. The server's resident memory
(VmRSS from /proc) is sampled after a warm-up and at the end; the run fails when it grew
by more than --rss-growth-mib. Prints requests/s and latency percentiles.

Only ever connects to 127.0.0.1. Usage:
  load_test.py TENTERHOOKS [--requests N] [--clients C] [--seed S] [--json FILE]
"""

import argparse
import asyncio
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

HOST = "127.0.0.1"  # loopback only, never anything else
NOW = "2026-06-15T12:00:00+02:00"


def ledger_text(applications: int) -> str:
    """A valid ledger with every kind of action, like Tests/ExportTests' LargeLedger."""
    lines = [
        "timezone Europe/Berlin",
        "calendar-name Load test",
        "uid-domain load.tenterhooks.test",
        "",
    ]
    for i in range(applications):
        month = 1 + i % 11
        day = 1 + (i * 7) % 18
        date = lambda plus=0: f"2026-{month:02d}-{day + plus:02d}"  # noqa: E731
        lines += [
            f"{date()} 10:00 interview app-{i}",
            f"  company: Company {i} GmbH",
            f"  role: Engineer {i}",
            f"  contact: Contact {i}",
            f"  email: hr{i}@example.com",
            f"  decision: {date(5)}",
            "  caller: me" if i % 2 else "  caller: employer",
            "",
        ]
        if i % 3 == 0:
            lines += [f"{date(1)} 18:30 thanked app-{i}", ""]
        if i % 5 == 0:
            lines += [f"{date(3)} postponed app-{i}", f"  decision: {date(9)}", ""]
        if i % 11 == 0:
            lines += [f"{date(10)} rejected app-{i}", ""]
    return "\n".join(lines) + "\n"


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


class Failure(Exception):
    pass


async def read_response(reader, method: str):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    body = b""
    if method != "HEAD" and status != 304 and length:
        body = await reader.readexactly(length)
    if headers.get("transfer-encoding"):
        raise Failure(f"unexpected chunked response: {headers}")
    return status, headers, body


async def client(number, plan, expected, latencies, errors, progress):
    reader, writer = await asyncio.open_connection(HOST, expected["port"])
    try:
        for kind in plan:
            method, path, extra = "GET", expected["path"], ""
            if kind == "head":
                method = "HEAD"
            elif kind == "etag":
                extra = f"If-None-Match: {expected['etag']}\r\n"
            elif kind == "since":
                extra = f"If-Modified-Since: {expected['last_modified']}\r\n"
            elif kind == "missing":
                path = f"/other-{number}.ics"
            request = f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\n{extra}\r\n"
            started = time.perf_counter()
            writer.write(request.encode())
            status, headers, body = await read_response(reader, method)
            latencies.append(time.perf_counter() - started)
            progress[0] += 1
            try:
                check(kind, status, headers, body, expected)
            except Failure as failure:
                errors.append(f"client {number}, {kind}: {failure}")
                if len(errors) > 20:
                    return
    finally:
        writer.close()
        await writer.wait_closed()


def check(kind, status, headers, body, expected):
    if kind == "missing":
        if status != 404:
            raise Failure(f"status {status}, wanted 404")
        return
    want = 304 if kind in ("etag", "since") else 200
    if status != want:
        raise Failure(f"status {status}, wanted {want}")
    if headers.get("etag") != expected["etag"]:
        raise Failure(f"ETag {headers.get('etag')!r}, wanted {expected['etag']!r}")
    if headers.get("last-modified") != expected["last_modified"]:
        raise Failure(f"Last-Modified {headers.get('last-modified')!r}")
    if want == 200:
        if headers.get("content-type") != "text/calendar; charset=utf-8":
            raise Failure(f"Content-Type {headers.get('content-type')!r}")
        if int(headers.get("content-length", -1)) != expected["length"]:
            raise Failure(f"Content-Length {headers.get('content-length')}")
        if kind == "full" and body != expected["body"]:
            raise Failure(f"body differs ({len(body)} bytes)")


async def sampler(pid, progress, samples, stop):
    while not stop.is_set():
        samples.append((progress[0], rss_kib(pid)))
        try:
            await asyncio.wait_for(stop.wait(), 0.5)
        except asyncio.TimeoutError:
            pass


async def load(args, expected, pid):
    rng = random.Random(args.seed)
    kinds = ["full"] * 40 + ["etag"] * 30 + ["since"] * 10 + ["head"] * 10 + ["missing"] * 10
    per_client = [[] for _ in range(args.clients)]
    for i in range(args.requests):
        per_client[i % args.clients].append(rng.choice(kinds))
    counts = {k: sum(p.count(k) for p in per_client) for k in set(kinds)}

    # Warm-up, not measured: the server's caches, NIO's buffers, the allocator's arenas.
    warm = [[rng.choice(kinds) for _ in range(args.warmup // args.clients)]
            for _ in range(args.clients)]
    errors, progress = [], [0]
    await asyncio.gather(*(client(i, p, expected, [], errors, progress)
                           for i, p in enumerate(warm)))
    rss_before = rss_kib(pid)

    latencies, progress, samples, stop = [], [0], [], asyncio.Event()
    sampling = asyncio.create_task(sampler(pid, progress, samples, stop))
    started = time.perf_counter()
    await asyncio.gather(*(client(i, p, expected, latencies, errors, progress)
                           for i, p in enumerate(per_client)))
    elapsed = time.perf_counter() - started
    stop.set()
    await sampling
    rss_after = rss_kib(pid)
    return counts, latencies, errors, elapsed, rss_before, rss_after, samples


def percentile(sorted_values, p):
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--warmup", type=int, default=2000)
    parser.add_argument("--applications", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rss-growth-mib", type=float, default=16)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--json")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="tenterhooks-load-")
    ledger = os.path.join(folder, "interviews.ledger")
    with open(ledger, "w") as f:
        f.write(ledger_text(args.applications))
    env = dict(os.environ, TZ="Europe/Berlin")
    env.pop("TENTERHOOKS_LEDGER", None)
    reference = subprocess.run(
        [args.binary, "export", "--ledger", ledger, "--now", NOW, "-o", "-"],
        env=env, check=True, capture_output=True).stdout

    log_path = os.path.join(folder, "serve.log")
    log = open(log_path, "wb")
    server = subprocess.Popen(
        [args.binary, "serve", "--ledger", ledger, "--now", NOW, "--host", HOST, "--port", "0"],
        env=env, stdout=subprocess.DEVNULL, stderr=log)
    try:
        port = None
        deadline = time.time() + 60
        while port is None and time.time() < deadline:
            if server.poll() is not None:
                raise SystemExit(f"serve exited with {server.returncode}: "
                                 + open(log_path, errors="replace").read())
            match = re.search(rf"http://{re.escape(HOST)}:(\d+)/calendar\.ics",
                              open(log_path, errors="replace").read())
            if match:
                port = int(match.group(1))
            else:
                time.sleep(0.05)
        if port is None:
            raise SystemExit("serve did not start within 60 s")

        # Learn the validators from one plain request (and check the body is the export's).
        async def first():
            reader, writer = await asyncio.open_connection(HOST, port)
            for _ in range(200):  # the first render may still be running: 503 until then
                writer.write(f"GET /calendar.ics HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
                status, headers, body = await read_response(reader, "GET")
                if status == 200:
                    break
                await asyncio.sleep(0.05)
            writer.close()
            return status, headers, body
        status, headers, body = asyncio.run(first())
        if status != 200 or body != reference:
            raise SystemExit(f"first GET: {status}, body equals export: {body == reference}")
        expected = {
            "port": port, "path": "/calendar.ics", "etag": headers["etag"],
            "last_modified": headers["last-modified"], "length": len(reference),
            "body": reference,
        }

        async def bounded():
            return await asyncio.wait_for(load(args, expected, server.pid), args.timeout)
        counts, latencies, errors, elapsed, before, after, samples = asyncio.run(bounded())
        alive = server.poll() is None
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()

    latencies.sort()
    ms = lambda s: round(s * 1000, 2)  # noqa: E731
    result = {
        "requests": len(latencies), "clients": args.clients, "mix": counts,
        "calendar_bytes": len(reference), "seconds": round(elapsed, 2),
        "requests_per_second": round(len(latencies) / elapsed),
        "latency_ms": {"p50": ms(percentile(latencies, 50)), "p90": ms(percentile(latencies, 90)),
                       "p99": ms(percentile(latencies, 99)), "max": ms(latencies[-1])},
        "rss_kib": {"after_warmup": before, "end": after,
                    "max_sampled": max([s[1] for s in samples] + [after])},
        "errors": len(errors),
    }
    print(json.dumps(result, indent=2))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)

    failed = []
    if errors:
        failed += errors[:10]
    if len(latencies) != args.requests:
        failed.append(f"{len(latencies)} of {args.requests} requests answered")
    if not alive:
        failed.append("the server died during the run")
    growth = (after - before) / 1024
    if growth > args.rss_growth_mib:
        failed.append(f"RSS grew by {growth:.1f} MiB (bound {args.rss_growth_mib} MiB)")
    if failed:
        print("load test FAILED:\n  " + "\n  ".join(failed), file=sys.stderr)
        sys.exit(1)
    print(f"load test passed: {len(latencies)} requests, {result['requests_per_second']}/s, "
          f"RSS {before} → {after} KiB", file=sys.stderr)
    subprocess.run(["rm", "-rf", folder])


if __name__ == "__main__":
    main()
