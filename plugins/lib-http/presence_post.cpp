// SPDX-License-Identifier: GPL-3.0-or-later
#include "presence_post.h"

#include <chrono>
#include <thread>

#include <portier/event.hpp>
#include <portier/kind/presence.h>

namespace portier::http {
namespace {

constexpr int kPostAttempts = 100;  // an event is retried while the engine queue is full
constexpr auto kPostRetryDelay = std::chrono::milliseconds(5);

}  // namespace

void post_presence(const Host &host, std::int32_t key_type, const std::string &key, const PresenceValue &state,
                   std::int64_t confirmed_us, const std::string &label) {
   auto ev = make_event<portier_presence_event>(PORTIER_SPACE_PRESENCE, PORTIER_PRESENCE_EV_STATE);
   ev.key_type = key_type;
   ev.availability = state.availability;
   ev.activity = state.activity;
   ev.confirmed_us = confirmed_us;
   set_text(ev.header, ev.key, key);
   set_text(ev.header, ev.activity_text, state.activity_text);
   set_text(ev.header, ev.note, state.note);
   for (int attempt = 0; attempt < kPostAttempts; ++attempt) {
      const auto posted = host.post(ev);
      if (posted.status() != PORTIER_ERR_BUSY) {
         if (!posted.ok()) host.error("presence of " + label + " not posted: " + posted.message());
         return;
      }
      std::this_thread::sleep_for(kPostRetryDelay);
   }
   host.error("presence of " + label + " dropped: the engine queue stayed full");
}

}  // namespace portier::http
