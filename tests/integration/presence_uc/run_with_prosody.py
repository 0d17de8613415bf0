#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# presence.uc against a real prosody on 127.0.0.1, stopped whatever happens.
#   run_with_prosody.py DRIVER PLUGIN
# In a temp folder: a CA and a server certificate for uc.test made with openssl (so the plugin's
# STARTTLS verifies against that CA), a prosody config on a free port, and 301 accounts written
# as prosody's own data files: the console account, whose roster holds u100..u399 with
# subscription "to" (and theirs the console with "from"), as a UC administrator provisions a
# watcher that may see everyone, plus u400, whom the console has to ask. 300 raw XMPP test
# clients then change presence; every change must reach the plugin, rightly mapped, within 2 s.
import asyncio
import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "daemon"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "presence_common"))
from free_ports import Finder  # noqa: E402
import plugin_driver  # noqa: E402

DOMAIN = "uc.test"
USERS = ["u%d" % n for n in range(100, 400)]   # pre-approved for the console
ASKED = "u400"                                  # not in the console's roster
CONSOLE_PASSWORD = "console-secret"
LIMIT_S = 2.0
AVAILABLE, BUSY, AWAY, DND, OFFLINE, UNKNOWN = 1, 2, 3, 4, 5, 0
STATE_RUNNING, STATE_LIMITED = 0, 1  # PORTIER_STATE_*
SHOWS = [("", AVAILABLE), ("chat", AVAILABLE), ("away", AWAY), ("xa", AWAY), ("dnd", DND)]


def fail(message):
    raise AssertionError(message)


def lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_data(data_dir):
    host_dir = os.path.join(data_dir, DOMAIN.replace(".", "%2e"))
    accounts = os.path.join(host_dir, "accounts")
    rosters = os.path.join(host_dir, "roster")
    os.makedirs(accounts)
    os.makedirs(rosters)

    def account(user, password):
        with open(os.path.join(accounts, user + ".dat"), "w") as f:
            f.write("return { [\"password\"] = %s; };\n" % lua_string(password))

    def roster(user, items):
        lines = ["return {", "  [false] = { [\"version\"] = 1; };"]
        for jid, subscription in items:
            lines.append("  [%s] = { [\"subscription\"] = %s; [\"groups\"] = {}; };" % (lua_string(jid),
                                                                                     lua_string(subscription)))
        lines.append("};")
        with open(os.path.join(rosters, user + ".dat"), "w") as f:
            f.write("\n".join(lines) + "\n")

    account("console", CONSOLE_PASSWORD)
    roster("console", [(u + "@" + DOMAIN, "to") for u in USERS])
    for u in USERS + [ASKED]:
        account(u, "pw-" + u)
        if u != ASKED:
            roster(u, [("console@" + DOMAIN, "from")])


def make_certs(work):
    def run(*args):
        subprocess.run(["openssl"] + list(args), check=True, cwd=work, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    for ca in ("ca", "other-ca"):
        run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Portier test " + ca,
            "-keyout", ca + ".key", "-out", ca + ".pem")
    run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + DOMAIN, "-keyout", "server.key", "-out",
        "server.csr")
    with open(os.path.join(work, "san.ext"), "w") as f:
        f.write("subjectAltName=DNS:%s\n" % DOMAIN)
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
        "-extfile", "san.ext", "-out", "server.pem")


def write_config(work, port):
    config = os.path.join(work, "prosody.cfg.lua")
    with open(config, "w") as f:
        f.write("""
run_as_root = true
daemonize = false
pidfile = {pid}
data_path = {data}
interfaces = {{ "127.0.0.1" }}
c2s_ports = {{ {port} }}
c2s_direct_tls_ports = {{ }}
s2s_ports = {{ }}
modules_enabled = {{ "roster", "saslauth", "tls", "disco", "ping" }}
modules_disabled = {{ "s2s", "offline" }}
authentication = "internal_plain"
storage = "internal"
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
log = {{ {{ levels = {{ min = os.getenv("PORTIER_PROSODY_LOG") or "warn" }}, to = "file", filename = {log} }} }}
VirtualHost "{domain}"
  ssl = {{ certificate = {cert}; key = {key}; }}
""".format(pid=lua_string(os.path.join(work, "prosody.pid")), data=lua_string(os.path.join(work, "data")),
           port=port, log=lua_string(os.path.join(work, "prosody.log")), domain=DOMAIN,
           cert=lua_string(os.path.join(work, "server.pem")), key=lua_string(os.path.join(work, "server.key"))))
    return config


