#!/usr/bin/env bash
# portierd with client.web and two tenants (DEFAULT\anna, Hotel\bob): log-on through the core
# (wrong password 401, lock-out 429 with Retry-After), the session cookie's flags, a console only
# for a session and only from the page's own origin, CSRF on log-off, log-off closing the
# session's console with 1000, and tenant scoping on the wire: Hotel's console never sees
# DEFAULT's attendant nor acts in DEFAULT.
. "$(dirname "$0")/../daemon/lib.sh"
. "$(dirname "$0")/web_lib.sh"

write_web_config ""
start_web_daemon
URL=http://127.0.0.1:$WEB_PORT
ORIGIN=$URL

# No session: no console (401 before the upgrade), no session view.
ws_refused 401
"$WS_PROBE" "$WEB_PORT" /dev/null > "$WORK/noauth.out" 2>&1 && fail "ws_probe without a cookie got a console"
[ "$(curl -sS -o /dev/null -w '%{http_code}' "$URL/api/session")" = 401 ] || fail "GET /api/session without a cookie is not 401"

# A wrong password: 401 with the one answer that tells nothing about which part was wrong.
code=$(log_on wrong DEFAULT anna not-her-password)
[ "$code" = 401 ] || fail "a wrong password answered $code, expected 401"
grep -q '"error":"denied"' "$WORK/wrong.b" || fail "a wrong password is not 'denied': $(cat "$WORK/wrong.b")"
! grep -q portier_session "$WORK/wrong.h" || fail "a refused log-on set a session cookie"
code=$(log_on nobody Nowhere nobody whatever)
[ "$code" = 401 ] || fail "an unknown tenant answered $code, expected 401"
cmp -s "$WORK/wrong.b" "$WORK/nobody.b" || fail "an unknown tenant is answered differently from a wrong password"

# Bad requests: not JSON, an unknown field, a cross-origin log-on.
code=$(curl -sS -o "$WORK/form.b" -w '%{http_code}' --data 'tenant=DEFAULT&user=anna' "$URL/api/session")
[ "$code" = 415 ] || fail "a form post to /api/session answered $code, expected 415"
code=$(curl -sS -o "$WORK/extra.b" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data-binary '{"tenant":"DEFAULT","user":"anna","password":"x","admin":true}' "$URL/api/session")
[ "$code" = 400 ] || fail "a log-on body with an unknown field answered $code, expected 400"
code=$(log_on cross DEFAULT anna secret-anna -H "Origin: http://evil.example")
[ "$code" = 403 ] || fail "a cross-origin log-on answered $code, expected 403"

# anna logs on: 200, the account and a CSRF token; the cookie HttpOnly, SameSite=Strict, not Secure.
code=$(log_on anna DEFAULT anna secret-anna -H "Origin: $ORIGIN")
[ "$code" = 200 ] || fail "anna's log-on answered $code: $(cat "$WORK/anna.b")"
grep -q '"account":{"role":"attendant","tenant":"DEFAULT","user":"anna"}' "$WORK/anna.b" || fail "the log-on answer lacks the account: $(cat "$WORK/anna.b")"
cookie=$(header set-cookie "$WORK/anna.h")
case "$cookie" in
  "portier_session="???????????????????????????????????????????"; Path=/; HttpOnly; SameSite=Strict") ;;
  *) fail "anna's session cookie is '$cookie'" ;;
