// SPDX-License-Identifier: GPL-3.0-or-later
// The XMPP session of presence.uc, on the plugin's own thread: connects (STARTTLS, SASL,
// resource binding by libstrophe), reads the roster, sends initial presence, and turns every
// <presence> from a watched JID into PORTIER_PRESENCE_EV_STATE events. On loss it reports the
// plugin limited and reconnects with backoff; the watch list survives and is re-reported once
// the new session has caught up.
#pragma once

#include <cstdint>
#include <memory>
#include <stop_token>
#include <string>
#include <unordered_map>

#include <strophe.h>

#include <portier/host.hpp>

#include "command_queue.h"
#include "presence_state.h"
#include "retry_backoff.h"
#include "uc_settings.h"
#include "watch_list.h"

namespace portier::uc {

class PresenceLink {
public:
   PresenceLink(Host host, UcSettings settings, http::CommandQueue &queue);
   ~PresenceLink();
   PresenceLink(const PresenceLink &) = delete;
   PresenceLink &operator=(const PresenceLink &) = delete;

   // The thread's body: returns when `stop` is requested, after closing the stream. [plugin thread]
   void run(std::stop_token stop);

private:
   enum class Phase { idle, connecting, roster, syncing, live };

   void connect();
   void drop_connection();
   void take_commands();
   void ask_presence(const std::string &jid);
   void report_key(const WatchedKey &key, const PortierPresence &state, std::int64_t now_us);
   void report_jid(const std::string &jid, std::int64_t now_us);
   void report_all(std::int64_t now_us);
   PortierPresence state_of(const std::string &jid) const;
   void set_limited(const std::string &why);

   static void on_connection(xmpp_conn_t *conn, xmpp_conn_event_t event, int error, xmpp_stream_error_t *stream_error,
                             void *self);
   static int on_presence(xmpp_conn_t *conn, xmpp_stanza_t *stanza, void *self);
   static int on_iq(xmpp_conn_t *conn, xmpp_stanza_t *stanza, void *self);
   void connected();
   void disconnected(int error, xmpp_stream_error_t *stream_error);
   void roster_received(xmpp_stanza_t *iq);
   void roster_pushed(xmpp_stanza_t *iq);
   void caught_up();

   Host host_;
   UcSettings settings_;
   http::CommandQueue &queue_;
   http::RetryBackoff backoff_;  // reconnects; reset once a session got as far as its roster
   WatchList watched_;
   std::unordered_map<std::string, JidPresence> presence_;     // this session's stanzas, by bare JID
   std::unordered_map<std::string, std::string> roster_;       // bare JID -> subscription, this session
   std::unordered_map<std::string, bool> asked_;               // JIDs we sent a subscribe to, this session
   xmpp_ctx_t *ctx_ = nullptr;
   xmpp_conn_t *conn_ = nullptr;
   Phase phase_ = Phase::idle;
   std::int64_t next_attempt_us_ = 0;
   std::uint64_t session_ = 0;   // counts connection attempts; names the iq ids
   bool stopping_ = false;       // run() is closing: no more states for the host
};

}  // namespace portier::uc
