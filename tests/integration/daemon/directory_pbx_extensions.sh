#!/usr/bin/env bash
# portierd with pbx.osv's extension list (portier.pbx.sync/1, read from a local MP2 export file)
# and directory.csv as two sources of one tenant's phone book, de-duplicated by extension: an
# extension only the PBX knows is found by name and by number, the CSV person with the same
# extension as a PBX row is one contact, and a broken export fails its run with the parser's
# message while the previous data stays. A source naming a plugin of another kind is refused.
. "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/var"
cat > "$WORK/people.csv" <<'CSV'
id,given,family,company,phone,extension,email
1,Eva,Mueller,ACME,+49 89 7007 1235,7002,eva@example.com
2,Hans,Huber,ACME,+49 89 7007 1234,1234,
CSV
cat > "$WORK/export_all.txt" <<'MP2'
FILE VERSION:11.00.01:MP2
CS_SIP
,SUBSCRIBERDN="498970071301"
,DISPLAYNAME="Zander, Quirin"
;;
CS_SIP
,SUBSCRIBERDN="7002"
,DISPLAYNAME="Mueller, Eva"
;;
MP2
# Nobody listens on CSTA_PORT: the CSTA link only retries; the extension list needs no link.
CSTA_PORT=$(free_port)
# write_config SOURCE_PLUGIN: the configuration with the second source naming SOURCE_PLUGIN.
write_config() {
  cat > "$WORK/portier.yaml" <<YAML
system:
  control_socket: $SOCK
store:
  path: $WORK/var/portier.db
tenants:
  - name: DEFAULT
plugins:
  search_path: [$PLUGIN_DIR, $PROBE_DIR]
  load:
    - id: directory.csv
      file: portier-directory-csv
      settings:
        path: $WORK/people.csv
        columns:
          source_id: id
          given: given
          family: family
          company: company
          extension: extension
          email: email
          phones: [{column: phone, type: office}]
    - id: pbx.osv
      file: portier-pbx-osv
      settings:
        host: 127.0.0.1
        port: $CSTA_PORT
        reconnect_min_ms: 60000
        reconnect_max_ms: 60000
        sync:
          file: $WORK/export_all.txt
    - id: probe
      file: probe
directory:
  sources:
    - plugin: directory.csv
      tenant: DEFAULT
    - plugin: $1
      tenant: DEFAULT
      schedule: {every: 1h}
  dedupe: {keys: [extension], prefer: [directory.csv, pbx.osv]}
YAML
}

# 1. A source naming a plugin of kind service: portierd refuses to start, naming the key path.
write_config probe
set +e
"$PORTIERD" --config "$WORK/portier.yaml" >"$WORK/refused.log" 2>&1
refused=$?
set -e
[ "$refused" -ne 0 ] || fail "portierd started with a service plugin as a directory source"
grep -q "directory.sources\[1\].plugin: 'probe' is a plugin of kind 'service', not directory (nor a pbx plugin offering portier.pbx.sync/1)" \
  "$WORK/refused.log" || { cat "$WORK/refused.log" >&2; fail "the refusal does not name the key path"; }

write_config pbx.osv
start_daemon "$WORK/portier.yaml"

ask() { "$PORTIER" --socket "$SOCK" engine "$1" || fail "portier engine $1 was refused"; }
field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {"d": d}))' "$1"; }
# last_ok SOURCE: True or False once SOURCE finished a run and none is going, else None.
last_ok() {
  ask '{"type":"directory_status"}' |
    field "[s.get('last', {}).get('ok') if not s['running'] else None for s in d['sources'] if s['source']=='$1'][0]"
}
# wait_last SOURCE WANT: waits (10 s by the clock) until SOURCE's last run ended with WANT.
wait_last() {
  local deadline=$(( $(date +%s%3N) + 10000 )) now
  while :; do
    now=$(last_ok "$1")
    [ "$now" = "$2" ] && return 0
    [ "$(date +%s%3N)" -lt "$deadline" ] || fail "$1: no run ending $2 within 10 s: $(ask '{"type":"directory_status"}')"
    sleep 0.2
  done
}
search() { ask "{\"type\":\"directory_search\",\"tenant\":\"DEFAULT\",\"query\":\"$1\",\"page_size\":20}"; }

# 2. The start-up runs of both sources.
wait_last directory.csv True
wait_last pbx.osv True
grep -q "directory sync pbx.osv (tenant DEFAULT): ok, 2 received" "$WORK/daemon.log" ||
  fail "pbx.osv's run log line is missing"

# 3. The extension only the PBX knows, by name and by number.
answer=$(search zander)
[ "$(echo "$answer" | field 'len(d["contacts"])')" = 1 ] || fail "search zander: $answer"
[ "$(echo "$answer" | field 'd["contacts"][0]["extension"]')" = 498970071301 ] || fail "zander's extension: $answer"
[ "$(echo "$answer" | field 'd["contacts"][0]["given_name"]')" = Quirin ] || fail "zander's first name: $answer"
[ "$(echo "$answer" | field 'd["contacts"][0]["phones"]')" = "[{'number': '+498970071301', 'type': 'office'}]" ] ||
  fail "zander's phone: $answer"
[ "$(echo "$answer" | field 'd["contacts"][0]["sources"]')" = "['pbx.osv']" ] || fail "zander's sources: $answer"
answer=$(search 1301)
[ "$(echo "$answer" | field '[c["display_name"] for c in d["contacts"]]')" = "['Zander, Quirin']" ] ||
  fail "search by number 1301: $answer"

# 4. The CSV person with the PBX's extension 7002 is one contact with both sources.
answer=$(search mueller)
[ "$(echo "$answer" | field 'len(d["contacts"])')" = 1 ] || fail "Eva is not found once: $answer"
[ "$(echo "$answer" | field 'sorted(d["contacts"][0]["sources"])')" = "['directory.csv', 'pbx.osv']" ] ||
  fail "Eva's rows did not merge: $answer"
[ "$(echo "$answer" | field 'd["contacts"][0]["emails"]')" = "['eva@example.com']" ] || fail "Eva's e-mail: $answer"
[ "$(echo "$answer" | field 'd["contacts"][0]["extension"]')" = 7002 ] || fail "Eva's extension: $answer"
answer=$(search 7002)
[ "$(echo "$answer" | field 'len(d["contacts"])')" = 1 ] || fail "search by extension 7002: $answer"

# 5. A broken export: the run fails with the parser's message, the previous data stays.
cp "$SOURCE_DIR/tests/fixtures/mp2/truncated.txt" "$WORK/export_all.txt"
answer=$(ask '{"type":"directory_sync","source":"pbx.osv"}')
[ "$(echo "$answer" | field 'd["started"]')" = True ] || fail "directory_sync pbx.osv: $answer"
wait_last pbx.osv False
answer=$(ask '{"type":"directory_report","source":"pbx.osv"}')
echo "$answer" | field 'd["report"]["error"]' | grep -q "^the source failed: MP2 line [0-9]*: the file ends inside record" ||
  fail "the failed run's report: $answer"
answer=$(search zander)
[ "$(echo "$answer" | field 'len(d["contacts"])')" = 1 ] || fail "the failed run removed zander: $answer"
answer=$(search mueller)
[ "$(echo "$answer" | field 'sorted(d["contacts"][0]["sources"])')" = "['directory.csv', 'pbx.osv']" ] ||
  fail "the failed run changed Eva: $answer"
echo "PASS"
