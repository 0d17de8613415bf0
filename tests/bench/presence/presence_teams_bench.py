#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""presence.teams with 100,000 subscribed contacts on the Graph mock (127.0.0.1); prints figures.

usage: presence_teams_bench.py BUILD_DIR [CONTACTS] [STEADY_SECONDS]

Figures: time to the first complete view (every contact reported once), presence requests per
minute in steady state against the documented budget (1,500 per 30 s = 3,000 per minute) and the
plugin's share of it, and the delay from a change at the mock to the plugin's event (p50, p99,
max). The mock enforces the limits; any violation is printed and fails the run.
"""
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "integration", "presence_teams"))
sys.path.insert(0, os.path.join(HERE, "..", "..", "integration", "presence_common"))
from graph_mock import GraphMock, serve  # noqa: E402
from plugin_driver import Driver  # noqa: E402
from run_with_mock import SECRETS, mail, uid  # noqa: E402

BUDGET = 1500
SHARE = 50


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))] if values else float("nan")


def main():
    build = sys.argv[1]
    contacts = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    steady = float(sys.argv[3]) if len(sys.argv) > 3 else 60.0
    mock = GraphMock(budget=BUDGET)
    server = serve(mock)
    base = "http://127.0.0.1:%d" % server.server_address[1]
    for i in range(contacts):
        mock.add_user(mail(i), uid(i), "Available", "Available")
    d = Driver([os.path.join(build, "bin", "presence_driver"),
                os.path.join(build, "lib", "portier", "plugins", "portier-presence-teams.so")], SECRETS)
    settings = {"tenant_id": "contoso-test", "client_id": "app-1", "client_secret": "teams_secret",
                "login_url": base, "graph_url": base + "/v1.0", "poll_interval_seconds": 1,
                "budget_requests_per_30s": BUDGET, "budget_share_percent": SHARE}
    import json
    try:
        d.command("create " + json.dumps(settings))
        t0 = time.time()
        for start in range(0, contacts, 5000):
            d.command("sub email " + " ".join(mail(i) for i in range(start, min(contacts, start + 5000))))
        d.wait("first complete view", lambda: len(d.events) == contacts, 600)
        first_view = time.time() - t0
        print("contacts: %d" % contacts)
        print("first complete view: %.1f s (%d $batch requests, %d presence requests)" %
              (first_view, mock.counts["batch"], mock.counts["presence"]), flush=True)

        # steady state: count presence requests while changing 10 users every 0.5 s
        rng = random.Random(7)
        changes = []  # (user, count before, time)
        window_start = time.time()
        mono_start = time.monotonic()
        flip = 0
        while time.time() - window_start < steady:
            flip += 1
            state = ("Busy", "InACall") if flip % 2 else ("Away", "BeRightBack")
            for u in rng.sample(range(contacts), 10):
                with d.lock:
                    before = len(d.events[mail(u)])
                mock.set_presence(uid(u), state[0], state[1])
                changes.append((u, before, time.time()))
            time.sleep(0.5)
        mono_end = time.monotonic()
        time.sleep(15)  # let the last changes arrive
        with mock.lock:
            requests = sum(1 for t in mock.presence_times if mono_start <= t < mono_end)
        per_minute = requests * 60.0 / (mono_end - mono_start)
        delays = []
        missing = 0
        with d.lock:
            for u, before, t in changes:
                evs = d.events[mail(u)]
                later = [e for e in evs[before:] if e[5] >= t]
                if later:
                    delays.append(later[0][5] - t)
                else:
                    missing += 1
        print("steady state: %.0f presence requests per minute (budget 3000, plugin share %d)" %
              (per_minute, 3000 * SHARE // 100))
        print("change -> event over %d changes: p50 %.2f s, p99 %.2f s, max %.2f s, not seen %d" %
              (len(changes), percentile(delays, 50), percentile(delays, 99), max(delays or [0]), missing))
        stats = mock.stats()
        print("mock violations: %d" % len(stats["violations"]))
        for v in stats["violations"][:5]:
            print("  " + v)
        if stats["violations"] or per_minute > 3000:
            sys.exit(1)
    finally:
        d.close(timeout=30)
        server.shutdown()


if __name__ == "__main__":
    main()
