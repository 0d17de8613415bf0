#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""presence.teams against graph_mock.py on 127.0.0.1, through presence_driver (the C ABI).

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
import sys
import tempfile
import time

# python puts this script's folder on the path; the driver's side is in presence_common
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "presence_common"))
from graph_mock import GraphMock, serve  # noqa: E402
from plugin_driver import LIMITED, RUNNING, Driver, fail  # noqa: E402
import runner  # noqa: E402

KNOWN = 2000
UNKNOWN = 40
AVAILABILITY = {"Available": 1, "Busy": 2, "Away": 3, "BeRightBack": 3, "DoNotDisturb": 4, "Offline": 5}
ACTIVITY = {"Available": 0, "InACall": 1, "InAMeeting": 2, "Presenting": 3, "Away": 5, "BeRightBack": 6,
            "Offline": 0, "DoNotDisturb": 0, "Busy": 0}
DEADLINE_S = 2.0
SECRETS = {"teams_secret": "s3cret", "teams_password": "pw"}  # the settings name these


def mail(i):
    return "user%04d@example.org" % i


def uid(i):
    return "0b6f5c2e-1d4a-4c43-8f0e-%012x" % i


def password_flow_over_tls(driver_path, plugin):
    """The password (ROPC) flow against the mock on HTTPS: with the test CA as tls.ca_file all
    users are reported; without it (system CAs) the certificate is refused and the plugin stays
    limited, naming the request."""
    with tempfile.TemporaryDirectory() as tmp:
        cert, key = runner.self_signed_cert(tmp)
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
            d = Driver([driver_path, plugin], SECRETS)
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
                d.close()
        server.shutdown()
        if mock.stats()["violations"]:
            fail("TLS phase broke Graph's limits: %s" % mock.stats()["violations"][:5])


def polling_phase(driver_path, plugin):
    started = time.time()
    mock = GraphMock(token_lifetime=4, budget=300)
    server = serve(mock)
    base = "http://127.0.0.1:%d" % server.server_address[1]
    for i in range(KNOWN):
        mock.add_user(mail(i), uid(i), "Available", "Available")
    d = Driver([driver_path, plugin], SECRETS)
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
        runner.reported(d, [mail(i) for i in range(KNOWN)], (1, 0), "a key not reported available")
        runner.unknown_once(d, ["nobody%02d@example.org" % i for i in range(UNKNOWN)])
        d.wait("running", lambda: d.states and d.states[-1][0] == RUNNING, 5)
        stats = mock.stats()
        if stats["counts"]["batch_404"] != UNKNOWN:
            fail("expected %d 404 parts in batches, the mock counted %d" % (UNKNOWN, stats["counts"]["batch_404"]))
        print("first complete view of %d keys after %.2f s (%d batches, %d presence requests)" %
              (len(keys), first_view, stats["counts"]["batch"], stats["counts"]["presence"]), flush=True)

        def change_round(label, users, availability, activity, message=""):
            def change():
                for u in users:
                    mock.set_presence(uid(u), availability, activity, message)
            firsts, _, slowest = runner.changes_reported(d, label, [mail(u) for u in users], change)
            for k, ev in firsts.items():
                if ev[0] != AVAILABILITY[availability] or ev[1] != ACTIVITY[activity] or ev[4] != message:
                    fail("%s: %s reported %s, expected %s/%s" % (label, k, ev, availability, activity))
            return slowest

        slowest = change_round("changes", range(0, KNOWN, 40), "Busy", "InACall", "on the phone")
        if slowest > DEADLINE_S:
            fail("a change took %.2f s to arrive (limit %.1f s)" % (slowest, DEADLINE_S))
        runner.quiet_for(d, 2.2)  # two polls

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
        runner.mock_clean(stats, "Graph", ("5xx", "drop", "429"))
        if stats["max_batch"] > 20 or stats["max_ids"] > 650:
            fail("batch %d, ids %d beyond the limits" % (stats["max_batch"], stats["max_ids"]))
    finally:
        d.close()
        server.shutdown()


if __name__ == "__main__":
    runner.run_phases([polling_phase, password_flow_over_tls])
