#!/usr/bin/env bash
# portierd with directory.csv and a `directory` section: the CSV is imported at start-up (the
# phone book has never seen the source), and the kernel answers the client API's directory_search,
# directory_contact, directory_status and directory_report (asked through `portier engine`): the
# tenant's contacts are found, another tenant sees none, the report names the rejected row;
# `portier engine forward/unforward` reach the kernel's forwarding commands.
. "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/var"
cat > "$WORK/people.csv" <<'CSV'
id,given,family,company,phone,extension,email
1,Hans,Müller,ACME,+49 89 7007 1234,1234,hans@example.com
2,Eva,Mueller,ACME,+49 89 7007 1235,1235,
3,,,,,,
CSV
cat > "$WORK/portier.yaml" <<YAML
system:
  control_socket: $SOCK
store:
  path: $WORK/var/portier.db
tenants:
  - name: DEFAULT
  - name: Hotel
plugins:
  search_path: [$PLUGIN_DIR]
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
directory:
  sources:
    - plugin: directory.csv
      tenant: DEFAULT
YAML
start_daemon "$WORK/portier.yaml"

ask() { "$PORTIER" --socket "$SOCK" engine "$1" || fail "portier engine $1 was refused"; }
# For answers with "ok": false, on which the CLI exits non-zero.
ask_refused() { "$PORTIER" --socket "$SOCK" engine "$1" 2>/dev/null || true; }
field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {"d": d}))' "$1"; }

# The start-up run: ten seconds by the clock at most.
deadline=$(( $(date +%s%3N) + 10000 ))
while :; do
  ok=$(ask '{"type":"directory_status"}' | field 'd["sources"][0].get("last", {}).get("ok")')
  [ "$ok" = True ] && break
  [ "$ok" = False ] && fail "the start-up run failed: $(ask '{"type":"directory_status"}')"
  [ "$(date +%s%3N)" -lt "$deadline" ] || fail "no start-up run within 10 s: $(ask '{"type":"directory_status"}')"
  sleep 0.2
done
grep -q "directory sync directory.csv (tenant DEFAULT): ok, 3 received, 2 added" "$WORK/daemon.log" ||
  fail "the run's log line is missing"

answer=$(ask '{"type":"directory_search","tenant":"DEFAULT","query":"muller","page_size":20,"page_token":""}')
[ "$(echo "$answer" | field 'len(d["contacts"])')" = 2 ] || fail "DEFAULT's search for muller: $answer"
[ "$(echo "$answer" | field 'sorted(c["given_name"] for c in d["contacts"])')" = "['Eva', 'Hans']" ] ||
  fail "the search did not find Hans and Eva: $answer"
[ "$(echo "$answer" | field '[c for c in d["contacts"] if c["given_name"]=="Hans"][0]["phones"][0]["number"]')" = "+498970071234" ] ||
  fail "Hans's number is not E.164: $answer"
[ "$(echo "$answer" | field 'd["contacts"][0]["sources"]')" = "['directory.csv']" ] || fail "sources: $answer"
id=$(echo "$answer" | field '[c for c in d["contacts"] if c["given_name"]=="Hans"][0]["id"]')

answer=$(ask '{"type":"directory_search","tenant":"Hotel","query":"muller"}')
[ "$(echo "$answer" | field 'len(d["contacts"])')" = 0 ] || fail "Hotel sees DEFAULT's contacts: $answer"

answer=$(ask "{\"type\":\"directory_contact\",\"tenant\":\"DEFAULT\",\"id\":$id}")
[ "$(echo "$answer" | field 'd["contact"]["emails"]')" = "['hans@example.com']" ] || fail "contact $id: $answer"
answer=$(ask_refused "{\"type\":\"directory_contact\",\"tenant\":\"Hotel\",\"id\":$id}")
[ "$(echo "$answer" | field 'd["error"]')" = not_found ] || fail "Hotel reads DEFAULT's contact: $answer"

answer=$(ask '{"type":"directory_report","source":"directory.csv"}')
[ "$(echo "$answer" | field 'd["report"]["rejected"]')" = 1 ] || fail "the report: $answer"
[ "$(echo "$answer" | field 'd["report"]["rejects"][0]["source_id"]')" = 3 ] || fail "the rejected row: $answer"

answer=$(ask_refused '{"type":"directory_sync","source":"directory.nope"}')
[ "$(echo "$answer" | field 'd["error"]')" = unknown_source ] || fail "an unknown source: $answer"

# `portier engine forward/unforward` go the kernel's forwarding path (docs/engine.md): with no pbx
# plugin reporting Hans's phone the kernel answers no_device, an unknown contact is not_found, a
# bad kind invalid, each with exit 1; a contact id that is not a number is a usage error (exit 2).
forward() { "$PORTIER" --socket "$SOCK" engine "$@" 2>/dev/null; echo "exit=$?"; }
answer=$(forward forward DEFAULT "$id" +498970071235)
[ "${answer##*exit=}" = 1 ] && [ "$(echo "${answer%exit=*}" | field 'd["error"]')" = no_device ] ||
  fail "forward without a pbx plugin: $answer"
answer=$(forward unforward DEFAULT 999)
[ "${answer##*exit=}" = 1 ] && [ "$(echo "${answer%exit=*}" | field 'd["error"]')" = not_found ] ||
  fail "unforward of an unknown contact: $answer"
answer=$(forward forward DEFAULT "$id" +498970071235 sideways)
[ "${answer##*exit=}" = 1 ] && [ "$(echo "${answer%exit=*}" | field 'd["error"]')" = invalid ] ||
  fail "forward of a bad kind: $answer"
[ "$(forward forward DEFAULT hans +498970071235)" = exit=2 ] || fail "a contact id that is not a number"
echo "PASS"
