#!/usr/bin/env bash
# client.web with tls: a self-signed certificate made by openssl for the test; the plugin's own
# files (the placeholder console) over HTTPS, a console over WSS, and plain HTTP refused. A
# missing key file fails the start with the key's name.
. "$(dirname "$0")/../daemon/lib.sh"
. "$(dirname "$0")/web_lib.sh"
command -v openssl >/dev/null || fail "openssl is not installed"

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>"$WORK/openssl.log" || fail "openssl could not make a certificate: $(cat "$WORK/openssl.log")"

write_web_config "        tls: { certificate: $WORK/cert.pem, key: $WORK/key.pem }"
start_web_daemon
grep -q "client.web: serving .* on https://127.0.0.1:$WEB_PORT" "$WORK/daemon.log" || fail "the log does not say https"

curl -sS -k -D "$WORK/h1" -o "$WORK/b1" "https://127.0.0.1:$WEB_PORT/" || fail "GET / over HTTPS failed"
[ "$(status_of "$WORK/h1")" = 200 ] || fail "GET / over HTTPS answered $(status_of "$WORK/h1")"
grep -q "Portier attendant console" "$WORK/b1" || fail "the plugin's own placeholder console was not served"
code=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$WEB_PORT/" 2>/dev/null || true)
[ "$code" != 200 ] || fail "plain HTTP was answered on the TLS port"

# Log-on over HTTPS: the session cookie is Secure, HttpOnly and SameSite=Strict.
code=$(WEB_URL="https://127.0.0.1:$WEB_PORT" log_on anna DEFAULT anna secret-anna -k)
[ "$code" = 200 ] || fail "log-on over HTTPS answered $code: $(cat "$WORK/anna.b")"
cookie=$(header set-cookie "$WORK/anna.h")
case "$cookie" in
  portier_session=*"; HttpOnly"*"; SameSite=Strict"*"; Secure"*) ;;
  *) fail "the session cookie under TLS is '$cookie', expected HttpOnly, SameSite=Strict and Secure" ;;
esac
probe --tls --cookie "portier_session=$(session_of anna)" <<'STEPS'
expect "type":"answer" && "snapshot":{
send {"type":"snapshot","id":"again"}
expect "id":"again" && "ok":true
STEPS
stop_daemon

# A key that cannot be read: the plugin fails to start and says which setting.
write_web_config "        tls: { certificate: $WORK/cert.pem, key: $WORK/missing.pem }"
start_daemon "$WORK/portier.yaml"
wait_state client.web failed
reason=$(plugin_field client.web reason)
case "$reason" in
  *settings.tls.key*missing.pem*) ;;
  *) fail "the failed start does not name settings.tls.key: '$reason'" ;;
esac
stop_daemon
echo "PASS"
