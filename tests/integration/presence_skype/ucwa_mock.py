#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A Skype for Business UCWA mock for presence.skype's tests, on 127.0.0.1 only.

It answers the paths and bodies of docs/protocols/presence-calendar.md §5 (lyncdiscover root,
user resource with its MsRtcOAuth challenge, the password grant, applications, presence
subscriptions, multipart batches of presence reads, the event channel's P-GET with ack/next and
409 PGetReplaced) and ENFORCES the limits, recording every breach in `violations` (tests assert
it stays empty):
  * a token is valid for `token_lifetime` seconds; after that 401;
  * subscription `duration` within 10..30 minutes; at most `sub_limit` uris per request;
  * at most `batch_limit` parts per batch;
  * P-GETs follow `next`: the ack must be the one the last answer handed out; `timeout` 180..1800;
  * after a 429 or 503 with Retry-After, no request before that time has passed;
  * requests to an application the mock has deleted are answered 404 (counted, not a breach).
Faults on demand (the next request gets them): 429/503 with Retry-After, 500, dropped connections;
`kill_channel()` answers the pending (or next) P-GET with 409 PGetReplaced and deletes the
application; `warn_expiry()` sends presenceSubscription "updated" events (about to expire).
"""
import json
import os
import re
import socket
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "mock_servers"))
import json_http  # noqa: E402

APP_RE = re.compile(r"^/ucwa/oauth/v1/applications/(\d+)(/.*)?$")
USER_PATH = "/Autodiscover/AutodiscoverService.svc/root/oauth/user"


def ucwa_error(code, subcode, message):
    return {"code": code, "subcode": subcode, "message": message}


class App:
    def __init__(self, app_id):
        self.id = app_id
        self.alive = True
        self.next_ack = 1         # the ack of the last next link handed out
        self.served_ack = None    # the ack last answered, and its events: a re-poll of it gets them again
        self.served_events = []
        self.events = []          # pending event dicts
        self.subs = {}            # sub id -> {"members": set(), "expires": monotonic}
        self.waiter = None        # the pending P-GET's token
        self.kill_next = False
        self.cond = threading.Condition()

    def base(self):
        return "/ucwa/oauth/v1/applications/%d" % self.id


class UcwaMock:
    def __init__(self, user="console@example.org", password="pw", token_lifetime=3600, batch_limit=20,
                 sub_limit=50, poll_hold=1.5):
        self.user, self.password = user, password
        self.token_lifetime, self.batch_limit, self.sub_limit, self.poll_hold = token_lifetime, batch_limit, sub_limit, poll_hold
        self.lock = threading.Lock()
        self.presence = {}        # address -> (availability, activity)
        self.tokens = {}
        self.apps = {}
        self.next_app = 300
        self.next_sub = 0
        self.quiet_until = 0.0
        self.faults = []
        self.violations = []
        self.counts = {"discovery": 0, "challenge": 0, "token": 0, "apps": 0, "subscribe": 0, "add": 0, "renew": 0,
                       "delete": 0, "batch": 0, "parts": 0, "pget": 0, "events_sent": 0, "401": 0, "429": 0,
                       "503": 0, "500": 0, "drop": 0, "409": 0, "dead_app": 0}
        self.max_parts = 0
        self.max_uris = 0

    # -- directory and presence -------------------------------------------------------------
    def add_user(self, address, availability="Online", activity=""):
        with self.lock:
            self.presence[address.lower()] = (availability, activity)

    def set_presence(self, address, availability, activity=""):
        address = address.lower()
        with self.lock:
            self.presence[address] = (availability, activity)
            apps = [a for a in self.apps.values() if a.alive]
        now = time.monotonic()
        for app in apps:
            with app.cond:
                if any(address in s["members"] and s["expires"] > now for s in app.subs.values()):
                    app.events.append({"link": {"rel": "contactPresence",
                                                "href": "%s/people/%s/presence" % (app.base(), address)},
                                       "in": {"rel": "contact", "href": "%s/people/%s" % (app.base(), address)},
                                       "type": "updated"})
                    app.cond.notify_all()

    def members(self):
        with self.lock:
            out = set()
            for app in self.apps.values():
                if app.alive:
                    now = time.monotonic()
                    for s in app.subs.values():
                        if s["expires"] > now:
                            out |= s["members"]
            return out

    def add_fault(self, kind, count=1, retry_after=None):
        with self.lock:
            for _ in range(count):
                self.faults.append((kind, retry_after))

    def expire_tokens(self):
        with self.lock:
            for t in self.tokens:
                self.tokens[t] = 0.0

    def kill_channel(self):
        with self.lock:
            apps = [a for a in self.apps.values() if a.alive]
        for app in apps:
            with app.cond:
                app.kill_next = True
                app.cond.notify_all()

    def warn_expiry(self):
        with self.lock:
            apps = [a for a in self.apps.values() if a.alive]
        for app in apps:
            with app.cond:
                for sid in app.subs:
                    app.events.append({"link": {"rel": "presenceSubscription",
                                                "href": "%s/people/presenceSubscriptions/%s" % (app.base(), sid)},
                                       "type": "updated"})
                app.cond.notify_all()

    def stats(self):
        with self.lock:
            return {"violations": list(self.violations), "counts": dict(self.counts), "max_parts": self.max_parts,
                    "max_uris": self.max_uris, "apps_alive": sum(1 for a in self.apps.values() if a.alive)}

    # -- rules ---------------------------------------------------------------------------------
    def violation(self, text):
        self.violations.append("%.3f %s" % (time.monotonic(), text))

    def authorised(self, header):
        if not header or not header.startswith("Bearer "):
            return False
        expiry = self.tokens.get(header[7:])
        return expiry is not None and time.monotonic() < expiry


class Handler(json_http.JsonHandler):
    def base_url(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def send_body(self, status, data, content_type="application/json", headers=None):
        self.send_response(status)
        if data is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data or b"")))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if data:
            self.wfile.write(data)

    def send_json(self, status, body, headers=None):
        self.send_body(status, json.dumps(body).encode(), headers=headers)

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_DELETE(self):
        self.handle_any("DELETE")

    def gate(self):
        """Retry-After and injected faults; True when the request was answered here."""
        m = self.mock
        with m.lock:
            now = time.monotonic()
            if now < m.quiet_until:
                m.violation("%s %s sent %.3f s before Retry-After passed" % (self.command, self.path, m.quiet_until - now))
                m.counts["429"] += 1
                wait = max(1, int(m.quiet_until - now + 0.999))
                early = True
            else:
                early = False
            fault = None if early else (m.faults.pop(0) if m.faults else None)
            if fault is not None:
                kind, retry_after = fault
                m.counts[kind if kind != "drop" else "drop"] += 1
                if kind in ("429", "503") and retry_after:
                    m.quiet_until = now + retry_after
        if early:
            self.send_json(429, ucwa_error("TooManyRequests", "Throttled", "retry later"), {"Retry-After": str(wait)})
            return True
        if fault is None:
            return False
        kind, retry_after = fault
        if kind == "drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return True
        headers = {"Retry-After": str(retry_after)} if retry_after else None
        status = int(kind)
        self.send_json(status, ucwa_error("ServiceFailure" if status >= 500 else "TooManyRequests", "Fault", "injected"),
                       headers)
        return True

    def handle_any(self, method):
        m = self.mock
        body = self.read_body()
        path = self.path
        if self.gate():
            return
        if method == "GET" and path == "/":
            with m.lock:
                m.counts["discovery"] += 1
            base = self.base_url()
            return self.send_json(200, {"_links": {
                "self": {"href": base + "/?sipuri=" + m.user},
                "user": {"href": base + USER_PATH + "?originalDomain=example.org"},
                "xframe": {"href": base + "/Autodiscover/XFrame/XFrame.html"}}})
        if method == "GET" and path.startswith(USER_PATH):
            with m.lock:
                ok = m.authorised(self.headers.get("Authorization"))
                if not ok:
                    m.counts["challenge"] += 1
            if not ok:
                challenge = 'MsRtcOAuth href="%s/WebTicket/oauthtoken",grant_type="urn:microsoft.rtc:windows,' \
                            'urn:microsoft.rtc:anonmeeting,password"' % self.base_url()
                return self.send_json(401, ucwa_error("Unauthorized", "", "no token"), {"WWW-Authenticate": challenge})
            return self.send_json(200, {"_links": {
                "self": {"href": self.base_url() + path},
                "applications": {"href": self.base_url() + "/ucwa/oauth/v1/applications"},
                "xframe": {"href": self.base_url() + "/Autodiscover/XFrame/XFrame.html"}}})
        if method == "POST" and path == "/WebTicket/oauthtoken":
            return self.token(body)
        with m.lock:
            ok = m.authorised(self.headers.get("Authorization"))
            if not ok:
                m.counts["401"] += 1
        if not ok:
            return self.send_json(401, ucwa_error("Unauthorized", "InvalidToken", "token expired"))
        if method == "POST" and path == "/ucwa/oauth/v1/applications":
            return self.create_app(body)
        match = APP_RE.match(path.split("?")[0])
        if not match:
            return self.send_json(404, ucwa_error("NotFound", "", "no such resource"))
        with m.lock:
            app = m.apps.get(int(match.group(1)))
            if app is None or not app.alive:
                m.counts["dead_app"] += 1
                app = None
        if app is None:
            return self.send_json(404, ucwa_error("NotFound", "ApplicationNotFound", "the application is gone"))
        rest = match.group(2) or ""
        if method == "GET" and rest == "/events":
            return self.pget(app)
        if method == "POST" and rest == "/batch":
            return self.batch(app, body)
        if method == "POST" and rest == "/people/presenceSubscriptions":
            return self.subscribe(app, body, None)
        sm = re.match(r"^/people/presenceSubscriptions/([^/]+)(/memberships)?$", rest)
        if sm and method == "POST" and sm.group(2):
            return self.subscribe(app, body, sm.group(1))
        if sm and method == "DELETE" and not sm.group(2):
            with app.cond:
                gone = app.subs.pop(sm.group(1), None)
            with m.lock:
                m.counts["delete"] += 1
            return self.send_body(204 if gone else 404, None)
        self.send_json(404, ucwa_error("NotFound", "", "no such resource"))

    def token(self, body):
        m = self.mock
        form = urllib.parse.parse_qs(body.decode())
        if form.get("grant_type", [""])[0] != "password":
            return self.send_json(400, {"error": "unsupported_grant_type"})
        if form.get("username", [""])[0] != m.user or form.get("password", [""])[0] != m.password:
            return self.send_json(400, {"error": "invalid_grant"})
        with m.lock:
            m.counts["token"] += 1
            token = "cwt=AAEB%d%d" % (m.counts["token"], int(time.time() * 1000))
            m.tokens[token] = time.monotonic() + m.token_lifetime
        self.send_json(200, {"access_token": token, "token_type": "Bearer", "expires_in": m.token_lifetime,
                             "ms_rtc_identityscope": "local"})

    def create_app(self, body):
        m = self.mock
        try:
            doc = json.loads(body)
        except ValueError:
            doc = None
        if not isinstance(doc, dict) or not doc.get("UserAgent") or not doc.get("EndpointId") or not doc.get("Culture"):
            with m.lock:
                m.violation("application without UserAgent, EndpointId or Culture: %r" % body[:100])
            return self.send_json(400, ucwa_error("BadRequest", "", "missing fields"))
        with m.lock:
            m.next_app += 1
            app = App(m.next_app)
            m.apps[app.id] = app
            m.counts["apps"] += 1
        b = app.base()
        self.send_json(201, {"culture": doc["Culture"], "userAgent": doc["UserAgent"],
                             "_links": {"self": {"href": b}, "policies": {"href": b + "/policies"},
                                        "batch": {"href": b + "/batch"}, "events": {"href": b + "/events?ack=1"}},
                             "_embedded": {"me": {"name": "Console", "uri": "sip:" + m.user},
                                           "people": {"_links": {"self": {"href": b + "/people"},
                                                                 "presenceSubscriptions": {"href": b + "/people/presenceSubscriptions"},
                                                                 "search": {"href": b + "/people/search"}}},
                                           "communication": {"_links": {"self": {"href": b + "/communication"}}}}})

    def subscribe(self, app, body, sid):
        m = self.mock
        try:
            doc = json.loads(body)
        except ValueError:
            doc = None
        duration = doc.get("duration") if isinstance(doc, dict) else None
        uris = doc.get("uris", []) if isinstance(doc, dict) else None
        bad = None
        if not isinstance(duration, int) or not 10 <= duration <= 30:
            bad = "subscription duration %r outside 10..30 minutes" % duration
        elif not isinstance(uris, list) or len(uris) > m.sub_limit or (sid is None and not uris):
            bad = "subscription with %s uris (limit %d)" % (len(uris) if isinstance(uris, list) else "no", m.sub_limit)
        elif any(not isinstance(u, str) or not u.startswith("sip:") for u in uris):
            bad = "subscription uri without sip: %r" % uris[:3]
        if bad:
            with m.lock:
                m.violation(bad)
            return self.send_json(400, ucwa_error("BadRequest", "InvalidParameter", bad))
        now = time.monotonic()
        with m.lock:
            m.max_uris = max(m.max_uris, len(uris))
            if sid is None:
                m.next_sub += 1
                sid = "s%x" % m.next_sub
                m.counts["subscribe"] += 1
            elif uris:
                m.counts["add"] += 1
            else:
                m.counts["renew"] += 1
        with app.cond:
            sub = app.subs.get(sid)
            if sub is None:
                if self.path.endswith("/memberships"):
                    return self.send_json(404, ucwa_error("NotFound", "", "no such subscription"))
                sub = app.subs[sid] = {"members": set(), "expires": now}
            sub["members"] |= {u[4:].lower() for u in uris}
            # an extension adds to the remaining time, capped at 30 minutes
            sub["expires"] = min(now + 30 * 60, max(sub["expires"], now) + duration * 60)
        if self.path.endswith("/memberships"):
            return self.send_body(204, None)
        b = "%s/people/presenceSubscriptions/%s" % (app.base(), sid)
        self.send_json(201, {"id": sid, "rel": "presenceSubscription",
                             "_links": {"self": {"href": b}, "memberships": {"href": b + "/memberships"},
                                        "addToPresenceSubscription": {"href": b + "/memberships"}}})

    def batch(self, app, body):
        m = self.mock
        ctype = self.headers.get("Content-Type", "")
        bm = re.search(r"boundary=\"?([^\";]+)\"?", ctype)
        if not ctype.startswith("multipart/batching") or not bm:
            with m.lock:
                m.violation("batch with Content-Type %r" % ctype)
            return self.send_json(400, ucwa_error("BadRequest", "", "not multipart/batching"))
        delimiter = "--" + bm.group(1)
        text = body.decode()
        parts = [p for p in text.split(delimiter)[1:] if not p.startswith("--")]
        with m.lock:
            m.counts["batch"] += 1
            m.counts["parts"] += len(parts)
            if not parts or len(parts) > m.batch_limit:
                m.violation("batch with %d parts (limit %d)" % (len(parts), m.batch_limit))
                over = True
            else:
                over = False
                m.max_parts = max(m.max_parts, len(parts))
        if over:
            return self.send_json(400, ucwa_error("BadRequest", "TooManyParts", "too many parts"))
        answers = []
        for p in parts:
            head, _, inner = p.partition("\r\n\r\n")
            cid = re.search(r"Content-ID:\s*<([^>]*)>", head, re.I)
            line = inner.split("\r\n", 1)[0]
            rm = re.match(r"^GET (\S+) HTTP/1\.1$", line)
            pm = re.match(r"^%s/people/([^/]+)/presence$" % re.escape(app.base()), rm.group(1) if rm else "")
            if pm is None:
                with m.lock:
                    m.violation("batch part not a presence GET of this application: %r" % line[:100])
                answers.append((cid, 400, {"code": "BadRequest"}))
                continue
            address = urllib.parse.unquote(pm.group(1)).lower()
            with m.lock:
                state = m.presence.get(address)
            if state is None:
                answers.append((cid, 404, {"code": "NotFound", "subcode": "", "message": "no such contact"}))
                continue
            answers.append((cid, 200, {"availability": state[0], "activity": state[1], "deviceType": "PC",
                                       "lastActive": "/Date(%d)/" % int(time.time() * 1000),
                                       "_links": {"self": {"href": "%s/people/%s/presence" % (app.base(), address)}}}))
        answers.reverse()  # order is not guaranteed; clients go by the body's self link
        boundary = "77aa%08x" % (int(time.time() * 1000) & 0xFFFFFFFF)
        out = []
        for cid, status, doc in answers:
            out.append("--%s\r\nContent-Type: application/http; msgtype=response\r\n" % boundary)
            if cid and status != 200:
                out.append("Content-ID: <%s>\r\n" % cid.group(1))
            reason = {200: "OK", 404: "Not Found", 400: "Bad Request"}[status]
            out.append("\r\nHTTP/1.1 %d %s\r\nContent-Type: application/json; charset=utf-8\r\n\r\n%s\r\n"
                       % (status, reason, json.dumps(doc)))
        out.append("--%s--\r\n" % boundary)
        self.send_body(200, "".join(out).encode(), "multipart/batching; boundary=%s" % boundary)

    def pget(self, app):
        m = self.mock
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        ack = int(query.get("ack", ["0"])[0])
        timeout = query.get("timeout", [None])[0]
        with m.lock:
            m.counts["pget"] += 1
            if timeout is not None and not 180 <= int(timeout) <= 1800:
                m.violation("P-GET with timeout %s outside 180..1800" % timeout)
        me = object()
        with app.cond:
            resend = ack == app.served_ack and bool(app.served_events)
            if ack != app.next_ack and ack != app.served_ack:
                with m.lock:
                    m.violation("P-GET with ack=%d, the last next link said ack=%d" % (ack, app.next_ack))
            app.waiter = me  # a later P-GET replaces this one
            app.cond.notify_all()
            end = time.monotonic() + m.poll_hold
            while not resend and app.waiter is me and not app.events and not app.kill_next and time.monotonic() < end:
                app.cond.wait(max(0.0, end - time.monotonic()))
            if app.kill_next:
                app.kill_next = False
                app.alive = False
                status = 409
            elif app.waiter is not me:
                status = 409  # PGetReplaced: the newer P-GET owns the channel
            elif resend:
                # the client never saw this answer (it gave up on the poll): ack says so
                status = 200
                events = list(app.served_events)
                app.waiter = None
            else:
                status = 200
                events = app.events[:200]
                del app.events[:200]
                app.served_ack, app.served_events = ack, events
                app.next_ack = ack + 1
                app.waiter = None
        if status == 409:
            with m.lock:
                m.counts["409"] += 1
            try:
                self.send_json(409, ucwa_error("Conflict", "PGetReplaced", "another P-GET replaced this one"))
            except OSError:
                pass  # a replaced poll's client has usually gone already
            return
        b = app.base()
        doc = {"_links": {"self": {"href": "%s/events?ack=%d" % (b, ack)}, "next": {"href": "%s/events?ack=%d" % (b, ack + 1)}}}
        if events:
            doc["sender"] = [{"rel": "people", "href": b + "/people", "events": events}]
            with m.lock:
                m.counts["events_sent"] += len(events)
        try:
            self.send_json(200, doc)
        except OSError:
            pass  # the client gave up on this poll; a re-poll with the same ack gets the events again


def serve(mock, port=0):
    """Starts the mock on 127.0.0.1 (a free port when 0) in a daemon thread; returns the server."""
    return json_http.start(Handler, mock, port)


if __name__ == "__main__":
    import sys
    srv = serve(UcwaMock(), int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print("ucwa mock on 127.0.0.1:%d" % srv.server_address[1], flush=True)
    threading.Event().wait()
