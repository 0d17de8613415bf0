#!/usr/bin/env bash
# portierd with client.web, restarted on the same store: a logged-on session's cookie still
# works afterwards (GET /api/session 200 with the same CSRF token, a console gets its snapshot)
# without a new log-on in the audit log, while a session logged off before the restart stays
# dead. The store keeps only the hash of a session id, never the cookie's value.
. "$(dirname "$0")/../daemon/lib.sh"
. "$(dirname "$0")/web_lib.sh"

write_web_config ""
start_web_daemon
URL=http://127.0.0.1:$WEB_PORT
ORIGIN=$URL

[ "$(log_on anna DEFAULT anna secret-anna -H "Origin: $ORIGIN")" = 200 ] || fail "anna could not log on: $(cat "$WORK/anna.b")"
ANNA_ID=$(session_of anna)
ANNA_CSRF=$(csrf_of anna)
[ "$(log_on bob Hotel bob secret-bob -H "Origin: $ORIGIN")" = 200 ] || fail "bob could not log on: $(cat "$WORK/bob.b")"
BOB_CSRF=$(csrf_of bob)
code=$(curl -sS -b "$WORK/bob.jar" -o /dev/null -w '%{http_code}' -X DELETE \
  -H "X-CSRF-Token: $BOB_CSRF" -H "Origin: $ORIGIN" "$URL/api/session")
[ "$code" = 204 ] || fail "bob's log-off answered $code, expected 204"

# The store has anna's session by the hash of its id only (written through at log-on).
python3 - "$WORK/var/portier.db" "$ANNA_ID" <<'PY' || fail "the store does not keep anna's session as expected"
import hashlib, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
want = [("client.web", hashlib.sha256(sys.argv[2].encode()).hexdigest(), "DEFAULT", "anna")]
for _ in range(50):  # the writes reach the core just after the answers: waited for, bounded
    rows = db.execute("SELECT plugin, id_hash, tenant, user FROM client_session").fetchall()
    if rows == want:
        break
    time.sleep(0.1)
assert rows == want, rows
PY

stop_daemon
cp "$WORK/daemon.log" "$WORK/daemon-before.log"
start_web_daemon
wait_log "client.web: sessions kept over the restart: 1" 5 "client.web did not restore anna's session"

# anna's cookie works as before: the same CSRF token, a console with a snapshot.
code=$(curl -sS -b "$WORK/anna.jar" -o "$WORK/view.b" -w '%{http_code}' "$URL/api/session")
[ "$code" = 200 ] || fail "GET /api/session with anna's cookie after the restart answered $code: $(cat "$WORK/view.b")"
grep -q "\"csrf\":\"$ANNA_CSRF\"" "$WORK/view.b" || fail "anna's session came back with another CSRF token: $(cat "$WORK/view.b")"
grep -q '"user":"anna"' "$WORK/view.b" || fail "the restored session is not anna's: $(cat "$WORK/view.b")"
probe --cookie "portier_session=$ANNA_ID" --origin "$ORIGIN" <<'STEPS'
expect "type":"answer" && "snapshot":{
STEPS

# bob logged off before the restart: his cookie stays dead (no session, no console).
code=$(curl -sS -b "$WORK/bob.jar" -o /dev/null -w '%{http_code}' "$URL/api/session")
[ "$code" = 401 ] || fail "bob's logged-off cookie answered $code after the restart, expected 401"
ws_refused 401 -b "$WORK/bob.jar" -H "Origin: $ORIGIN"

# A restored session is not a new log-on: anna has one log_on row; log-off still needs the
# restored CSRF token and ends the session in the store too.
code=$(curl -sS -b "$WORK/anna.jar" -o /dev/null -w '%{http_code}' -X DELETE \
  -H "X-CSRF-Token: $ANNA_CSRF" -H "Origin: $ORIGIN" "$URL/api/session")
[ "$code" = 204 ] || fail "anna's log-off after the restart answered $code, expected 204"
python3 - "$WORK/var/portier.db" <<'PY' || fail "the audit log or the kept sessions are wrong after the restart"
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
for _ in range(50):  # the drop goes to the core after the answer: waited for, bounded
    if db.execute("SELECT COUNT(*) FROM client_session").fetchone()[0] == 0:
        break
    time.sleep(0.1)
assert db.execute("SELECT COUNT(*) FROM client_session").fetchone()[0] == 0, "anna's session is still kept"
actions = [r[0] for r in db.execute("SELECT action FROM audit_log WHERE user = 'anna' ORDER BY id")]
assert actions == ["log_on", "log_off"], actions
PY
echo "PASS"