esac
ANNA_ID=$(session_of anna)
ANNA_CSRF=$(csrf_of anna)
[ ${#ANNA_CSRF} = 43 ] || fail "the CSRF token is not 43 characters: '$ANNA_CSRF'"
curl -sS -b "$WORK/anna.jar" -o "$WORK/view.b" "$URL/api/session" || fail "GET /api/session failed"
grep -q "\"csrf\":\"$ANNA_CSRF\"" "$WORK/view.b" || fail "GET /api/session does not show the session: $(cat "$WORK/view.b")"

# A console from another origin is refused, even with the cookie.
ws_refused 403 -b "$WORK/anna.jar" -H "Origin: http://evil.example:$WEB_PORT"
ws_refused 403 -b "$WORK/anna.jar" -H "Origin: http://localhost:$WEB_PORT"

# bob logs on in Hotel.
[ "$(log_on bob Hotel bob secret-bob)" = 200 ] || fail "bob could not log on: $(cat "$WORK/bob.b")"
BOB_ID=$(session_of bob)

# anna's console logs the attendant anna on in DEFAULT (its tenant forced).
probe --cookie "portier_session=$ANNA_ID" --origin "$ORIGIN" <<'STEPS'
expect "type":"answer" && "snapshot":{
send {"type":"log_on","id":"a1","device":"+49897007100"}
expect "id":"a1" && "ok":true
expect "event":"attendant_changed" && "attendant":"anna"
STEPS

# bob's console: anna (DEFAULT) is not in its snapshot; it may not act as anna nor in DEFAULT.
# While it is open, anna's console changes anna's state: that event must not reach bob's.
cat > "$WORK/bob.txt" <<STEPS
expect "type":"answer" && "snapshot":{
send {"type":"set_available","id":"b1","attendant":"anna"}
expect "id":"b1" && "error":"forbidden"
send {"type":"log_on","id":"b2","tenant":"DEFAULT","attendant":"bob","device":"+49897007200"}
expect "id":"b2" && "error":"forbidden"
send {"type":"log_on","id":"b3","attendant":"bob","device":"+49897007200"}
expect "id":"b3" && "ok":true
wait_file $WORK/anna_done
send {"type":"snapshot","id":"b4"}
expect "id":"b4" && "attendant":"bob"
STEPS
"$WS_PROBE" --cookie "portier_session=$BOB_ID" "$WEB_PORT" "$WORK/bob.txt" > "$WORK/bob.out" 2>&1 &
BOB_PID=$!
HELPER_PIDS+=("$BOB_PID")
for _ in $(seq 50); do grep -q '"id":"b3"' "$WORK/bob.out" && break; sleep 0.1; done
grep -q '"id":"b3"' "$WORK/bob.out" || { cat "$WORK/bob.out" >&2; fail "bob's console did not log bob on"; }
probe --cookie "portier_session=$ANNA_ID" <<'STEPS'
expect "snapshot":{ && "attendant":"anna"
send {"type":"set_available","id":"a2","available":true}
expect "id":"a2" && "ok":true
expect "event":"attendant_changed" && "attendant":"anna" && "available"
STEPS
touch "$WORK/anna_done"
wait "$BOB_PID" || { cat "$WORK/bob.out" >&2; fail "bob's console did not see what it expected"; }
cat "$WORK/bob.out"
! grep -q '"anna"' "$WORK/bob.out" || fail "bob's console (Hotel) saw something of DEFAULT's anna"

# Log-off needs the CSRF token: without it 403, with it 204 and the session's console closes
# with 1000 "logged off".
code=$(curl -sS -b "$WORK/anna.jar" -o "$WORK/del.b" -w '%{http_code}' -X DELETE "$URL/api/session")
[ "$code" = 403 ] || fail "DELETE /api/session without X-CSRF-Token answered $code, expected 403"
grep -q '"error":"forbidden"' "$WORK/del.b" || fail "the 403 is not JSON 'forbidden': $(cat "$WORK/del.b")"
code=$(curl -sS -b "$WORK/anna.jar" -o /dev/null -w '%{http_code}' -X DELETE -H "X-CSRF-Token: wrong" "$URL/api/session")
[ "$code" = 403 ] || fail "DELETE /api/session with a wrong token answered $code, expected 403"
cat > "$WORK/console.txt" <<'STEPS'
expect "snapshot":{
expect_close 1000
STEPS
"$WS_PROBE" --cookie "portier_session=$ANNA_ID" "$WEB_PORT" "$WORK/console.txt" > "$WORK/console.out" 2>&1 &
CONSOLE_PID=$!
HELPER_PIDS+=("$CONSOLE_PID")
sleep 0.5
code=$(curl -sS -b "$WORK/anna.jar" -D "$WORK/del.h" -o /dev/null -w '%{http_code}' -X DELETE \
  -H "X-CSRF-Token: $ANNA_CSRF" -H "Origin: $ORIGIN" "$URL/api/session")
[ "$code" = 204 ] || fail "DELETE /api/session with the token answered $code, expected 204"
case "$(header set-cookie "$WORK/del.h")" in
  portier_session=\;*Max-Age=0*) ;;
  *) fail "log-off does not clear the cookie: '$(header set-cookie "$WORK/del.h")'" ;;
esac
wait "$CONSOLE_PID" || { cat "$WORK/console.out" >&2; fail "anna's console was not closed with 1000 at log-off"; }
grep -q "closed 1000 logged off" "$WORK/console.out" || fail "the close reason is not 'logged off': $(cat "$WORK/console.out")"
ws_refused 401 -b "$WORK/anna.jar"
[ "$(curl -sS -b "$WORK/anna.jar" -o /dev/null -w '%{http_code}' "$URL/api/session")" = 401 ] || fail "the ended session is still valid"

# Lock-out: 5 wrong passwords, then even the right one is 429 with Retry-After.
for i in 1 2 3 4 5; do
  code=$(log_on lock$i Hotel bob wrong-$i)
  [ "$code" = 401 ] || fail "wrong password $i answered $code, expected 401"
done
code=$(log_on locked Hotel bob secret-bob)
[ "$code" = 429 ] || fail "the right password after 5 wrong ones answered $code, expected 429"
retry=$(header retry-after "$WORK/locked.h")
[ "$retry" -ge 1 ] 2>/dev/null || fail "the 429 has no Retry-After: '$retry'"
grep -q '"error":"locked"' "$WORK/locked.b" || fail "the 429 is not 'locked': $(cat "$WORK/locked.b")"

stop_daemon
echo "PASS"
