// SPDX-License-Identifier: GPL-3.0-or-later
#include "registration_client.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>
#include <random>

#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/address.hpp>

#include <portier/dns/dns_message.h>
#include <portier/dns/nameserver.h>

#include "core.h"
#include "digest.h"
#include "message_build.h"

namespace portier::trunk {

namespace asio = boost::asio;

namespace {
constexpr std::int64_t kDnsTimeoutMs = 3000;  // per lookup; a failed one counts as a failed attempt
constexpr std::int64_t kDnsResendUs = 1000000;
}  // namespace

// The A record of a name, from the same DNS server as the SRV lookup: RFC 3263 4.2 falls back to
// the domain's address when it has no SRV records. lib-dns asks A only for SRV targets, so this
// one query lives here; resent each second, failed at its deadline on the host clock.
class AddressQuery {
public:
   using Done = std::function<void(std::string address, std::string error)>;

   AddressQuery(asio::io_context &io, std::function<std::int64_t()> clock) : socket_(io), clock_(std::move(clock)) {}
   ~AddressQuery() { cancel(); }

   void start(const dns::NameServer &server, std::string name, Done done) {
      cancel();
      done_ = std::move(done);
      busy_ = true;
      name_ = std::move(name);
      label_ = server.address + ":" + std::to_string(server.port);
      deadline_us_ = clock_() + kDnsTimeoutMs * 1000;
      id_ = static_cast<std::uint16_t>(ids_());
      auto query = dns::build_dns_query(id_, name_, dns::kDnsTypeA);
      if (!query) return finish({}, "not a valid DNS name: " + name_);
      query_ = std::move(*query);
      boost::system::error_code ec;
      const auto address = asio::ip::make_address(server.address, ec);
      if (!ec) socket_.open(address.is_v4() ? asio::ip::udp::v4() : asio::ip::udp::v6(), ec);
      if (!ec) socket_.connect(asio::ip::udp::endpoint(address, server.port), ec);
      if (ec) return finish({}, "cannot reach DNS server " + label_ + ": " + ec.message());
      receive();
      transmit();
   }

   void check() {
      if (!busy_) return;
      const std::int64_t now = clock_();
      if (now >= deadline_us_) return finish({}, "no answer from DNS server " + label_ + " for " + name_);
      if (now - sent_us_ >= kDnsResendUs) transmit();
   }

   void cancel() {
      ++generation_;
      busy_ = false;
      boost::system::error_code ignored;
      socket_.close(ignored);
   }

private:
   void transmit() {
      sent_us_ = clock_();
      boost::system::error_code ignored;
      socket_.send(asio::buffer(query_), 0, ignored);  // a lost datagram is resent by check()
   }

   void receive() {
      const std::uint64_t gen = generation_;
      socket_.async_receive(asio::buffer(buffer_), [this, gen](const boost::system::error_code &ec, std::size_t n) {
         if (gen != generation_) return;
         if (ec) return finish({}, "DNS server " + label_ + ": " + ec.message());
         const dns::DnsParse parsed = dns::parse_dns_response(std::string_view(buffer_.data(), n));
         if (!parsed.answer || parsed.answer->id != id_ || parsed.answer->question != dns::normal_dns_name(name_)) {
            return receive();  // not ours (or unreadable): ours may still come before the deadline
         }
         if (parsed.answer->addresses.empty()) {
            return finish({}, "no SRV records and no A record for " + name_ + " at " + label_);
         }
         finish(parsed.answer->addresses.front().address, {});
      });
   }

   void finish(std::string address, std::string error) {
      if (!busy_) return;
      Done done = std::move(done_);
      cancel();
      if (done) done(std::move(address), std::move(error));
   }