class Prosody:
    def __init__(self, work, config, port):
        self.work, self.config, self.port, self.proc = work, config, port, None

    def start(self):
        out = open(os.path.join(self.work, "prosody.out"), "a")
        self.proc = subprocess.Popen(["prosody", "-F", "--config", self.config], stdout=out, stderr=out,
                                     start_new_session=True)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                fail("prosody exited: " + self.tail())
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        fail("prosody did not listen on %d: %s" % (self.port, self.tail()))

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)

    def tail(self):
        text = ""
        for name in ("prosody.out", "prosody.log"):
            try:
                with open(os.path.join(self.work, name)) as f:
                    text += f.read()[-2000:]
            except OSError:
                pass
        return text


class Driver(plugin_driver.Driver):
    """The plugin in presence_driver, with the console's password as its secret uc_password."""

    def __init__(self, binary, plugin, password):
        super().__init__([binary, plugin], {"uc_password": password})
        self.max_delay = 0.0

    def wait_state(self, predicate, since, limit):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            with self.lock:
                for state, reason, arrival in self.states:
                    if arrival >= since and predicate(state, reason):
                        return state, reason
            time.sleep(0.05)
        with self.lock:
            fail("no such plugin state within %.0f s; states: %r; logs: %r" % (limit, self.states[-5:],
                                                                              self.logs[-10:]))

    def wait_events(self, expected, since, limit, what, within=LIMIT_S):
        """expected: key -> (availability, note or None, send time). Each must arrive after its send time,
        within `within` seconds of it, rightly mapped; waits at most `limit`."""
        deadline = time.monotonic() + limit
        missing = dict(expected)
        while missing and time.monotonic() < deadline:
            with self.lock:
                for key in list(missing):
                    availability, note, sent = missing[key]
                    for ev in self.events.get(key, []):
                        arrival, confirmed = ev[5], ev[2] / 1e6
                        if arrival >= max(since, sent) and ev[0] == availability and (note is None or ev[4] == note):
                            delay = arrival - sent
                            if within == LIMIT_S:  # not the re-report, which waits for the backoff
                                self.max_delay = max(self.max_delay, delay)
                            if delay > within:
                                fail("%s: %s arrived after %.2f s" % (what, key, delay))
                            if not sent - 1 <= confirmed <= arrival + 1:
                                fail("%s: %s confirmed_us %.3f is not the arrival time" % (what, key, confirmed))
                            del missing[key]
                            break
            time.sleep(0.02)
        if missing:
            key = sorted(missing)[0]
            with self.lock:
                fail("%s: %d of %d keys missing, e.g. %s wanted %r, got %r; states %r; logs %r" % (
                    what, len(missing), len(expected), key, missing[key], self.events.get(key, [])[-3:],
                    self.states[-4:], self.logs[-8:]))


