#!/usr/bin/env bash
# portierd with client.web, a system manager (DEFAULT\root), a tenant manager (Hotel\hm) and
# two attendants: the admin REST API (plugin states, config check and reload, audit log,
# statistics) with its role checks and refusals, and /metrics scraped and parsed, then refused
# by metrics.allow. docs/client-web.md "Admin API", "Metrics".
. "$(dirname "$0")/../daemon/lib.sh"
. "$(dirname "$0")/web_lib.sh"

# write_admin_config EXTRA_PLUGIN_LINES METRICS_ALLOW: the configuration (hashes of web_lib.sh:
# root and anna have secret-anna, hm and bob secret-bob).
write_admin_config() {
cat > "$WORK/portier.yaml" <<YAML
system:
  control_socket: $SOCK
store:
  path: $WORK/var/portier.db
tenants:
  - name: DEFAULT
  - name: Hotel
accounts:
  - { user: root, tenant: DEFAULT, role: system_manager, password: { argon2id: "$ANNA_HASH" } }
  - { user: hm, tenant: Hotel, role: tenant_manager, password: { argon2id: "$BOB_HASH" } }
  - { user: anna, tenant: DEFAULT, role: attendant, password: { argon2id: "$ANNA_HASH" } }
  - { user: bob, tenant: Hotel, role: attendant, password: { argon2id: "$BOB_HASH" } }
plugins:
  search_path: [$PLUGIN_DIR]
  load:
    - id: client.web
      file: portier-client-web
      settings:
        listen: "127.0.0.1:$WEB_PORT"
        root: $WORK/www
        metrics: { allow: $2 }
$1
YAML
}

# api NAME METHOD PATH [CURL ARGS...]: a request with NAME's cookie jar; body in $WORK/api.b;
# prints the status code.
api() {
  local name=$1 method=$2 path=$3
  shift 3
  curl -sS -b "$WORK/$name.jar" -o "$WORK/api.b" -w '%{http_code}' -X "$method" "$@" "$URL$path"
}

# expect_api WANT NAME METHOD PATH [CURL ARGS...]: api, failing unless the status is WANT.
expect_api() {
  local want=$1
  shift
  local code
  code=$(api "$@")
  [ "$code" = "$want" ] || fail "$2 $3 as $1 answered $code, expected $want: $(cat "$WORK/api.b")"
}

# json_get EXPR: evaluates the Python expression EXPR on the JSON body `b` of $WORK/api.b.
json_get() {
  python3 -c 'import json, sys; b = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$WORK/api.b" "$1"
}

# A page of its own: this test is about the API, not the console's files.
mkdir -p "$WORK/www" && echo '<!doctype html><title>admin test</title>' > "$WORK/www/index.html"
write_admin_config "" '["127.0.0.1/32", "::1/128"]'
start_web_daemon
URL=http://127.0.0.1:$WEB_PORT

for who in "root DEFAULT root secret-anna" "hm Hotel hm secret-bob" "anna DEFAULT anna secret-anna"; do
  set -- $who
  [ "$(log_on "$1" "$2" "$3" "$4")" = 200 ] || fail "$1 could not log on: $(cat "$WORK/$1.b")"
done
ROOT_CSRF=$(csrf_of root)
HM_CSRF=$(csrf_of hm)
ANNA_CSRF=$(csrf_of anna)

# Without a session: 401; unknown path 404; wrong method 405 with Allow; bad parameter 400.
code=$(curl -sS -o "$WORK/api.b" -w '%{http_code}' "$URL/api/admin/plugins")
[ "$code" = 401 ] || fail "GET /api/admin/plugins without a session answered $code, expected 401"
grep -q '"error":"unauthorized"' "$WORK/api.b" || fail "401 without the error code: $(cat "$WORK/api.b")"
expect_api 404 root GET /api/admin/nothing
grep -q '"error":"not_found"' "$WORK/api.b" || fail "404 without the error code: $(cat "$WORK/api.b")"
code=$(curl -sS -b "$WORK/root.jar" -D "$WORK/405.h" -o "$WORK/api.b" -w '%{http_code}' "$URL/api/admin/config/reload")
[ "$code" = 405 ] || fail "GET /api/admin/config/reload answered $code, expected 405"
[ "$(header allow "$WORK/405.h")" = POST ] || fail "405 without Allow: POST"
expect_api 400 root GET "/api/admin/audit?limit=0"
grep -q "'limit'" "$WORK/api.b" || fail "400 does not name the parameter: $(cat "$WORK/api.b")"

