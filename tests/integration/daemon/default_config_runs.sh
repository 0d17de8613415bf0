#!/usr/bin/env bash
# With the default configuration, every bundled plugin is listed and running: hello, the
# simulated OpenScape Voice pbx.sim and pbx.osv connected to it.
. "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/config"
# The default runs pbx.sim on port 1040; tests run in parallel, so the copy takes a free port.
PORT=$(free_port)
default_config_on_port "$PORT" > "$WORK/config/portier.yaml"
grep -q "port: $PORT" "$WORK/config/portier.yaml" || fail "the copy of the default configuration has no port $PORT"
# The default file keeps its socket and store beside itself (config/var/); so does the copy.
SOCK=$WORK/config/var/portierd.sock
start_daemon "$WORK/config/portier.yaml"
[ -f "$WORK/config/var/portier.db" ] || fail "the store was not created under var/ next to the config"

bundled=$(cd "$PLUGIN_DIR" && ls *.so | sed 's/\.so$//')
[ -n "$bundled" ] || fail "no bundled plugins in $PLUGIN_DIR"
# pbx.osv reports running once its CSTA session with pbx.sim stands.
for id in hello pbx.sim pbx.osv; do wait_state "$id" running; done
status_json > "$WORK/status.json"
python3 - "$WORK/status.json" $bundled <<'PY' || fail "status does not show every bundled plugin running"
import json, sys
doc = json.load(open(sys.argv[1]))
plugins = {p["file"].rsplit("/", 1)[-1][:-3]: p for p in doc["plugins"]}
missing = [f for f in sys.argv[2:] if f not in plugins]
if missing:
    sys.exit("bundled but not in the default configuration: %s" % missing)
bad = [(p["id"], p["state"], p["reason"]) for p in doc["plugins"] if p["state"] != "running"]
if bad:
    sys.exit("not running: %s" % bad)
print("running:", ", ".join(sorted(p["id"] for p in doc["plugins"])))
PY
"$PORTIER" --socket "$SOCK" status | grep -q '^hello ' || fail "the status table has no row for hello"
"$PORTIER" --socket "$SOCK" status | grep -q '^pbx.sim ' || fail "the status table has no row for pbx.sim"
stop_daemon
[ ! -e "$SOCK" ] || fail "the control socket was left behind after stop"
echo "PASS"
