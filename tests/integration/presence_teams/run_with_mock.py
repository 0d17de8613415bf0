#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""presence.teams against graph_mock.py on 127.0.0.1, through presence_teams_driver (the C ABI).

usage: run_with_mock.py DRIVER PLUGIN.so

Checks, in order: 2,000 known and 40 unknown e-mails subscribed at once are all resolved (in
$batch requests of at most 20, some with 404 parts) and reported, the unknown ones as unknown;
changes at the mock reach the plugin within 2 s; expired tokens give a 401, one refresh and a
retry; a 429 with Retry-After is waited out (the mock counts any earlier request as a violation);
a 5xx burst and a dropped connection are recovered (limited, then running); the mock's
violations list stays empty (batch size, ids per request, request budget, Retry-After). Then the
password flow against the mock on HTTPS: trusted through tls.ca_file, refused without it.
"""
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from graph_mock import GraphMock, serve  # noqa: E402

KNOWN = 2000
UNKNOWN = 40
AVAILABILITY = {"Available": 1, "Busy": 2, "Away": 3, "BeRightBack": 3, "DoNotDisturb": 4, "Offline": 5}
ACTIVITY = {"Available": 0, "InACall": 1, "InAMeeting": 2, "Presenting": 3, "Away": 5, "BeRightBack": 6,
            "Offline": 0, "DoNotDisturb": 0, "Busy": 0}
DEADLINE_S = 2.0
RUNNING, LIMITED = 0, 1  # PORTIER_STATE_*


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


class Driver:
    def __init__(self, argv):
        env = dict(os.environ, PORTIER_TEAMS_SECRET="s3cret", PORTIER_TEAMS_PASSWORD="pw")
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        self.lines = queue.Queue()
        self.events = {}   # key -> list of (availability, activity, confirmed_us, text, note, arrival)
        self.states = []   # (state, reason, arrival)
        self.logs = []
        self.lock = threading.Lock()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        for line in self.proc.stdout:
            parts = line.rstrip("\n").split("\t")
            now = time.time()
            with self.lock:
                if parts[0] == "event":
                    self.events.setdefault(parts[2], []).append(
                        (int(parts[3]), int(parts[4]), int(parts[5]), parts[6], parts[7], now))
                elif parts[0] == "state":
                    self.states.append((int(parts[1]), parts[2], now))
                elif parts[0] == "log":
                    self.logs.append(parts[2])
            if parts[0] == "done":
                self.lines.put(parts)

    def command(self, text):
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()
        done = self.lines.get(timeout=10)
        if done[2] != "0":
            fail("driver command %r failed: %s" % (text[:60], done))

    def wait(self, what, predicate, seconds):
        end = time.time() + seconds
        while time.time() < end:
            with self.lock:
                if predicate():
                    return
            time.sleep(0.02)
        fail("timed out after %.0f s waiting for %s" % (seconds, what))

    def last(self, key):
        with self.lock:
            items = self.events.get(key)
            return items[-1] if items else None


def mail(i):
    return "user%04d@example.org" % i


def uid(i):
    return "0b6f5c2e-1d4a-4c43-8f0e-%012x" % i


def password_flow_over_tls(driver_path, plugin):
    """The password (ROPC) flow against the mock on HTTPS: with the test CA as tls.ca_file all
    users are reported; without it (system CAs) the certificate is refused and the plugin stays
    limited, naming the request."""
    with tempfile.TemporaryDirectory() as tmp:
        cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", key, "-out", cert], check=True, capture_output=True)
        mock = GraphMock(token_lifetime=60)
        server = serve(mock, tls=(cert, key))
        base = "https://127.0.0.1:%d" % server.server_address[1]
        for i in range(100):
            mock.add_user(mail(i), uid(i), "Busy", "InAMeeting")
        settings = {"tenant_id": "contoso-test", "client_id": "app-1", "auth_flow": "password",
                    "user": "console@example.org", "password_secret": "teams_password",
                    "login_url": base, "graph_url": base + "/v1.0", "poll_interval_seconds": 1,
                    "backoff_min_seconds": 1, "backoff_max_seconds": 1, "timeout_seconds": 5}
        for trusted in (True, False):
            d = Driver([driver_path, plugin])
            try:
                d.command("create " + json.dumps(dict(settings, **({"tls": {"ca_file": cert}} if trusted else {}))))
                d.command("sub email " + " ".join(mail(i) for i in range(100)))
                if trusted:
                    d.wait("100 users over TLS with the password flow", lambda: len(d.events) == 100, 10)
                    if any(d.last(mail(i))[:2] != (2, 2) for i in range(100)):
                        fail("password flow over TLS: a user not reported busy in a meeting")
                    print("password flow over TLS with the test CA: 100 users reported", flush=True)
                else:
                    d.wait("the untrusted certificate refused",
                           lambda: any(s[0] == LIMITED and "token" in s[1] and "/oauth2/v2.0/token" in s[1]
                                       and "certificate" in s[1].lower() for s in d.states), 10)
                    if d.events:
                        fail("events arrived although the certificate is not trusted")
                    print("without the test CA: refused (%s)" % d.states[-1][1][:120], flush=True)
            finally:
                d.proc.stdin.write("quit\n")
                d.proc.stdin.flush()
                d.proc.wait(timeout=15)
        server.shutdown()
        if mock.stats()["violations"]:
            fail("TLS phase broke Graph's limits: %s" % mock.stats()["violations"][:5])


def main():
    driver_path, plugin = sys.argv[1], sys.argv[2]
    started = time.time()
    mock = GraphMock(token_lifetime=4, budget=300)
    server = serve(mock)
    base = "http://127.0.0.1:%d" % server.server_address[1]
    for i in range(KNOWN):
        mock.add_user(mail(i), uid(i), "Available", "Available")
    d = Driver([driver_path, plugin])
    settings = {"tenant_id": "contoso-test", "client_id": "app-1", "client_secret": "teams_secret",
                "login_url": base, "graph_url": base + "/v1.0", "poll_interval_seconds": 1,
                "budget_requests_per_30s": 300, "budget_share_percent": 50, "token_margin_seconds": 1,
                "backoff_min_seconds": 1, "backoff_max_seconds": 2, "timeout_seconds": 5}
    try:
        d.command("create " + json.dumps(settings))
        # unknown addresses mixed in, so most look-up batches carry a 404 part
        keys = []
        for i in range(KNOWN):
            keys.append(mail(i))
            if i % 50 == 0:
                keys.append("nobody%02d@example.org" % (i // 50))
        d.command("sub email " + " ".join(keys))
        d.wait("all %d keys reported" % len(keys), lambda: len(d.events) == len(keys), 20)
        first_view = time.time() - started
        for i in range(KNOWN):
            ev = d.last(mail(i))
            if ev[0] != 1 or ev[1] != 0:
                fail("%s reported as %s, expected available" % (mail(i), ev[:2]))
        for i in range(UNKNOWN):
            events = d.events["nobody%02d@example.org" % i]
            if len(events) != 1 or events[0][0] != 0:
                fail("unknown address reported as %s, expected one unknown event" % events)
        d.wait("running", lambda: d.states and d.states[-1][0] == RUNNING, 5)
        stats = mock.stats()
        if stats["counts"]["batch_404"] != UNKNOWN:
            fail("expected %d 404 parts in batches, the mock counted %d" % (UNKNOWN, stats["counts"]["batch_404"]))
        print("first complete view of %d keys after %.2f s (%d batches, %d presence requests)" %
              (len(keys), first_view, stats["counts"]["batch"], stats["counts"]["presence"]), flush=True)

        def change_round(label, users, availability, activity, message=""):
            counts_before = {u: len(d.events[mail(u)]) for u in users}
            t0 = time.time()
            for u in users:
                mock.set_presence(uid(u), availability, activity, message)
            d.wait("%s: changes reported" % label,
                   lambda: all(len(d.events[mail(u)]) > counts_before[u] for u in users), 15)
            slowest = 0.0
            for u in users:
                ev = d.events[mail(u)][counts_before[u]]
                slowest = max(slowest, ev[5] - t0)
                if ev[0] != AVAILABILITY[availability] or ev[1] != ACTIVITY[activity] or ev[4] != message:
                    fail("%s: %s reported %s, expected %s/%s" % (label, mail(u), ev, availability, activity))
            print("%s: %d changes, slowest %.2f s" % (label, len(users), slowest), flush=True)
            return slowest

        slowest = change_round("changes", range(0, KNOWN, 40), "Busy", "InACall", "on the phone")
        if slowest > DEADLINE_S:
            fail("a change took %.2f s to arrive (limit %.1f s)" % (slowest, DEADLINE_S))
        # no event without a change: wait two polls and count
        total = sum(len(v) for v in d.events.values())
        time.sleep(2.2)
        if sum(len(v) for v in d.events.values()) != total:
            fail("events arrived although nothing changed at the mock")

        # token expiry: 401, one refresh, retry
        before = mock.stats()
        mock.expire_tokens()
        change_round("after expired tokens", range(1, KNOWN, 97), "Away", "Away")
        after = mock.stats()
        if after["counts"]["401"] <= before["counts"]["401"] and after["tokens_issued"] <= before["tokens_issued"]:
            fail("the tokens expired but the plugin neither got a 401 nor fetched a new token")
        if after["counts"]["401"] > before["counts"]["401"] + 2:
            fail("more than one 401 per expiry: %d" % (after["counts"]["401"] - before["counts"]["401"]))

        # 429 with Retry-After: 2 s, limited, then running; the mock counts early requests
        n_states = len(d.states)
        mock.add_fault("429", 1, retry_after=2)
        t0 = time.time()
        d.wait("limited after 429", lambda: any(s[0] == LIMITED for s in d.states[n_states:]), 5)
        d.wait("running after 429", lambda: d.states[-1][0] == RUNNING and len(d.states) > n_states + 1, 10)
        if time.time() - t0 < 2.0:
            fail("running again %.2f s after a 429 with Retry-After: 2" % (time.time() - t0))
        change_round("after 429", range(2, KNOWN, 89), "DoNotDisturb", "Presenting")

        # a 5xx burst, then dropped connections: libcurl itself retries a request once on a fresh
        # connection when a kept-alive one dies unanswered, so two drops in a row reach the plugin
        for kind, count in (("5xx", 3), ("drop", 2)):
            n_states = len(d.states)
            mock.add_fault(kind, count)
            d.wait("limited after %s" % kind, lambda: any(s[0] == LIMITED for s in d.states[n_states:]), 5)
            d.wait("running after %s" % kind,
                   lambda: d.states[-1][0] == RUNNING and len(d.states) > n_states + 1, 15)
            change_round("after %s" % kind, range(3, KNOWN, 83), "BeRightBack" if kind == "5xx" else "Offline",
                         "BeRightBack" if kind == "5xx" else "Offline")

        stats = mock.stats()
        print("mock: %s" % json.dumps(stats["counts"]), flush=True)
        if stats["violations"]:
            fail("the plugin broke Graph's limits: %s" % stats["violations"][:5])
        if stats["max_batch"] > 20 or stats["max_ids"] > 650:
            fail("batch %d, ids %d beyond the limits" % (stats["max_batch"], stats["max_ids"]))
        for what in ("5xx", "drop", "429"):
            if stats["counts"][what] < 1:
                fail("the fault %s was never served" % what)
        password_flow_over_tls(driver_path, plugin)
        print("PASS in %.1f s" % (time.time() - started), flush=True)
    finally:
        try:
            d.proc.stdin.write("quit\n")
            d.proc.stdin.flush()
            d.proc.wait(timeout=15)
        except Exception:  # noqa: BLE001 - the driver is killed below whatever went wrong
            pass
        if d.proc.poll() is None:
            d.proc.kill()
        server.shutdown()


if __name__ == "__main__":
    main()
