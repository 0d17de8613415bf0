#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Bench (c) of issue 4 in one run on one machine: the reference paced RTP sender
# (shared/bench-reference/rtp/rtpsend, one socket and one socket per stream) and trunk.sip at
# 5,000 callers waiting with music, all measured by the same receivers (moh_bench --sink), then
# trunk.sip at 10,000 callers for the memory figure. Senders on CPU 0, receivers on CPU 1.
# 127.0.0.1 only; every process is bounded by `timeout`.
#   tests/bench/moh/moh_bench.sh [BUILD_DIR (build/benchmoh-rel)] [SECONDS (10)]
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-$root/build/benchmoh-rel}
secs=${2:-10}
[ "$secs" -ge 1 ] && [ "$secs" -le 60 ] || { echo "seconds: 1..60" >&2; exit 2; }
bin=$build/bin/moh_bench
ref=${PORTIER_BENCH_REFERENCE:-/work/shared/bench-reference}
streams=5000
[ -x "$bin" ] || { echo "no $bin: cmake --build $build --target moh_bench" >&2; exit 2; }
work=$(mktemp -d /tmp/moh-bench.XXXXXX)
cc -O2 -o "$work/rtpsend" "$ref/rtp/rtpsend.c" || exit 2
echo "moh_bench.sh: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $secs s windows, results in $work"

# The reference sender into our receivers: $1 = rtpsend's paced mode.
reference() {
  local how=$1 port
  for port in 31000 31100 31200 31300 31400; do
    taskset -c 1 timeout $((secs + 40)) "$bin" --sink "$port" --streams "$streams" --seconds "$secs" \
      > "$work/ref_$how.txt" 2>&1 &
    local sink=$!
    sleep 0.5
    kill -0 "$sink" 2>/dev/null || continue  # a port of the block is taken: the next block
    taskset -c 0 timeout $((secs + 30)) "$work/rtpsend" paced "$how" "$streams" $((secs + 3)) 64 "$port" 16 \
      > "$work/ref_$how.send.json" &
    local sender=$!
    python3 "$ref/cpumon.py" "$work/ref_$how.cpu.json" "$work/never" $((secs + 3)) sender=$sender > /dev/null
    wait "$sender"; wait "$sink"
    return 0
  done
  echo "no free port block for the reference sink" >&2
}

reference sendto
sleep 1
reference sendto-persock
sleep 1
timeout $((secs + 180)) "$bin" --calls "$streams" --seconds "$secs" --rate 500 > "$work/trunk_5000.txt" 2>&1
sleep 1
timeout 240 "$bin" --calls 10000 --seconds 3 --rate 500 > "$work/trunk_10000.txt" 2>&1

python3 - "$work" "$streams" <<'PY'
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
def moh(name):
    try:
        for line in open(f"{work}/{name}"):
            if line.startswith("MOH_JSON "): return json.loads(line[9:])
    except OSError: pass
    return {}
def load(name):
    try: return json.load(open(f"{work}/{name}"))
    except (OSError, ValueError): return {}
rows = []
for how, label in (("sendto", "reference paced, one socket"), ("sendto-persock", "reference paced, socket per stream")):
    r, c = moh(f"ref_{how}.txt"), load(f"ref_{how}.cpu.json")
    rows.append((label, n, r, c.get("sender", {}).get("cpu_pct_of_one_core"), c.get("_system", {}).get("not_mine_pct_of_one_core")))
t5, t10 = moh("trunk_5000.txt"), moh("trunk_10000.txt")
rows.append(("trunk.sip (plugin threads)", t5.get("confirmed", 0), t5, t5.get("plugin_cpu_pct"), None))
fmt = lambda v, f="{:.2f}": "-" if v is None else f.format(v)
print(f"\n| sender | streams | p99 late ms | p99.9 ms | max ms | lost | ts jumps | CPU % of a core | % per 1,000 streams | ratio trunk/this |")
print("|---|---|---|---|---|---|---|---|---|---|")
ours = t5.get("plugin_cpu_pct") * 1000 / t5["confirmed"] if t5.get("plugin_cpu_pct") and t5.get("confirmed") else None
for label, streams, r, cpu, _ in rows:
    per = cpu * 1000 / streams if cpu and streams else None
    ratio = ours / per if ours and per and label.startswith("reference") else None  # per stream
    print(f"| {label} | {streams} | {fmt(r.get('p99_ms'))} | {fmt(r.get('p999_ms'))} | {fmt(r.get('max_ms'))} | "
          f"{r.get('lost', '-')} | {r.get('ts_jumps', '-')} | {fmt(cpu, '{:.1f}')} | {fmt(per)} | {fmt(ratio)} |")
print(f"\ntrunk.sip 5,000: {t5.get('confirmed', 0)} of {t5.get('calls', 0)} calls up in {fmt(t5.get('setup_s'), '{:.1f}')} s, "
      f"{t5.get('failed', '-')} failed; memory {fmt(t5.get('kb_per_call'), '{:.1f}')} kB per waiting call")
if t10:
    print(f"trunk.sip 10,000: {t10.get('confirmed', 0)} of {t10.get('calls', 0)} calls up ({t10.get('channels')} channels), "
          f"{fmt(t10.get('kb_per_call'), '{:.1f}')} kB per waiting call, RSS {t10.get('rss_after_kb', 0) / 1024:.1f} MB in all "
          f"(before the calls {t10.get('rss_before_kb', 0) / 1024:.1f} MB; target: under 300 MB)")
print("targets: p99 lateness <= 2 ms, lost 0, trunk CPU per stream <= 1.5 x the reference's")
PY
