// SPDX-License-Identifier: GPL-3.0-or-later
#include "presence_state.h"

#include <charconv>

#include <portier/kind/presence.h>

#include "jid_keys.h"

namespace portier::uc {
namespace {

// Higher is more available; decides between resources of equal priority.
int rank(const std::string &show) {
   if (show.empty() || show == "chat") return 4;
   if (show == "away") return 3;
   if (show == "xa") return 2;
   if (show == "dnd") return 1;
   return 0;
}

}  // namespace

PortierPresence from_show(const std::string &show, const std::string &status) {
   PortierPresence out;
   out.note = status;
   out.activity_text = show;
   if (show.empty() || show == "chat") {
      out.availability = PORTIER_AVAILABILITY_AVAILABLE;
   } else if (show == "away") {
      out.availability = PORTIER_AVAILABILITY_AWAY;
   } else if (show == "xa") {
      // extended away: Unify's own clients use it for holidays; the activity keeps the difference
      out.availability = PORTIER_AVAILABILITY_AWAY;
      out.activity = PORTIER_ACTIVITY_OTHER;
      out.activity_text = "extended away";
   } else if (show == "dnd") {
      out.availability = PORTIER_AVAILABILITY_DND;
   } else {
      // RFC 6121 allows only the four values; a server sending another is reported, not guessed
      out.availability = PORTIER_AVAILABILITY_UNKNOWN;
   }
   return out;
}

int parse_priority(const std::string &text) {
   long value = 0;
   const char *first = text.data();
   const char *last = first + text.size();
   if (!text.empty() && *first == '+') ++first;
   const auto [end, ec] = std::from_chars(first, last, value);
   if (ec == std::errc::result_out_of_range) return text[0] == '-' ? -128 : 127;
   if (ec != std::errc() || end != last) return 0;
   if (value < -128) return -128;
   if (value > 127) return 127;
   return static_cast<int>(value);
}

bool JidPresence::apply(const PresenceStanza &stanza) {
   const std::string resource(resource_of(stanza.from));
   if (stanza.type.empty()) {
      error_ = false;
      if (resources_.size() >= kMaxResources && resources_.find(resource) == resources_.end()) return false;
      resources_[resource] = Resource{stanza.show, stanza.status, stanza.priority};
      return true;
   }
   if (stanza.type == "unavailable") {
      error_ = false;
      if (resource.empty()) {
         resources_.clear();  // a bare-JID unavailable ends every resource
      } else {
         resources_.erase(resource);
      }
      return true;
   }
   if (stanza.type == "error") {
      // no such user, or the server refused the subscription: nothing is known
      resources_.clear();
      error_ = true;
      return true;
   }
   return false;
}

void JidPresence::clear() noexcept {
   resources_.clear();
   error_ = false;
}

PortierPresence JidPresence::state() const {
   if (error_) return PortierPresence{PORTIER_AVAILABILITY_UNKNOWN, PORTIER_ACTIVITY_NONE, "", ""};
   const Resource *best = nullptr;
   for (const auto &[name, r] : resources_) {
      // a negative priority still says the person is online (RFC 6121 §4.7.2.3), so it counts
      if (best == nullptr || r.priority > best->priority || (r.priority == best->priority && rank(r.show) > rank(best->show))) {
         best = &r;
      }
   }
   if (best == nullptr) return PortierPresence{PORTIER_AVAILABILITY_OFFLINE, PORTIER_ACTIVITY_NONE, "", ""};
   return from_show(best->show, best->status);
}

}  // namespace portier::uc
