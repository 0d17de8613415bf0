#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Presence fused with the phone book, end to end:
#   run_fused.py KERNEL_DRIVER PRESENCE_UC_PLUGIN DIRECTORY_CSV_PLUGIN FAKE_CLIENT_PLUGIN
# Starts prosody on 127.0.0.1 the way the presence.uc test does (its helpers are imported), then
# a kernel with directory.csv (Ann, extension 150), presence.uc watching prosody as "console",
# a `presence` section for tenant DEFAULT, and the recording client plugin. u150 sets dnd: the
# contact_state event for Ann must arrive within 2 s (the latency is printed), from presence.uc
# with a recent confirmed_ms, and directory_contact must show the same state. Everything started
# is stopped whatever happens.
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
import asyncio
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "presence_uc"))
sys.path.insert(0, os.path.join(HERE, "..", "daemon"))
import run_with_prosody as xmpp  # noqa: E402
from free_ports import Finder  # noqa: E402

LIMIT_S = 2.0


def fail(message):
    raise AssertionError(message)


class Kernel:
    """kernel_driver: JSON requests in, "answer JSON" lines out."""

    def __init__(self, binary, config, work):
        env = dict(os.environ, PORTIER_UC_PASSWORD=xmpp.CONSOLE_PASSWORD)
        self.log = open(os.path.join(work, "kernel.log"), "w")
        self.proc = subprocess.Popen([binary, config], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.log, env=env, text=True, bufsize=1)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def expect_ready(self):
        line = self.lines.get(timeout=20)
        if line != "ready":
            fail("the kernel did not start: %r" % line)

    def ask(self, request):
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.lines.get(timeout=10)
        if not line.startswith("answer "):
            fail("unexpected kernel output %r" % line)
        return json.loads(line[len("answer "):])

    def quit(self):
        try:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=15)
        except Exception:
            self.proc.kill()
            self.proc.wait(timeout=5)
        self.log.close()


def contact_states(trace):
    """Every contact_state event the recording client plugin got so far, with its arrival time."""
    out = []
    try:
        with open(trace) as f:
            for line in f:
                _, _, text = line.partition(" ")
                message = json.loads(text)
                if message.get("event") == "contact_state":
                    out.append(message)
    except FileNotFoundError:
        pass
    return out


def write_portier(work, port, plugins):
    uc, csv, client = plugins
    with open(os.path.join(work, "people.csv"), "w") as f:
        f.write("id,given,family,extension,email\n1,Ann,Lee,150,ann@example.com\n2,Bob,Ray,151,\n")
    config = os.path.join(work, "portier.yaml")
    settings = {"server": "127.0.0.1", "port": port, "domain": xmpp.DOMAIN, "user": "console",
                "password_secret": "uc_password", "version": "V10", "jid_template": "u{extension}@{domain}",
                "reconnect_min_seconds": 1, "reconnect_max_seconds": 2,
                "tls": {"ca_file": os.path.join(work, "ca.pem")}}
    with open(config, "w") as f:
        f.write("""store:
  path: {work}/var/portier.db
tenants:
  - name: DEFAULT
plugins:
  load:
    - id: fake-client
      file: {client}
      settings: {{ trace: "{work}/delivered.txt" }}
    - id: directory.csv
      file: {csv}
      settings:
        path: {work}/people.csv
        columns: {{source_id: id, given: given, family: family, extension: extension, email: email}}
    - id: presence.uc
      file: {uc}
      secrets:
        uc_password: {{ env: PORTIER_UC_PASSWORD }}
      settings: {settings}
directory:
  sources:
    - plugin: directory.csv
      tenant: DEFAULT
presence:
  plugin: presence.uc
  tenants: [DEFAULT]
  stale_after: 15m
""".format(work=work, client=client, csv=csv, uc=uc, settings=json.dumps(settings)))
    os.makedirs(os.path.join(work, "var"))
    return config


def wait_for(what, limit, probe):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        got = probe()
        if got:
            return got
        time.sleep(0.05)
    fail("%s: not within %.0f s" % (what, limit))


