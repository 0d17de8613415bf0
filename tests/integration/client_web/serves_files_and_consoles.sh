#!/usr/bin/env bash
# portierd with client.web: the front end's files over HTTP with the right headers (types, ETag,
# 304, gzip, cache policy), no way out of the root, clear refusals of oversized and wrong
# requests; and a console on the WebSocket that gets its snapshot, logs an attendant on and sees
# the answer with its id and the event, and stays usable after a malformed frame.
. "$(dirname "$0")/../daemon/lib.sh"
. "$(dirname "$0")/web_lib.sh"

# The front end: index.html, a hashed bundle with a gzip copy; beside the root a secret that a
# symlink inside points at.
WWW=$WORK/www
mkdir -p "$WWW/assets"
echo '<!doctype html><title>test console</title>' > "$WWW/index.html"
printf 'console.log("portier");\n%.0s' $(seq 50) > "$WWW/assets/app-4f3a2b1c.js"
gzip -k -9 "$WWW/assets/app-4f3a2b1c.js"
echo "not for browsers" > "$WORK/secret.txt"
ln -s "$WORK/secret.txt" "$WWW/leak.txt"

write_web_config "        root: $WWW
        limits: { header_bytes: 2048, body_bytes: 1024, message_bytes: 4096 }"
start_web_daemon
URL=http://127.0.0.1:$WEB_PORT

# / is index.html: 200, HTML, an ETag, revalidated every time.
curl -sS -D "$WORK/h1" -o "$WORK/b1" "$URL/" || fail "GET / failed"
[ "$(status_of "$WORK/h1")" = 200 ] || fail "GET / answered $(status_of "$WORK/h1")"
[ "$(header content-type "$WORK/h1")" = "text/html; charset=utf-8" ] || fail "GET / has content type '$(header content-type "$WORK/h1")'"
[ "$(header cache-control "$WORK/h1")" = "no-cache" ] || fail "index.html is cached as '$(header cache-control "$WORK/h1")'"
cmp -s "$WORK/b1" "$WWW/index.html" || fail "GET / did not send index.html"
ETAG=$(header etag "$WORK/h1")
[ -n "$ETAG" ] || fail "GET / has no ETag"

# The same ETag in If-None-Match: 304 without a body.
curl -sS -D "$WORK/h2" -o "$WORK/b2" -H "If-None-Match: $ETAG" "$URL/" || fail "conditional GET failed"
[ "$(status_of "$WORK/h2")" = 304 ] || fail "If-None-Match with the ETag answered $(status_of "$WORK/h2"), expected 304"
[ ! -s "$WORK/b2" ] || fail "the 304 has a body"

# HEAD: the GET's headers, no body.
curl -sS -I -o /dev/null -D "$WORK/h3" "$URL/index.html" || fail "HEAD failed"
[ "$(status_of "$WORK/h3")" = 200 ] || fail "HEAD answered $(status_of "$WORK/h3")"
[ "$(header content-length "$WORK/h3")" = "$(stat -c %s "$WWW/index.html")" ] || fail "HEAD's Content-Length is wrong"

# The bundle: JavaScript, immutable; gzipped for a browser that accepts it, with Vary.
curl -sS -D "$WORK/h4" -o "$WORK/b4" -H "Accept-Encoding: gzip, deflate" "$URL/assets/app-4f3a2b1c.js" || fail "GET of the bundle failed"
[ "$(status_of "$WORK/h4")" = 200 ] || fail "the bundle answered $(status_of "$WORK/h4")"
[ "$(header content-encoding "$WORK/h4")" = gzip ] || fail "the bundle was not sent gzipped"
[ "$(header vary "$WORK/h4")" = Accept-Encoding ] || fail "the gzipped bundle has no Vary: Accept-Encoding"
[ "$(header content-type "$WORK/h4")" = "text/javascript; charset=utf-8" ] || fail "the bundle has content type '$(header content-type "$WORK/h4")'"
[ "$(header cache-control "$WORK/h4")" = "public, max-age=31536000, immutable" ] || fail "the hashed bundle is not immutable"
cmp -s "$WORK/b4" "$WWW/assets/app-4f3a2b1c.js.gz" || fail "the gzipped bundle is not the .gz copy"
curl -sS -D "$WORK/h5" -o "$WORK/b5" "$URL/assets/app-4f3a2b1c.js" || fail "GET of the plain bundle failed"
[ -z "$(header content-encoding "$WORK/h5")" ] || fail "the bundle was compressed for a client that accepts no gzip"
cmp -s "$WORK/b5" "$WWW/assets/app-4f3a2b1c.js" || fail "the plain bundle differs from the file"

# A route of the single-page app is index.html; a missing file is 404.
[ "$(curl -sS -o /dev/null -w '%{http_code}' "$URL/queue/calls")" = 200 ] || fail "a route of the app is not index.html"
[ "$(curl -sS -o /dev/null -w '%{http_code}' "$URL/assets/missing-4f3a2b1c.js")" = 404 ] || fail "a missing bundle is not 404"

