#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""presence.unify-office against rc_mock.py on 127.0.0.1, through the presence driver (C ABI).

usage: run_with_mock.py DRIVER PLUGIN.so [polling|websocket]  (both when omitted)

Checks, in order: 300 user extensions and 10 unknown numbers subscribed at once are resolved
through the paged extension list and all reported (unknown ones as unknown), with batch reads of
at most 30 ids; changes at the mock reach the plugin within 2 s; an expired token gives a 401 and
a refresh_token grant; an injected 429 with Retry-After is waited out; a 5xx burst and dropped
connections are recovered (limited, then running); a failing part of a 207 keeps its state while
its neighbours update; the mock saw no limit broken (ids per read, per-group windows, penalties,
Retry-After). Then the password flow with the documented default limits (Light 50/min).
Both with `websocket` off (polling only). Then the WebSocket channel (rc_ws.py): 330 extensions
on the account-wide filter, changes pushed within 2 s without presence reads, heartbeats, a
dropped socket recovered with wsc (Successful, the missed change replayed), a late recovery
(Failed) subscribed again, a WSG-902 close answered with a new session, a wstoken 429 waited out
while polling carries changes; then the channel and the REST calls through a CONNECT proxy.
"""
import os
import random
import sys
import time

# python puts this script's folder on the path; the driver's side is in presence_common
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "presence_common"))
from connect_proxy import ConnectProxy  # noqa: E402
from plugin_driver import LIMITED, fail  # noqa: E402
from rc_mock import RcMock, serve  # noqa: E402
import runner  # noqa: E402
from runner import AVAILABLE, BUSY, DND, OFFLINE  # noqa: E402

USERS = 300
DEPARTMENTS = 30
UNKNOWN = 10
DEADLINE_S = 2.0
IN_A_CALL, IN_A_MEETING = 1, 2                  # PORTIER_ACTIVITY_*
SECRETS = {"rc_secret": "s3cret", "rc_jwt": "jwt-credential", "rc_password": "pw"}  # the settings name these


def number(i):
    return str(2000 + i)


def ext_id(i):
    return str(401234560000 + i)


def change_reaches(d, mock, i, fields, expect, deadline):
    """Changes extension i at the mock; returns the delay until the plugin reported `expect`."""
    return runner.change_reaches(d, mock, number(i), ext_id(i), fields, expect, deadline)


def company_mock():
    """A mock with USERS user extensions and DEPARTMENTS departments, its group limits tight
    enough that a plugin which does not pace itself breaks them."""
    mock = RcMock(limits={"Light": 600, "Medium": 40, "Auth": 5}, penalty=3)
    for i in range(USERS):
        mock.add_extension(ext_id(i), number(i))
    for i in range(DEPARTMENTS):
        mock.add_extension(ext_id(USERS + i), number(USERS + i), "Department")
    return mock


def main_phase(driver, plugin):
    mock = company_mock()
    server = serve(mock)
    base = "http://127.0.0.1:%d" % server.server_address[1]
    settings = {"server_url": base, "client_id": "app-1", "client_secret": "rc_secret",
                "auth_flow": "jwt", "jwt_secret": "rc_jwt", "poll_interval_seconds": 1,
                "light_requests_per_minute": 600, "budget_share_percent": 90, "extension_page_size": 100,
                "backoff_min_seconds": 1, "backoff_max_seconds": 2, "timeout_seconds": 3, "websocket": False}
    with runner.plugin_on(driver, plugin, SECRETS, settings, server) as d:
        unknown = ["99%02d" % i for i in range(UNKNOWN)]
        runner.first_view(d, "ext", [number(i) for i in range(USERS + DEPARTMENTS)] + unknown)
        runner.reported(d, [number(i) for i in range(USERS)], (AVAILABLE, 0), "a user extension not reported available")
        runner.reported(d, [number(USERS + i) for i in range(DEPARTMENTS)], (OFFLINE, 0),
                        "a department not reported offline")
        runner.reported(d, unknown, (0, 0), "an unknown extension number not reported unknown")
        if mock.stats()["pages"] < 4:
            fail("the extension list was not read page by page")

        rng = random.Random(8)
        delays = []
        for n in range(10):
            i = rng.randrange(USERS)
            on_call = n % 2 == 0
            fields = {"telephonyStatus": "CallConnected" if on_call else "NoCall", "presenceStatus": "Busy"}
            if not on_call:
                fields["meetingStatus"] = "Connected"
            delays.append(change_reaches(d, mock, i, fields, (BUSY, IN_A_CALL if on_call else IN_A_MEETING), DEADLINE_S))
        print("10 changes reached the plugin; slowest %.2f s" % max(delays), flush=True)
        delays.append(change_reaches(d, mock, 7, {"dndStatus": "DoNotAcceptAnyCalls", "telephonyStatus": "NoCall",
                                                  "meetingStatus": "Disconnected"}, (DND, 0), DEADLINE_S))

        mock.expire_tokens()
        change_reaches(d, mock, 11, {"presenceStatus": "Offline"}, (OFFLINE, 0), 5)
        s = mock.stats()
        if s["401"] < 1 or s["refresh"] < 1:
            fail("token expiry not seen or not renewed by refresh_token: %s" % s)
        print("expired token: %d x 401, renewed with refresh_token" % s["401"], flush=True)

        runner.faults_recovered(d, mock, number, ext_id, {"presenceStatus": "Busy"}, {"presenceStatus": "Offline"})

        # 30 ids per read in sorted order: 15 and 16 share a batch; 15's part fails
        mock.set_presence(ext_id(15), presenceStatus="Available", telephonyStatus="NoCall",
                          meetingStatus="Disconnected", dndStatus="TakeAllCalls")
        d.wait("extension 2015 available", lambda: d.events[number(15)][-1][:2] == (AVAILABLE, 0), DEADLINE_S)
        mock.fail_parts([ext_id(15)])
        mock.set_presence(ext_id(15), presenceStatus="Offline")
        change_reaches(d, mock, 16, {"presenceStatus": "Busy"}, (BUSY, 0), DEADLINE_S)
        time.sleep(1.5)
        if d.last(number(15))[0] != AVAILABLE:
            fail("a failing 207 part changed its extension's state")
        mock.fail_parts([])
        d.wait("extension 2015 after its part recovered", lambda: d.events[number(15)][-1][0] == OFFLINE, 3)
        print("a failing 207 part kept its state while its neighbour updated", flush=True)

        runner.unsubscribed_stays_quiet(d, mock, "ext", number(20), ext_id(20), {"presenceStatus": "Offline"},
                                        {"presenceStatus": "Available"})
    s = mock.stats()
    runner.print_counts(s, ("requests", "presence_reads", "max_ids", "pages", "grant", "refresh", "429", "5xx", "drop"))
    if s["violations"]:
        fail("the plugin broke RingCentral's limits: %s" % s["violations"][:5])
    if s["max_ids"] > 30:
        fail("a presence read with more than 30 ids")


def default_limits_phase(driver, plugin):
    """The password grant and RingCentral's default group limits (Light 50/min): 60 users, two
    reads per sweep; the plugin paces itself and the mock sees no breach."""
    mock = RcMock(penalty=60)
    for i in range(60):
        mock.add_extension(ext_id(i), number(i), presenceStatus="Busy")
    server = serve(mock)
    settings = {"server_url": "http://127.0.0.1:%d" % server.server_address[1], "client_id": "app-1",
                "client_secret": "rc_secret", "auth_flow": "password", "user": "+16505550100",
                "extension": "101", "password_secret": "rc_password", "poll_interval_seconds": 1,
                "timeout_seconds": 3, "websocket": False}
    with runner.plugin_on(driver, plugin, SECRETS, settings, server) as d:
        d.command("sub ext " + " ".join(number(i) for i in range(60)))
        d.wait("60 users with the password grant", lambda: len(d.events) == 60, 10)
        time.sleep(4)
    s = mock.stats()
    if s["violations"]:
        fail("default limits broken: %s" % s["violations"][:5])
    if s["grant"] != 1:
        fail("expected one password grant, saw %d" % s["grant"])
    print("password grant with default limits: 60 users, %d presence reads in ~5 s, no breach" % s["presence_reads"],
          flush=True)


def ws_settings(mock, server, **extra):
    return dict({"server_url": "http://127.0.0.1:%d" % server.server_address[1], "client_id": "app-1",
                 "client_secret_secret": "rc_secret", "auth_flow": "jwt", "jwt_secret": "rc_jwt",
                 "poll_interval_seconds": 1, "light_requests_per_minute": 600, "budget_share_percent": 90,
                 "backoff_min_seconds": 1, "backoff_max_seconds": 2, "timeout_seconds": 3,
                 "websocket_heartbeat_seconds": 1}, **extra)


def pushed(d, mock, i, fields, expect, what):
    """A change that must arrive over the WebSocket: within 2 s and without a presence read."""
    reads = mock.stats()["presence_reads"]
    delay = change_reaches(d, mock, i, fields, expect, DEADLINE_S)
    if mock.stats()["presence_reads"] != reads:
        fail("%s: the change was polled, not pushed" % what)
    return delay


def wait_subscribed(d, mock, what, count):
    d.wait(what, lambda: mock.stats()["subscriptions"] >= count and mock.ws.subscribed() == 1, 10)
    wait_reads_stop(mock, what)


def wait_reads_stop(mock, what):
    """The sweep owed after a new subscription (or begun while the channel was down) ends before
    changes are checked: presence reads stop."""
    reads, quiet_since, end = mock.stats()["presence_reads"], time.time(), time.time() + 10
    while time.time() < end and time.time() - quiet_since < 0.6:
        time.sleep(0.05)
        now_reads = mock.stats()["presence_reads"]
        if now_reads != reads:
            reads, quiet_since = now_reads, time.time()
    if time.time() - quiet_since < 0.6:
        fail("%s: presence reads went on while the channel stood" % what)


def websocket_phase(driver, plugin):
    mock = company_mock()
    server = serve(mock)
    with runner.plugin_on(driver, plugin, SECRETS, ws_settings(mock, server), server) as d:
        d.command("sub ext " + " ".join(number(i) for i in range(USERS + DEPARTMENTS)))
        d.wait("every key reported", lambda: len(d.events) == USERS + DEPARTMENTS, 20)
        wait_subscribed(d, mock, "a WebSocket subscription", 1)
        if mock.stats()["account_filter"] != 1:
            fail("330 extensions not on the account-wide filter: %s" % mock.stats())
        delays = [pushed(d, mock, i, {"presenceStatus": "Busy", "telephonyStatus": "CallConnected"},
                         (BUSY, IN_A_CALL), "change %d" % i) for i in (3, 150, 299)]
        print("3 changes pushed over the WebSocket; slowest %.2f s, no presence read" % max(delays), flush=True)
        d.wait("heartbeats while idle", lambda: mock.stats()["heartbeats"] >= 2, 4)

        # sequence: a notification older than the last one of its extension is dropped
        before = d.last(number(3))
        with mock.lock:
            mock.ws.sequence[ext_id(3)] -= 5
        mock.set_presence(ext_id(3), presenceStatus="Offline", telephonyStatus="NoCall")
        time.sleep(0.5)
        if d.last(number(3)) != before:
            fail("a notification with a lower sequence was applied")
        with mock.lock:
            mock.ws.sequence[ext_id(3)] += 10
        print("a lower sequence dropped, heartbeats sent (%d)" % mock.stats()["heartbeats"], flush=True)

        mock.ws.drop()
        mock.set_presence(ext_id(40), presenceStatus="Busy", telephonyStatus="OnHold")   # missed, then replayed
        d.wait("recovery with wsc", lambda: mock.stats()["recovered"] == 1 and mock.ws.subscribed() == 1, 5)
        d.wait("the missed change replayed", lambda: d.events[number(40)][-1][:2] == (BUSY, IN_A_CALL), DEADLINE_S)
        wait_reads_stop(mock, "after recovery")
        pushed(d, mock, 41, {"presenceStatus": "Busy", "telephonyStatus": "CallConnected"}, (BUSY, IN_A_CALL),
               "after recovery")
        if mock.stats()["subscriptions"] != 1:
            fail("a Successful recovery subscribed again")
        print("dropped socket recovered (Successful), the missed change replayed", flush=True)

        mock.ws.drop(expired=True)
        wait_subscribed(d, mock, "a new subscription after a late recovery", 2)
        if mock.stats()["recovery_failed"] != 1:
            fail("a late recovery was not tried with wsc: %s" % mock.stats())
        pushed(d, mock, 42, {"presenceStatus": "Offline"}, (OFFLINE, 0), "after a failed recovery")
        print("late recovery (Failed) subscribed again on the same socket", flush=True)

        sessions = mock.stats()["new_sessions"]
        mock.ws.close("WSG-902 Idle timeout")
        wait_subscribed(d, mock, "a new session after WSG-902", 3)
        if mock.stats()["new_sessions"] != sessions + 1 or mock.stats()["recovered"] != 1:
            fail("WSG-902 not answered with a new session: %s" % mock.stats())
        pushed(d, mock, 43, {"presenceStatus": "Offline"}, (OFFLINE, 0), "after WSG-902")
        print("WSG-902 close: a new session", flush=True)

        states_before = len(d.states)
        mock.ws.add_fault(2)
        mock.ws.drop(expired=True)
        d.wait("the wstoken 429", lambda: mock.stats()["wstoken_429"] == 1, 5)
        change_reaches(d, mock, 44, {"presenceStatus": "Busy"}, (BUSY, 0), 2.5)   # polling meanwhile
        wait_subscribed(d, mock, "a subscription after the 429", 4)
        if any(st[0] == LIMITED for st in d.states[states_before:]):
            fail("limited while polling carried the changes")
        print("wstoken 429 waited out, polling carried changes meanwhile", flush=True)
    s = mock.stats()
    print("mock: %d wstokens, %d connects, %d subscriptions, %d notifications, %d heartbeats" %
          (s["wstoken"], s["ws_connects"], s["subscriptions"], s["notifications"], s["heartbeats"]), flush=True)
    if s["violations"]:
        fail("the plugin broke RingCentral's WebSocket rules: %s" % s["violations"][:5])


def proxy_phase(driver, plugin):
    """The REST calls and the WebSocket channel through an HTTP proxy (CONNECT for the socket);
    20 extensions, so per-extension filters."""
    mock = RcMock(limits={"Light": 600, "Medium": 40, "Auth": 5}, penalty=3)
    for i in range(20):
        mock.add_extension(ext_id(i), number(i))
    server = serve(mock)
    proxy = ConnectProxy()
    settings = ws_settings(mock, server, proxy_url="127.0.0.1", proxy_port=proxy.port)
    with runner.plugin_on(driver, plugin, SECRETS, settings, server, also=(proxy.close,)) as d:
        d.command("sub ext " + " ".join(number(i) for i in range(20)))
        d.wait("20 keys through the proxy", lambda: len(d.events) == 20, 10)
        wait_subscribed(d, mock, "a subscription through the proxy", 1)
        pushed(d, mock, 5, {"presenceStatus": "Busy"}, (BUSY, 0), "through the proxy")
        if mock.stats()["account_filter"] != 0:
            fail("20 extensions on the account-wide filter")
        tunnel = "127.0.0.1:%d" % server.server_address[1]
        if proxy.connects.count(tunnel) < 1 or proxy.forwards < 1:
            fail("proxy not used: CONNECT %s, %d forwarded connections" % (proxy.connects, proxy.forwards))
        print("through the proxy: CONNECT %s for the WebSocket, %d forwarded REST connections" %
              (tunnel, proxy.forwards), flush=True)
    if mock.stats()["violations"]:
        fail("violations through the proxy: %s" % mock.stats()["violations"][:5])


def main():
    parts = {"polling": [main_phase, default_limits_phase], "websocket": [websocket_phase, proxy_phase]}
    if len(sys.argv) == 4 and sys.argv[3] in parts:
        runner.run_phases(parts[sys.argv[3]], sys.argv[:3])
    elif len(sys.argv) == 3:
        runner.run_phases(parts["polling"] + parts["websocket"])
    else:
        fail("usage: run_with_mock.py DRIVER PLUGIN.so [polling|websocket]")


if __name__ == "__main__":
    main()
