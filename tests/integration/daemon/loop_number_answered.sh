#!/usr/bin/env bash
# The default configuration with a pbx.sim script: a simulated caller dials trunk.sip's loop
# number over real SIP on loopback; trunk.sip answers it itself (200 with SDP, the caller talks)
# and ends it with BYE after 5 s, as the standby's "is the main service alive" call needs.
. "$(dirname "$0")/lib.sh"
default_config_copy "$WORK/config"
# Two tries a moment apart, since the script starts with the simulator and the trunk registers
# a little later (a call before that is refused 480 by the simulator itself).
cat > "$WORK/loop.script" <<'SCRIPT'
wait 1500
call +4930901820 +498970071230
wait 2000
call +494042841000 +498970071230
SCRIPT
python3 - "$WORK/config/portier.yaml" "$WORK/loop.script" <<'PY' || fail "could not add the script to pbx.sim's settings"
import sys
path, script = sys.argv[1], sys.argv[2]
text = open(path).read()
marker = "        demo: true\n"
if text.count(marker) != 1:
    sys.exit("pbx.sim's 'demo: true' line is not there once")
open(path, "w").write(text.replace(marker, marker + "        script: %s\n" % script))
PY
SOCK=$WORK/config/var/portierd.sock
start_daemon "$WORK/config/portier.yaml"
wait_state trunk.sip running
wait_log "sip: \+[0-9]+ calls \+498970071230 over the trunk" 10 "the script's call to the loop number did not go over the trunk"
wait_log "sip: \+[0-9]+ talks to \+498970071230" 10 "trunk.sip did not answer the loop number with 200 and SDP"
wait_log "sip: the trunk ended the call of \+[0-9]+" 10 "trunk.sip did not end the loop call with BYE"
if grep -Eq "trunk.sip: in-[0-9]+: INVITE from .* to \+498970071230" "$WORK/daemon.log"; then
  fail "the loop call was offered to the engine; trunk.sip should answer it by itself"
fi
stop_daemon
echo "PASS"
