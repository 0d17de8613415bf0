#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The header compile matrix (sdk-abi.md 3.2): every C header of the SDK on its own, and
# portier.h, as C99/C11/C17 with two C compilers and as C++11/C++17/C++20 with two C++
# compilers; the C++ wrapper headers (*.hpp) as C++17/C++20. All warnings are errors.
#
#   headers_compile.sh <include-dir> <cc> <cc2> <cxx> <cxx2>
#
# A compiler given as "" is skipped with a note (a machine without clang-14 still checks gcc).
set -u

[ $# -eq 5 ] || { echo "usage: headers_compile.sh <include-dir> <cc> <cc2> <cxx> <cxx2>" >&2; exit 2; }
include=$(cd "$1" && pwd) || exit 2
c_compilers=("$2" "$3")
cxx_compilers=("$4" "$5")
flags="-Wall -Wextra -pedantic -Werror -Wconversion"

work=$(mktemp -d "${TMPDIR:-/tmp}/portier-headers.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

mapfile -t c_headers < <(cd "$include" && find portier -name '*.h' | sort)
mapfile -t cxx_headers < <(cd "$include" && find portier -name '*.hpp' | sort)
[ ${#c_headers[@]} -gt 0 ] || { echo "no headers under $include/portier" >&2; exit 2; }

# One translation unit per header; the typedef keeps a macro-only header (version.h) from
# making an empty translation unit, which ISO C forbids.
jobs="$work/jobs"
: > "$jobs"
i=0
add_jobs() {  # header, extension, compiler, standards...
   local header=$1 ext=$2 compiler=$3 std tu
   shift 3
   [ -n "$compiler" ] || return 0
   tu="$work/tu$i.$ext"
   i=$((i + 1))
   printf '#include <%s>\ntypedef int portier_tu_not_empty;\n' "$header" > "$tu"
   for std in "$@"; do
      printf '%s\t%s\t%s\t%s\n' "$compiler" "$std" "$tu" "$header" >> "$jobs"
   done
}
for h in "${c_headers[@]}"; do
   for c in "${c_compilers[@]}"; do add_jobs "$h" c "$c" c99 c11 c17; done
   for c in "${cxx_compilers[@]}"; do add_jobs "$h" cpp "$c" c++11 c++17 c++20; done
done
for h in "${cxx_headers[@]}"; do
   for c in "${cxx_compilers[@]}"; do add_jobs "$h" cpp "$c" c++17 c++20; done
done
for c in "${c_compilers[@]}" "${cxx_compilers[@]}"; do
   [ -n "$c" ] || echo "note: a compiler slot is empty and was skipped"
done

compile_one() {  # compiler std header tu
   if ! out=$("$1" "-std=$2" $flags -I"$include" -fsyntax-only "$4" 2>&1); then
      printf 'FAIL %s -std=%s %s\n%s\n' "$(basename "$1")" "$2" "$3" "$out"
      return 1
   fi
}
export -f compile_one
export flags include

total=$(wc -l < "$jobs")
# Two at a time: the CI machine has two cores.
if tr '\t' '\n' < "$jobs" | xargs -d '\n' -n 4 -P "$(nproc 2>/dev/null || echo 2)" \
      bash -c 'compile_one "$1" "$2" "$4" "$3"' _; then
   echo "header matrix: $total compilations of ${#c_headers[@]} C and ${#cxx_headers[@]} C++ headers, all clean"
   exit 0
fi
echo "header matrix: failures above (of $total compilations)" >&2
exit 1
