#!/usr/bin/env bash
# Two instances of directory.csv in one portierd (issue 7): HR's file for tenant DEFAULT and a
# branch office's file for tenant Branch. The library is one file; each instance has its own
# settings, status row and phone-book source. Each tenant finds only its own contacts, and a
# reload that changes HR's file reconfigures HR alone: the branch instance keeps its settings,
# its `since`, and imports its own file as before.
. "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/var"
cat > "$WORK/hr.csv" <<'CSV'
id,given,family,extension
1,Hans,Müller,1234
2,Eva,Mueller,1235
CSV
cat > "$WORK/branch.csv" <<'CSV'
id,given,family,extension
1,Otto,Müller,2234
2,Berta,Schmidt,2235
CSV
cat > "$WORK/hr-new.csv" <<'CSV'
id,given,family,extension
1,Hans,Müller,1234
3,Karl,Muller,1236
CSV
# write_config HR_FILE: the configuration, with HR's instance reading HR_FILE.
write_config() {
  cat > "$WORK/portier.yaml" <<YAML
system:
  control_socket: $SOCK
store:
  path: $WORK/var/portier.db
tenants:
  - name: DEFAULT
  - name: Branch
plugins:
  search_path: [$PLUGIN_DIR]
  load:
    - id: phonebook-hr
      plugin: directory.csv
      file: portier-directory-csv
      settings:
        path: $1
        columns: {source_id: id, given: given, family: family, extension: extension}
    - id: phonebook-branch
      plugin: directory.csv
      file: portier-directory-csv
      settings:
        path: $WORK/branch.csv
        columns: {source_id: id, given: given, family: family, extension: extension}
directory:
  sources:
    - plugin: phonebook-hr
      tenant: DEFAULT
    - plugin: phonebook-branch
      tenant: Branch
YAML
}
write_config "$WORK/hr.csv"
"$PORTIER" check "$WORK/portier.yaml" >/dev/null || fail "portier check refused the two instances"
start_daemon "$WORK/portier.yaml"

ask() { "$PORTIER" --socket "$SOCK" engine "$1" || fail "portier engine $1 was refused"; }
field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {"d": d}))' "$1"; }
names() { ask "{\"type\":\"directory_search\",\"tenant\":\"$1\",\"query\":\"$2\",\"page_size\":20,\"page_token\":\"\"}" |
  field 'sorted(c["given_name"] for c in d["contacts"])'; }
# last_finished SOURCE: the finish time of the source's last run ("" before the first).
last_finished() {
  ask '{"type":"directory_status"}' |
    field "next((s.get('last', {}).get('finished', '') for s in d['sources'] if s['source'] == '$1'), '')"
}
# wait_run SOURCE AFTER: waits (10 s by the clock) for a successful run finished later than AFTER.
wait_run() {
  local deadline=$(( $(date +%s%3N) + 10000 )) status
  while :; do
    status=$(ask '{"type":"directory_status"}')
    if [ "$(echo "$status" | field "[s.get('last', {}) for s in d['sources'] if s['source'] == '$1'][0].get('finished', '') > '$2'")" = True ]; then
      [ "$(echo "$status" | field "[s['last']['ok'] for s in d['sources'] if s['source'] == '$1'][0]")" = True ] ||
        fail "the run of $1 failed: $status"
      return 0
    fi
    [ "$(date +%s%3N)" -lt "$deadline" ] || fail "no run of $1 within 10 s: $status"
    sleep 0.2
  done
}

wait_run phonebook-hr ""
wait_run phonebook-branch ""
[ "$(plugin_field phonebook-hr plugin)" = directory.csv ] || fail "status does not name HR's library"
[ "$(plugin_field phonebook-branch plugin)" = directory.csv ] || fail "status does not name the branch's library"
"$PORTIER" --socket "$SOCK" status | grep -Eq '^phonebook-branch +directory.csv +directory ' ||
  fail "the status table does not show the instance and its library: $("$PORTIER" --socket "$SOCK" status)"

[ "$(names DEFAULT muller)" = "['Eva', 'Hans']" ] || fail "DEFAULT's search for muller: $(names DEFAULT muller)"
[ "$(names Branch muller)" = "['Otto']" ] || fail "Branch's search for muller: $(names Branch muller)"
[ "$(names DEFAULT schmidt)" = "[]" ] || fail "DEFAULT sees the branch's contacts"
answer=$(ask '{"type":"directory_search","tenant":"Branch","query":"schmidt"}')
[ "$(echo "$answer" | field 'd["contacts"][0]["sources"]')" = "['phonebook-branch']" ] ||
  fail "the branch's contact does not name its instance as source: $answer"

# Reload with a new file for HR only.
branch_since=$(plugin_field phonebook-branch since)
hr_done=$(last_finished phonebook-hr)
branch_done=$(last_finished phonebook-branch)
sleep 1  # run times have second resolution: a later run must read later
write_config "$WORK/hr-new.csv"
"$PORTIER" --socket "$SOCK" reload > "$WORK/reload.txt" 2>&1 || fail "the reload was refused: $(cat "$WORK/reload.txt")"
# One change: HR's instance reconfigured; the branch's entry is unchanged and kept as it runs.
grep -q ": 1 change$" "$WORK/reload.txt" || fail "the reload changed more than HR: $(cat "$WORK/reload.txt")"
[ "$(plugin_field phonebook-branch since)" = "$branch_since" ] || fail "the branch's instance changed state"

ask '{"type":"directory_sync","source":"phonebook-hr"}' >/dev/null
wait_run phonebook-hr "$hr_done"
ask '{"type":"directory_sync","source":"phonebook-branch"}' >/dev/null
wait_run phonebook-branch "$branch_done"
[ "$(names DEFAULT muller)" = "['Hans', 'Karl']" ] || fail "HR's new file is not in DEFAULT: $(names DEFAULT muller)"
[ "$(names Branch muller)" = "['Otto']" ] || fail "the branch's book changed: $(names Branch muller)"
[ "$(names Branch schmidt)" = "['Berta']" ] || fail "the branch's book changed: $(names Branch schmidt)"
echo "PASS"
