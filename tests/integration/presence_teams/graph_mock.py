#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A Microsoft Graph mock for presence.teams's tests, on 127.0.0.1 only.

It answers the paths, bodies and errors of docs/protocols/presence-calendar.md §1 (token
endpoint, /$batch user look-ups, /communications/getPresencesByUserId) and ENFORCES the
documented limits, recording every breach in `violations` (tests assert it stays empty):
  * a token is valid for `token_lifetime` seconds; after that 401 InvalidAuthenticationToken;
  * /$batch carries at most 20 requests (400 otherwise);
  * getPresencesByUserId takes 1..650 ids (400 otherwise);
  * at most `budget` presence requests per 30 s per app (429 with Retry-After beyond it);
  * after a 429 with Retry-After, no request before that time has passed.
Faults on demand (the next Graph request gets them): 5xx bursts, dropped connections (the socket
is closed without an answer), 429 with Retry-After, all tokens expired. Presence changes and
faults are driven through POST /_control/... or directly through the GraphMock object.

Change notifications (§1.4): POST/PATCH/DELETE /v1.0/subscriptions with Graph's rules, breaches
again counted in `violations`: a delegated (password-flow) token only, 1..650 ids in the
`id in (...)` filter, clientState required, expiry in the future and at most 60 min ahead, a
renewal after reauthorizationRequired with a token issued after the event. Creating POSTs the
validation handshake to both URLs and answers 400 unless each is answered 200 with the decoded
token within 10 s. `routes` maps public https prefixes to local http ones, as the reverse proxy
in front of the plugin would. A presence change at the mock is pushed to the subscriptions
naming the user, gathered for 30 ms into one POST per URL (so one POST may carry several
subscriptions); lifecycle events on demand. Test mode: `max_sub_lifetime` grants shorter
lifetimes than asked (Graph may grant less), so renewals happen within a test.
"""
import http.client
import json
import os
import re
import socket
import sys
import calendar
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "mock_servers"))
import json_http  # noqa: E402

BATCH_LIMIT = 20
IDS_LIMIT = 650
WINDOW_S = 30.0


def graph_error(code, message):
    return {"error": {"code": code, "message": message,
                      "innerError": {"date": time.strftime("%Y-%m-%dT%H:%M:%S"),
                                     "request-id": "00000000-0000-4000-8000-000000000000"}}}


class GraphMock:
    def __init__(self, tenant="contoso-test", client_id="app-1", client_secret="s3cret",
                 user="console@example.org", password="pw", token_lifetime=3600, budget=1500,
                 unknown_ids="omit", routes=None, max_sub_lifetime=None):
        self.tenant, self.client_id, self.client_secret = tenant, client_id, client_secret
        self.user, self.password = user, password
        self.token_lifetime, self.budget, self.unknown_ids = token_lifetime, budget, unknown_ids
        self.lock = threading.Lock()
        self.users = {}          # mail (lower case) -> id
        self.presence = {}       # id -> dict(availability, activity, message)
        self.tokens = {}         # token -> expiry (monotonic)
        self.issued = 0
        self.window = []         # monotonic times of presence requests in the last 30 s
        self.quiet_until = 0.0   # Retry-After given: no request before this
        self.faults = []         # queued faults for the next Graph requests
        self.violations = []
        self.counts = {"token": 0, "batch": 0, "presence": 0, "401": 0, "429": 0, "5xx": 0, "drop": 0,
                       "batch_404": 0}
        self.max_ids = 0
        self.max_batch = 0
        self.presence_times = []  # monotonic time of every presence request, for the bench
        self.routes = dict(routes or {})
        self.max_sub_lifetime = max_sub_lifetime
        self.delegated = set()    # tokens of the password flow
        self.token_issued = {}    # token -> monotonic time issued
        self.subs = {}            # id -> dict(ids, url, lifecycle_url, client_state, expiry (unix), reauth_since)
        self.sub_seq = 0
        self.sub_counts = {"create": 0, "create_refused": 0, "validation_failed": 0, "renew": 0, "reauthorized": 0,
                           "delete": 0, "expired": 0, "delivery_posts": 0, "delivered": 0, "multi_sub_posts": 0,
                           "delivery_errors": 0, "lifecycle": 0}
        self.outbox = []          # (url, item) waiting for the pusher
        self.outbox_ready = threading.Condition(self.lock)
        threading.Thread(target=self.pusher, daemon=True).start()

    # -- directory and presence -------------------------------------------------------------
    def add_user(self, mail, uid, availability="Available", activity="Available", message=""):
        with self.lock:
            self.users[mail.lower()] = uid
            self.presence[uid] = {"availability": availability, "activity": activity, "message": message}

    def set_presence(self, uid, availability, activity, message="", notify=True):
        with self.lock:
            self.presence[uid] = {"availability": availability, "activity": activity, "message": message}
            if notify:
                self.expire_subs()
                for sid, sub in self.subs.items():
                    if uid in sub["ids"] and sub["reauth_since"] is None:
                        self.queue_item(sub["url"], self.change_item(sid, sub, uid, sub["client_state"]))

    # -- change notifications --------------------------------------------------------------------
    def change_item(self, sid, sub, uid, client_state):
        return {"subscriptionId": sid, "clientState": client_state, "changeType": "updated",
                "tenantId": "11111111-2222-3333-4444-555555555555",
                "resource": "communications/presences/%s" % uid,
                "subscriptionExpirationDateTime": utc_text(sub["expiry"]),
                "resourceData": {"@odata.id": "users/%s/presence" % uid, "@odata.type": "#microsoft.graph.presence",
                                 "id": uid}}

    def queue_item(self, url, item):
        """Lock held."""
        self.outbox.append((url, item))
        self.outbox_ready.notify()

    def forge(self, uid, client_state="not-the-secret"):
        """A notification for uid with a wrong clientState, as if from someone else."""
        with self.lock:
            sid, sub = next((k, v) for k, v in self.subs.items() if uid in v["ids"])
            self.queue_item(sub["url"], self.change_item(sid, sub, uid, client_state))

    def sub_of(self, uid):
        with self.lock:
            return next((k for k, v in self.subs.items() if uid in v["ids"]), None)

    def lifecycle(self, event, sid):
        """Sends a lifecycle event for subscription sid; subscriptionRemoved deletes it first,
        reauthorizationRequired pauses its notifications until it is renewed with a fresh token."""
        with self.lock:
            sub = self.subs[sid]
            if event == "subscriptionRemoved":
                del self.subs[sid]
            elif event == "reauthorizationRequired":
                sub["reauth_since"] = time.monotonic()
            self.sub_counts["lifecycle"] += 1
            self.queue_item(sub["lifecycle_url"], {"lifecycleEvent": event, "subscriptionId": sid,
                                                   "subscriptionExpirationDateTime": utc_text(sub["expiry"]),
                                                   "clientState": sub["client_state"],
                                                   "tenantId": "11111111-2222-3333-4444-555555555555"})

    def expire_subs(self):
        """Lock held: a subscription past its expiry is gone, as at Graph."""
        now = time.time()
        for sid in [k for k, v in self.subs.items() if v["expiry"] <= now]:
            del self.subs[sid]
            self.sub_counts["expired"] += 1

    def local_url(self, url):
        for public, local in self.routes.items():
            if url.startswith(public):
                return local + url[len(public):]
        return url

    def post_to(self, url, body, content_type, timeout):
        """POSTs to the plugin (through `routes`); returns (status, text) or (None, error)."""
        parts = urllib.parse.urlsplit(self.local_url(url))
        try:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
            target = parts.path + ("?" + parts.query if parts.query else "")
            conn.request("POST", target, body=body, headers={"Content-Type": content_type})
            answer = conn.getresponse()
            text = answer.read().decode(errors="replace")
            conn.close()
            return answer.status, text
        except OSError as e:
            return None, str(e)

    def validate(self, url):
        token = "Validation: Testing client application reachability for subscription Request-Id: %d" % self.sub_seq
        status, text = self.post_to(url + "?validationToken=" + urllib.parse.quote_plus(token), b"",
                                    "text/plain; charset=utf-8", 10)
        return status == 200 and text == token

    def pusher(self):
        """Delivers queued items: waits 30 ms for more, then one POST per URL with all of them."""
        while True:
            with self.lock:
                while not self.outbox:
                    self.outbox_ready.wait()
            time.sleep(0.03)
            with self.lock:
                items, self.outbox = self.outbox, []
            by_url = {}
            for url, item in items:
                by_url.setdefault(url, []).append(item)
            for url, batch in by_url.items():
                status, _ = self.post_to(url, json.dumps({"value": batch}).encode(), "application/json", 3)
                with self.lock:
                    self.sub_counts["delivery_posts"] += 1
                    self.sub_counts["delivered"] += len(batch)
                    if len({i["subscriptionId"] for i in batch}) > 1:
                        self.sub_counts["multi_sub_posts"] += 1
                    if status is None or not 200 <= status < 300:
                        self.sub_counts["delivery_errors"] += 1
                        self.violation("delivery to %s answered %s" % (url, status))

    def add_fault(self, kind, count=1, retry_after=None):
        with self.lock:
            for _ in range(count):
                self.faults.append((kind, retry_after))

    def expire_tokens(self):
        with self.lock:
            for t in self.tokens:
                self.tokens[t] = 0.0

    def stats(self):
        with self.lock:
            self.expire_subs()
            return {"violations": list(self.violations), "counts": dict(self.counts),
                    "subs": {k: sorted(v["ids"]) for k, v in self.subs.items()}, "sub_counts": dict(self.sub_counts),
                    "max_ids": self.max_ids, "max_batch": self.max_batch, "tokens_issued": self.issued}

    # -- rules ---------------------------------------------------------------------------------
    def violation(self, text):
        self.violations.append("%.3f %s" % (time.monotonic(), text))

    def check_quiet(self, path):
        """Called with the lock held for every Graph request: one sent before Retry-After passed
        is a violation, and Graph throttles it again."""
        now = time.monotonic()
        if now < self.quiet_until:
            self.violation("%s sent %.3f s before Retry-After passed" % (path, self.quiet_until - now))
            return True
        return False

    def authorised(self, header):
        if not header or not header.startswith("Bearer "):
            return False
        expiry = self.tokens.get(header[7:])
        return expiry is not None and time.monotonic() < expiry

    def issue_token(self, form):
        grant = form.get("grant_type", [""])[0]
        if form.get("client_id", [""])[0] != self.client_id:
            return 400, {"error": "unauthorized_client", "error_description": "AADSTS700016: Application not found.",
                         "error_codes": [700016]}
        if grant == "client_credentials":
            if form.get("client_secret", [""])[0] != self.client_secret:
                return 401, {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret.",
                             "error_codes": [7000215]}
            if form.get("scope", [""])[0] != "https://graph.microsoft.com/.default":
                return 400, {"error": "invalid_scope", "error_description": "AADSTS70011: invalid scope.",
                             "error_codes": [70011]}
        elif grant == "password":
            if form.get("username", [""])[0] != self.user or form.get("password", [""])[0] != self.password:
                return 400, {"error": "invalid_grant", "error_description": "AADSTS50126: Invalid username or password.",
                             "error_codes": [50126]}
        else:
            return 400, {"error": "unsupported_grant_type", "error_description": "AADSTS70003: bad grant."}
        with self.lock:
            self.issued += 1
            token = "tok-%d-%d" % (self.issued, int(time.time() * 1000))
            self.tokens[token] = time.monotonic() + self.token_lifetime
            self.token_issued[token] = time.monotonic()
            if grant == "password":
                self.delegated.add(token)
            self.counts["token"] += 1
        return 200, {"token_type": "Bearer", "expires_in": self.token_lifetime, "ext_expires_in": self.token_lifetime,
                     "access_token": token}

    def lookup(self, url):
        m = re.match(r"^/users/([^?/]+)(\?.*)?$", url)
        if m:
            mail = urllib.parse.unquote(m.group(1)).lower()
            uid = self.users.get(mail)
            if uid is None:
                return 404, graph_error("Request_ResourceNotFound",
                                        "Resource '%s' does not exist or one of its queried reference-property "
                                        "objects are not present." % mail)
            return 200, {"id": uid}
        m = re.match(r"^/users\?(.*)$", url)
        if m:
            query = urllib.parse.parse_qs(m.group(1))
            f = query.get("$filter", [""])[0]
            mm = re.match(r"^mail eq '((?:[^']|'')*)'", f)
            if not mm:
                return 400, graph_error("BadRequest", "Invalid filter clause")
            uid = self.users.get(mm.group(1).replace("''", "'").lower())
            return 200, {"value": [{"id": uid}] if uid else []}
        return 400, graph_error("BadRequest", "Unsupported request in batch: %s" % url)

    def take_fault(self):
        return self.faults.pop(0) if self.faults else None

    def sub_rules(self, doc, creating):
        """Lock held: the documented rules of a subscription body; (expiry granted, None) or
        (None, error text), every breach a violation."""
        now = time.time()
        expiry = parse_utc(doc.get("expirationDateTime", "")) if isinstance(doc, dict) else None
        problem = None
        if expiry is None:
            problem = "expirationDateTime missing or unreadable"
        elif expiry <= now or expiry > now + 3600 + 5:
            problem = "expirationDateTime %.0f s ahead (0..3600 allowed)" % (expiry - now)
        elif creating:
            m = re.match(r"^/?communications/presences\?\$filter=id in \((.*)\)$", doc.get("resource", ""))
            ids = re.findall(r"'((?:[^']|'')*)'", m.group(1)) if m else []
            if doc.get("changeType") != "updated":
                problem = "changeType must be updated"
            elif not ids or len(ids) > IDS_LIMIT:
                problem = "resource names %d ids (1..650)" % len(ids)
            elif not doc.get("clientState"):
                problem = "clientState is required"
            elif not str(doc.get("notificationUrl", "")).startswith("https://"):
                problem = "notificationUrl must be https"
        if problem:
            self.violation("subscription: " + problem)
            return None, problem
        if self.max_sub_lifetime is not None:
            expiry = min(expiry, now + self.max_sub_lifetime)
        return expiry, None


class Handler(json_http.JsonHandler):
    def do_GET(self):
        if self.path == "/_control/stats":
            return self.send_json(200, self.mock.stats())
        self.send_json(404, graph_error("NotFound", "no such path"))

    def do_POST(self):
        m = self.mock
        body = self.read_body()
        path = self.path
        if path.startswith("/_control/"):
            return self.control(path[len("/_control/"):], json.loads(body or b"{}"))
        if path == "/%s/oauth2/v2.0/token" % m.tenant:
            status, answer = m.issue_token(urllib.parse.parse_qs(body.decode()))
            return self.send_json(status, answer)
        if path not in ("/v1.0/$batch", "/v1.0/communications/getPresencesByUserId", "/v1.0/subscriptions"):
            return self.send_json(404, graph_error("UnknownError", "no such path"))
        self.graph_request("POST", path, body)

    def do_PATCH(self):
        self.graph_request("PATCH", self.path, self.read_body())

    def do_DELETE(self):
        self.graph_request("DELETE", self.path, self.read_body())

    def graph_request(self, method, path, body):
        """Every Graph request: Retry-After, queued faults, the token, then the operation."""
        m = self.mock
        with m.lock:
            early = m.check_quiet(path)
            fault = None if early else m.take_fault()
            if early:
                wait = max(1, int(m.quiet_until - time.monotonic() + 0.999))
                m.counts["429"] += 1
        if early:
            return self.send_json(429, graph_error("TooManyRequests", "Please retry again later."),
                                  {"Retry-After": str(wait)})
        if fault is not None:
            kind, retry_after = fault
            if kind == "drop":
                with m.lock:
                    m.counts["drop"] += 1
                self.close_connection = True
                self.connection.shutdown(2)
                return
            if kind == "5xx":
                with m.lock:
                    m.counts["5xx"] += 1
                return self.send_json(503, graph_error("serviceNotAvailable", "Service unavailable"))
            if kind == "429":
                with m.lock:
                    m.counts["429"] += 1
                    m.quiet_until = time.monotonic() + retry_after
                return self.send_json(429, graph_error("TooManyRequests", "Please retry again later."),
                                      {"Retry-After": str(retry_after)})
        with m.lock:
            ok = m.authorised(self.headers.get("Authorization"))
            if not ok:
                m.counts["401"] += 1
        if not ok:
            return self.send_json(401, graph_error("InvalidAuthenticationToken", "Access token has expired or is not yet valid."))
        if method == "DELETE":
            return self.delete_subscription(path)
        try:
            doc = json.loads(body)
        except ValueError:
            return self.send_json(400, graph_error("BadRequest", "Unable to read JSON request payload."))
        if method == "PATCH":
            return self.renew_subscription(path, doc)
        if path == "/v1.0/subscriptions":
            return self.create_subscription(doc)
        if path == "/v1.0/$batch":
            return self.batch(doc)
        return self.presences(doc)

    def token(self):
        return self.headers.get("Authorization", "")[7:]

    def sub_answer(self, sid, sub):
        return {"id": sid, "resource": sub["resource"], "changeType": "updated", "notificationUrl": sub["url"],
                "lifecycleNotificationUrl": sub["lifecycle_url"], "expirationDateTime": utc_text(sub["expiry"]),
                "clientState": sub["client_state"], "applicationId": self.mock.client_id, "includeResourceData": False}

    def create_subscription(self, doc):
        m = self.mock
        with m.lock:
            if self.token() not in m.delegated:
                m.violation("subscription with an app-only token")
                m.sub_counts["create_refused"] += 1
                return self.send_json(403, graph_error("Forbidden", "Operation not supported with app-only token."))
            expiry, problem = m.sub_rules(doc, True)
            if problem:
                m.sub_counts["create_refused"] += 1
                return self.send_json(400, graph_error("InvalidRequest", problem))
            m.sub_seq += 1
        # the handshake, outside the lock: the plugin may send other requests meanwhile
        urls = [doc["notificationUrl"]] + ([doc["lifecycleNotificationUrl"]] if doc.get("lifecycleNotificationUrl") else [])
        if not all(m.validate(u) for u in urls):
            with m.lock:
                m.sub_counts["validation_failed"] += 1
                m.sub_counts["create_refused"] += 1
            return self.send_json(400, graph_error("ValidationError", "Subscription validation request failed. "
                                                   "Notification endpoint must respond with 200 OK to validation request."))
        ids = re.findall(r"'((?:[^']|'')*)'", doc["resource"])
        with m.lock:
            sid = "sub-%d-%d" % (m.sub_seq, int(time.time() * 1000) % 100000)
            m.subs[sid] = {"ids": set(ids), "url": doc["notificationUrl"], "resource": doc["resource"],
                           "lifecycle_url": doc.get("lifecycleNotificationUrl", doc["notificationUrl"]),
                           "client_state": doc["clientState"], "expiry": expiry, "reauth_since": None}
            m.sub_counts["create"] += 1
            answer = self.sub_answer(sid, m.subs[sid])
        self.send_json(201, answer)

    def renew_subscription(self, path, doc):
        m = self.mock
        sid = path.rsplit("/", 1)[-1]
        with m.lock:
            m.expire_subs()
            sub = m.subs.get(sid) if path.startswith("/v1.0/subscriptions/") else None
            if sub is None:
                return self.send_json(404, graph_error("ResourceNotFound", "The object was not found."))
            expiry, problem = m.sub_rules(doc, False)
            if problem:
                return self.send_json(400, graph_error("InvalidRequest", problem))
            if sub["reauth_since"] is not None:
                if m.token_issued.get(self.token(), 0) < sub["reauth_since"]:
                    m.violation("reauthorization of %s with a token older than the event" % sid)
                m.sub_counts["reauthorized"] += 1
                sub["reauth_since"] = None
            sub["expiry"] = expiry
            m.sub_counts["renew"] += 1
            answer = self.sub_answer(sid, sub)
        self.send_json(200, answer)

    def delete_subscription(self, path):
        m = self.mock
        sid = path.rsplit("/", 1)[-1]
        with m.lock:
            m.expire_subs()
            if not path.startswith("/v1.0/subscriptions/") or sid not in m.subs:
                return self.send_json(404, graph_error("ResourceNotFound", "The object was not found."))
            del m.subs[sid]
            m.sub_counts["delete"] += 1
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def batch(self, doc):
        m = self.mock
        requests = doc.get("requests") if isinstance(doc, dict) else None
        with m.lock:
            m.counts["batch"] += 1
            if not isinstance(requests, list) or not requests or len(requests) > BATCH_LIMIT:
                n = len(requests) if isinstance(requests, list) else -1
                m.violation("$batch with %d requests" % n)
                bad = True
            else:
                bad = False
                m.max_batch = max(m.max_batch, len(requests))
        if bad:
            return self.send_json(400, graph_error("BadRequest", "The number of batch requests exceeds the limit."))
        responses = []
        with m.lock:
            for r in requests:
                status, answer = m.lookup(r.get("url", ""))
                if status == 404:
                    m.counts["batch_404"] += 1
                responses.append({"id": r.get("id"), "status": status,
                                  "headers": {"Content-Type": "application/json"}, "body": answer})
        responses.reverse()  # Graph does not keep the order; clients must go by id
        self.send_json(200, {"responses": responses})

    def presences(self, doc):
        m = self.mock
        ids = doc.get("ids") if isinstance(doc, dict) else None
        now = time.monotonic()
        with m.lock:
            m.counts["presence"] += 1
            m.presence_times.append(now)
            m.window = [t for t in m.window if now - t < WINDOW_S]
            m.window.append(now)
            if len(m.window) > m.budget:
                m.violation("%d presence requests within 30 s (budget %d)" % (len(m.window), m.budget))
                m.quiet_until = now + 5
                m.counts["429"] += 1
                over = True
            else:
                over = False
            if not isinstance(ids, list) or not ids or len(ids) > IDS_LIMIT:
                m.violation("getPresencesByUserId with %s ids" % (len(ids) if isinstance(ids, list) else "no"))
                bad = True
            else:
                bad = False
                m.max_ids = max(m.max_ids, len(ids))
        if over:
            return self.send_json(429, graph_error("TooManyRequests", "Please retry again later."), {"Retry-After": "5"})
        if bad:
            return self.send_json(400, graph_error("BadRequest", "The ids list must hold 1 to 650 ids."))
        value = []
        with m.lock:
            for uid in ids:
                p = m.presence.get(uid)
                if p is None:
                    if m.unknown_ids == "unknown":
                        value.append({"id": uid, "availability": "PresenceUnknown", "activity": "PresenceUnknown"})
                    continue
                item = {"id": uid, "availability": p["availability"], "activity": p["activity"],
                        "statusMessage": None, "outOfOfficeSettings": {"message": None, "isOutOfOffice": False}}
                if p["message"]:
                    item["statusMessage"] = {"message": {"content": p["message"], "contentType": "text"}}
                value.append(item)
        self.send_json(200, {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection(presence)",
                             "value": value})

    def control(self, what, doc):
        m = self.mock
        if what == "presence":
            for item in doc.get("users", []):
                m.set_presence(item["id"], item["availability"], item["activity"], item.get("message", ""))
        elif what == "fault":
            m.add_fault(doc["kind"], doc.get("count", 1), doc.get("retry_after"))
        elif what == "expire_tokens":
            m.expire_tokens()
        else:
            return self.send_json(404, {"error": "no such control"})
        self.send_json(200, {"ok": True})


def utc_text(unix_s):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(unix_s)) + ".0000000Z"


def parse_utc(text):
    m = re.match(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?Z$", text or "")
    if not m:
        return None
    return calendar.timegm(time.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S"))


def serve(mock, port=0, tls=None):
    """Starts the mock on 127.0.0.1 (a free port when 0) in a daemon thread; returns the server.
    tls: (certificate file, key file) to answer HTTPS instead of HTTP."""
    return json_http.start(Handler, mock, port, tls)


if __name__ == "__main__":
    import sys
    srv = serve(GraphMock(), int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print("graph mock on 127.0.0.1:%d" % srv.server_address[1], flush=True)
    threading.Event().wait()
