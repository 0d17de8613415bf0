#!/usr/bin/env bash
# trunk.sip finds its registrar through DNS SRV (`domain`, `_sip._udp.<domain>`), asking a real
# DNS server (dnsmasq on 127.0.0.1 and a free port) that the test starts:
# 1. two targets: the first (priority 1) answers every REGISTER 503, so trunk.sip goes on to the
#    second (priority 2), pbx.sim's registrar, and registers there;
# 2. a domain with no SRV records falls back to the domain's A record on port 5060.
. "$(dirname "$0")/lib.sh"
DNSMASQ=/usr/sbin/dnsmasq
[ -x "$DNSMASQ" ] || { echo "SKIP: $DNSMASQ is not installed"; exit 0; }
read -r DNS_PORT SIM_CSTA SIM_SIP BUSY_SIP TRUNK_SIP rtp_start sim_rtp < <(free_ports 5 20 20)
[ -n "$sim_rtp" ] || fail "no free ports"
mkdir -p "$WORK/config/secrets"
printf 'portier\n' > "$WORK/config/secrets/trunk-password"

args=(--keep-in-foreground --no-resolv --no-hosts --conf-file=/dev/null --pid-file= --bind-interfaces
      --listen-address=127.0.0.1 "--port=$DNS_PORT" --log-facility=/dev/null
      --local=/pbxsim.test/ --local=/plain.test/
      "--srv-host=_sip._udp.pbxsim.test,busy.pbxsim.test,$BUSY_SIP,1,10"
      "--srv-host=_sip._udp.pbxsim.test,sim.pbxsim.test,$SIM_SIP,2,10"
      --host-record=busy.pbxsim.test,127.0.0.1 --host-record=sim.pbxsim.test,127.0.0.1
      --host-record=plain.test,127.0.0.1)
[ "$(id -u)" = 0 ] && args+=(--user=root)
timeout 60 "$DNSMASQ" "${args[@]}" 2>"$WORK/dnsmasq.log" &
HELPER_PIDS+=($!)

# The first target: a registrar that answers everything 503 (and counts what it got).
timeout 60 python3 - "$BUSY_SIP" "$WORK/busy.count" <<'PY' &
import socket, sys
port, count_file = int(sys.argv[1]), sys.argv[2]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", port))
seen = 0
while True:
    data, peer = s.recvfrom(65535)
    head = data.decode("utf-8", "replace").split("\r\n\r\n", 1)[0].split("\r\n")
    if not head or head[0].startswith("SIP/2.0"):
        continue
    keep = [h for h in head[1:] if h.split(":", 1)[0].strip().lower() in ("via", "from", "to", "call-id", "cseq")]
    reply = "\r\n".join(["SIP/2.0 503 Service Unavailable"] + keep + ["Content-Length: 0", "", ""])
    s.sendto(reply.encode(), peer)
    seen += 1
    open(count_file, "w").write(str(seen))
PY
HELPER_PIDS+=($!)

# write_config DOMAIN: pbx.sim with its SIP side, and trunk.sip finding its registrar by DOMAIN.
write_config() {
  cat > "$WORK/config/portier.yaml" <<YAML
system:
  name: srv-test
plugins:
  load:
    - id: pbx.sim
      file: portier-pbx-sim
      settings:
        port: $SIM_CSTA
        sip: true
        sip_port: $SIM_SIP
        rtp: { start_port: $sim_rtp, count: 20 }
    - id: trunk.sip
      file: portier-trunk-sip
      secrets:
        trunk_password: { file: secrets/trunk-password }
      settings:
        register_id: portier-cps
        auth_user: portier
        password_secret: trunk_password
        domain: $1
        dns_server: 127.0.0.1:$DNS_PORT
        listen: { address: 127.0.0.1, port: $TRUNK_SIP }
        rtp: { start_port: $2, count: 20 }
        channels: 10
        pilot_numbers: ["+498970071200..09"]
YAML
}
SOCK=$WORK/config/var/portierd.sock

write_config pbxsim.test "$rtp_start"
start_daemon "$WORK/config/portier.yaml"
wait_state trunk.sip running
reason=$(plugin_field trunk.sip reason)
[ "$reason" = "registered at 127.0.0.1:$SIM_SIP as portier-cps" ] ||
  fail "trunk.sip should be registered at the second SRV target 127.0.0.1:$SIM_SIP, status says '$reason'"
[ "$(cat "$WORK/busy.count" 2>/dev/null || echo 0)" -ge 1 ] || fail "the first SRV target (priority 1) was never asked"
grep -q "registrars for pbxsim.test in order: busy.pbxsim.test (127.0.0.1:$BUSY_SIP, priority 1), sim.pbxsim.test (127.0.0.1:$SIM_SIP, priority 2)" "$WORK/daemon.log" ||
  fail "the SRV targets were not logged in priority order"
grep -q "503 Service Unavailable; trying sim.pbxsim.test" "$WORK/daemon.log" || fail "no failover to the second target was logged"
grep -q "sip: trunk portier-cps registered at sip:portier-cps@127.0.0.1:$TRUNK_SIP" "$WORK/daemon.log" ||
  fail "pbx.sim's registrar did not log the binding"
stop_daemon

# No SRV records for plain.test: its A record, on the default port (nothing listens there; the
# test only checks where trunk.sip turns).
mv "$WORK/daemon.log" "$WORK/daemon-srv.log"
write_config plain.test "$rtp_start"
start_daemon "$WORK/config/portier.yaml"
wait_log "no SRV records for plain.test; its address 127.0.0.1:5060 is the registrar" 10 "no A record fallback for a domain without SRV records"
[ "$(plugin_field trunk.sip state)" = limited ] || fail "trunk.sip should be limited while it is not registered"
stop_daemon
echo "PASS"
