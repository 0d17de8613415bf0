// SPDX-License-Identifier: GPL-3.0-or-later
#include "presence_link.h"

#include <chrono>
#include <cstring>
#include <optional>
#include <string_view>
#include <thread>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <utility>

#include <portier/event.hpp>
#include <portier/kind/presence.h>

#include "jid_keys.h"
#include "presence_post.h"
#include "session_clock.h"
#include "stanza_read.h"

namespace portier::uc {
namespace {

constexpr unsigned long kTurnMs = 50;      // longest wait in libstrophe before commands are looked at
constexpr int kCloseTurns = 40;            // bounded wait for the stream to close on stop
constexpr int kLoggedBadKeys = 20;         // per batch; the rest are counted
constexpr const char *kPingNs = "urn:xmpp:ping";
constexpr const char *kStanzaErrorNs = "urn:ietf:params:xml:ns:xmpp-stanzas";

// libstrophe's certificate callback has no user data; the thread that runs the session is the
// only one that reads this, right after the failure it describes.
thread_local std::string t_cert_problem;

int cert_refused(const xmpp_tlscert_t * /*cert*/, const char *const errormsg) {
   t_cert_problem = errormsg == nullptr ? "certificate not trusted" : errormsg;
   return 0;  // refuse: verification is on unless tls.verify is false
}

// The sockopt callback has no user data either; connect() sets this on the same thread first.
thread_local int t_keepalive_seconds = 60;

// TCP keepalive: idle for keepalive_seconds, then two probes half that apart, so a link that died
// without a FIN is noticed within about twice keepalive_seconds.
int set_keepalive(xmpp_conn_t * /*conn*/, void *sock) {
   const int fd = *static_cast<int *>(sock);
   const int on = 1;
   const int idle = t_keepalive_seconds;
   const int interval = t_keepalive_seconds / 2 + 1;
   const int count = 2;
   int rc = setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
   if (rc == 0) rc = setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
   if (rc == 0) rc = setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
   if (rc == 0) rc = setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
   return rc;
}

// Only warnings and errors are passed on: libstrophe's debug output holds the SASL exchange.
void log_line(void *userdata, xmpp_log_level_t level, const char *area, const char *msg) {
   if (level < XMPP_LEVEL_WARN) return;
   const Host &host = *static_cast<const Host *>(userdata);
   host.warn(std::string("xmpp ") + (area == nullptr ? "" : area) + ": " + (msg == nullptr ? "" : msg));
}

using http::steady_us;

std::string text_of(const char *value) { return value == nullptr ? std::string() : std::string(value); }

// Sends `stanza` and drops our reference.
void send_owned(xmpp_conn_t *conn, xmpp_stanza_t *stanza) {
   xmpp_send(conn, stanza);
   xmpp_stanza_release(stanza);
}

xmpp_stanza_t *element(xmpp_ctx_t *ctx, const char *name, const char *ns) {
   xmpp_stanza_t *e = xmpp_stanza_new(ctx);
   xmpp_stanza_set_name(e, name);
   if (ns != nullptr) xmpp_stanza_set_ns(e, ns);
   return e;
}

// An <iq> answering `request`: xmpp_stanza_reply() cannot take a request without a `from`,
// which is how a server sends its own pushes.
xmpp_stanza_t *answer(xmpp_ctx_t *ctx, xmpp_stanza_t *request, const char *type) {
   xmpp_stanza_t *reply = xmpp_iq_new(ctx, type, xmpp_stanza_get_id(request));
   if (const char *from = xmpp_stanza_get_from(request); from != nullptr) xmpp_stanza_set_to(reply, from);
   return reply;
}

void add_owned_child(xmpp_stanza_t *parent, xmpp_stanza_t *child) {
   xmpp_stanza_add_child(parent, child);
   xmpp_stanza_release(child);
}

}  // namespace

PresenceLink::PresenceLink(Host host, UcSettings settings, http::CommandQueue &queue)
    : host_(host),
      settings_(std::move(settings)),
      queue_(queue),
      backoff_(settings_.reconnect_min_seconds, settings_.reconnect_max_seconds) {}

PresenceLink::~PresenceLink() = default;

void PresenceLink::run(std::stop_token stop) {
   xmpp_initialize();
   xmpp_log_t log{&log_line, &host_};
   ctx_ = xmpp_ctx_new(nullptr, &log);
   if (ctx_ == nullptr) {
      host_.error("cannot create the XMPP context");
      set_limited("cannot create the XMPP context");
      return;
   }
   set_limited("connecting to " + settings_.server + ":" + std::to_string(settings_.port));
   while (!stop.stop_requested()) {
      take_commands();
      if (phase_ == Phase::idle && conn_ == nullptr && steady_us() >= next_attempt_us_) connect();
      xmpp_run_once(ctx_, kTurnMs);
      // a connection that ended inside a callback is released here, outside libstrophe
      if (phase_ == Phase::idle && conn_ != nullptr) {
         xmpp_conn_release(conn_);
         conn_ = nullptr;
      }
   }
   stopping_ = true;
   drop_connection();
   xmpp_ctx_free(ctx_);
   ctx_ = nullptr;
}

void PresenceLink::connect() {
   ++session_;
   const std::optional<std::string> password = host_.secret(settings_.password_secret);
   if (!password) {
      next_attempt_us_ = steady_us() + backoff_.next_delay_us();
      set_limited("the secret '" + settings_.password_secret + "' (password_secret) is not set");
      return;
   }
   conn_ = xmpp_conn_new(ctx_);
   long flags = XMPP_CONN_FLAG_DISABLE_SM;
   if (settings_.tls.mode == TlsMode::none) {
      flags |= XMPP_CONN_FLAG_DISABLE_TLS;
   } else {
      flags |= XMPP_CONN_FLAG_MANDATORY_TLS;
      if (!settings_.tls.verify) flags |= XMPP_CONN_FLAG_TRUST_TLS;
      if (!settings_.tls.ca_file.empty()) xmpp_conn_set_cafile(conn_, settings_.tls.ca_file.c_str());
      xmpp_conn_set_certfail_handler(conn_, &cert_refused);
   }
   xmpp_conn_set_flags(conn_, flags);
   xmpp_conn_set_jid(conn_, (settings_.account_jid() + "/" + settings_.resource).c_str());
   xmpp_conn_set_pass(conn_, password->c_str());
   t_keepalive_seconds = settings_.keepalive_seconds;
   xmpp_conn_set_sockopt_callback(conn_, &set_keepalive);
   t_cert_problem.clear();
   phase_ = Phase::connecting;
   const int rc = xmpp_connect_client(conn_, settings_.server.c_str(), static_cast<unsigned short>(settings_.port),
                                      &PresenceLink::on_connection, this);
   if (rc != XMPP_EOK) {
      phase_ = Phase::idle;  // released by run()
      next_attempt_us_ = steady_us() + backoff_.next_delay_us();
      set_limited("cannot connect to " + settings_.server + ":" + std::to_string(settings_.port));
   }
}

void PresenceLink::drop_connection() {
   if (conn_ == nullptr) return;
   if (phase_ != Phase::idle) {
      xmpp_disconnect(conn_);
      for (int turn = 0; turn < kCloseTurns && phase_ != Phase::idle; ++turn) xmpp_run_once(ctx_, kTurnMs);
   }
   xmpp_conn_release(conn_);
   conn_ = nullptr;
   phase_ = Phase::idle;
}

void PresenceLink::take_commands() {
   std::vector<http::Command> commands = queue_.take();
   if (commands.empty()) return;
   const std::int64_t now = host_.now_us();
   int bad = 0;
   for (const http::Command &c : commands) {
      const WatchedKey key{c.key_type, c.key};
      if (!c.subscribe) {
         watched_.remove(key);
         continue;
      }
      std::string why;
      const std::string jid = jid_for_key(settings_, key.type, key.key, why);
      if (jid.empty()) {
         if (++bad <= kLoggedBadKeys) host_.warn("subscribe: key ignored: " + why);
         continue;
      }
      watched_.add(key, jid);
      if (phase_ == Phase::live) {
         ask_presence(jid);
         report_key(key, state_of(jid), now);
      }
   }
   if (bad > kLoggedBadKeys) host_.warn("subscribe: " + std::to_string(bad - kLoggedBadKeys) + " more keys ignored");
}

void PresenceLink::ask_presence(const std::string &jid) {
   if (!settings_.request_subscription || asked_.contains(jid) || presence_.contains(jid)) return;
   if (const auto found = roster_.find(jid); found != roster_.end() && grants_presence(found->second)) return;
   asked_.emplace(jid, true);
   xmpp_stanza_t *p = xmpp_presence_new(ctx_);
   xmpp_stanza_set_type(p, "subscribe");
   xmpp_stanza_set_to(p, jid.c_str());
   send_owned(conn_, p);
}

PortierPresence PresenceLink::state_of(const std::string &jid) const {
   if (const auto found = presence_.find(jid); found != presence_.end()) return found->second.state();
   // after the initial presence the server has sent every contact that is online: a contact
   // whose presence we may see and that sent none is offline
   if (const auto found = roster_.find(jid); found != roster_.end() && grants_presence(found->second)) {
      return PortierPresence{PORTIER_AVAILABILITY_OFFLINE, PORTIER_ACTIVITY_NONE, "", ""};
   }
   return PortierPresence{PORTIER_AVAILABILITY_UNKNOWN, PORTIER_ACTIVITY_NONE, "", ""};
}

void PresenceLink::report_key(const WatchedKey &key, const PortierPresence &state, std::int64_t now_us) {
   http::post_presence(host_, key.type, key.key, state, now_us, key.key);
}

void PresenceLink::report_jid(const std::string &jid, std::int64_t now_us) {
   const std::vector<WatchedKey> *keys = watched_.keys_of(jid);
   if (keys == nullptr) return;
   const PortierPresence state = state_of(jid);
   for (const WatchedKey &key : *keys) report_key(key, state, now_us);
}

void PresenceLink::report_all(std::int64_t now_us) {
   for (const auto &[jid, keys] : watched_.by_jid()) {
      const PortierPresence state = state_of(jid);
      for (const WatchedKey &key : keys) report_key(key, state, now_us);
   }
}

void PresenceLink::set_limited(const std::string &why) {
   if (stopping_) return;
   (void)host_.report_state(PORTIER_STATE_LIMITED, why);
}

void PresenceLink::on_connection(xmpp_conn_t * /*conn*/, xmpp_conn_event_t event, int error,
                                 xmpp_stream_error_t *stream_error, void *self) {
   auto *link = static_cast<PresenceLink *>(self);
   if (event == XMPP_CONN_CONNECT) {
      link->connected();
   } else if (event == XMPP_CONN_DISCONNECT || event == XMPP_CONN_FAIL) {
      link->disconnected(error, stream_error);
   }
}

void PresenceLink::connected() {
   phase_ = Phase::roster;
   presence_.clear();
   roster_.clear();
   asked_.clear();
   xmpp_handler_add(conn_, &PresenceLink::on_presence, nullptr, "presence", nullptr, this);
   xmpp_handler_add(conn_, &PresenceLink::on_iq, nullptr, "iq", nullptr, this);
   xmpp_stanza_t *iq = xmpp_iq_new(ctx_, "get", ("roster-" + std::to_string(session_)).c_str());
   add_owned_child(iq, element(ctx_, "query", kRosterNs));
   send_owned(conn_, iq);
   host_.info("connected to " + settings_.server + ":" + std::to_string(settings_.port) + " as " +
              text_of(xmpp_conn_get_bound_jid(conn_)) + (xmpp_conn_is_secured(conn_) ? " over TLS" : " in the clear") +
              (settings_.version.empty() ? "" : " (UC " + settings_.version + ")"));
}

void PresenceLink::disconnected(int error, xmpp_stream_error_t *stream_error) {
   const Phase was = phase_;
   phase_ = Phase::idle;
   presence_.clear();
   roster_.clear();
   asked_.clear();
   if (stopping_) return;
   std::string why;
   if (!t_cert_problem.empty()) {
      why = "server certificate refused: " + t_cert_problem;
   } else if (stream_error != nullptr && stream_error->text != nullptr) {
      why = std::string("stream error: ") + stream_error->text;
   } else if (stream_error != nullptr) {
      why = "stream error " + std::to_string(static_cast<int>(stream_error->type));
   } else if (error != 0) {
      why = std::string("connection error: ") + std::strerror(error);
   } else if (was == Phase::connecting) {
      why = "connection, TLS or login failed";
   } else {
      why = "connection closed";
   }
   if (was == Phase::live || was == Phase::syncing || was == Phase::roster) backoff_.reset();
   const std::int64_t delay = backoff_.next_delay_us();
   next_attempt_us_ = steady_us() + delay;
   host_.warn("disconnected from " + settings_.server + ":" + std::to_string(settings_.port) + ": " + why);
   set_limited(why + "; next attempt in " + std::to_string(delay / 1'000'000) + " s");
}

int PresenceLink::on_presence(xmpp_conn_t * /*conn*/, xmpp_stanza_t *stanza, void *self) {
   auto *link = static_cast<PresenceLink *>(self);
   const PresenceStanza p = read_presence(stanza);
   const std::string jid = bare_jid(p.from);
   if (jid.empty() || jid == bare_jid(link->settings_.account_jid())) return 1;
   const bool watched = link->watched_.keys_of(jid) != nullptr;
   auto found = link->presence_.find(jid);
   if (found == link->presence_.end()) {
      JidPresence fresh;
      if (!fresh.apply(p)) return 1;
      found = link->presence_.emplace(jid, std::move(fresh)).first;
   } else if (!found->second.apply(p)) {
      return 1;
   }
   // before the session caught up, caught_up() reports every key at once
   if (watched && link->phase_ == Phase::live) link->report_jid(jid, link->host_.now_us());
   return 1;
}

int PresenceLink::on_iq(xmpp_conn_t * /*conn*/, xmpp_stanza_t *stanza, void *self) {
   auto *link = static_cast<PresenceLink *>(self);
   const std::string type = text_of(xmpp_stanza_get_type(stanza));
   const std::string id = text_of(xmpp_stanza_get_id(stanza));
   const std::string session = std::to_string(link->session_);
   if ((type == "result" || type == "error") && id == "roster-" + session) {
      if (type == "error") link->host_.warn("the server refused the roster; presence is asked per contact");
      link->roster_received(stanza);
   } else if ((type == "result" || type == "error") && id == "sync-" + session) {
      link->caught_up();
   } else if (type == "set" && xmpp_stanza_get_child_by_ns(stanza, kRosterNs) != nullptr) {
      link->roster_pushed(stanza);
   } else if (type == "get" || type == "set") {
      // RFC 6120 §8.2.3: every request gets an answer; we only answer pings
      const bool ping = xmpp_stanza_get_child_by_ns(stanza, kPingNs) != nullptr;
      xmpp_stanza_t *reply = answer(link->ctx_, stanza, ping ? "result" : "error");
      if (!ping) {
         xmpp_stanza_t *error = element(link->ctx_, "error", nullptr);
         xmpp_stanza_set_attribute(error, "type", "cancel");
         add_owned_child(error, element(link->ctx_, "service-unavailable", kStanzaErrorNs));
         add_owned_child(reply, error);
      }
      send_owned(link->conn_, reply);
   }
   return 1;
}

void PresenceLink::roster_received(xmpp_stanza_t *iq) {
   for (auto &[jid, subscription] : read_roster_items(iq)) roster_[jid] = subscription;
   // a negative priority: the console account watches and must not receive people's messages
   xmpp_stanza_t *p = xmpp_presence_new(ctx_);
   xmpp_stanza_t *priority = element(ctx_, "priority", nullptr);
   xmpp_stanza_t *text = xmpp_stanza_new(ctx_);
   xmpp_stanza_set_text(text, "-1");
   add_owned_child(priority, text);
   add_owned_child(p, priority);
   send_owned(conn_, p);
   // the server answers in order: once the ping's answer is here, the presence of every online
   // contact that the initial presence asked for has arrived before it
   xmpp_stanza_t *ping = xmpp_iq_new(ctx_, "get", ("sync-" + std::to_string(session_)).c_str());
   xmpp_stanza_set_to(ping, settings_.domain.c_str());
   add_owned_child(ping, element(ctx_, "ping", kPingNs));
   send_owned(conn_, ping);
   phase_ = Phase::syncing;
}

void PresenceLink::roster_pushed(xmpp_stanza_t *iq) {
   // RFC 6121 §2.1.6: a push comes from our own account (or has no from) and is acknowledged
   const std::string from = text_of(xmpp_stanza_get_from(iq));
   if (!from.empty() && bare_jid(from) != bare_jid(settings_.account_jid())) return;
   for (auto &[jid, subscription] : read_roster_items(iq)) {
      if (subscription == "remove") {
         roster_.erase(jid);
      } else {
         roster_[jid] = subscription;
      }
   }
   send_owned(conn_, answer(ctx_, iq, "result"));
}

void PresenceLink::caught_up() {
   phase_ = Phase::live;
   backoff_.reset();
   for (const auto &[jid, keys] : watched_.by_jid()) ask_presence(jid);
   report_all(host_.now_us());
   (void)host_.report_state(PORTIER_STATE_RUNNING,
                            "connected to " + settings_.server + ":" + std::to_string(settings_.port) + "; " +
                                std::to_string(watched_.key_count()) + " keys on " +
                                std::to_string(watched_.jid_count()) + " JIDs");
}

}  // namespace portier::uc
