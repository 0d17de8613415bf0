#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# trunk.sip call-rate benchmarks (issue 4): (a) answer-only, (b) answer + music for 2 s,
# (d) overload at twice Portier's ceiling for 10 s. Each runs beside the reference peers of
# ../shared/bench-reference in the same run: SIPp -> SIPp ("direct", the generator's ceiling)
# and SIPp -> Kamailio with the dialog module -> SIPp ("Kd"). Those scripts are called from a
# scratch copy (they write results/ and run/ where they run), never copied into the project.
#
# usage: tests/bench/sip/sip_bench.sh [BUILD_DIR]      (default build/benchcps-rel)
# env:   RATES_A="500 1000 2000 3000 4000"  RATES_B="250 500 1000"  STEP_S=5  BENCHES="a b d"
#        BENCH_REFERENCE=<dir> (default <repo>/../shared/bench-reference)  KEEP=1 keeps the scratch dir
# Everything binds 127.0.0.1; ports 15060-15090, 16000-16300, 18870-18890 and the RTP range
# 20000.. (outside 5060-5080); every process is bounded by -m, -timeout and timeout(1).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
BUILD=${1:-$REPO/build/benchcps-rel}
BUILD=$(cd "$BUILD" && pwd) || exit 2  # absolute: the steps run in a scratch dir
HOSTBIN=$BUILD/bin/trunk_bench_host
PLUGIN=$BUILD/lib/portier/plugins/portier-trunk-sip.so
REF=${BENCH_REFERENCE:-$REPO/../shared/bench-reference}
RATES_A=${RATES_A:-"500 1000 2000 3000 4000"}
RATES_B=${RATES_B:-"250 500 1000"}
STEP_S=${STEP_S:-5}
BENCHES=${BENCHES:-"a b d"}
PILOT=+4989700710
TRUNK_PORT=15090
UACFLAGS="-default_behaviors all,-abortunexp"  # count a late 1xx instead of aborting on it

for f in "$HOSTBIN" "$PLUGIN"; do
  [ -e "$f" ] || { echo "missing $f: cmake --build $BUILD --target trunk_bench_host" >&2; exit 2; }
done
command -v sipp >/dev/null || { echo "sipp is not installed" >&2; exit 2; }
WORK=$(mktemp -d /tmp/portier-sip-bench.XXXXXX)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
PEERS=1
if [ -d "$REF" ] && [ -f "$REF/bench_cps.sh" ] && command -v kamailio >/dev/null; then
  cp -r "$REF/." "$WORK/" && chmod -R u+w "$WORK"
else
  echo "reference peers not found at $REF (or kamailio missing): Portier runs alone" >&2
  PEERS=0
  mkdir -p "$WORK"
fi
cd "$WORK" || exit 2
mkdir -p results
# A 4 s music file (8 kHz mono 16-bit) for (b).
python3 - "$WORK/moh.wav" <<'PY'
import math, struct, sys, wave
with wave.open(sys.argv[1], 'wb') as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000)
    w.writeframes(b''.join(struct.pack('<h', int(6000 * math.sin(2 * math.pi * 440 * i / 8000))) for i in range(32000)))
PY
ulimit -n 20000 2>/dev/null