class Client:
    """One test user over raw XMPP (plain TCP, SASL PLAIN, bind): the minimum to send presence."""

    def __init__(self, user):
        self.user = user
        self.reader = self.writer = None

    async def _until(self, marks, limit=10):
        buf = ""
        end = time.monotonic() + limit
        while not any(m in buf for m in marks):
            left = end - time.monotonic()
            if left <= 0:
                fail("%s: no %r from prosody; got %r" % (self.user, marks, buf[-300:]))
            data = await asyncio.wait_for(self.reader.read(65536), left)
            if not data:
                fail("%s: prosody closed the stream; got %r" % (self.user, buf[-300:]))
            buf += data.decode("utf-8", "replace")
        return buf

    def _open(self):
        self.writer.write(("<?xml version='1.0'?><stream:stream to='%s' version='1.0' xmlns='jabber:client' "
                           "xmlns:stream='http://etherx.jabber.org/streams'>" % DOMAIN).encode())

    async def login(self, port, password=None):
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", port)
        self._open()
        await self._until(["</stream:features>"])
        token = base64.b64encode(("\0%s\0%s" % (self.user, password or "pw-" + self.user)).encode()).decode()
        self.writer.write(("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>%s</auth>" %
                           token).encode())
        got = await self._until(["<success", "<failure"])
        if "<success" not in got:
            fail("%s: login refused: %r" % (self.user, got))
        self._open()
        await self._until(["</stream:features>"])
        self.writer.write(b"<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                          b"<resource>desk</resource></bind></iq>")
        await self._until(["<jid>"])

    def presence(self, show, status):
        body = ("<show>%s</show>" % show if show else "") + ("<status>%s</status>" % status if status else "")
        self.writer.write(("<presence>%s</presence>" % body).encode())

    def send(self, xml):
        self.writer.write(xml.encode())

    async def drain(self):
        await self.writer.drain()

    def close(self):
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def close_all(clients):
    """Closes the sockets without ending the streams, like a client that lost its network."""
    for c in clients:
        c.close()
    await asyncio.sleep(0.1)  # lets the transports really close


async def login_all(clients, port):
    await asyncio.gather(*(c.login(port) for c in clients))


async def send_all(clients, pick):
    """Sends each client's presence; returns key -> (availability, note, send time)."""
    expected = {}
    for i, c in enumerate(clients):
        show, availability, note = pick(i)
        expected[c.user[1:]] = (availability, note, time.time())  # before: the write may go out at once
        c.presence(show, note)
    await asyncio.gather(*(c.drain() for c in clients))
    return expected


def run(driver_bin, plugin, work):
    finder = Finder()
    port = finder.port()
    # the ports stay reserved until this runner exits (free_ports.py)
    write_data(os.path.join(work, "data"))
    make_certs(work)
    config = write_config(work, port)
    prosody = Prosody(work, config, port)
    drivers = []
    loop = asyncio.new_event_loop()
    clients = []
    try:
        prosody.start()
        started = time.time()

        def settings(extra=""):
            return ('{"server":"127.0.0.1","port":%d,"domain":"%s","user":"console","password_secret":"uc_password",'
                    '"version":"V10","jid_template":"u{extension}@{domain}","email_jid":"local",'
                    '"reconnect_min_seconds":1,"reconnect_max_seconds":2%s}' % (port, DOMAIN, extra))

        # the watcher: STARTTLS verified against the test CA, SASL, bind, roster, initial presence
        d = Driver(driver_bin, plugin, CONSOLE_PASSWORD)
        drivers.append(d)
        d.command("create " + settings(',"tls":{"ca_file":"%s"}' % os.path.join(work, "ca.pem")))
        d.command("sub ext " + " ".join(u[1:] for u in USERS) + " " + ASKED[1:] + " 999")
        d.command("sub email U150@Example.com")
        d.wait_state(lambda s, r: s == STATE_RUNNING and "connected to" in r, started, 15)
        d.wait_events({u[1:]: (OFFLINE, None, started) for u in USERS}, started, 10, "initial offline")
        d.wait_events({"U150@Example.com": (OFFLINE, None, started)}, started, 2, "e-mail key")
        d.wait_events({ASKED[1:]: (UNKNOWN, None, started), "999": (UNKNOWN, None, started)}, started, 2,
                      "keys not in the roster")
        with d.lock:
            if not any("TLS" in line for line in d.logs if "connected to" in line):
                fail("the plugin did not report a TLS session: %r" % d.logs[-5:])

        # 300 users come online, each with a different <show>
        clients = [Client(u) for u in USERS]
        loop.run_until_complete(login_all(clients, port))
        t = time.time()
        expected = loop.run_until_complete(send_all(clients, lambda i: SHOWS[i % 5][0:2] + ("note %d" % i,)))
        d.wait_events(expected, t, 10, "first presence")
        with d.lock:
            xa = [ev for ev in d.events[USERS[3][1:]] if ev[5] >= t]
        if not xa or xa[-1][1] != 9 or xa[-1][3] != "extended away":
            fail("xa is not reported as away with the activity 'extended away': %r" % xa)
        d.wait_events({"U150@Example.com": expected["150"]}, t, 2, "e-mail key follows its JID")

        # everyone changes again
        t = time.time()
        expected = loop.run_until_complete(send_all(clients, lambda i: SHOWS[(i + 2) % 5][0:2] + ("again %d" % i,)))
        d.wait_events(expected, t, 10, "second presence")

        # half the users disconnect: offline
        t = time.time()
        loop.run_until_complete(close_all(clients[:150]))
        d.wait_events({c.user[1:]: (OFFLINE, None, t) for c in clients[:150]}, t, 10, "disconnect -> offline")
        clients = clients[150:]

        # the one not in the roster: the console asked; once u400 approves, its presence arrives
        asked = Client(ASKED)
        loop.run_until_complete(asked.login(port))
        asked.send("<presence type='subscribed' to='console@%s'/>" % DOMAIN)
        t = time.time()
        asked.presence("dnd", "approved")
        loop.run_until_complete(asked.drain())
        d.wait_events({ASKED[1:]: (DND, "approved", t)}, t, 5, "after approval")
        loop.run_until_complete(close_all([asked]))

        # prosody restarts: the plugin is limited meanwhile, then reconnects and reports again
        t = time.time()
        prosody.stop()
        loop.run_until_complete(close_all(clients))
        d.wait_state(lambda s, r: s == STATE_LIMITED and "next attempt" in r, t, 5)
        prosody.start()
        t = time.time()
        d.wait_state(lambda s, r: s == STATE_RUNNING and "connected to" in r, t, 10)
        # the backoff waits at most reconnect_max_seconds (2) before the next attempt
        d.wait_events({u[1:]: (OFFLINE, None, t) for u in USERS}, t, 8, "re-report after restart", 2 + LIMIT_S)
        clients = [Client(u) for u in USERS[:100]]
        loop.run_until_complete(login_all(clients, port))
        t = time.time()
        expected = loop.run_until_complete(send_all(clients, lambda i: ("away", AWAY, "back %d" % i)))
        d.wait_events(expected, t, 10, "presence after reconnect")

        # unsubscribed keys are no longer reported
        d.command("unsub ext 100")
        time.sleep(0.3)
        t = time.time()
        clients[0].presence("dnd", "unwatched")
        clients[1].presence("dnd", "watched")
        loop.run_until_complete(clients[0].drain())
        loop.run_until_complete(clients[1].drain())
        d.wait_events({"101": (DND, "watched", t)}, t, 2, "watched key")
        with d.lock:
            if any(ev[5] >= t for ev in d.events.get("100", [])):
                fail("an unsubscribed key was reported")
        loop.run_until_complete(close_all(clients))
        print("slowest change to event: %.3f s" % d.max_delay)
        d.close(timeout=10)
        drivers.remove(d)

        # a server certificate from another CA is refused; the plugin stays limited
        t = time.time()
        bad = Driver(driver_bin, plugin, CONSOLE_PASSWORD)
        drivers.append(bad)
        bad.command("create " + settings(',"tls":{"ca_file":"%s"}' % os.path.join(work, "other-ca.pem")))
        bad.wait_state(lambda s, r: s == STATE_LIMITED and "certificate" in r, t, 8)
        with bad.lock:
            if any("connected to" in r for _, r, _ in bad.states):
                fail("connected despite an untrusted certificate: %r" % bad.states)
        bad.close(timeout=10)
        drivers.remove(bad)

        # a wrong password: limited, never connected
        t = time.time()
        wrong = Driver(driver_bin, plugin, "not-the-password")
        drivers.append(wrong)
        wrong.command("create " + settings(',"tls":{"ca_file":"%s"}' % os.path.join(work, "ca.pem")))
        wrong.wait_state(lambda s, r: s == STATE_LIMITED and "next attempt" in r, t, 8)
        with wrong.lock:
            if any(r.startswith("connected to") for _, r, _ in wrong.states):
                fail("connected with a wrong password: %r" % wrong.states)
        wrong.close(timeout=10)
        drivers.remove(wrong)
        print("presence-uc: 300 users, every change within %.0f s: 1 passed, 0 failed" % LIMIT_S)
    finally:
        for c in clients:
            c.close()
        for dr in drivers:
            dr.close(timeout=10)
        loop.close()
        prosody.stop()



def main():
    if len(sys.argv) != 3:
        print("usage: run_with_prosody.py DRIVER PLUGIN", file=sys.stderr)
        return 2
    if shutil.which("prosody") is None or shutil.which("openssl") is None:
        print("prosody or openssl missing", file=sys.stderr)
        return 1
    work = tempfile.mkdtemp(prefix="portier-prosody-")
    begun = time.monotonic()
    try:
        run(sys.argv[1], sys.argv[2], work)
    except AssertionError as e:
        print("FAILED: %s" % e, file=sys.stderr)
        return 1
    finally:
        if not os.environ.get("PORTIER_KEEP_WORK"):
            shutil.rmtree(work, ignore_errors=True)
    print("took %.1f s" % (time.monotonic() - begun))
    return 0


if __name__ == "__main__":
    sys.exit(main())
