#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A RingCentral platform mock for presence.unify-office's tests, on 127.0.0.1 (python3 only).

It follows docs/protocols/presence-calendar.md §2: POST /restapi/oauth/token (HTTP Basic app
authentication; JWT bearer, password and refresh_token grants), the paged extension list, and
batch presence reads (207 multipart JSON, a 404 part for an unknown id; one id gives a plain 200).
It enforces what the doc says and counts every breach in `violations`:
  * at most 30 ids per presence read (more: 400 InvalidMultipartRequest), perPage <= 1000;
  * a sliding 60 s window per API group (Light: presence, Medium: extension list, Auth: token)
    with X-Rate-Limit-* headers; a request over the limit gets 429 + Retry-After and starts the
    group's penalty, and a request during a penalty restarts it (both are violations);
  * after an injected 429, any request before its Retry-After has passed is a violation;
  * expired or unknown access tokens get 401 OAU-128 (not a violation: the client cannot know).
Faults to inject: "429" (with Retry-After), "5xx" (503), "drop" (connection closed without an
answer), and failing parts (a 503 part inside a 207).
The WebSocket notification transport (wstoken, /ws) lives in rc_ws.py; `mock.ws` drives it.
"""
import base64
import json
import os
import socket
import sys
import threading
import time
import urllib.parse

from rc_ws import WsTransport, serve_upgrade

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "mock_servers"))
import json_http  # noqa: E402

MAX_IDS = 30
MAX_PER_PAGE = 1000
MULTIPART_JSON = "application/vnd.ringcentral.multipart+json"
JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"


def rc_error(code, message):
    return {"errorCode": code, "message": message, "errors": [{"errorCode": code, "message": message}]}


class RcMock:
    def __init__(self, client_id="app-1", client_secret="s3cret", jwt="jwt-credential", user="+16505550100",
                 password="pw", token_lifetime=3600, refresh_lifetime=604800,
                 limits=None, penalty=60):
        self.client_id, self.client_secret, self.jwt = client_id, client_secret, jwt
        self.user, self.password = user, password
        self.token_lifetime, self.refresh_lifetime = token_lifetime, refresh_lifetime
        self.limits = dict({"Light": 50, "Medium": 40, "Auth": 5}, **(limits or {}))
        self.penalty = penalty
        self.lock = threading.Lock()
        self.extensions = []      # (id, number, type), in listing order
        self.presence = {}        # id -> presence body fields
        self.tokens = {}          # access token -> expiry (monotonic)
        self.refresh = {}         # refresh token -> expiry (monotonic)
        self.serial = 0
        self.arrivals = {g: [] for g in self.limits}   # monotonic arrival times per group
        self.penalty_until = {g: 0.0 for g in self.limits}
        self.quiet_until = 0.0    # after an injected 429
        self.faults = []          # ("429", retry_after) / ("5xx", None) / ("drop", None)
        self.failing_parts = set()
        self.violations = []
        self.counts = {"requests": 0, "401": 0, "429": 0, "5xx": 0, "drop": 0, "grant": 0, "refresh": 0,
                       "presence_reads": 0, "max_ids": 0, "pages": 0}
        self.port = 0             # set by serve()
        self.ws = WsTransport(self)

    # --- the test's side ---------------------------------------------------------------------
    def add_extension(self, ext_id, number, ext_type="User", **presence):
        with self.lock:
            self.extensions.append((str(ext_id), number, ext_type))
            if ext_type == "User":
                self.presence[str(ext_id)] = dict({"presenceStatus": "Available", "userStatus": "Available",
                                                  "dndStatus": "TakeAllCalls", "telephonyStatus": "NoCall",
                                                  "meetingStatus": "Disconnected", "message": ""}, **presence)
            else:
                self.presence[str(ext_id)] = {"presenceStatus": "Offline"}  # non-user types: only this

    def set_presence(self, ext_id, **fields):
        with self.lock:
            self.presence[str(ext_id)].update(fields)
            frame, peers = self.ws.notify(str(ext_id), self.presence[str(ext_id)])
            for peer in peers:
                peer.send(frame)

    def add_fault(self, kind, count=1, retry_after=None):
        with self.lock:
            self.faults.extend([(kind, retry_after)] * count)

    def fail_parts(self, ids):
        with self.lock:
            self.failing_parts = set(str(i) for i in ids)

    def expire_tokens(self):
        with self.lock:
            self.tokens.clear()

    def stats(self):
        with self.lock:
            return dict(self.counts, **self.ws.counts, violations=list(self.violations))

    # --- the server's side (under self.lock) ------------------------------------------------
    def violation(self, text):
        self.violations.append("%.3f %s" % (time.monotonic(), text))

    def admit(self, group, path):
        """Counts the request in its group; returns (status, headers) of a refusal or (None, headers)."""
        now = time.monotonic()
        self.counts["requests"] += 1
        if now < self.quiet_until:
            self.violation("%s %.3f s before the injected Retry-After ended" % (path, self.quiet_until - now))
        limit = self.limits[group]
        window = self.arrivals[group]
        while window and window[0] <= now - 60.0:
            window.pop(0)
        window.append(now)
        headers = {"X-Rate-Limit-Group": group, "X-Rate-Limit-Limit": str(limit),
                   "X-Rate-Limit-Window": "60", "X-Rate-Limit-Remaining": str(max(0, limit - len(window)))}
        if now < self.penalty_until[group]:
            self.violation("%s during the %s penalty (restarted)" % (path, group))
            self.penalty_until[group] = now + self.penalty
        elif len(window) > limit:
            self.violation("%s: %d %s requests in 60 s, limit %d" % (path, len(window), group, limit))
            self.penalty_until[group] = now + self.penalty
        else:
            return None, headers
        self.counts["429"] += 1
        headers["Retry-After"] = str(int(self.penalty_until[group] - now + 0.999))
        return 429, headers

    def authorised(self, header):
        token = header[7:] if header and header.startswith("Bearer ") else None
        expiry = self.tokens.get(token)
        return expiry is not None and time.monotonic() < expiry

    def issue_token(self, basic, form):
        """(status, body) of the token endpoint."""
        expected = "Basic " + base64.b64encode(("%s:%s" % (self.client_id, self.client_secret)).encode()).decode()
        if basic != expected:
            return 401, {"error": "invalid_client", "errorCode": "OAU-146", "error_description": "Invalid client"}
        grant = form.get("grant_type", [""])[0]
        if grant == JWT_GRANT:
            ok = form.get("assertion", [""])[0] == self.jwt
        elif grant == "password":
            ok = form.get("username", [""])[0] == self.user and form.get("password", [""])[0] == self.password
        elif grant == "refresh_token":
            rt = form.get("refresh_token", [""])[0]
            ok = rt in self.refresh and time.monotonic() < self.refresh.pop(rt)
        else:
            return 400, {"error": "unsupported_grant_type", "errorCode": "OAU-125",
                         "error_description": "Unsupported grant type"}
        if not ok:
            return 400, {"error": "invalid_grant", "errorCode": "OAU-140",
                         "error_description": "Invalid resource owner credentials"}
        self.counts["refresh" if grant == "refresh_token" else "grant"] += 1
        self.serial += 1
        access, refresh = "at-%d" % self.serial, "rt-%d" % self.serial
        self.tokens[access] = time.monotonic() + self.token_lifetime
        self.refresh[refresh] = time.monotonic() + self.refresh_lifetime
        return 200, {"access_token": access, "token_type": "bearer", "expires_in": self.token_lifetime,
                     "refresh_token": refresh, "refresh_token_expires_in": self.refresh_lifetime,
                     "scope": "ReadAccounts ReadPresence", "owner_id": "401234567001"}

    def extension_page(self, query):
        try:
            page = int(query.get("page", ["1"])[0])
            per_page = int(query.get("perPage", ["100"])[0])
        except ValueError:
            return 400, rc_error("CMN-101", "Parameter [page] value is invalid")
        if per_page > MAX_PER_PAGE or per_page < 1 or page < 1:
            self.violation("extension list perPage=%d page=%d" % (per_page, page))
            return 400, rc_error("CMN-101", "Parameter [perPage] value is invalid")
        self.counts["pages"] += 1
        total = len(self.extensions)
        pages = max(1, (total + per_page - 1) // per_page)
        chunk = self.extensions[(page - 1) * per_page: page * per_page]
        records = [{"id": int(i), "extensionNumber": n, "type": t, "status": "Enabled"} for i, n, t in chunk]
        body = {"records": records,
                "paging": {"page": page, "perPage": per_page, "totalPages": pages, "totalElements": total},
                "navigation": {"firstPage": {"uri": "p1"}}}
        if page < pages:
            body["navigation"]["nextPage"] = {"uri": "p%d" % (page + 1)}
        return 200, body

    def presence_of(self, ext_id):
        number = next(n for i, n, _ in self.extensions if i == ext_id)
        return dict(self.presence[ext_id], extension={"id": int(ext_id), "extensionNumber": number})

    def presence_read(self, ids, accept):
        self.counts["presence_reads"] += 1
        self.counts["max_ids"] = max(self.counts["max_ids"], len(ids))
        if len(ids) > MAX_IDS:
            self.violation("presence read of %d ids" % len(ids))
            return 400, rc_error("InvalidMultipartRequest",
                                 "Extension Presence Info multipart request is limited to 30 extensions")
        if len(ids) == 1:
            if ids[0] not in self.presence:
                return 404, rc_error("CMN-102", "Resource for parameter [extensionId] is not found")
            return 200, self.presence_of(ids[0])
        if MULTIPART_JSON not in (accept or ""):
            self.violation("batch presence read without Accept: " + MULTIPART_JSON)
        parts = []
        for i in ids:
            if i in self.failing_parts:
                parts.append({"resourceId": i, "status": 503, "body": rc_error("CMN-211", "Service unavailable")})
            elif i in self.presence:
                parts.append({"resourceId": i, "status": 200, "body": self.presence_of(i)})
            else:
                parts.append({"resourceId": i, "status": 404,
                              "body": rc_error("CMN-102", "Resource for parameter [extensionId] is not found")})
        return 207, parts


class Handler(json_http.JsonHandler):
    def route(self, method):
        url = urllib.parse.urlsplit(self.path)
        path, query = url.path, urllib.parse.parse_qs(url.query)
        body = self.read_body()
        if method == "POST" and path == "/restapi/oauth/wstoken":
            return self.wstoken()
        if method == "GET" and path == "/ws":
            return serve_upgrade(self, self.mock, query)
        if method == "POST" and path == "/restapi/oauth/token":
            group = "Auth"
        elif method == "GET" and path == "/restapi/v1.0/account/~/extension":
            group = "Medium"
        elif method == "GET" and path.startswith("/restapi/v1.0/account/~/extension/") and path.endswith("/presence"):
            group = "Light"
        else:
            return self.send_json(404, rc_error("CMN-102", "no such resource: " + path))
        m = self.mock
        with m.lock:
            refused, headers = m.admit(group, path[:60])
            fault = m.faults.pop(0) if refused is None and m.faults else None
            if fault is not None:
                kind, retry_after = fault
                m.counts["5xx" if kind == "5xx" else kind] += 1
                if kind == "429":
                    m.quiet_until = time.monotonic() + retry_after
        if refused is not None:
            return self.send_json(429, rc_error("CMN-301", "Request rate exceeded"), headers)
        if fault is not None:
            kind, retry_after = fault
            if kind == "drop":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if kind == "429":
                return self.send_json(429, rc_error("CMN-301", "Request rate exceeded"),
                                      dict(headers, **{"Retry-After": str(retry_after)}))
            return self.send_json(503, rc_error("CMN-211", "Service temporarily unavailable"), headers)
        with m.lock:
            if group == "Auth":
                status, answer = m.issue_token(self.headers.get("Authorization"),
                                               urllib.parse.parse_qs(body.decode(errors="replace")))
            elif not m.authorised(self.headers.get("Authorization")):
                m.counts["401"] += 1
                status, answer = 401, rc_error("OAU-128", "Access token expired")
            elif group == "Medium":
                status, answer = m.extension_page(query)
            else:
                ids = path[len("/restapi/v1.0/account/~/extension/"):-len("/presence")].split(",")
                status, answer = m.presence_read(ids, self.headers.get("Accept"))
        self.send_json(status, answer, headers, MULTIPART_JSON if status == 207 else "application/json")

    def wstoken(self):
        m = self.mock
        with m.lock:
            m.counts["requests"] += 1
            if not m.authorised(self.headers.get("Authorization")):
                m.counts["401"] += 1
                status, answer, headers = 401, rc_error("OAU-128", "Access token expired"), {}
            else:
                status, answer, headers = m.ws.issue(time.monotonic())
        self.send_json(status, answer, headers)

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")


def serve(mock, port=0):
    """Starts the mock on 127.0.0.1 (a free port when 0) in a daemon thread; returns the server."""
    server = json_http.start(Handler, mock, port)
    mock.port = server.server_address[1]
    return server


if __name__ == "__main__":
    import sys
    srv = serve(RcMock(), int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print("RingCentral mock on 127.0.0.1:%d" % srv.server_address[1], flush=True)
    threading.Event().wait()
