# Shared by the client.web daemon tests (sourced after ../daemon/lib.sh): portierd with only
# client.web on a free port; curl for HTTP; ws_probe (argument 7) for the console's WebSocket.
WS_PROBE=$7
command -v curl >/dev/null || fail "curl is not installed"
WEB_PORT=$(free_port)

# Test hashes (libsodium crypto_pwhash_str with opslimit 1, memlimit 8 MiB: cheap, tests only).
ANNA_HASH='$argon2id$v=19$m=8192,t=1,p=1$Muvwe8jJD27BZlUpRFfYuA$0P2eAc7EDNLU5sRCc4Xt+8GD8qQu1DC1f8b0gWfqB74'  # secret-anna
BOB_HASH='$argon2id$v=19$m=8192,t=1,p=1$iGsGCaaYum9kRJPmOCzbpQ$EaCSUTQCG53cHcBdfJvUUbrhY55T2DOpGmmnr90qioM'   # secret-bob

# write_web_config SETTINGS: $WORK/portier.yaml with client.web's settings (6 spaces indented).
# Two tenants with an attendant account each: DEFAULT\anna and Hotel\bob.
write_web_config() {
cat > "$WORK/portier.yaml" <<YAML
system:
  control_socket: $SOCK
store:
  path: $WORK/var/portier.db
tenants:
  - name: DEFAULT
  - name: Hotel
accounts:
  - { user: anna, tenant: DEFAULT, role: attendant, password: { argon2id: "$ANNA_HASH" } }
  - { user: bob, tenant: Hotel, role: attendant, password: { argon2id: "$BOB_HASH" } }
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

# log_on NAME TENANT USER PASSWORD [CURL ARGS...]: POST /api/session with curl; the cookie jar
# $WORK/NAME.jar, headers $WORK/NAME.h, body $WORK/NAME.b; prints the status code.
log_on() {
  local name=$1 tenant=$2 user=$3 password=$4
  shift 4
  curl -sS -c "$WORK/$name.jar" -D "$WORK/$name.h" -o "$WORK/$name.b" -w '%{http_code}' \
    -H 'Content-Type: application/json' \
    --data-binary "{\"tenant\":\"$tenant\",\"user\":\"$user\",\"password\":\"$password\"}" \
    "$@" "${WEB_URL:-http://127.0.0.1:$WEB_PORT}/api/session"
}

# session_of NAME: the session cookie's value in $WORK/NAME.jar (curl marks HttpOnly ones).
session_of() {
  awk '$6 == "portier_session" { print $7 }' "$WORK/$1.jar" | tail -n 1
}

# csrf_of NAME: the CSRF token of the log-on answer in $WORK/NAME.b.
csrf_of() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["csrf"])' "$WORK/$1.b"
}

# probe [OPTIONS] <<STEPS: runs ws_probe with the steps in SCRIPT (a here-document on stdin);
# prints what it received; fails the test naming the step that did not pass.
probe() {
  cat > "$WORK/probe.txt"
  "$WS_PROBE" "$@" "$WEB_PORT" "$WORK/probe.txt" > "$WORK/probe.out" 2>&1 || {
    cat "$WORK/probe.out" >&2
    fail "the WebSocket console did not see what it expected"
  }
  cat "$WORK/probe.out"
}

# ws_refused STATUS [CURL ARGS...]: a WebSocket upgrade of /ws (curl with the upgrade headers and
# the given ones, e.g. -b JAR, -H "Origin: ...") must be refused with HTTP STATUS before upgrading.
ws_refused() {
  local want=$1
  shift
  local code
  code=$(curl -sS -o "$WORK/ws_refused.b" -w '%{http_code}' -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
    -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' "$@" \
    "http://127.0.0.1:$WEB_PORT/ws")
  [ "$code" = "$want" ] || fail "the WebSocket upgrade answered $code, expected $want: $(cat "$WORK/ws_refused.b")"
}
