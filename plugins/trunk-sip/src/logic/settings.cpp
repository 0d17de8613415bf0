// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings.h"

#include <set>

#include <utility>  // before asio: Boost 1.74 misses it under C++20

#include <boost/asio/ip/address.hpp>
#include <portier/base.h>
#include <portier/dns/dns_message.h>
#include <portier/dns/nameserver.h>
#include <portier/settings.hpp>

#include <portier/did_you_mean.hpp>
#include "nested_settings.h"
#include "settings_numbers.h"

namespace portier::trunk {
namespace {

constexpr const char *kTop = "settings";

bool is_ip(const std::string &text) {
   boost::system::error_code ec;
   (void)boost::asio::ip::make_address(text, ec);
   return !ec;
}

bool is_host_name(std::string_view name) {
   if (name.empty() || name.size() > 253) return false;
   for (const char c : name) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
      if (!ok) return false;
   }
   return true;
}

// A SIP user part we put in From/To and the Contact: no separators, no spaces.
bool is_user_name(std::string_view name) {
   for (const char c : name) {
      if (c <= ' ' || c == '@' || c == ':' || c == ';' || c == '<' || c == '>' || c == '"' || c == '?' || c == 0x7f) {
         return false;
      }
   }
   return true;
}

// Secret names as the configuration allows them: a-z, 0-9, '_', '.', '-'.
bool is_secret_name(std::string_view name) {
   for (const char c : name) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
      if (!ok) return false;
   }
   return true;
}

// A string setting that must be one of `choices`; returns its index, or `fallback`.
std::size_t read_choice(Settings &s, std::string_view key, const std::vector<std::string> &choices,
                        std::size_t fallback) {
   const std::string text = s.get_string(key, choices[fallback], 1, 32);
   for (std::size_t i = 0; i < choices.size(); ++i) {
      if (choices[i] == text) return i;
   }
   std::string list;
   for (const std::string &c : choices) list += (list.empty() ? "" : ", ") + c;
   const std::string near = closest_name(text, choices);
   s.problem(key, "'" + text + "' is not one of " + list + (near.empty() ? "" : " (did you mean '" + near + "'?)"));
   return fallback;
}

// registrar {host, port} or domain (+ dns_server): one way to find the registrar.
void read_registrar(Settings &s, Problems &problems, TrunkSettings &t) {
   if (auto r = problems.object(s, kTop, "registrar")) {
      t.registrar_host = r->get_string("host", "", 1, 253);
      t.registrar_port = r->get_int("port", t.registrar_port, 1, 65535);
      if (!r->has("host")) r->problem("host", "required (the registrar's address, usually the OSV's)");
      if (!t.registrar_host.empty() && !is_ip(t.registrar_host) && !is_host_name(t.registrar_host)) {
         r->problem("host", "'" + t.registrar_host + "' is neither an IP address nor a host name");
      }
      problems.collect(*r, "settings.registrar");
   }
   t.domain = s.get_string("domain", "", 1, 253);
   t.dns_server = s.get_string("dns_server", "", 1, 64);
   const bool has_registrar = s.has("registrar");
   if (has_registrar && !t.domain.empty()) s.problem("domain", "use either registrar or domain, not both");
   if (t.domain.empty() && !t.dns_server.empty()) s.problem("dns_server", "is only used together with domain");
   if (!t.domain.empty()) {
      if (t.domain.starts_with("_") || !is_host_name(t.domain) ||
          !dns::build_dns_query(0, registrar_srv_name(t), dns::kDnsTypeSrv)) {
         s.problem("domain", "'" + t.domain + "' is not a domain name (write the domain itself, e.g. osvcluster.com, " +
                                 "not _sip._udp.osvcluster.com)");
      }
   }
   if (!t.dns_server.empty() && !dns::parse_name_server(t.dns_server)) {
      s.problem("dns_server", "expected an IP address with an optional port, e.g. 127.0.0.1:5353");
   }
   if (t.mode == Mode::trunk && !has_registrar && t.domain.empty()) {
      problems.add("settings.registrar: required in trunk mode: registrar {host, port} or domain");
   }
}

void read_tls(Settings &s, Problems &problems, TrunkSettings &t) {
   auto tls = problems.object(s, kTop, "tls");
   if (!tls) {
      if (t.transport == Transport::tls && !s.has("tls")) {
         problems.add("settings.tls: required with transport tls (cert_file and key_file)");
      }
      return;
   }
   t.tls.cert_file = tls->get_string("cert_file", "", 1, 4096);
   t.tls.key_file = tls->get_string("key_file", "", 1, 4096);
   t.tls.ca_file = tls->get_string("ca_file", "", 1, 4096);
   t.tls.verify = tls->get_bool("verify", t.tls.verify);
   if (t.transport != Transport::tls) {
      problems.add("settings.tls: only used with transport tls");
   } else {
      if (t.tls.cert_file.empty()) tls->problem("cert_file", "required with transport tls");
      if (t.tls.key_file.empty()) tls->problem("key_file", "required with transport tls");
   }
   problems.collect(*tls, "settings.tls");
}