# One Portier step: trunk_bench_host + a SIPp caller at RATE for DUR s, each call held HOLD ms.
# Results land in results/portier_<mode>_r<rate>_d<dur>_h<hold> in the reference's layout, so
# the reference's summarize.py reads them the same way.
portier_step() {
  local MODE=$1 SCEN=$2 RATE=$3 DUR=$4 HOLD=$5
  local N=$((RATE*DUR)) TAG=portier_${MODE}_r${RATE}_d${DUR}_h${HOLD}
  local OUT=results/$TAG GT=$((DUR + HOLD/1000 + 40))
  local HM=$MODE; [ "$MODE" = overload ] && HM=answer  # (d) is (a)'s engine at twice the rate
  rm -rf "$OUT"; mkdir -p "$OUT"
  timeout -k 5 $((GT+30)) "$HOSTBIN" --plugin "$PLUGIN" --port $TRUNK_PORT --mode "$HM" --wav "$WORK/moh.wav" \
      --seconds $((GT+20)) --channels 6000 --rtp-start 20000 --stop-file "$OUT/host.stop" \
      >"$OUT/host.json" 2>"$OUT/host.err" &
  local HOSTPID=$! i
  for i in $(seq 1 100); do grep -q ready "$OUT/host.err" 2>/dev/null && break; sleep 0.2; done
  if ! grep -q ready "$OUT/host.err"; then echo "trunk_bench_host did not start:" >&2; cat "$OUT/host.err" >&2; kill "$HOSTPID" 2>/dev/null; return 1; fi
  # run in $OUT: -trace_counts writes <scenario>_<pid>_counts.csv into the working directory
  (cd "$OUT" && exec timeout -k 5 $((GT+15)) sipp -sf "$SCEN" -s $PILOT 127.0.0.1:$TRUNK_PORT -i 127.0.0.1 -p 15082 \
      -mp 16200 -ci 127.0.0.1 -cp 18890 $UACFLAGS -r "$RATE" -rp 1000 -m "$N" -d "$HOLD" -recv_timeout 10000 \
      -timeout ${GT}s -nostdin -trace_stat -stf uac.csv -fd 1 -trace_err -error_file uac_errors.log \
      -trace_counts >uac.out 2>uac.err) &
  local UAC=$!
  python3 cpumon.py "$OUT/cpu.json" "$OUT/stop" $((DUR + HOLD/1000 + 1)) uac=$UAC portier=$HOSTPID >/dev/null &
  local MONP=$!
  wait $UAC; echo "uac_rc=$?" > "$OUT/rc"
  wait $MONP
  touch "$OUT/host.stop"; wait $HOSTPID
  mv "$OUT"/*_counts.csv "$OUT/counts.csv" 2>/dev/null
  python3 summarize.py "$OUT" "$RATE" "$N" >/dev/null
}

ref_step() {  # direct|kamdlg RATE DUR HOLD
  [ $PEERS = 1 ] || return 0
  UACFLAGS="$UACFLAGS" bash bench_cps.sh "$1" "$2" "$3" "$4" >/dev/null 2>&1
}

# One table per benchmark from the summaries of its steps.
report() {  # TITLE HOLD DUR RATES...
  python3 - "$@" <<'PY'
import json, os, re, sys, glob
title, hold, dur, rates = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), [int(r) for r in sys.argv[4:]]
mode = 'moh' if hold else 'answer'
def load(tag):
    p = os.path.join('results', tag, 'summary.json')
    return json.load(open(p)) if os.path.exists(p) else None
def cps(d): return d['ok'] / dur if d else None
def us_per_call(d, group):
    if not d or group not in d['cpu'] or d['ok'] == 0: return None
    return d['cpu'][group]['cpu_pct_of_one_core'] * d['cpu']['_system']['wall_s'] * 1e4 / d['ok']
def f(x, nd=0): return '-' if x is None else (f'{x:.{nd}f}')
print(f'\n### {title}\n')
print('| offered cps | direct done/s | direct fail % | Kd done/s | Kd fail % | Kd µs/call | Portier done/s | Portier fail % | Portier µs/call | Portier host cpu µs/call | done ratio P/Kd | CPU ratio P/Kd | late 1xx (P) |')
print('|---|---|---|---|---|---|---|---|---|---|---|---|---|')
ceil = {'direct': 0, 'kd': 0, 'portier': 0}
for r in rates:
    d = load(f'direct_r{r}_d{dur}_h{hold}'); k = load(f'kamdlg_r{r}_d{dur}_h{hold}'); p = load(f'portier_{mode}_r{r}_d{dur}_h{hold}')
    hostj = None
    hp = os.path.join('results', f'portier_{mode}_r{r}_d{dur}_h{hold}', 'host.json')
    if os.path.exists(hp) and open(hp).read().strip():
        hostj = json.loads(open(hp).read().strip().splitlines()[-1])
    for name, x in (('direct', d), ('kd', k), ('portier', p)):
        if x and x['fail_pct'] < 0.1: ceil[name] = max(ceil[name], r)
    kd_us, p_us = us_per_call(k, 'kam'), us_per_call(p, 'portier')
    host_us = hostj['cpu_s'] * 1e6 / p['ok'] if hostj and p and p['ok'] else None
    ratio = (cps(p) / cps(k)) if p and k and cps(k) else None
    cratio = (p_us / kd_us) if p_us and kd_us else None
    print(f"| {r} | {f(cps(d))} | {f(d and d['fail_pct'],3)} | {f(cps(k))} | {f(k and k['fail_pct'],3)} | {f(kd_us)} | "
          f"{f(cps(p))} | {f(p and p['fail_pct'],3)} | {f(p_us)} | {f(host_us)} | {f(ratio,2)} | {f(cratio,2)} | {f(p and p['late_provisional_ignored'])} |")
print(f"\nclean ceiling (fail < 0.1 %): direct {ceil['direct']}, Kd {ceil['kd']}, Portier {ceil['portier']} calls/s"
      + (f"; Portier/Kd = {ceil['portier']/ceil['kd']:.2f}" if ceil['kd'] else ''))
with open(f'ceiling_{mode}.txt', 'w') as out: out.write(str(ceil['portier']))
PY
}

overload_report() {  # RATE DUR
  python3 - "$@" <<'PY'
import csv, json, os, sys
rate, dur = int(sys.argv[1]), int(sys.argv[2])
base = f'results/portier_overload_r{rate}_d{dur}_h0'
s = json.load(open(os.path.join(base, 'summary.json'))) if os.path.exists(os.path.join(base, 'summary.json')) else None
rows = list(csv.reader(open(os.path.join(base, 'counts.csv')), delimiter=';')) if os.path.exists(os.path.join(base, 'counts.csv')) else []
counts = dict(zip(rows[0], rows[-1])) if len(rows) > 1 else {}
def col(pred):
    return [int(v) for k, v in counts.items() if pred(k) and v.strip().isdigit()]
r503 = col(lambda k: '503' in k and 'Recv' in k)
r200 = col(lambda k: '200' in k and 'Recv' in k)
unexp = col(lambda k: 'Unexp' in k)
errs = open(os.path.join(base, 'uac_errors.log'), errors='replace').read() if os.path.exists(os.path.join(base, 'uac_errors.log')) else ''
late1xx = sum(1 for line in errs.splitlines() if 'unexpected message' in line and "received 'SIP/2.0 1" in line)
k = json.load(open(f'results/kamdlg_r{rate}_d{dur}_h0/summary.json')) if os.path.exists(f'results/kamdlg_r{rate}_d{dur}_h0/summary.json') else None
d = json.load(open(f'results/direct_r{rate}_d{dur}_h0/summary.json')) if os.path.exists(f'results/direct_r{rate}_d{dur}_h0/summary.json') else None
print(f'\n### (d) overload: {rate} calls/s offered for {dur} s (twice Portier\'s clean ceiling in (a))\n')
print('| figure | value |'); print('|---|---|')
print(f'| calls offered | {rate*dur} |')
if s:
    print(f"| calls ended normally (admitted + refused) | {s['ok']} |")
    print(f"| failed or timed out | {s['failed']} (not completed {s['not_completed']}) |")
print(f"| admitted (200 to INVITE) | {r200[0] if r200 else '-'} |")
print(f"| admitted calls completed (200 to BYE) | {r200[1] if len(r200) > 1 else '-'} |")
print(f"| refused 503 with Retry-After (a 503 without it fails the call) | {r503[0] if r503 else 0} |")
print(f"| unexpected messages (SIPp) | {sum(unexp) if unexp else 0} |")
print(f"| provisional after a final (from SIPp's error log) | {late1xx} |")
if s: print(f"| retransmissions seen by SIPp | {s['retrans']} |")
if s and 'portier' in s['cpu']: print(f"| Portier CPU % of one core / peak RSS MB | {s['cpu']['portier']['cpu_pct_of_one_core']} / {s['cpu']['portier']['peak_rss_kb']//1024} |")
for name, x in (('direct (SIPp->SIPp)', d), ('Kd (SIPp->Kamailio+dialog->SIPp)', k)):
    if x: print(f"| {name} at the same rate: completed / failed % / late 1xx | {x['ok']} / {x['fail_pct']} / {x['late_provisional_ignored']} |")
PY
}

echo "# trunk.sip call-rate benchmarks ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
for b in $BENCHES; do
  case $b in
    a) for r in $RATES_A; do ref_step direct $r $STEP_S 0; ref_step kamdlg $r $STEP_S 0
         portier_step answer "$HERE/scenarios/uac_call.xml" $r $STEP_S 0; done
       report "(a) answer-only: answer, ACK, hang up (${STEP_S} s per step)" 0 $STEP_S $RATES_A ;;
    b) for r in $RATES_B; do ref_step direct $r $STEP_S 2000; ref_step kamdlg $r $STEP_S 2000
         portier_step moh "$HERE/scenarios/uac_call.xml" $r $STEP_S 2000; done
       report "(b) answer, music on loop for 2 s, hang up (${STEP_S} s per step)" 2000 $STEP_S $RATES_B ;;
    d) C=$(cat ceiling_answer.txt 2>/dev/null || echo 0)
       [ "$C" -gt 0 ] 2>/dev/null || C=$(echo $RATES_A | cut -d' ' -f1)
       R=$((2*C))
       ref_step direct $R 10 0; ref_step kamdlg $R 10 0
       portier_step overload "$HERE/scenarios/uac_overload.xml" $R 10 0
       overload_report $R 10 ;;
  esac
done
