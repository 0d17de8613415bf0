// SPDX-License-Identifier: GPL-3.0-or-later
#include "ucwa_presence.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include <portier/kind/presence.h>

#include "ucwa_text.h"

namespace portier::skype {
namespace {

struct Meaning {
   std::int32_t availability;
   std::int32_t activity;
};

const std::unordered_map<std::string, Meaning> &availabilities() {
   static const std::unordered_map<std::string, Meaning> table = {
       {"online", {PORTIER_AVAILABILITY_AVAILABLE, PORTIER_ACTIVITY_NONE}},
       {"idleonline", {PORTIER_AVAILABILITY_AVAILABLE, PORTIER_ACTIVITY_NONE}},
       {"busy", {PORTIER_AVAILABILITY_BUSY, PORTIER_ACTIVITY_NONE}},
       {"idlebusy", {PORTIER_AVAILABILITY_BUSY, PORTIER_ACTIVITY_NONE}},
       {"donotdisturb", {PORTIER_AVAILABILITY_DND, PORTIER_ACTIVITY_NONE}},
       {"berightback", {PORTIER_AVAILABILITY_AWAY, PORTIER_ACTIVITY_BE_RIGHT_BACK}},
       {"away", {PORTIER_AVAILABILITY_AWAY, PORTIER_ACTIVITY_AWAY}},
       {"offline", {PORTIER_AVAILABILITY_OFFLINE, PORTIER_ACTIVITY_NONE}},
   };
   return table;
}

// The well-known activity tokens; the availability is kept.
const std::unordered_map<std::string, std::int32_t> &activities() {
   static const std::unordered_map<std::string, std::int32_t> table = {
       {"on-the-phone", PORTIER_ACTIVITY_IN_A_CALL},
       {"in-a-conference", PORTIER_ACTIVITY_IN_A_CALL},
       {"in-a-meeting", PORTIER_ACTIVITY_IN_A_MEETING},
       {"presenting", PORTIER_ACTIVITY_PRESENTING},
       {"urgent-interruptions-only", PORTIER_ACTIVITY_OTHER},
       {"off-work", PORTIER_ACTIVITY_OFF_WORK},
   };
   return table;
}

// Activities that only repeat an availability ("Available", "Away") add nothing.
bool repeats_availability(const std::string &activity) {
   return activity == "available" || availabilities().count(activity) != 0;
}

}  // namespace

PortierPresence map_presence(const UcwaPresence &ucwa) {
   PortierPresence out;
   const auto avail = availabilities().find(lower(ucwa.availability));
   if (avail != availabilities().end()) {
      out.availability = avail->second.availability;
      out.activity = avail->second.activity;
      if (out.activity != PORTIER_ACTIVITY_NONE) out.activity_text = ucwa.availability;
   }
   const std::string act = lower(ucwa.activity);
   if (act.empty() || repeats_availability(act)) return out;
   const auto known = activities().find(act);
   out.activity = known == activities().end() ? PORTIER_ACTIVITY_OTHER : known->second;
   out.activity_text = ucwa.activity;
   return out;
}

Result<UcwaPresence> parse_presence(std::string_view body) {
   const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   if (!doc.is_object()) return portier::error(PORTIER_ERR_INVALID, "presence answer is not a JSON object");
   UcwaPresence out;
   if (const auto a = doc.find("availability"); a != doc.end() && a->is_string()) out.availability = a->get<std::string>();
   if (const auto a = doc.find("activity"); a != doc.end() && a->is_string()) out.activity = a->get<std::string>();
   if (const auto links = doc.find("_links"); links != doc.end() && links->is_object()) {
      if (const auto self = links->find("self"); self != links->end() && self->is_object()) {
         if (const auto h = self->find("href"); h != self->end() && h->is_string()) out.self = h->get<std::string>();
      }
   }
   return out;
}

std::string address_from_href(std::string_view href) {
   const std::size_t at = href.find("/people/");
   if (at == std::string_view::npos) return {};
   std::string_view rest = href.substr(at + 8);
   rest = rest.substr(0, rest.find_first_of("/?#"));
   std::string out;
   for (std::size_t i = 0; i < rest.size(); ++i) {
      // addresses may come percent-encoded (%40 for '@')
      if (rest[i] == '%' && i + 2 < rest.size() && std::isxdigit(static_cast<unsigned char>(rest[i + 1])) &&
          std::isxdigit(static_cast<unsigned char>(rest[i + 2]))) {
         out.push_back(static_cast<char>(std::stoi(std::string(rest.substr(i + 1, 2)), nullptr, 16)));
         i += 2;
      } else {
         out.push_back(rest[i]);
      }
   }
   out = lower(out);
   if (out.rfind("sip:", 0) == 0) out.erase(0, 4);
   return out;
}

std::string sip_uri_of(std::string_view key) {
   std::string address = lower(key);
   if (address.rfind("sip:", 0) == 0) address.erase(0, 4);
   return address.empty() ? std::string() : "sip:" + address;
}

std::string presence_path(std::string_view application_href, std::string_view address) {
   std::string base(application_href);
   while (!base.empty() && base.back() == '/') base.pop_back();
   return base + "/people/" + std::string(address) + "/presence";
}

}  // namespace portier::skype
