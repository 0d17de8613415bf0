# Shared by the engine's end-to-end tests (sourced after lib.sh): portierd with pbx.sim (the
# simulated OpenScape Voice with its SIP side and office phones), pbx.osv on its CSTA link and
# trunk.sip registered at it; SIPp callers; attendants act through `portier engine`.
#
# The office (pbx.sim) of every engine test:
#   +49897007100  anna's workplace: never answers by itself (for RNA)
#   +49897007101  bob's workplace: answers after 300 ms, stays until the caller leaves
#   +49897007102  carl's workplace: answers after 300 ms, hangs up 2 s after answering
#   +49897007201  office user: answers after 300 ms, hangs up 2 s after answering
#   +49897007208  office user: rings, never answers
#   +49897007209  office user: busy (486)
# Numbers of the provider service: pilot numbers +498970071200..09, personal lines ..10..29,
# request numbers ..40..59, callback numbers ..60..69.
command -v sipp >/dev/null || fail "sipp is not installed"
E2E_SCENARIOS=$SOURCE_DIR/tests/integration/daemon/scenarios
PILOT="+498970071200"
ANNA_DEVICE="+49897007100"
BOB_DEVICE="+49897007101"
CARL_DEVICE="+49897007102"
OFFICE_ANSWERS="+49897007201"
OFFICE_NO_ANSWER="+49897007208"
OFFICE_BUSY="+49897007209"

# Ports reserved for the run (free_ports in lib.sh): pbx.sim CSTA and SIP, trunk.sip SIP, two
# SIPp callers' SIP, an RTP receiver, ranges of 40 RTP ports for trunk.sip and pbx.sim, and 4
# for each SIPp caller's media (SIPp binds the port given and the one two above).
read -r CSTA SIM_SIP TRUNK_SIP SIPP_SIP SIPP2_SIP RTP_RX TRUNK_RTP SIM_RTP SIPP_MEDIA SIPP2_MEDIA \
  < <(free_ports 6 40 40 4 4)
[ -n "$SIPP2_MEDIA" ] || fail "no free ports"

# write_engine_config TENANT_EXTRA DDI_EXTRA TOP_EXTRA TRUNK_EXTRA: the configuration in
# $WORK/portier.yaml. TENANT_EXTRA: more keys of the DEFAULT tenant (4 spaces); DDI_EXTRA: more
# keys of the pilot's DDI entry (4 spaces); TOP_EXTRA: more top-level sections (variants ...);
# TRUNK_EXTRA: more trunk.sip settings (8 spaces).
write_engine_config() {
cat > "$WORK/portier.yaml" <<YAML
system:
  control_socket: $SOCK
store:
  path: $WORK/var/portier.db
tenants:
  - name: DEFAULT
    default_ring_time_ms: 500
    default_rna_timeout_ms: 2500
    max_transfer_time_ms: 3000
    max_parked: 2
$1
ddi:
  - pilot_number: "$PILOT"
    company: E2E test
$2
$3
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
            - { number: "$BOB_DEVICE", name: Bob Attendant, kind: attendant, answer_after_ms: 300 }
            - { number: "$CARL_DEVICE", name: Carl Attendant, kind: attendant, answer_after_ms: 300, hang_up_after_ms: 2000 }
            - { number: "$OFFICE_ANSWERS", name: Olga Office, answer_after_ms: 300, hang_up_after_ms: 2000 }
            - { number: "$OFFICE_NO_ANSWER", name: Nina Noanswer }
            - { number: "$OFFICE_BUSY", name: Bernd Busy, busy: true }
          outside_numbers: ["+4930901820"]
    - id: pbx.osv
      file: portier-pbx-osv
      settings:
        host: 127.0.0.1
        port: $CSTA
        monitor: ["$ANNA_DEVICE", "$BOB_DEVICE", "$CARL_DEVICE", "$OFFICE_ANSWERS", "$OFFICE_NO_ANSWER", "$OFFICE_BUSY"]
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
$4
YAML
}

# start_engine_daemon: portierd on $WORK/portier.yaml, trunk.sip registered and driven.
start_engine_daemon() {
  start_daemon "$WORK/portier.yaml"
  wait_state trunk.sip running
  wait_log "\[engine\] drives trunk 'trunk.sip'" 5 "the engine did not attach to trunk.sip"
}

