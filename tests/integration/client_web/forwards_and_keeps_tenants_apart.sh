#!/usr/bin/env bash
# portierd with client.web, pbx.sim (office phones), pbx.osv, trunk.sip and a DEFAULT phone book
# (directory.csv), two tenants with a console each (DEFAULT\anna, Hotel\bob):
# 1. a call to DEFAULT's pilot appears at anna's console and never at bob's: no event of bob's
#    console mentions it, his snapshot does not hold it, and he cannot act on it;
# 2. anna sets and clears forwarding of an office user (contact 1, extension 7201, whose phone
#    pbx.osv reports as +49897007201): the PBX does it, the device board and directory_contact
#    show it, the change is audited; bad kinds and destinations are invalid;
# 3. bob (Hotel) asking for DEFAULT's contact gets not_found.
. "$(dirname "$0")/../daemon/lib.sh"
. "$(dirname "$0")/web_lib.sh"
. "$(dirname "$0")/../daemon/engine_lib.sh"
HOTEL_PILOT="+498970071201"
OFFICE="+49897007201"
mkdir -p "$WORK/var"
cat > "$WORK/phonebook.csv" <<CSV
id,given,family,extension,office
1,Olga,Office,7201,$OFFICE
CSV
cat > "$WORK/portier.yaml" <<YAML
system:
  control_socket: $SOCK
store:
  path: $WORK/var/portier.db
tenants:
  - name: DEFAULT
    routing_type: pick
  - name: Hotel
    routing_type: pick
accounts:
  - { user: anna, tenant: DEFAULT, role: attendant, password: { argon2id: "$ANNA_HASH" } }
  - { user: bob, tenant: Hotel, role: attendant, password: { argon2id: "$BOB_HASH" } }
ddi:
  - { pilot_number: "$PILOT", company: Default Ltd }
  - { pilot_number: "$HOTEL_PILOT", tenant: Hotel, company: Hotel Ltd }
directory:
  sources:
    - { plugin: directory.csv, tenant: DEFAULT, schedule: manual }
number_ranges:
  - tenant: DEFAULT
    request_numbers: "+498970071240..59"
    callback_numbers: "+498970071260..69"
plugins:
  search_path: [$PLUGIN_DIR]
  load:
    - id: pbx.sim
      file: portier-pbx-sim
      settings:
        port: $CSTA
        sip: true
        sip_port: $SIM_SIP
        trunk: { register_id: portier-cps, user: portier, password: "", realm: pbxsim }
        cps_numbers: ["+498970071200..99"]
        rtp: { start_port: $SIM_RTP, count: 40 }
        office:
          no_answer_ms: 60000
          extensions:
            - { number: "$ANNA_DEVICE", name: Anna Attendant, kind: attendant }
            - { number: "$BOB_DEVICE", name: Bob Attendant, kind: attendant }
            - { number: "$OFFICE", name: Olga Office }
    - id: pbx.osv
      file: portier-pbx-osv
      settings:
        host: 127.0.0.1
        port: $CSTA
        monitor: ["$ANNA_DEVICE", "$BOB_DEVICE", "$OFFICE"]
    - id: trunk.sip
      file: portier-trunk-sip
      settings:
        mode: trunk
        register_id: portier-cps
        registrar: { host: 127.0.0.1, port: $SIM_SIP }
        listen: { address: 127.0.0.1, port: $TRUNK_SIP }
        rtp: { start_port: $TRUNK_RTP, count: 40 }
        channels: 10
        ratio: 3
        pilot_numbers: ["+498970071200..09"]
        personal_lines: ["+498970071210..29"]
        request_numbers: "+498970071240..59"
        callback_numbers: "+498970071260..69"
    - id: directory.csv
      file: portier-directory-csv
      settings:
        path: $WORK/phonebook.csv
        columns: { source_id: id, given: given, family: family, extension: extension, phones: [{ column: office, type: office }] }
    - id: client.web
      file: portier-client-web
      settings:
        listen: "127.0.0.1:$WEB_PORT"
YAML
start_web_daemon
wait_state trunk.sip running
ask() { "$PORTIER" --socket "$SOCK" engine "$1" || fail "portier engine $1 was refused"; }
ask '{"type":"directory_sync","source":"directory.csv"}' >/dev/null
# The book is read and the office phone is on the busy-lamp board.
for _ in $(seq 50); do
  ask '{"type":"directory_contact","tenant":"DEFAULT","id":1}' | grep -q '"forwarding"' && break
  sleep 0.2