   asio::ip::udp::socket socket_;
   std::function<std::int64_t()> clock_;
   Done done_;
   bool busy_ = false;
   std::uint64_t generation_ = 0;
   std::string name_;
   std::string label_;
   std::string query_;
   std::uint16_t id_ = 0;
   std::int64_t deadline_us_ = 0;
   std::int64_t sent_us_ = 0;
   std::array<char, dns::kMaxDnsMessage> buffer_{};
   std::mt19937 ids_{std::random_device{}()};
};

RegistrationClient::RegistrationClient() = default;
RegistrationClient::~RegistrationClient() = default;

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

// Our address of record's host and the REGISTER's Request-URI: the domain when there is one
// (RFC 3261 10.2), else the registrar as configured.
std::string aor_host(const Core &core) {
   return core.settings.domain.empty() ? core.settings.registrar_host : core.settings.domain;
}
std::string register_uri(const Core &core) {
   return "sip:" + (core.settings.domain.empty() ? registrar_hostport(core) : core.settings.domain);
}

std::string where(const Core &core) {
   const RegistrationClient &r = *core.registration;
   std::string text = registrar_hostport(core);
   if (!core.settings.domain.empty() && !r.targets.empty()) {
      text += " (target " + std::to_string(r.targets.position()) + " of " + std::to_string(r.targets.size()) +
              " for " + core.settings.domain + ")";
   }
   return text;
}

void report(Core &core) {
   RegistrationClient &r = *core.registration;
   const bool registered = r.timing.state() == RegistrationState::registered;
   core.registered.store(registered);
   const std::int32_t state = registered ? PORTIER_STATE_RUNNING : PORTIER_STATE_LIMITED;
   std::string reason = registered ? "registered at " + r.bound_to + " as " + core.settings.register_id
                                   : "not registered: " + r.timing.reason();
   if (registered && !r.timing.reason().empty()) reason += " (" + r.timing.reason() + ")";
   if (state == r.reported_state && reason == r.reported_reason) return;
   r.reported_state = state;
   r.reported_reason = reason;
   (void)core.host.report_state(state, reason);
   core.host.info("trunk.sip: registration " + std::string(state_name(r.timing.state())) + ": " + reason);
}

void send_register(Core &core, std::string authorization_header, std::string authorization);

// The attempt is over without a binding: back off (logic::Registration), then start afresh.
void attempt_failed(Core &core, std::string why) {
   RegistrationClient &r = *core.registration;
   r.in_flight = false;
   r.timing.failed(core.host.now_us(), std::move(why));
   report(core);
}

// Points the core at the current target and sends the attempt's first REGISTER.
void register_at_target(Core &core) {
   RegistrationClient &r = *core.registration;
   const dns::Node &node = r.targets.current();
   core.resolved_registrar_host = node.address.empty() ? node.name : node.address;
   core.resolved_registrar_port = node.port;
   send_register(core, {}, {});
}

// A target that does not answer, or answers 5xx, passes the attempt to the next one (RFC 3263
// 4.3); true when there was one.
bool try_next_target(Core &core, const std::string &why) {
   RegistrationClient &r = *core.registration;
   if (!r.targets.advance()) return false;
   core.host.warn("trunk.sip: registrar " + registrar_hostport(core) + ": " + why + "; trying " +
                  r.targets.current().label() + " (target " + std::to_string(r.targets.position()) + " of " +
                  std::to_string(r.targets.size()) + ")");
   register_at_target(core);
   return true;
}

void resolved(Core &core, std::vector<dns::Node> nodes) {
   RegistrationClient &r = *core.registration;
   // A refresh stays with the registrar holding the binding while the records still name it;
   // the weighted pick could otherwise move it to an equal-priority sibling every time.
   auto bound = std::find_if(nodes.begin(), nodes.end(), [&](const dns::Node &n) {
      return n.address + ":" + std::to_string(n.port) == r.bound_to;
   });
   if (bound != nodes.end()) std::rotate(nodes.begin(), bound, bound + 1);
   std::string list;
   for (const dns::Node &n : nodes) list += (list.empty() ? "" : ", ") + n.label();
   core.host.info("trunk.sip: registrars for " + core.settings.domain + " in order: " + list);
   r.targets.reset(std::move(nodes));
   register_at_target(core);
}

// No SRV records: the domain's A record, on 5060 (5061 for TLS).
void resolve_address(Core &core, const dns::NameServer &server) {
   RegistrationClient &r = *core.registration;
   if (!r.fallback) r.fallback = std::make_unique<AddressQuery>(core.io, [&core] { return core.host.now_us(); });
   r.fallback->start(server, core.settings.domain, [&core](std::string address, std::string error) {
      if (!error.empty()) return attempt_failed(core, "cannot find the registrar of " + core.settings.domain + ": " + error);
      const std::uint16_t port = core.settings.transport == Transport::tls ? 5061 : 5060;
      core.host.info("trunk.sip: no SRV records for " + core.settings.domain + "; its address " + address + ":" +
                     std::to_string(port) + " is the registrar");
      resolved(core, {dns::Node{core.settings.domain, address, port, 0, 0, false}});
   });
}

// Starts an attempt: the configured registrar, or a fresh look at the domain's SRV records.
void begin_attempt(Core &core) {
   RegistrationClient &r = *core.registration;
   r.in_flight = true;
   if (core.settings.domain.empty()) {
      r.targets.reset({dns::Node{core.settings.registrar_host, "", static_cast<std::uint16_t>(core.settings.registrar_port),
                                 0, 0, false}});
      return send_register(core, {}, {});
   }
   const auto server = core.settings.dns_server.empty() ? dns::system_name_server()
                                                        : dns::parse_name_server(core.settings.dns_server);
   if (!server) return attempt_failed(core, "no DNS server to ask for " + core.settings.domain + ": /etc/resolv.conf names none");
   if (!r.srv) r.srv = std::make_unique<dns::SrvLookup>(core.io, [&core] { return core.host.now_us(); });
   const dns::NameServer ask = *server;
   r.srv->start(ask, registrar_srv_name(core.settings), kDnsTimeoutMs,
                [&core, ask](dns::LookupOutcome out) {
                   // NOERROR without records, or NXDOMAIN for the SRV name: the domain has none
                   if (!out.error.empty() && (out.error.starts_with("no SRV records") || out.error.starts_with("no such name"))) {
                      return resolve_address(core, ask);
                   }
                   if (!out.error.empty()) return attempt_failed(core, "cannot find the registrar of " + core.settings.domain + ": " + out.error);
                   if (!out.notes.empty()) core.host.warn("trunk.sip: DNS SRV for " + core.settings.domain + ": " + out.notes);
                   resolved(core, std::move(out.nodes));
                },
                dns::SrvOrder::weighted);
}

void on_reply(Core &core, const sip::ClientReply &reply, bool authorized) {
   RegistrationClient &r = *core.registration;
   const std::int64_t now = core.host.now_us();
   if (reply.response == nullptr) {
      const std::string why = reply.failure.empty() ? "no answer" : reply.failure;
      if (try_next_target(core, why)) return;
      return attempt_failed(core, why);
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
         return attempt_failed(core, std::to_string(status) + " " + res.reason() +
                                         (password ? "" : " (no password secret to answer the challenge)"));
      }
      const sip::DigestParse parsed = sip::parse_digest_challenge(*challenge_text);
      if (!parsed.challenge) {
         return attempt_failed(core, std::to_string(status) + " with an unreadable challenge: " + parsed.error);
      }
      sip::DigestAnswer answer;
      answer.username = core.settings.auth_user.empty() ? core.settings.register_id : core.settings.auth_user;
      answer.password = *password;
      answer.method = "REGISTER";
      answer.uri = register_uri(core);
      answer.cnonce = sip::new_tag();
      const std::string value = sip::digest_authorization(*parsed.challenge, answer);
      if (value.empty()) return attempt_failed(core, "challenge algorithm " + parsed.challenge->algorithm + " not supported");
      send_register(core, status == 401 ? "Authorization" : "Proxy-Authorization", value);
      return;
   }
   if (status >= 500 && try_next_target(core, std::to_string(status) + " " + res.reason())) return;
   r.in_flight = false;
   if (status >= 200 && status < 300) {
      r.bound_to = registrar_hostport(core);
      const std::string warning = r.timing.granted(now, granted_expiry(res, r.timing.expires_s()));
      if (!warning.empty()) core.host.warn("trunk.sip: " + warning);
      core.host.debug("trunk.sip: registered at " + where(core));
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
   const std::string aor = "<sip:" + core.settings.register_id + "@" + aor_host(core) + ">";
   sip::RequestParts parts;
   parts.method = "REGISTER";
   parts.request_uri = register_uri(core);
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
   if (!built.message) return attempt_failed(core, "REGISTER not built: " + built.error);
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
   if (r.srv) r.srv->check();
   if (r.fallback) r.fallback->check();
   const std::int64_t now = core.host.now_us();
   r.timing.tick(now);
   if (!r.in_flight && r.timing.due(now)) {
      r.timing.sent(now);
      begin_attempt(core);
   }
   report(core);
}

}  // namespace portier::trunk
