// SPDX-License-Identifier: GPL-3.0-or-later
#include "office_presence.h"
#include "json_fields.h"
#include "office_ids.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include <portier/kind/presence.h>

namespace portier::office {
namespace {

bool same(std::string_view a, std::string_view b) {
   return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
          });
}

OfficePresence presence_of(const nlohmann::json &body) {
   OfficePresence p;
   p.presence_status = http::string_at(body, "presenceStatus");
   p.dnd_status = http::string_at(body, "dndStatus");
   p.telephony_status = http::string_at(body, "telephonyStatus");
   p.meeting_status = http::string_at(body, "meetingStatus");
   p.message = http::string_at(body, "message");
   return p;
}

}  // namespace

PortierPresence map_presence(const OfficePresence &rc) {
   PortierPresence out;
   if (same(rc.presence_status, "Available")) out.availability = PORTIER_AVAILABILITY_AVAILABLE;
   if (same(rc.presence_status, "Busy")) out.availability = PORTIER_AVAILABILITY_BUSY;
   if (same(rc.presence_status, "Offline")) out.availability = PORTIER_AVAILABILITY_OFFLINE;
   const bool in_call = same(rc.telephony_status, "CallConnected") || same(rc.telephony_status, "OnHold") ||
                        same(rc.telephony_status, "ParkedCall");
   const bool in_meeting = same(rc.meeting_status, "Connected");
   if (in_call) {
      out.availability = PORTIER_AVAILABILITY_BUSY;
      out.activity = PORTIER_ACTIVITY_IN_A_CALL;
      out.activity_text = rc.telephony_status;
   } else if (in_meeting) {
      out.availability = PORTIER_AVAILABILITY_BUSY;
      out.activity = PORTIER_ACTIVITY_IN_A_MEETING;
      out.activity_text = "Meeting";
   } else if (same(rc.telephony_status, "Ringing")) {
      out.activity = PORTIER_ACTIVITY_OTHER;
      out.activity_text = rc.telephony_status;
   } else if (same(rc.dnd_status, "DoNotAcceptDepartmentCalls") || same(rc.dnd_status, "TakeDepartmentCallsOnly")) {
      out.activity = PORTIER_ACTIVITY_OTHER;
      out.activity_text = rc.dnd_status;
   }
   if (same(rc.dnd_status, "DoNotAcceptAnyCalls")) out.availability = PORTIER_AVAILABILITY_DND;
   out.note = rc.message;
   return out;
}

std::string presence_path(const std::vector<std::string> &ids) {
   std::string path = "/restapi/v1.0/account/~/extension/";
   for (std::size_t i = 0; i < ids.size(); ++i) {
      if (i > 0) path.push_back(',');
      path += ids[i];
   }
   return path + "/presence?detailedTelephonyState=true";
}

Result<std::vector<PresencePart>> parse_presence_answer(std::string_view body) {
   const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   if (doc.is_discarded()) return portier::error(PORTIER_ERR_INVALID, "presence answer is not JSON");
   std::vector<PresencePart> out;
   if (doc.is_object()) {
      // one id asked: a plain presence
      PresencePart part;
      if (const auto ext = doc.find("extension"); ext != doc.end() && ext->is_object()) {
         if (const auto id = ext->find("id"); id != ext->end()) part.id = id_text(*id);
      }
      if (part.id.empty()) return portier::error(PORTIER_ERR_INVALID, "presence answer without extension.id");
      part.status = 200;
      part.presence = presence_of(doc);
      out.push_back(std::move(part));
      return out;
   }
   if (!doc.is_array()) return portier::error(PORTIER_ERR_INVALID, "presence answer is neither a part list nor a presence");
   for (const nlohmann::json &item : doc) {
      if (!item.is_object()) continue;
      PresencePart part;
      if (const auto id = item.find("resourceId"); id != item.end()) part.id = id_text(*id);
      if (part.id.empty()) continue;
      if (const auto st = item.find("status"); st != item.end() && st->is_number_integer()) part.status = st->get<int>();
      if (const auto b = item.find("body"); b != item.end() && b->is_object()) {
         if (part.status == 200) {
            part.presence = presence_of(*b);
         } else {
            part.error_code = http::string_at(*b, "errorCode");
         }
      }
      out.push_back(std::move(part));
   }
   return out;
}

std::string error_code(std::string_view body) {
   const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   if (doc.is_discarded() || !doc.is_object()) return {};
   std::string code = http::string_at(doc, "errorCode");
   return code.empty() ? http::string_at(doc, "error") : code;
}

}  // namespace portier::office
