#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""RingCentral's WebSocket notification transport for rc_mock.py (docs/protocols/
presence-calendar.md §2.4), on the RFC 6455 server part the presence mocks share
(../mock_servers/ws_server.py; python3 only).

POST /restapi/oauth/wstoken gives a single-use ws_access_token (30 s) and the ws:// URI; GET /ws
upgrades. Every frame is a JSON array [header, body]. The mock enforces, counting breaches in the
RcMock's `violations`: no client frame before ConnectionDetails (sent after a short delay, so a
hasty client is caught), a wstoken used once and within 30 s, one subscription per session (a
second ClientRequest replaces the first, as the server does), the Heartbeat shape
[{"type":"Heartbeat","messageId":...}], recovery with `wsc` only within 180 s (else
recoveryState Failed and a new session), and no wstoken request before an injected Retry-After.
"""
import json
import os
import re
import select
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "mock_servers"))
import ws_server  # noqa: E402

ACCOUNT_FILTER = "/restapi/v1.0/account/~/presence"
EXTENSION_FILTER = re.compile(r"^/restapi/v1\.0/account/~/extension/(\d+)/presence$")
RECOVERY_WINDOW = 180.0
DETAILS_DELAY = 0.2
BUFFER = 100


class WsSession:
    """A RingCentral WS session: it outlives a dropped socket for the recovery window."""

    def __init__(self, serial):
        self.serial = serial
        self.wsc = "wsc-%d" % serial
        self.filters = None       # None, "account" or a set of extension ids
        self.peer = None
        self.dropped_at = None
        self.missed = []          # notifications while dropped, replayed on a Successful recovery

    def covers(self, ext_id):
        return self.filters == "account" or (isinstance(self.filters, set) and ext_id in self.filters)


class WsTransport:
    """The WS side of an RcMock; its methods run under mock.lock unless they say otherwise."""

    def __init__(self, mock):
        self.mock = mock
        self.tickets = {}         # ws_access_token -> expiry (monotonic)
        self.used = set()
        self.sessions = []
        self.serial = 0
        self.sequence = {}        # ext id -> last sequence sent
        self.faults = []          # retry_after seconds of injected wstoken 429s
        self.quiet_until = 0.0
        self.counts = {"wstoken": 0, "wstoken_429": 0, "ws_connects": 0, "recovered": 0, "recovery_failed": 0,
                       "subscriptions": 0, "heartbeats": 0, "notifications": 0, "account_filter": 0,
                       "new_sessions": 0}

    # --- the test's side (takes the lock) ----------------------------------------------------
    def add_fault(self, retry_after):
        with self.mock.lock:
            self.faults.append(retry_after)

    def live_peers(self):
        with self.mock.lock:
            return [s.peer for s in self.sessions if s.peer is not None]

    def drop(self, expired=False):
        """Drops every socket without a close frame; the client may recover with wsc unless
        `expired` (as if the drop were more than 180 s ago)."""
        with self.mock.lock:
            peers = []
            for s in self.sessions:
                if s.peer is not None:
                    peers.append(s.peer)
                    s.peer = None
                    s.dropped_at = -1e9 if expired else time.monotonic()
        for peer in peers:
            peer.drop()

    def close(self, reason="WSG-902 Idle timeout"):
        for peer in self.live_peers():
            peer.close(1000, reason)

    def subscribed(self):
        with self.mock.lock:
            return sum(1 for s in self.sessions if s.peer is not None and s.filters is not None)

    # --- the server's side -------------------------------------------------------------------
    def issue(self, now):
        """(status, body, headers) of POST /restapi/oauth/wstoken (authorised already)."""
        if now < self.quiet_until:
            self.mock.violation("wstoken %.3f s before its Retry-After ended" % (self.quiet_until - now))
        if self.faults:
            retry_after = self.faults.pop(0)
            self.quiet_until = now + retry_after
            self.counts["wstoken_429"] += 1
            return 429, {"errorCode": "CMN-301", "message": "Request rate exceeded"}, {"Retry-After": str(retry_after)}
        self.counts["wstoken"] += 1
        self.serial += 1
        ticket = "wst-%d" % self.serial
        self.tickets[ticket] = now + 30
        return 200, {"ws_access_token": ticket, "uri": "ws://127.0.0.1:%d/ws" % self.mock.port, "expires_in": 30}, {}

    def admit(self, query, now):
        """The session of a new connection and its recoveryState, or (None, why)."""
        ticket = query.get("access_token", [""])[0]
        if ticket in self.used:
            self.mock.violation("wstoken used twice")
            return None, "used"
        expiry = self.tickets.pop(ticket, None)
        if expiry is None or now > expiry:
            return None, "unknown or expired wstoken"
        self.used.add(ticket)
        self.counts["ws_connects"] += 1
        wsc = query.get("wsc", [""])[0]
        if wsc:
            old = next((s for s in self.sessions if s.wsc == wsc), None)
            if old is not None and old.peer is None and old.dropped_at is not None and now - old.dropped_at <= RECOVERY_WINDOW:
                self.counts["recovered"] += 1
                return old, "Successful"
            self.counts["recovery_failed"] += 1
        self.serial += 1
        session = WsSession(self.serial)
        self.sessions.append(session)
        self.counts["new_sessions"] += 1
        return session, ("Failed" if wsc else None)

    def details(self, session, recovery):
        body = {"creationTime": "2026-03-02T09:00:00.000+0000", "maxConnectionsPerSession": 50,
                "recoveryBufferSize": BUFFER, "recoveryTimeout": int(RECOVERY_WINDOW), "idleTimeout": 1800,
                "absoluteTimeout": 86400, "maxActiveRequests": 10}
        if recovery:
            body["recoveryState"] = recovery
        return [{"type": "ConnectionDetails", "messageId": "m-%d" % session.serial, "status": 200,
                 "wsc": {"token": session.wsc, "sequence": 1}, "headers": {"RCRequestId": "r-1"}}, body]

    def on_frame(self, session, frame):
        """The answer to a client frame, or None."""
        if not isinstance(frame, list) or not frame or not isinstance(frame[0], dict):
            self.mock.violation("WS frame not [header, body]: %.60r" % frame)
            return None
        head = frame[0]
        kind = head.get("type")
        if kind == "Heartbeat":
            if len(frame) != 1 or set(head) != {"type", "messageId"} or not isinstance(head["messageId"], str):
                self.mock.violation("Heartbeat of the wrong shape: %.80r" % frame)
            self.counts["heartbeats"] += 1
            return [{"type": "Heartbeat", "messageId": head.get("messageId")}]
        if kind == "ClientRequest" and head.get("method") == "POST" and head.get("path") == "/restapi/v1.0/subscription/":
            body = frame[1] if len(frame) > 1 and isinstance(frame[1], dict) else {}
            filters = body.get("eventFilters") or []
            if (body.get("deliveryMode") or {}).get("transportType") != "WebSocket":
                self.mock.violation("WS subscription without deliveryMode WebSocket")
            ids, account = set(), False
            for f in filters:
                path = urllib.parse.urlsplit(f).path
                m = EXTENSION_FILTER.match(path)
                if path == ACCOUNT_FILTER:
                    account = True
                elif m:
                    ids.add(m.group(1))
                else:
                    return [{"type": "ClientRequest", "messageId": head.get("messageId"), "status": 400},
                            {"errorCode": "SUB-508", "message": "Invalid event filters"}]
            session.filters = "account" if account else ids  # one per session: this one replaces any other
            self.counts["subscriptions"] += 1
            self.counts["account_filter"] += 1 if account else 0
            return [{"type": "ClientRequest", "messageId": head.get("messageId"), "status": 200},
                    {"id": "sub-%d" % session.serial, "status": "Active", "eventFilters": filters,
                     "deliveryMode": {"transportType": "WebSocket"}}]
        self.mock.violation("unexpected WS frame type %r" % kind)
        return None

    def notify(self, ext_id, presence):
        """Sends (or keeps for recovery) a notification of ext_id to every session covering it."""
        seq = self.sequence.get(ext_id, 100) + 1
        self.sequence[ext_id] = seq
        body = dict(presence, extensionId=ext_id, sequence=seq)
        body.pop("extension", None)
        frame = [{"type": "ServerNotification", "messageId": "n-%d-%d" % (int(ext_id) % 100000, seq), "status": 200},
                 {"uuid": "u-%d" % seq, "event": "/restapi/v1.0/account/~/extension/%s/presence" % ext_id,
                  "timestamp": "2026-03-02T09:13:01.117Z", "subscriptionId": "sub", "body": body}]
        out = []
        for s in self.sessions:
            if not s.covers(ext_id):
                continue
            if s.peer is not None:
                out.append(s.peer)
                self.counts["notifications"] += 1
            elif s.dropped_at is not None and len(s.missed) < BUFFER:
                s.missed.append(frame)
        return frame, out


def serve_upgrade(handler, mock, query):
    """Runs one WebSocket connection on an HTTP handler (outside the lock)."""
    key = ws_server.upgrade_asked(handler)
    ws = mock.ws
    with mock.lock:
        session, recovery = ws.admit(query, time.monotonic()) if key else (None, "no key")
    if session is None:
        return handler.send_json(401, {"errorCode": "OAU-128", "message": "wstoken refused: %s" % recovery})
    peer = ws_server.accept(handler, key, max_message=1 << 20)
    # a client frame within DETAILS_DELAY arrived before ConnectionDetails
    early = select.select([handler.connection], [], [], DETAILS_DELAY)[0]
    with mock.lock:
        if early:
            mock.violation("a client frame before ConnectionDetails")
        if session.peer is not None:
            session.peer.drop()
        session.peer, session.dropped_at = peer, None
        missed = session.missed if recovery == "Successful" else []
        session.missed = []
        if recovery == "Failed" or recovery is None:
            session.filters = None
        peer.send(ws.details(session, recovery))
        for frame in missed:
            peer.send(frame)

    def on_text(data):
        try:
            frame = json.loads(data)
        except ValueError:
            with mock.lock:
                mock.violation("WS text frame that is not JSON")
            return
        with mock.lock:
            answer = ws.on_frame(session, frame)
            if answer is not None:
                peer.send(answer)

    try:
        ws_server.pump(peer, on_text)
    finally:
        with mock.lock:
            if session.peer is peer:
                session.peer, session.dropped_at = None, time.monotonic()
        handler.close_connection = True
