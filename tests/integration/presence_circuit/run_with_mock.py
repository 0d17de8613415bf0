#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""presence.circuit against circuit_mock.py on 127.0.0.1, through the presence driver (C ABI).

usage: run_with_mock.py DRIVER PLUGIN.so

Checks, in order: 300 users, 7 unknown addresses and one user who opted out, subscribed at once,
are resolved with /users/list in batches of at most 100 and all reported (unknown and opted-out
as unknown); changes at the mock reach the plugin within 2 s, with the mobile flag and the status
message; an expired token gives a 401 and one new client-credentials grant; an injected 429 with
Retry-After is waited out; a 5xx burst and dropped connections are recovered (limited, then
running); a user deleted at the mock (Circuit then fails the whole batch with 404) becomes
unknown while its batch neighbours keep updating; an unsubscribed key stays quiet; the mock saw
no limit broken; the mock has no event channel there, so all of it is polling. Then the
WebSocket event channel: 120 users subscribed in frames of 50, changes arriving within 2 s while
polling is 30 s apart, and a dropped channel reconnected and resubscribed; the same over HTTPS
and WSS with a test CA made by openssl (skipped without openssl). Last, the mock's own
check: a plugin configured for larger batches than the mock allows is caught (violations
counted, plugin limited), with a token that has no expiry.
"""
import os
import random
import shutil
import sys
import tempfile
import time

# python puts this script's folder on the path; the driver's side is in presence_common
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "presence_common"))
from circuit_mock import CircuitMock, serve  # noqa: E402
from plugin_driver import LIMITED, fail  # noqa: E402
import runner  # noqa: E402
from runner import AVAILABLE, AWAY, BUSY, DND, OFFLINE  # noqa: E402

USERS = 300
UNKNOWN = 7
DEADLINE_S = 2.0
OTHER = 9                                             # PORTIER_ACTIVITY_OTHER
SECRETS = {"circuit_secret": "s3cret"}                # the settings name it


def mail(i):
    return "user%03d@example.org" % i


def uid(i):
    return "7c1e%04d-55aa-4b2c-9d3e-%012d" % (i, i)


def change_reaches(d, mock, i, fields, expect, deadline):
    """Changes user i at the mock; returns the delay until the plugin reported `expect`."""
    return runner.change_reaches(d, mock, mail(i), uid(i), fields, expect, deadline)


def main_phase(driver, plugin):
    mock = CircuitMock(max_ids=100, per_minute=600)
    for i in range(USERS):
        mock.add_user(uid(i), mail(i))
    opted_out = USERS
    mock.add_user(uid(opted_out), mail(opted_out), isOptedOut=True)
    server = serve(mock)
    settings = {"server_url": "http://127.0.0.1:%d" % server.server_address[1], "client_id": "bot-1",
                "client_secret": "circuit_secret", "batch_size": 100, "poll_interval_seconds": 1,
                "requests_per_minute": 300, "backoff_min_seconds": 1, "backoff_max_seconds": 2,
                "timeout_seconds": 3}
    with runner.plugin_on(driver, plugin, SECRETS, settings, server) as d:
        ghosts = ["ghost%d@example.org" % i for i in range(UNKNOWN)]
        runner.first_view(d, "email", [mail(i) for i in range(USERS + 1)] + ghosts)
        runner.reported(d, [mail(i) for i in range(USERS)], (AVAILABLE, 0), "a user not reported available")
        runner.reported(d, ghosts, (0, 0), "an unknown address not reported unknown")
        runner.reported(d, [mail(opted_out)], (0, 0), "a user who opted out not reported unknown")
        if mock.stats()["lookups"] < 4:
            fail("the addresses were not looked up in batches of at most 100")

        rng = random.Random(8)
        delays = []
        states = [("BUSY", BUSY), ("DND", DND), ("AWAY", AWAY), ("OFFLINE", OFFLINE), ("AVAILABLE", AVAILABLE)]
        for n in range(10):
            i = rng.randrange(20, USERS)
            state, expect = states[n % len(states)]
            if d.last(mail(i))[0] == expect:
                state, expect = states[(n + 1) % len(states)]
            delays.append(change_reaches(d, mock, i, {"state": state}, (expect, 0), DEADLINE_S))
        print("10 changes reached the plugin; slowest %.2f s" % max(delays), flush=True)
        delays.append(change_reaches(d, mock, 7, {"state": "BUSY", "mobile": True, "statusMessage": "at the gate"},
                                     (BUSY, OTHER), DEADLINE_S))
        last = d.last(mail(7))
        if last[3] != "mobile" or last[4] != "at the gate":
            fail("the mobile flag or the status message did not arrive: %s" % (last,))
        if abs(last[2] / 1e6 - last[5]) > 1.0:
            fail("confirmed_us is not the time the answer arrived")

        grants = mock.stats()["grant"]
        mock.expire_tokens()
        change_reaches(d, mock, 11, {"state": "OFFLINE"}, (OFFLINE, 0), 5)
        s = mock.stats()
        if s["401"] < 1 or s["grant"] != grants + 1:
            fail("token expiry not seen or not renewed by exactly one grant: %s" % s)
        print("expired token: %d x 401, renewed with one client-credentials grant" % s["401"], flush=True)

        runner.faults_recovered(d, mock, mail, uid, {"state": "BUSY"}, {"state": "OFFLINE"})

        # ids are read in sorted order, 100 per batch: 15 and 16 share a batch
        mock.delete_user(uid(15))
        d.wait("a deleted user to become unknown", lambda: d.events[mail(15)][-1][:2] == (0, 0), 5)
        change_reaches(d, mock, 16, {"state": "DND"}, (DND, 0), DEADLINE_S)
        time.sleep(1.5)
        change_reaches(d, mock, 17, {"state": "AWAY"}, (AWAY, 0), DEADLINE_S)
        print("a deleted user (whole-batch 404) became unknown; its neighbours kept updating", flush=True)

        runner.unsubscribed_stays_quiet(d, mock, "email", mail(20), uid(20), {"state": "OFFLINE"},
                                        {"state": "AVAILABLE"})
    s = mock.stats()
    runner.print_counts(s, ("requests", "lookups", "presence_reads", "max_ids", "grant", "401", "404", "429", "5xx",
                            "drop"))
    if s["violations"]:
        fail("the plugin broke the mock's limits: %s" % s["violations"][:5])
    if s["max_ids"] > 100:
        fail("a request with more than 100 ids")


def push_phase(driver, plugin):
    """Changes travel over the WebSocket event channel: polling is 30 s apart, yet each change
    arrives within 2 s without a presence read; a dropped channel comes back and resubscribes."""
    users = 120
    mock = CircuitMock(max_ids=50, websocket=True)
    for i in range(users):
        mock.add_user(uid(i), mail(i))
    server = serve(mock)
    settings = {"server_url": "http://127.0.0.1:%d" % server.server_address[1], "client_id": "bot-1",
                "client_secret": "circuit_secret", "batch_size": 50, "poll_interval_seconds": 30,
                "timeout_seconds": 3}
    everyone = set(uid(i) for i in range(users))
    with runner.plugin_on(driver, plugin, SECRETS, settings, server) as d:
        d.command("sub email " + " ".join(mail(i) for i in range(users)))
        d.wait("every user reported", lambda: len(d.events) == users, 10)
        d.wait("every user subscribed on the event channel", lambda: mock.subscribed() == everyone, 10)
        reads = mock.stats()["presence_reads"]
        delays = [change_reaches(d, mock, i, {"state": "BUSY"}, (BUSY, 0), DEADLINE_S) for i in (3, 49, 50, 77, 119)]
        if mock.stats()["presence_reads"] != reads:
            fail("changes were polled, not pushed")
        print("5 changes pushed over the event channel; slowest %.2f s, no presence read" % max(delays), flush=True)
        mock.drop_websockets()
        d.wait("the event channel back with every user", lambda: mock.subscribed() == everyone, 10)
        change_reaches(d, mock, 60, {"state": "DND"}, (DND, 0), DEADLINE_S)
        print("dropped event channel reconnected and resubscribed", flush=True)
    s = mock.stats()
    if s["violations"]:
        fail("the plugin broke the mock's limits on the event channel: %s" % s["violations"][:5])
    if s["ws_connects"] < 2:
        fail("expected a reconnect, saw %d connections" % s["ws_connects"])


def tls_phase(driver, plugin):
    """REST over HTTPS and the event channel over WSS, trusting a test CA through tls.ca_file."""
    if shutil.which("openssl") is None:
        print("openssl missing: HTTPS/WSS phase skipped", flush=True)
        return
    users = 40
    with tempfile.TemporaryDirectory() as tmp:
        cert, key = runner.self_signed_cert(tmp)
        mock = CircuitMock(websocket=True)
        for i in range(users):
            mock.add_user(uid(i), mail(i))
        server = serve(mock, tls=(cert, key))
        settings = {"server_url": "https://127.0.0.1:%d" % server.server_address[1], "client_id": "bot-1",
                    "client_secret": "circuit_secret", "poll_interval_seconds": 30, "timeout_seconds": 3,
                    "tls": {"ca_file": cert}}
        everyone = set(uid(i) for i in range(users))
        with runner.plugin_on(driver, plugin, SECRETS, settings, server) as d:
            d.command("sub email " + " ".join(mail(i) for i in range(users)))
            d.wait("every user reported over HTTPS", lambda: len(d.events) == users, 10)
            d.wait("every user subscribed over WSS", lambda: mock.subscribed() == everyone, 10)
            change_reaches(d, mock, 5, {"state": "AWAY"}, (AWAY, 0), DEADLINE_S)
        print("HTTPS and WSS with the test CA: %d users read, subscribed and a change pushed" % users, flush=True)


def batch_limit_phase(driver, plugin):
    """The mock allows 50 ids per request; a plugin configured for 100 is caught: the mock counts
    the breach and the plugin, answered 400, reports itself limited. The token has no expiry."""
    mock = CircuitMock(max_ids=50, token_lifetime=None)
    for i in range(80):
        mock.add_user(uid(i), mail(i))
    server = serve(mock)
    settings = {"server_url": "http://127.0.0.1:%d" % server.server_address[1], "client_id": "bot-1",
                "client_secret": "circuit_secret", "batch_size": 100, "timeout_seconds": 3,
                "backoff_min_seconds": 1, "backoff_max_seconds": 2}
    with runner.plugin_on(driver, plugin, SECRETS, settings, server) as d:
        d.command("sub email " + " ".join(mail(i) for i in range(80)))
        d.wait("the mock to count the oversized batch", lambda: mock.stats()["violations"], 5)
        d.wait("limited after the 400", lambda: any(st[0] == LIMITED and "400" in st[1] for st in d.states), 5)
        if d.events:
            fail("users reported although every look-up was refused")
    s = mock.stats()
    if s["grant"] != 1:
        fail("a token without expiry was fetched %d times" % s["grant"])
    print("oversized batches caught by the mock (%d violations); token without expiry fetched once"
          % len(s["violations"]), flush=True)


if __name__ == "__main__":
    runner.run_phases([main_phase, push_phase, tls_phase, batch_limit_phase])