# engine JSON: one engine command through `portier engine`; prints the answer, fails the test
# when the engine refuses it.
engine() {
  local answer
  answer=$("$PORTIER" --socket "$SOCK" engine "$1") || fail "engine command $1 was refused: $answer"
  echo "$answer"
}

# last_seq: the seq of the newest engine event (0 before the first), to wait for later ones.
last_seq() {
  "$PORTIER" --socket "$SOCK" engine --events 1 | python3 -c '
import json, sys
lines = [l for l in sys.stdin if l.strip()]
print(json.loads(lines[-1])["seq"] if lines else 0)'
}

# wait_event SECONDS WHAT CONDITION [AFTER_SEQ]: waits until an engine event `e` (a dict, from
# `portier engine --events`) with seq > AFTER_SEQ makes the Python expression CONDITION true;
# prints that event as JSON. Fails naming WHAT after SECONDS.
wait_event() {
  local found deadline=$(( $(date +%s%3N) + $1 * 1000 ))
  while [ "$(date +%s%3N)" -lt "$deadline" ]; do
    if found=$("$PORTIER" --socket "$SOCK" engine --events 1000 --after "${4:-0}" | python3 -c '
import json, sys
condition = sys.argv[1]
for line in sys.stdin:
    if not line.strip():
        continue
    e = json.loads(line)
    if eval(condition, {}, {"e": e}):
        print(json.dumps(e)); sys.exit(0)
sys.exit(1)' "$3"); then
      echo "$found"
      return 0
    fi
    sleep 0.2
  done
  echo "--- engine events:" >&2
  "$PORTIER" --socket "$SOCK" engine --events 1000 >&2 || true
  for out in "$WORK"/*.out; do [ -f "$out" ] && { echo "--- $out:" >&2; tail -n 30 "$out" >&2; }; done
  fail "$2 (no engine event with $3 within $1 s)"
}

# field JSON NAME: one member of a JSON object.
field() { python3 -c 'import json, sys; print(json.loads(sys.argv[1]).get(sys.argv[2], ""))' "$1" "$2"; }

# now_ms: wall time in milliseconds, for the bounds of engine timers.
now_ms() { date +%s%3N; }

# start_caller NAME NUMBER SIP_PORT MEDIA_PORT [RTP_PORT]: a SIPp caller in the background
# (uac_caller_waits.xml: stays until the far end hangs up, 20 s at most) whose offer asks for RTP
# on RTP_PORT (default: SIPp's media port); its pid in CALLER_PID, its output in $WORK/NAME.out.
start_caller() {
  local name=$1 number=$2 sip=$3 media=$4 rtp=${5:-$4}
  (cd "$WORK" && exec timeout 40 sipp -sf "$E2E_SCENARIOS/uac_caller_waits.xml" -s "$number" "127.0.0.1:$TRUNK_SIP" \
     -i 127.0.0.1 -p "$sip" -mp "$media" -m 1 -trace_err -timeout 35 -timeout_error -nostdin -set rtp_port "$rtp" \
     >"$WORK/$name.out" 2>&1) &
  CALLER_PID=$!
  HELPER_PIDS+=("$CALLER_PID")
}

# wait_caller PID NAME: the SIPp caller ended and its call succeeded (bounded by its timeout).
wait_caller() {
  wait "$1" || { cat "$WORK/$2.out" "$WORK"/*_errors.log 2>/dev/null >&2; fail "the SIPp caller '$2' failed"; }
}

# no_failed_commands: no trunk command of the engine failed during the test. A hangup of a call
# the trunk has ended already is left out: when one side of a relayed call hangs up, trunk.sip
# ends the other side itself, and the engine's hangup of it then finds no call (only logged).
no_failed_commands() {
  local failed
  failed=$(grep -E "\[engine\] .*failed: PORTIER_" "$WORK/daemon.log" | grep -Ev "hangup failed: PORTIER_ERR_NOT_FOUND" || true)
  [ -z "$failed" ] || { echo "$failed" >&2; fail "a trunk command of the engine failed"; }
}
