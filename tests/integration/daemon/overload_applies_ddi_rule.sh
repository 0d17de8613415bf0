#!/usr/bin/env bash
# Issue 5 acceptance (f): overload applies the DDI rule. trunk.sip has 4 channels with ratio 1,
# so 1 processing channel ((4 - 2) * 1 / 2). A first SIPp caller waits in the pilot's queue
# (nobody is logged on) and holds it; a second caller then finds every processing channel in
# use and gets the overload rule (busy: 486); attendants get the channel alert "full"; the
# waiting caller is not touched.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/engine_lib.sh"
SCENARIOS=$SOURCE_DIR/tests/integration/trunk_sip/scenarios
write_engine_config "" "    overload: busy" "" "        channels: 4
        ratio: 1"
sed -i '/^        channels: 10$/d; /^        ratio: 3$/d' "$WORK/portier.yaml"
start_engine_daemon

start_caller caller "$PILOT" "$SIPP_SIP" "$SIPP_MEDIA"
queued=$(wait_event 10 "the first call was not queued" "e['event'] == 'call_queued' and e['queue'] == '$PILOT'")
first=$(field "$queued" call_id)

(cd "$WORK" && timeout 30 sipp -sf "$SCENARIOS/uac_overload.xml" -s "$PILOT" "127.0.0.1:$TRUNK_SIP" \
   -i 127.0.0.1 -p "$SIPP2_SIP" -mp "$SIPP2_MEDIA" -m 1 -set hold_ms 500 -trace_counts -timeout 20 -timeout_error -nostdin \
   >"$WORK/second.out" 2>&1) || { cat "$WORK/second.out" >&2; fail "the second caller's call failed"; }
# SIPp's per-message counts: the INVITE was answered 486, never 200.
counts=$(ls "$WORK"/uac_overload_*_counts.csv 2>/dev/null | head -n 1)
[ -n "$counts" ] || fail "SIPp wrote no message counts"
python3 - "$counts" <<'PY' || fail "the second caller was not refused with 486 Busy Here: $(cat "$counts")"
import csv, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=";"))
head, last = rows[0], rows[-1]
got = {h: v for h, v in zip(head, last)}
busy = [h for h in head if h.endswith("486_Recv")]
ok = [h for h in head if h.endswith("200_Recv")]
assert busy and int(got[busy[0]]) == 1, got
assert all(int(got[h]) == 0 for h in ok[:1]), got
PY
# trunk.sip applies the overload rule of its pilot number range (busy here, as the DDI entry's)
# before it offers the call, so the engine does not see the refused call; the attendants' alert
# comes from the engine's channel accounting. (With a trunk that offers every call, the engine's
# own DDI rule refuses it: tests/unit/engine_runtime/overload_test.cpp.)
wait_event 5 "the engine did not announce that every processing channel is in use" \
   "e['event'] == 'channel_alert' and e['level'] == 'full'" >/dev/null
snapshot=$(engine '{"type":"snapshot"}')
python3 -c '
import json, sys
s = json.loads(sys.argv[1])["snapshot"]
assert [c["call_id"] for c in s["calls"]] == [sys.argv[2]], s["calls"]
' "$snapshot" "$first" || fail "the waiting call is not held any more: $snapshot"
wait_caller "$CALLER_PID" caller
no_failed_commands
stop_daemon
echo "PASS: $first held its processing channel; the next call got the DDI overload rule (486)"
