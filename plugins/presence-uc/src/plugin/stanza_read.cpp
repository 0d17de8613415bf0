// SPDX-License-Identifier: GPL-3.0-or-later
#include "stanza_read.h"

#include <algorithm>
#include <cstring>

#include "jid_keys.h"

namespace portier::uc {
namespace {


std::string attribute(xmpp_stanza_t *stanza, const char *name) {
   const char *value = xmpp_stanza_get_attribute(stanza, name);
   return value == nullptr ? std::string() : std::string(value);
}

// The text of the child `name`, at most `limit` bytes.
std::string child_text(xmpp_stanza_t *stanza, const char *name, std::size_t limit) {
   xmpp_stanza_t *child = xmpp_stanza_get_child_by_name(stanza, name);
   if (child == nullptr) return {};
   xmpp_stanza_t *text = xmpp_stanza_get_children(child);
   std::string out;
   for (; text != nullptr && out.size() < limit; text = xmpp_stanza_get_next(text)) {
      if (!xmpp_stanza_is_text(text)) continue;
      const char *part = xmpp_stanza_get_text_ptr(text);
      if (part != nullptr) out.append(part, std::min(std::strlen(part), limit - out.size()));
   }
   return out;
}

}  // namespace

PresenceStanza read_presence(xmpp_stanza_t *stanza) {
   PresenceStanza out;
   out.from = attribute(stanza, "from");
   out.type = attribute(stanza, "type");
   out.show = child_text(stanza, "show", 16);
   out.status = child_text(stanza, "status", kMaxStatus);
   out.priority = parse_priority(child_text(stanza, "priority", 8));
   return out;
}

std::vector<std::pair<std::string, std::string>> read_roster_items(xmpp_stanza_t *iq) {
   std::vector<std::pair<std::string, std::string>> out;
   xmpp_stanza_t *query = xmpp_stanza_get_child_by_ns(iq, kRosterNs);
   if (query == nullptr) return out;
   for (xmpp_stanza_t *item = xmpp_stanza_get_children(query); item != nullptr; item = xmpp_stanza_get_next(item)) {
      const char *name = xmpp_stanza_get_name(item);
      if (name == nullptr || std::strcmp(name, "item") != 0) continue;
      const std::string jid = attribute(item, "jid");
      if (jid.empty()) continue;
      std::string subscription = attribute(item, "subscription");
      out.emplace_back(bare_jid(jid), subscription.empty() ? "none" : subscription);
   }
   return out;
}

bool grants_presence(const std::string &subscription) { return subscription == "to" || subscription == "both"; }

}  // namespace portier::uc
