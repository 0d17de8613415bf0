#!/usr/bin/env bash
# `portier check` names file, line and column, suggests the near-miss key, and exits non-zero.
. "$(dirname "$0")/lib.sh"
cat > "$WORK/bad.yaml" <<'YAML'
system:
  log_levl: debug
plugins:
  load:
    - id: hello
      file: portier-hello
      enabeld: true
YAML
set +e
"$PORTIER" check "$WORK/bad.yaml" 2>"$WORK/err.txt"
rc=$?
set -e
cat "$WORK/err.txt"
[ $rc -ne 0 ] || fail "portier check exited 0 on a broken file"
grep -qxF "$WORK/bad.yaml:2:3: unknown key 'log_levl' (did you mean 'log_level'?)" "$WORK/err.txt" || fail "no did-you-mean for log_levl"
grep -qxF "$WORK/bad.yaml:7:7: unknown key 'enabeld' (did you mean 'enabled'?)" "$WORK/err.txt" || fail "no did-you-mean for enabeld"

# A plugin's own validate_config runs too, at the position of its settings.
cat > "$WORK/settings.yaml" <<YAML
plugins:
  search_path: [$PLUGIN_DIR]
  load:
    - id: hello
      file: portier-hello
      settings:
        interval_ms: 5
YAML
set +e
"$PORTIER" check "$WORK/settings.yaml" 2>"$WORK/err2.txt"
rc=$?
set -e
cat "$WORK/err2.txt"
[ $rc -ne 0 ] || fail "portier check accepted settings the plugin rejects"
grep -q "^$WORK/settings.yaml:7:9: plugin 'hello': .*interval_ms" "$WORK/err2.txt" || fail "plugin settings error lacks position or plugin"

# portierd refuses to start on the same file, with the same message.
set +e
"$PORTIERD" --config "$WORK/bad.yaml" 2>"$WORK/err3.txt"
rc=$?
set -e
[ $rc -ne 0 ] || fail "portierd started on a broken file"
grep -qF "unknown key 'enabeld' (did you mean 'enabled'?)" "$WORK/err3.txt" || fail "portierd did not say why"

# And the default configuration is clean.
"$PORTIER" check "$SOURCE_DIR/config/portier.yaml" || fail "the default configuration does not pass check"
echo "PASS"
