#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The SDK as a partner sees it: install only the `sdk` component into an empty prefix, copy the
# example out of the source tree, build it with CMake and with pkg-config against that prefix
# alone, check that the plugin exports only its entry and runs nothing at load time, then (when
# the kernel is built) run it in portierd until `portier status` shows it running.
#
# usage: run.sh <build dir> <source dir> <c++ compiler> [<portierd> <portier>]
set -euo pipefail

build_dir=$1
source_dir=$2
cxx=$3
portierd=${4:-}
portier=${5:-}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/portier-oot.XXXXXX")
daemon_pid=
cleanup() {
   if [[ -n "$daemon_pid" ]] && kill -0 "$daemon_pid" 2>/dev/null; then
      kill "$daemon_pid" 2>/dev/null || true
      wait "$daemon_pid" 2>/dev/null || true
   fi
   rm -rf "$tmp"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

# Exactly one exported, defined dynamic symbol: portier_plugin_entry.
check_exports() {
   local so=$1 exports
   exports=$(nm -D --defined-only "$so" | awk '{print $NF}' | sort)
   [[ "$exports" == "portier_plugin_entry" ]] || fail "$so exports: $(echo $exports)"
   echo "exports: $exports"
}

# Nothing runs at load: .init_array holds at most the toolchain's frame_dummy entry (8 bytes).
check_no_constructors() {
   local so=$1 size
   size=$(readelf -SW "$so" | awk '$2 == ".init_array" { print $6 }')
   if [[ -n "$size" && $((16#$size)) -gt 8 ]]; then
      fail "$so has $((16#$size / 8)) .init_array entries (static constructors)"
   fi
   echo "init_array: ${size:-none}"
}

prefix=$tmp/prefix
step "install the sdk component into $prefix"
cmake --install "$build_dir" --component sdk --prefix "$prefix" >/dev/null
for f in include/portier/portier.h include/portier/portier.hpp include/portier/kind/pbx.h \
         lib/cmake/PortierSDK/PortierSDKConfig.cmake lib/cmake/PortierSDK/PortierSDKConfigVersion.cmake \
         lib/cmake/PortierSDK/PortierPlugin.cmake lib/cmake/PortierSDK/portier-plugin.map \
         lib/pkgconfig/portier-sdk.pc; do
   [[ -f "$prefix/$f" ]] || fail "not installed: $f"
done

step "copy the example out of the tree"
mkdir -p "$tmp/src"
cp -r "$source_dir/sdk/examples/hello" "$tmp/src/hello"

step "build with CMake against the prefix only"
cmake -S "$tmp/src/hello" -B "$tmp/build-cmake" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF \
      -DCMAKE_COMPILE_WARNING_AS_ERROR=ON >/dev/null
cmake --build "$tmp/build-cmake" >/dev/null
so_cmake=$tmp/build-cmake/portier-hello.so
[[ -f "$so_cmake" ]] || fail "CMake build did not produce portier-hello.so"
check_exports "$so_cmake"
check_no_constructors "$so_cmake"

step "build with pkg-config and a plain compiler"
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
export PKG_CONFIG_LIBDIR=$prefix/lib/pkgconfig  # nothing from the system
cflags=$(pkg-config --cflags portier-sdk)
ldflags=$(pkg-config --variable=plugin_ldflags portier-sdk)
include_dir=${cflags#-I}
include_dir=${include_dir%% *}
[[ -f "$include_dir/portier/portier.hpp" ]] || fail "pkg-config --cflags gives no SDK include dir: $cflags"
mkdir -p "$tmp/build-pc"
# shellcheck disable=SC2086 # the flags are word lists
"$cxx" -std=c++17 -O2 -Wall -Wextra -pedantic -Werror $cflags $ldflags \
       -o "$tmp/build-pc/portier-hello.so" "$tmp/src/hello/hello.cpp"
check_exports "$tmp/build-pc/portier-hello.so"
check_no_constructors "$tmp/build-pc/portier-hello.so"

if [[ -z "$portierd" || -z "$portier" || ! -x "$portierd" || ! -x "$portier" ]]; then
   echo "portierd or portier not built: skipping the run in the kernel"
   exit 0
fi

step "run the out-of-tree plugin in portierd"
mkdir -p "$tmp/var"
sock=$tmp/portierd.sock
cat > "$tmp/portier.yaml" <<YAML
system:
  control_socket: $sock
store:
  path: $tmp/var/portier.db
plugins:
  search_path: [$tmp/build-cmake]
  load:
    - id: hello
      file: portier-hello
      settings: { greeting: "hello from out of tree", interval_ms: 1000 }
YAML
"$portierd" --config "$tmp/portier.yaml" >"$tmp/portierd.log" 2>&1 &
daemon_pid=$!

running=no
status_json=
for _ in $(seq 1 50); do  # 50 x 0.2 s = 10 s
   if ! kill -0 "$daemon_pid" 2>/dev/null; then
      cat "$tmp/portierd.log" >&2
      fail "portierd exited early"
   fi
   if status_json=$("$portier" --socket "$sock" status --json 2>/dev/null); then
      if python3 - "$status_json" <<'PY'
import json, sys

def running(node):
    if isinstance(node, dict):
        if node.get("id") == "hello" and node.get("state") == "running":
            return True
        return any(running(v) for v in node.values())
    if isinstance(node, list):
        return any(running(v) for v in node)
    return False

sys.exit(0 if running(json.loads(sys.argv[1])) else 1)
PY
      then
         running=yes
         break
      fi
   fi
   sleep 0.2
done
if [[ "$running" != yes ]]; then
   echo "last status: $status_json" >&2
   cat "$tmp/portierd.log" >&2
   fail "plugin hello did not reach state running within 10 s"
fi
echo "hello is running"

"$portier" --socket "$sock" stop >/dev/null
for _ in $(seq 1 50); do
   kill -0 "$daemon_pid" 2>/dev/null || break
   sleep 0.2
done
if kill -0 "$daemon_pid" 2>/dev/null; then
   fail "portierd did not exit within 10 s of 'portier stop'"
fi
rc=0
wait "$daemon_pid" || rc=$?
daemon_pid=
[[ $rc -eq 0 ]] || { cat "$tmp/portierd.log" >&2; fail "portierd exited with $rc"; }
grep -q "hello from out of tree" "$tmp/portierd.log" || echo "note: greeting not found in portierd's output"
echo "PASS"
