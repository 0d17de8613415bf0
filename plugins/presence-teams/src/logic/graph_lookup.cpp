// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph_lookup.h"

#include <cctype>
#include <charconv>

#include <nlohmann/json.hpp>

namespace portier::teams {
namespace {

// Percent-encoding for a path segment or a query value.
std::string encoded(std::string_view text) {
   static constexpr char kHex[] = "0123456789ABCDEF";
   std::string out;
   for (const char ch : text) {
      const auto c = static_cast<unsigned char>(ch);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
          c == '_' || c == '~' || c == '@') {
         out.push_back(ch);
      } else {
         out += {'%', kHex[c >> 4], kHex[c & 15]};
      }
   }
   return out;
}

// OData string literal: ' doubled.
std::string odata_literal(std::string_view text) {
   std::string out;
   for (const char c : text) {
      out.push_back(c);
      if (c == '\'') out.push_back('\'');
   }
   return out;
}

std::string lookup_url(const std::string &mail, EmailLookup how) {
   if (how == EmailLookup::upn) {
      // a UPN starting with '$' needs the key form (plain /users/$x is a 400)
      if (!mail.empty() && mail[0] == '$') return "/users('" + encoded(odata_literal(mail)) + "')?$select=id";
      return "/users/" + encoded(mail) + "?$select=id";
   }
   const std::string q = odata_literal(mail);
   return "/users?$filter=" + encoded("mail eq '" + q + "' or proxyAddresses/any(p:p eq 'smtp:" + q + "')") +
          "&$select=id";
}

std::optional<double> retry_after_of(const nlohmann::json &response) {
   const auto headers = response.find("headers");
   if (headers == response.end() || !headers->is_object()) return std::nullopt;
   for (auto it = headers->begin(); it != headers->end(); ++it) {
      std::string name = it.key();
      for (char &c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (name != "retry-after" || !it->is_string()) continue;
      const std::string text = it->get<std::string>();
      double seconds = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
      if (ec == std::errc() && end == text.data() + text.size() && seconds >= 0) return seconds;
   }
   return std::nullopt;
}

}  // namespace

std::string lookup_batch_body(const std::vector<std::string> &mails, EmailLookup how) {
   nlohmann::json requests = nlohmann::json::array();
   for (std::size_t i = 0; i < mails.size(); ++i) {
      requests.push_back({{"id", std::to_string(i)}, {"method", "GET"}, {"url", lookup_url(mails[i], how)}});
   }
   return nlohmann::json{{"requests", requests}}.dump();
}

Result<std::vector<LookupAnswer>> parse_lookup_batch(std::string_view body, std::size_t count) {
   const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   if (doc.is_discarded() || !doc.is_object()) return portier::error(PORTIER_ERR_INVALID, "batch answer is not a JSON object");
   const auto responses = doc.find("responses");
   if (responses == doc.end() || !responses->is_array()) {
      return portier::error(PORTIER_ERR_INVALID, "batch answer has no responses array");
   }
   std::vector<LookupAnswer> out(count);
   // Graph gives each request id one response; should an answer repeat an id, the first response
   // stands, so a later one can neither undo a found address nor leave its id on a not-found one.
   std::vector<bool> answered(count, false);
   for (const nlohmann::json &r : *responses) {
      if (!r.is_object()) continue;
      const auto id = r.find("id");
      const auto status = r.find("status");
      if (id == r.end() || !id->is_string() || status == r.end() || !status->is_number_integer()) continue;
      std::size_t index = 0;
      const std::string text = id->get<std::string>();
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
      if (ec != std::errc() || end != text.data() + text.size() || index >= count || answered[index]) continue;
      answered[index] = true;
      LookupAnswer &answer = out[index];
      const int code = status->get<int>();
      const auto sub = r.find("body");
      if (code == 200 && sub != r.end() && sub->is_object()) {
         // /users/{upn} gives the user; /users?$filter gives {"value":[user...]}
         const nlohmann::json *user = &*sub;
         if (const auto value = sub->find("value"); value != sub->end() && value->is_array()) {
            if (value->empty()) {
               answer.outcome = LookupOutcome::not_found;
               continue;
            }
            user = &value->front();
         }
         const auto uid = user->find("id");
         if (uid != user->end() && uid->is_string() && !uid->get<std::string>().empty()) {
            answer.outcome = LookupOutcome::found;
            answer.id = uid->get<std::string>();
         }
      } else if (code == 404) {
         answer.outcome = LookupOutcome::not_found;
      } else if (code == 429) {
         answer.retry_after = retry_after_of(r);
      }
   }
   return out;
}

}  // namespace portier::teams