void read_network(Settings &s, Problems &problems, TrunkSettings &t) {
   if (auto l = problems.object(s, kTop, "listen")) {
      t.listen_address = l->get_string("address", t.listen_address, 1, 64);
      t.listen_port = l->get_int("port", t.listen_port, 0, 65535);
      if (!is_ip(t.listen_address)) l->problem("address", "'" + t.listen_address + "' is not an IP address");
      problems.collect(*l, "settings.listen");
   }
   if (auto r = problems.object(s, kTop, "rtp")) {
      t.rtp_address = r->get_string("address", "", 1, 64);
      t.rtp_start_port = r->get_int("start_port", t.rtp_start_port, 1024, 65534);
      t.rtp_count = r->get_int("count", t.rtp_count, 2, 64512);
      if (!t.rtp_address.empty() && !is_ip(t.rtp_address)) {
         r->problem("address", "'" + t.rtp_address + "' is not an IP address");
      }
      if (t.rtp_start_port % 2 != 0) r->problem("start_port", "must be even (RTP on even ports, RTCP above)");
      if (t.rtp_start_port + t.rtp_count - 1 > 65535) {
         r->problem("count", std::to_string(t.rtp_count) + " ports from " + std::to_string(t.rtp_start_port) +
                                 " run past 65535");
      }
      problems.collect(*r, "settings.rtp");
   }
   const std::string rtp_address = t.rtp_address.empty() ? t.listen_address : t.rtp_address;
   // Config mode holds no RTP port, so its SIP port may fall anywhere.
   if (t.mode == Mode::trunk && rtp_address == t.listen_address && t.listen_port >= t.rtp_start_port &&
       t.listen_port < t.rtp_start_port + t.rtp_count) {
      problems.add("settings.rtp: the range " + std::to_string(t.rtp_start_port) + ".." +
                   std::to_string(t.rtp_start_port + t.rtp_count - 1) + " holds the SIP port " +
                   std::to_string(t.listen_port) + " (listen.port); the whole range must be free");
   }
}

void read_channels(Settings &s, Problems &problems, TrunkSettings &t, std::vector<std::string> &warnings) {
   t.channels = s.get_int("channels", t.channels, 3, kMaxChannels);
   t.ratio = s.get_int("ratio", t.ratio, 1, 5);
   if (t.channels > kMaxProductChannels) {
      warnings.push_back("settings.channels: " + std::to_string(t.channels) + " is more than the " +
                         std::to_string(kMaxProductChannels) + " channels an OpenScape Voice trunk offers");
   }
   auto plan = plan_channels(t.channels, t.ratio);
   if (!plan.ok()) {
      problems.add("settings.channels: " + plan.message());
   } else {
      t.channel_plan = plan.value();
   }
   // every channel needs an RTP port and its RTCP neighbour
   if (t.rtp_count < 2 * t.channels) {
      problems.add("settings.rtp.count: " + std::to_string(t.rtp_count) + " ports are too few for " +
                   std::to_string(t.channels) + " channels (2 per channel: at least " + std::to_string(2 * t.channels) + ")");
   }
}

void read_media(Settings &s, Problems &problems, TrunkSettings &t) {
   const json::Value *list = s.get("media");
   if (list == nullptr) return;
   if (list->kind != json::Kind::array) {
      problems.add(std::string("settings.media: expected a list of {id, file}, got ") + json::describe(list->kind));
      return;
   }
   if (list->items.size() > kMaxMediaFiles) {
      problems.add("settings.media: " + std::to_string(list->items.size()) + " files, at most " +
                   std::to_string(kMaxMediaFiles) + " allowed");
      return;
   }
   std::set<std::string> ids;
   for (std::size_t i = 0; i < list->items.size(); ++i) {
      const std::string name = "settings.media[" + std::to_string(i) + "]";
      auto m = problems.object(list->items[i], name);
      if (!m) continue;
      MediaFile f;
      f.id = m->get_string("id", "", 1, PORTIER_ID_SIZE - 1);
      f.file = m->get_string("file", "", 1, 4096);
      if (!m->has("id")) m->problem("id", "required");
      if (!m->has("file")) m->problem("file", "required (a WAV file)");
      if (!f.id.empty() && !ids.insert(f.id).second) m->problem("id", "'" + f.id + "' is listed twice");
      const std::size_t before = problems.lines().size();
      problems.collect(*m, name);
      if (problems.lines().size() == before) t.media.push_back(std::move(f));
   }
}

