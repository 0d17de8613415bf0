#!/usr/bin/env bash
# With the default configuration, every bundled plugin is listed and running: hello, the
# simulated OpenScape Voice pbx.sim and pbx.osv connected to it, and the busy lamps of the
# simulator's office light up and move (`portier lamps`).
. "$(dirname "$0")/lib.sh"
# The default runs pbx.sim (CSTA 1040, SIP 5090) and trunk.sip (SIP 5092) on fixed ports and
# RTP ranges; tests run in parallel, so the copy moves every one of them to a free one.
default_config_copy "$WORK/config"
grep -q "port: $CSTA_PORT" "$WORK/config/portier.yaml" || fail "the copy of the default configuration has no port $CSTA_PORT"
# The default file keeps its socket and store beside itself (config/var/); so does the copy.
SOCK=$WORK/config/var/portierd.sock
start_daemon "$WORK/config/portier.yaml"
[ -f "$WORK/config/var/portier.db" ] || fail "the store was not created under var/ next to the config"

bundled=$(cd "$PLUGIN_DIR" && ls *.so | sed 's/\.so$//')
# directory.csv imports a phone book that nothing in the core consumes yet (the sync jobs of
# issue 7 come next); until then the default configuration has no CSV for it to read.
# directory.ldap needs an LDAP server, which a default configuration cannot assume; its test
# starts a slapd of its own (tests/integration/directory_ldap).
# presence.uc needs an XMPP server and an account on it; its test starts a prosody of its own
# (tests/integration/presence_uc).
# presence.teams needs a Microsoft 365 tenant and an app registration; its test runs a Graph mock
# of its own (tests/integration/presence_teams).
# presence.unify-office needs a RingCentral account and app; its test runs a RingCentral mock of
# its own (tests/integration/presence_unify_office).
# presence.skype needs a Skype for Business server and a user on it; its test runs a UCWA mock of
# its own (tests/integration/presence_skype).
# presence.circuit needs a Circuit domain and a bot; its test runs a Circuit mock of its own
# (tests/integration/presence_circuit).
bundled=$(printf '%s\n' $bundled | grep -vx -e 'portier-directory-csv' -e 'portier-directory-ldap' \
  -e 'portier-presence-uc' -e 'portier-presence-teams' -e 'portier-presence-unify-office' -e 'portier-presence-skype' \
  -e 'portier-presence-circuit')
[ -n "$bundled" ] || fail "no bundled plugins in $PLUGIN_DIR"
# pbx.osv reports running once its CSTA session with pbx.sim stands; trunk.sip once it is
# registered at pbx.sim's SIP side (limited "not registered: ..." before).
for id in hello pbx.sim pbx.osv trunk.sip; do wait_state "$id" running; done
grep -q "sip: trunk portier-cps registered at sip:portier-cps@127.0.0.1:$TRUNK_SIP_PORT" "$WORK/daemon.log" ||
  fail "pbx.sim's registrar did not log trunk.sip's binding at 127.0.0.1:$TRUNK_SIP_PORT"
reason=$(plugin_field trunk.sip reason)
[ "$reason" = "registered at 127.0.0.1:$SIM_SIP_PORT as portier-cps" ] ||
  fail "trunk.sip runs with the reason '$reason', expected registered at 127.0.0.1:$SIM_SIP_PORT"
status_json > "$WORK/status.json"
python3 - "$WORK/status.json" $bundled <<'PY' || fail "status does not show every bundled plugin running"
import json, sys
doc = json.load(open(sys.argv[1]))
plugins = {p["file"].rsplit("/", 1)[-1][:-3]: p for p in doc["plugins"]}
missing = [f for f in sys.argv[2:] if f not in plugins]
if missing:
    sys.exit("bundled but not in the default configuration: %s" % missing)
bad = [(p["id"], p["state"], p["reason"]) for p in doc["plugins"] if p["state"] != "running"]
if bad:
    sys.exit("not running: %s" % bad)
print("running:", ", ".join(sorted(p["id"] for p in doc["plugins"])))
PY
"$PORTIER" --socket "$SOCK" status | grep -q '^hello ' || fail "the status table has no row for hello"
"$PORTIER" --socket "$SOCK" status | grep -q '^pbx.sim ' || fail "the status table has no row for pbx.sim"

# The busy lamps are live: within 20 s every device of pbx.osv's `monitor` list shows a state,
# and some device changes its state (the demo places calls every few seconds).
mapfile -t monitored < <(sed -n 's/^ *- "\(+[0-9][0-9]*\)"$/\1/p' "$WORK/config/portier.yaml")
[ "${#monitored[@]}" -ge 22 ] || fail "the default configuration monitors ${#monitored[@]} devices, expected the 22 of the built-in office"
python3 - "$PORTIER" "$SOCK" "${monitored[@]}" <<'PY' || fail "the busy lamps did not light up and move"
import json, subprocess, sys, time
portier, sock, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]
seen = {}        # device -> the states it showed
lit = False
deadline = time.monotonic() + 20
while time.monotonic() < deadline:
    run = subprocess.run([portier, "--socket", sock, "lamps", "--json"], capture_output=True, text=True, timeout=10)
    if run.returncode == 0:
        lamps = {l["device"]: l for l in json.loads(run.stdout)["lamps"] if l["plugin"] == "pbx.osv"}
        lit = lit or all(d in lamps and lamps[d]["state"] != "unknown" and lamps[d]["since"] for d in wanted)
        for d in wanted:
            if d in lamps:
                seen.setdefault(d, set()).add(lamps[d]["state"])
        moved = [d for d, states in seen.items() if len(states) > 1]
        if lit and moved:
            print("lamps lit for %d devices; moving: %s" % (len(wanted), ", ".join(sorted(moved))))
            sys.exit(0)
    time.sleep(0.1)
dark = [d for d in wanted if d not in seen]
sys.exit("after 20 s: all lit: %s; without a lamp: %s; states seen: %s" % (lit, dark, {d: sorted(s) for d, s in seen.items()}))
PY
"$PORTIER" --socket "$SOCK" lamps | grep -q '^+49897007200 ' || fail "the lamps table has no row for +49897007200"

# Real SIP on loopback: the demo's simulated callers dial the first pilot number over the trunk
# every few seconds. Before the engine was wired in, nobody answered and each caller gave up with
# CANCEL (487) after 3-5 s; now the default configuration's DDI entry for that number makes the
# engine ring 2 s, answer and queue the call (music, waiting), and the caller's later hang-up
# (8 s after holding) ends it as abandoned.
wait_log "sip: \+[0-9]+ calls \+498970071200 over the trunk" 15 "no demo call to the pilot number went over the trunk"
wait_log "trunk.sip: in-[0-9]+: INVITE from .* to \+498970071200 \(pilot number\)" 5 "trunk.sip did not log the demo's INVITE"
wait_log "\[engine\] in-[0-9]+: queued in queue \+498970071200" 10 "the engine did not queue the demo call"
wait_log "sip: \+[0-9]+ talks to \+498970071200" 5 "the demo caller was not answered"
wait_log "\[engine\] in-[0-9]+: ended abandoned after [0-9]+ ms" 30 "the demo caller's hang-up did not end the call as abandoned"
if grep -q "nobody answers .* CANCEL" "$WORK/daemon.log"; then
  fail "a demo call to the pilot number rang out; the engine should answer it after 2 s"
fi
stop_daemon
[ ! -e "$SOCK" ] || fail "the control socket was left behind after stop"
echo "PASS"
