# Shared by the client.web daemon tests (sourced after ../daemon/lib.sh): portierd with only
# client.web on a free port; curl for HTTP; ws_probe (argument 7) for the console's WebSocket.
WS_PROBE=$7
command -v curl >/dev/null || fail "curl is not installed"
WEB_PORT=$(free_port)

# write_web_config SETTINGS: $WORK/portier.yaml with client.web's settings (6 spaces indented).
write_web_config() {
cat > "$WORK/portier.yaml" <<YAML
system:
  control_socket: $SOCK
store:
  path: $WORK/var/portier.db
tenants:
  - name: DEFAULT
plugins:
  search_path: [$PLUGIN_DIR]
  load:
    - id: client.web
      file: portier-client-web
      settings:
        listen: "127.0.0.1:$WEB_PORT"
$1
YAML
}

# start_web_daemon: portierd on $WORK/portier.yaml, client.web running.
start_web_daemon() {
  start_daemon "$WORK/portier.yaml"
  wait_state client.web running
  wait_log "client.web: serving .* on https?://127\.0\.0\.1:$WEB_PORT" 5 "client.web did not say where it serves"
}

# header NAME FILE: the value of response header NAME in the dump FILE (curl -D), CR removed.
header() {
  grep -i "^$1:" "$2" | head -n 1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'
}

# status_of FILE: the status code of the response dumped in FILE.
status_of() {
  head -n 1 "$1" | cut -d' ' -f2
}

# probe SCRIPT [--tls]: runs ws_probe with the steps in SCRIPT (a here-document on stdin);
# prints what it received; fails the test naming the step that did not pass.
probe() {
  cat > "$WORK/probe.txt"
  "$WS_PROBE" "$@" "$WEB_PORT" "$WORK/probe.txt" > "$WORK/probe.out" 2>&1 || {
    cat "$WORK/probe.out" >&2
    fail "the WebSocket console did not see what it expected"
  }
  cat "$WORK/probe.out"
}
