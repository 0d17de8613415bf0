# SPDX-License-Identifier: GPL-3.0-or-later
"""The shell the presence mock runners share (presence_teams, presence_unify_office,
presence_skype, presence_circuit run_with_mock.py, presence_teams run_notifications.py), beside
plugin_driver.py: the main that runs a script's phases; a phase's plugin started and stopped
around its body; the first complete view, change rounds and quiet spells; a test certificate
for a mock on HTTPS; the mock's closing check; and the checks of the REST mocks with the same
fault interface (add_fault, set_presence(id, **fields): Circuit and RingCentral). Each script
keeps its own mock, settings and expectations. python3 only, no packages.
"""
import contextlib
import json
import os
import subprocess
import sys
import time

from plugin_driver import LIMITED, RUNNING, Driver, fail

AVAILABLE, BUSY, AWAY, DND, OFFLINE = 1, 2, 3, 4, 5  # PORTIER_AVAILABILITY_*


def run_phases(phases, argv=None):
    """A runner's main: each phase(driver, plugin) in turn, with DRIVER and PLUGIN.so from argv
    (default sys.argv), then the PASS line with the time taken."""
    argv = sys.argv if argv is None else argv
    if len(argv) != 3:
        fail("usage: %s DRIVER PLUGIN.so" % os.path.basename(argv[0]))
    started = time.time()
    for phase in phases:
        phase(argv[1], argv[2])
    print("PASS in %.1f s" % (time.time() - started), flush=True)


def self_signed_cert(folder):
    """A certificate for 127.0.0.1 with its key, made by openssl in `folder`, for a mock on
    HTTPS/WSS that the plugin trusts through tls.ca_file; returns (cert file, key file)."""
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    return cert, key


def change_reaches(d, mock, key, mock_id, fields, expect, deadline):
    """Sets `fields` of mock_id at the mock; returns the delay until the plugin reported `expect`
    (availability, activity) for `key`, failing the test after `deadline` s."""
    before = len(d.events.get(key, []))
    start = time.time()
    mock.set_presence(mock_id, **fields)
    d.wait("%s to become %s" % (key, expect),
           lambda: len(d.events.get(key, [])) > before and d.events[key][-1][:2] == expect, deadline)
    return d.events[key][-1][5] - start


def faults_recovered(d, mock, key, mock_id, busy, offline):
    """A 429 with Retry-After 2 s is waited out; a 5xx burst and two dropped connections (libcurl
    retries one drop itself) make the plugin limited, and it runs again. Each fault is met by a
    change of user 12, 13 or 14 (key(i), mock_id(i)); busy and offline are the mock's fields of
    those states."""
    mock.add_fault("429", retry_after=2)
    change_reaches(d, mock, key(12), mock_id(12), busy, (BUSY, 0), 6)
    print("429 with Retry-After 2 s waited out", flush=True)
    limited_before = len(d.states)
    mock.add_fault("5xx", 3)
    change_reaches(d, mock, key(13), mock_id(13), offline, (OFFLINE, 0), 15)
    mock.add_fault("drop", 2)
    change_reaches(d, mock, key(14), mock_id(14), offline, (OFFLINE, 0), 15)
    d.wait("running again", lambda: d.states[-1][0] == RUNNING, 5)
    if not any(st[0] == LIMITED for st in d.states[limited_before:]):
        fail("5xx and drops did not make the plugin limited")
    print("5xx burst and dropped connections recovered (limited, then running)", flush=True)


def unsubscribed_stays_quiet(d, mock, kind, key, mock_id, offline, available):
    """Unsubscribes `key` (kind: ext, email or sip), changes it at the mock (to `offline`, or
    `available` when it is offline already) and fails the test if an event follows in 1.5 s."""
    d.command("unsub %s %s" % (kind, key))
    before = d.last(key)
    mock.set_presence(mock_id, **(offline if before[0] != OFFLINE else available))
    time.sleep(1.5)
    if d.last(key) != before:
        fail("the unsubscribed key %s still reported" % key)


def mock_clean(stats, service, faults):
    """The closing check of a mock whose stats() has counts and violations: prints the counts,
    fails the test on any violation or when a fault in `faults` was never served."""
    print("mock: %s" % json.dumps(stats["counts"]), flush=True)
    if stats["violations"]:
        fail("the plugin broke %s's limits: %s" % (service, stats["violations"][:5]))
    for what in faults:
        if stats["counts"][what] < 1:
            fail("the fault %s was never served" % what)


@contextlib.contextmanager
def plugin_on(driver, plugin, secrets, settings, server, also=()):
    """The plugin created and started in a new presence_driver with `settings` (a dict) and
    `secrets`, for the body of a with-block against the mock `server`; leaving it, however, the
    driver quits with its exit status checked (Driver.quit), the server shuts down and each
    callable in `also` runs."""
    d = Driver([driver, plugin], secrets)
    try:
        d.command("create " + json.dumps(settings))
        yield d
    finally:
        try:
            d.quit()
        finally:
            server.shutdown()
            for close in also:
                close()


def first_view(d, kind, keys, seconds=20):
    """Subscribes `keys` (kind: ext, email or sip) at once and waits until each is reported and
    the plugin runs; prints and returns the seconds it took."""
    d.command("sub %s %s" % (kind, " ".join(keys)))
    started = time.time()
    d.wait("every key reported", lambda: len(d.events) == len(keys), seconds)
    d.wait("running after the first sweep", lambda: d.states and d.states[-1][0] == RUNNING, 5)
    took = time.time() - started
    print("first complete view of %d keys in %.2f s" % (len(keys), took), flush=True)
    return took


def reported(d, keys, expect, what):
    """Fails the test unless the last event of each key has (availability, activity) `expect`;
    `what` names the keys in the message."""
    for key in keys:
        if d.last(key)[:2] != expect:
            fail("%s: %s reported as %s, expected %s" % (what, key, d.last(key)[:2], expect))


def unknown_once(d, keys):
    """Fails the test unless each key got exactly one event, of unknown availability."""
    for key in keys:
        events = d.events[key]
        if len(events) != 1 or events[0][0] != 0:
            fail("unknown address %s reported as %s, expected one unknown event" % (key, events))


def quiet_for(d, seconds):
    """Fails the test if an event arrives within `seconds` while nothing changes at the mock."""
    count = sum(len(v) for v in d.events.values())
    time.sleep(seconds)
    if sum(len(v) for v in d.events.values()) != count:
        fail("events arrived although nothing changed at the mock")


def print_counts(stats, names):
    """Prints the named counts of a mock's stats() on one line."""
    print("mock: " + ", ".join("%s %s" % (name, stats[name]) for name in names), flush=True)


def changes_reported(d, label, keys, change, seconds=15):
    """Runs change() (a change at the mock for each of `keys`) and waits until every key has a
    new event, failing the test after `seconds`; prints the slowest delay and returns
    ({key: its first new event}, the time change() began, the slowest delay)."""
    before = {key: len(d.events[key]) for key in keys}
    t0 = time.time()
    change()
    d.wait("%s: changes reported" % label, lambda: all(len(d.events[key]) > before[key] for key in keys), seconds)
    with d.lock:
        firsts = {key: d.events[key][before[key]] for key in keys}
    slowest = max([ev[5] - t0 for ev in firsts.values()] + [0.0])
    print("%s: %d changes, slowest %.2f s" % (label, len(keys), slowest), flush=True)
    return firsts, t0, slowest