# The system manager: plugin states.
expect_api 200 root GET /api/admin/plugins
[ "$(json_get '[p["state"] for p in b["plugins"] if p["id"] == "client.web"][0]')" = running ] ||
  fail "client.web is not running in /api/admin/plugins: $(cat "$WORK/api.b")"
[ "$(json_get '[p["kind"] for p in b["plugins"] if p["id"] == "client.web"][0]')" = client ] ||
  fail "client.web's kind is not client: $(cat "$WORK/api.b")"

# CSRF: a POST without the token or with a foreign Origin is 403 and changes nothing.
expect_api 403 root POST /api/admin/config/check
expect_api 403 root POST /api/admin/config/reload -H "X-CSRF-Token: $ROOT_CSRF" -H "Origin: http://evil.example"

# Config check of the good file, then of a broken one; a refused reload; nothing changes.
expect_api 200 root POST /api/admin/config/check -H "X-CSRF-Token: $ROOT_CSRF"
[ "$(json_get 'b["valid"]')" = True ] || fail "the good file is not valid: $(cat "$WORK/api.b")"
cp "$WORK/portier.yaml" "$WORK/good.yaml"
write_admin_config "    - id: ghost
      file: no-such-plugin" '["127.0.0.1/32", "::1/128"]'
expect_api 200 root POST /api/admin/config/check -H "X-CSRF-Token: $ROOT_CSRF"
[ "$(json_get 'b["valid"]')" = False ] || fail "the broken file is valid: $(cat "$WORK/api.b")"
json_get 'b["findings"][0]' | grep -q "portier.yaml:.*no-such-plugin" || fail "the finding does not name the file and plugin: $(cat "$WORK/api.b")"
expect_api 422 root POST /api/admin/config/reload -H "X-CSRF-Token: $ROOT_CSRF"
[ "$(json_get 'b["error"]')" = rejected ] || fail "a refused reload is not 'rejected': $(cat "$WORK/api.b")"
json_get 'b["findings"][0]' | grep -q no-such-plugin || fail "the refused reload names no finding: $(cat "$WORK/api.b")"
plugin_field ghost state >/dev/null 2>&1 && fail "a refused reload added the plugin ghost"

# A reload that applies: a disabled plugin entry is added.
cp "$WORK/good.yaml" "$WORK/portier.yaml"
write_admin_config "    - id: spare
      file: portier-client-web
      enabled: false" '["127.0.0.1/32", "::1/128"]'
expect_api 200 root POST /api/admin/config/reload -H "X-CSRF-Token: $ROOT_CSRF"
[ "$(json_get 'b["applied"]')" = True ] || fail "the reload did not apply: $(cat "$WORK/api.b")"
[ "$(plugin_field spare state)" = stopped ] || fail "the reloaded configuration's plugin spare is not there"

# The audit log: the system manager sees every tenant, the tenant manager only Hotel.
expect_api 200 root GET "/api/admin/audit?limit=50"
json_get '" ".join(sorted(set(e["tenant"] for e in b["entries"])))' | grep -q "DEFAULT Hotel" ||
  fail "the system manager's audit log lacks a tenant: $(cat "$WORK/api.b")"
expect_api 200 hm GET "/api/admin/audit?limit=50"
[ "$(json_get '" ".join(sorted(set(e["tenant"] for e in b["entries"])))')" = Hotel ] ||
  fail "the tenant manager sees other tenants' audit entries: $(cat "$WORK/api.b")"
expect_api 403 hm GET "/api/admin/audit?tenant=DEFAULT"

# Statistics: the engine's answer for both managers; a bad 'from' is the engine's 400.
FROM=$(date -u -d '-1 hour' +%Y-%m-%dT%H:00:00Z)
expect_api 200 root GET "/api/admin/statistics?from=$FROM"
[ "$(json_get '"ddi" in b["statistics"]')" = True ] || fail "statistics without ddi rows: $(cat "$WORK/api.b")"
expect_api 200 hm GET "/api/admin/statistics?from=$FROM"
expect_api 400 root GET "/api/admin/statistics?from=yesterday"

