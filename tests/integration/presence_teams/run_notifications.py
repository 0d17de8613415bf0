#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""presence.teams's change notifications against graph_mock.py on 127.0.0.1.

usage: run_notifications.py DRIVER PLUGIN.so

700 users with the password flow (delegated token) and a notification URL that the mock routes
to the plugin's listener, as a reverse proxy would: two subscriptions (650 + 50) pass the
validation handshake; with poll_interval_seconds 60 a change reaches the plugin within 2 s only
through a notification; subscriptions are renewed before expiry (the mock grants 6 s); a
notification with a wrong clientState is ignored and logged; `missed` brings a full read;
`reauthorizationRequired` is answered by a renewal with a fresh token; `subscriptionRemoved` by a
new subscription; unsubscribed users leave their subscription. Then a notification URL the mock
cannot reach: creating fails (400), the plugin is limited, naming it, and polls. Then app-only
credentials: the plugin says it cannot subscribe, sends no subscription request and polls.
"""
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "presence_common"))
sys.path.append(os.path.join(HERE, "..", "daemon"))
from graph_mock import GraphMock, serve  # noqa: E402
from free_ports import Finder  # noqa: E402
from plugin_driver import LIMITED, RUNNING, Driver, fail  # noqa: E402
import runner  # noqa: E402
from run_with_mock import SECRETS, mail, uid  # noqa: E402

USERS = 700
PUBLIC = "https://console.example.test"
DEADLINE_S = 2.0
PORTS = Finder()


def free_port():
    # Reserved until this runner exits, so no test running in parallel takes it before the
    # plugin's listener binds it (free_ports.py, docs/testing.md).
    return PORTS.port()


def base_settings(base, port):
    return {"tenant_id": "contoso-test", "client_id": "app-1", "auth_flow": "password", "user": "console@example.org",
            "password_secret": "teams_password", "login_url": base, "graph_url": base + "/v1.0",
            "poll_interval_seconds": 60, "notification_url": PUBLIC + "/hooks/graph/presence",
            "notification_listen_port": port, "backoff_min_seconds": 1, "backoff_max_seconds": 2, "timeout_seconds": 5}


def change(d, mock, label, users, availability, activity, notify=True):
    """Changes `users` at the mock and waits (2 s) until each one's new state is reported."""
    before = {u: len(d.events[mail(u)]) for u in users}
    t0 = time.time()
    for u in users:
        mock.set_presence(uid(u), availability, activity, notify=notify)
    d.wait("%s: %d changes reported" % (label, len(users)),
           lambda: all(len(d.events[mail(u)]) > before[u] for u in users), DEADLINE_S)
    for u in users:
        ev = d.events[mail(u)][before[u]]
        if ev[3] not in (activity, ""):  # an activity repeating the availability is not passed on
            fail("%s: %s reported %s" % (label, mail(u), ev))
    print("%s: %d changes within %.2f s" % (label, len(users), time.time() - t0), flush=True)


