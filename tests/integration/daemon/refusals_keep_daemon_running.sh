#!/usr/bin/env bash
# Plugins built for ABI major 2, with a descriptor smaller than 1.0, or requiring an unknown host
# service are refused with a one-line reason naming the plugin; portierd keeps running.
. "$(dirname "$0")/lib.sh"
cat > "$WORK/portier.yaml" <<YAML
system:
  control_socket: $SOCK
store:
  path: $WORK/var/portier.db
plugins:
  search_path: [$FAULT_DIR, $PLUGIN_DIR]
  load:
    - id: future
      file: fault-abi-major-2
    - id: tiny
      file: fault-small-descriptor
    - id: needy
      file: fault-unknown-service
    - id: hello
      file: portier-hello
YAML
start_daemon "$WORK/portier.yaml"
wait_state hello running
for id in future tiny needy; do
  [ "$(plugin_field $id state)" = failed ] || fail "$id is not failed"
done
check_reason() {
  local reason; reason=$(plugin_field "$1" reason)
  case "$reason" in
    "plugin '$1': "*"$2"*) echo "$1: $reason" ;;
    *) fail "reason of $1 is '$reason', expected it to name the plugin and '$2'" ;;
  esac
}
check_reason future "ABI major 2"
check_reason tiny "smaller than the 1.0 descriptor"
check_reason needy "portier.host.nope/1"
"$PORTIER" --socket "$SOCK" status > "$WORK/table.txt"
grep -q "^future .*failed.*plugin 'future'" "$WORK/table.txt" || { cat "$WORK/table.txt"; fail "table lacks the refusal of future"; }
grep -q "refused\|plugin 'future'" "$WORK/daemon.log" || fail "the refusal was not logged"
kill -0 "$DAEMON_PID" || fail "portierd died"
stop_daemon
echo "PASS"
