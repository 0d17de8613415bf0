#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One loopback case of trunk.sip's SIP core against SIPp.
#   run_sipp_case.sh PEER SCENARIO_DIR CASE udp|tcp CALLS
# CASE uac_call, uac_options, uac_cancel: SIPp calls the test UAS (peer uas) CALLS times.
# CASE uas_answer: SIPp answers one call of the test UAC (peer uac).
# Passes when SIPp exits 0 and its statistics count CALLS successful and no failed call.
set -u
peer=$1 scenarios=$2 case=$3 transport=$4 calls=$5
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT
[ "$transport" = tcp ] && sipp_t=t1 || sipp_t=u1

# A port free for both UDP and TCP on 127.0.0.1, reserved until this script ends, so no test
# running in parallel takes it (free_ports.py, docs/testing.md).
free_port() { python3 "$(dirname "$0")/../daemon/free_ports.py" --for $$ 1; }

check_stats() {  # successful and failed call counters of SIPp's statistics file
  local file
  file=$(ls "$work"/*_.csv 2>/dev/null | head -n1)
  [ -n "$file" ] || { echo "no SIPp statistics file"; return 1; }
  python3 - "$file" "$calls" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=';'))
head, last = rows[0], rows[-1]
ok = int(last[head.index('SuccessfulCall(C)')]); failed = int(last[head.index('FailedCall(C)')])
print(f"SIPp: {ok} successful, {failed} failed")
sys.exit(0 if ok == int(sys.argv[2]) and failed == 0 else 1)
PY
}

sipp_port=$(free_port)
cd "$work"
if [ "$case" = uas_answer ]; then
  sipp -sf "$scenarios/uas_answer.xml" -i 127.0.0.1 -p "$sipp_port" -t "$sipp_t" -m 1 -timeout 20s \
       -timeout_error -nostdin -trace_stat -stf "$work/uas_.csv" -fd 1 >"$work/sipp.out" 2>&1 &
  sipp_pid=$!; pids+=("$sipp_pid")
  sleep 0.5
  "$peer" uac "$transport" "$sipp_port"; peer_rc=$?
  wait "$sipp_pid"; sipp_rc=$?
  echo "peer exit $peer_rc, sipp exit $sipp_rc"
  [ "$sipp_rc" = 0 ] || cat "$work/sipp.out"
  [ "$peer_rc" = 0 ] && [ "$sipp_rc" = 0 ] && check_stats
  exit $?
fi

"$peer" uas "$transport" 30 >"$work/port" 2>"$work/peer.err" &
pids+=("$!")
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
uas_port=$(head -n1 "$work/port")
[ -n "$uas_port" ] || { echo "the test UAS did not start"; cat "$work/peer.err"; exit 1; }
sipp -sf "$scenarios/$case.xml" "127.0.0.1:$uas_port" -i 127.0.0.1 -p "$sipp_port" -t "$sipp_t" -m "$calls" \
     -r 10 -timeout 20s -timeout_error -nostdin -trace_stat -stf "$work/uac_.csv" -fd 1 >"$work/sipp.out" 2>&1
sipp_rc=$?
echo "sipp exit $sipp_rc"
[ "$sipp_rc" = 0 ] || { cat "$work/sipp.out"; cat "$work/peer.err"; }
[ "$sipp_rc" = 0 ] && check_stats
