# Shared by the daemon tests: start portierd on a temporary configuration, ask it through the
# CLI, and always clean up. Arguments of every test script:
#   PORTIERD PORTIER PLUGIN_DIR FAULT_DIR SOURCE_DIR PROBE_DIR
set -euo pipefail
PORTIERD=$1 PORTIER=$2 PLUGIN_DIR=$3 FAULT_DIR=$4 SOURCE_DIR=$5 PROBE_DIR=$6
WORK=$(mktemp -d /tmp/portier-daemon-test.XXXXXX)
SOCK=$WORK/portierd.sock
DAEMON_PID=
cleanup() {
  if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
    kill "$DAEMON_PID" 2>/dev/null || true
    wait "$DAEMON_PID" 2>/dev/null || true
  fi
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
  for _ in $(seq 100); do
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

# free_port: a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# default_config_on_port PORT: the default configuration with the simulator's CSTA port (1040,
# used by pbx.sim and pbx.osv) replaced by PORT, so tests running in parallel do not collide.
default_config_on_port() {
  sed "s/^\( *port: \)1040\$/\1$1/" "$SOURCE_DIR/config/portier.yaml"
}
