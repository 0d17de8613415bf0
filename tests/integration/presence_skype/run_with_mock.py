#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""presence.skype against ucwa_mock.py on 127.0.0.1, through presence_driver (the C ABI).

usage: run_with_mock.py DRIVER PLUGIN.so

Checks, in order: discovery, the MsRtcOAuth challenge, the password grant and the application;
300 contacts (200 SIP URI keys, 100 e-mail keys) and 10 unknown addresses subscribed in batches
and read in multipart batches, all reported (the unknown ones as unknown); changes at the mock
reach the driver through the event channel within 2 s; expired tokens give one 401, one new
token and a retry; 429 and 503 with Retry-After are waited out (the mock counts any early
request as a violation); a 500 burst and dropped connections are recovered (limited, then
running); a 409 PGetReplaced on the event channel makes a new application, everything is
subscribed and read again and changes flow; a subscription about to expire is renewed;
unsubscribed contacts leave the server's subscriptions; while the server holds a poll, a new key
and a stop are still noticed within a second or two; the mock's violations list stays empty
(batch parts, uris per subscription, duration, ack/next, timeout, Retry-After).
"""
import json
import os
import sys
import time

# python puts this script's folder on the path; the driver's side is in presence_common
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "presence_common"))
from plugin_driver import LIMITED, RUNNING, Driver, fail  # noqa: E402
import runner  # noqa: E402
from ucwa_mock import UcwaMock, serve  # noqa: E402

SIP_KEYS = 200
MAIL_KEYS = 100
UNKNOWN = 10
BATCH_LIMIT = 20
SUB_LIMIT = 50
AVAILABILITY = {"Online": 1, "Busy": 2, "Away": 3, "BeRightBack": 3, "DoNotDisturb": 4, "Offline": 5}
ACTIVITY = {"": 0, "on-the-phone": 1, "in-a-conference": 1, "in-a-meeting": 2, "presenting": 3, "off-work": 7}
DEADLINE_S = 2.0
SECRETS = {"sfb_password": "pw"}  # the settings name it


def address(i):
    return "user%03d@example.org" % i


def key(i):
    return "sip:" + address(i) if i < SIP_KEYS else address(i)


def event_channel_phase(driver_path, plugin):
    started = time.time()
    mock = UcwaMock(token_lifetime=600, batch_limit=BATCH_LIMIT, sub_limit=SUB_LIMIT, poll_hold=1.5)
    server = serve(mock)
    base = "http://127.0.0.1:%d" % server.server_address[1]
    total = SIP_KEYS + MAIL_KEYS
    for i in range(total):
        mock.add_user(address(i), "Online", "")
    d = Driver([driver_path, plugin], SECRETS)
    settings = {"discovery_url": base + "/", "user": "console@example.org", "password_secret": "sfb_password",
                "user_agent": "UnifyConnector", "batch_size": BATCH_LIMIT, "subscription_batch": SUB_LIMIT,
                "subscription_minutes": 30, "backoff_min_seconds": 1, "backoff_max_seconds": 2, "timeout_seconds": 5}
    try:
        d.command("create " + json.dumps(settings))
        d.command("sub sip " + " ".join(key(i) for i in range(SIP_KEYS)) + " " +
                  " ".join("sip:nobody%02d@example.org" % i for i in range(UNKNOWN)))
        d.command("sub email " + " ".join(key(i) for i in range(SIP_KEYS, total)))
        d.wait("all %d keys reported" % (total + UNKNOWN), lambda: len(d.events) == total + UNKNOWN, 20)
        runner.reported(d, [key(i) for i in range(total)], (1, 0), "a key not reported available")
        runner.unknown_once(d, ["sip:nobody%02d@example.org" % i for i in range(UNKNOWN)])
        d.wait("running", lambda: d.states and d.states[-1][0] == RUNNING, 5)
        stats = mock.stats()
        c = stats["counts"]
        if c["discovery"] < 1 or c["challenge"] < 1 or c["token"] < 1 or c["apps"] != 1:
            fail("expected discovery, challenge, token and one application: %s" % c)
        if len(mock.members()) != total + UNKNOWN:
            fail("the mock's subscriptions hold %d members, expected %d" % (len(mock.members()), total + UNKNOWN))
        print("first complete view of %d keys after %.2f s (%d subscriptions, %d adds, %d batches, max %d parts)" %
              (total + UNKNOWN, time.time() - started, c["subscribe"], c["add"], c["batch"], stats["max_parts"]),
              flush=True)

        def change_round(label, users, availability, activity):
            sent_before = mock.stats()["counts"]["events_sent"]

            def change():
                for u in users:
                    mock.set_presence(address(u), availability, activity)
            firsts, t0, slowest = runner.changes_reported(d, label, [key(u) for u in users], change)
            # Away and BeRightBack carry their activity when UCWA's activity says nothing more
            wanted = ACTIVITY[activity] if activity else {"Away": 5, "BeRightBack": 6}.get(availability, 0)
            for k, ev in firsts.items():
                if ev[0] != AVAILABILITY[availability] or ev[1] != wanted:
                    fail("%s: %s reported %s, expected %s/%s" % (label, k, ev, availability, activity))
                if ev[2] < int(t0 * 1e6) - 1000:
                    fail("%s: confirmed_us %d is before the change" % (label, ev[2]))
            if mock.stats()["counts"]["events_sent"] <= sent_before:
                fail("%s: no change went through the event channel" % label)
            return slowest

        slowest = change_round("changes", range(0, total, 10), "Busy", "on-the-phone")
        if slowest > DEADLINE_S:
            fail("a change took %.2f s to arrive (limit %.1f s)" % (slowest, DEADLINE_S))
        runner.quiet_for(d, 3.2)  # two empty long polls go by
        if mock.stats()["counts"]["pget"] < 3:
            fail("the event channel was not polled again after empty answers")

        # token expiry: one 401, a new token, the retry
        before = mock.stats()["counts"]
        mock.expire_tokens()
        change_round("after expired tokens", range(1, total, 17), "DoNotDisturb", "in-a-conference")
        after = mock.stats()["counts"]
        if after["401"] <= before["401"] or after["token"] <= before["token"]:
            fail("tokens expired but no 401 and new token: %s -> %s" % (before, after))
        if after["401"] > before["401"] + 2:
            fail("more than one 401 per request after expiry: %d" % (after["401"] - before["401"]))

        # 429 and 503 with Retry-After: limited, nothing sent early, running again
        for kind, wait in (("429", 2), ("503", 1)):
            n_states = len(d.states)
            mock.add_fault(kind, 1, retry_after=wait)
            t0 = time.time()
            mock.set_presence(address(5), "Away", "")  # wakes the long poll, the read meets the fault
            d.wait("limited after %s" % kind, lambda: any(s[0] == LIMITED for s in d.states[n_states:]), 5)
            d.wait("running after %s" % kind, lambda: d.states[-1][0] == RUNNING and len(d.states) > n_states + 1, 10)
            if time.time() - t0 < wait:
                fail("running again %.2f s after a %s with Retry-After: %d" % (time.time() - t0, kind, wait))
            change_round("after %s" % kind, range(2, total, 23), "Away" if kind == "429" else "BeRightBack", "")

        # a 500 burst, then dropped connections (libcurl retries one drop on a fresh connection
        # itself, so two in a row reach the plugin)
        for kind, count in (("500", 3), ("drop", 2)):
            n_states = len(d.states)
            mock.add_fault(kind, count)
            mock.set_presence(address(6), "Busy", "in-a-meeting")
            d.wait("limited after %s" % kind, lambda: any(s[0] == LIMITED for s in d.states[n_states:]), 5)
            d.wait("running after %s" % kind, lambda: d.states[-1][0] == RUNNING and len(d.states) > n_states + 1, 15)
            change_round("after %s" % kind, range(3, total, 19), "Busy" if kind == "500" else "Offline",
                         "in-a-meeting" if kind == "500" else "off-work")

        # 409 PGetReplaced on the event channel: the application is gone; a new one, everything
        # subscribed and read again
        n_states = len(d.states)
        apps_before = mock.stats()["counts"]["apps"]
        mock.kill_channel()
        d.wait("limited after 409", lambda: any(s[0] == LIMITED and "409" in s[1] for s in d.states[n_states:]), 5)
        d.wait("running after 409", lambda: d.states[-1][0] == RUNNING and len(d.states) > n_states + 1, 15)
        stats = mock.stats()
        if stats["counts"]["apps"] != apps_before + 1 or stats["apps_alive"] != 1:
            fail("after the 409: %d applications made, %d alive" % (stats["counts"]["apps"] - apps_before, stats["apps_alive"]))
        if len(mock.members()) != total + UNKNOWN:
            fail("after the 409 the new application subscribes %d, expected %d" % (len(mock.members()), total + UNKNOWN))
        change_round("after 409", range(4, total, 13), "Online", "presenting")

        # a subscription about to expire is renewed
        renewals = mock.stats()["counts"]["renew"]
        mock.warn_expiry()
        d.wait("renewal", lambda: mock.stats()["counts"]["renew"] > renewals, 5)
        print("subscriptions renewed after the expiry warning: %d" % (mock.stats()["counts"]["renew"] - renewals),
              flush=True)

        # unsubscribed contacts leave the server's subscriptions (deleted and made again)
        gone = [key(i) for i in range(0, 10)]
        d.command("unsub sip " + " ".join(gone))
        d.wait("unsubscribed contacts removed at the mock",
               lambda: len(mock.members()) == total + UNKNOWN - 10, 10)
        n_gone = {k: len(d.events[k]) for k in gone}
        change_round("after unsubscribing", range(10, total, 29), "Busy", "")
        for i in range(10):
            mock.set_presence(address(i), "Offline", "")
        time.sleep(2.0)
        if any(len(d.events[k]) != n_gone[k] for k in gone):
            fail("events arrived for unsubscribed keys")

        # polls held long (as a real server holds them up to the timeout): a key subscribed
        # meanwhile and a stop are noticed at once, because the poll is cut short
        mock.poll_hold = 60
        time.sleep(1.0)  # the last short poll ends; a held one starts
        mock.add_user("late@example.org", "Busy", "on-the-phone")
        t0 = time.time()
        d.command("sub sip sip:late@example.org")
        d.wait("a key subscribed during a held poll", lambda: "sip:late@example.org" in d.events, 3)
        if d.last("sip:late@example.org")[:2] != (2, 1):
            fail("late@example.org reported %s, expected busy on the phone" % (d.last("sip:late@example.org"),))
        print("a key subscribed during a held poll: reported after %.2f s" % (time.time() - t0), flush=True)
        # the same person under a second key (e-mail) learns the known state at once
        d.command("sub email late@example.org")
        d.wait("a second key of a watched contact", lambda: "late@example.org" in d.events, 3)
        if d.last("late@example.org")[:3] != d.last("sip:late@example.org")[:3]:
            fail("the e-mail key got %s, the SIP key %s" % (d.last("late@example.org"), d.last("sip:late@example.org")))
        time.sleep(1.0)
        t0 = time.time()
        d.close(timeout=10)
        if time.time() - t0 > 3.0:
            fail("stopping during a held poll took %.2f s" % (time.time() - t0))
        print("stopped during a held poll in %.2f s" % (time.time() - t0), flush=True)

        stats = mock.stats()
        runner.mock_clean(stats, "UCWA", ("429", "503", "500", "drop", "409"))
        if stats["max_parts"] > BATCH_LIMIT or stats["max_uris"] > SUB_LIMIT:
            fail("batch %d parts, %d uris beyond the limits" % (stats["max_parts"], stats["max_uris"]))
    finally:
        d.close()
        server.shutdown()


if __name__ == "__main__":
    runner.run_phases([event_channel_phase])
