#!/usr/bin/env bash
# Issue 5 acceptance (f): overload applies the DDI rule, and only the DDI entry's rule. Two DDI
# entries: the pilot (overload: busy) and a second pilot (overload: forwarding to an office
# number). trunk.sip has 4 channels with ratio 1, so 1 processing channel ((4 - 2) * 1 / 2), and
# reports that split to the engine (CHANNEL_SPLIT). A first SIPp caller waits in the pilot's
# queue (nobody is logged on) and holds it. trunk.sip has no overload rule of its own: it still
# offers the next calls, and the engine decides: the call to the forwarding entry gets 302 whose
# Contact is the entry's destination at the provider, the call to the busy entry 486. The
# waiting caller is not touched.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/engine_lib.sh"
SCENARIOS=$SOURCE_DIR/tests/integration/trunk_sip/scenarios
FORWARD_PILOT="+498970071201"
OVERFLOW=$OFFICE_ANSWERS
write_engine_config "" "    overload: busy
  - pilot_number: \"$FORWARD_PILOT\"
    company: E2E overflow
    overload: forwarding
    overload_destination: \"$OVERFLOW\"" "" "        channels: 4
        ratio: 1"
sed -i '/^        channels: 10$/d; /^        ratio: 3$/d' "$WORK/portier.yaml"
start_engine_daemon

start_caller caller "$PILOT" "$SIPP_SIP" "$SIPP_MEDIA"
queued=$(wait_event 10 "the first call was not queued" "e['event'] == 'call_queued' and e['queue'] == '$PILOT'")
first=$(field "$queued" call_id)

# overload_call NAME NUMBER: one SIPp call (uac_overload.xml) to NUMBER, its messages traced in
# $WORK/NAME; sets FINAL to the final status SIPp received (486, 302 or 200).
overload_call() {
  local name=$1 number=$2 counts
  mkdir -p "$WORK/$name"
  (cd "$WORK/$name" && timeout 20 sipp -sf "$SCENARIOS/uac_overload.xml" -s "$number" "127.0.0.1:$TRUNK_SIP" \
     -i 127.0.0.1 -p "$SIPP2_SIP" -mp "$SIPP2_MEDIA" -m 1 -set hold_ms 200 -trace_counts -trace_msg \
     -timeout 15 -timeout_error -nostdin >"$WORK/$name.out" 2>&1) || { cat "$WORK/$name.out" >&2; fail "the $name call failed"; }
  counts=$(ls "$WORK/$name"/uac_overload_*_counts.csv 2>/dev/null | head -n 1)
  [ -n "$counts" ] || fail "SIPp wrote no message counts for the $name call"
  FINAL=$(python3 - "$counts" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=";"))
got = {h: v for h, v in zip(rows[0], rows[-1])}
finals = [code for code in ("486", "302", "200") for h in rows[0] if h.endswith(code + "_Recv") and int(got[h]) > 0]
assert len(finals) == 1, got
print(finals[0])
PY
) || fail "the $name call got no single final response: $(cat "$counts")"
}

overload_call forwarded "$FORWARD_PILOT"
[ "$FINAL" = 302 ] || fail "the call to the forwarding entry got $FINAL, not 302 Moved Temporarily"
grep -q "Contact: <sip:$OVERFLOW@127.0.0.1:$SIM_SIP>" "$WORK"/forwarded/uac_overload_*_messages.log \
  || fail "the 302 does not name $OVERFLOW at the provider: $(grep -A12 'SIP/2.0 302' "$WORK"/forwarded/uac_overload_*_messages.log)"

overload_call busy "$PILOT"
[ "$FINAL" = 486 ] || fail "the call to the busy entry got $FINAL, not 486 Busy Here"

# The first caller still waits (checked first: it stays 20 s at most).
snapshot=$(engine '{"type":"snapshot"}')
python3 -c '
import json, sys
s = json.loads(sys.argv[1])["snapshot"]
assert [c["call_id"] for c in s["calls"]] == [sys.argv[2]], s["calls"]
' "$snapshot" "$first" || fail "the waiting call is not held any more: $snapshot"

# The decisions are the engine's: its notes name the rule, its call_ended counts both calls as
# refused for overload, and trunk.sip offered both calls instead of refusing them itself. The
# engine decided before trunk.sip answered, so its events are all there by now.
events=$("$PORTIER" --socket "$SOCK" engine --events 1000) || fail "portier engine --events failed"
echo "$events" | python3 -c '
import json, sys
overflow = sys.argv[1]
events = [json.loads(line) for line in sys.stdin if line.strip()]
notes = {e.get("call_id"): e["text"] for e in events if e["event"] == "note" and e["text"].startswith("overload:")}
forwarded = [i for i, t in notes.items() if t.endswith("forwarding to " + overflow + " (302)")]
busy = [i for i, t in notes.items() if t.endswith("; busy (486)")]
assert len(forwarded) == 1 and len(busy) == 1, notes
for call in forwarded + busy:
    assert any(e["event"] == "call_ended" and e["call_id"] == call and e["reason"] == "rejected" and e.get("overload")
               for e in events), call
assert any(e["event"] == "channel_alert" and e["level"] == "full" and e["processing"] == 1 for e in events)
' "$OVERFLOW" || fail "the engine events do not show its overload decisions: $events"
[ "$(grep -c "goes to the engine for its DDI entry's overload rule" "$WORK/daemon.log")" = 2 ] \
  || fail "trunk.sip did not hand both calls over the processing share to the engine"
! grep -q "no free channel" "$WORK/daemon.log" || fail "trunk.sip refused a call itself"

# The waiting caller has done its part (it would stay 20 s): it goes, without a BYE.
kill "$CALLER_PID" 2>/dev/null || true
wait "$CALLER_PID" 2>/dev/null || true
no_failed_commands
stop_daemon
echo "PASS: $first held the processing channel; the engine redirected the forwarding entry's call (302 to $OVERFLOW) and refused the busy entry's (486)"
