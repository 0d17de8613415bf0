#!/usr/bin/env bash
# Issue 6: the consoles see the PBX and trunk links. portierd runs pbx.sim, pbx.osv on its CSTA
# link and trunk.sip registered at pbx.sim; the engine's snapshot lists both links up. pbx.sim's
# script then drops its CSTA links: pbx.osv reports itself stopped, the kernel tells the engine,
# which sends `link_state` pbx down; pbx.osv connects again and the engine sends up.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/engine_lib.sh"
DROP_AFTER_MS=4000
printf 'wait %s\ndrop-links\n' "$DROP_AFTER_MS" > "$WORK/drop.script"
write_engine_config "" "" "" ""
# Only pbx.sim's settings name the CPS numbers: the script goes next to them.
sed -i "s|^        cps_numbers: \\[\"+498970071200..99\"\\]$|&\n        script: $WORK/drop.script|" "$WORK/portier.yaml"
grep -q "script: $WORK/drop.script" "$WORK/portier.yaml" || fail "the script did not get into the configuration"
start_engine_daemon
wait_state pbx.osv running

# links_now: "kind id state" per link of the engine's snapshot, one a line.
links_now() {
  engine '{"type":"snapshot"}' | python3 -c '
import json, sys
for l in json.load(sys.stdin)["snapshot"]["links"]:
    print(l["link"], l["id"], l["state"])'
}
# Both up once the start's changes have reached the engine (trunk.sip registers first).
for _ in $(seq 50); do
  links=$(links_now)
  grep -qx "trunk trunk.sip up" <<<"$links" && grep -qx "pbx pbx.osv up" <<<"$links" && break
  sleep 0.1
done
echo "$links"
grep -qx "pbx pbx.osv up" <<<"$links" || fail "the snapshot does not list pbx.osv up: $links"
grep -qx "trunk trunk.sip up" <<<"$links" || fail "the snapshot does not list trunk.sip up: $links"
[ "$(wc -l <<<"$links")" -eq 2 ] || fail "the snapshot lists links of other plugins: $links"
# The start's own changes (pbx.osv connecting, trunk.sip registering) are over by now.
sleep 0.5
base=$(last_seq)

down=$(wait_event 15 "pbx.osv's lost CSTA link reached the engine" \
  'e.get("event") == "link_state" and e.get("link") == "pbx" and e.get("id") == "pbx.osv" and e.get("state") == "down"' "$base")
echo "$down"
[ -n "$(field "$down" detail)" ] || fail "the down event gives no detail: $down"
seq=$(field "$down" seq)
up=$(wait_event 15 "pbx.osv's new CSTA link reached the engine" \
  'e.get("event") == "link_state" and e.get("id") == "pbx.osv" and e.get("state") == "up"' "$seq")
echo "$up"
grep -qx "pbx pbx.osv up" <<<"$(links_now)" || fail "the snapshot does not show pbx.osv up again"
# The trunk kept its registration: no link_state of it while the PBX link was away.
trunk_changes=$("$PORTIER" --socket "$SOCK" engine --events 1000 --after "$seq" | python3 -c '
import json, sys
print(sum(1 for l in sys.stdin if l.strip() and json.loads(l).get("link") == "trunk"))')
[ "$trunk_changes" -eq 0 ] || fail "the trunk's link changed $trunk_changes times"
grep -q "\[engine\] pbx link 'pbx.osv': down" "$WORK/daemon.log" || fail "portierd did not log the link going down"
echo "PASS: the PBX link's loss and return reached the engine"
