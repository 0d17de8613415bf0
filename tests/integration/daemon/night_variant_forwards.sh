#!/usr/bin/env bash
# Issue 5 acceptance (e): a night variant forwards calls outside opening hours. The pilot's DDI
# entry is open all week but closed today and tomorrow (exceptions, as for holidays, so the test
# does not depend on the time it runs); its night variant forwards to an office user. A SIPp
# caller is answered, the engine places a leg to the office user's phone (pbx.sim), which answers,
# and connects the two: the call ends for the engine as handled by the variant, never queued,
# although an attendant is logged on and available.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/engine_lib.sh"
today=$(date +%F)
tomorrow=$(date -d tomorrow +%F)
week=""
for day in mon tue wed thu fri sat sun; do week="$week$day: [\"00:00-24:00\"], "; done
write_engine_config "" "    opening_hours:
      weekly: { ${week%, } }
      exceptions:
        - { date: $today, name: E2E holiday }
        - { date: $tomorrow, name: E2E holiday after }
    night_variant: night-forward" "variants:
  - { id: night-forward, mode: forwarding, destination: \"$OFFICE_ANSWERS\" }" ""
start_engine_daemon
engine "{\"type\":\"log_on\",\"attendant\":\"carl\",\"device\":\"$CARL_DEVICE\",\"pilots\":[\"$PILOT\"],\"available\":true}" >/dev/null

start_caller caller "$PILOT" "$SIPP_SIP" "$SIPP_MEDIA"
ended=$(wait_event 10 "the night variant did not take the call" "e['event'] == 'call_ended' and e['reason'] == 'variant'")
call_id=$(field "$ended" call_id)
[ "$(field "$ended" variant)" = "night-forward" ] || fail "the call ended by variant '$(field "$ended" variant)', not night-forward: $ended"
# The forwarding leg went to the office user's phone in pbx.sim, which answered it.
wait_log "\[pbx\.sim\] sip: the trunk calls \\$OFFICE_ANSWERS" 3 "pbx.sim saw no call to the forwarding destination"
wait_log "\[pbx\.sim\] sip: \\$OFFICE_ANSWERS answers" 3 "the forwarding destination did not answer"
if "$PORTIER" --socket "$SOCK" engine --events 1000 | grep -q "\"call_id\":\"$call_id\".*\"event\":\"call_\(queued\|offered\)\"\|\"event\":\"call_\(queued\|offered\)\".*\"call_id\":\"$call_id\""; then
  fail "the call was queued or offered although the service is closed"
fi
# The office user hangs up after 2 s; the relayed caller gets BYE.
wait_caller "$CALLER_PID" caller
no_failed_commands
stop_daemon
echo "PASS: $call_id forwarded by night-forward to $OFFICE_ANSWERS on $today (closed)"