done
ask '{"type":"directory_contact","tenant":"DEFAULT","id":1}' | grep -q '"forwarding":{"busy":"","no_answer":"","unconditional":""}' ||
  fail "contact 1 has no forwarding (all off) before the test: $(ask '{"type":"directory_contact","tenant":"DEFAULT","id":1}')"

[ "$(log_on anna DEFAULT anna secret-anna)" = 200 ] || fail "anna could not log on: $(cat "$WORK/anna.b")"
[ "$(log_on bob Hotel bob secret-bob)" = 200 ] || fail "bob could not log on: $(cat "$WORK/bob.b")"
ANNA_ID=$(session_of anna)
BOB_ID=$(session_of bob)

# 1. The call: anna's console sees it queued; bob's console, open all along, sees nothing of it.
cat > "$WORK/anna1.txt" <<STEPS
expect "type":"answer" && "snapshot":{
wait_file $WORK/caller_started
expect "event":"call_queued" && "$PILOT" && "tenant":"DEFAULT"
STEPS
cat > "$WORK/bob1.txt" <<STEPS
expect "type":"answer" && "snapshot":{
wait_file $WORK/call_seen
send {"type":"snapshot","id":"b1"}
expect "id":"b1" && "snapshot":{
STEPS
"$WS_PROBE" --cookie "portier_session=$ANNA_ID" "$WEB_PORT" "$WORK/anna1.txt" > "$WORK/anna1.out" 2>&1 &
ANNA_PID=$!
"$WS_PROBE" --cookie "portier_session=$BOB_ID" "$WEB_PORT" "$WORK/bob1.txt" > "$WORK/bob1.out" 2>&1 &
BOB_PID=$!
HELPER_PIDS+=("$ANNA_PID" "$BOB_PID")
sleep 0.5
start_caller caller "$PILOT" "$SIPP_SIP" "$SIPP_MEDIA" "$RTP_RX"
touch "$WORK/caller_started"
wait "$ANNA_PID" || { cat "$WORK/anna1.out" >&2; fail "anna's console did not see the call to DEFAULT's pilot"; }
CALL_ID=$(python3 -c '
import json, sys
for line in open(sys.argv[1]):
    if line.startswith("<< "):
        m = json.loads(line[3:])
        if m.get("event") == "call_queued":
            print(m["call_id"]); break
' "$WORK/anna1.out")
[ -n "$CALL_ID" ] || fail "no call id in anna's call_queued: $(cat "$WORK/anna1.out")"
touch "$WORK/call_seen"
wait "$BOB_PID" || { cat "$WORK/bob1.out" >&2; fail "bob's console did not get its snapshot"; }
# No event and no snapshot of bob's mentions DEFAULT's call, pilot or contact (answers to his
# own commands may repeat what he sent).
not_seen_by_bob() {
  python3 - "$1" "$CALL_ID" "$PILOT" Olga <<'PY'
import json, sys
for line in open(sys.argv[1]):
    if not line.startswith("<< "):
        continue
    m = json.loads(line[3:])
    if m.get("type") == "event" or "snapshot" in m:
        for word in sys.argv[2:]:
            assert word not in line, "bob saw %s: %s" % (word, line)
PY
}
not_seen_by_bob "$WORK/bob1.out" || { cat "$WORK/bob1.out" >&2; fail "bob's console (Hotel) saw DEFAULT's call"; }

# Bob cannot take DEFAULT's pilot, nor act on its call; DEFAULT's contact is not his.
probe --cookie "portier_session=$BOB_ID" > "$WORK/bob2.out" <<STEPS
expect "snapshot":{
send {"type":"log_on","id":"b2","device":"$BOB_DEVICE","pilots":["$PILOT"]}
expect "id":"b2" && "ok":false
send {"type":"log_on","id":"b3","device":"$BOB_DEVICE","pilots":["$HOTEL_PILOT"],"available":true}
expect "id":"b3" && "ok":true
send {"type":"pick","id":"b4","call_id":"$CALL_ID"}
expect "id":"b4" && "ok":false
send {"type":"hang_up","id":"b5","call_id":"$CALL_ID"}
expect "id":"b5" && "ok":false
send {"type":"return_to_queue","id":"b6","call_id":"$CALL_ID"}
expect "id":"b6" && "ok":false
send {"type":"set_forwarding","id":"b8","contact_id":1,"kind":"unconditional","destination":"$BOB_DEVICE"}
expect "id":"b8" && "error":"not_found"
send {"type":"clear_forwarding","id":"b9","tenant":"DEFAULT","contact_id":1,"kind":"unconditional"}
expect "id":"b9" && "error":"forbidden"
send {"type":"snapshot","id":"b10"}
expect "id":"b10" && "snapshot":{
STEPS
not_seen_by_bob "$WORK/bob2.out" || { cat "$WORK/bob2.out" >&2; fail "bob's console (Hotel) saw DEFAULT's call or contact"; }

# 2. Forwarding of the office user through anna's console.
probe --cookie "portier_session=$ANNA_ID" > "$WORK/anna2.out" <<STEPS
expect "snapshot":{ && "$CALL_ID"
send {"type":"set_forwarding","id":"f0","contact_id":1,"kind":"sideways","destination":"$BOB_DEVICE"}
expect "id":"f0" && "error":"invalid" && kind
send {"type":"set_forwarding","id":"f1","contact_id":1,"kind":"unconditional","destination":"not a number"}
expect "id":"f1" && "error":"invalid" && destination
send {"type":"set_forwarding","id":"f2","contact_id":99,"kind":"unconditional","destination":"$BOB_DEVICE"}
expect "id":"f2" && "error":"not_found"
send {"type":"set_forwarding","id":"f3","contact_id":1,"kind":"unconditional","destination":"$BOB_DEVICE"}
expect "id":"f3" && "ok":true && "device":"$OFFICE"
send {"type":"set_forwarding","id":"f4","contact_id":1,"kind":"busy","destination":"$ANNA_DEVICE"}
expect "id":"f4" && "ok":true
STEPS
contact() { ask '{"type":"directory_contact","tenant":"DEFAULT","id":1}'; }
want='"forwarding":{"busy":"'$ANNA_DEVICE'","no_answer":"","unconditional":"'$BOB_DEVICE'"}'
for _ in $(seq 50); do contact | grep -qF "$want" && break; sleep 0.1; done
contact | grep -qF "$want" || fail "directory_contact does not show the forwarding set: $(contact)"
"$PORTIER" --socket "$SOCK" lamps --json > "$WORK/lamps.json" || fail "portier lamps failed"
python3 - "$WORK/lamps.json" "$OFFICE" "$BOB_DEVICE" "$ANNA_DEVICE" <<'PY' || fail "the device board does not show $OFFICE forwarded: $(cat "$WORK/lamps.json")"
import json, sys
lamps = [l for l in json.load(open(sys.argv[1]))["lamps"] if l["device"] == sys.argv[2]]
assert lamps and lamps[0].get("forwarding") == {"unconditional": sys.argv[3], "busy": sys.argv[4], "no_answer": ""}, lamps
PY

# Both are cleared.
probe --cookie "portier_session=$ANNA_ID" > "$WORK/anna3.out" <<STEPS
expect "snapshot":{
send {"type":"clear_forwarding","id":"f5","contact_id":1,"kind":"unconditional"}
expect "id":"f5" && "ok":true
send {"type":"clear_forwarding","id":"f6","contact_id":1,"kind":"busy"}
expect "id":"f6" && "ok":true
STEPS
want='"forwarding":{"busy":"","no_answer":"","unconditional":""}'
for _ in $(seq 50); do contact | grep -qF "$want" && break; sleep 0.1; done
contact | grep -qF "$want" || fail "directory_contact does not show the forwarding cleared: $(contact)"

# Every change is audited with who made it and whose phone it was.
grep -q "forwarding_set by anna of tenant DEFAULT: contact 1 (.*) device $OFFICE at pbx.osv: unconditional to $BOB_DEVICE" "$WORK/daemon.log" ||
  fail "the set is not audited"
grep -q "forwarding_cleared by anna of tenant DEFAULT: contact 1 (.*) device $OFFICE at pbx.osv: busy off" "$WORK/daemon.log" ||
  fail "the clear is not audited"
python3 - "$WORK/var/portier.db" <<'PY' || fail "the audit table lacks the forwarding rows"
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT tenant, user, action FROM audit_log WHERE action LIKE 'forwarding%' ORDER BY id").fetchall()
assert rows == [("DEFAULT", "anna", "forwarding_set")] * 2 + [("DEFAULT", "anna", "forwarding_cleared")] * 2, rows
PY

stop_daemon
echo "PASS: call $CALL_ID shown to DEFAULT only; forwarding of $OFFICE set, shown, cleared and audited"
