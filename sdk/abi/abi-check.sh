#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The abidiff lock: compares the ABI described by a header tree with the committed baseline.
#
#   abi-check.sh [--baseline FILE] [--suppressions FILE] <include-dir>   compare; exit 0 = compatible
#   abi-check.sh --dump OUT.abi <include-dir>                             write the ABI of <include-dir>
#
# The headers are compiled into a throwaway .so (the kernel's check-uapi.sh technique) with one
# exported anchor function per public struct and enum (see abi_probe.py), then read with abidw.
# Exit status: 0 compatible; 1 an ABI change the suppressions do not allow; 2 a tool or usage
# error. The abidiff report and its exit code are printed either way.
set -u

here=$(cd "$(dirname "$0")" && pwd)
baseline="$here/portier-v1.abi"
suppressions="$here/portier.abignore"
dump=""
cc=${CC:-cc}
abidw=${ABIDW:-abidw}
abidiff=${ABIDIFF:-abidiff}
python=${PYTHON:-python3}

usage() {
   echo "usage: abi-check.sh [--baseline FILE] [--suppressions FILE] [--dump OUT.abi] <include-dir>" >&2
   exit 2
}

while [ $# -gt 0 ]; do
   case "$1" in
   --baseline) [ $# -ge 2 ] || usage; baseline=$2; shift 2 ;;
   --suppressions) [ $# -ge 2 ] || usage; suppressions=$2; shift 2 ;;
   --dump) [ $# -ge 2 ] || usage; dump=$2; shift 2 ;;
   -*) usage ;;
   *) break ;;
   esac
done
[ $# -eq 1 ] || usage
include_dir=$1

work=$(mktemp -d "${TMPDIR:-/tmp}/portier-abi.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

"$python" "$here/abi_probe.py" "$include_dir" "$work/probe" || exit 2

# -O0 and -fno-eliminate-unused-debug-types keep every type in the DWARF; -std=c11 is the
# oldest standard the layout lock also uses.
if ! "$cc" -std=c11 -shared -fPIC -g -O0 -fno-eliminate-unused-debug-types \
      -I"$work/probe/include" "$work/probe/abi_anchor.c" -o "$work/portier-abi.so"; then
   echo "abi-check: the headers in $include_dir do not compile" >&2
   exit 1
fi

# Fixed options so that a dump differs only where the ABI does: no paths, no architecture (the
# baseline serves x86-64 and AArch64 alike), hashed type ids (stable when a type is added).
current="$work/current.abi"
[ -n "$dump" ] && current=$dump
if ! "$abidw" --headers-dir "$work/probe/include" --drop-private-types --no-corpus-path \
      --no-comp-dir-path --short-locs --no-architecture --no-elf-needed --type-id-style hash \
      --out-file "$current" "$work/portier-abi.so"; then
   echo "abi-check: abidw failed" >&2
   exit 2
fi
[ -n "$dump" ] && exit 0

[ -f "$baseline" ] || { echo "abi-check: no baseline $baseline" >&2; exit 2; }
[ -f "$suppressions" ] || { echo "abi-check: no suppression file $suppressions" >&2; exit 2; }
strict_suppressions="$(dirname "$suppressions")/portier-strict.abignore"
[ -f "$strict_suppressions" ] || { echo "abi-check: no $strict_suppressions" >&2; exit 2; }

# Runs abidiff, prints its report and exit code, and judges the code. Bits: 1 error, 2 usage
# error, 4 ABI change, 8 incompatible change. A change the suppressions allow sets no bit, so a
# remaining 4 is a change nobody has allowed.
verdict=0
run_abidiff() {
   local pass=$1 supp=$2 new=$3 rc
   echo "+ $abidiff --no-architecture --suppressions $supp $baseline $new"
   "$abidiff" --no-architecture --suppressions "$supp" "$baseline" "$new"
   rc=$?
   echo "abidiff exit code ($pass): $rc"
   if [ $((rc & 3)) -ne 0 ]; then
      echo "abi-check: abidiff failed to run ($pass, exit $rc)" >&2
      verdict=2
   elif [ $((rc & 8)) -ne 0 ]; then
      echo "abi-check: INCOMPATIBLE ABI change ($pass, abidiff bit 8)" >&2
      [ $verdict -eq 0 ] && verdict=1
   elif [ $((rc & 4)) -ne 0 ]; then
      echo "abi-check: ABI change not allowed by $(basename "$supp") ($pass, abidiff bit 4)" >&2
      [ $verdict -eq 0 ] && verdict=1
   fi
}

# Pass 1, the lock as specified: the append rule and new types are allowed, nothing else.
run_abidiff append-rule "$suppressions" "$current"

# Pass 2, strict: abigail 2.2 hides every change of a struct whose insertions are all at the
# end, so compare again with the appended members cut off and only new types allowed.
"$python" "$here/abi_strip_appends.py" "$baseline" "$current" "$work/without-appends.abi" || exit 2
run_abidiff strict "$strict_suppressions" "$work/without-appends.abi"

[ $verdict -eq 0 ] && echo "abi-check: compatible with $(basename "$baseline")"
exit $verdict
