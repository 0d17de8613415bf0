#!/usr/bin/env bash
# Issue 5 acceptance (c) and (d): a supervised transfer to an office user who does not take the
# call returns it to the processing queue after the max transfer time, and the same call is
# paged and picked up by dialling the callback number. bob (pbx.sim workplace phone that
# answers) is connected to a SIPp caller; he transfers the call to an office phone that rings
# without answering: after the max transfer time (3 s) the target is no longer called and the
# call waits as transfer_failed; a transfer to a busy office user (486) fails at once. Then bob
# pages the call: it takes a callback number, and a second SIPp caller dialling that number gets
# the call (ended for the engine as transferred to the callback number).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/engine_lib.sh"
MAX_TRANSFER_MS=3000
SCENARIOS=$SOURCE_DIR/tests/integration/trunk_sip/scenarios
write_engine_config "" "    max_transfer_time_ms: $MAX_TRANSFER_MS" "" ""
start_engine_daemon
engine "{\"type\":\"log_on\",\"attendant\":\"bob\",\"device\":\"$BOB_DEVICE\",\"pilots\":[\"$PILOT\"],\"available\":true}" >/dev/null

start_caller caller "$PILOT" "$SIPP_SIP" "$SIPP_MEDIA"
connected=$(wait_event 10 "the call was not connected to bob" "e['event'] == 'call_connected' and e['attendant'] == 'bob'")
call_id=$(field "$connected" call_id)

# (c) A supervised transfer to a phone that rings without answering.
seq=$(last_seq)
engine "{\"type\":\"transfer\",\"attendant\":\"bob\",\"call_id\":\"$call_id\",\"target\":\"$OFFICE_NO_ANSWER\"}" >/dev/null
asked_at=$(now_ms)
wait_event 3 "the call did not enter the processing queue as transferring" "e['event'] == 'call_processing' and e['call_id'] == '$call_id' and e['state'] == 'transferring' and e.get('target') == '$OFFICE_NO_ANSWER'" "$seq" >/dev/null
wait_event 3 "bob was not freed by the transfer" "e['event'] == 'attendant_changed' and e['attendant'] == 'bob' and e['state'] == 'available'" "$seq" >/dev/null
wait_event 8 "the unanswered transfer did not come back" "e['event'] == 'call_processing' and e['call_id'] == '$call_id' and e['state'] == 'transfer_failed'" "$seq" >/dev/null
failed_at=$(now_ms)
elapsed=$(( failed_at - asked_at ))
[ "$elapsed" -ge "$MAX_TRANSFER_MS" ] || fail "the transfer failed after $elapsed ms, before the max transfer time of $MAX_TRANSFER_MS ms"
[ "$elapsed" -lt $(( MAX_TRANSFER_MS + 3000 )) ] || fail "the transfer came back only after $elapsed ms (max transfer time $MAX_TRANSFER_MS ms)"
snapshot=$(engine '{"type":"snapshot"}')
python3 -c '
import json, sys
s = json.loads(sys.argv[1])["snapshot"]
assert [(p["call_id"], p["state"]) for p in s["processing"]] == [(sys.argv[2], "transfer_failed")], s["processing"]
' "$snapshot" "$call_id" || fail "the call is not waiting as transfer_failed in the processing queue: $snapshot"

# A transfer to a busy office user fails at once (486), the call still waits for a decision.
seq=$(last_seq)
engine "{\"type\":\"transfer\",\"attendant\":\"bob\",\"call_id\":\"$call_id\",\"target\":\"$OFFICE_BUSY\"}" >/dev/null
asked_at=$(now_ms)
wait_event 3 "the transfer to the busy user did not fail" "e['event'] == 'call_processing' and e['call_id'] == '$call_id' and e['state'] == 'transfer_failed' and e.get('target') == '$OFFICE_BUSY'" "$seq" >/dev/null
elapsed=$(( $(now_ms) - asked_at ))
[ "$elapsed" -lt "$MAX_TRANSFER_MS" ] || fail "the transfer to the busy user failed only after $elapsed ms"

# (d) The same call is paged; dialling its callback number picks it up.
seq=$(last_seq)
engine "{\"type\":\"page\",\"attendant\":\"bob\",\"call_id\":\"$call_id\"}" >/dev/null
paged=$(wait_event 3 "the call was not paged" "e['event'] == 'call_processing' and e['call_id'] == '$call_id' and e['state'] == 'paged'" "$seq")
callback=$(field "$paged" callback_number)
case "$callback" in +4989700712[6][0-9]) ;; *) fail "the paged call got '$callback', not a callback number of the tenant" ;; esac
(cd "$WORK" && timeout 30 sipp -sf "$SCENARIOS/uac_pilot_call.xml" -s "$callback" "127.0.0.1:$TRUNK_SIP" \
   -i 127.0.0.1 -p "$SIPP2_SIP" -mp "$SIPP2_MEDIA" -m 1 -set hold_ms 1500 -timeout 20 -timeout_error -nostdin \
   >"$WORK/pickup.out" 2>&1) || { cat "$WORK/pickup.out" >&2; fail "the call to the callback number $callback failed"; }
wait_event 3 "the paged call was not picked up at its callback number" "e['event'] == 'call_ended' and e['call_id'] == '$call_id' and e['reason'] == 'transferred' and e.get('target') == '$callback'" "$seq" >/dev/null
wait_caller "$CALLER_PID" caller
snapshot=$(engine '{"type":"snapshot"}')
python3 -c '
import json, sys
s = json.loads(sys.argv[1])["snapshot"]
assert s["processing"] == [] and s["calls"] == [], s
' "$snapshot" || fail "the engine still holds calls after the pickup: $snapshot"
no_failed_commands
stop_daemon
echo "PASS: $call_id transfer_failed after the max transfer time and at once when busy; paged on $callback and picked up"
