#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The console benchmark: portierd with bench.pulse (the event source and clock, loaded first) and
# client.web on a free port; CONSOLES accounts log on with curl; console_bench opens one
# WebSocket console per session, starts the pulse and prints the delay figures. README.md.
#
#   tests/bench/console/console_bench.sh [BUILD_DIR] [SECONDS] [RATE] [CONSOLES]
#
# Defaults: build/default, 20 s, 200 events per second, 50 consoles.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
build=$(cd "${1:-$root/build/default}" && pwd)
seconds=${2:-20}
rate=${3:-200}
consoles=${4:-50}
portierd=$build/bin/portierd
bench=$build/bin/console_bench
for f in "$portierd" "$bench" "$build/tests/bench/console/plugins/portier-bench-pulse.so" \
         "$build/lib/portier/plugins/portier-client-web.so"; do
  [ -e "$f" ] || { echo "console_bench: $f is missing; build console_bench first" >&2; exit 1; }
done
command -v curl >/dev/null || { echo "console_bench: curl is not installed" >&2; exit 1; }

work=$(mktemp -d /tmp/portier-console-bench.XXXXXX)
daemon_pid=
cleanup() {
  if [ -n "$daemon_pid" ] && kill -0 "$daemon_pid" 2>/dev/null; then
    kill "$daemon_pid" 2>/dev/null || true
    wait "$daemon_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
# The daemon's log without the engine's line per pulse event.
fail() { echo "console_bench: $*" >&2; [ -f "$work/daemon.log" ] && grep -v 'attendant pulse-' "$work/daemon.log" | tail -n 30 >&2; exit 1; }

# The consoles need no front end: a page of our own, so the bench does not need the Vite build.
mkdir -p "$work/www"
echo '<!doctype html><title>console bench</title>' > "$work/www/index.html"
port=$(python3 "$root/tests/integration/daemon/free_ports.py" 1)
# A cheap test hash (argon2id, t=1, 8 MiB) of "secret-anna", as in the client.web tests; every console account has it.
hash='$argon2id$v=19$m=8192,t=1,p=1$Muvwe8jJD27BZlUpRFfYuA$0P2eAc7EDNLU5sRCc4Xt+8GD8qQu1DC1f8b0gWfqB74'
{
  cat <<YAML
system:
  control_socket: $work/portierd.sock
store:
  path: $work/portier.db
tenants:
  - name: DEFAULT
accounts:
YAML
  for i in $(seq -w 1 "$consoles"); do
    echo "  - { user: console$i, tenant: DEFAULT, role: attendant, password: { argon2id: \"$hash\" } }"
  done
  cat <<YAML
plugins:
  search_path: [$build/tests/bench/console/plugins, $build/lib/portier/plugins]
  load:
    - id: bench.pulse
      file: portier-bench-pulse
      settings: { attendants: 50, rate: $rate, seconds: $seconds, trigger: "$work/go", record: "$work/record.txt" }
    - id: client.web
      file: portier-client-web
      settings:
        listen: "127.0.0.1:$port"
        root: $work/www
        limits: { connections: $((consoles + 16)) }
YAML
} > "$work/portier.yaml"

"$portierd" --config "$work/portier.yaml" > "$work/daemon.log" 2>&1 &
daemon_pid=$!
for _ in $(seq 100); do
  grep -q "client.web: serving" "$work/daemon.log" && break
  kill -0 "$daemon_pid" 2>/dev/null || fail "portierd exited at start"
  sleep 0.1
done
grep -q "client.web: serving" "$work/daemon.log" || fail "client.web did not start within 10 s"

: > "$work/cookies"
for i in $(seq -w 1 "$consoles"); do
  code=$(curl -sS -c "$work/jar" -o "$work/logon.b" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "{\"tenant\":\"DEFAULT\",\"user\":\"console$i\",\"password\":\"secret-anna\"}" \
    "http://127.0.0.1:$port/api/session")
  [ "$code" = 200 ] || fail "console$i could not log on ($code): $(cat "$work/logon.b")"
  echo "portier_session=$(awk '$6 == "portier_session" { print $7 }' "$work/jar" | tail -n 1)" >> "$work/cookies"
  rm -f "$work/jar"
done

rc=0
"$bench" --port "$port" --cookies "$work/cookies" --trigger "$work/go" --record "$work/record.txt" \
  --pid "$daemon_pid" --seconds "$seconds" || rc=$?
kill "$daemon_pid" 2>/dev/null || true
wait "$daemon_pid" 2>/dev/null || true
daemon_pid=
[ $rc -eq 0 ] || fail "the run was not clean (exit $rc)"