def run(driver, plugins, work):
    finder = Finder()
    port = finder.port()
    # the ports stay reserved until this runner exits (free_ports.py)
    xmpp.write_data(os.path.join(work, "data"))
    xmpp.make_certs(work)
    prosody = xmpp.Prosody(work, xmpp.write_config(work, port), port)
    kernel = None
    loop = asyncio.new_event_loop()
    user = xmpp.Client("u150")
    try:
        prosody.start()
        kernel = Kernel(driver, write_portier(work, port, plugins), work)
        kernel.expect_ready()
        wait_for("the start-up import", 15, lambda: any(
            s.get("last", {}).get("ok") for s in kernel.ask({"type": "directory_status"})["sources"]))
        found = kernel.ask({"type": "directory_search", "tenant": "DEFAULT", "query": "Ann Lee"})["contacts"]
        if len(found) != 1:
            fail("the search for Ann: %r" % found)
        ann = found[0]["id"]
        # presence.uc connected and reported u150 (offline: not logged in) to the kernel
        first = wait_for("Ann's first presence", 20, lambda: kernel.ask(
            {"type": "directory_contact", "tenant": "DEFAULT", "id": ann})["contact"].get("state"))
        if first["presence"]["availability"] != "offline" or first["presence"]["source"] != "presence.uc":
            fail("Ann's first state: %r" % first)

        trace = os.path.join(work, "delivered.txt")
        before = len(contact_states(trace))
        loop.run_until_complete(user.login(port))
        sent = time.time()
        user.presence("dnd", "in a meeting")
        loop.run_until_complete(user.drain())

        def arrived():
            for event in contact_states(trace)[before:]:
                state = event.get("state") or {}
                if event.get("contact_id") == ann and state.get("presence", {}).get("availability") == "dnd":
                    return (time.time(), event)
            return None
        got_at, event = wait_for("the contact_state event for Ann", 5, arrived)
        latency = got_at - sent
        print("contact_state latency: %.3f s (prosody -> presence.uc -> kernel -> client plugin)" % latency)
        if latency >= LIMIT_S:
            fail("the contact_state event took %.3f s, more than %.1f s" % (latency, LIMIT_S))
        state = event["state"]
        if event.get("tenant") != "DEFAULT" or event.get("type") != "event":
            fail("the event's envelope: %r" % event)
        if state["summary"] != "dnd" or state["from"] != "presence" or state["stale"]:
            fail("the fused state: %r" % state)
        presence = state["presence"]
        if presence["source"] != "presence.uc" or presence["note"] != "in a meeting":
            fail("the presence part: %r" % presence)
        confirmed_s = presence["confirmed_ms"] / 1000.0
        if not sent - 1 <= confirmed_s <= got_at + 1:
            fail("confirmed_ms %.3f is not the time of the change (%.3f)" % (confirmed_s, sent))

        shown = kernel.ask({"type": "directory_contact", "tenant": "DEFAULT", "id": ann})["contact"]
        if shown.get("state") != state:
            fail("directory_contact shows %r, the event said %r" % (shown.get("state"), state))
        bob = kernel.ask({"type": "directory_search", "tenant": "DEFAULT", "query": "Bob"})["contacts"][0]
        if bob.get("state", {}).get("presence", {}).get("availability") != "offline":
            fail("Bob (u151, never logged in) is not offline: %r" % bob)
        print("PASS: Ann's dnd reached contact_state in %.3f s and directory_contact agrees" % latency)
    finally:
        user.close()
        if kernel is not None:
            kernel.quit()
        prosody.stop()
        loop.close()


def main():
    if len(sys.argv) != 5:
        print(__doc__ or "usage: run_fused.py DRIVER PRESENCE_UC DIRECTORY_CSV FAKE_CLIENT", file=sys.stderr)
        return 2
    work = tempfile.mkdtemp(prefix="portier-presence-fusion-")
    try:
        run(sys.argv[1], sys.argv[2:5], work)
    except AssertionError as e:
        print("FAIL: %s" % e, file=sys.stderr)
        for name in ("kernel.log", "prosody.log"):
            try:
                with open(os.path.join(work, name)) as f:
                    print("--- %s\n%s" % (name, f.read()[-3000:]), file=sys.stderr)
            except OSError:
                pass
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