# The tenant manager may not see plugins nor reload; the attendant gets 403 everywhere.
expect_api 403 hm GET /api/admin/plugins
expect_api 403 hm POST /api/admin/config/reload -H "X-CSRF-Token: $HM_CSRF"
for route in "GET /api/admin/plugins" "GET /api/admin/audit" "GET /api/admin/statistics?from=$FROM" \
  "POST /api/admin/config/check" "POST /api/admin/config/reload"; do
  set -- $route
  expect_api 403 anna "$1" "$2" -H "X-CSRF-Token: $ANNA_CSRF"
  grep -q '"error":"forbidden"' "$WORK/api.b" || fail "$route for the attendant is not 'forbidden'"
done

# /metrics: Prometheus text with sensible values; a console connected meanwhile is counted.
probe --cookie "portier_session=$(session_of anna)" --origin "$URL" <<'STEPS' >/dev/null
expect "type":"answer" && "snapshot":{
send {"type":"log_on","id":"a1","device":"+49897007100"}
expect "id":"a1" && "ok":true
expect "event":"attendant_changed" && "attendant":"anna"
STEPS
code=$(curl -sS -D "$WORK/metrics.h" -o "$WORK/metrics.txt" -w '%{http_code}' "$URL/metrics")
[ "$code" = 200 ] || fail "GET /metrics answered $code: $(cat "$WORK/metrics.txt")"
header content-type "$WORK/metrics.h" | grep -q '^text/plain; version=0.0.4' || fail "/metrics has the content type $(header content-type "$WORK/metrics.h")"
python3 - "$WORK/metrics.txt" <<'PY' || fail "the /metrics text is not what it should be: $(cat "$WORK/metrics.txt")"
import re, sys, time
text = open(sys.argv[1]).read()
assert text.endswith("\n"), "no final newline"
samples, types = {}, {}
line_re = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})? (-?[0-9]+)$')
for line in text.splitlines():
    if line.startswith("# TYPE "):
        _, _, name, kind = line.split(" ")
        assert kind in ("gauge", "counter"), line
        types[name] = kind
        continue
    if line.startswith("# HELP "):
        continue
    m = line_re.match(line)
    assert m, "unparsable line: " + line
    assert m.group(1) in types, "sample before its TYPE: " + line
    samples[line.rsplit(" ", 1)[0]] = int(m.group(4))
for name in ("portier_calls_waiting", "portier_calls_connected", "portier_link_up", "portier_engine_events_total",
             "portier_console_connections", "portier_ws_dropped_total", "process_start_time_seconds"):
    assert name in types, "no TYPE for " + name
assert types["portier_engine_events_total"] == "counter"
assert samples['portier_engine_events_total{type="attendant_changed"}'] >= 1, "the attendant_changed event is not counted"
assert samples["portier_calls_connected"] == 0
assert samples["portier_console_connections"] >= 0
assert samples["portier_ws_dropped_total"] == 0
start = samples["process_start_time_seconds"]
assert time.time() - 600 < start <= time.time() + 5, "process start %d is not within the last 10 minutes" % start
assert not any(k.startswith("portier_link_up{") for k in samples), "a link without a link plugin"
PY
code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$URL/metrics")
[ "$code" = 405 ] || fail "POST /metrics answered $code, expected 405"

# metrics.allow without 127.0.0.1: the scrape from here is refused (a reload applies it).
write_admin_config "" '["::1/128"]'
# client.web restarts to take its new settings: the reload's own connection ends with it.
api root POST /api/admin/config/reload -H "X-CSRF-Token: $ROOT_CSRF" >/dev/null 2>&1 || true
wait_state client.web running
wait_log "client.web: serving .* on http://127\.0\.0\.1:$WEB_PORT" 10 "client.web did not come back after its reload"
deadline=$(( $(date +%s) + 10 ))
until code=$(curl -sS -o "$WORK/metrics.b" -w '%{http_code}' "$URL/metrics" 2>/dev/null) && [ "$code" != 000 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || break
  sleep 0.2
done
[ "$code" = 403 ] || fail "/metrics from 127.0.0.1 outside metrics.allow answered $code, expected 403"
grep -q '"error":"forbidden"' "$WORK/metrics.b" || fail "the metrics refusal is not 'forbidden': $(cat "$WORK/metrics.b")"
echo "PASS"
