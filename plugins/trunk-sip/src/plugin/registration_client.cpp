// SPDX-License-Identifier: GPL-3.0-or-later
#include "registration_client.h"

#include <charconv>

#include "core.h"
#include "digest.h"
#include "message_build.h"

namespace portier::trunk {
namespace {

std::int64_t parse_seconds(std::string_view text, std::int64_t fallback) {
   while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
   std::int64_t v = 0;
   const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
   return ec == std::errc() && end != text.data() ? v : fallback;
}

// The expiry a 2xx granted: the Contact's expires parameter, else the Expires header.
std::int64_t granted_expiry(const sip::Message &ok, std::int64_t asked) {
   for (const std::string &contact : ok.header_values("Contact")) {
      const auto at = contact.find("expires=");
      if (at != std::string::npos) return parse_seconds(std::string_view(contact).substr(at + 8), asked);
   }
   if (auto e = ok.header("Expires")) return parse_seconds(*e, asked);
   return asked;
}

void report(Core &core) {
   RegistrationClient &r = *core.registration;
   const bool registered = r.timing.state() == RegistrationState::registered;
   core.registered.store(registered);
   const std::int32_t state = registered ? PORTIER_STATE_RUNNING : PORTIER_STATE_LIMITED;
   const std::string reason = registered ? std::string() : "not registered: " + r.timing.reason();
   if (state == r.reported_state && reason == r.reported_reason) return;
   r.reported_state = state;
   r.reported_reason = reason;
   (void)core.host.report_state(state, reason);
   core.host.info("trunk.sip: registration " + std::string(state_name(r.timing.state())) +
                  (reason.empty() ? "" : ": " + reason));
}

void send_register(Core &core, std::string authorization_header, std::string authorization);

void on_reply(Core &core, const sip::ClientReply &reply, bool authorized) {
   RegistrationClient &r = *core.registration;
   const std::int64_t now = core.host.now_us();
   if (reply.response == nullptr) {
      r.in_flight = false;
      r.timing.failed(now, reply.failure.empty() ? "no answer" : reply.failure);
      report(core);
      return;
   }
   const sip::Message &res = *reply.response;
   const int status = res.status();
   if (status < 200) return;
   if ((status == 401 || status == 407) && !authorized) {
      const char *challenge_name = status == 401 ? "WWW-Authenticate" : "Proxy-Authenticate";
      const auto challenge_text = res.header(challenge_name);
      const auto password = core.settings.password_secret.empty()
                                ? std::nullopt
                                : core.host.secret(core.settings.password_secret);
      if (!challenge_text || !password) {
         r.in_flight = false;
         r.timing.failed(now, std::to_string(status) + " " + res.reason() +
                                  (password ? "" : " (no password secret to answer the challenge)"));
         report(core);
         return;
      }
      const sip::DigestParse parsed = sip::parse_digest_challenge(*challenge_text);
      if (!parsed.challenge) {
         r.in_flight = false;
         r.timing.failed(now, std::to_string(status) + " with an unreadable challenge: " + parsed.error);
         report(core);
         return;
      }
      sip::DigestAnswer answer;
      answer.username = core.settings.auth_user.empty() ? core.settings.register_id : core.settings.auth_user;
      answer.password = *password;
      answer.method = "REGISTER";
      answer.uri = "sip:" + registrar_hostport(core);
      answer.cnonce = sip::new_tag();
      const std::string value = sip::digest_authorization(*parsed.challenge, answer);
      if (value.empty()) {
         r.in_flight = false;
         r.timing.failed(now, "challenge algorithm " + parsed.challenge->algorithm + " not supported");
         report(core);
         return;
      }
      send_register(core, status == 401 ? "Authorization" : "Proxy-Authorization", value);
      return;
   }
   r.in_flight = false;
   if (status >= 200 && status < 300) {
      const std::string warning = r.timing.granted(now, granted_expiry(res, r.timing.expires_s()));
      if (!warning.empty()) core.host.warn("trunk.sip: " + warning);
   } else if (status == 423) {
      r.timing.interval_too_brief(now, parse_seconds(res.header("Min-Expires").value_or(""), 0));
   } else {
      r.timing.failed(now, std::to_string(status) + " " + res.reason());
   }
   report(core);
   registration_tick(core);  // a 423 asks again at once
}

void send_register(Core &core, std::string authorization_header, std::string authorization) {
   RegistrationClient &r = *core.registration;
   const std::string aor = "<sip:" + core.settings.register_id + "@" + core.settings.registrar_host + ">";
   sip::RequestParts parts;
   parts.method = "REGISTER";
   parts.request_uri = "sip:" + registrar_hostport(core);
   parts.from = aor + ";tag=" + r.from_tag;
   parts.to = aor;
   parts.call_id = r.call_id;
   parts.cseq = ++r.cseq;
   parts.via = our_via(core);
   parts.contact = our_contact(core, core.settings.register_id);
   parts.headers.emplace_back("Expires", std::to_string(r.timing.expires_s()));
   parts.headers.emplace_back("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, PRACK, INFO, NOTIFY");
   const bool authorized = !authorization.empty();
   if (authorized) parts.headers.emplace_back(std::move(authorization_header), std::move(authorization));
   sip::BuildResult built = sip::build_request(parts);
   if (!built.message) {
      r.in_flight = false;
      r.timing.failed(core.host.now_us(), "REGISTER not built: " + built.error);
      report(core);
      return;
   }
   r.in_flight = true;
   core.layer->send_request(std::move(*built.message), registrar_peer(core),
                            [&core, authorized](const sip::ClientReply &reply) { on_reply(core, reply, authorized); });
}

}  // namespace

void start_registration(Core &core) {
   RegistrationPolicy policy;
   policy.interval_s = core.settings.register_interval_s;
   core.registration = std::make_unique<RegistrationClient>();
   core.registration->timing = Registration(policy);
   core.registration->call_id = sip::new_call_id(core.sip_host);
   core.registration->from_tag = sip::new_tag();
   core.registration->timing.start(core.host.now_us());
   report(core);
   registration_tick(core);
}

void registration_tick(Core &core) {
   if (!core.registration) return;
   RegistrationClient &r = *core.registration;
   const std::int64_t now = core.host.now_us();
   r.timing.tick(now);
   if (!r.in_flight && r.timing.due(now)) {
      r.timing.sent(now);
      send_register(core, {}, {});
   }
   report(core);
}

}  // namespace portier::trunk
