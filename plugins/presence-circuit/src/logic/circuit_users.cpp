// SPDX-License-Identifier: GPL-3.0-or-later
#include "circuit_users.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "url_text.h"

namespace portier::circuit {
namespace {

std::string lower(std::string_view text) {
   std::string out(text);
   std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
   return out;
}

}  // namespace

std::string users_list_url(std::string_view server_url, const std::vector<std::string> &mails) {
   std::string url(server_url);
   url += "/rest/v2/users/list?";
   for (const std::string &mail : mails) {
      url += "name=";
      url += http::percent_encode(mail);
      url += '&';
   }
   url += "secondaryLookup=true";
   return url;
}

Result<std::vector<std::string>> match_users(std::string_view body, const std::vector<std::string> &mails) {
   const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   if (doc.is_discarded() || !doc.is_array()) return portier::error(PORTIER_ERR_INVALID, "user list is not a JSON array");
   std::unordered_map<std::string, std::string> by_mail;  // lower-case address -> user id
   for (const nlohmann::json &user : doc) {
      if (!user.is_object()) continue;
      const auto id = user.find("userId");
      if (id == user.end() || !id->is_string() || id->get<std::string>().empty()) continue;
      if (const auto m = user.find("emailAddress"); m != user.end() && m->is_string()) {
         by_mail.emplace(lower(m->get<std::string>()), id->get<std::string>());
      }
      if (const auto list = user.find("emailAddresses"); list != user.end() && list->is_array()) {
         for (const nlohmann::json &entry : *list) {
            // the spec lists plain strings; objects with an `address` field are accepted too
            if (entry.is_string()) {
               by_mail.emplace(lower(entry.get<std::string>()), id->get<std::string>());
            } else if (entry.is_object()) {
               if (const auto a = entry.find("address"); a != entry.end() && a->is_string()) {
                  by_mail.emplace(lower(a->get<std::string>()), id->get<std::string>());
               }
            }
         }
      }
   }
   std::vector<std::string> out;
   out.reserve(mails.size());
   for (const std::string &mail : mails) {
      const auto it = by_mail.find(lower(mail));
      out.push_back(it == by_mail.end() ? std::string() : it->second);
   }
   return out;
}

}  // namespace portier::circuit
