#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# prosody for the browser flow 'presence', and the office users who change their presence there:
#   xmpp_peer.py WORK PORT USER...
# Starts prosody on 127.0.0.1:PORT with its files in WORK, set up as presence.uc's own test does
# (tests/integration/presence_uc/run_with_prosody.py: the account "console" with every USER in its
# roster, TLS with the test CA WORK/ca.pem), prints "ready", then reads commands on stdin:
#   presence USER SHOW NOTE   logs USER in (once) and sends that presence; prints "sent MS", the
#                             Unix time in ms just before the write
# and stops prosody when stdin closes. Everything it started ends with it.
import asyncio
import os
import signal
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "integration", "presence_uc"))
import run_with_prosody as xmpp  # noqa: E402


def main():
    if len(sys.argv) < 4:
        print("usage: xmpp_peer.py WORK PORT USER...", file=sys.stderr)
        return 2
    work, port, users = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # through the finally below: prosody stops too
    os.makedirs(work, exist_ok=True)
    xmpp.USERS = users  # write_data reads the module's list
    xmpp.write_data(os.path.join(work, "data"))
    xmpp.make_certs(work)
    prosody = xmpp.Prosody(work, xmpp.write_config(work, port), port)
    loop = asyncio.new_event_loop()
    clients = {}
    try:
        prosody.start()
        print("ready", flush=True)
        for line in sys.stdin:
            words = line.split(maxsplit=3)
            if len(words) < 3 or words[0] != "presence":
                print("error: unknown command %r" % line.strip(), flush=True)
                continue
            user, show = words[1], words[2]
            note = words[3].strip() if len(words) > 3 else ""
            if user not in clients:
                clients[user] = xmpp.Client(user)
                loop.run_until_complete(clients[user].login(port))
            sent = int(time.time() * 1000)
            clients[user].presence("" if show == "available" else show, note)
            loop.run_until_complete(clients[user].drain())
            print("sent %d" % sent, flush=True)
    except AssertionError as e:
        print("error: %s" % e, flush=True)
        return 1
    finally:
        for c in clients.values():
            c.close()
        prosody.stop()
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
