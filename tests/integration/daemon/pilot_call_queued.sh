#!/usr/bin/env bash
# A call to a pilot number reaches the engine through portierd: trunk.sip (registered at
# pbx.sim's open registrar) offers SIPp's INVITE to the engine, which rings for the DDI entry's
# ring time, answers and plays music while the call waits in the pilot's queue; the caller
# hangs up and the engine logs the call as abandoned. All on 127.0.0.1, on free ports.
. "$(dirname "$0")/lib.sh"
command -v sipp >/dev/null || fail "sipp is not installed"
SCENARIOS=$SOURCE_DIR/tests/integration/trunk_sip/scenarios
PILOT="+498970071200"
RING_MS=2000
HOLD_MS=4000

# Ports reserved for the run (free_ports in lib.sh): pbx.sim CSTA and SIP, trunk.sip SIP, SIPp
# SIP, the RTP receiver, ranges of 20 RTP ports for trunk.sip and pbx.sim, and 4 for SIPp's
# media (it binds the port given and the one two above).
read -r CSTA SIM_SIP TRUNK_SIP SIPP_SIP RTP_RX TRUNK_RTP SIM_RTP SIPP_MEDIA < <(free_ports 5 20 20 4)
[ -n "$SIPP_MEDIA" ] || fail "no free ports"

# One second of a 440 Hz tone, 8 kHz mono 16-bit: trunk.sip's music on hold ("moh").
python3 - "$WORK/moh.wav" <<'PY'
import math, struct, sys, wave
with wave.open(sys.argv[1], "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000)
    w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / 8000))) for i in range(8000)))
PY

write_config() {  # write_config EXTRA_DDI_ENTRY
cat > "$WORK/portier.yaml" <<YAML
system:
  control_socket: $SOCK
store:
  path: $WORK/var/portier.db
ddi:
  - pilot_number: "$PILOT"
    default_ring_time_ms: $RING_MS
$1
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
        rtp: { start_port: $SIM_RTP, count: 20 }
    - id: trunk.sip
      file: portier-trunk-sip
      settings:
        mode: trunk
        register_id: portier-cps
        registrar: { host: 127.0.0.1, port: $SIM_SIP }
        listen: { address: 127.0.0.1, port: $TRUNK_SIP }
        rtp: { start_port: $TRUNK_RTP, count: 20 }
        channels: 4
        pilot_numbers: ["+498970071200..09"]
        media:
          - { id: moh, file: $WORK/moh.wav }
YAML
}
write_config ""
start_daemon "$WORK/portier.yaml"
wait_state trunk.sip running
wait_log "\[engine\] drives trunk 'trunk.sip'" 5 "the engine did not attach to trunk.sip"

# The caller's RTP lands here (SIPp binds its own media port, so the offer names this one).
python3 - "$RTP_RX" "$WORK/rtp.txt" $(( (RING_MS + HOLD_MS) / 1000 + 8 )) <<'PY' &
import socket, sys, time
port, out, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", port)); s.settimeout(0.2)
count, payload = 0, 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    try:
        data = s.recv(2048)
    except socket.timeout:
        continue
    if len(data) >= 12 and data[0] >> 6 == 2:
        count += 1
        payload += len(data) - 12
open(out, "w").write("%d %d\n" % (count, payload))
PY
HELPER_PIDS+=($!)
RECEIVER_PID=$!

# SIPp writes its files (the response-time CSV among them) into its working folder.
(cd "$WORK" && timeout 40 sipp -sf "$SCENARIOS/uac_pilot_call_rtp.xml" -s "$PILOT" "127.0.0.1:$TRUNK_SIP" \
   -i 127.0.0.1 -p "$SIPP_SIP" -mp "$SIPP_MEDIA" -m 1 -set rtp_ip 127.0.0.1 -set rtp_port "$RTP_RX" \
   -set hold_ms "$HOLD_MS" -trace_rtt -rtt_freq 1 -trace_err -timeout 30 -timeout_error -nostdin \
   >"$WORK/sipp.out" 2>&1) || { cat "$WORK/sipp.out" "$WORK"/*_errors.log 2>/dev/null >&2; fail "the SIPp caller's call failed"; }

# The 200 came after the ring time: SIPp's response-time repartition measures INVITE to 200.
rtt=$(tail -n 1 "$WORK"/uac_pilot_call_rtp_*_rtt.csv | cut -d';' -f2)
[ -n "$rtt" ] || fail "SIPp wrote no response time"
python3 -c 'import sys; t = float(sys.argv[1]); sys.exit(0 if t >= float(sys.argv[2]) else 1)' "$rtt" "$RING_MS" ||
  fail "the call was answered after $rtt ms, before the ring time of $RING_MS ms"
python3 -c 'import sys; t = float(sys.argv[1]); sys.exit(0 if t < float(sys.argv[2]) + 2000 else 1)' "$rtt" "$RING_MS" ||
  fail "the call was answered only after $rtt ms; the ring time is $RING_MS ms"

# The engine queued the call with its call id, and it ended abandoned when the caller hung up.
wait_log "\[engine\] in-[0-9]+: queued in queue \\$PILOT" 5 "portierd's log does not show the call queued"
call_id=$(grep -Eo "\[engine\] in-[0-9]+: queued in queue" "$WORK/daemon.log" | head -n 1 | grep -Eo "in-[0-9]+")
wait_log "\[engine\] $call_id: ended abandoned after [0-9]+ ms" 5 "portierd's log does not show $call_id ended as abandoned"
if grep -Eq "\[engine\] .*failed" "$WORK/daemon.log"; then
  fail "a trunk command of the engine failed"
fi

# Music reached the caller: about 50 packets a second while the call waited.
wait "$RECEIVER_PID" || fail "the RTP receiver failed"
read -r packets bytes < "$WORK/rtp.txt"
[ "$packets" -ge $(( HOLD_MS / 20 / 2 )) ] || fail "the caller got $packets RTP packets ($bytes bytes) in $HOLD_MS ms of waiting"
echo "answered after $rtt ms; $packets RTP packets of music; $call_id queued and abandoned"

# A reload that adds a DDI entry applies to the next call: the second pilot number, unknown
# before (404), now queues its caller too.
write_config '  - { pilot_number: "+498970071201", default_ring_time_ms: 500 }'
"$PORTIER" --socket "$SOCK" reload >/dev/null || fail "the reload adding a DDI entry failed"
wait_log "\[engine\] engine data reloaded \(2 DDI entries\)" 5 "the engine did not take the reloaded DDI entries"
(cd "$WORK" && timeout 30 sipp -sf "$SCENARIOS/uac_pilot_call.xml" -s "+498970071201" "127.0.0.1:$TRUNK_SIP" \
   -i 127.0.0.1 -p "$SIPP_SIP" -mp "$SIPP_MEDIA" -m 1 -set hold_ms 1000 -timeout 20 -timeout_error -nostdin \
   >"$WORK/sipp2.out" 2>&1) || { cat "$WORK/sipp2.out" >&2; fail "the call to the reloaded pilot number failed"; }
wait_log "\[engine\] in-[0-9]+: queued in queue \+498970071201" 5 "the call to the reloaded pilot number was not queued"
stop_daemon
echo "PASS"
