#!/usr/bin/env bash
# Every plugin Portier builds, bundled or still in preview, passes the SDK's conformance kit, as
# partners' plugins must. A plugin that needs settings to start finds them in
# settings/<file>.json beside this script.
# usage: every_bundled_plugin_passes.sh CHECKER BUNDLED_DIR [MORE_DIRS...]
set -euo pipefail
CHECK=$1 PLUGIN_DIR=$2
shift
here=$(dirname "$0")
shopt -s nullglob
plugins=("$PLUGIN_DIR"/*.so)
[ ${#plugins[@]} -gt 0 ] || { echo "FAIL: no bundled plugins in $PLUGIN_DIR"; exit 1; }
shift
for dir in "$@"; do plugins+=("$dir"/*.so); done
failed=0
for so in "${plugins[@]}"; do
  name=$(basename "$so" .so)
  args=()
  [ -f "$here/settings/$name.json" ] && args=(--config-file "$here/settings/$name.json")
  if "$CHECK" "$so" "${args[@]}" > /tmp/portier-check-$$.txt 2>&1; then
    echo "PASS $name: $(tail -n 1 /tmp/portier-check-$$.txt)"
  else
    echo "FAIL $name:"; cat /tmp/portier-check-$$.txt
    failed=1
  fi
done
rm -f /tmp/portier-check-$$.txt
exit $failed