void read_session(Settings &s, TrunkSettings &t) {
   t.early_media = read_choice(s, "early_media", {"pass", "ringback"}, 0) == 0 ? EarlyMedia::pass : EarlyMedia::ringback;
   t.min_se_s = s.get_int("min_se_s", t.min_se_s, 90, 86400);
   t.session_expires_s = s.get_int("session_expires_s", t.session_expires_s, 90, 86400);
   if (t.session_expires_s < t.min_se_s) s.problem("session_expires_s", "must not be below min_se_s");
}

void read_overload(Settings &s, Problems &problems, TrunkSettings &t) {
   if (auto o = problems.object(s, kTop, "overload")) {
      t.overload.max_delay_ms = o->get_int("max_delay_ms", t.overload.max_delay_ms, 0, 60000);
      t.overload.retry_after_s = o->get_int("retry_after_s", t.overload.retry_after_s, 1, 3600);
      t.overload.max_transactions = o->get_int("max_transactions", t.overload.max_transactions, 1024, 2000000);
      problems.collect(*o, "settings.overload");
   }
}

}  // namespace

const char *transport_name(Transport t) {
   switch (t) {
   case Transport::udp: return "udp";
   case Transport::tcp: return "tcp";
   case Transport::tls: return "tls";
   }
   return "?";
}

std::string registrar_srv_name(const TrunkSettings &s) {
   if (s.domain.empty()) return "";
   switch (s.transport) {
   case Transport::udp: return "_sip._udp." + s.domain;
   case Transport::tcp: return "_sip._tcp." + s.domain;
   case Transport::tls: return "_sips._tcp." + s.domain;
   }
   return "";
}

std::string describe(const TrunkSettings &s) {
   if (s.mode == Mode::config) return "config mode: no trunk, calls are refused";
   const std::string where = s.domain.empty() ? s.registrar_host + ":" + std::to_string(s.registrar_port)
                                              : "domain " + s.domain + " (" + registrar_srv_name(s) + ")";
   return "trunk to " + where + " over " + transport_name(s.transport) + " as " + s.register_id;
}

Result<SettingsRead> read_settings(std::string_view json) {
   Settings s(json, kTop);
   Problems problems;
   SettingsRead out;
   TrunkSettings &t = out.settings;
   t.mode = read_choice(s, "mode", {"trunk", "config"}, 0) == 0 ? Mode::trunk : Mode::config;
   const bool trunk = t.mode == Mode::trunk;
   t.register_id = s.get_string("register_id", "", 1, 64);
   if (trunk && !s.has("register_id")) s.problem("register_id", "required in trunk mode (the endpoint's Alias in the PBX)");
   if (!is_user_name(t.register_id)) s.problem("register_id", "must not hold spaces or any of @ : ; < > \" ?");
   const auto transport = read_choice(s, "transport", {"udp", "tcp", "tls"}, 0);
   t.transport = transport == 0 ? Transport::udp : transport == 1 ? Transport::tcp : Transport::tls;
   read_registrar(s, problems, t);
   read_tls(s, problems, t);
   t.auth_user = s.get_string("auth_user", t.register_id, 1, 64);
   if (!is_user_name(t.auth_user)) s.problem("auth_user", "must not hold spaces or any of @ : ; < > \" ?");
   t.password_secret = s.get_string("password_secret", "", 1, 63);
   if (!is_secret_name(t.password_secret)) {
      s.problem("password_secret", "a secret's name (a-z, 0-9, _ . -) from the entry's secrets, not the password");
   }
   t.register_interval_s = s.get_int("register_interval_s", t.register_interval_s, 1, 86400);
   if (t.register_interval_s < kPbxMinRegisterInterval) {
      out.warnings.push_back("settings.register_interval_s: " + std::to_string(t.register_interval_s) +
                             " raised to 300 (OpenScape Voice deactivates an endpoint that registers more often; 305 is recommended)");
      t.register_interval_s = kPbxMinRegisterInterval;
   }
   read_network(s, problems, t);
   read_channels(s, problems, t, out.warnings);
   t.numbers = read_number_plan(s, problems, trunk);
   read_media(s, problems, t);
   read_session(s, t);
   read_overload(s, problems, t);
   problems.collect(s, kTop);
   if (auto done = problems.finish(); !done.ok()) return done.error();
   return out;
}

}  // namespace portier::trunk