# No way out of the root: dot segments, encoded, an encoded slash, a symlink out.
for path in "/../secret.txt" "/%2e%2e/secret.txt" "/..%2fsecret.txt" "/assets/../../secret.txt" "/leak.txt"; do
  code=$(curl -sS --path-as-is -o "$WORK/b6" -w '%{http_code}' "$URL$path")
  [ "$code" = 404 ] || fail "GET $path answered $code, expected 404"
  ! grep -q "not for browsers" "$WORK/b6" || fail "GET $path leaked the file outside the root"
done

# Refusals that say why: headers beyond 2048 bytes, a body beyond 1024, a method files do not take.
big=$(head -c 3000 /dev/zero | tr '\0' 'a')
code=$(curl -sS -o "$WORK/b7" -w '%{http_code}' -H "X-Big: $big" "$URL/")
[ "$code" = 431 ] || fail "oversized headers answered $code, expected 431"
grep -q "exceed 2048 bytes" "$WORK/b7" || fail "the 431 does not say why: $(cat "$WORK/b7")"
head -c 5000 /dev/zero > "$WORK/body"
code=$(curl -sS -o "$WORK/b8" -w '%{http_code}' --data-binary @"$WORK/body" "$URL/")
[ "$code" = 413 ] || fail "an oversized body answered $code, expected 413"
grep -q "exceeds 1024 bytes" "$WORK/b8" || fail "the 413 does not say why: $(cat "$WORK/b8")"
curl -sS -o /dev/null -D "$WORK/h9" -X DELETE "$URL/index.html"
[ "$(status_of "$WORK/h9")" = 405 ] || fail "DELETE answered $(status_of "$WORK/h9"), expected 405"
[ "$(header allow "$WORK/h9")" = "GET, HEAD" ] || fail "the 405 has no Allow: GET, HEAD"
code=$(curl -sS -o /dev/null -w '%{http_code}' --path-as-is "$URL/a%zz")
[ "$code" = 400 ] || fail "a broken escape answered $code, expected 400"
# Keep-alive: two requests over one connection.
curl -sS -o /dev/null -o /dev/null -w '%{num_connects}\n' "$URL/" "$URL/index.html" > "$WORK/connects"
[ "$(awk '{s += $1} END {print s}' "$WORK/connects")" = 1 ] || fail "two requests took $(awk '{s += $1} END {print s}' "$WORK/connects") connections, expected 1 (keep-alive)"

# Consoles are for logged-on sessions: DEFAULT\anna logs on (an attendant: acts as anna only).
[ "$(log_on anna DEFAULT anna secret-anna)" = 200 ] || fail "anna could not log on: $(cat "$WORK/anna.b")"
ANNA="portier_session=$(session_of anna)"

# A console: the snapshot on connect; log_on answered with its id; the attendant's event; a
# malformed frame answered as invalid and the connection still usable; binary refused; an
# oversized message closes with 1009.
probe --cookie "$ANNA" <<'STEPS'
expect "type":"answer" && "snapshot":{
send {"type":"log_on","id":"c1","attendant":"anna","device":"+49897007100"}
expect "id":"c1" && "ok":true && "type":"answer"
expect "type":"event" && "event":"attendant_changed" && "attendant":"anna"
send {this is not json
expect "error":"invalid" && not JSON:
send_binary {"type":"snapshot"}
expect "error":"invalid" && text frames
send {"type":"snapshot","id":7}
expect "id":7 && "attendant":"anna"
send {"type":"log_on","id":"c2","attendant":"anna","device":"+49897007100"}
expect "id":"c2" && "ok":false && "already_logged_on"
send_big 5000
expect_close 1009
STEPS
! grep -q '"request_id"' "$WORK/probe.out" || fail "the plugin's request ids reached the console"

# A second console of the session sees an event caused by the first.
probe --cookie "$ANNA" <<'STEPS'
expect "snapshot":{ && "attendant":"anna"
send {"type":"log_off","id":1,"attendant":"anna"}
expect "id":1 && "ok":true
expect "type":"event" && "event":"attendant_changed" && "logged_off"
STEPS

# /ws without an upgrade says what it is.
[ "$(curl -sS -o /dev/null -w '%{http_code}' "$URL/ws")" = 426 ] || fail "/ws without an upgrade is not 426"

# portierd stopping: an open console gets a close frame 1001 (going away) before the socket
# closes, so the console reconnects calmly.
printf '%s\n' 'expect "snapshot":{' 'expect_close 1001' > "$WORK/going_away.txt"
"$WS_PROBE" --cookie "$ANNA" "$WEB_PORT" "$WORK/going_away.txt" > "$WORK/going_away.out" 2>&1 &
AWAY_PID=$!
HELPER_PIDS+=("$AWAY_PID")
for _ in $(seq 50); do grep -q 'snapshot' "$WORK/going_away.out" && break; sleep 0.1; done
grep -q 'snapshot' "$WORK/going_away.out" || fail "the console for the stop got no snapshot: $(cat "$WORK/going_away.out")"
stop_daemon
wait "$AWAY_PID" || fail "the console did not see close 1001 at stop: $(cat "$WORK/going_away.out")"
grep -q '^closed 1001 server stopping$' "$WORK/going_away.out" ||
  fail "no close 1001 'server stopping' at stop: $(cat "$WORK/going_away.out")"
echo "PASS"