def notifications(driver_path, plugin):
    port = free_port()
    mock = GraphMock(routes={PUBLIC: "http://127.0.0.1:%d" % port}, max_sub_lifetime=6)
    server = serve(mock)
    base = "http://127.0.0.1:%d" % server.server_address[1]
    for i in range(USERS):
        mock.add_user(mail(i), uid(i))
    d = Driver([driver_path, plugin], SECRETS)
    try:
        d.command("create " + json.dumps(base_settings(base, port)))
        d.command("sub email " + " ".join(mail(i) for i in range(USERS)))
        d.wait("all users reported", lambda: len(d.events) == USERS, 15)
        d.wait("running on notifications",
               lambda: d.states and d.states[-1][0] == RUNNING and "change notifications for %d users in 2" % USERS
               in d.states[-1][1], 10)
        stats = mock.stats()
        sizes = sorted(len(ids) for ids in stats["subs"].values())
        if sizes != [50, 650]:
            fail("expected subscriptions of 50 and 650 ids, got %s" % sizes)
        print("700 users in subscriptions of %s: %s" % (sizes, d.states[-1][1]), flush=True)

        # changes in both subscriptions: the mock pushes them together
        change(d, mock, "notified", list(range(0, USERS, 25)), "Busy", "InACall")
        if mock.stats()["sub_counts"]["multi_sub_posts"] < 1:
            fail("no delivery carried items of two subscriptions")

        # renewal before expiry: the mock grants 6 s, so the plugin renews at 3 s left
        d.wait("two renewals of each subscription", lambda: mock.stats()["sub_counts"]["renew"] >= 4, 10)
        if mock.stats()["sub_counts"]["expired"]:
            fail("a subscription expired without renewal")
        change(d, mock, "after renewals", [1, 699], "Away", "Away")

        # a wrong clientState: ignored; a silent change of user 5 stays unreported while the
        # genuine notification of user 6 behind it is read
        mock.set_presence(uid(5), "DoNotDisturb", "Presenting", notify=False)
        before5 = len(d.events[mail(5)])
        mock.forge(uid(5))
        change(d, mock, "behind a forged notification", [6], "Busy", "InAMeeting")
        d.wait("the ignored notification logged", lambda: any("wrong clientState" in line for line in d.logs), 2)
        if len(d.events[mail(5)]) != before5:
            fail("a notification with a wrong clientState was acted on")

        # missed: a full read, which finds user 5's silent change
        mock.lifecycle("missed", mock.sub_of(uid(5)))
        d.wait("the full read after missed", lambda: len(d.events[mail(5)]) > before5, 3)
        print("missed: full read reported the silent change", flush=True)

        # reauthorizationRequired: renewed with a token issued after the event, then notified again
        tokens = mock.stats()["tokens_issued"]
        mock.lifecycle("reauthorizationRequired", mock.sub_of(uid(10)))
        d.wait("reauthorized", lambda: mock.stats()["sub_counts"]["reauthorized"] >= 1, 3)
        if mock.stats()["tokens_issued"] <= tokens:
            fail("reauthorization without a fresh token")
        change(d, mock, "after reauthorization", [10, 11], "Offline", "Offline")

        # subscriptionRemoved: a new subscription for its ids
        creates = mock.stats()["sub_counts"]["create"]
        mock.lifecycle("subscriptionRemoved", mock.sub_of(uid(680)))
        d.wait("subscription recreated", lambda: mock.stats()["sub_counts"]["create"] > creates and
               sum(len(i) for i in mock.stats()["subs"].values()) == USERS, 3)
        change(d, mock, "after subscriptionRemoved", [680, 690], "Busy", "InACall")

        # unsubscribed users leave their subscription
        d.command("unsub email " + " ".join(mail(i) for i in range(650, 670)))
        d.wait("subscriptions without the 20 unsubscribed users",
               lambda: sorted(sum(mock.stats()["subs"].values(), [])) == sorted(uid(i) for i in range(USERS)
                                                                               if not 650 <= i < 670), 3)
        change(d, mock, "after unsubscribing", [671, 3], "DoNotDisturb", "Presenting")
        stats = mock.stats()
        print("mock: %s" % json.dumps(stats["sub_counts"]), flush=True)
        if stats["violations"]:
            fail("the plugin broke Graph's rules: %s" % stats["violations"][:5])
    finally:
        d.close()
        server.shutdown()


def validation_fails(driver_path, plugin):
    """The proxy route points where nobody listens: the handshake fails, Graph answers 400."""
    port = free_port()
    mock = GraphMock(routes={PUBLIC: "http://127.0.0.1:%d" % free_port()})
    server = serve(mock)
    base = "http://127.0.0.1:%d" % server.server_address[1]
    for i in range(50):
        mock.add_user(mail(i), uid(i))
    d = Driver([driver_path, plugin], SECRETS)
    try:
        d.command("create " + json.dumps(dict(base_settings(base, port), poll_interval_seconds=1)))
        d.command("sub email " + " ".join(mail(i) for i in range(50)))
        d.wait("limited, naming the subscription",
               lambda: any(s[0] == LIMITED and "creating a subscription" in s[1] and "400" in s[1] for s in d.states), 10)
        d.wait("all users reported", lambda: len(d.events) == 50, 10)
        change(d, mock, "polled while notifications fail", [1, 2], "Busy", "InACall", notify=False)
        if d.states[-1][0] != LIMITED:
            fail("running although change notifications fail: %s" % d.states[-1][1])
        stats = mock.stats()
        if stats["sub_counts"]["validation_failed"] < 1 or stats["subs"]:
            fail("expected failed validations and no subscription: %s" % stats["sub_counts"])
        print("validation failing: %s" % d.states[-1][1], flush=True)
    finally:
        d.close()
        server.shutdown()


def app_only(driver_path, plugin):
    mock = GraphMock()
    server = serve(mock)
    base = "http://127.0.0.1:%d" % server.server_address[1]
    for i in range(20):
        mock.add_user(mail(i), uid(i))
    settings = dict(base_settings(base, free_port()), auth_flow="client_credentials", client_secret="teams_secret",
                    poll_interval_seconds=1)
    del settings["user"], settings["password_secret"]
    d = Driver([driver_path, plugin], SECRETS)
    try:
        d.command("create " + json.dumps(settings))
        d.command("sub email " + " ".join(mail(i) for i in range(20)))
        d.wait("running by polling", lambda: d.states and d.states[-1][0] == RUNNING and "polling" in d.states[-1][1], 10)
        if not any("cannot subscribe" in line for line in d.logs):
            fail("app-only credentials with notification_url: no word that it cannot subscribe")
        change(d, mock, "app-only, polled", [3], "Away", "Away", notify=False)
        stats = mock.stats()
        if stats["sub_counts"]["create"] or stats["sub_counts"]["create_refused"] or stats["violations"]:
            fail("app-only: subscription requests were sent: %s" % stats)
        print("app-only: cannot subscribe, polling", flush=True)
    finally:
        d.close()
        server.shutdown()


if __name__ == "__main__":
    runner.run_phases([notifications, validation_fails, app_only])
