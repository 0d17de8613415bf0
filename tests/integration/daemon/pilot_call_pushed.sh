#!/usr/bin/env bash
# Issue 5 acceptance (a): a call to a pilot number is queued with music and pushed to an
# available attendant. portierd runs pbx.sim (office phones), pbx.osv and trunk.sip; anna logs
# on unavailable through `portier engine`, a SIPp caller dials the pilot number and waits in the
# queue hearing music; when anna turns available the engine pushes the call to her workplace
# phone, which answers; she is connected (busy); her phone hangs up and the caller gets BYE.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/engine_lib.sh"
write_engine_config "" "" "" ""
start_engine_daemon
engine "{\"type\":\"log_on\",\"attendant\":\"carl\",\"device\":\"$CARL_DEVICE\",\"pilots\":[\"$PILOT\"],\"available\":false}" >/dev/null

# The caller's RTP lands here, to count the music while it waits.
python3 - "$RTP_RX" "$WORK/rtp.txt" 10 <<'PY' &
import socket, sys, time
port, out, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", port)); s.settimeout(0.2)
count, end = 0, time.monotonic() + seconds
while time.monotonic() < end:
    try:
        data = s.recv(2048)
    except socket.timeout:
        continue
    if len(data) >= 12 and data[0] >> 6 == 2:
        count += 1
open(out, "w").write("%d\n" % count)
PY
RECEIVER_PID=$!
HELPER_PIDS+=("$RECEIVER_PID")

start_caller caller "$PILOT" "$SIPP_SIP" "$SIPP_MEDIA" "$RTP_RX"
queued=$(wait_event 10 "the call was not queued" "e['event'] == 'call_queued' and e['queue'] == '$PILOT'")
call_id=$(field "$queued" call_id)
# Waiting: nobody is available, so the call stays queued while the music plays.
sleep 2
snapshot=$(engine '{"type":"snapshot"}')
python3 -c '
import json, sys
s = json.loads(sys.argv[1])["snapshot"]
calls = {c["call_id"]: c for c in s["calls"]}
assert calls[sys.argv[2]]["phase"] == "waiting", calls
assert [q["calls"] for q in s["queues"] if q["queue"] == sys.argv[3]] == [[sys.argv[2]]], s["queues"]
' "$snapshot" "$call_id" "$PILOT" || fail "the call is not waiting in the pilot's queue: $snapshot"

engine '{"type":"set_available","attendant":"carl","available":true}' >/dev/null
wait_event 5 "the call was not pushed to carl" "e['event'] == 'call_offered' and e['call_id'] == '$call_id' and e['attendant'] == 'carl'" >/dev/null
wait_event 5 "carl's phone answered but the call was not connected" "e['event'] == 'call_connected' and e['call_id'] == '$call_id' and e['attendant'] == 'carl'" >/dev/null
wait_event 2 "carl is not busy with the call" "e['event'] == 'attendant_changed' and e['attendant'] == 'carl' and e['state'] == 'busy'" >/dev/null
# carl's phone hangs up after 2 s: the engine ends the caller's side too, as answered.
wait_event 6 "the call did not end as answered" "e['event'] == 'call_ended' and e['call_id'] == '$call_id' and e['reason'] == 'answered' and e.get('attendant') == 'carl'" >/dev/null
wait_caller "$CALLER_PID" caller

wait "$RECEIVER_PID" || fail "the RTP receiver failed"
read -r packets < "$WORK/rtp.txt"
[ "$packets" -ge 50 ] || fail "the caller got only $packets RTP packets of music while it waited 2 s"
no_failed_commands
stop_daemon
echo "PASS: $call_id queued with $packets RTP packets of music, pushed to carl, connected, ended answered"
