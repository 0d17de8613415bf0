#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A Circuit REST API v2 mock for presence.circuit's tests, on 127.0.0.1 (python3 only).

It follows docs/protocols/presence-calendar.md §3: POST /oauth/token (HTTP Basic client id and
secret, grant_type=client_credentials, comma-separated scope that must hold READ_USER),
GET /rest/v2/users/list?name=..&secondaryLookup=true (the users found; 404 when none) and
GET /rest/v2/users/presence?userIds=.. (repeated or comma-joined; 404 when any one id does not
exist, as Circuit fails the whole call). It enforces and counts every breach in `violations`:
  * at most `max_ids` names or ids per request (more: 400, a violation);
  * at most `per_minute` REST requests in any 60 s (more: 429 + Retry-After, a violation);
  * after an injected 429, any request before its Retry-After has passed is a violation;
  * expired or unknown tokens get 401 AUTHORIZATION_FAILED (not a violation: the client cannot know).
Faults to inject on REST requests: "429" (with Retry-After), "5xx" (503), "drop" (connection
closed without an answer).
With `websocket=True` it also serves the SDK's event channel (§3.4): GET /api?accessToken=..
upgrades to a WebSocket (RFC 6455, the presence mocks' shared ../mock_servers/ws_server.py);
SUBSCRIBE_PRESENCE requests (at most `max_ids` ids each, else a violation and an
OPERATION_NOT_SUPPORTED answer) are answered with the states, and every set_presence() of a
subscribed user sends a USER_PRESENCE_CHANGE event. drop_websockets() closes them all.
"""
import base64
import json
import os
import socket
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "mock_servers"))
import json_http  # noqa: E402
import ws_server  # noqa: E402


class CircuitMock:
    def __init__(self, client_id="bot-1", client_secret="s3cret", token_lifetime=3600, max_ids=100, per_minute=600,
                 websocket=False):
        self.websocket = websocket
        self.sockets = []         # open event channels: WsPeer
        self.client_id, self.client_secret = client_id, client_secret
        self.token_lifetime = token_lifetime   # None: the answer has no expires_in (bot TTL "Forever")
        self.max_ids, self.per_minute = max_ids, per_minute
        self.lock = threading.Lock()
        self.users = {}           # user id -> {"emailAddress": ..., presence fields}
        self.tokens = set()
        self.serial = 0
        self.arrivals = []        # monotonic arrival times of REST requests
        self.quiet_until = 0.0    # after an injected 429
        self.faults = []          # ("429", retry_after) / ("5xx", None) / ("drop", None)
        self.violations = []
        self.counts = {"requests": 0, "401": 0, "429": 0, "5xx": 0, "drop": 0, "grant": 0, "lookups": 0,
                       "presence_reads": 0, "max_ids": 0, "404": 0, "ws_connects": 0, "ws_subscribed": 0,
                       "ws_events": 0}

    # --- the test's side ---------------------------------------------------------------------
    def add_user(self, user_id, mail, **presence):
        with self.lock:
            self.users[user_id] = dict({"emailAddress": mail, "state": "AVAILABLE", "inTransit": False,
                                        "mobile": False, "poor": False, "isOptedOut": False,
                                        "statusMessage": ""}, **presence)

    def set_presence(self, user_id, **fields):
        with self.lock:
            self.users[user_id].update(fields)
            state = self.presence_of(user_id)
            peers = [p for p in self.sockets if user_id in p.subscribed]
            self.counts["ws_events"] += len(peers)
        event = {"msgType": "EVENT", "event": {"type": "USER", "user": {
            "type": "USER_PRESENCE_CHANGE", "presenceChanged": {"newState": state}}}}
        for p in peers:
            p.send(event)

    def drop_websockets(self):
        with self.lock:
            peers, self.sockets = self.sockets, []
        for p in peers:
            p.drop()

    def subscribed(self):
        """Ids subscribed on open event channels."""
        with self.lock:
            out = set()
            for p in self.sockets:
                out |= p.subscribed
            return out

    def presence_of(self, user_id):
        p = {k: v for k, v in self.users[user_id].items() if k != "emailAddress"}
        return dict(p, userId=user_id)

    def delete_user(self, user_id):
        with self.lock:
            del self.users[user_id]

    def add_fault(self, kind, count=1, retry_after=None):
        with self.lock:
            self.faults.extend([(kind, retry_after)] * count)

    def expire_tokens(self):
        with self.lock:
            self.tokens.clear()

    def stats(self):
        with self.lock:
            return dict(self.counts, violations=list(self.violations))

    # --- the server's side (under self.lock) ------------------------------------------------
    def violation(self, text):
        self.violations.append("%.3f %s" % (time.monotonic(), text))

    def admit(self, path):
        """Counts a REST request; returns the Retry-After of a refusal or None."""
        now = time.monotonic()
        self.counts["requests"] += 1
        if now < self.quiet_until:
            self.violation("%s %.3f s before the injected Retry-After ended" % (path, self.quiet_until - now))
        while self.arrivals and self.arrivals[0] <= now - 60.0:
            self.arrivals.pop(0)
        self.arrivals.append(now)
        if len(self.arrivals) > self.per_minute:
            self.violation("%s: %d requests in 60 s, budget %d" % (path, len(self.arrivals), self.per_minute))
            self.counts["429"] += 1
            return 5
        return None

    def issue_token(self, basic, form):
        expected = "Basic " + base64.b64encode(("%s:%s" % (self.client_id, self.client_secret)).encode()).decode()
        if basic != expected:
            return 401, {"error": "invalid_client", "error_description": "Bad client credentials"}
        if form.get("grant_type", [""])[0] != "client_credentials":
            return 400, {"error": "unsupported_grant_type", "error_description": "Unsupported grant type"}
        scopes = form.get("scope", [""])[0].split(",")
        if "READ_USER" not in scopes and "ALL" not in scopes:
            return 400, {"error": "invalid_scope", "error_description": "READ_USER is needed for presence"}
        self.counts["grant"] += 1
        self.serial += 1
        token = "ct-%d" % self.serial
        self.tokens.add(token)
        answer = {"access_token": token, "token_type": "Bearer"}
        if self.token_lifetime is not None:
            answer["expires_in"] = self.token_lifetime
        return 200, answer

    def values(self, query, name):
        """A repeated array parameter, or one comma-joined value (a 3P sample's form)."""
        out = []
        for v in query.get(name, []):
            out.extend(x for x in v.split(",") if x)
        return out

    def too_many(self, what, n):
        self.counts["max_ids"] = max(self.counts["max_ids"], n)
        if n > self.max_ids:
            self.violation("%s with %d values, limit %d" % (what, n, self.max_ids))
            return True
        return False

    def user_list(self, query):
        names = self.values(query, "name")
        self.counts["lookups"] += 1
        if self.too_many("users/list", len(names)):
            return 400, {"errorCode": "INVALID_PARAMETER", "errorDescription": "too many names"}
        wanted = set(n.lower() for n in names)
        found = [{"userId": uid, "emailAddress": u["emailAddress"], "emailAddresses": [u["emailAddress"]],
                  "displayName": uid} for uid, u in self.users.items() if u["emailAddress"].lower() in wanted]
        if not found:
            self.counts["404"] += 1
            return 404, {"errorCode": "NO_RESULT", "errorDescription": "no user found"}
        return 200, found

    def presence_read(self, query):
        ids = self.values(query, "userIds")
        self.counts["presence_reads"] += 1
        if self.too_many("users/presence", len(ids)):
            return 400, {"errorCode": "INVALID_PARAMETER", "errorDescription": "too many userIds"}
        if not ids or any(i not in self.users for i in ids):
            self.counts["404"] += 1
            return 404, {"errorCode": "NO_RESULT", "errorDescription": "user not found"}
        return 200, [self.presence_of(i) for i in ids]

    def on_request(self, peer, frame):
        """Answers one REQUEST frame of an event channel (under self.lock)."""
        req = frame.get("request", {})
        rid = req.get("requestId")
        user = req.get("user", {})
        if frame.get("msgType") != "REQUEST" or user.get("type") != "SUBSCRIBE_PRESENCE":
            return {"msgType": "RESPONSE", "response": {"requestId": rid, "code": "OPERATION_NOT_SUPPORTED"}}
        ids = user.get("subscribePresence", {}).get("userIds", [])
        if self.too_many("SUBSCRIBE_PRESENCE", len(ids)):
            return {"msgType": "RESPONSE", "response": {"requestId": rid, "code": "OPERATION_NOT_SUPPORTED"}}
        known = [i for i in ids if i in self.users]
        peer.subscribed |= set(known)
        self.counts["ws_subscribed"] += len(known)
        return {"msgType": "RESPONSE", "response": {"requestId": rid, "code": "OK", "type": "USER", "user": {
            "type": "SUBSCRIBE_PRESENCE", "subscribePresence": {"states": [self.presence_of(i) for i in known]}}}}


class Handler(json_http.JsonHandler):
    def do_POST(self):
        body = self.read_body()
        if urllib.parse.urlsplit(self.path).path != "/oauth/token":
            return self.send_json(404, {"errorCode": "NO_RESULT", "errorDescription": "no such resource"})
        m = self.mock
        with m.lock:
            status, answer = m.issue_token(self.headers.get("Authorization"),
                                           urllib.parse.parse_qs(body.decode(errors="replace")))
        self.send_json(status, answer)

    def do_GET(self):
        self.read_body()
        url = urllib.parse.urlsplit(self.path)
        path, query = url.path, urllib.parse.parse_qs(url.query)
        if path == "/api":
            return self.event_channel(query)
        if path not in ("/rest/v2/users/list", "/rest/v2/users/presence", "/rest/users/presence"):
            return self.send_json(404, {"errorCode": "NO_RESULT", "errorDescription": "no such resource: " + path})
        m = self.mock
        with m.lock:
            refused = m.admit(path)
            fault = m.faults.pop(0) if refused is None and m.faults else None
            if fault is not None:
                kind, retry_after = fault
                m.counts[kind] += 1
                if kind == "429":
                    m.quiet_until = time.monotonic() + retry_after
        if refused is not None:
            return self.send_json(429, {"errorCode": "TOO_MANY_REQUESTS"}, {"Retry-After": str(refused)})
        if fault is not None:
            kind, retry_after = fault
            if kind == "drop":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if kind == "429":
                return self.send_json(429, {"errorCode": "TOO_MANY_REQUESTS"}, {"Retry-After": str(retry_after)})
            return self.send_json(503, {"errorCode": "SERVICE_EXCEPTION", "errorDescription": "unavailable"})
        with m.lock:
            auth = self.headers.get("Authorization") or ""
            if not (auth.startswith("Bearer ") and auth[7:] in m.tokens):
                m.counts["401"] += 1
                status, answer = 401, {"errorCode": "AUTHORIZATION_FAILED", "errorDescription": "token expired"}
            elif path == "/rest/v2/users/list":
                status, answer = m.user_list(query)
            else:
                status, answer = m.presence_read(query)
        self.send_json(status, answer)


    def event_channel(self, query):
        m = self.mock
        key = ws_server.upgrade_asked(self)
        with m.lock:
            allowed = m.websocket and query.get("accessToken", [""])[0] in m.tokens
        if not allowed or not key:
            return self.send_json(401 if m.websocket else 404, {"errorCode": "AUTHORIZATION_FAILED"})
        peer = ws_server.accept(self, key)
        peer.subscribed = set()   # the user ids SUBSCRIBE_PRESENCE asked for
        with m.lock:
            m.counts["ws_connects"] += 1
            m.sockets.append(peer)

        def on_text(data):
            try:
                frame = json.loads(data)
            except ValueError:
                return
            with m.lock:
                answer = m.on_request(peer, frame)
            peer.send(answer)

        try:
            ws_server.pump(peer, on_text)
        finally:
            with m.lock:
                if peer in m.sockets:
                    m.sockets.remove(peer)
            self.close_connection = True


def serve(mock, port=0, tls=None):
    """Starts the mock on 127.0.0.1 (a free port when 0) in a daemon thread; returns the server.
    tls: (certificate file, key file) to answer HTTPS and WSS instead of HTTP and WS."""
    return json_http.start(Handler, mock, port, tls)


if __name__ == "__main__":
    import sys
    srv = serve(CircuitMock(), int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print("Circuit mock on 127.0.0.1:%d" % srv.server_address[1], flush=True)
    threading.Event().wait()
