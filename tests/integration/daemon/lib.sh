# Shared by the daemon tests: start portierd on a temporary configuration, ask it through the
# CLI, and always clean up. Arguments of every test script:
#   PORTIERD PORTIER PLUGIN_DIR FAULT_DIR SOURCE_DIR PROBE_DIR
set -euo pipefail
PORTIERD=$1 PORTIER=$2 PLUGIN_DIR=$3 FAULT_DIR=$4 SOURCE_DIR=$5 PROBE_DIR=$6
WORK=$(mktemp -d /tmp/portier-daemon-test.XXXXXX)
SOCK=$WORK/portierd.sock
DAEMON_PID=
HELPER_PIDS=()  # peers a test starts (dnsmasq, a SIP responder): killed by pid at the end
cleanup() {
  if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
    kill "$DAEMON_PID" 2>/dev/null || true
    wait "$DAEMON_PID" 2>/dev/null || true
  fi
  for pid in "${HELPER_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; [ -f "$WORK/daemon.log" ] && { echo "--- portierd log:" >&2; cat "$WORK/daemon.log" >&2; }; exit 1; }

# start_daemon CONFIG: starts portierd in the background and waits (10 s at most) for its socket.
start_daemon() {
  "$PORTIERD" --config "$1" >"$WORK/daemon.log" 2>&1 &
  DAEMON_PID=$!
  for _ in $(seq 100); do
    if "$PORTIER" --socket "$SOCK" status --json >/dev/null 2>&1; then return 0; fi
    kill -0 "$DAEMON_PID" 2>/dev/null || fail "portierd exited at start"
    sleep 0.1
  done
  fail "portierd did not answer on $SOCK within 10 s"
}

status_json() { "$PORTIER" --socket "$SOCK" status --json; }

# plugin_field ID FIELD: one field of one plugin from `portier status --json`.
plugin_field() {
  status_json | python3 -c '
import json, sys
doc = json.load(sys.stdin)
for p in doc["plugins"]:
    if p["id"] == sys.argv[1]:
        print(p[sys.argv[2]]); break
else:
    sys.exit("no plugin " + sys.argv[1])' "$1" "$2"
}

# wait_state ID STATE: polls (10 s at most) until the plugin shows STATE.
wait_state() {
  # Ten seconds by the clock, not by a count of polls: on a loaded machine each poll is slow.
  local deadline=$(( $(date +%s%3N) + 10000 ))
  while [ "$(date +%s%3N)" -lt "$deadline" ]; do
    [ "$(plugin_field "$1" state 2>/dev/null)" = "$2" ] && return 0
    sleep 0.1
  done
  fail "plugin $1 never reached state $2 (now: $(plugin_field "$1" state 2>/dev/null))"
}

stop_daemon() {
  "$PORTIER" --socket "$SOCK" stop >/dev/null || fail "portier stop failed"
  for _ in $(seq 100); do
    kill -0 "$DAEMON_PID" 2>/dev/null || { wait "$DAEMON_PID"; DAEMON_PID=; return 0; }
    sleep 0.1
  done
  fail "portierd did not exit after portier stop"
}

# free_ports PORTS [RANGE ...]: PORTS ports on 127.0.0.1 free for TCP and UDP, then the even
# start of one free UDP range of RANGE ports per RANGE (free_ports.py). They stay reserved for
# this script's whole run, so no other test takes them (docs/testing.md); they lie below the
# kernel's ephemeral ports, so no socket bound to port 0 takes them either.
free_ports() {
  python3 "$SOURCE_DIR/tests/integration/daemon/free_ports.py" --for $$ "$@"
}

# free_port: one such port.
free_port() { free_ports 1; }

# default_config_on_port PORT: the default configuration with the simulator's CSTA port (1040,
# used by pbx.sim and pbx.osv) replaced by PORT, so tests running in parallel do not collide.
default_config_on_port() {
  sed "s/^\( *port: \)1040\$/\1$1/" "$SOURCE_DIR/config/portier.yaml"
}

# default_config_copy DIR: the default configuration in DIR/portier.yaml with every port it uses moved to a free one, so tests running in parallel do not
# collide: the simulator's CSTA port (1040, pbx.sim and pbx.osv), its SIP port (5090, also
# trunk.sip's registrar port), trunk.sip's SIP port (5092) and both RTP ranges (each moves to a
# reserved range of the same size).
# Sets CSTA_PORT, SIM_SIP_PORT, TRUNK_SIP_PORT and TRUNK_RTP_START; fails when a port of the
# default is left in the copy (a new setting the substitution does not know yet).
default_config_copy() {
  mkdir -p "$1"
  read -r CSTA_PORT SIM_SIP_PORT TRUNK_SIP_PORT TRUNK_RTP_START < <(DAEMON_TEST_DIR="$SOURCE_DIR/tests/integration/daemon" python3 - "$SOURCE_DIR/config/portier.yaml" "$1/portier.yaml" $$ <<'PY'
import os, re, sys
sys.path.insert(0, os.environ["DAEMON_TEST_DIR"])
sys.dont_write_bytecode = True
from free_ports import Finder, hold_for
source, target, owner = sys.argv[1], sys.argv[2], int(sys.argv[3])
finder = Finder()
text = open(source).read()
csta, sim_sip, trunk_sip = finder.port(), finder.port(), finder.port()
sim_rtp, trunk_rtp = finder.range(200), finder.range(200)
rules = [
    (r"^( *port: )1040$", r"\g<1>%d" % csta),
    (r"^( *sip_port: )5090$", r"\g<1>%d" % sim_sip),
    (r"^( *registrar: \{ host: 127\.0\.0\.1, port: )5090( \})$", r"\g<1>%d\g<2>" % sim_sip),
    (r"^( *listen: \{ address: 127\.0\.0\.1, port: )5092( \})$", r"\g<1>%d\g<2>" % trunk_sip),
    (r"^( *rtp: \{ start_port: )32000(, count: 200 \})$", r"\g<1>%d\g<2>" % sim_rtp),
    (r"^( *rtp: \{ start_port: )40000(, count: 200 \})$", r"\g<1>%d\g<2>" % trunk_rtp),
    (r'^( *listen: "127\.0\.0\.1:)8080(")$', r"\g<1>%d\g<2>" % finder.port()),
]
for pattern, replacement in rules:
    text, n = re.subn(pattern, replacement, text, flags=re.M)
    if n == 0:
        sys.exit("the default configuration has no line like %r any more" % pattern)
left = [p for p in ("1040", "5090", "5092", "32000", "40000", "8080") if re.search(r"\b%s\b" % p, text)]
if left:
    sys.exit("ports of the default left in the copy: %s" % left)
open(target, "w").write(text)
print(csta, sim_sip, trunk_sip, trunk_rtp, flush=True)
hold_for(owner)  # the ports stay reserved while the test runs
PY
  ) || fail "could not make a copy of the default configuration on free ports"
  [ -n "$TRUNK_RTP_START" ] || fail "could not make a copy of the default configuration on free ports"
}

# wait_log PATTERN SECONDS WHAT: waits until the daemon's log has a line matching the extended
# regular expression PATTERN; fails naming WHAT after SECONDS.
wait_log() {
  for _ in $(seq $(( $2 * 10 ))); do
    grep -Eq "$1" "$WORK/daemon.log" && return 0
    sleep 0.1
  done
  fail "$3 (no line matching '$1' in the log within $2 s)"
}
