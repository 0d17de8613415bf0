#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets (tests/fuzz/project) with clang and runs each one for a bounded
# time over its seed corpus. Exit 0: no finding; 1: a target crashed, hung, leaked or broke a
# promise (the input is kept under BUILD_DIR/artifacts/); 77: no clang/libFuzzer here (skipped).
#
#   run.sh BUILD_DIR [SECONDS_PER_TARGET] [TARGET...]
#
# Environment: CMAKE (default cmake), FUZZ_CC (clang-14), FUZZ_CXX (clang++-14),
# FUZZ_RUNS (30000): each target stops at FUZZ_RUNS inputs or SECONDS_PER_TARGET, whichever first.
# FUZZ_PHASE: all (default), build (build only) or run (run the targets already built);
# FUZZ_SMOKE=1 gives named targets their smoke-run time. CTest uses build once, then run for
# each target as its own test (tests/fuzz/CMakeLists.txt), so the runs spread over the slots.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:?usage: run.sh BUILD_DIR [SECONDS_PER_TARGET] [TARGET...]}
seconds=${2:-10}
shift $(($# < 2 ? $# : 2))
targets=("$@")
# The smoke run (no targets named) gives the newer, slower-per-input targets a few seconds each
# so CI's total stays small; naming a target gives it the full time.
smoke=${FUZZ_SMOKE:-0}
phase=${FUZZ_PHASE:-all}
[ ${#targets[@]} -gt 0 ] || { smoke=1; mapfile -t targets < <(grep -v '^#' "$here/targets.txt"); }
smoke_seconds() {
   case "$1" in
   sip_request | sdp | wav) echo $((seconds < 5 ? seconds : 5)) ;;
   # client.web's small parsers: 3 s each keeps their share of the smoke run under 20 s; the
   # presence plugins' JSON readers are as cheap per input.
   web_* | ucwa | presence_cloud | presence_push) echo $((seconds < 3 ? seconds : 3)) ;;
   *) echo "$seconds" ;;
   esac
}

cmake_bin=${CMAKE:-cmake}
cc=${FUZZ_CC:-clang-14}
cxx=${FUZZ_CXX:-clang++-14}
runs=${FUZZ_RUNS:-30000}

# Skip, not fail, where the toolchain cannot build a fuzzer at all.
probe_dir=$(mktemp -d)
trap 'rm -rf "$probe_dir"' EXIT
echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char *, unsigned long) { return 0; }' \
   >"$probe_dir/probe.cpp"
if ! command -v "$cxx" >/dev/null ||
   ! "$cxx" -fsanitize=fuzzer,address "$probe_dir/probe.cpp" -o "$probe_dir/probe" 2>/dev/null; then
   echo "fuzz: $cxx cannot link -fsanitize=fuzzer (needs clang-14 and libclang-rt-14-dev); skipped"
   exit 77
fi

start=$(date +%s)
mkdir -p "$build/logs"
if [ "$phase" != run ]; then
   generator=()
   command -v ninja >/dev/null && generator=(-G Ninja)
   "$cmake_bin" -S "$here/project" -B "$build" "${generator[@]}" \
      -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" >"$build/logs/configure.log" 2>&1 ||
      { cat "$build/logs/configure.log"; echo "fuzz: configure failed"; exit 1; }
   "$cmake_bin" --build "$build" >"$build/logs/build.log" 2>&1 ||
      { cat "$build/logs/build.log"; echo "fuzz: build failed"; exit 1; }
   echo "fuzz: built in $(($(date +%s) - start)) s"
   [ "$phase" = build ] && exit 0
fi

# Seeds made at test time: the shipped configuration and two small plugin-shaped ELF files.
extra_seeds() {
   case "$1" in
   config_text) cp "$root/config/portier.yaml" "$2/shipped_portier.yaml" ;;
   elf_checks) cp "$build/libportier_seed.so" "$build/libelf_seed_bad_plugin.so" "$2/" ;;
   sip_request)  # RFC 4475's messages and our broken ones, those within -max_len
      for f in "$root"/tests/fixtures/sip-torture/*.sip "$root"/tests/fixtures/sip-broken/*.sip; do
         [ "$(stat -c %s "$f")" -le 4096 ] && cp "$f" "$2/$(basename "$(dirname "$f")")_$(basename "$f")"
      done ;;
   esac
}
dictionary() {
   case "$1" in
   config_text) echo "-dict=$here/dict/config_text.dict" ;;
   sdk_json | control_request) echo "-dict=$here/dict/sdk_json.dict" ;;
   csta) echo "-dict=$here/dict/csta.dict" ;;
   web_console_frame | web_log_on | presence_cloud | presence_push) echo "-dict=$here/dict/sdk_json.dict" ;;
   esac
}

failed=()
for target in "${targets[@]}"; do
   fuzzer="$build/${target}_fuzzer"
   if [ ! -x "$fuzzer" ]; then
      echo "fuzz: no target $target"
      failed+=("$target")
      continue
   fi
   # New inputs go to a corpus kept in the build tree, so repeated runs build on each other and
   # the committed seeds stay as written. Known crashers run too: fixed, they guard the fix.
   corpus="$build/corpus/$target"
   seeds="$build/seeds/$target"
   artifacts="$build/artifacts/$target"
   mkdir -p "$corpus" "$seeds" "$artifacts"
   extra_seeds "$target" "$seeds"
   inputs=("$corpus" "$seeds")
   for dir in "$here/corpus/$target" "$here/crashers/$target"; do
      [ -d "$dir" ] && inputs+=("$dir")
   done
   log="$build/logs/$target.log"
   t0=$(date +%s)
   limit=$seconds
   [ $smoke -eq 1 ] && limit=$(smoke_seconds "$target")
   "$fuzzer" -runs="$runs" -max_total_time="$limit" -max_len=4096 -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" \
      $(dictionary "$target") "${inputs[@]}" >"$log" 2>&1
   rc=$?
   took=$(($(date +%s) - t0))
   if [ $rc -ne 0 ]; then
      echo "fuzz: $target FAILED after $took s (exit $rc); log $log"
      # The sanitizer's verdict, the first frames in our own code, and where the input went.
      grep -E 'ERROR: |runtime error|what\(\)|^SUMMARY' "$log" | head -4
      grep -E "#[0-9]+ .* in .* $root/(core|sdk)/" "$log" | head -3 | sed 's/^ */   /'
      grep -E 'Test unit written' "$log" | sed 's/.*Test unit written to/   input:/'
      failed+=("$target")
   else
      executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
      echo "fuzz: $target ok, ${executed:-?} inputs in $took s, corpus $(ls "$corpus" | wc -l) files"
   fi
done

echo "fuzz: total $(($(date +%s) - start)) s"
if [ ${#failed[@]} -gt 0 ]; then
   echo "fuzz: findings in: ${failed[*]}"
   exit 1
fi
exit 0
