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
upgrades to a WebSocket (RFC 6455, written here: text frames, ping/pong, close);
SUBSCRIBE_PRESENCE requests (at most `max_ids` ids each, else a violation and an
OPERATION_NOT_SUPPORTED answer) are answered with the states, and every set_presence() of a
subscribed user sends a USER_PRESENCE_CHANGE event. drop_websockets() closes them all.
"""
import base64
import hashlib
import json
import struct
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


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


class WsPeer:
    """One server side of an event channel: frames in from rfile, out to wfile (RFC 6455)."""

    def __init__(self, handler):
        self.handler = handler
        self.subscribed = set()
        self.send_lock = threading.Lock()
        self.closed = False

    def frame(self, opcode, data):
        n = len(data)
        head = bytes([0x80 | opcode])
        if n < 126:
            head += bytes([n])
        elif n < 65536:
            head += bytes([126]) + struct.pack("!H", n)
        else:
            head += bytes([127]) + struct.pack("!Q", n)
        with self.send_lock:
            if self.closed:
                return
            try:
                self.handler.wfile.write(head + data)
                self.handler.wfile.flush()
            except OSError:
                self.closed = True

    def send(self, obj):
        self.frame(1, json.dumps(obj).encode())

    def drop(self):
        with self.send_lock:
            self.closed = True
        try:
            self.handler.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def read_frame(self):
        """(opcode, payload) or None when the connection ended; client frames must be masked."""
        r = self.handler.rfile
        head = r.read(2)
        if len(head) < 2:
            return None
        opcode, n = head[0] & 0x0F, head[1] & 0x7F
        if not head[1] & 0x80:
            return None
        if n == 126:
            n = struct.unpack("!H", r.read(2))[0]
        elif n == 127:
            n = struct.unpack("!Q", r.read(8))[0]
        if n > (16 << 20):
            return None
        mask = r.read(4)
        data = bytearray(r.read(n))
        if len(mask) < 4 or len(data) < n:
            return None
        for i in range(n):
            data[i] ^= mask[i % 4]
        return opcode, bytes(data)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    mock = None  # set by serve()

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        # headers and body go out in two writes; without this Nagle adds 40 ms to each answer
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def send_json(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        n = int(self.headers.get("Content-Length", "0"))
        return self.rfile.read(n) if n else b""

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
        key = self.headers.get("Sec-WebSocket-Key")
        with m.lock:
            allowed = m.websocket and query.get("accessToken", [""])[0] in m.tokens
        if not allowed or not key or "websocket" not in (self.headers.get("Upgrade") or "").lower():
            return self.send_json(401 if m.websocket else 404, {"errorCode": "AUTHORIZATION_FAILED"})
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest())
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept.decode())
        self.end_headers()
        self.wfile.flush()
        peer = WsPeer(self)
        with m.lock:
            m.counts["ws_connects"] += 1
            m.sockets.append(peer)
        try:
            while True:
                got = peer.read_frame()
                if got is None:
                    break
                opcode, data = got
                if opcode == 8:
                    peer.frame(8, data[:2])
                    break
                if opcode == 9:
                    peer.frame(10, data)
                    continue
                if opcode != 1:
                    continue
                try:
                    frame = json.loads(data)
                except ValueError:
                    continue
                with m.lock:
                    answer = m.on_request(peer, frame)
                peer.send(answer)
        finally:
            with m.lock:
                if peer in m.sockets:
                    m.sockets.remove(peer)
            self.close_connection = True


def serve(mock, port=0, tls=None):
    """Starts the mock on 127.0.0.1 (a free port when 0) in a daemon thread; returns the server.
    tls: (certificate file, key file) to answer HTTPS and WSS instead of HTTP and WS."""
    handler = type("BoundHandler", (Handler,), {"mock": mock})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    if tls is not None:
        import ssl
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls[0], tls[1])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


if __name__ == "__main__":
    import sys
    srv = serve(CircuitMock(), int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print("Circuit mock on 127.0.0.1:%d" % srv.server_address[1], flush=True)
    threading.Event().wait()
