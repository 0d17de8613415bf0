#!/usr/bin/env bash
# `portier reload` and SIGHUP publish a new file in one step, or change nothing and say why.
. "$(dirname "$0")/lib.sh"
write_config() {  # write_config GREETING EXTRA_KEY
cat > "$WORK/portier.yaml" <<YAML
system:
  control_socket: $SOCK
store:
  path: $WORK/var/portier.db
plugins:
  search_path: [$PLUGIN_DIR, $PROBE_DIR]
  load:
    - id: hello
      file: portier-hello
      settings: { greeting: "$1", interval_ms: 60000 }
$2
YAML
}
write_config "first" ""
start_daemon "$WORK/portier.yaml"
wait_state hello running
since_before=$(plugin_field hello since)
status_json | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["plugins"], sort_keys=True))' > "$WORK/before.json"

# 1. A broken file: a misspelled key. Nothing changes; the answer lists the error with position.
write_config "second" "    - id: probe
      file: probe
      enabeld: true"
set +e
"$PORTIER" --socket "$SOCK" reload > "$WORK/reload1.txt" 2>&1
rc=$?
set -e
cat "$WORK/reload1.txt"
[ $rc -ne 0 ] || fail "reload of a broken file succeeded"
grep -qF "unknown key 'enabeld' (did you mean 'enabled'?)" "$WORK/reload1.txt" || fail "reload did not say why"
status_json | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["plugins"], sort_keys=True))' > "$WORK/after.json"
cmp -s "$WORK/before.json" "$WORK/after.json" || fail "a rejected reload changed the running plugins"

# 2. Settings the plugin rejects: also nothing.
write_config "" ""
set +e
"$PORTIER" --socket "$SOCK" reload > "$WORK/reload2.txt" 2>&1
rc=$?
set -e
cat "$WORK/reload2.txt"
[ $rc -ne 0 ] || fail "reload with an empty greeting succeeded"
grep -q "plugin 'hello'" "$WORK/reload2.txt" || fail "the plugin's rejection was not reported"
[ "$(plugin_field hello since)" = "$since_before" ] || fail "hello was touched by a rejected reload"

# 3. A good file: applied in one step; the new plugin starts, hello is reconfigured in place.
write_config "third" "    - id: probe
      file: probe"
"$PORTIER" --socket "$SOCK" reload > "$WORK/reload3.txt" || { cat "$WORK/reload3.txt"; fail "good reload failed"; }
cat "$WORK/reload3.txt"
wait_state probe running
grep -q "2 changes" "$WORK/reload3.txt" || fail "expected two changes (probe started, hello reconfigured)"
[ "$(plugin_field hello since)" = "$since_before" ] || fail "hello was restarted instead of reconfigured in place"

# 4. SIGHUP does the same: remove probe again.
write_config "fourth" ""
kill -HUP "$DAEMON_PID"
for _ in $(seq 100); do
  plugin_field probe state >/dev/null 2>&1 || break
  sleep 0.1
done
plugin_field probe state >/dev/null 2>&1 && fail "SIGHUP did not publish the file"
# Every publish, rejected or not, is in the store's audit table.
n=$(sqlite3 "$WORK/var/portier.db" "select count(*) from config_publish")
[ "$n" -ge 5 ] || fail "expected at least 5 publish records, found $n"
sqlite3 "$WORK/var/portier.db" "select outcome from config_publish order by id" | tr '\n' ' '; echo
stop_daemon
echo "PASS"
